"""How long PDF packs take to make, how fast a made one comes back, and what the worker costs.

Run with `make bench` (or on its own: `.venv/bin/python scripts/bench_packs.py`). Everything
runs as in use: the pack is asked for through the site (Django's test client, signed in as the
demo manager), a real Celery worker (the prefork pool, one pool process, as make run starts
it) takes the task through a private Redis, and the bench polls the database until the pack
is ready. It measures:

- the demo programme pack: the first render in a fresh worker (cold), then one in a warm worker;
- a programme grown (reflections, check-outs, photos) until its pack is 30 pages, target < 5 s;
- the pack asked for again with nothing changed (the file at once, target < 20 ms and at
  most 5 queries, from the programme's content version) and the
  download link (which checks the content again): milliseconds and SQL queries;
- the same programme grown on until its pack is about 200 pages;
- the worker's peak memory (VmHWM) after all the renders, target < 300 MB, and the pool
  process's peak after the 200-page pack, target < 400 MB;
- Chromium's print-to-PDF of the same HTML, if Chromium is installed, and how many times
  longer the worker takes than Chromium at 30 and at 200 pages (targets: under 2.3 and
  5.1 times).

Everything lives in a temporary folder (SQLite database, media, Redis without persistence),
removed at the end, with Redis and the worker stopped even when something fails.
"""

import io
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The bench and its worker share one environment, set before Django reads it.
TEMP_DIR = Path(tempfile.mkdtemp(prefix="codesign-bench-packs-"))
MEDIA_DIR = TEMP_DIR / "media"
REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "codesign.settings",
        "DATABASE_URL": f"sqlite:///{TEMP_DIR / 'bench.sqlite3'}",
        "CELERY_BROKER_URL": REDIS_URL,
        "DJANGO_MEDIA_ROOT": str(MEDIA_DIR),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
)
# Tasks must go to the worker, not run in the bench's own process.
os.environ.pop("CELERY_TASK_ALWAYS_EAGER", None)

import django  # noqa: E402

try:
    django.setup()
except BaseException:
    shutil.rmtree(TEMP_DIR, ignore_errors=True)
    raise

import redis  # noqa: E402
import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from codesign.celery import app  # noqa: E402
from demo.management.commands.seed_demo import PROGRAMME_NAME  # noqa: E402
from packs import content as contents  # noqa: E402
from packs import render as pack_render  # noqa: E402
from packs.models import Pack, PackKind, PackStatus  # noqa: E402
from voice import services as voice_services  # noqa: E402
from voice.models import HowItWent, Reflection  # noqa: E402
from workshops.middleware import programme_content_changed  # noqa: E402
from workshops.models import Feeling, Membership, Programme, Role, Session  # noqa: E402
from workshops.tests.factories import make_photo  # noqa: E402

TARGET_PAGES = 30
LONG_PAGES = 200
# A 200-page render takes the worker some seconds a try: a pack within this many pages of
# it is near enough.
LONG_PAGES_NEAR = 2
GROWING_TRIES = 6
# How many times longer the worker may take than Chromium over the same HTML.
CHROMIUM_RATIO_TARGETS = {TARGET_PAGES: 2.3, LONG_PAGES: 5.1}
MEMORY_TARGET_MB = 400
ROUNDS = 30
WORKER_START_TIMEOUT = 60
RENDER_TIMEOUT = pack_render.TIME_LIMIT + 10
CHROMIUM_TIMEOUT = 60

# What people might write after a session, in the programme's own words.
REFLECTION_OPENINGS = [
    "Hug in a Mug made me think about the first night in my own flat, when nobody rang.",
    "I voted for Unique because it is about what you are good at, not what went wrong.",
    "Global Tastes got everyone talking about the food we grew up with.",
    "Hearing the young people explain their timelines changed how I write pathway plans.",
    "I didn't think a manager would sit on the floor with sticky notes, but she did.",
    "The persona of Jade felt real. Everyone had met someone like her.",
    "We argued about Hug in a Mug and Unique for ages, and it was a good argument.",
    "Prototyping Global Tastes at the hub showed us who would actually turn up.",
]
REFLECTION_ENDINGS = [
    "I want to keep going with it after the programme ends.",
    "Next time I'd like more time for the journey map.",
    "It was the first meeting where I said more than the professionals did.",
    "I'm taking this back to my team on Monday.",
    "I felt listened to, which doesn't happen much.",
    "Some of it was hard to hear, but it needed saying.",
]
WENT_WELL = [
    "Working in small groups on the journey map.",
    "Everyone got a turn to speak.",
    "Trying out Hug in a Mug for real.",
    "Meeting people from Housing and Health.",
]
COULD_BE_BETTER = [
    "A quieter room.",
    "More breaks.",
    "Hand-outs to take home.",
    "",
]


