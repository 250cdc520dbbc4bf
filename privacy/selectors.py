"""Reads for a person's own account page."""

from django.db.models import Min, Q

from voice.models import Reflection, Shared
from workshops.models import Look, LookKind

LOOKS_SHOWN = 30


def looks_at_private_reflections(user) -> tuple[bool, list[Look]]:
    """Whether the person has written anything only the facilitators see, and the latest
    times someone opened a page showing it (after it was written). Two queries."""
    private = (
        Reflection.objects.filter(author__user=user)
        .filter(Q(shared=Shared.FACILITATORS) | Q(hidden_at__isnull=False))
        .values("session")
        .annotate(first=Min("created_at"))
        .order_by()
    )
    seen = Q()
    for row in private:
        seen |= Q(session_id=row["session"], at__gte=row["first"])
    if not seen:
        return False, []
    looks = Look.objects.filter(seen, kind=LookKind.PRIVATE_REFLECTIONS).select_related(
        "session__workshop__programme"
    )
    return True, list(looks[:LOOKS_SHOWN])
