"""The agenda in the facilitator's hands: minutes changed in place, the changed row marked,
activities past the end of the session marked, and the activity library searched."""

from django.urls import reverse

from workshops.models import Activity
from workshops.tests.factories import ActivityFactory, first_session


def _session(people):
    session = first_session(people.programme)
    session.activities.all().delete()
    session.starts_at, session.ends_at = "10:00", "11:00"
    session.save()
    for order, (title, minutes) in enumerate(
        [("Check in", 20), ("Hug in a Mug", 30), ("Check out", 15)]
    ):
        ActivityFactory(session=session, title=title, minutes=minutes, order=order)
    return session


def _minutes_url(people, session, activity):
    return reverse(
        "workshops:activity-minutes", args=[people.programme.pk, session.pk, activity.pk]
    )


def test_minutes_change_in_place_and_the_row_is_marked_and_said(client, people):
    session = _session(people)
    hug = session.activities.get(title="Hug in a Mug")
    client.force_login(people.facilitator.user)
    response = client.post(
        _minutes_url(people, session, hug), {"minutes": "25"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hug in a Mug is now 25 minutes, from 10:20." in html
    assert f'agenda__item--changed" id="activity-{hug.pk}"' in html
    hug.refresh_from_db()
    assert (hug.minutes, hug.edit_version) == (25, 1)


def test_without_javascript_new_minutes_go_back_to_the_row(client, people):
    session = _session(people)
    hug = session.activities.get(title="Hug in a Mug")
    client.force_login(people.co_facilitator.user)
    response = client.post(_minutes_url(people, session, hug), {"minutes": "40"})
    assert response.url == f"{session.get_absolute_url()}#activity-{hug.pk}"
    assert Activity.objects.get(pk=hug.pk).minutes == 40


def test_bad_minutes_are_refused_with_a_message_and_nothing_changes(client, people):
    session = _session(people)
    hug = session.activities.get(title="Hug in a Mug")
    client.force_login(people.facilitator.user)
    for bad in ["0", "601", "ten", "-5", ""]:
        page = client.post(_minutes_url(people, session, hug), {"minutes": bad}, follow=True)
        assert "Minutes must be a whole number from 1 to 600." in page.content.decode()
        refused = client.post(
            _minutes_url(people, session, hug), {"minutes": bad}, HTTP_HX_REQUEST="true"
        )
        assert refused.status_code == 400
    assert Activity.objects.get(pk=hug.pk).minutes == 30


def test_activities_after_the_end_are_marked_for_facilitators_only(client, people):
    session = _session(people)  # 20 + 30 + 15 minutes in an hour: Check out runs past it
    client.force_login(people.facilitator.user)
    html = client.get(session.get_absolute_url()).content.decode()
    assert html.count("After the end") == 1
    check_out = session.activities.get(title="Check out")
    assert f'agenda__item--past-end" id="activity-{check_out.pk}"' in html
    client.force_login(people.young_person.user)
    assert "After the end" not in client.get(session.get_absolute_url()).content.decode()


def test_the_library_is_searched_by_any_words(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("workshops:method-library")
    everything = client.get(url).context["methods"]
    found = client.get(url, {"q": "  TIMELINE  "}).context["methods"]
    assert 0 < len(found) < len(everything)
    assert all("timeline" in f"{m.title} {m.summary} {m.instructions}".lower() for m in found)
    none = client.get(url, {"q": "zzz-nothing"})
    assert none.context["methods"] == []
    assert "0 activities match “zzz-nothing”." in none.content.decode()
