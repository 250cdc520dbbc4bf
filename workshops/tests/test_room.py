"""The run in the room: the clock (pause, five minutes more, back, rehearsal), the phones and
screens that follow it, and joining by the code on the projector."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from blueprints.models import Vote
from personas.models import JourneyMap, Persona
from workshops import services
from workshops.models import Activity, Session
from workshops.views import JOIN_TRIES, JOIN_TRIES_PER_ADDRESS

from .factories import MembershipFactory, UserFactory, dated, first_session
from .test_query_counts import SIZES, _grow


def _started(people, days_from_today=0) -> Session:
    session = dated(first_session(people.programme), days_from_today)
    services.session_advance(session=session, from_activity_id=None)
    return Session.objects.get(pk=session.pk)


def _running(session: Session) -> Activity:
    return session.activities.get(actual_start__isnull=False, actual_end__isnull=True)


def _ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


# The clock.


def test_a_pause_stops_the_clock_and_carrying_on_counts_it_out(people):
    session = _started(people)
    icebreaker = _running(session)
    planned_end = icebreaker.ends_at()
    services.session_pause(session=session, from_activity_id=icebreaker.pk, pause=True)
    session.refresh_from_db()
    assert session.paused_at is not None and session.run_version == 2
    # Two minutes of talk about the ground rules while the clock stood still.
    Session.objects.filter(pk=session.pk).update(paused_at=_ago(minutes=2))
    services.session_pause(session=session, from_activity_id=icebreaker.pk, pause=False)
    session.refresh_from_db()
    icebreaker.refresh_from_db()
    assert session.paused_at is None and session.run_version == 3
    assert icebreaker.paused_seconds == 120
    assert icebreaker.ends_at() - planned_end == datetime.timedelta(seconds=120)


def test_pausing_twice_or_from_an_old_page_changes_nothing(people):
    session = _started(people)
    icebreaker = _running(session)
    services.session_pause(session=session, from_activity_id=icebreaker.pk, pause=False)
    services.session_pause(session=session, from_activity_id=icebreaker.pk + 999, pause=True)
    services.session_more_time(session=session, from_activity_id=None)
    session.refresh_from_db()
    assert session.paused_at is None and session.run_version == 1
    assert _running(session).extra_minutes == 0


def test_five_minutes_more_moves_the_end_and_leaves_the_plan_alone(people):
    session = _started(people)
    icebreaker = _running(session)
    planned = icebreaker.minutes
    services.session_more_time(session=session, from_activity_id=icebreaker.pk)
    services.session_more_time(session=session, from_activity_id=icebreaker.pk)
    icebreaker.refresh_from_db()
    assert (icebreaker.minutes, icebreaker.extra_minutes) == (planned, 10)
    assert icebreaker.ends_at() == icebreaker.actual_start + datetime.timedelta(
        minutes=planned + 10
    )
    assert Session.objects.get(pk=session.pk).run_version == 3


def test_going_back_carries_on_the_clock_the_activity_had(people):
    session = _started(people)
    icebreaker = _running(session)
    # The icebreaker ran for 4 minutes; Next was pressed by mistake 30 seconds ago.
    Activity.objects.filter(pk=icebreaker.pk).update(actual_start=_ago(minutes=4, seconds=30))
    services.session_advance(session=session, from_activity_id=icebreaker.pk)
    second = _running(session)
    Activity.objects.filter(pk=icebreaker.pk).update(actual_end=_ago(seconds=30))
    left_when_next = icebreaker.minutes * 60 - 4 * 60

    services.session_back(session=session, from_activity_id=second.pk)

    icebreaker.refresh_from_db()
    second.refresh_from_db()
    assert icebreaker.actual_end is None and second.actual_start is None
    left_now = (icebreaker.ends_at() - timezone.now()).total_seconds()
    assert left_when_next - 2 <= left_now <= left_when_next
    assert icebreaker.paused_seconds in (30, 31)


def test_a_pause_does_not_count_in_the_minutes_recorded(people):
    session = _started(people)
    icebreaker = _running(session)
    Activity.objects.filter(pk=icebreaker.pk).update(
        actual_start=_ago(minutes=20), paused_seconds=5 * 60
    )
    services.session_advance(session=session, from_activity_id=icebreaker.pk)
    icebreaker.refresh_from_db()
    assert icebreaker.actual_minutes == 15


def test_a_run_before_the_sessions_date_is_a_rehearsal_and_keeps_no_times(people):
    session = _started(people, days_from_today=3)
    assert session.rehearsal is True
    running = _running(session).pk
    while running is not None:
        upcoming = services.session_advance(session=session, from_activity_id=running)
        running = upcoming.pk if upcoming else None
    session.refresh_from_db()
    assert (session.started_at, session.finished_at, session.rehearsal) == (None, None, False)
    assert not session.activities.filter(actual_start__isnull=False).exists()
    assert not session.activities.filter(actual_end__isnull=False).exists()


def test_a_facilitator_may_rehearse_on_the_day_and_the_real_run_keeps_its_times(client, people):
    session = dated(first_session(people.programme), 0)
    client.force_login(people.facilitator.user)
    advance = reverse("workshops:session-advance", args=[people.programme.pk, session.pk])
    client.post(advance, {"running": "", "rehearsal": "1"})
    session.refresh_from_db()
    assert session.rehearsal is True
    run = client.get(reverse("workshops:session-run", args=[people.programme.pk, session.pk]))
    assert "Rehearsal: no times are kept" in run.content.decode()

    services.session_reset_run(session=session)
    client.post(advance, {"running": ""})
    session.refresh_from_db()
    assert session.rehearsal is False and session.started_at is not None


# Screens that follow the run.


def _now_url(people, session, **query):
    url = reverse("workshops:session-now", args=[people.programme.pk, session.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


@pytest.mark.parametrize("size", SIZES)
def test_nothing_new_is_an_empty_answer_with_few_queries(
    client, people, django_assert_max_num_queries, size
):
    session = _grow(people, **size)
    services.session_advance(session=session, from_activity_id=None)
    session.refresh_from_db()
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(4):
        response = client.get(_now_url(people, session, v=session.run_version))
    assert (response.status_code, response.content) == (204, b"")


@pytest.mark.parametrize("size", SIZES)
def test_a_step_sends_the_phones_a_new_now_box(client, people, django_assert_max_num_queries, size):
    session = _grow(people, **size)
    services.session_advance(session=session, from_activity_id=None)
    for number in range(size["members"] // 10 + 1):
        JourneyMap.objects.create(
            programme=people.programme,
            persona=Persona.objects.create(programme=people.programme, name="Jade", age=17),
            session=session,
            title=f"Leaving care, map {number}",
        )
        Vote.objects.create(programme=people.programme, title=f"Which idea {number}?")
    session.refresh_from_db()
    client.force_login(people.young_person.user)
    # The user, the member, the session, its agenda, its maps, open votes, an open question.
    with django_assert_max_num_queries(8):
        response = client.get(_now_url(people, session, v=session.run_version - 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'?v={session.run_version}"' in html
    assert _running(session).title in html
    newest = size["members"] // 10
    assert "Leaving care, map 0" in html and f"vote: Which idea {newest}?" in html
    assert html.count("vote: ") == min(3, newest + 1)  # the newest open votes, three at most


def test_a_run_view_behind_the_run_is_told_to_load_itself_again(client, people):
    session = _started(people)
    client.force_login(people.facilitator.user)
    behind = client.get(_now_url(people, session, v=0, page="run"))
    assert (behind.status_code, behind["HX-Refresh"]) == (200, "true")
    level = client.get(_now_url(people, session, v=session.run_version, page="run"))
    assert level.status_code == 204


def test_a_paused_clock_stands_still_on_every_screen(client, people):
    session = _started(people)
    icebreaker = _running(session)
    services.session_pause(session=session, from_activity_id=icebreaker.pk, pause=True)
    client.force_login(people.young_person.user)
    html = client.get(_now_url(people, session)).content.decode()
    assert "Paused" in html
    left = int(re.search(r'data-paused-left="(\d+)"', html).group(1))
    assert icebreaker.minutes * 60 - 2 <= left <= icebreaker.minutes * 60


def test_a_member_meets_the_now_box_and_the_reflection_form_first(client, people):
    session = _started(people)
    client.force_login(people.young_person.user)
    html = client.get(session.get_absolute_url()).content.decode()
    now, reflect, aims = (html.index(mark) for mark in ('id="now"', 'id="reflect"', "aims-heading"))
    assert now < reflect < aims
    assert "Happening now" in html and _running(session).title in html
    assert "minutes planned" not in html and "Too much planned" not in html

    client.force_login(people.facilitator.user)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "minutes planned" in html
    assert html.index("aims-heading") < html.index('id="reflect"')


def test_a_session_on_another_day_has_no_now_box(client, people):
    session = dated(first_session(people.programme), 7)
    client.force_login(people.young_person.user)
    html = client.get(session.get_absolute_url()).content.decode()
    assert 'id="now"' not in html and 'id="reflect"' in html


# Joining by the code on the projector.


def _code_on_the_projector(client, people, session) -> str:
    client.force_login(people.facilitator.user)
    run = client.get(reverse("workshops:session-run", args=[people.programme.pk, session.pk]))
    code = run.context["join_code"]
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    assert (
        code in run.content.decode()
        and 'alt="QR code to join this session"' in run.content.decode()
    )
    client.logout()
    return code


WRONG = "That code did not work."


def test_a_member_types_the_code_and_lands_on_the_session(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    client.force_login(people.young_person.user)
    typed = f" {code[:3].lower()} {code[3:]} "
    response = client.post(reverse("workshops:join"), {"code": typed})
    assert response.url == session.get_absolute_url() + "#now"
    scanned = client.get(reverse("workshops:join-code", args=[code]))
    assert scanned.url == session.get_absolute_url() + "#now"


def test_the_code_stays_for_the_session_and_differs_between_sessions(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    assert _code_on_the_projector(client, people, session) == code
    other = people.programme.workshops.get(number=2).sessions.get()
    assert _code_on_the_projector(client, people, other) != code


@pytest.mark.parametrize("who", ["outsider", "expired", "wrong"])
def test_a_code_that_does_not_lead_to_your_session_gets_one_answer(client, people, who):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    user = people.outsider if who == "outsider" else people.young_person.user
    if who == "expired":
        Session.objects.filter(pk=session.pk).update(join_code_until=_ago(seconds=1))
    if who == "wrong":
        code = "ABCDEF" if code != "ABCDEF" else "ABCDEG"
    client.force_login(user)
    response = client.post(reverse("workshops:join"), {"code": code})
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert session.workshop.title not in response.content.decode()
    assert people.programme.name not in response.content.decode()


def test_signed_out_the_code_asks_you_to_sign_in_and_comes_back(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    url = reverse("workshops:join-code", args=[code])
    response = client.get(url)
    assert response.url == f"{reverse('login')}?next={url}"


def test_guessing_is_stopped_after_a_few_wrong_codes_even_for_the_right_one(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    client.force_login(people.young_person.user)
    for attempt in range(JOIN_TRIES):
        response = client.post(reverse("workshops:join"), {"code": f"ZZZZ{attempt:02d}"})
        assert response.status_code == 200
    response = client.post(reverse("workshops:join"), {"code": code})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    # Others in the room share the venue's address: they may still join...
    client.force_login(people.professional.user)
    assert client.post(reverse("workshops:join"), {"code": code}).status_code == 302


def test_an_address_guessing_for_many_people_is_stopped_too(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    guessers = JOIN_TRIES_PER_ADDRESS // JOIN_TRIES
    for number in range(guessers):
        client.force_login(MembershipFactory(programme=people.programme).user)
        for attempt in range(JOIN_TRIES):
            client.post(reverse("workshops:join"), {"code": f"ZZ{number:02d}{attempt:02d}"})
    client.force_login(people.young_person.user)  # has typed nothing wrong
    assert client.post(reverse("workshops:join"), {"code": code}).status_code == 429


def test_the_right_code_does_not_use_up_tries(client, people):
    session = dated(first_session(people.programme), 0)
    code = _code_on_the_projector(client, people, session)
    client.force_login(people.young_person.user)
    for _ in range(JOIN_TRIES + 2):
        assert client.post(reverse("workshops:join"), {"code": code}).status_code == 302


def test_the_join_page_needs_no_programme(client, people):
    client.force_login(UserFactory())
    response = client.get(reverse("workshops:join"))
    assert response.status_code == 200
    assert "Type the code you can see on the screen in the room." in response.content.decode()
    empty = client.post(reverse("workshops:join"), {"code": "   "})
    assert "Type the code you can see on the screen." in empty.content.decode()
    assert 'aria-invalid="true"' in empty.content.decode()
