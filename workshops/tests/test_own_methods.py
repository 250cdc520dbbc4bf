"""A facilitator keeps an activity of their own in the library, for their programme alone."""

from django.urls import reverse

from workshops.models import Method
from workshops.programme_template import seed_method_library

from .factories import ActivityFactory, first_session


def _hug_in_a_mug(people):
    session = first_session(people.programme)
    return session, ActivityFactory(
        session=session,
        title="Hug in a Mug",
        minutes=20,
        instructions="Tea, biscuits and a chat about the week.\nAsk who needs a lift home.",
        materials="Kettle, mugs",
    )


def _save(client, people, session, activity):
    return client.post(
        reverse(
            "workshops:activity-to-library",
            args=[people.programme.pk, session.pk, activity.pk],
        ),
        follow=True,
    )


def test_an_activity_saved_to_the_library_is_offered_in_every_session(client, people):
    session, activity = _hug_in_a_mug(people)
    client.force_login(people.facilitator.user)

    response = _save(client, people, session, activity)

    assert "“Hug in a Mug” is in your library now" in response.content.decode()
    method = Method.objects.get(title="Hug in a Mug")
    assert (method.programme, method.added_by, method.minutes) == (
        people.programme,
        people.facilitator,
        20,
    )
    assert method.summary == "Tea, biscuits and a chat about the week."
    assert method.materials == "Kettle, mugs"

    later = people.programme.workshops.get(number=3).sessions.get()
    page = client.get(later.get_absolute_url()).content.decode()
    assert f'<option value="{method.pk}">Hug in a Mug (20 min) · ours</option>' in page
    client.post(
        reverse("workshops:activity-add-method", args=[people.programme.pk, later.pk]),
        {"method": method.pk},
    )
    added = later.activities.get(title="Hug in a Mug")
    assert (added.method, added.instructions) == (method, activity.instructions)


def test_the_same_title_twice_is_refused_with_a_message(client, people):
    session, activity = _hug_in_a_mug(people)
    client.force_login(people.facilitator.user)
    _save(client, people, session, activity)

    response = _save(client, people, session, activity)

    assert "Your library already has an activity called “Hug in a Mug”." in (
        response.content.decode()
    )
    assert Method.objects.filter(title="Hug in a Mug").count() == 1


def test_another_programme_neither_sees_nor_adds_it(client, people):
    session, activity = _hug_in_a_mug(people)
    client.force_login(people.facilitator.user)
    _save(client, people, session, activity)
    method = Method.objects.get(title="Hug in a Mug")

    other = people.outsider.memberships.get().programme
    theirs = first_session(other)
    client.force_login(people.outsider)
    page = client.get(theirs.get_absolute_url()).content.decode()
    assert "Hug in a Mug" not in page
    assert "Hug in a Mug" not in client.get(reverse("workshops:method-library")).content.decode()
    response = client.post(
        reverse("workshops:activity-add-method", args=[other.pk, theirs.pk]),
        {"method": method.pk},
        follow=True,
    )
    assert "Choose an activity from the library." in response.content.decode()
    assert not theirs.activities.filter(title="Hug in a Mug").exists()

    # In its own programme, those who run it see it in the library; young people do not.
    client.force_login(people.co_facilitator.user)
    library = client.get(reverse("workshops:method-library")).content.decode()
    assert f"Saved for {people.programme.name}" in library
    client.force_login(people.young_person.user)
    assert "Hug in a Mug" not in client.get(reverse("workshops:method-library")).content.decode()


def test_the_site_library_is_seeded_again_without_touching_a_programmes_own(people):
    own = Method.objects.create(
        programme=people.programme, title="Dot vote", summary="Ours", minutes=5
    )
    seed_method_library(Method)
    own.refresh_from_db()
    assert (own.summary, own.minutes) == ("Ours", 5)
    assert Method.objects.filter(title="Dot vote").count() == 2