@dataclass
class Render:
    label: str
    pages: int
    wall: float  # seconds from asking until the row says ready
    render: float  # seconds the worker spent (finished_at - started_at)


# --- Processes: Redis and the worker ---


class BenchError(Exception):
    """Something the bench needs did not work: said plainly, without a traceback."""


def redis_server_binary() -> str:
    found = subprocess.run(
        [str(BASE_DIR / "scripts" / "redis-server-path")],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.strip()
    if not found:
        raise BenchError("No redis-server: run `make run` or `make test` once, which installs it.")
    return found


def start_redis() -> subprocess.Popen:
    port = urlsplit(REDIS_URL).port
    process = subprocess.Popen(
        [redis_server_binary(), "--bind", "127.0.0.1", "--port", str(port)]
        + ["--save", "", "--appendonly", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis.from_url(REDIS_URL)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise BenchError("redis-server did not start.") from None
            time.sleep(0.05)


def start_worker(log_path: Path) -> subprocess.Popen:
    with log_path.open("w") as log:
        process = subprocess.Popen(
            # As make run starts it: the prefork pool (where Celery enforces time limits),
            # and a pool process replaced once a task leaves it over 400 MB.
            [sys.executable, "-m", "celery", "-A", "codesign", "worker", "--pool=prefork"]
            + ["--concurrency=1", f"--max-memory-per-child={MAX_MEMORY_PER_CHILD_KB}"]
            + ["--loglevel=warning", "--without-heartbeat", "--without-gossip"]
            + ["--without-mingle"],
            cwd=BASE_DIR,
            env=os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + WORKER_START_TIMEOUT
    while not app.control.ping(timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise BenchError(f"The Celery worker did not start.\n{log_tail(log_path)}")
    return process


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def log_tail(path: Path, lines: int = 30) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    return "Worker log (last lines):\n" + "\n".join(text.splitlines()[-lines:])


MAX_MEMORY_PER_CHILD_KB = 400_000


def render_peaks(log_path: Path) -> list[tuple[int, float]]:
    """(pages, peak MB of the pool process that made them) for each pack the worker made."""
    found = re.findall(
        r"made: (\d+) pages; this worker process's peak memory (\d+) MB",
        log_path.read_text(errors="replace"),
    )
    return [(int(pages), float(mb)) for pages, mb in found]


def worker_memory(pid: int) -> dict[str, float]:
    """VmHWM (peak resident memory) and VmRSS of a process, in MB."""
    memory = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            memory[name] = int(value.split()[0]) / 1024  # kB
    return memory


# --- Asking for packs ---


class Bench:
    """The demo manager asking for the programme pack, and the worker that makes it."""

    def __init__(self, programme: Programme, worker: subprocess.Popen, worker_log: Path):
        self.programme = programme
        self.worker = worker
        self.worker_log = worker_log
        self.client = Client()
        self.client.force_login(Membership.objects.get(programme=programme, role=Role.MANAGER).user)
        self.request_url = reverse("packs:pack-request", args=[programme.pk])

    def ask(self):
        return self.client.post(self.request_url, {"kind": PackKind.PROGRAMME})

    def render(self, label: str) -> tuple[Render, Pack]:
        """Ask for the pack after a change, and wait for the worker to make it."""
        # The bench changes the programme straight in the database, not through the site,
        # so it moves the content version on as the site would.
        programme_content_changed(Programme.objects.filter(pk=self.programme.pk))
        start = time.perf_counter()
        response = self.ask()
        if response.status_code != 302:
            raise BenchError(f"{label}: expected a new pack, got {response.status_code}.")
        pack_id = resolve(response["Location"]).kwargs["pack_id"]
        deadline = time.monotonic() + RENDER_TIMEOUT
        while True:
            pack = Pack.objects.get(pk=pack_id)
            if pack.is_ready:
                break
            if pack.status == PackStatus.FAILED:
                raise BenchError(f"{label}: the pack failed: {pack.error}\n{self.tail()}")
            if self.worker.poll() is not None:
                raise BenchError(f"{label}: the worker died.\n{self.tail()}")
            if time.monotonic() > deadline:
                raise BenchError(f"{label}: not ready after {RENDER_TIMEOUT} s.\n{self.tail()}")
            time.sleep(0.02)
        wall = time.perf_counter() - start
        worked = (pack.finished_at - pack.started_at).total_seconds()
        return Render(label, pack.pages, wall, worked), pack

    def tail(self) -> str:
        return log_tail(self.worker_log)

    def time_requests(self, send) -> tuple[list[float], int]:
        """Milliseconds of each of ROUNDS requests that should return the PDF, and the SQL
        queries of one more."""
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = send()
            pdf = b"".join(response.streaming_content) if response.status_code == 200 else b""
            times.append((time.perf_counter() - start) * 1000)
            response.close()
            if response.status_code != 200 or not pdf.startswith(b"%PDF"):
                raise BenchError(f"Expected the PDF at once, got {response.status_code}.")
        with CaptureQueriesContext(connection) as queries:
            send().close()
        return times, len(queries.captured_queries)


# --- Growing the programme ---


def sessions_of(programme: Programme) -> list[Session]:
    return list(
        Session.objects.filter(workshop__programme=programme).order_by(
            "workshop__number", "date", "pk"
        )
    )


def add_checkouts(programme: Programme) -> int:
    """Everyone checks out of every session (where they have not already)."""
    added = 0
    members = list(programme.memberships.exclude(role=Role.MANAGER).order_by("pk"))
    for session in sessions_of(programme):
        done = set(session.checkouts.values_list("membership_id", flat=True))
        for number, member in enumerate(members):
            if member.pk in done:
                continue
            voice_services.checkout_save(
                session=session,
                membership=member,
                how_it_went=HowItWent.values[number % 3],
                went_well=WENT_WELL[number % len(WENT_WELL)],
                could_be_better=COULD_BE_BETTER[number % len(COULD_BE_BETTER)],
            )
            added += 1
    return added


def add_photos(programme: Programme, count: int) -> None:
    sessions = sessions_of(programme)
    uploader = programme.memberships.get(user__username="youngperson")
    for number in range(count):
        session = sessions[(number + 1) % len(sessions)]
        make_photo(session, uploader, caption=f"Our wall of sticky notes, table {number + 1}")


def add_reflections(programme: Programme, count: int, first: int = 0) -> list[int]:
    """Reflections shared with the group, spread over the sessions; their ids."""
    sessions = sessions_of(programme)
    authors = list(programme.memberships.exclude(role=Role.MANAGER).order_by("pk"))
    feelings = Feeling.values
    added = []
    for number in range(first, first + count):
        opening = REFLECTION_OPENINGS[number % len(REFLECTION_OPENINGS)]
        ending = REFLECTION_ENDINGS[number % len(REFLECTION_ENDINGS)]
        reflection = voice_services.reflection_add(
            session=sessions[number % len(sessions)],
            author=authors[number % len(authors)],
            text=f"{opening} {ending}",
            feeling=feelings[number % len(feelings)],
            anonymous=number % 5 == 0,
        )
        added.append(reflection.pk)
    return added


def grow_to_target(
    bench: Bench,
    start_pages: int,
    target: int,
    reflections: list[int],
    wanted: int,
    near: int = 0,
) -> tuple[list[Render], Pack]:
    """Add reflections (or take back ones added here) until the pack is target pages, or
    within near of it: out from start_pages by the pages each reflection added so far, then
    halving the gap between the most that came short and the fewest that went over.
    reflections holds the ids of those added so far, and is kept up to date."""
    first = len(reflections)
    short, over = (first, start_pages), None  # (reflections added, pages) either side
    renders = []
    for attempt in range(1, GROWING_TRIES + 1):
        if wanted > len(reflections):
            reflections += add_reflections(
                bench.programme, wanted - len(reflections), first=len(reflections)
            )
        elif wanted < len(reflections):
            Reflection.objects.filter(pk__in=reflections[wanted:]).delete()
            del reflections[wanted:]
        render, pack = bench.render(f"growing, try {attempt} (+{len(reflections)} reflections)")
        renders.append(render)
        if abs(render.pages - target) <= near:
            break
        if render.pages < target:
            short = (wanted, render.pages)
        else:
            over = (wanted, render.pages)
        if over is None:
            per_page = (wanted - first) / max(render.pages - start_pages, 1)
            wanted += max(1, round((target - render.pages) * per_page))
        elif over[0] - short[0] > 1:
            wanted = (short[0] + over[0]) // 2
        else:
            break  # one reflection more goes from under to over: as near as it gets
    return renders, pack


# --- Chromium, for reference ---


def serve(html_dir: Path) -> ThreadingHTTPServer:
    """The pages' HTML, with /static/ from the repository and /media/ from the bench."""
    roots = {settings.STATIC_URL: BASE_DIR / "static", settings.MEDIA_URL: MEDIA_DIR}

    class PackFiles(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            for prefix, root in roots.items():
                if path.startswith(prefix):
                    return str(root / path.removeprefix(prefix))
            return super().translate_path(path)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PackFiles, directory=str(html_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium_print(chromium: str, url: str, output: Path) -> tuple[float, int]:
    """Seconds for Chromium to print a page to PDF, and the PDF's pages."""
    output.unlink(missing_ok=True)
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-pdf-header-footer",
        f"--user-data-dir={TEMP_DIR / 'chromium'}",
        f"--print-to-pdf={output}",
        url,
    ]
    start = time.perf_counter()
    # Its own process group, so that a Chromium that hangs goes with all its helpers.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, errors = process.communicate(timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        raise
    seconds = time.perf_counter() - start
    if process.returncode != 0 or not output.exists():
        raise subprocess.SubprocessError(errors.decode(errors="replace").strip()[-500:])
    return seconds, len(PdfReader(output).pages)


def chromium_reference(pages: dict[str, str]) -> dict[str, float]:
    """Print each page with Chromium twice; the faster run's seconds, by name."""
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium print-to-pdf (reference): skipped, no `chromium` on PATH")
        return {}
    fastest = {}
    html_dir = TEMP_DIR / "html"
    html_dir.mkdir()
    server = serve(html_dir)
    try:
        print()
        print("chromium print-to-pdf (reference), the same HTML:")
        for name, html in pages.items():
            filename = name.replace(" ", "-") + ".html"
            (html_dir / filename).write_text(html)
            url = f"http://127.0.0.1:{server.server_port}/{filename}"
            for run in ("1st run", "2nd run"):
                try:
                    seconds, count = chromium_print(chromium, url, TEMP_DIR / "chromium.pdf")
                except (subprocess.SubprocessError, OSError) as error:
                    print(f"  {name} ({run}): failed: {error}")
                    break
                print(row(f"{name} ({run})", count, seconds, None))
                fastest[name] = min(seconds, fastest.get(name, seconds))
    finally:
        server.shutdown()
        server.server_close()
    return fastest


# --- Output ---


def row(label: str, pages: int, wall: float, render: float | None) -> str:
    speed = pages / (render or wall)
    worked = f"{render:>9.2f}" if render is not None else f"{'':>9}"
    return f"  {label:<48} {pages:>5} {wall:>8.2f} {worked} {speed:>8.1f}"


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # rows as they come, before any error
    redis_process = worker = None
    try:
        redis_process = start_redis()
        call_command("migrate", verbosity=0)
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        call_command("seed_demo", stdout=io.StringIO())
        programme = Programme.objects.get(name=PROGRAMME_NAME)
        worker_log = TEMP_DIR / "worker.log"
        worker = start_worker(worker_log)
        bench = Bench(programme, worker, worker_log)

        print(
            f"Packs on {os.cpu_count()} cores, WeasyPrint {weasyprint.__version__}, "
            f"Celery worker pid {worker.pid} (prefork, 1 pool process), SQLite in {TEMP_DIR}"
        )
        print(f"  {'pack':<48} {'pages':>5} {'wall s':>8} {'render s':>9} {'pages/s':>8}")
        demo, pack = bench.render("demo programme pack (cold, 1st in worker)")
        print(row(demo.label, demo.pages, demo.wall, demo.render))

        first_session = sessions_of(programme)[0]
        voice_services.reflection_add(
            session=first_session,
            author=programme.memberships.get(user__username="reece"),
            text="Unique was my idea and the group chose it. I'm proud of that.",
            feeling=Feeling.PROUD,
        )
        warm, pack = bench.render("demo programme pack (warm)")
        print(row(warm.label, warm.pages, warm.wall, warm.render))
        demo_html = pack_render.render_html(pack, contents.pack_content(pack.kind, programme, None))

        add_checkouts(programme)
        add_photos(programme, 3)
        reflections: list[int] = []
        growing, pack = grow_to_target(bench, warm.pages, TARGET_PAGES, reflections, wanted=40)
        for render in growing:
            print(row(render.label, render.pages, render.wall, render.render))
        big = growing[-1]
        big_html = pack_render.render_html(pack, contents.pack_content(pack.kind, programme, None))
        # A change that leaves the length alone: one reflection's feeling, Happy to Proud.
        changed = Reflection.objects.filter(
            session__workshop__programme=programme, feeling=Feeling.HAPPY
        ).first()
        if changed is None:
            raise BenchError("No reflection felt Happy, to change for the warm render.")
        voice_services.reflection_edit(reflection=changed, feeling=Feeling.PROUD)
        big_warm, pack = bench.render(f"{big.pages}-page pack (warm, one feeling changed)")
        print(row(big_warm.label, big_warm.pages, big_warm.wall, big_warm.render))
        if big.pages != TARGET_PAGES:
            print(f"  (could not reach exactly {TARGET_PAGES} pages in {GROWING_TRIES} tries)")
        print(
            f"  {big.pages}-page pack: first render (the last try above) {big.wall:.2f} s, "
            f"warm {big_warm.wall:.2f} s from asking to ready "
            f"(target under 5 s: {verdict(max(big.wall, big_warm.wall) < 5)})"
        )

        print()
        print(f"Asking again with nothing changed ({big_warm.pages}-page pack, {ROUNDS} requests):")
        posts, post_queries = bench.time_requests(bench.ask)
        download_url = reverse("packs:pack-download", args=[programme.pk, pack.pk])
        gets, get_queries = bench.time_requests(lambda: bench.client.get(download_url))
        for label, times, queries in (
            ("cached download (POST pack request)", posts, post_queries),
            ("download link (GET, checks the version)", gets, get_queries),
        ):
            median = statistics.median(times)
            print(
                f"  {label:<40} median {median:6.1f} ms  max {max(times):6.1f} ms  "
                f"{queries:>3} queries  (target under 20 ms and 5 queries: "
                f"{verdict(median < 20 and queries <= 5)})"
            )
        gathering, hashing = [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            content = contents.pack_content(PackKind.PROGRAMME, programme, None)
            middle = time.perf_counter()
            contents.content_hash(PackKind.PROGRAMME, content)
            gathering.append((middle - start) * 1000)
            hashing.append((time.perf_counter() - middle) * 1000)
        print(
            f"  of which gathering the content {statistics.median(gathering):.1f} ms, "
            f"hashing it {statistics.median(hashing):.1f} ms (medians)"
        )

        print()
        print(f"Growing on to about {LONG_PAGES} pages:")
        per_page = len(reflections) / max(big_warm.pages - warm.pages, 1)
        wanted = len(reflections) + round((LONG_PAGES - big_warm.pages) * per_page)
        growing_long, pack = grow_to_target(
            bench, big_warm.pages, LONG_PAGES, reflections, wanted, near=LONG_PAGES_NEAR
        )
        for render in growing_long:
            print(row(render.label, render.pages, render.wall, render.render))
        long = growing_long[-1]
        long_html = pack_render.render_html(pack, contents.pack_content(pack.kind, programme, None))

        memory = worker_memory(worker.pid)
        renders = len(growing) + len(growing_long) + 3
        print()
        print(
            f"worker's main process after {renders} renders: "
            f"VmHWM {memory['VmHWM']:.0f} MB, VmRSS now {memory['VmRSS']:.0f} MB"
        )
        peaks = render_peaks(worker_log)
        print(
            "  pool process peak after each pack: "
            + ", ".join(f"{peak:.0f} MB ({pages} pages)" for pages, peak in peaks)
        )
        long_peak = next((peak for pages, peak in reversed(peaks) if pages == long.pages), None)
        if long_peak is not None:
            print(
                f"  pool process peak after the {long.pages}-page pack: {long_peak:.0f} MB "
                f"(target under {MEMORY_TARGET_MB} MB: {verdict(long_peak < MEMORY_TARGET_MB)})"
            )

        chromium = chromium_reference(
            {
                f"{big.pages}-page pack": big_html,
                f"{long.pages}-page pack": long_html,
                "demo pack": demo_html,
            }
        )
        if chromium:
            print()
            print("the worker against Chromium (its render s over Chromium's faster run):")
        for target, render in ((TARGET_PAGES, big), (LONG_PAGES, long)):
            seconds = chromium.get(f"{render.pages}-page pack")
            if seconds is None:
                continue
            ratio = render.render / seconds
            goal = CHROMIUM_RATIO_TARGETS[target]
            print(
                f"  {render.pages:>3} pages: WeasyPrint {render.render:6.2f} s, "
                f"Chromium {seconds:5.2f} s, {ratio:4.1f} times "
                f"(target under {goal} at {target} pages: {verdict(ratio < goal)})"
            )
    except BenchError as error:
        print(f"bench_packs failed: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        stop(worker)
        stop(redis_process)
        connection.close()
        shutil.rmtree(TEMP_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
