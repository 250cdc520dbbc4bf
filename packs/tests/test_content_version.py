"""Asking again for an unchanged pack is two small reads: the programme's content version,
which every change made through the site moves on, and the pack checked at that version."""

import pytest
from django.test import Client
from django.urls import reverse

from packs import content as contents
from packs import services as pack_services
from packs.models import Pack, PackKind
from packs.tests.factories import ready_pack
from workshops.models import Programme
from workshops.tests.factories import first_session


def client_for(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _version(programme) -> int:
    return Programme.objects.get(pk=programme.pk).content_version


def _reflect(client, people, text="Hug in a Mug was the best bit", shared="group"):
    session = first_session(people.programme)
    url = reverse("voice:reflection-add", args=[people.programme.pk, session.pk])
    return client.post(url, {"text": text, "feeling": "happy", "shared": shared})


def test_a_change_through_the_site_moves_on_only_its_programme(client, people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    before, theirs = _version(people.programme), _version(other)
    client.force_login(people.young_person.user)

    client.get(people.programme.get_absolute_url())
    assert _version(people.programme) == before

    response = _reflect(client, people)

    assert response.status_code == 302
    assert _version(people.programme) == before + 1
    assert _version(other) == theirs


@pytest.mark.parametrize(
    "view", ["packs:pack-request", "accounts:still-here", "accounts:password-notice-seen"]
)
def test_views_that_change_nothing_a_programme_shows_leave_it_alone(client, people, view):
    before = _version(people.programme)
    client.force_login(people.manager.user)
    args = [people.programme.pk] if view.startswith("packs") else []

    response = client.post(reverse(view, args=args), {"kind": PackKind.HANDOUT})

    assert response.status_code < 500
    assert _version(people.programme) == before


def test_a_change_outside_a_programme_s_pages_moves_on_every_programme_of_its_maker(client, people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    before, theirs = _version(people.programme), _version(other)
    client.force_login(people.young_person.user)

    client.post(reverse("accounts:directory-entry"), {"name": "Jade", "organisation": ""})

    assert _version(people.programme) == before + 1
    assert _version(other) == theirs


def test_asking_again_reuses_the_pack_until_something_changes_and_then_checks(client, people):
    pack = ready_pack(people.manager, PackKind.PROGRAMME)
    asked = pack_services.pack_request(membership=people.manager, kind=PackKind.PROGRAMME)
    assert asked.pk == pack.pk
    assert Pack.objects.get(pk=pack.pk).content_version == _version(people.programme)

    # A change that the pack does not print (a reflection kept for the facilitators)
    # moves the version on; the content is checked, found the same, and the pack kept.
    client.force_login(people.young_person.user)
    _reflect(client, people, "Just for the facilitators", shared="facilitators")
    version = _version(people.programme)
    assert Pack.objects.get(pk=pack.pk).content_version < version
    again = pack_services.pack_request(membership=people.manager, kind=PackKind.PROGRAMME)
    assert again.pk == pack.pk
    assert Pack.objects.get(pk=pack.pk).content_version == version

    # One it prints (a reflection shared with the group): a new pack.
    _reflect(client, people, "Hug in a Mug was the best bit")
    changed = pack_services.pack_request(membership=people.manager, kind=PackKind.PROGRAMME)
    assert changed.pk != pack.pk
    assert Pack.objects.get(pk=changed.pk).content_version == _version(people.programme)
    assert not pack_services.pack_is_current(Pack.objects.get(pk=pack.pk))


def test_a_pack_too_long_to_make_is_refused_before_it_is_queued(
    client, people, settings, django_capture_on_commit_callbacks
):
    for number in range(30):
        _reflect(client_for(people.young_person), people, f"Hug in a Mug, thought {number}. " * 20)
    workshop = first_session(people.programme).workshop
    record = contents.current_content(PackKind.WORKSHOP, people.programme, None, workshop)[0]
    whole = contents.current_content(PackKind.PROGRAMME, people.programme, None)[0]
    # Long enough for the first workshop's record, too short for the whole programme's.
    settings.PACK_MAX_PAGES = contents.estimated_pages(record)
    assert contents.estimated_pages(whole) > settings.PACK_MAX_PAGES
    client.force_login(people.manager.user)
    ask = reverse("packs:pack-request", args=[people.programme.pk])

    with django_capture_on_commit_callbacks() as sent:
        response = client.post(ask, {"kind": PackKind.PROGRAMME}, follow=True)

    assert (sent, Pack.objects.count()) == ([], 0)
    assert response.redirect_chain[-1][0] == reverse("packs:pack-list", args=[people.programme.pk])
    html = response.content.decode()
    assert (
        f"This pack would be about {contents.estimated_pages(whole)} pages, more than the "
        f"{settings.PACK_MAX_PAGES} that can be made at once, so it was not started. You can "
        "get each workshop&#x27;s record on its own instead: see below."
    ) in html
    assert html.count("Get the workshop record") == people.programme.workshops.count()

    with django_capture_on_commit_callbacks() as sent:
        response = client.post(ask, {"kind": PackKind.WORKSHOP, "workshop": workshop.pk})

    pack = Pack.objects.get()
    assert (pack.kind, pack.workshop, pack.session) == (PackKind.WORKSHOP, workshop, None)
    assert response["Location"] == pack.get_absolute_url()
    assert len(sent) == 1
    detail = client.get(pack.get_absolute_url()).content.decode()
    assert "<h1>Workshop record</h1>" in detail
    assert f'<p class="lead">Workshop 1: {workshop.title}</p>' in detail
