"""A room of members on their phones, for `make load` (scripts/load.sh starts everything).

Each member signs in, opens the session page, and then does what the pages do: the voice
partial polls every 4 s and the journey map every 3 s (each with the version it shows, as
htmx sends it), the session page is opened again now and then, and a reflection or a card
is posted now and then. Request names group the figures by kind.
"""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, constant, events, task
from locust.stats import StatsEntry

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text())
VERSION = re.compile(r'data-hx-get="[^"]*/voice/\?version=(\d+)"')
MAP_VERSION = re.compile(r'id="map-version" name="version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
usernames = list(DATA["usernames"])


class Member(HttpUser):
    wait_time = constant(0.5)

    def on_start(self):
        # The site runs with production settings, as behind a TLS proxy: its cookies are
        # marked Secure. On loopback, with the proxy's X-Forwarded-Proto, send them anyway.
        send = self.client.request

        def request(*args, **kwargs):
            for cookie in self.client.cookies:
                cookie.secure = False
            return send(*args, **kwargs)

        self.client.request = request
        host = self.host.split("://", 1)[1]
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": f"https://{host}/"})
        username = usernames.pop() if usernames else random.choice(DATA["usernames"])
        login = self.client.get("/accounts/login/", name="sign in page")
        self.client.post(
            "/accounts/login/",
            {
                "username": username,
                "password": DATA["password"],
                "csrfmiddlewaretoken": CSRF.search(login.text).group(1),
            },
            name="sign in",
        )
        self.open_session()
        self.open_map()
        now = time.monotonic()
        self.due = {
            "voice": now + random.uniform(0, 4),
            "map": now + random.uniform(0, 3),
            "session": now + random.uniform(30, 90),
            "reflection": now + random.uniform(20, 120),
            "card": now + random.uniform(20, 120),
        }

    def open_session(self):
        page = self.client.get(DATA["session"], name="session page")
        self.voice_version = VERSION.search(page.text).group(1)
        self.csrf = CSRF.search(page.text).group(1)

    def open_map(self):
        page = self.client.get(DATA["map"], name="journey map page")
        self.map_version = MAP_VERSION.search(page.text).group(1)

    def poll_voice(self):
        answer = self.client.get(
            DATA["voice"],
            params={"version": self.voice_version},
            headers={"HX-Request": "true"},
            name="voice poll",
        )
        if answer.status_code == 200 and (found := VERSION.search(answer.text)):
            self.voice_version = found.group(1)

    def poll_map(self):
        answer = self.client.get(
            DATA["map_poll"],
            params={"version": self.map_version},
            headers={"HX-Request": "true"},
            name="map poll",
        )
        if answer.status_code == 200 and (found := MAP_VERSION.search(answer.text)):
            self.map_version = found.group(1)

    def post_reflection(self):
        self.client.post(
            DATA["reflection_add"],
            {
                "csrfmiddlewaretoken": self.csrf,
                "text": "Talking about Hug in a Mug helped, and the ground rules.",
                "feeling": "happy",
                "shared": "group",
            },
            name="add a reflection",
            allow_redirects=False,
        )

    def post_card(self):
        self.client.post(
            DATA["card_add"],
            {
                "csrfmiddlewaretoken": self.csrf,
                "stage": random.choice(DATA["stages"]),
                "kind": random.choice(["insight", "problem", "opportunity"]),
                "text": "Nobody explained the gas meter.",
            },
            headers={"HX-Request": "true"},
            name="add a card",
        )

    @task
    def what_is_due(self):
        now = time.monotonic()
        every = {"voice": 4, "map": 3, "session": 60, "reflection": 90, "card": 90}
        actions = {
            "voice": self.poll_voice,
            "map": self.poll_map,
            "session": self.open_session,
            "reflection": self.post_reflection,
            "card": self.post_card,
        }
        for name, when in self.due.items():
            if now >= when:
                actions[name]()
                self.due[name] = now + every[name]


@events.quitting.add_listener
def _report(environment, **kwargs):
    """p50/p95/p99 per kind of request, and whether the room was served in time."""
    stats = environment.stats
    print()
    print(f"{'request':<22} {'count':>7} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        print(
            f"{entry.name:<22} {entry.num_requests:>7} {entry.num_failures:>6} "
            f"{entry.get_response_time_percentile(0.5):>7.0f} "
            f"{entry.get_response_time_percentile(0.95):>7.0f} "
            f"{entry.get_response_time_percentile(0.99):>7.0f}"
        )
    # Signing in is once a person, and slow on purpose (password hashing): the goal is for
    # what the room does after that.
    room = StatsEntry(stats, "the room", None)
    for entry in stats.entries.values():
        if not entry.name.startswith("sign in"):
            room.extend(entry)
    p95 = room.get_response_time_percentile(0.95)
    verdict = "ok" if stats.total.num_failures == 0 and p95 < 300 else "OVER"
    print(
        f"{'the room, signed in':<22} {room.num_requests:>7} {room.num_failures:>6} "
        f"{room.get_response_time_percentile(0.5):>7.0f} {p95:>7.0f} "
        f"{room.get_response_time_percentile(0.99):>7.0f}   "
        f"(goal: 0 errors, p95 < 300 ms: {verdict})"
    )
