"""Writes that touch more than one row."""

from django.db import transaction
from django.utils.translation import gettext as _

from workshops.models import Membership, Programme

from .models import Action, ActionUpdate


@transaction.atomic
def action_add(*, programme: Programme, by: Membership, **fields) -> Action:
    action = Action.objects.create(programme=programme, **fields)
    ActionUpdate.objects.create(action=action, status=action.status, note=_("Added."), by=by)
    return action


@transaction.atomic
def action_update(*, action: Action, by: Membership, status: str, note: str) -> None:
    """A new line in the action's log, and the action's status with it."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    locked.status = status
    locked.save(update_fields=["status"])
    ActionUpdate.objects.create(action=locked, status=status, note=note, by=by)
    action.status = status
