"""The session page's poll is sent only the new reflections and photos when nothing else has
changed, each as the member polling may see it; anything else draws them all again. Members'
reflections are kept in the fragment cache under keys that say whose they are and which name
the viewer may see: a rendering for one person never reaches another."""

import pytest
from django.urls import reverse
from django.utils import timezone

from voice import services
from voice.models import Reflection, ReflectionReport
from voice.selectors import REFLECTIONS_SHOWN, as_seen_by, reflections_for
from workshops.models import Session
from workshops.tests.factories import first_session, make_photo, make_reflection


@pytest.fixture
def session(people) -> Session:
    session = first_session(people.programme)
    make_reflection(session, people.professional, "The wall was brilliant")
    return session


def _version(session) -> int:
    return Session.objects.get(pk=session.pk).voice_version


def _poll(client, people, session, version):
    url = reverse("voice:session-voice", args=[people.programme.pk, session.pk])
    return client.get(url, {"version": version})


def _whole(response) -> bool:
    return "voice/includes/_voice.html" in [t.name for t in response.templates]


def test_a_new_reflection_is_sent_alone_to_the_top_of_the_list(
    client, people, session, django_assert_max_num_queries
):
    client.force_login(people.young_person.user)
    shown = _version(session)
    make_reflection(session, people.manager, "Hug in a Mug, every week")

    # The session, the user, the membership, the versions, the session, the reflections,
    # the photos.
    with django_assert_max_num_queries(7):
        response = _poll(client, people, session, shown)

    html = response.content.decode()
    assert not _whole(response)
    assert f"?version={shown + 1}" in html
    assert '<ul data-hx-swap-oob="afterbegin:#reflection-list > ul">' in html
    assert "Hug in a Mug, every week" in html
    assert "The wall was brilliant" not in html
    assert "afterbegin:#photo-grid" not in html


def test_a_reflection_kept_for_the_facilitators_reaches_only_them_and_its_writer(
    client, people, session
):
    shown = _version(session)
    make_reflection(session, people.young_person, "I'd like to talk", shared="facilitators")

    seen = {}
    for person in ["young_person", "professional", "facilitator"]:
        client.force_login(people.member(person).user)
        seen[person] = (
            "I&#x27;d like to talk" in _poll(client, people, session, shown).content.decode()
        )

    assert seen == {"young_person": True, "professional": False, "facilitator": True}


def test_a_cached_reflection_never_shows_one_person_what_belongs_to_another(
    client, people, session
):
    """An anonymous reflection, rendered first for its writer ("You", her tags and buttons),
    then for others: each must get the rendering meant for them."""
    reflection = make_reflection(
        session, people.young_person, "Moving out was scary", anonymous=True
    )
    edit = reverse("voice:reflection-edit", args=[people.programme.pk, session.pk, reflection.pk])
    name = people.young_person.user.name
    url = session.get_absolute_url()
    seen = {}
    for person in ["young_person", "professional", "manager", "facilitator", "young_person"]:
        client.force_login(people.member(person).user)
        html = client.get(url).content.decode()
        start = html.index(f'id="reflection-{reflection.pk}"')
        card = html[
            start : html.index("</li>", html.index('class="d-flex flex-wrap gap-2"', start))
        ]
        seen.setdefault(person, []).append(card)

    def says(card):
        return {
            "you": ">\n      You\n" in card or "You\n      ·" in card,
            "name": name in card,
            "someone": "Someone in the group" in card,
            "edit": edit in card,
            "hidden from group": "Your name is hidden from the group" in card,
        }

    hers = says(seen["young_person"][0])
    assert hers == {
        "you": True,
        "name": False,
        "someone": False,
        "edit": True,
        "hidden from group": True,
    }
    for other in ("professional", "manager"):
        assert says(seen[other][0]) == {
            "you": False,
            "name": False,
            "someone": True,
            "edit": False,
            "hidden from group": False,
        }, other
    assert says(seen["facilitator"][0])["name"] is True
    assert seen["young_person"][1] == seen["young_person"][0]


@pytest.mark.parametrize("change", ["edited", "hidden", "removed", "reported", "photo removed"])
def test_any_other_change_draws_the_reflections_and_photos_again(client, people, session, change):
    reflection = Reflection.objects.get()
    photo = make_photo(session, people.professional, caption="The wall")
    client.force_login(people.young_person.user)
    shown = _version(session)
    {
        "edited": lambda: services.reflection_edit(reflection=reflection, text="Changed"),
        "hidden": lambda: services.reflection_hide(
            reflection=reflection, by=people.facilitator, reason="Names someone"
        ),
        "removed": lambda: services.reflection_delete(reflection=reflection),
        "reported": lambda: services.reflection_report(
            reflection=reflection, reporter=people.manager, reason=""
        ),
        "photo removed": lambda: services.photo_delete(photo=photo),
    }[change]()

    assert _whole(_poll(client, people, session, shown))


