"""`make run` keeps its parts running: when the Celery worker or Redis dies, it is started
again and the web server goes on answering; stopping `make run` stops every part."""

import contextlib
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from celery import Celery

from conftest import _free_port, wait_for

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]


def _pids_with(marker: str) -> set[int]:
    """The processes whose command line holds the marker (a path unique to this test)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def _parent(pid: int) -> int:
    return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])


def _answers(url: str):
    def web_answers():
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    return web_answers


def _worker_answers(broker_url: str):
    app = Celery(broker=broker_url)

    def worker_answers():
        try:
            return app.control.ping(timeout=1.0)
        except Exception:  # noqa: BLE001 - Redis may be on its way back up
            return []

    return worker_answers


def _kill(pids: set[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_make_run_starts_the_worker_and_redis_again_when_they_die(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(_free_port()),
        "REDIS_PORT": str(_free_port()),
        "REDIS_DIR": str(tmp_path / "redis"),
        "BEAT_SCHEDULE": str(tmp_path / "celerybeat-schedule"),
        "VENV": str(Path(sys.executable).parent.parent),
    }
    environment.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity=0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    run = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    worker_marker = environment["BEAT_SCHEDULE"]
    redis_marker = f"127.0.0.1:{environment['REDIS_PORT']}"
    try:
        login = f"http://127.0.0.1:{environment['PORT']}/accounts/login/"
        wait_for(_answers(login), timeout=120)
        # The site is served by gunicorn: its main process and three workers.
        web_marker = f"127.0.0.1:{environment['PORT']}"
        wait_for(lambda: len(_pids_with(web_marker)) == 4)
        password = (tmp_path / "redis" / "password").read_text().strip()
        broker = f"redis://codesign:{password}@{redis_marker}/0"
        wait_for(_worker_answers(broker))
        first_worker = _pids_with(worker_marker)
        # Its main process killed outright, as the kernel does when memory runs out: the beat
        # and pool processes it started must go with it, not run on beside the next worker.
        [main] = [pid for pid in first_worker if _parent(pid) not in first_worker]

        _kill({main})

        wait_for(lambda: _pids_with(worker_marker) - first_worker)
        wait_for(_worker_answers(broker))
        assert _pids_with(worker_marker) & first_worker == set()
        assert _answers(login)()

        first_redis = _pids_with(redis_marker)
        assert first_redis
        _kill(first_redis)

        wait_for(_worker_answers(broker))
        assert _answers(login)()
        assert run.poll() is None

        # Ctrl-C stops every part it started.
        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=30)
        wait_for(
            lambda: (
                not (
                    _pids_with(worker_marker) or _pids_with(redis_marker) or _pids_with(web_marker)
                )
            ),
            timeout=30,
        )
    finally:
        if run.poll() is None or _pids_with(worker_marker) or _pids_with(redis_marker):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(run.pid, signal.SIGKILL)
    log = run.stderr.read().decode()
    assert "The Celery worker stopped (exit status 137); starting it again" in log
    assert "Redis stopped (exit status 137); starting it again" in log
