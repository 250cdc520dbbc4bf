"""The account page, asking for a copy of one's data, getting it, and its end."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from privacy import services, tasks
from privacy.models import DataExport, ExportStatus
from workshops.tests.factories import MembershipFactory, first_session, make_reflection

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("privacy:account")
ASK = reverse("privacy:export-request")
PROGRESS = reverse("privacy:export-progress")
DOWNLOAD = reverse("privacy:export-download")
PRIVACY = reverse("privacy:privacy")


def _made(user) -> DataExport:
    """A copy asked for and made, as the worker makes it."""
    export = services.export_request(user=user, language="en")
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


def _zip(response) -> dict:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return json.loads(archive.read("your-data.json"))


@pytest.mark.parametrize(
    "url, method", [(ACCOUNT, "get"), (ASK, "post"), (PROGRESS, "get"), (DOWNLOAD, "get")]
)
def test_the_account_pages_ask_a_stranger_to_sign_in(client, url, method):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert DataExport.objects.count() == 0


@pytest.mark.parametrize(
    "role", ["facilitator", "co_facilitator", "young_person", "professional", "manager"]
)
def test_every_member_asks_for_their_copy_and_gets_their_own(
    client, people, role, django_capture_on_commit_callbacks
):
    member = people.member(role)
    client.force_login(member.user)

    assert client.get(ACCOUNT).status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as sent:
        asked = client.post(ASK)
    export = DataExport.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == f"{ACCOUNT}#my-data"
    assert (export.user, export.status, export.language, len(sent)) == (
        member.user,
        ExportStatus.QUEUED,
        "en-gb",
        1,
    )
    # Not ready yet: nothing to download.
    assert client.get(DOWNLOAD).status_code == 404

    services.export_build(export_id=export.pk)
    downloaded = client.get(DOWNLOAD)

    assert downloaded.status_code == 200
    assert downloaded["Content-Type"] == "application/zip"
    assert downloaded["Cache-Control"] == "private, no-store"
    made = timezone.localdate().isoformat()
    assert downloaded["Content-Disposition"] == (
        f'attachment; filename="codesign-my-data-{made}.zip"'
    )
    assert [row["username"] for row in _zip(downloaded)["account"]] == [member.user.username]


def test_nobody_downloads_anyone_elses_copy(client, people):
    _made(people.young_person.user)
    for user in (people.facilitator.user, people.outsider):
        client.force_login(user)
        assert client.get(DOWNLOAD).status_code == 404
    client.force_login(people.young_person.user)
    assert client.get(DOWNLOAD).status_code == 200


def test_asking_twice_makes_one_copy(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.young_person.user)

    with django_capture_on_commit_callbacks(execute=False) as first:
        client.post(ASK)
    with django_capture_on_commit_callbacks(execute=False) as second:
        client.post(ASK)

    assert DataExport.objects.count() == 1
    assert (len(first), len(second)) == (1, 0)


def test_asking_again_later_makes_it_afresh_and_the_old_file_goes(
    client, people, django_capture_on_commit_callbacks
):
    kayla = people.young_person
    old = _made(kayla.user)
    storage, old_name = old.file.storage, old.file.name
    make_reflection(first_session(people.programme), kayla, "Written after the first copy")
    client.force_login(kayla.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK)
    export = DataExport.objects.get()
    assert (export.pk, export.status, export.file.name) == (old.pk, ExportStatus.QUEUED, "")
    assert not storage.exists(old_name)
    services.export_build(export_id=export.pk)

    reflections = _zip(client.get(DOWNLOAD))["reflections"]
    assert [row["text"] for row in reflections] == ["Written after the first copy"]


def test_a_copy_left_by_a_worker_that_died_is_started_again(
    client, people, django_capture_on_commit_callbacks
):
    export = services.export_request(user=people.young_person.user, language="en")
    DataExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.BUILDING, requested_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(people.young_person.user)

    with django_capture_on_commit_callbacks(execute=False) as sent:
        client.post(ASK)

    assert len(sent) == 1
    assert DataExport.objects.get().status == ExportStatus.QUEUED


def test_making_a_copy_twice_leaves_the_first_one_made(people):
    export = _made(people.young_person.user)

    services.export_build(export_id=export.pk)

    again = DataExport.objects.get()
    assert (again.status, again.file.name, again.finished_at) == (
        ExportStatus.READY,
        export.file.name,
        export.finished_at,
    )


def test_a_copy_is_deleted_with_its_file_once_past_its_date(
    client, people, settings, django_capture_on_commit_callbacks
):
    export = _made(people.young_person.user)
    storage, name = export.file.storage, export.file.name
    assert export.expires_at == export.finished_at + timedelta(days=settings.DATA_EXPORT_DAYS)
    client.force_login(people.young_person.user)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    # Past its date, it is not served even before the scheduled task runs.
    assert client.get(DOWNLOAD).status_code == 404
    assert "Make a copy of my data" in client.get(ACCOUNT).content.decode()
    _made(people.professional.user)  # not past its date: it stays
    with django_capture_on_commit_callbacks(execute=True):
        tasks.delete_expired_exports()

    assert list(DataExport.objects.values_list("user", flat=True)) == [people.professional.user_id]
    assert not storage.exists(name)


def test_a_copy_that_could_not_be_made_says_so_and_can_be_tried_again(client, people, monkeypatch):
    export = services.export_request(user=people.young_person.user, language="en")

    def broken(user, target):
        raise ValueError("a row that cannot be written")

    monkeypatch.setattr("privacy.export.write_zip", broken)
    tasks.build_export(export_id=export.pk)

    export.refresh_from_db()
    assert (export.status, export.error) == (
        ExportStatus.FAILED,
        "Something went wrong while making it.",
    )
    client.force_login(people.young_person.user)
    page = client.get(ACCOUNT).content.decode()
    assert "<strong>We couldn't make your copy.</strong>" in page
    assert "Something went wrong while making it." in page
    assert ">Try again</button>" in page


def test_the_progress_poll_stops_once_the_copy_is_ready(client, people):
    export = services.export_request(user=people.young_person.user, language="en")
    client.force_login(people.young_person.user)

    waiting = client.get(PROGRESS, headers={"HX-Request": "true"})
    services.export_build(export_id=export.pk)
    ready = client.get(PROGRESS, headers={"HX-Request": "true"})

    assert waiting.status_code == 200
    assert 'data-hx-trigger="every 2s"' in waiting.content.decode()
    assert ready.status_code == 286
    assert "Your copy is ready to download." in ready.content.decode()
    assert f'href="{DOWNLOAD}"' in ready.content.decode()


def test_asking_needs_the_forms_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.young_person.user)

    assert client.post(ASK).status_code == 403
    assert DataExport.objects.count() == 0


@pytest.mark.parametrize("programmes", [1, 6])
def test_the_account_page_reads_the_same_rows_however_many_programmes(
    client, people, programmes, django_assert_max_num_queries
):
    from workshops.tests.factories import programme_from_template

    kayla = people.young_person
    for number in range(programmes - 1):
        other = programme_from_template(created_by=people.facilitator.user, name=f"Group {number}")
        MembershipFactory(programme=other, user=kayla.user)
    _made(kayla.user)
    client.force_login(kayla.user)

    with django_assert_max_num_queries(6):
        page = client.get(ACCOUNT)

    assert page.content.decode().count(">Leave<span") == programmes


def test_the_privacy_page_is_open_to_all_and_linked_from_every_page(client, people, settings):
    settings.PRIVACY_CONTACT = "dpo@centralbedfordshire.gov.uk"
    page = client.get(PRIVACY)

    assert page.status_code == 200
    text = page.content.decode()
    assert "How we look after your information" in text
    assert "To ask about your information, contact dpo@centralbedfordshire.gov.uk." in text
    assert "deleted after 7 days" in text
    assert "When the programme ends, it is kept for 24 months" in text
    client.force_login(people.young_person.user)
    for url in (ACCOUNT, people.programme.get_absolute_url()):
        assert f'<a href="{PRIVACY}">How we look after your information</a>' in (
            client.get(url).content.decode()
        )


def test_the_invitation_page_says_where_to_read_about_privacy_before_joining(client, people):
    from accounts.tests.test_invitations import _invite

    _response, path = _invite(client, people)
    client.logout()

    page = client.get(path).content.decode()

    assert (
        f'Before you join, you can read <a href="{PRIVACY}">how we look after your '
        "information</a>: what we keep, who sees it, and how to get a copy or have it deleted."
    ) in page
