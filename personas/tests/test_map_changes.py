"""A journey map that polls is sent only what changed when it can be: new cards go into
their places, reworded ones replace themselves, and anything else redraws the map. Each card
is rendered once and kept in the fragment cache, under a key that says who may see it."""

import re

import pytest
from django.urls import reverse

from personas import services
from personas.models import Card, JourneyMap, Stage
from personas.views import CHANGES_SENT


def _poll(client, journey, version):
    journey_map = journey.journey_map
    url = reverse("personas:map-poll", args=[journey_map.programme_id, journey_map.pk])
    return client.get(url, {"version": version})


def _version(journey) -> int:
    return JourneyMap.objects.get(pk=journey.journey_map.pk).version


def _whole_map(response) -> bool:
    return "personas/includes/_map_grid.html" in [t.name for t in response.templates]


def _cards_rendered(response) -> int:
    return [t.name for t in response.templates].count("personas/includes/_card.html")


def test_a_new_card_is_sent_alone_into_its_stage_and_kind(
    client, people, journey, django_assert_max_num_queries
):
    client.force_login(people.professional.user)
    shown = _version(journey)
    stage = journey.journey_map.stages.get(order=3)
    card = services.card_add(
        stage=stage, kind="problem", text="No furniture on moving day", author=people.manager
    )

    # The session, the user, the membership, the map's versions and the changed cards.
    with django_assert_max_num_queries(5):
        response = _poll(client, journey, shown)

    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    html = response.content.decode()
    assert f'id="map-version" name="version" value="{shown + 1}" data-hx-swap-oob="true"' in html
    assert (
        f'<div data-hx-swap-oob="beforeend:.map-cell-{stage.pk}-problem">'
        f'<div class="map-card-{card.pk}"><div class="sticky sticky--problem">'
    ) in html
    assert "No furniture on moving day" in html
    # Nothing else of the map comes with it.
    assert "Hug in a Mug drop-in" not in html
    assert "Too many new faces" not in html
    assert 'id="map-grid"' not in html


def test_a_reworded_card_replaces_itself_wherever_the_page_shows_it(client, people, journey):
    client.force_login(people.young_person.user)
    shown = _version(journey)
    card = journey.young_persons_card
    card.text = "Hug in a Mug drop-in, every Tuesday"
    services.card_save(card=card)

    html = _poll(client, journey, shown).content.decode()

    assert f'<div data-hx-swap-oob="innerHTML:.map-card-{card.pk}">' in html
    assert "Hug in a Mug drop-in, every Tuesday" in html
    assert '<span class="sticky__mine">yours</span>' in html
    assert "beforeend" not in html


def test_several_changes_come_together_and_a_later_poll_gets_only_newer_ones(
    client, people, journey
):
    client.force_login(people.young_person.user)
    shown = _version(journey)
    stage = journey.journey_map.stages.get(order=1)
    for text in ("Plans are about you", "Nobody explained the gas meter"):
        services.card_add(stage=stage, kind="insight", text=text, author=people.professional)

    html = _poll(client, journey, shown).content.decode()
    assert html.count("beforeend:") == 2
    assert html.index("Plans are about you") < html.index("Nobody explained the gas meter")

    html = _poll(client, journey, shown + 1).content.decode()
    assert html.count("beforeend:") == 1
    assert "Plans are about you" not in html
    assert _poll(client, journey, shown + 2).status_code == 204


def _changes(journey, people):
    first = journey.journey_map.stages.get(order=1)
    return {
        "card moved to another stage": lambda: services.card_save(
            card=_moved(journey.young_persons_card, stage=first)
        ),
        "card moved to another kind": lambda: services.card_save(
            card=_moved(journey.young_persons_card, kind="insight")
        ),
        "card removed": lambda: services.card_remove(card=journey.facilitator_card),
        "cards merged": lambda: services.card_merge(
            card=journey.facilitator_card, into=journey.young_persons_card
        ),
        "stage renamed": lambda: services.stage_save(stage=_moved(first, title="Being 16")),
        "stage removed": lambda: services.stage_remove(stage=first),
    }


def _moved(thing, **changes):
    for name, value in changes.items():
        setattr(thing, name, value)
    return thing


