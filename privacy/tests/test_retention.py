"""A programme's end: read-only once ended, its managers told 30 days before its day, and its
personal data deleted on the day, leaving only what it chose to keep, without names."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from blueprints.models import Blueprint, Dot, Evidence, Idea, Prototype, Vote
from packs.models import Pack, PackKind
from personas.models import Card, JourneyMap, Persona, Timeline, TimelineEvent
from privacy import retention, tasks
from showcases.models import Action, ActionUpdate
from voice.models import Answer, CheckOut, Photo, Question, Reflection
from workshops.models import Attendance, Membership, Programme, Role
from workshops.tests.factories import first_session, make_reflection
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair

from .test_export import _with_a_bit_of_everything

pytestmark = pytest.mark.django_db


def _later(days: int):
    """The clock, `days` from now."""
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.now() + datetime.timedelta(days=days),
    )


@pytest.mark.parametrize(
    "day, months, then",
    [
        (datetime.date(2026, 12, 7), 24, datetime.date(2028, 12, 7)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
    ],
)
def test_the_day_is_the_same_day_months_later(day, months, then):
    assert retention.months_after(day, months) == then


def test_a_facilitator_ends_the_programme_and_everyone_sees_the_day(client, people, settings):
    settings.RETENTION_MONTHS = 24
    client.force_login(people.facilitator.user)
    end = reverse("privacy:programme-end", args=[people.programme.pk])
    assert f'href="{end}"' in client.get(people.programme.get_absolute_url()).content.decode()

    page = client.get(end).content.decode()
    ended = client.post(end, {"keep_actions": "on"}, follow=True)

    programme = Programme.objects.get(pk=people.programme.pk)
    today = timezone.localdate()
    day = retention.months_after(today, 24)
    assert "The managers and facilitators will be told by e-mail 30 days before." in page
    assert (programme.closed_at is not None, programme.delete_on) == (True, day)
    assert (programme.keep_services, programme.keep_actions) == (False, True)
    assert "The programme has ended." in ended.content.decode()
    said = (
        f"This programme ended on {today:%-d %B %Y}, so nothing in it can be changed. "
        f"Its personal data will be deleted on {day:%-d %B %Y}."
    )
    for role in ("manager", "young_person", "facilitator"):
        client.force_login(people.member(role).user)
        assert said in client.get(people.programme.get_absolute_url()).content.decode()


def test_nothing_in_an_ended_programme_can_be_changed_but_packs_and_leaving_work(client, people):
    session = first_session(people.programme)
    retention.programme_close(programme=people.programme, keep_services=False, keep_actions=False)
    client.force_login(people.young_person.user)
    add = reverse("voice:reflection-add", args=[people.programme.pk, session.pk])

    refused = client.post(add, {"text": "Written after the end", "feeling": "happy"}, follow=True)
    by_htmx = client.post(add, {"text": "Written after the end"}, headers={"HX-Request": "true"})

    assert "This programme has ended, so nothing in it can be changed." in refused.content.decode()
    assert refused.redirect_chain[-1][0] == people.programme.get_absolute_url()
    assert (by_htmx.status_code, by_htmx["HX-Refresh"]) == (204, "true")
    assert not Reflection.objects.exists()
    # Reading it, printing it and leaving it still work.
    assert client.get(session.get_absolute_url()).status_code == 200
    asked = client.post(
        reverse("packs:pack-request", args=[people.programme.pk]),
        {"kind": PackKind.HANDOUT, "session": session.pk},
    )
    assert asked.status_code == 302
    assert Pack.objects.count() == 1
    client.post(
        reverse("privacy:programme-leave", args=[people.programme.pk]), {"shared_work": "keep"}
    )
    assert not Membership.objects.filter(pk=people.young_person.pk).exists()


def test_a_facilitator_opens_it_again_before_the_day(client, people):
    retention.programme_close(programme=people.programme, keep_services=True, keep_actions=True)
    client.force_login(people.facilitator.user)

    client.post(reverse("privacy:programme-reopen", args=[people.programme.pk]))

    programme = Programme.objects.get(pk=people.programme.pk)
    assert (programme.closed_at, programme.delete_on) == (None, None)
    client.force_login(people.young_person.user)
    make_reflection(first_session(programme), people.young_person, "Back again")
    assert "This programme ended" not in client.get(programme.get_absolute_url()).content.decode()


def test_managers_and_facilitators_are_told_once_30_days_before(people, settings):
    settings.RETENTION_MONTHS = 24
    for member in (people.manager, people.facilitator, people.young_person):
        member.user.email = f"{member.user.username}@example.org"
        member.user.save()
    retention.programme_close(programme=people.programme, keep_services=False, keep_actions=True)
    day = Programme.objects.get(pk=people.programme.pk).delete_on
    days_left = (day - timezone.localdate()).days

    with _later(days_left - 31):
        tasks.end_programmes()
    assert mail.outbox == []
    with _later(days_left - 30):
        tasks.end_programmes()
        tasks.end_programmes()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"{member.user.username}@example.org" for member in (people.manager, people.facilitator)
    )
    message = mail.outbox[0]
    assert message.subject == (
        f"Care Leavers Co-production: its personal data will be deleted on {day:%-d %B %Y}"
    )
    assert "- the actions and their logs" in message.body
    assert "the services you took forward" not in message.body
    assert Programme.objects.get(pk=people.programme.pk).personal_data_deleted_at is None


def _ended_with_everything(people, *, keep: bool):
    kayla, tom = people.young_person, people.professional
    journey, voting, session, written = _with_a_bit_of_everything(people, kayla, tom)
    Idea.objects.filter(pk=voting.unique.pk).update(taken_forward=True)
    Evidence.objects.create(prototype=voting.prototype, kind="note", text="Jo's", added_by=tom)
    Invitation.objects.create(
        programme=people.programme,
        name="Reece",
        role=Role.YOUNG_PERSON,
        token_hash="c" * 64,
        expires_at=timezone.now(),
    )
    Pack.objects.create(programme=people.programme, kind=PackKind.PROGRAMME, content_hash="a" * 64)
    retention.programme_close(programme=people.programme, keep_services=keep, keep_actions=keep)
    # Another programme beside it, with its own words, that must not be touched.
    other = Membership.objects.get(user=people.outsider)
    make_reflection(first_session(other.programme), other, "Riverside's own words")
    return journey, voting, session, written


def _past_the_day():
    days = (
        Programme.objects.get(pk__isnull=False, closed_at__isnull=False).delete_on
        - timezone.localdate()
    ).days
    return _later(days)


def test_on_the_day_the_personal_data_goes_and_the_chosen_work_stays_without_names(
    people, django_capture_on_commit_callbacks
):
    journey, voting, session, written = _ended_with_everything(people, keep=True)
    photo_file = written["kayla_photo"].image
    programme = people.programme

    with _later(1):
        tasks.end_programmes()
    assert Programme.objects.get(pk=programme.pk).personal_data_deleted_at is None
    with _past_the_day(), django_capture_on_commit_callbacks(execute=True):
        tasks.end_programmes()

    in_it = {"session__workshop__programme": programme}
    assert Reflection.objects.filter(**in_it).count() == 0
    assert Photo.objects.filter(programme=programme).count() == 0
    assert not photo_file.storage.exists(photo_file.name)
    for model, rows in [
        (CheckOut, CheckOut.objects.filter(**in_it)),
        (Question, Question.objects.filter(**in_it)),
        (Answer, Answer.objects.all()),
        (Attendance, Attendance.objects.filter(**in_it)),
        (Timeline, Timeline.objects.filter(programme=programme)),
        (TimelineEvent, TimelineEvent.objects.all()),
        (Persona, Persona.objects.filter(programme=programme)),
        (JourneyMap, JourneyMap.objects.filter(programme=programme)),
        (Card, Card.objects.all()),
        (Vote, Vote.objects.filter(programme=programme)),
        (Dot, Dot.objects.all()),
        (Invitation, Invitation.objects.filter(programme=programme)),
        (Pack, Pack.objects.filter(programme=programme)),
    ]:
        assert rows.count() == 0, model.__name__
    # What it chose to keep stays, with nobody's name on it.
    assert list(Idea.objects.filter(programme=programme).values_list("title", "author")) == [
        ("Unique", None)
    ]
    assert Blueprint.objects.filter(idea=voting.unique).count() == 1
    assert Prototype.objects.filter(pk=voting.prototype.pk).count() == 1
    assert list(Evidence.objects.values_list("added_by", flat=True)) == [None, None, None]
    assert list(Action.objects.values_list("owner", flat=True)) == [None, None]
    assert set(ActionUpdate.objects.values_list("by", flat=True)) == {None}
    assert sorted(
        Membership.objects.filter(programme=programme).values_list("role", flat=True)
    ) == sorted([Role.FACILITATOR, Role.CO_FACILITATOR, Role.MANAGER])
    # The programme beside it is as it was.
    assert list(Reflection.objects.values_list("text", flat=True)) == ["Riverside's own words"]
    with _past_the_day():
        assert retention.personal_data_delete(programme_id=programme.pk) is False  # done


def test_on_the_day_a_programme_that_kept_nothing_keeps_its_plan_alone(people):
    _ended_with_everything(people, keep=False)

    with _past_the_day():
        tasks.end_programmes()

    programme = Programme.objects.get(pk=people.programme.pk)
    assert Idea.objects.filter(programme=programme).count() == 0
    assert Action.objects.filter(programme=programme).count() == 0
    assert programme.workshops.count() == 4
    assert first_session(programme).activities.count() > 0


def test_the_ended_page_says_what_was_kept_after_the_day(client, people):
    _ended_with_everything(people, keep=True)
    with _past_the_day():
        tasks.end_programmes()
    client.force_login(people.manager.user)

    page = client.get(people.programme.get_absolute_url()).content.decode()

    assert "Its personal data was deleted on" in page
    assert "what is here is what it chose to keep, without names." in page


# name: (GET, POST) answers for each role.
URLS = {
    "privacy:programme-end": answers((403, 403), (200, 302)),
    "privacy:programme-reopen": answers((405, 403), (405, 302)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_ending_url_answers_each_role_exactly(client, people, name, role):
    url = reverse(name, args=[people.programme.pk])
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, URLS[name])
    closed = Programme.objects.get(pk=people.programme.pk).closed_at is not None
    assert closed == (name == "privacy:programme-end" and role in ("facilitator", "co_facilitator"))


def test_an_ended_programme_can_be_copied_for_a_new_group(client, people):
    retention.programme_close(programme=people.programme, keep_services=False, keep_actions=False)
    client.force_login(people.facilitator.user)
    page = client.get(people.programme.get_absolute_url()).content.decode()
    copy = reverse("workshops:programme-copy", args=[people.programme.pk])

    client.post(copy, {"name": "Care Leavers Co-production 2027"})

    assert "Edit programme" not in page and f'href="{copy}"' in page
    copied = Programme.objects.get(name="Care Leavers Co-production 2027")
    assert (copied.closed_at, copied.copied_from_id) == (None, people.programme.pk)


def test_the_dashboard_says_which_programmes_have_ended_and_when_their_data_goes(client, people):
    retention.programme_close(programme=people.programme, keep_services=False, keep_actions=False)
    day = Programme.objects.get(pk=people.programme.pk).delete_on
    client.force_login(people.manager.user)

    page = client.get(reverse("workshops:dashboard")).content.decode()

    today = timezone.localdate()
    assert (
        f"Ended on {today:%-d %B %Y}. Its personal data will be deleted on {day:%-d %B %Y}."
    ) in page
