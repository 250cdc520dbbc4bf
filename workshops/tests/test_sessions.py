import datetime

from django.urls import reverse
from django.utils import timezone

from workshops import selectors, services
from workshops.models import Activity, Attendance, Method, Session

from .factories import ActivityFactory


def _empty_session(people, starts="10:00", ends="11:00") -> Session:
    session = people.programme.workshops.get(number=1).sessions.get()
    session.activities.all().delete()
    session.starts_at = datetime.time.fromisoformat(starts)
    session.ends_at = datetime.time.fromisoformat(ends)
    session.save()
    return session


def _titles(session):
    return list(session.activities.values_list("title", flat=True))


def test_start_times_are_worked_out_from_the_session_start(people):
    session = _empty_session(people, "10:00", "11:00")
    for title, minutes in [("Welcome", 15), ("Jargon buster", 20), ("Lunch", 25)]:
        ActivityFactory(session=session, title=title, minutes=minutes)

    agenda = selectors.agenda_for(session, session.activities.all())

    assert [(i.activity.title, str(i.starts), str(i.ends)) for i in agenda.items] == [
        ("Welcome", "10:00:00", "10:15:00"),
        ("Jargon buster", "10:15:00", "10:35:00"),
        ("Lunch", "10:35:00", "11:00:00"),
    ]
    assert (agenda.total_minutes, agenda.overrun_minutes) == (60, 0)


def test_the_page_warns_when_the_agenda_runs_past_the_end(client, people):
    session = _empty_session(people, "10:00", "11:00")
    ActivityFactory(session=session, title="Create your own service", minutes=45)
    ActivityFactory(session=session, title="Blueprinting", minutes=35)
    client.force_login(people.facilitator.user)

    page = client.get(session.get_absolute_url()).content.decode()

    assert "The agenda runs 20 minutes past the end of the session." in page
    assert "80 minutes planned" in page


def test_facilitator_adds_an_activity_with_a_lead(client, people):
    session = _empty_session(people)
    client.force_login(people.facilitator.user)
    client.post(
        reverse("workshops:activity-add", args=[people.programme.pk, session.pk]),
        {
            "title": "Introductions",
            "minutes": "20",
            "lead": people.co_facilitator.pk,
            "instructions": "Names and one fact",
            "materials": "Name badges",
        },
    )
    activity = session.activities.get()
    assert (activity.title, activity.minutes, activity.lead, activity.order) == (
        "Introductions",
        20,
        people.co_facilitator,
        0,
    )


def test_a_lead_from_another_programme_is_refused(client, people):
    session = _empty_session(people)
    stranger = people.outsider.memberships.get()
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:activity-add", args=[people.programme.pk, session.pk]),
        {"title": "Introductions", "minutes": "20", "lead": stranger.pk},
    )
    assert "lead" in response.context["form"].errors
    assert session.activities.count() == 0


def test_minutes_must_be_sensible(client, people):
    session = _empty_session(people)
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:activity-add", args=[people.programme.pk, session.pk]),
        {"title": "Forever", "minutes": "0"},
    )
    assert response.context["form"].errors == {
        "minutes": ["Give a number of minutes from 1 to 600."]
    }


def test_an_activity_from_the_library_goes_to_the_end_of_the_agenda(client, people):
    session = _empty_session(people)
    ActivityFactory(session=session, title="Welcome", order=0)
    method = Method.objects.get(title="Dot vote")
    client.force_login(people.facilitator.user)

    client.post(
        reverse("workshops:activity-add-method", args=[people.programme.pk, session.pk]),
        {"method": method.pk},
    )

    added = session.activities.last()
    assert (added.title, added.minutes, added.method, added.order) == ("Dot vote", 10, method, 1)
    assert "sticky dots" in added.materials.lower()


def test_activities_move_up_and_down_with_buttons(client, people):
    session = _empty_session(people)
    for title in ["Welcome", "Jargon buster", "Lunch"]:
        ActivityFactory(session=session, title=title)
    lunch = session.activities.get(title="Lunch")
    client.force_login(people.facilitator.user)
    url = reverse("workshops:activity-move", args=[people.programme.pk, session.pk, lunch.pk])

    client.post(url, {"direction": "up"})
    assert _titles(session) == ["Welcome", "Lunch", "Jargon buster"]
    client.post(url, {"direction": "up"})
    client.post(url, {"direction": "up"})  # already first: nothing moves
    assert _titles(session) == ["Lunch", "Welcome", "Jargon buster"]
    client.post(url, {"direction": "down"})
    assert _titles(session) == ["Welcome", "Lunch", "Jargon buster"]