@pytest.mark.parametrize(
    "change",
    [
        "card moved to another stage",
        "card moved to another kind",
        "card removed",
        "cards merged",
        "stage renamed",
        "stage removed",
    ],
)
def test_a_change_to_the_layout_redraws_the_whole_map(client, people, journey, change):
    client.force_login(people.young_person.user)
    shown = _version(journey)
    _changes(journey, people)[change]()

    response = _poll(client, journey, shown)

    assert _whole_map(response)
    assert "HX-Reswap" not in response
    assert 'id="map-grid"' in response.content.decode()


@pytest.mark.parametrize("behind_by", [CHANGES_SENT + 1, "no version"])
def test_a_page_far_behind_gets_the_whole_map(client, people, journey, behind_by):
    client.force_login(people.young_person.user)
    shown = _version(journey)
    stage = journey.journey_map.stages.get(order=1)
    for n in range(CHANGES_SENT + 1):
        services.card_add(stage=stage, kind="insight", text=f"Card {n}", author=people.manager)

    response = _poll(client, journey, shown if behind_by != "no version" else "")

    assert _whole_map(response)
    # Every card, in the wide layout and the phone one.
    assert response.content.decode().count('class="sticky sticky--') == 2 * (CHANGES_SENT + 3)


def test_a_version_from_the_future_gets_the_whole_map(client, people, journey):
    client.force_login(people.young_person.user)

    response = _poll(client, journey, _version(journey) + 5)

    assert _whole_map(response)


def _card_html(html: str, card: Card) -> list[str]:
    """Each place the page shows the card, as its HTML."""
    return re.findall(rf'<div class="map-card-{card.pk}">(.*?)</div>\s*</div>', html, re.S)


def test_a_cached_card_never_shows_one_person_what_belongs_to_another(client, people, journey):
    """The young person's card is rendered for her first ("yours", "Change"), and then served
    to others from the cache: they must get their own rendering, not hers."""
    card = journey.young_persons_card
    url = journey.journey_map.get_absolute_url()
    change = reverse(
        "personas:card-edit", args=[people.programme.pk, journey.journey_map.pk, card.pk]
    )
    seen = {}
    for person in ["young_person", "professional", "facilitator", "manager", "young_person"]:
        client.force_login(people.member(person).user)
        response = client.get(url)
        shown = _card_html(response.content.decode(), card)
        # Wide and phone layouts show the same rendering.
        assert len(shown) == 2 and shown[0] == shown[1], person
        seen.setdefault(person, []).append((shown[0], _cards_rendered(response)))

    def says(html):
        return ("yours" in html, change in html)

    (hers, rendered_for_her), (hers_again, rendered_again) = seen["young_person"]
    assert says(hers) == (True, True)
    assert says(seen["professional"][0][0]) == (False, False)
    assert says(seen["manager"][0][0]) == (False, False)
    assert says(seen["facilitator"][0][0]) == (False, True)
    assert hers_again == hers
    # Two cards on the map: rendered for her the first time, from the cache the second.
    assert (rendered_for_her, rendered_again) == (2, 0)
    # The manager reads as the professional does, so was served what was rendered for him.
    assert seen["manager"][0][1] == 0


def test_a_new_card_sent_to_a_poll_is_rendered_for_whoever_polls(client, people, journey):
    shown = _version(journey)
    card = services.card_add(
        stage=journey.journey_map.stages.get(order=2),
        kind="insight",
        text="My PA changed three times",
        author=people.young_person,
    )
    change = reverse(
        "personas:card-edit", args=[people.programme.pk, journey.journey_map.pk, card.pk]
    )
    said = {}
    for person in ["young_person", "professional", "facilitator"]:
        client.force_login(people.member(person).user)
        html = _poll(client, journey, shown).content.decode()
        said[person] = ("yours" in html, change in html)

    assert said == {
        "young_person": (True, True),
        "professional": (False, False),
        "facilitator": (False, True),
    }


def test_the_kept_card_form_offers_a_stage_added_since(client, people, journey):
    client.force_login(people.young_person.user)
    url = journey.journey_map.get_absolute_url()
    client.get(url)  # the blank card form is kept
    services.stage_save(
        stage=Stage(journey_map=journey.journey_map, order=7, title="Your first flat")
    )

    form = client.get(url).content.decode().split('id="card-form"')[1]

    assert ">Your first flat</option>" in form.split("</select>")[0]
