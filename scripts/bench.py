"""Time, queries and peak memory of the main pages, for a small and a large programme.

Run with `make bench`. It uses a throwaway SQLite database (or DATABASE_URL's server, with a
test database beside the real one) and prints one row a page and size.
"""

import cProfile
import datetime
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codesign.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template import Template  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

served_render = Template._render
setup_test_environment()
# Pages render as they do when served: the test instrumentation, which copies every
# template's context for the test client, costs more than many of the templates.
Template._render = served_render
old_name = connection.creation.create_test_db(verbosity=0)

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import DirectoryEntry  # noqa: E402
from blueprints import services as blueprint_services  # noqa: E402
from blueprints.models import Idea  # noqa: E402
from personas import services as persona_services  # noqa: E402
from personas.models import Card, CardKind, JourneyMap, Persona, Stage, TimelineEvent  # noqa: E402
from showcases.models import Action, Guest, Quote, Showcase, Theme  # noqa: E402
from voice import services as voice_services  # noqa: E402
from workshops import services  # noqa: E402
from workshops.models import Role  # noqa: E402
from workshops.tests.factories import (  # noqa: E402
    ActivityFactory,
    MembershipFactory,
    UserFactory,
    dated,
    programme_from_template,
)

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Photos made for the bench go to a folder that is removed afterwards.
MEDIA_DIR = tempfile.mkdtemp(prefix="codesign-bench-")
settings.MEDIA_ROOT = MEDIA_DIR
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
# BENCH_PAGES=map,session measures only the pages whose names start so (and the empty one).
ONLY = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]
# BENCH_PROFILE=showcase prints where the large showcase page spends its time (and saves
# the profile to BENCH_PROFILE_FILE, if set, for pstats).
PROFILE = os.environ.get("BENCH_PROFILE", "")


def build_map(programme, stages: int, cards: int):
    persona = Persona.objects.create(programme=programme, name="Jade", age=17)
    journey_map = JourneyMap.objects.create(programme=programme, persona=persona, title="Map")
    made = Stage.objects.bulk_create(
        Stage(journey_map=journey_map, order=n, title=f"Stage {n}") for n in range(stages)
    )
    Card.objects.bulk_create(
        Card(stage=made[n % stages], kind=CardKind.values[n % 3], text=f"Card {n}")
        for n in range(cards)
    )
    for member in programme.memberships.all():
        timeline = persona_services.timeline_for(member)
        timeline.visibility = "group"
        timeline.save()
        TimelineEvent.objects.bulk_create(
            TimelineEvent(timeline=timeline, age=15 + n, kind="life", text=f"Event {n}")
            for n in range(4)
        )
    return journey_map


def build_voice(session, reflections: int, photos: int) -> None:
    from voice.models import Reflection
    from workshops.tests.factories import make_photo

    members = list(session.workshop.programme.memberships.all())
    Reflection.objects.bulk_create(
        Reflection(session=session, author=members[n % len(members)], text=f"Reflection {n}")
        for n in range(reflections)
    )
    for n in range(photos):
        make_photo(session, members[n % len(members)], caption=f"Photo {n}")
    session.refresh_from_db()


def measure_photo() -> None:
    """Re-encoding a 12-megapixel phone photo, as an upload does."""
    import io

    from PIL import Image

    from voice.images import process_upload

    original = io.BytesIO()
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(original, "JPEG", quality=92)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        process_upload(io.BytesIO(original.getvalue()))
        times.append(time.perf_counter() - start)
    size = len(original.getvalue()) / 1024 / 1024
    print(
        f"photo upload: 4000x3000 JPEG of {size:.1f} MB re-encoded in "
        f"{statistics.median(times) * 1000:.0f} ms (median of 5)"
    )


