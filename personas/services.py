"""Writes for timelines, personas and journey maps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Membership, Session
from workshops.shortcuts import move_on

from .models import Card, CardMerge, JourneyMap, Persona, Stage, Timeline

# The stages of leaving care a new journey map starts with; the group changes them.
DEFAULT_STAGES = [
    ("Pathway planning, 15-16", "Social worker, school, Leaving Care Team"),
    ("Leaving care at 18", "Leaving Care Team, personal adviser"),
    ("First tenancy", "Housing, personal adviser"),
    ("Education and work", "College, Jobcentre, Education"),
    ("21", "Personal adviser"),
    ("25", "Adult services"),
]


def timeline_for(member: Membership) -> Timeline:
    timeline, _created = Timeline.objects.get_or_create(
        member=member, defaults={"programme_id": member.programme_id}
    )
    return timeline


@transaction.atomic
def journey_map_create(
    *, persona: Persona, title: str, session: Session | None = None
) -> JourneyMap:
    journey_map = JourneyMap.objects.create(
        programme_id=persona.programme_id, persona=persona, title=title, session=session
    )
    Stage.objects.bulk_create(
        Stage(journey_map=journey_map, order=order, title=title, services=services)
        for order, (title, services) in enumerate(DEFAULT_STAGES, start=1)
    )
    return journey_map


def journey_map_changed(journey_map_id: int, *, layout: bool = True) -> int:
    """Every change to a map moves its version on, so polling pages know to fetch it; the new
    version is returned. A change to the layout (a stage, a card moved or taken away) also
    tells pages to draw the whole map again; other changes are new or reworded cards, which
    pages are sent one by one. Call it inside the transaction of the change."""
    maps = JourneyMap.objects.filter(pk=journey_map_id)
    return move_on(maps, "version", "layout_version", redraw=layout)


@transaction.atomic
def stage_save(*, stage: Stage) -> Stage:
    stage.save()
    journey_map_changed(stage.journey_map_id)
    return stage


@transaction.atomic
def stage_remove(*, stage: Stage) -> None:
    stage.delete()
    journey_map_changed(stage.journey_map_id)


@transaction.atomic
def card_add(*, stage: Stage, kind: str, text: str, author: Membership) -> Card:
    version = journey_map_changed(stage.journey_map_id, layout=False)
    return Card.objects.create(
        stage=stage, kind=kind, text=text, author=author, added_version=version, version=version
    )


@transaction.atomic
def card_save(*, card: Card) -> Card:
    """A reworded card is sent alone to the pages that show it; a card moved to another stage
    or kind redraws the map."""
    was = Card.objects.filter(pk=card.pk).values_list("stage_id", "kind").get()
    moved = was != (card.stage_id, card.kind)
    card.version = journey_map_changed(card.stage.journey_map_id, layout=moved)
    card.save()
    return card


@transaction.atomic
def card_move(*, card: Card, stage: Stage, kind: str) -> Card:
    """Put the card under another stage or kind. Only those two are written: words someone
    saved a moment ago stay as they are."""
    if (card.stage_id, card.kind) == (stage.pk, kind):
        return card
    card.stage, card.kind = stage, kind
    card.version = journey_map_changed(stage.journey_map_id, layout=True)
    card.save(update_fields=["stage", "kind", "version"])
    return card


@transaction.atomic
def card_remove(*, card: Card) -> None:
    card.delete()
    journey_map_changed(card.stage.journey_map_id)


def merged_text(card: Card, into: Card) -> str:
    return f"{into.text} / {card.text}"


@transaction.atomic
def card_merge(*, card: Card, into: Card, by: Membership | None = None) -> CardMerge:
    """Two cards that say the same thing become one; both texts are kept, and so is all of
    the card taken off, so that the merge can be undone."""
    if card.pk == into.pk:
        raise ValidationError(_("Choose a different card to merge with."))
    merged = merged_text(card, into)
    if len(merged) > Card._meta.get_field("text").max_length:
        raise ValidationError(
            _("Together these cards are too long. Shorten one of them first, then merge.")
        )
    merge = CardMerge.objects.create(
        into=into,
        text_before=into.text,
        text_after=merged,
        removed_stage_id=card.stage_id,
        removed_kind=card.kind,
        removed_text=card.text,
        removed_author_id=card.author_id,
        removed_created_at=card.created_at,
        removed_added_version=card.added_version,
        merged_by=by,
    )
    into.text = merged
    into.version = journey_map_changed(into.stage.journey_map_id)
    into.save(update_fields=["text", "version"])
    card.delete()
    return merge


@transaction.atomic
def card_merge_undo(*, merge: CardMerge) -> Card:
    """The two cards as they were before the merge: the kept card's words, and the other card
    back on the map where it was. Not once the merged card has been reworded since: undoing
    then would throw those words away."""
    merge = CardMerge.objects.select_for_update().select_related("into__stage").get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    into = merge.into
    if into.text != merge.text_after:
        raise ValidationError(
            _(
                "Someone has changed the merged card since, so the merge can't be undone. "
                "Change the card instead."
            )
        )
    version = journey_map_changed(into.stage.journey_map_id)
    into.text, into.version = merge.text_before, version
    into.save(update_fields=["text", "version"])
    back = Card.objects.create(
        stage_id=merge.removed_stage_id,
        kind=merge.removed_kind,
        text=merge.removed_text,
        author_id=merge.removed_author_id,
        added_version=merge.removed_added_version,
        version=version,
    )
    # Back in its place among the cards, which are shown in the order they were added.
    Card.objects.filter(pk=back.pk).update(created_at=merge.removed_created_at)
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    return back
