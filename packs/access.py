"""Who may have which pack. The programme itself is checked first by
workshops.access.programme_view, which every view here goes through."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from packs.models import PackKind
from workshops.models import Membership

from .models import Pack


def may_get_pack(membership: Membership, kind: str) -> bool:
    """A pack goes only to people who may see all of it: the session pack holds the
    facilitators' notes; the programme pack and the workshop records, the work of the whole
    group."""
    if kind == PackKind.SESSION:
        return membership.runs_programme
    if kind in (PackKind.PROGRAMME, PackKind.WORKSHOP):
        return membership.runs_or_manages
    return kind in PackKind.values


def get_pack(membership: Membership, pack_id: int) -> Pack:
    pack = get_object_or_404(
        Pack.objects.in_programme(membership.programme_id).select_related(
            "programme", "session__workshop", "workshop"
        ),
        id=pack_id,
    )
    if not may_get_pack(membership, pack.kind):
        raise PermissionDenied
    return pack
