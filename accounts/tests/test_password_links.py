"""The link a facilitator makes for a young person who has lost their password: one works at
a time, once, for a day at most; using it ends the person's other sessions; the person is
told on their next visit who made it and when; and a record of each link is kept."""

import datetime
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.context_processors import password_notice
from accounts.models import PasswordLink, User
from accounts.security import hashed_username
from workshops.tests.factories import PASSWORD

NEW_PASSWORD = "kettle-on-at-ten"


def _make_link(client, people, by=None) -> str:
    client.force_login((by or people.facilitator).user)
    response = client.post(
        reverse(
            "accounts:member-password-reset", args=[people.programme.pk, people.young_person.pk]
        ),
        follow=True,
    )
    assert response.redirect_chain == [
        (
            reverse(
                "accounts:member-password-link",
                args=[people.programme.pk, people.young_person.pk],
            ),
            302,
        )
    ]
    found = re.search(
        r'value="http://testserver(/accounts/new-password/[^"/]+/)"', response.content.decode()
    )
    assert found, "no link on the page"
    return found.group(1)


def _use(client, path: str, password: str = NEW_PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def _sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def _young_person(people) -> User:
    return User.objects.get(pk=people.young_person.user_id)


def test_the_young_person_chooses_a_new_password_with_the_link(client, people):
    path = _make_link(client, people)
    client.logout()

    form_page = client.get(path)
    username = people.young_person.user.username
    assert f"Your username is <strong>{username}</strong>." in form_page.content.decode()
    done = _use(client, path)

    assert done.status_code == 200
    assert "Your new password is saved." in done.content.decode()
    assert _young_person(people).check_password(NEW_PASSWORD)
    signed_in = _sign_in(client, username, NEW_PASSWORD)
    assert (signed_in.status_code, signed_in.url) == (302, "/")


def test_the_link_works_for_a_day_at_most(client, people):
    path = _make_link(client, people)
    link = PasswordLink.objects.get()
    lifetime = link.expires_at - link.created_at
    assert datetime.timedelta(hours=23, minutes=59) < lifetime <= datetime.timedelta(hours=24)

    PasswordLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    client.logout()
    response = _use(client, path)

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    assert not _young_person(people).check_password(NEW_PASSWORD)


def test_a_newer_link_stops_the_older_one_working(client, people):
    older = _make_link(client, people)
    newer = _make_link(client, people, by=people.co_facilitator)
    client.logout()

    assert _use(client, older).status_code == 404
    assert not _young_person(people).check_password(NEW_PASSWORD)
    assert _use(client, newer).status_code == 200
    assert PasswordLink.objects.usable().count() == 0
    assert [link.status for link in PasswordLink.objects.order_by("pk")] == [
        "replaced by a newer link",
        "used",
    ]


def test_a_link_works_once(client, people):
    path = _make_link(client, people)
    client.logout()
    assert _use(client, path).status_code == 200

    again = _use(client, path, password="another-kettle-9")

    assert again.status_code == 404
    assert _young_person(people).check_password(NEW_PASSWORD)


def test_a_password_the_form_refuses_leaves_the_link_working(client, people):
    path = _make_link(client, people)
    client.logout()

    refused = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": "different"})

    assert refused.status_code == 200
    assert "The two password fields didn’t match." in refused.content.decode()
    assert PasswordLink.objects.usable().count() == 1
    assert _use(client, path).status_code == 200


def test_using_the_link_signs_the_person_out_everywhere_else(client, people):
    phone = Client()
    phone.force_login(people.young_person.user)
    assert phone.get(reverse("workshops:dashboard")).status_code == 200
    path = _make_link(client, people)
    client.logout()

    _use(client, path)

    response = phone.get(reverse("workshops:dashboard"))
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next=/")


def test_the_link_also_lifts_a_lockout_from_wrong_guesses(client, people):
    username = people.young_person.user.username
    for _ in range(5):
        _sign_in(client, username, "wrong")
    locked = _sign_in(client, username, "wrong")
    assert locked.status_code == 429
    path = _make_link(client, people)
    client.logout()

    _use(client, path)

    signed_in = _sign_in(client, username, NEW_PASSWORD)
    assert (signed_in.status_code, signed_in.url) == (302, "/")


def test_a_record_is_kept_of_who_made_the_link_for_whom_and_when_it_was_used(
    client, people, caplog
):
    caplog.set_level(logging.INFO, logger="codesign.security")
    before = timezone.now()
    path = _make_link(client, people)
    client.logout()
    _use(client, path)

    link = PasswordLink.objects.get()
    assert (link.user_id, link.programme_id, link.made_by_id, link.made_by_name) == (
        people.young_person.user_id,
        people.programme.pk,
        people.facilitator.user_id,
        "Jo Mensah",
    )
    assert before <= link.created_at <= link.used_at <= timezone.now()
    assert link.seen_at is None
    young, facilitator = (
        hashed_username(people.young_person.user.username),
        hashed_username(people.facilitator.user.username),
    )
    assert [record.getMessage() for record in caplog.records] == [
        f"New-password link {link.pk} made for user {young} by user {facilitator} "
        f"in programme {people.programme.pk}.",
        f"New-password link {link.pk} used: the password of user {young} was changed.",
    ]
    assert people.young_person.user.username not in caplog.text
    assert NEW_PASSWORD not in caplog.text


def test_the_facilitators_see_the_links_made_for_the_person(client, people):
    _make_link(client, people)
    page = client.post(
        reverse(
            "accounts:member-password-reset", args=[people.programme.pk, people.young_person.pk]
        ),
        follow=True,
    ).content.decode()

    made = re.findall(r"<li>Made [^<]* by ([^<:]*): ([^<]*)</li>", page)
    assert [(name, status.strip()[:24]) for name, status in made] == [
        ("Jo Mensah", "waiting"),
        ("Jo Mensah", "replaced by a newer link"),
    ]


def test_the_young_person_is_told_on_their_next_visit_until_they_have_read_it(client, people):
    path = _make_link(client, people)
    client.logout()
    _use(client, path)
    link = PasswordLink.objects.get()
    local = timezone.localtime
    _sign_in(client, people.young_person.user.username, NEW_PASSWORD)

    page = client.get(reverse("workshops:dashboard")).content.decode()

    assert "Your password was changed" in page
    assert (
        f"On {local(link.created_at):%A} {local(link.created_at).day} "
        f"{local(link.created_at):%B} at {local(link.created_at):%H:%M}, Jo Mensah made a link "
        "to set a new password for you."
    ) in page
    assert f"at {local(link.used_at):%H:%M} to change your password." in page
    assert "If you didn't ask for this, tell a worker you trust." in page
    session_page = people.programme.get_absolute_url()
    assert "Your password was changed" in client.get(session_page).content.decode()

    read = client.post(reverse("accounts:password-notice-seen"), {"next": session_page})

    assert (read.status_code, read.url) == (302, session_page)
    assert "Your password was changed" not in client.get(session_page).content.decode()
    link.refresh_from_db()
    assert link.seen_at is not None
    assert _young_person(people).has_password_notice is False


def test_nobody_else_sees_the_notice_and_it_costs_their_pages_no_query(
    rf, people, django_assert_num_queries
):
    link, token = services.password_link_create(
        member=people.young_person, made_by=people.facilitator.user
    )
    services.password_link_use(link=link, password=NEW_PASSWORD)
    request = rf.get("/")
    request.user = User.objects.get(pk=people.facilitator.user_id)

    with django_assert_num_queries(0):
        assert password_notice(request) == {}

    request.user = _young_person(people)
    with django_assert_num_queries(1):
        assert password_notice(request) == {"password_notice": [link]}


def test_only_a_signed_in_person_marks_the_notice_read(client, people):
    response = client.post(reverse("accounts:password-notice-seen"))
    assert (response.status_code, response.url) == (
        302,
        f"{reverse('login')}?next={reverse('accounts:password-notice-seen')}",
    )
    assert client.get(reverse("accounts:password-notice-seen")).status_code == 302
    client.force_login(people.young_person.user)
    assert client.get(reverse("accounts:password-notice-seen")).status_code == 405


@pytest.mark.parametrize("token", ["nonsense", "a" * 43])
def test_a_made_up_link_opens_nothing(client, people, token):
    response = client.get(reverse("accounts:password-link", args=[token]))
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


def test_the_link_is_shown_once_and_going_back_to_it_makes_no_other(client, people):
    path = _make_link(client, people)
    page = reverse(
        "accounts:member-password-link", args=[people.programme.pk, people.young_person.pk]
    )

    again = client.get(page).content.decode()

    assert path not in again
    assert "A link is shown only once, when it is made." in again
    assert PasswordLink.objects.usable().count() == 1
    client.logout()
    assert _use(client, path).status_code == 200


def test_the_record_shows_only_the_links_made_in_this_programme(client, people):
    from workshops.tests.factories import MembershipFactory

    other = people.outsider.memberships.get()
    MembershipFactory(programme=other.programme, user=people.young_person.user)
    services.password_link_create(
        member=other.programme.memberships.get(user=people.young_person.user),
        made_by=people.outsider,
    )
    _make_link(client, people)

    page = client.get(
        reverse("accounts:member-password-link", args=[people.programme.pk, people.young_person.pk])
    ).content.decode()

    assert "Made " in page and "by Jo Mensah" in page
    assert "Someone Else" not in page


def test_a_link_does_not_work_for_someone_made_a_facilitator_since(client, people):
    from workshops.tests.factories import MembershipFactory

    path = _make_link(client, people)
    MembershipFactory(
        programme=people.outsider.memberships.get().programme,
        user=people.young_person.user,
        role="facilitator",
    )
    client.logout()

    assert _use(client, path).status_code == 404
    assert not _young_person(people).check_password(NEW_PASSWORD)


def test_choosing_a_password_yourself_stops_a_waiting_link(client, people):
    path = _make_link(client, people)
    client.force_login(people.young_person.user)
    changed = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "my-own-choice-77",
            "new_password2": "my-own-choice-77",
        },
    )
    assert changed.status_code == 302
    client.logout()

    assert _use(client, path).status_code == 404
    assert _young_person(people).check_password("my-own-choice-77")
