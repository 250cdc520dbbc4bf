"""A `next` given to a form is followed only when it is a page of this site: anything else
goes to the page's own default, and never to a 500 or another site."""

import pytest
from django.urls import reverse
from django.utils import timezone

from workshops.tests.factories import first_session, make_reflection

HOSTILE_NEXT = [
    "ok",
    "workshops:dashboard",
    "dashboard",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "http://testserver.evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " /programmes/",
    "",
]


@pytest.mark.parametrize("wanted", HOSTILE_NEXT)
def test_agreeing_to_the_ground_rules_goes_to_the_programme_for_any_other_next(
    client, people, wanted
):
    people.young_person.agreed_ground_rules_at = None
    people.young_person.save()
    client.force_login(people.young_person.user)
    url = reverse("workshops:ground-rules-agree", args=[people.programme.pk])

    shown = client.get(url, {"next": wanted})
    agreed = client.post(url, {"next": wanted})

    assert shown.status_code == 200
    assert shown.context["next"] == people.programme.get_absolute_url()
    assert (agreed.status_code, agreed.url) == (302, people.programme.get_absolute_url())
    people.young_person.refresh_from_db()
    assert people.young_person.agreed_ground_rules_at is not None


def test_agreeing_to_the_ground_rules_goes_back_to_the_page_asked_for(client, people):
    people.young_person.agreed_ground_rules_at = None
    people.young_person.save()
    client.force_login(people.young_person.user)
    session = first_session(people.programme)
    url = reverse("workshops:ground-rules-agree", args=[people.programme.pk])

    agreed = client.post(url, {"next": session.get_absolute_url()})

    assert (agreed.status_code, agreed.url) == (302, session.get_absolute_url())


@pytest.mark.parametrize("action", ["reflection-hide", "reflection-restore", "reflection-keep"])
@pytest.mark.parametrize("wanted", HOSTILE_NEXT)
def test_a_facilitator_s_answer_to_a_reflection_goes_back_to_the_session_for_any_other_next(
    client, people, action, wanted
):
    session = first_session(people.programme)
    reflection = make_reflection(session, people.young_person, "I felt listened to.")
    client.force_login(people.facilitator.user)
    url = reverse(f"voice:{action}", args=[people.programme.pk, session.pk, reflection.pk])

    answered = client.post(url, {"next": wanted, "hidden_reason": "Names someone."})

    assert (answered.status_code, answered.url) == (
        302,
        f"{session.get_absolute_url()}#reflections",
    )


@pytest.mark.parametrize("wanted", HOSTILE_NEXT)
def test_marking_a_chat_as_talked_goes_back_to_the_session_for_any_other_next(
    client, people, wanted
):
    session = first_session(people.programme)
    reflection = make_reflection(session, people.young_person, "Can we talk?", wants_a_chat=True)
    client.force_login(people.facilitator.user)
    url = reverse("voice:reflection-talked", args=[people.programme.pk, session.pk, reflection.pk])

    answered = client.post(url, {"next": wanted})

    assert (answered.status_code, answered.url) == (
        302,
        f"{session.get_absolute_url()}#reflections",
    )
    reflection.refresh_from_db()
    assert reflection.chat_answered_at is not None
    assert reflection.chat_answered_at <= timezone.now()


def test_a_facilitator_goes_back_to_what_is_waiting_when_they_came_from_there(client, people):
    session = first_session(people.programme)
    reflection = make_reflection(session, people.young_person, "Can we talk?", wants_a_chat=True)
    client.force_login(people.facilitator.user)
    waiting = reverse("voice:attention", args=[people.programme.pk])
    url = reverse("voice:reflection-talked", args=[people.programme.pk, session.pk, reflection.pk])

    answered = client.post(url, {"next": waiting})

    assert (answered.status_code, answered.url) == (302, waiting)
