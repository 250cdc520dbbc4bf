"""The programme's menu is kept in the fragment cache: each copy is served only where it
would look the same (the programme and its name, whether the viewer runs it, the page)."""

import re

from django.test import Client
from django.urls import reverse

from workshops.models import Programme


def _nav(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    return re.search(r'<nav class="programme-nav.*?</nav>', html, re.S)[0]


def _signed_in(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _links(nav: str) -> list[str]:
    return re.findall(r'<a class="nav-link[^"]*"[^>]*>([^<]+)</a>', nav)


def test_the_menu_shows_the_facilitators_their_own_pages_and_nobody_else(people):
    timelines = reverse("personas:timelines", args=[people.programme.pk])

    facilitator = _nav(_signed_in(people.facilitator), timelines)
    young_person = _nav(_signed_in(people.young_person), timelines)
    co_facilitator = _nav(_signed_in(people.co_facilitator), timelines)

    assert _links(facilitator)[-2:] == ["Feedback", "Waiting for you"]
    assert co_facilitator == facilitator
    assert "Feedback" not in _links(young_person)
    assert "Waiting for you" not in _links(young_person)
    assert _links(young_person) == _links(facilitator)[:-2]


def test_the_menu_marks_the_page_you_are_on(people):
    client = _signed_in(people.young_person)
    programme = people.programme.pk

    timelines = _nav(client, reverse("personas:timelines", args=[programme]))
    actions = _nav(client, reverse("showcases:action-list", args=[programme]))

    assert re.findall(r'aria-current="page" href="([^"]+)"', timelines) == [
        reverse("personas:timelines", args=[programme])
    ]
    assert re.findall(r'aria-current="page" href="([^"]+)"', actions) == [
        reverse("showcases:action-list", args=[programme])
    ]


def test_a_renamed_programme_shows_its_new_name_in_the_menu_at_once(people):
    client = _signed_in(people.young_person)
    url = reverse("personas:timelines", args=[people.programme.pk])
    assert people.programme.name in _nav(client, url)

    Programme.objects.filter(pk=people.programme.pk).update(name="Hug in a Mug Project")

    assert ">Hug in a Mug Project</a>" in _nav(client, url)


def test_each_programme_has_its_own_menu(people):
    mine = _nav(
        _signed_in(people.young_person), reverse("personas:timelines", args=[people.programme.pk])
    )
    other = people.outsider.memberships.get().programme
    client = Client()
    client.force_login(people.outsider)

    theirs = _nav(client, reverse("personas:timelines", args=[other.pk]))

    assert f"/programmes/{other.pk}/" in theirs
    assert f"/programmes/{people.programme.pk}/" not in theirs
    assert f"/programmes/{other.pk}/" not in mine