def build_showcase(programme, things: int) -> Showcase:
    """A showcase with as many guests and quotes as there are actions taken away from it, and
    a who's who entry for every member."""
    showcase = Showcase.objects.create(
        programme=programme,
        audience="Children's Commission Leadership Group",
        held_on=datetime.date(2026, 11, 10),
        people_count=13,
    )
    Guest.objects.bulk_create(
        Guest(showcase=showcase, organisation=f"Organisation {n}", roles="Head of Service")
        for n in range(things)
    )
    Quote.objects.bulk_create(
        Quote(showcase=showcase, text=f"Quote {n}", role="Head of Education") for n in range(things)
    )
    Action.objects.bulk_create(
        Action(
            programme=programme,
            showcase=showcase,
            what=f"Action {n}",
            organisation="Housing",
            theme=Theme.TOGETHER,
            due_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(things)
    )
    DirectoryEntry.objects.bulk_create(
        DirectoryEntry(user_id=user_id, name=f"Person {user_id}", organisation="Housing")
        for user_id in programme.memberships.values_list("user_id", flat=True)
    )
    return showcase


def build_blueprint(programme, steps: int, author):
    """A service blueprint of Hug in a Mug with this many steps, a cell written in each."""
    idea = Idea.objects.create(
        programme=programme, title="Hug in a Mug", what="A cuppa and a chat", author=author
    )
    blueprint = blueprint_services.blueprint_create(idea=idea)
    for number in range(steps - blueprint.steps.count()):
        blueprint_services.step_add(blueprint=blueprint, title=f"Step {number}")
    for step in blueprint.steps.all():
        cell = step.cells.get(lane="customer")
        blueprint_services.cell_write(cell=cell, text=f"Does {step.title}", version=None)
    blueprint.refresh_from_db()
    return blueprint


def build_vote(programme, ideas: int):
    """An open dot vote on this many ideas, its results shown, every member's dots placed."""
    made = [
        Idea.objects.create(programme=programme, title=f"Idea {n}", what="A service")
        for n in range(ideas)
    ]
    vote = blueprint_services.vote_open(
        programme=programme,
        title="Which two go forward?",
        ideas=made,
        dots_per_member=3,
        hide_results=False,
        take_forward=2,
    )
    for number, member in enumerate(programme.memberships.all()):
        for dot in range(3):
            idea = made[(number + dot) % ideas]
            blueprint_services.dot_place(vote=vote, member=member, idea=idea)
    return vote


def build(members: int, activities: int):
    facilitator = UserFactory()
    programme = programme_from_template(created_by=facilitator, name=f"Bench {members}")
    for _ in range(members):
        MembershipFactory(programme=programme, role=Role.YOUNG_PERSON)
    sessions = [workshop.sessions.get() for workshop in programme.workshops.all()]
    for session in sessions:
        dated(session, 7)
        session.activities.all().delete()
        for _ in range(activities):
            ActivityFactory(session=session)
    services.session_advance(session=sessions[0], from_activity_id=None)
    return facilitator, programme, sessions[0]


def timed_get(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    assert response.status_code in (200, 204), (url, response.status_code)
    return seconds


def measure(client: Client, url: str, before=None, reference: str = "") -> tuple[float, ...]:
    """The page's median milliseconds, its queries and peak KiB, and with a `reference` the
    reference's median milliseconds, timed in turn with the page's rounds: this machine's
    speed drifts from second to second, and a ratio of two pages timed minutes apart
    measured the drift."""
    client.get(url)  # warm caches and templates
    times, reference_times = [], []
    for _ in range(ROUNDS):
        if reference:
            reference_times.append(timed_get(client, reference))
        if before:
            before()
        times.append(timed_get(client, url))
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    measured = (statistics.median(times) * 1000, len(queries), peak / 1024)
    if reference:
        return (*measured, statistics.median(reference_times) * 1000)
    return measured


def profile(client: Client, url: str) -> None:
    # Time spent in each template, counting what it includes.
    spent = {}

    def timed_render(template, context):
        start = time.perf_counter()
        try:
            return served_render(template, context)
        finally:
            name = template.origin.template_name
            spent[name] = spent.get(name, 0) + time.perf_counter() - start

    Template._render = timed_render
    for _ in range(ROUNDS):
        client.get(url)
    Template._render = served_render
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1])[:20]:
        print(f"{seconds / ROUNDS * 1000:8.2f} ms  {name}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(ROUNDS):
        client.get(url)
    profiler.disable()
    if os.environ.get("BENCH_PROFILE_FILE"):
        profiler.dump_stats(os.environ["BENCH_PROFILE_FILE"])
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    # Our own code, outside the virtual environment.
    ours = r"^(?!.*-packages).*/(\w+)/\w+\.py"
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(ours, 40)


# What each page is held to, as a ratio to the empty signed-in page measured beside it.
PAGE_GOAL = 5
QUIET_POLL_GOAL = 2
# One change seen by a room of pollers, against every poller drawing the whole map.
POLLERS = 30
ONE_CHANGE_GOAL = 0.1


def measure_one_change(programme, journey_map) -> None:
    """CPU seconds the server spends when one card is added and every member's open map
    polls: each is sent the new card alone, against each drawing the whole map afresh (as
    every poll did before maps sent only what changed)."""
    members = list(programme.memberships.select_related("user")[:POLLERS])
    clients = []
    for member in members:
        client = Client()
        client.force_login(member.user)
        clients.append(client)
    url = reverse("personas:map-poll", args=[programme.pk, journey_map.pk])
    stage = journey_map.stages.first()

    def one_change(whole_map: bool) -> float:
        journey_map.refresh_from_db()
        shown = journey_map.version
        persona_services.card_add(stage=stage, kind="insight", text="New", author=members[0])
        start = time.process_time()
        for client in clients:
            if whole_map:
                cache.clear()
            response = client.get(url, {"version": "" if whole_map else shown})
            assert response.status_code == 200
        return time.process_time() - start

    one_change(False)  # warm templates
    alone = statistics.median(one_change(False) for _ in range(5))
    whole = statistics.median(one_change(True) for _ in range(3))
    ratio = alone / whole
    mark = "" if ratio <= ONE_CHANGE_GOAL else " over"
    print(
        f"one new card, {len(clients)} maps polling: {alone:.3f} CPU s sent alone, "
        f"{whole:.3f} CPU s drawing the whole map: {ratio:.2f} of it (goal <= "
        f"{ONE_CHANGE_GOAL}){mark}"
    )


def main() -> None:
    print(
        f"{'page':<22} {'size':<8} {'median ms':>10} {'x empty':>8} {'goal':>6} "
        f"{'queries':>8} {'peak KiB':>9}"
    )
    sizes = [("small", (3, 2, 2, 3, 3, 1)), ("large", (30, 40, 10, 300, 300, 50))]
    for label, (members, activities, stages, cards, reflections, photos) in sizes:
        facilitator, programme, session = build(members, activities)
        session_member = programme.memberships.first()
        journey_map = build_map(programme, stages, cards)
        build_voice(session, reflections, photos)
        showcase = build_showcase(programme, cards)
        blueprint = build_blueprint(programme, activities, session_member)
        vote = build_vote(programme, members)
        blueprint_poll = reverse("blueprints:blueprint-poll", args=[programme.pk, blueprint.pk])
        client = Client()
        client.force_login(facilitator)
        # The latest change to the map is a new card, as in a room adding cards.
        persona_services.card_add(
            stage=journey_map.stages.first(), kind="problem", text="New", author=session_member
        )
        journey_map.refresh_from_db()
        map_poll = reverse("personas:map-poll", args=[programme.pk, journey_map.pk])
        voice_poll = reverse("voice:session-voice", args=[programme.pk, session.pk])
        # The session is running, with a quick question that everyone has answered.
        services.session_advance(session=session, from_activity_id=None)
        question = voice_services.question_ask(
            session=session, by=session_member, text="One word?", kind="words", choices=""
        )
        for number, member in enumerate(programme.memberships.all()):
            voice_services.answer_give(question=question, member=member, words=f"word {number % 9}")
        session.refresh_from_db()
        question.refresh_from_db()
        now_poll = reverse("workshops:session-now", args=[programme.pk, session.pk])
        results_poll = reverse(
            "voice:question-results", args=[programme.pk, session.pk, question.pk]
        )
        pages = {
            "dashboard": reverse("workshops:dashboard"),
            "programme": programme.get_absolute_url(),
            "session": session.get_absolute_url(),
            "run": reverse("workshops:session-run", args=[programme.pk, session.pk]),
            "members": reverse("workshops:members", args=[programme.pk]),
            "register": reverse("workshops:attendance", args=[programme.pk, session.pk]),
            "map": journey_map.get_absolute_url(),
            "map, nothing cached": journey_map.get_absolute_url(),
            "map poll, nothing new": f"{map_poll}?version={journey_map.version}",
            "map poll, something new": f"{map_poll}?version={journey_map.version - 1}",
            "timelines": reverse("personas:timelines", args=[programme.pk]),
            "now poll, nothing new": f"{now_poll}?v={session.run_version}",
            "now poll, moved on": f"{now_poll}?v={session.run_version - 1}",
            "answers, nothing new": f"{results_poll}?v={question.answers_version}",
            "answers, something new": f"{results_poll}?v={question.answers_version - 1}",
            "voice poll, nothing new": f"{voice_poll}?version={session.voice_version}",
            "voice poll, something new": f"{voice_poll}?version={session.voice_version - 1}",
            "vote": vote.get_absolute_url(),
            "blueprint": blueprint.get_absolute_url(),
            "blueprint poll, nothing new": f"{blueprint_poll}?version={blueprint.version}",
            "blueprint poll, something new": f"{blueprint_poll}?version={blueprint.version - 1}",
            "feedback": reverse("voice:feedback", args=[programme.pk]),
            "actions": reverse("showcases:action-list", args=[programme.pk]),
            "showcase": showcase.get_absolute_url(),
            "overview": reverse("showcases:overview"),
            "who's who": reverse("accounts:directory"),
        }
        print(
            f"# {label}: {members + 1} members, {activities} activities, {cards} cards, "
            f"{reflections} reflections, {photos} photos, {cards} actions and quotes"
        )
        # The reference: a signed-in page with nothing on it but base.html, timed in turn
        # with each page's rounds.
        empty_url = reverse("password_change_done")
        empty, queries, peak = measure(client, empty_url)
        print(
            f"{'empty page':<22} {label:<8} {empty:>10.1f} {1:>8.1f} {'':>6} "
            f"{queries:>8} {peak:>9.0f}"
        )
        # The same pages as a young person sees them: most of a room.
        young_person = Client()
        young_person.force_login(programme.memberships.filter(role=Role.YOUNG_PERSON).first().user)
        as_young_person = {
            "session, young person": session.get_absolute_url(),
            "map, young person": journey_map.get_absolute_url(),
            "vote, young person": vote.get_absolute_url(),
        }
        for name, url in (pages | as_young_person).items():
            if ONLY and not name.startswith(tuple(ONLY)):
                continue
            viewer = young_person if name in as_young_person else client
            before = cache.clear if "cached" in name else None
            ms, queries, peak, beside = measure(viewer, url, before, reference=empty_url)
            goal = QUIET_POLL_GOAL if "nothing new" in name else PAGE_GOAL
            ratio = ms / beside
            mark = "" if ratio <= goal or label == "small" else " over"
            print(
                f"{name:<22} {label:<8} {ms:>10.1f} {ratio:>8.1f} {'<=' + str(goal):>6} "
                f"{queries:>8} {peak:>9.0f}{mark}"
            )
            if label == "large" and name == PROFILE:
                profile(viewer, url)
        if label == "large" and (not ONLY or "map" in ONLY):
            measure_one_change(programme, journey_map)
    measure_photo()


try:
    main()
finally:
    connection.creation.destroy_test_db(old_name, verbosity=0)
    shutil.rmtree(MEDIA_DIR, ignore_errors=True)
