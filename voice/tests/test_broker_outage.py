"""What a person asks for that must reach someone is not lost when Redis is down: the page
answers as usual, the request is kept, and once Redis is back the scheduled resend sends
it, once, also when the worker is killed while it sends. A page that cannot work without
Redis (asking for a PDF pack) says so kindly, and works once Redis is back."""

import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Invitation
from accounts.tasks import resend_invitation_emails
from conftest import _start_worker, _stop_worker, wait_for
from packs.models import Pack, PackKind, PackStatus
from voice.models import Reflection
from voice.tasks import resend_chat_requests
from workshops.models import Role
from workshops.tests.factories import first_session


@pytest.fixture
def redis_that_goes_down(local_redis):
    """The suite's Redis, stopped by the test and started again on the same port."""
    yield local_redis
    if local_redis.process is None:
        local_redis.start()


def _sent_once_more(worker, task) -> list[str]:
    """Run the resend again, and give a second e-mail the time to turn up if it would."""
    task.delay(older_than_seconds=0)
    time.sleep(3)
    return worker.sent_mail()


@pytest.mark.django_db(transaction=True)
def test_an_ask_for_a_chat_made_while_redis_is_down_is_sent_once_it_is_back(
    client, people, redis_that_goes_down, tmp_path
):
    people.facilitator.user.email = "jo@example.org"
    people.facilitator.user.save()
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    redis_that_goes_down.stop()

    response = client.post(
        reverse("voice:reflection-add", args=[people.programme.pk, session.pk]),
        {"text": "Can someone ring me?", "shared": "facilitators", "wants_a_chat": "on"},
    )

    assert (response.status_code, response.url) == (
        302,
        f"{session.get_absolute_url()}#said-reflections",
    )
    reflection = Reflection.objects.get()
    assert (reflection.wants_a_chat, reflection.chat_emailed_at) == (True, None)
    dashboard = client.get("/")
    assert dashboard.status_code == 200

    redis_that_goes_down.start()
    worker = _start_worker(redis_that_goes_down, tmp_path, ["--pool=solo"])
    try:
        resend_chat_requests.delay(older_than_seconds=0)
        wait_for(lambda: Reflection.objects.get(pk=reflection.pk).chat_emailed_at is not None)
        messages = _sent_once_more(worker, resend_chat_requests)
    finally:
        _stop_worker(worker)

    assert len(messages) == 1
    assert "To: jo@example.org" in messages[0]
    assert "Can someone ring me?" not in messages[0]


@pytest.mark.django_db(transaction=True)
def test_an_invitation_made_while_redis_is_down_is_e_mailed_once_it_is_back(
    client, people, redis_that_goes_down, tmp_path
):
    client.force_login(people.facilitator.user)
    redis_that_goes_down.stop()

    response = client.post(
        reverse("accounts:invitation-create", args=[people.programme.pk]),
        {"name": "Reece", "email": "reece@example.org", "role": Role.YOUNG_PERSON, "agency": ""},
    )

    invitation = Invitation.objects.get()
    assert (response.status_code, invitation.emailed_at) == (302, None)

    redis_that_goes_down.start()
    worker = _start_worker(redis_that_goes_down, tmp_path, ["--pool=solo"])
    try:
        resend_invitation_emails.delay(older_than_seconds=0)
        wait_for(lambda: Invitation.objects.get(pk=invitation.pk).emailed_at is not None)
        messages = _sent_once_more(worker, resend_invitation_emails)
    finally:
        _stop_worker(worker)

    assert len(messages) == 1
    assert "To: reece@example.org" in messages[0]
    assert "/join/" in messages[0]


def test_beat_sends_again_every_five_minutes_and_deletes_what_is_past_its_day_every_hour():
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule == {
        "voice.tasks.resend_chat_requests": 300,
        "accounts.tasks.resend_invitation_emails": 300,
        "privacy.tasks.delete_expired_exports": 3600,
        "privacy.tasks.end_programmes": 3600,
    }


@pytest.mark.django_db(transaction=True)
def test_asking_for_a_pack_while_redis_is_down_says_so_and_works_once_it_is_back(
    client, people, redis_that_goes_down, tmp_path
):
    client.force_login(people.manager.user)
    redis_that_goes_down.stop()

    response = client.post(
        reverse("packs:pack-request", args=[people.programme.pk]), {"kind": PackKind.PROGRAMME}
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "<h1>This can't be done just now</h1>" in page
    assert "Nothing you saved is lost." in page
    assert client.get(people.programme.get_absolute_url()).status_code == 200
    pack = Pack.objects.get()
    assert client.get(pack.get_absolute_url()).status_code == 503

    redis_that_goes_down.start()
    worker = _start_worker(redis_that_goes_down, tmp_path, ["--pool=solo"])
    try:
        assert client.get(pack.get_absolute_url()).status_code == 200
        wait_for(lambda: Pack.objects.get(pk=pack.pk).status == PackStatus.READY, timeout=90)
    finally:
        _stop_worker(worker)
    assert Pack.objects.get().pages >= 1


def _ask_for_a_chat(client, people) -> Reflection:
    client.force_login(people.young_person.user)
    client.post(
        reverse(
            "voice:reflection-add", args=[people.programme.pk, first_session(people.programme).pk]
        ),
        {"text": "Can someone ring me?", "shared": "facilitators", "wants_a_chat": "on"},
    )
    return Reflection.objects.get()


def _invite(client, people) -> Invitation:
    client.force_login(people.facilitator.user)
    client.post(
        reverse("accounts:invitation-create", args=[people.programme.pk]),
        {"name": "Reece", "email": "reece@example.org", "role": Role.YOUNG_PERSON, "agency": ""},
    )
    return Invitation.objects.get()


@pytest.mark.parametrize(
    ("ask", "sent", "resend", "to"),
    [
        pytest.param(
            _ask_for_a_chat, "chat_emailed_at", resend_chat_requests, "jo@example.org", id="chat"
        ),
        pytest.param(
            _invite, "emailed_at", resend_invitation_emails, "reece@example.org", id="invitation"
        ),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_it_sends_leaves_one_e_mail_not_none_or_two(
    client, people, local_redis, tmp_path, ask, sent, resend, to
):
    people.facilitator.user.email = "jo@example.org"
    people.facilitator.user.save()
    worker = _start_worker(
        local_redis,
        tmp_path,
        ["--pool=prefork", "--concurrency=1"],
        mail_backend="workshops.tests.slow_mail.SlowFirstFileBackend",
    )
    try:
        asked = ask(client, people)
        begun = Path(worker.mail_dir) / "sending"
        wait_for(begun.exists)
        sender = int(begun.read_text())
        assert sender in worker.pool_processes()

        os.kill(sender, signal.SIGKILL)

        wait_for(lambda: getattr(type(asked).objects.get(pk=asked.pk), sent) is not None)
        messages = _sent_once_more(worker, resend)
    finally:
        _stop_worker(worker)

    [message] = messages
    assert f"To: {to}" in message
