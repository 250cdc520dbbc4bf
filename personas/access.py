"""Who may see and change the group's timelines, personas and journey maps. The programme
itself is checked first by workshops.access.programme_view, which every view here goes
through; the lookups below then keep to the member's programme, so anything else is 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from workshops.access import get_member
from workshops.models import Membership

from .models import Card, JourneyMap, Persona, Stage, TimelineEvent


def get_timeline_owner(membership: Membership, member_id: int) -> Membership:
    """Whose timeline this is: your own, or anyone's if you run the programme. Anyone else's
    is 404, so a timeline kept for the facilitators does not show that it exists."""
    if member_id == membership.pk:
        return membership
    if not membership.runs_programme:
        raise Http404
    return get_member(membership, member_id)


def get_timeline_event(member: Membership, event_id: int) -> TimelineEvent:
    """A moment on the timeline of `member`, whom get_timeline_owner has let through."""
    return get_object_or_404(TimelineEvent, id=event_id, timeline__member=member)


def get_persona(membership: Membership, persona_id: int) -> Persona:
    return get_object_or_404(Persona.objects.in_programme(membership.programme_id), id=persona_id)


def get_journey_map(membership: Membership, map_id: int) -> JourneyMap:
    return get_object_or_404(
        JourneyMap.objects.in_programme(membership.programme_id).select_related("persona"),
        id=map_id,
    )


def get_stage(journey_map: JourneyMap, stage_id: int) -> Stage:
    return get_object_or_404(Stage, id=stage_id, journey_map=journey_map)


def may_change_card(membership: Membership, card: Card) -> bool:
    """Any member adds cards; its author and the facilitators change or remove one."""
    return membership.runs_or_wrote(card.author_id)


def get_card(
    membership: Membership, journey_map: JourneyMap, card_id: int, *, changing: bool = False
) -> Card:
    """A card on the map; with changing=True, 403 to anyone who may not change it."""
    card = get_object_or_404(
        Card.objects.select_related("stage", "author__user"),
        id=card_id,
        stage__journey_map=journey_map,
    )
    if changing and not may_change_card(membership, card):
        raise PermissionDenied
    return card