def test_moving_with_htmx_answers_with_the_new_agenda(client, people):
    session = _empty_session(people)
    for title in ["Welcome", "Lunch"]:
        ActivityFactory(session=session, title=title)
    lunch = session.activities.get(title="Lunch")
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("workshops:activity-move", args=[people.programme.pk, session.pk, lunch.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<p id="agenda-status" data-hx-swap-oob="innerHTML">Lunch is now 1 of 2, at 10:00.</p>'
        in html
    )
    agenda = html[html.index('<div id="agenda">') :]
    assert agenda.index("Lunch") < agenda.index("Welcome")


def test_running_a_session_records_the_actual_times(client, people):
    session = _empty_session(people)
    for title, minutes in [("Welcome", 10), ("Create your own service", 30)]:
        ActivityFactory(session=session, title=title, minutes=minutes)
    client.force_login(people.facilitator.user)
    advance = reverse("workshops:session-advance", args=[people.programme.pk, session.pk])
    run = reverse("workshops:session-run", args=[people.programme.pk, session.pk])

    page = client.get(run).content.decode()
    assert "Start the session" in page

    client.post(advance, {"running": ""})
    page = client.get(run).content.decode()
    welcome, create = session.activities.all()
    assert welcome.actual_start is not None and welcome.actual_end is None
    assert 'class="run__title">Welcome<' in page
    assert "Create your own service" in page  # shown as what comes next
    assert 'data-ends-at="' in page
    assert "10 minutes" in page  # the countdown's text without JavaScript

    assert f'name="running" value="{welcome.pk}"' in page
    client.post(advance, {"running": welcome.pk})
    client.post(advance, {"running": create.pk})
    welcome, create = session.activities.all()
    session.refresh_from_db()
    assert welcome.actual_end == create.actual_start
    assert create.actual_end is not None
    assert session.started_at == welcome.actual_start
    assert session.finished_at == create.actual_end
    assert "Thank you, everyone!" in client.get(run).content.decode()

    client.post(advance, {"running": ""})  # a stray click after the end changes nothing
    session.refresh_from_db()
    assert session.finished_at == create.actual_end


def test_recorded_times_show_on_the_agenda_and_can_be_cleared(client, people):
    session = _empty_session(people)
    activity = ActivityFactory(session=session, title="Welcome", minutes=10)
    start = timezone.now() - datetime.timedelta(minutes=14)
    Activity.objects.filter(pk=activity.pk).update(actual_start=start, actual_end=timezone.now())
    Session.objects.filter(pk=session.pk).update(started_at=start)
    client.force_login(people.facilitator.user)

    assert "Took 14 minutes on the day" in client.get(session.get_absolute_url()).content.decode()

    client.post(reverse("workshops:session-run-reset", args=[people.programme.pk, session.pk]))
    activity.refresh_from_db()
    session.refresh_from_db()
    assert (activity.actual_start, activity.actual_end, session.started_at) == (None, None, None)


def test_taking_the_register(client, people):
    session = _empty_session(people)
    client.force_login(people.facilitator.user)
    url = reverse("workshops:attendance", args=[people.programme.pk, session.pk])

    client.post(url, {"present": [people.young_person.pk, people.professional.pk]})
    assert set(
        Attendance.objects.filter(session=session, present=True).values_list(
            "membership", flat=True
        )
    ) == {people.young_person.pk, people.professional.pk}
    assert Attendance.objects.filter(session=session).count() == 5  # everyone has a mark

    client.post(url, {"present": [people.young_person.pk, "not-a-number"]})
    present = Attendance.objects.filter(session=session, present=True)
    assert list(present.values_list("membership", flat=True)) == [people.young_person.pk]
    page = client.get(url).content.decode()
    assert f'value="{people.young_person.pk}" id="present-{people.young_person.pk}" checked' in page
    assert "1 marked here." in page


def test_register_ignores_people_from_another_programme(client, people):
    session = _empty_session(people)
    stranger = people.outsider.memberships.get()
    client.force_login(people.facilitator.user)
    client.post(
        reverse("workshops:attendance", args=[people.programme.pk, session.pk]),
        {"present": [stranger.pk]},
    )
    assert not Attendance.objects.filter(membership=stranger).exists()


def test_a_double_click_on_next_moves_on_once(client, people):
    session = _empty_session(people)
    for title in ["Welcome", "Jargon buster", "Lunch"]:
        ActivityFactory(session=session, title=title)
    client.force_login(people.facilitator.user)
    advance = reverse("workshops:session-advance", args=[people.programme.pk, session.pk])
    client.post(advance, {"running": ""})
    welcome = session.activities.get(title="Welcome")

    client.post(advance, {"running": welcome.pk})
    client.post(advance, {"running": welcome.pk})  # the second click of a double click

    running = session.activities.filter(actual_start__isnull=False, actual_end__isnull=True)
    assert [a.title for a in running] == ["Jargon buster"]
    assert session.activities.get(title="Lunch").actual_start is None


def test_a_session_with_nothing_planned_does_not_start(client, people):
    session = _empty_session(people)
    client.force_login(people.facilitator.user)
    run = reverse("workshops:session-run", args=[people.programme.pk, session.pk])
    page = client.get(run).content.decode()
    assert "Start the session" not in page
    assert "Add activities to the agenda first." in page

    client.post(reverse("workshops:session-advance", args=[people.programme.pk, session.pk]))

    session.refresh_from_db()
    assert (session.started_at, session.finished_at) == (None, None)


def test_an_activity_added_after_the_end_does_not_restart_the_run(client, people):
    session = _empty_session(people)
    ActivityFactory(session=session, title="Welcome")
    services.session_advance(session=session, from_activity_id=None)
    welcome = session.activities.get()
    services.session_advance(session=session, from_activity_id=welcome.pk)
    late = ActivityFactory(session=session, title="Late extra")

    services.session_advance(session=session, from_activity_id=None)

    late.refresh_from_db()
    assert late.actual_start is None


def test_a_made_up_library_choice_is_a_clear_message_not_an_error(client, people):
    session = _empty_session(people)
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:activity-add-method", args=[people.programme.pk, session.pk]),
        {"method": "abc"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choose an activity from the library." in response.content.decode()
    assert session.activities.count() == 0


def test_back_one_step_undoes_a_mistaken_next(client, people):
    session = _empty_session(people)
    for title in ["Welcome", "Jargon buster"]:
        ActivityFactory(session=session, title=title)
    welcome, jargon = session.activities.all()
    client.force_login(people.facilitator.user)
    advance = reverse("workshops:session-advance", args=[people.programme.pk, session.pk])
    back = reverse("workshops:session-back", args=[people.programme.pk, session.pk])
    client.post(advance, {"running": ""})
    client.post(advance, {"running": welcome.pk})

    client.post(back, {"running": jargon.pk})
    client.post(back, {"running": jargon.pk})  # a double click goes back only once

    welcome, jargon = session.activities.all()
    assert (welcome.actual_start is not None, welcome.actual_end) == (True, None)
    assert (jargon.actual_start, jargon.actual_end) == (None, None)

    client.post(advance, {"running": welcome.pk})
    client.post(advance, {"running": jargon.pk})  # finished
    client.post(back, {"running": ""})
    session.refresh_from_db()
    jargon.refresh_from_db()
    assert session.finished_at is None
    assert (jargon.actual_start is not None, jargon.actual_end) == (True, None)

    client.post(back, {"running": jargon.pk})
    client.post(back, {"running": welcome.pk})  # back before the start
    session.refresh_from_db()
    assert session.started_at is None
    assert not session.activities.filter(actual_start__isnull=False).exists()
    assert (
        "Start the session"
        in client.get(
            reverse("workshops:session-run", args=[people.programme.pk, session.pk])
        ).content.decode()
    )


def test_removing_an_activity_asks_first(client, people):
    session = _empty_session(people)
    activity = ActivityFactory(session=session, title="Lunch together")
    client.force_login(people.facilitator.user)
    url = reverse("workshops:activity-delete", args=[people.programme.pk, session.pk, activity.pk])

    page = client.get(url).content.decode()

    assert "Remove “Lunch together”?" in page
    assert f'href="{session.get_absolute_url()}">No, keep it' in page
    assert session.activities.count() == 1
    client.post(url)
    assert session.activities.count() == 0
