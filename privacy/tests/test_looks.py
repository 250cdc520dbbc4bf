"""Who looked: each opening of a page with something sensitive on it writes one record, with
nothing of what was on it, and a member sees who has read their reflections for the
facilitators."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from privacy import erasure
from voice.models import Shared
from workshops.models import Look, LookKind
from workshops.tests.factories import first_session, make_reflection

pytestmark = pytest.mark.django_db

PRIVATE = "My flat is cold and I am scared to say"


def _looks() -> list[tuple]:
    return list(
        Look.objects.order_by("pk").values_list("kind", "session", "who", "who_name", "role")
    )


def test_a_facilitator_opening_a_session_with_private_reflections_is_recorded_once(client, people):
    session = first_session(people.programme)
    jo = people.facilitator
    client.force_login(jo.user)
    client.get(session.get_absolute_url())
    assert _looks() == []  # nothing private on it yet

    make_reflection(session, people.young_person, PRIVATE, shared=Shared.FACILITATORS)
    page = client.get(session.get_absolute_url())
    client.get(reverse("voice:session-reflections", args=[people.programme.pk, session.pk]))

    assert PRIVATE in page.content.decode()
    expected = (LookKind.PRIVATE_REFLECTIONS, session.pk, jo.user_id, "Jo Mensah", "facilitator")
    assert _looks() == [expected, expected]
    # The record holds nothing that was on the page.
    for look in Look.objects.values():
        assert not any(PRIVATE in str(value) for value in look.values())


def test_the_voice_poll_writes_no_record(client, people):
    session = first_session(people.programme)
    make_reflection(session, people.young_person, PRIVATE, shared=Shared.FACILITATORS)
    client.force_login(people.facilitator.user)

    client.get(
        reverse("voice:session-voice", args=[people.programme.pk, session.pk]),
        headers={"HX-Request": "true"},
    )

    assert _looks() == []


def test_members_who_are_not_facilitators_are_never_recorded_for_reflections(client, people):
    session = first_session(people.programme)
    make_reflection(session, people.young_person, PRIVATE, shared=Shared.FACILITATORS)
    for role in ("young_person", "professional", "manager"):
        client.force_login(people.member(role).user)
        client.get(session.get_absolute_url())

    assert _looks() == []


def test_the_asks_for_a_chat_and_the_members_list_are_recorded_each_time(client, people):
    client.force_login(people.co_facilitator.user)
    client.get(reverse("voice:attention", args=[people.programme.pk]))
    client.force_login(people.young_person.user)
    client.get(reverse("workshops:members", args=[people.programme.pk]))
    client.get(reverse("workshops:members", args=[people.programme.pk]))

    assert [(kind, who) for kind, _s, who, _n, _r in _looks()] == [
        (LookKind.CHATS, people.co_facilitator.user_id),
        (LookKind.MEMBERS, people.young_person.user_id),
        (LookKind.MEMBERS, people.young_person.user_id),
    ]


def test_a_member_sees_who_has_read_her_reflections_for_the_facilitators(client, people):
    session = first_session(people.programme)
    kayla = people.young_person
    client.force_login(people.facilitator.user)
    client.get(session.get_absolute_url())  # before she wrote it: not a look at hers
    Look.objects.create(
        programme=people.programme,
        session=session,
        kind=LookKind.PRIVATE_REFLECTIONS,
        who=people.co_facilitator.user,
        who_name="Before Her Time",
        role="co_facilitator",
        at=timezone.now() - datetime.timedelta(days=1),
    )
    make_reflection(session, kayla, PRIVATE, shared=Shared.FACILITATORS)
    client.get(session.get_absolute_url())
    client.force_login(kayla.user)

    page = client.get(reverse("privacy:account")).content.decode()

    look = Look.objects.get(who_name="Jo Mensah")
    when = timezone.localtime(look.at).strftime("%-d %B %Y, %H:%M")
    assert "Who has read your reflections for the facilitators" in page
    workshop = session.workshop
    assert (
        f"Jo Mensah (Facilitator) on {when}, on the page of workshop {workshop.number}: "
        f"{workshop.title}"
    ) in page
    assert "Before Her Time" not in page
    # Someone with nothing private sees no such part.
    client.force_login(people.professional.user)
    assert (
        "Who has read your reflections"
        not in client.get(reverse("privacy:account")).content.decode()
    )


def test_the_record_is_read_only_in_the_admin(rf, people):
    look_admin = admin.site._registry[Look]
    request = rf.get("/")

    assert (
        look_admin.has_add_permission(request),
        look_admin.has_change_permission(request),
        look_admin.has_delete_permission(request),
    ) == (False, False, False)


def test_an_erased_account_takes_its_own_looks_but_not_a_facilitators_record(client, people):
    session = first_session(people.programme)
    make_reflection(session, people.young_person, PRIVATE, shared=Shared.FACILITATORS)
    client.force_login(people.young_person.user)
    client.get(reverse("workshops:members", args=[people.programme.pk]))
    for member in (people.facilitator, people.co_facilitator):
        client.force_login(member.user)
        client.get(session.get_absolute_url())

    erasure.account_erase(user=people.young_person.user, keep_shared=True)
    erasure.account_erase(user=people.co_facilitator.user, keep_shared=True)

    co_facilitator = people.co_facilitator.user.name
    assert [(who, name) for _k, _s, who, name, _r in _looks()] == [
        (people.facilitator.user_id, "Jo Mensah"),
        (None, co_facilitator),
    ]
