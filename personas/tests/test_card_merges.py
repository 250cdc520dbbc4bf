"""Merging two journey map cards asks first, showing what the one card will say, and can be
undone: the other card comes back where it was, with its words and its writer."""

import pytest
from django.urls import reverse

from personas import services
from personas.models import Card, CardMerge


def _url(name, people, journey, *ids):
    return reverse(name, args=[people.programme.pk, journey.journey_map.pk, *ids])


def test_a_merge_asks_first_and_changes_nothing_until_yes(client, people, journey):
    card, into = journey.facilitator_card, journey.young_persons_card
    journey.journey_map.refresh_from_db()
    version = journey.journey_map.version
    client.force_login(people.facilitator.user)

    edit = client.get(_url("personas:card-edit", people, journey, card.pk)).content.decode()
    assert (
        'method="get" action="{}"'.format(_url("personas:card-merge", people, journey, card.pk))
        in edit
    )

    page = client.get(_url("personas:card-merge", people, journey, card.pk), {"into": into.pk})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Merge two cards?" in html
    assert "Hug in a Mug drop-in / Too many new faces" in html
    assert "You can undo this afterwards." in html
    assert Card.objects.filter(pk=card.pk).exists()
    assert Card.objects.get(pk=into.pk).text == "Hug in a Mug drop-in"
    assert not CardMerge.objects.exists()
    journey.journey_map.refresh_from_db()
    assert journey.journey_map.version == version


def test_a_merge_made_is_undone_from_the_map(client, people, journey):
    card, into = journey.facilitator_card, journey.young_persons_card
    was = (card.stage_id, card.kind, card.text, card.author_id, card.created_at)
    client.force_login(people.facilitator.user)

    response = client.post(
        _url("personas:card-merge", people, journey, card.pk), {"into": into.pk}, follow=True
    )

    merge = CardMerge.objects.get()
    assert (merge.merged_by, merge.text_before, merge.removed_text) == (
        people.facilitator,
        "Hug in a Mug drop-in",
        "Too many new faces",
    )
    html = response.content.decode()
    assert "The two cards are now one." in html
    assert "“Too many new faces” is now part of another card." in html
    undo = _url("personas:card-merge-undo", people, journey, merge.pk)
    assert f'action="{undo}"' in html

    response = client.post(undo, follow=True)

    assert "The merge is undone: the two cards are back as they were." in (
        response.content.decode()
    )
    assert Card.objects.get(pk=into.pk).text == "Hug in a Mug drop-in"
    back = Card.objects.get(text="Too many new faces")
    assert (back.stage_id, back.kind, back.text, back.author_id, back.created_at) == was
    merge.refresh_from_db()
    assert merge.undone_at is not None
    # Undone once: a second try changes nothing and says so.
    response = client.post(undo, follow=True)
    assert "This merge has already been undone." in response.content.decode()
    assert Card.objects.filter(text="Too many new faces").count() == 1


def test_a_merge_is_not_undone_over_words_saved_since(client, people, journey):
    card, into = journey.facilitator_card, journey.young_persons_card
    merge = services.card_merge(card=card, into=into, by=people.facilitator)
    into.refresh_from_db()
    into.text = "Hug in a Mug: a drop-in with new faces"
    services.card_save(card=into)
    client.force_login(people.facilitator.user)

    edit = client.get(_url("personas:card-edit", people, journey, into.pk)).content.decode()
    assert "Cards merged into this one" in edit
    response = client.post(_url("personas:card-merge-undo", people, journey, merge.pk), follow=True)

    assert (
        "Someone has changed the merged card since, so the merge can&#x27;t be undone."
        in response.content.decode()
    )
    assert Card.objects.get(pk=into.pk).text == "Hug in a Mug: a drop-in with new faces"
    assert not Card.objects.filter(text="Too many new faces").exists()


def test_a_merge_of_another_map_is_not_found(client, people, journey):
    other = services.journey_map_create(persona=journey.persona, title="Another journey")
    first = services.card_add(
        stage=other.stages.first(), kind="insight", text="Elsewhere", author=people.manager
    )
    second = services.card_add(
        stage=other.stages.first(), kind="insight", text="Too", author=people.manager
    )
    merge = services.card_merge(card=second, into=first, by=people.facilitator)
    client.force_login(people.facilitator.user)

    response = client.post(_url("personas:card-merge-undo", people, journey, merge.pk))

    assert response.status_code == 404
    assert CardMerge.objects.get().undone_at is None


@pytest.mark.parametrize("cards", [3, 300])
def test_the_move_and_merge_pages_read_the_same_however_many_cards(
    client, people, journey, django_assert_max_num_queries, cards
):
    stage = journey.journey_map.stages.first()
    Card.objects.bulk_create(
        Card(stage=stage, kind="insight", text=f"Card {n}", author=people.young_person)
        for n in range(cards - 2)
    )
    card, into = journey.facilitator_card, journey.young_persons_card
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(8):
        move = client.get(_url("personas:card-move", people, journey, card.pk))
    with django_assert_max_num_queries(8):
        merge = client.get(_url("personas:card-merge", people, journey, card.pk), {"into": into.pk})
    assert move.status_code == merge.status_code == 200
    assert "Hug in a Mug drop-in / Too many new faces" in merge.content.decode()
