import base64
import datetime
import json
import re
import secrets

import pytest
import redis
import segno
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlsafe_base64_encode

from accounts import services, tokens
from accounts.models import Invitation, User, hash_token
from accounts.tasks import send_invitation_email
from conftest import wait_for
from workshops.models import Membership, Role
from workshops.tests.factories import MembershipFactory, dated


def _invite(client, people, **data):
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("accounts:invitation-create", args=[people.programme.pk]),
        {"name": "Reece", "email": "", "role": Role.YOUNG_PERSON, "agency": "", **data},
        follow=True,
    )
    match = re.search(r'value="http://testserver(/join/[^/"]+/)"', response.content.decode())
    return response, match.group(1) if match else None


def test_facilitator_invites_a_young_person_with_no_email_and_sees_the_link_once(client, people):
    response, path = _invite(client, people)

    invitation = Invitation.objects.get()
    assert (invitation.name, invitation.role, invitation.email) == ("Reece", "young_person", "")
    assert path is not None
    assert invitation.token_hash == hash_token(path.split("/")[2])
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert response.redirect_chain[-1][0] == reverse(
        "accounts:invitation-detail", args=[people.programme.pk, invitation.pk]
    )
    # The secret is not kept: a second look does not show it.
    again = client.get(response.redirect_chain[-1][0]).content.decode()
    assert "/join/" not in again
    assert "Make a new link" in again


def test_the_link_waiting_to_be_shown_is_kept_in_the_session_as_the_invitation_s_id_alone(
    client, people
):
    client.force_login(people.facilitator.user)
    client.post(
        reverse("accounts:invitation-create", args=[people.programme.pk]),
        {"name": "Reece", "email": "", "role": Role.YOUNG_PERSON, "agency": ""},
    )
    invitation = Invitation.objects.get()
    token = tokens.invitation_token(invitation)

    assert dict(client.session["new_invitation_links"]) == {str(invitation.pk): True}
    assert token not in json.dumps(dict(client.session))
    shown = client.get(
        reverse("accounts:invitation-detail", args=[people.programme.pk, invitation.pk])
    )
    assert f"http://testserver/join/{token}/" in shown.content.decode()
    assert dict(client.session["new_invitation_links"]) == {}


def test_the_printable_card_has_a_qr_code_of_the_link_and_who_to_ask(client, people):
    dated(people.programme.workshops.get(number=2).sessions.get(), 5)
    response, path = _invite(client, people)
    html = response.content.decode()
    link = f"http://testserver{path}"
    expected_qr = segno.make(link, error="m").svg_data_uri(scale=4, border=2)
    assert response.context["qr_code"] == expected_qr
    assert f'<p class="invitation-card__link">{link}</p>' in html
    assert "Any questions? Ask Jo Mensah." in html
    assert "Next session: The experiences of leaving care" in html


def test_a_professional_needs_an_agency(client, people):
    response, path = _invite(client, people, role=Role.PROFESSIONAL)
    assert response.context["form"].errors == {
        "agency": ["Say which agency this professional works for."]
    }
    assert path is None
    assert Invitation.objects.count() == 0


def test_the_invited_person_chooses_a_password_and_joins(client, people):
    _, path = _invite(client, people, role=Role.PROFESSIONAL, agency="Leaving Care Team")
    client.logout()

    page = client.get(path).content.decode()
    assert "Hello Reece!" in page
    assert "You are invited to join Care Leavers Co-production" in page
    response = client.post(
        path,
        {"username": "reece", "password1": "sunny-mug-of-tea", "password2": "sunny-mug-of-tea"},
    )

    user = User.objects.get(username="reece")
    membership = Membership.objects.get(user=user)
    assert (membership.programme, membership.role, membership.agency) == (
        people.programme,
        Role.PROFESSIONAL,
        "Leaving Care Team",
    )
    assert user.display_name == "Reece"
    assert user.check_password("sunny-mug-of-tea")
    assert membership.agreed_ground_rules_at is None
    # Signed in, and asked to agree to the ground rules before anything else.
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url.startswith(
        reverse("workshops:ground-rules-agree", args=[people.programme.pk])
    )
    invitation = Invitation.objects.get()
    assert (invitation.accepted_by, invitation.status) == (user, "joined")


def test_a_link_works_once(client, people):
    _, path = _invite(client, people)
    client.logout()
    client.post(
        path,
        {"username": "reece", "password1": "sunny-mug-of-tea", "password2": "sunny-mug-of-tea"},
    )
    client.logout()

    response = client.post(
        path,
        {"username": "someone", "password1": "sunny-mug-of-tea", "password2": "sunny-mug-of-tea"},
    )

    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()
    assert not User.objects.filter(username="someone").exists()


