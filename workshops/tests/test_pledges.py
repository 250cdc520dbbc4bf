"""Pledges to young people: everyone reads them; managers and facilitators write them; they
stand at the top of the programme's page and in the programme pack."""

import pytest
from django.urls import reverse

from packs import content as contents
from packs.models import PackKind
from packs.tests.test_packs import make_now, pdf_text
from workshops import services
from workshops.models import Pledge

PLEDGES = [
    "We will answer your calls and messages within two working days.",
    "You can keep your personal adviser until you are 25 if you want to.",
]


def _url(people):
    return reverse("workshops:pledges", args=[people.programme.pk])


@pytest.mark.parametrize("role", ["facilitator", "co_facilitator", "manager"])
def test_managers_and_facilitators_write_the_pledges(client, people, role):
    client.force_login(people.member(role).user)

    response = client.post(_url(people), {"pledges": "\n".join(PLEDGES) + "\n\n  \n"})

    assert response.status_code == 302
    assert list(people.programme.pledges.values_list("text", "order")) == [
        (PLEDGES[0], 0),
        (PLEDGES[1], 1),
    ]


@pytest.mark.parametrize("role", ["young_person", "professional"])
def test_everyone_else_reads_them_and_may_not_change_them(client, people, role):
    services.pledges_replace(programme=people.programme, texts=PLEDGES)
    client.force_login(people.member(role).user)

    page = client.get(_url(people))
    refused = client.post(_url(people), {"pledges": "Nothing"})

    html = page.content.decode()
    assert page.status_code == 200
    assert PLEDGES[0] in html and "Save pledges" not in html
    assert refused.status_code == 403
    assert list(people.programme.pledges.values_list("text", flat=True)) == PLEDGES


def test_nobody_outside_the_programme_sees_them(client, people):
    services.pledges_replace(programme=people.programme, texts=PLEDGES)
    client.force_login(people.outsider)

    assert client.get(_url(people)).status_code == 404
    assert client.post(_url(people), {"pledges": "Mine now"}).status_code == 404
    assert list(people.programme.pledges.values_list("text", flat=True)) == PLEDGES


def test_a_pledge_too_long_is_refused_and_nothing_saved_is_lost(client, people):
    services.pledges_replace(programme=people.programme, texts=PLEDGES)
    client.force_login(people.manager.user)

    response = client.post(_url(people), {"pledges": "We will\n" + "x" * 301})

    assert response.status_code == 200
    assert "Keep each pledge under 300 characters." in response.content.decode()
    assert list(people.programme.pledges.values_list("text", flat=True)) == PLEDGES


def test_pledges_stand_at_the_top_of_the_programme_page_as_text(client, people):
    services.pledges_replace(
        programme=people.programme, texts=["<script>alert(1)</script> We will listen"]
    )
    client.force_login(people.young_person.user)

    html = client.get(people.programme.get_absolute_url()).content.decode()

    assert html.index("What you can expect from us") < html.index("The workshops")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; We will listen" in html
    assert "<script>alert(1)</script>" not in html


def test_pledges_go_in_the_programme_pack(people):
    before = contents.current_content(PackKind.PROGRAMME, people.programme, None)[1]
    services.pledges_replace(programme=people.programme, texts=PLEDGES)

    content, after = contents.current_content(PackKind.PROGRAMME, people.programme, None)
    pack = make_now(PackKind.PROGRAMME, people)

    assert after != before
    assert content["pledges"] == PLEDGES
    text = pdf_text(pack.file.read())
    assert "What young people can expect from us" in text
    assert PLEDGES[0] in text and PLEDGES[1] in text
    assert Pledge.objects.count() == 2
