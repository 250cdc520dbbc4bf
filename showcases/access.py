"""Who may do what with a programme's actions; the programme itself is checked by
workshops.access.programme_view, which every view here goes through."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from workshops.models import Membership

from .models import Action, Guest, Quote, Showcase, ShowcaseLink


def may_add_actions(membership: Membership) -> bool:
    """The people who run the programme, and the managers who answer for the services."""
    return membership.runs_or_manages


def may_update(membership: Membership, action: Action) -> bool:
    """Facilitators update any action; anyone who owns an action (a manager, or a
    professional who answers for a service), the actions they own."""
    return membership.runs_programme or action.owner_id == membership.pk


def get_action(membership: Membership, action_id: int, *, updating: bool = False) -> Action:
    action = get_object_or_404(
        Action.objects.in_programme(membership.programme_id).select_related(
            "owner__user", "showcase"
        ),
        id=action_id,
    )
    if updating and not may_update(membership, action):
        raise PermissionDenied
    return action


def may_record_showcases(membership: Membership) -> bool:
    """The facilitators record showcases, who came, what they said and the links shown."""
    return membership.runs_programme


def get_showcase(membership: Membership, showcase_id: int, *, changing: bool = False) -> Showcase:
    showcase = get_object_or_404(
        Showcase.objects.in_programme(membership.programme_id), id=showcase_id
    )
    if changing and not may_record_showcases(membership):
        raise PermissionDenied
    return showcase


def get_guest(showcase: Showcase, guest_id: int) -> Guest:
    return get_object_or_404(Guest, id=guest_id, showcase=showcase)


def get_link(showcase: Showcase, link_id: int) -> ShowcaseLink:
    return get_object_or_404(ShowcaseLink, id=link_id, showcase=showcase)


def get_quote(showcase: Showcase, quote_id: int) -> Quote:
    return get_object_or_404(Quote, id=quote_id, showcase=showcase)