def test_two_accepts_of_one_invitation_make_one_membership(people):
    invitation, _ = services.invitation_create(
        programme=people.programme,
        name="Dan",
        email="",
        role=Role.YOUNG_PERSON,
        agency="",
        created_by=people.facilitator.user,
    )
    services.invitation_accept(invitation=invitation, user=people.outsider)
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(invitation=invitation, user=people.manager.user)
    assert Membership.objects.filter(programme=people.programme, user=people.outsider).count() == 1
    assert not Membership.objects.filter(
        programme=people.programme, user=people.manager.user, role=Role.YOUNG_PERSON
    ).exists()


def test_a_cancelled_link_does_not_work(client, people):
    _, path = _invite(client, people)
    invitation = Invitation.objects.get()
    client.post(reverse("accounts:invitation-revoke", args=[people.programme.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"
    members_page = client.get(reverse("workshops:members", args=[people.programme.pk]))
    assert list(members_page.context["invitations"]) == []
    client.logout()
    assert client.get(path).status_code == 404


def test_an_expired_link_does_not_work(client, people):
    _, path = _invite(client, people)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.logout()
    assert client.get(path).status_code == 404


def test_a_new_link_replaces_the_old_one(client, people):
    _, old_path = _invite(client, people)
    invitation = Invitation.objects.get()

    response = client.post(
        reverse("accounts:invitation-renew", args=[people.programme.pk, invitation.pk]),
        follow=True,
    )

    new_path = re.search(r'value="http://testserver(/join/[^/"]+/)"', response.content.decode())
    assert new_path and new_path.group(1) != old_path
    client.logout()
    assert client.get(old_path).status_code == 404
    assert client.get(new_path.group(1)).status_code == 200


def test_join_form_explains_what_is_wrong_and_joins_nobody(client, people):
    _, path = _invite(client, people)
    client.logout()
    response = client.post(
        path,
        {
            "username": people.young_person.user.username.upper(),
            "password1": "12345678",
            "password2": "12345679",
        },
    )
    assert response.context["form"].errors == {
        "username": ["Someone already has that username. Try another."],
        "password2": ["The two passwords are not the same."],
    }
    response = client.post(
        path, {"username": "reece", "password1": "12345678", "password2": "12345678"}
    )
    assert response.context["form"].errors == {
        "password1": ["This password is too common.", "This password is entirely numeric."]
    }
    assert Invitation.objects.get().accepted_at is None


def test_a_member_signed_in_on_a_shared_laptop_does_not_use_up_the_link(client, people):
    _, path = _invite(client, people)  # the facilitator is still signed in
    page = client.get(path).content.decode()
    assert "This invitation is for Reece. You are signed in as Jo Mensah." in page
    assert "Sign out, so Reece can join" in page
    assert "Join as Jo Mensah" not in page

    client.post(path)

    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None
    assert people.facilitator.user.memberships.get(programme=people.programme).role == (
        Role.FACILITATOR
    )
    client.post(reverse("logout"), {"next": path})
    assert client.get(path).status_code == 200


def test_someone_signed_in_joins_with_their_account(client, people):
    _, path = _invite(client, people, role=Role.MANAGER)
    client.force_login(people.outsider)
    assert "Join as Someone Else" in client.get(path).content.decode()
    client.post(path)
    assert Membership.objects.get(programme=people.programme, user=people.outsider).role == (
        Role.MANAGER
    )


def test_the_invitation_page_escapes_the_name(client, people):
    response, _ = _invite(client, people, name="<script>alert(1)</script>")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("who", ["manager", "staff", "runs_elsewhere"])
def test_only_young_peoples_passwords_are_reset_here(client, people, who):
    """A facilitator must not be able to take over an account that is more than a young
    person's: a manager, site staff, or someone who runs another programme."""
    member = people.manager
    if who == "staff":
        member = people.young_person
        User.objects.filter(pk=member.user_id).update(is_staff=True)
    elif who == "runs_elsewhere":
        member = MembershipFactory(programme=people.programme, user=people.outsider)
    client.force_login(people.co_facilitator.user)
    response = client.post(
        reverse("accounts:member-password-reset", args=[people.programme.pk, member.pk]),
        follow=True,
    )
    assert "/accounts/new-password/" not in response.content.decode()
    assert "Only young people&#x27;s passwords can be reset here." in response.content.decode()


def test_five_wrong_passwords_lock_the_username_for_a_while(client, people):
    username = people.young_person.user.username
    login = reverse("login")
    for _ in range(5):
        client.post(login, {"username": username, "password": "wrong"})
    response = client.post(login, {"username": username, "password": "a-long-test-password"})
    assert response.status_code == 429
    assert "Please wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_works_with_the_right_password(client, people):
    response = client.post(
        reverse("login"),
        {"username": people.young_person.user.username, "password": "a-long-test-password"},
    )
    assert response.url == reverse("workshops:dashboard")
    assert client.session["_auth_user_id"] == str(people.young_person.user.pk)


@pytest.mark.django_db(transaction=True)
def test_an_emailed_invitation_is_sent_by_the_celery_worker(client, people, celery_worker):
    """The whole path: the view commits, the task goes through Redis to a real worker, and
    the worker sends the e-mail with a link that works."""
    _, path = _invite(client, people, email="reece@example.org")
    invitation = Invitation.objects.get()

    wait_for(lambda: Invitation.objects.get(pk=invitation.pk).emailed_at is not None)

    [message] = celery_worker.sent_mail()
    assert "To: reece@example.org" in message
    assert "Subject: You are invited to join Care Leavers Co-production" in message
    assert f"https://codesign.example.org{path}" in message
    assert "Hello Reece," in message


def _emailed_invitation(people, name: str):
    return services.invitation_create(
        programme=people.programme,
        name=name,
        email=f"{name.lower()}@example.org",
        role=Role.YOUNG_PERSON,
        agency="",
        created_by=people.facilitator.user,
    )


@pytest.mark.django_db(transaction=True)
def test_the_email_task_is_safe_to_run_twice_and_skips_used_links(people, celery_worker):
    dan, _ = _emailed_invitation(people, "Dan")
    used, _ = _emailed_invitation(people, "Reece")
    wait_for(lambda: Invitation.objects.get(pk=used.pk).emailed_at is not None)
    Invitation.objects.filter(pk=used.pk).update(emailed_at=None)
    services.invitation_accept(invitation=used, user=people.outsider)

    send_invitation_email.delay(invitation_id=dan.pk)
    send_invitation_email.delay(invitation_id=dan.pk)
    send_invitation_email.delay(invitation_id=dan.pk + 1000)
    send_invitation_email.delay(invitation_id=used.pk)
    # A marker task behind the others: once it is done, the ones before it are too.
    marker, _ = _emailed_invitation(people, "Kayla")
    send_invitation_email.delay(invitation_id=marker.pk)
    wait_for(lambda: Invitation.objects.get(pk=marker.pk).emailed_at is not None)

    messages = celery_worker.sent_mail()
    assert sum("To: dan@example.org" in message for message in messages) == 1
    assert sum("To: kayla@example.org" in message for message in messages) == 1
    # Reece's one e-mail went before the link was used; none went after.
    assert sum("To: reece@example.org" in message for message in messages) == 1
    assert Invitation.objects.get(pk=used.pk).emailed_at is None


@pytest.fixture
def broker(redis_url, clear_redis):
    """The test Redis, empty before and after, to read the messages a test queues."""
    clear_redis()
    yield redis.Redis.from_url(redis_url)
    clear_redis()


def _queued_tasks(broker) -> list[tuple[str, dict, str]]:
    """Each message waiting in the broker: the task's name, its keyword arguments, and all
    the message says, its body decoded."""
    queued = []
    for raw in broker.lrange("celery", 0, -1):
        message = json.loads(raw)
        body = base64.b64decode(message["body"]).decode()
        _args, kwargs, _embed = json.loads(body)
        queued.append((message["headers"]["task"], kwargs, raw.decode() + body))
    return queued


def test_the_email_task_is_given_the_invitation_id_and_no_secret(
    people, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = _emailed_invitation(people, "Dan")
    with django_capture_on_commit_callbacks(execute=True):
        new_token = services.invitation_renew(invitation=invitation)

    queued = _queued_tasks(broker)
    assert [(task, kwargs) for task, kwargs, _ in queued] == [
        ("accounts.tasks.send_invitation_email", {"invitation_id": invitation.pk}),
        ("accounts.tasks.send_invitation_email", {"invitation_id": invitation.pk}),
    ]
    assert not [text for _, _, text in queued if token in text or new_token in text]


def _emailed_path(message) -> str:
    return re.search(r"/join/[^/\s]+/", message.body).group(0)


def test_the_emailed_link_opens_the_invitation_and_a_new_link_replaces_it(
    client, people, mailoutbox
):
    invitation, token = _emailed_invitation(people, "Dan")
    send_invitation_email(invitation_id=invitation.pk)
    new_token = services.invitation_renew(invitation=invitation)
    send_invitation_email(invitation_id=invitation.pk)

    first, second = mailoutbox
    assert (_emailed_path(first), _emailed_path(second)) == (
        tokens.invitation_path(token),
        tokens.invitation_path(new_token),
    )
    assert token != new_token
    assert client.get(_emailed_path(first)).status_code == 404
    assert "Hello Dan!" in client.get(_emailed_path(second)).content.decode()


@pytest.mark.parametrize("ending", ["joined", "cancelled"])
def test_a_link_stops_working_once_the_invitation_is_used_or_cancelled(client, people, ending):
    invitation, token = _emailed_invitation(people, "Dan")
    path = tokens.invitation_path(token)
    assert client.get(path).status_code == 200

    if ending == "joined":
        services.invitation_accept(invitation=invitation, user=people.outsider)
    else:
        services.invitation_revoke(invitation=invitation)

    response = client.get(path)
    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()
    assert services.invitation_for_token(token) is None


def _link_token_made_with(invitation: Invitation, secret: str) -> str:
    digest = salted_hmac(
        tokens.LINK_SALT, invitation.link_seed, secret=secret, algorithm="sha256"
    ).digest()
    return urlsafe_base64_encode(digest)


def test_a_link_not_made_with_our_secret_key_is_refused(client, people, settings):
    """What someone with a copy of the database, but not SECRET_KEY, could try."""
    invitation, token = _emailed_invitation(people, "Dan")
    assert _link_token_made_with(invitation, settings.SECRET_KEY) == token
    forged = _link_token_made_with(invitation, "a-guess-at-the-secret-key")
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for wrong in (forged, altered):
        assert client.get(tokens.invitation_path(wrong)).status_code == 404
        assert services.invitation_for_token(wrong) is None
    assert client.get(tokens.invitation_path(token)).status_code == 200


def test_a_link_works_through_a_change_of_secret_key_until_the_old_key_is_retired(
    client, people, settings, mailoutbox
):
    invitation, token = _emailed_invitation(people, "Dan")
    path = tokens.invitation_path(token)

    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-0123456789-abcdefghijklmnopq"
    assert client.get(path).status_code == 200
    send_invitation_email(invitation_id=invitation.pk)
    assert [_emailed_path(message) for message in mailoutbox] == [path]

    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(path).status_code == 404
    assert services.invitation_for_token(token) is None


def _invitation_made_before_links_had_a_seed(people) -> tuple[Invitation, str]:
    """An invitation made as they were before: a random secret, and only its hash kept."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        programme=people.programme,
        name="Dan",
        email="dan@example.org",
        role=Role.YOUNG_PERSON,
        token_hash=hash_token(token),
        created_by=people.facilitator.user,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    return invitation, token


def test_a_link_made_before_links_had_a_seed_still_lets_the_person_join(client, people):
    invitation, token = _invitation_made_before_links_had_a_seed(people)
    path = tokens.invitation_path(token)

    assert "Hello Dan!" in client.get(path).content.decode()
    client.post(
        path,
        {"username": "dan", "password1": "sunny-mug-of-tea", "password2": "sunny-mug-of-tea"},
    )

    membership = Membership.objects.get(user__username="dan")
    assert (membership.programme, membership.role) == (people.programme, Role.YOUNG_PERSON)
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.link_seed) == (membership.user, "")
    client.logout()
    assert client.get(path).status_code == 404


def test_a_link_made_before_links_had_a_seed_stops_working_when_it_runs_out(client, people):
    invitation, token = _invitation_made_before_links_had_a_seed(people)
    path = tokens.invitation_path(token)
    assert client.get(path).status_code == 200

    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert client.get(path).status_code == 404


def test_a_message_queued_with_the_secret_before_links_had_a_seed_still_sends_it(
    people, mailoutbox
):
    """Messages already in the broker when links began to have a seed carry the secret."""
    invitation, token = _invitation_made_before_links_had_a_seed(people)

    send_invitation_email(invitation_id=invitation.pk, token="a-link-since-replaced")
    send_invitation_email(invitation_id=invitation.pk)
    assert mailoutbox == []
    send_invitation_email(invitation_id=invitation.pk, token=token)
    send_invitation_email(invitation_id=invitation.pk, token=token)

    [message] = mailoutbox
    assert (message.to, _emailed_path(message)) == (
        ["dan@example.org"],
        tokens.invitation_path(token),
    )


@pytest.mark.parametrize("made", ["with a seed", "before links had a seed"])
def test_a_link_is_found_in_one_query(people, django_assert_num_queries, made):
    if made == "with a seed":
        _, token = _emailed_invitation(people, "Dan")
    else:
        _, token = _invitation_made_before_links_had_a_seed(people)

    with django_assert_num_queries(1):
        invitation = services.invitation_for_token(token)
        assert (invitation.name, invitation.programme.name) == (
            "Dan",
            "Care Leavers Co-production",
        )