def test_more_new_reflections_than_the_page_shows_draw_it_again(client, people, session):
    client.force_login(people.young_person.user)
    shown = _version(session)
    for n in range(REFLECTIONS_SHOWN + 1):
        make_reflection(session, people.manager, f"Reflection {n}")

    response = _poll(client, people, session, shown)

    assert _whole(response)
    assert "See all the reflections" in response.content.decode()


def test_a_cached_photo_offers_its_buttons_only_to_who_added_it_and_who_runs(
    client, people, session
):
    photo = make_photo(session, people.young_person, caption="Global Tastes stall")
    change = reverse("voice:photo-edit", args=[people.programme.pk, session.pk, photo.pk])
    name = people.young_person.user.name
    seen = {}
    for person in ["young_person", "professional", "facilitator", "manager", "young_person"]:
        client.force_login(people.member(person).user)
        html = client.get(session.get_absolute_url()).content.decode()
        start = html.index(f'alt="{photo.alt_text}"')
        item = html[start : html.index("</li>", start)]
        seen.setdefault(person, []).append(
            {
                "caption": "Global Tastes stall" in item,
                "by you": "Added by you" in item,
                "by her": f"Added by {name}" in item,
                "change": change in item,
            }
        )

    assert (
        seen["young_person"]
        == [{"caption": True, "by you": True, "by her": False, "change": True}] * 2
    )
    for other in ("professional", "manager"):
        assert seen[other] == [
            {"caption": True, "by you": False, "by her": False, "change": False}
        ], other
    assert seen["facilitator"] == [
        {"caption": True, "by you": False, "by her": True, "change": True}
    ]


def test_a_kept_reflection_shows_those_who_run_it_each_report_and_their_own_token(people, session):
    import re

    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    reflection = make_reflection(
        session, people.young_person, "Nobody rang me the first night", wants_a_chat=True
    )
    url = session.get_absolute_url()

    def card(client):
        html = client.get(url).content.decode()
        start = html.index(f'id="reflection-{reflection.pk}"')
        return html[start : html.index("\n</li>", start)]

    clients = {}
    for person in ("facilitator", "co_facilitator"):
        clients[person] = Client(enforce_csrf_checks=True)
        clients[person].force_login(people.member(person).user)
    before = card(clients["facilitator"])
    reporter = Client()
    reporter.force_login(people.professional.user)
    reporter.post(
        reverse("voice:reflection-report", args=[people.programme.pk, session.pk, reflection.pk]),
        {"reason": "names"},
    )
    after = {person: card(client) for person, client in clients.items()}

    assert "Reported by" not in before
    assert "We have talked" in before
    for person, html in after.items():
        assert "Reported by 1 person" in html, person
        (token,) = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert _unmask_cipher_token(token) == clients[person].cookies["csrftoken"].value
    talked = clients["co_facilitator"].post(
        reverse("voice:reflection-talked", args=[people.programme.pk, session.pk, reflection.pk]),
        {"csrfmiddlewaretoken": token},
    )
    assert talked.status_code == 302
    reflection.refresh_from_db()
    assert reflection.chat_answered_at is not None
    assert "Asked for someone to talk to: done" in card(clients["facilitator"])


def test_those_who_run_the_programme_see_the_open_reports_of_each_reflection_shown(people):
    session = first_session(people.programme)
    reported = make_reflection(session, people.young_person, "Nobody rang me the first night")
    quiet = make_reflection(session, people.young_person, "Hug in a Mug was the best bit")
    for reporter, resolved_at in [
        (people.professional, None),
        (people.manager, None),
        (people.co_facilitator, timezone.now()),
    ]:
        ReflectionReport.objects.create(
            reflection=reported, reporter=reporter, resolved_at=resolved_at
        )

    facilitator = as_seen_by(reflections_for(people.facilitator, session), people.facilitator)
    member = as_seen_by(reflections_for(people.professional, session), people.professional)

    assert {r.pk: r.open_reports for r in facilitator} == {reported.pk: 2, quiet.pk: 0}
    assert not any(hasattr(r, "open_reports") for r in member)
