"""The showcases' parts of the core's pages (see workshops.pages)."""

from django.db.models import Count

from workshops import pages
from workshops.models import Membership, Programme

from .models import Action, ActionStatus
from .overview import may_see_overview


@pages.part(pages.DASHBOARD)
def overview_link(*, memberships: list[Membership]) -> dict:
    # From the memberships already loaded: no extra query.
    return {"may_see_overview": may_see_overview(memberships)}


@pages.part(pages.PROGRAMME)
def what_happened_next(*, membership: Membership, programme: Programme) -> dict:
    """The latest showcase and where its actions have got to, so the group sees what became
    of its work: two queries however many actions there are."""
    counts = dict(
        Action.objects.in_programme(programme)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    return {
        "latest_showcase": programme.showcases.first(),
        "action_total": sum(counts.values()),
        "action_counts": [
            (label, counts[value]) for value, label in ActionStatus.choices if counts.get(value)
        ],
    }
