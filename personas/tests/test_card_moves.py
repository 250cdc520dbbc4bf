"""Moving a journey map card to another stage or kind, from its own page (keyboard, phones)
and by dragging on a wide screen (the same address, asked by htmx)."""

from django.urls import reverse

from personas import services
from personas.models import Card, Stage


def _move_url(people, journey, card):
    return reverse(
        "personas:card-move", args=[people.programme.pk, journey.journey_map.pk, card.pk]
    )


def test_a_member_moves_their_own_card_and_its_words_stay(client, people, journey):
    card = journey.young_persons_card
    third = journey.journey_map.stages.all()[2]
    layout_before = journey.journey_map.layout_version
    client.force_login(people.young_person.user)

    page = client.get(_move_url(people, journey, card)).content.decode()
    assert "Hug in a Mug drop-in" in page
    assert f'value="{third.pk}"' in page

    response = client.post(_move_url(people, journey, card), {"stage": third.pk, "kind": "insight"})

    assert response.status_code == 302
    assert response["Location"] == journey.journey_map.get_absolute_url()
    card.refresh_from_db()
    assert (card.stage_id, card.kind, card.text) == (third.pk, "insight", "Hug in a Mug drop-in")
    journey.journey_map.refresh_from_db()
    # Every page showing the map draws it again: a card has left one box for another.
    assert journey.journey_map.layout_version > layout_before
    assert card.version == journey.journey_map.version
    followed = client.get(response["Location"]).content.decode()
    assert f"Moved “Hug in a Mug drop-in” to {third.title}, as insight." in followed


def test_a_dragged_card_sends_back_the_map_with_where_it_went(client, people, journey):
    card = journey.facilitator_card
    second = journey.journey_map.stages.all()[1]
    client.force_login(people.facilitator.user)

    response = client.post(
        _move_url(people, journey, card),
        {"stage": second.pk, "kind": "opportunity"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="map-grid"' in html
    assert f"Moved “Too many new faces” to {second.title}, as opportunity." in html
    cell = html.split(f'class="map-cell-{second.pk}-opportunity"')[1].split("</td>")[0]
    assert "Too many new faces" in cell
    card.refresh_from_db()
    assert (card.stage_id, card.kind) == (second.pk, "opportunity")


def test_a_stage_of_another_map_or_one_just_removed_moves_nothing(client, people, journey):
    card = journey.young_persons_card
    where = (card.stage_id, card.kind)
    other_map = services.journey_map_create(persona=journey.persona, title="Another journey")
    elsewhere = other_map.stages.first()
    gone = journey.journey_map.stages.last()
    gone_pk = gone.pk
    services.stage_remove(stage=gone)
    client.force_login(people.young_person.user)

    for stage_pk in (elsewhere.pk, gone_pk):
        page = client.post(_move_url(people, journey, card), {"stage": stage_pk, "kind": "problem"})
        assert page.status_code == 200
        assert "That stage is no longer on the map. Choose another." in page.content.decode()
        dragged = client.post(
            _move_url(people, journey, card),
            {"stage": stage_pk, "kind": "problem"},
            headers={"HX-Request": "true"},
        )
        assert dragged.content.decode() == "That stage is no longer on the map. Choose another."
        assert dragged["HX-Retarget"] == "#map-status"
    card.refresh_from_db()
    assert (card.stage_id, card.kind) == where


def test_nobody_moves_a_card_that_is_not_theirs_to_change(client, people, journey):
    card = journey.facilitator_card
    second = journey.journey_map.stages.all()[1]
    for member in (people.young_person, people.professional, people.manager):
        client.force_login(member.user)
        response = client.post(
            _move_url(people, journey, card), {"stage": second.pk, "kind": "insight"}
        )
        assert response.status_code == 403
    card.refresh_from_db()
    assert (card.stage_id, card.kind) == (journey.journey_map.stages.first().pk, "problem")


def test_a_move_keeps_words_saved_since_the_card_was_read(people, journey):
    card = Card.objects.get(pk=journey.young_persons_card.pk)
    # Someone rewords it after this copy was read, and before the move is saved.
    Card.objects.filter(pk=card.pk).update(text="Hug in a Mug, every Tuesday")
    services.card_move(card=card, stage=Stage.objects.get(pk=card.stage_id), kind="problem")
    card.refresh_from_db()
    assert (card.kind, card.text) == ("problem", "Hug in a Mug, every Tuesday")


def test_each_card_a_member_may_change_offers_move_and_can_be_dragged(client, people, journey):
    client.force_login(people.young_person.user)
    html = client.get(journey.journey_map.get_absolute_url()).content.decode()
    mine = _move_url(people, journey, journey.young_persons_card)
    theirs = _move_url(people, journey, journey.facilitator_card)
    assert f'draggable="true" data-move-url="{mine}"' in html
    assert f'href="{mine}">Move<' in html
    assert theirs not in html
    first = journey.journey_map.stages.first()
    assert f'data-drop-stage="{first.pk}" data-drop-kind="problem"' in html
