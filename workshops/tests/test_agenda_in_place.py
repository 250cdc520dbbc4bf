"""The session page's agenda changes in place (htmx): an activity added from the library or
with the form under the agenda, and one removed after asking, each sent back as the agenda
with what changed marked and said."""

import datetime

from django.urls import reverse

from workshops.models import Method

from .factories import ActivityFactory, first_session

HTMX = {"HX-Request": "true"}


def _session(people):
    session = first_session(people.programme)
    session.activities.all().delete()
    session.starts_at = datetime.time(10, 0)
    session.save()
    ActivityFactory(session=session, title="Welcome and ground rules", minutes=15, order=0)
    return session


def test_an_activity_from_the_library_is_added_in_place(client, people):
    session = _session(people)
    method = Method.objects.get(title="Dot vote")
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("workshops:activity-add-method", args=[people.programme.pk, session.pk]),
        {"method": method.pk},
        headers=HTMX,
    )

    added = session.activities.get(title="Dot vote")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="agenda"') == 1
    assert "Added Dot vote: 2 of 2, at 10:15." in html
    assert f'agenda__item--changed" id="activity-{added.pk}"' in html


def test_the_add_form_opens_under_the_agenda_and_keeps_what_was_typed(client, people):
    session = _session(people)
    url = reverse("workshops:activity-add", args=[people.programme.pk, session.pk])
    client.force_login(people.facilitator.user)

    opened = client.get(url, headers=HTMX)
    assert opened["HX-Retarget"] == "#activity-add"
    assert 'id="activity-add-heading"' in opened.content.decode()
    assert "<html" not in opened.content.decode()

    wrong = client.post(url, {"title": "Hug in a Mug", "minutes": "0"}, headers=HTMX)
    assert wrong["HX-Retarget"] == "#activity-add"
    html = wrong.content.decode()
    assert "Give a number of minutes from 1 to 600." in html
    assert 'value="Hug in a Mug"' in html
    assert session.activities.count() == 1

    added = client.post(
        url,
        {"title": "Hug in a Mug", "minutes": "20", "instructions": "Tea and a chat."},
        headers=HTMX,
    )
    html = added.content.decode()
    activity = session.activities.get(title="Hug in a Mug")
    assert "Added Hug in a Mug: 2 of 2, at 10:15." in html
    assert f'agenda__item--changed" id="activity-{activity.pk}"' in html
    # The form closes: its place under the agenda is emptied.
    assert '<div id="activity-add" data-hx-swap-oob="innerHTML"></div>' in html


def test_an_activity_is_removed_in_place_after_asking(client, people):
    session = _session(people)
    lunch = ActivityFactory(session=session, title="Lunch together", minutes=30, order=1)
    url = reverse("workshops:activity-delete", args=[people.programme.pk, session.pk, lunch.pk])
    client.force_login(people.facilitator.user)

    page = client.get(session.get_absolute_url()).content.decode()
    assert "Lunch together</h3>" in page
    asking = page.split(f'id="activity-{lunch.pk}"')[1].split("</li>")[0]
    assert '<details class="agenda__remove">' in asking
    assert f'data-hx-post="{url}"' in asking
    assert "It comes off the agenda, with its instructions and materials." in asking

    response = client.post(url, headers=HTMX)

    html = response.content.decode()
    assert "Removed “Lunch together”." in html
    assert "Lunch together</h3>" not in html
    assert list(session.activities.values_list("title", flat=True)) == ["Welcome and ground rules"]


def test_an_activity_is_changed_in_its_row_and_a_clash_stays_there(client, people):
    session = _session(people)
    welcome = session.activities.get()
    url = reverse("workshops:activity-edit", args=[people.programme.pk, session.pk, welcome.pk])
    client.force_login(people.facilitator.user)

    opened = client.get(url, headers=HTMX)
    assert opened["HX-Retarget"] == f"#activity-{welcome.pk}"
    assert "Change “Welcome and ground rules”" in opened.content.decode()
    seen = opened.context["form"]["edited_from"].value()

    saved = client.post(
        url,
        {"title": "Welcome, names and ground rules", "minutes": "20", "edited_from": seen},
        headers=HTMX,
    )
    html = saved.content.decode()
    assert "Saved Welcome, names and ground rules: 20 minutes, from 10:00." in html
    assert f'agenda__item--changed" id="activity-{welcome.pk}"' in html

    # A second page, opened before that save, now clashes: told in the row, nothing lost.
    clash = client.post(
        url,
        {"title": "Welcome", "minutes": "15", "instructions": "Names", "edited_from": seen},
        headers=HTMX,
    )
    assert clash["HX-Retarget"] == f"#activity-{welcome.pk}"
    assert "Someone else saved this while you were writing." in clash.content.decode()
    welcome.refresh_from_db()
    assert (welcome.title, welcome.minutes) == ("Welcome, names and ground rules", 20)
