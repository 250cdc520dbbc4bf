"""A manager's overview across the programmes they can see: where the actions have got to and
who owns them, what was decided about the prototypes, and which foundations of The Promise the
ideas taken forward cover.

The page holds a fixed number of queries however many programmes it shows: the counts come
from the database grouped by programme, and the ideas' foundations (a JSON list, which SQLite
and PostgreSQL cannot count alike) in one fetch that is counted here.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.models import User
from blueprints.models import Decision, Foundation, Idea, Prototype
from workshops.models import RUNNING_OR_MANAGING_ROLES, Membership, Programme

from .models import UNFINISHED, Action, ActionStatus, overdue

NOT_DECIDED = _("Not decided yet")


def may_see_overview(memberships) -> bool:
    """From memberships already loaded, so a page can offer the link without a query."""
    return any(membership.runs_or_manages for membership in memberships)


@dataclass
class Owner:
    """The actions one person owns for one organisation (name None: nobody owns them yet)."""

    name: str | None
    organisation: str
    actions: int = 0
    unfinished: int = 0
    late: int = 0


@dataclass
class Figures:
    """The overview's counts for one programme, or for several together."""

    statuses: Counter = field(default_factory=Counter)
    late: int = 0
    owners: dict = field(default_factory=dict)
    decisions: Counter = field(default_factory=Counter)
    foundations: Counter = field(default_factory=Counter)
    ideas_taken_forward: int = 0

    def add(self, other: "Figures") -> None:
        self.statuses.update(other.statuses)
        self.late += other.late
        for key, owner in other.owners.items():
            self.count_owner(
                key,
                owner.name,
                owner.organisation,
                actions=owner.actions,
                unfinished=owner.unfinished,
                late=owner.late,
            )
        self.decisions.update(other.decisions)
        self.foundations.update(other.foundations)
        self.ideas_taken_forward += other.ideas_taken_forward

    def count_owner(
        self, key, name: str | None, organisation: str, *, actions: int, unfinished: int, late: int
    ) -> None:
        owner = self.owners.setdefault(key, Owner(name=name, organisation=organisation))
        owner.actions += actions
        owner.unfinished += unfinished
        owner.late += late

    @property
    def actions(self) -> int:
        return sum(self.statuses.values())

    @property
    def status_rows(self) -> list[tuple[str, int]]:
        return [(label, self.statuses[value]) for value, label in ActionStatus.choices]

    @property
    def owner_rows(self) -> list[Owner]:
        """By name, with the actions nobody owns yet last."""
        return sorted(
            self.owners.values(),
            key=lambda owner: (
                owner.name is None,
                (owner.name or "").casefold(),
                owner.organisation.casefold(),
            ),
        )

    @property
    def prototypes(self) -> int:
        return sum(self.decisions.values())

    @property
    def decision_rows(self) -> list[tuple[str, int]]:
        rows = [(label, self.decisions[value]) for value, label in Decision.choices]
        return [*rows, (NOT_DECIDED, self.decisions[""])]

    @property
    def foundation_rows(self) -> list[tuple[str, int]]:
        return [(label, self.foundations[value]) for value, label in Foundation.choices]

    @property
    def not_covered(self) -> list[str]:
        return [label for label, count in self.foundation_rows if not count]


def programme_figures(programme_ids: list[int]) -> dict[int, Figures]:
    """Each programme's figures, in three queries however many programmes there are."""
    figures = {programme_id: Figures() for programme_id in programme_ids}
    if not figures:
        return figures
    actions = (
        Action.objects.filter(programme_id__in=programme_ids)
        .order_by()
        .values(
            "programme_id",
            "status",
            "organisation",
            "owner__user_id",
            "owner__user__display_name",
            "owner__user__first_name",
            "owner__user__last_name",
            "owner__user__username",
        )
        .annotate(count=Count("pk"), late=Count("pk", filter=overdue()))
    )
    for row in actions:
        programme = figures[row["programme_id"]]
        programme.statuses[row["status"]] += row["count"]
        programme.late += row["late"]
        user_id = row["owner__user_id"]
        # Keyed by person, not membership, so one person's actions add up across programmes.
        programme.count_owner(
            (user_id, row["organisation"]),
            _owner_name(row) if user_id else None,
            row["organisation"],
            actions=row["count"],
            unfinished=row["count"] if row["status"] in UNFINISHED else 0,
            late=row["late"],
        )
    decisions = (
        Prototype.objects.filter(programme_id__in=programme_ids)
        .order_by()
        .values("programme_id", "decision")
        .annotate(count=Count("pk"))
    )
    for row in decisions:
        figures[row["programme_id"]].decisions[row["decision"]] += row["count"]
    ideas = Idea.objects.filter(programme_id__in=programme_ids, taken_forward=True).values_list(
        "programme_id", "foundations"
    )
    for programme_id, foundations in ideas:
        programme = figures[programme_id]
        programme.ideas_taken_forward += 1
        programme.foundations.update(set(foundations or []) & set(Foundation.values))
    return figures


def _owner_name(row: dict) -> str:
    """The name the rest of the site shows for the owner, from the grouped row."""
    return User(
        display_name=row["owner__user__display_name"],
        first_name=row["owner__user__first_name"],
        last_name=row["owner__user__last_name"],
        username=row["owner__user__username"],
    ).name


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Only the programmes the person manages or runs, and of those only the ones whose current
    ground rules they have agreed to; anyone who manages or runs none gets a 404."""
    memberships = list(
        Membership.objects.filter(user=request.user, role__in=RUNNING_OR_MANAGING_ROLES)
        .select_related("programme")
        .order_by("programme__name", "programme_id")
    )
    if not memberships:
        raise Http404
    programmes: list[Programme] = []
    waiting: list[Programme] = []
    for membership in memberships:
        agreed = membership.agreed_current_ground_rules
        (programmes if agreed else waiting).append(membership.programme)
    figures = programme_figures([programme.pk for programme in programmes])
    total = None
    if len(programmes) > 1:
        total = Figures()
        for each in figures.values():
            total.add(each)
    return render(
        request,
        "showcases/overview.html",
        {
            "programmes": [(programme, figures[programme.pk]) for programme in programmes],
            "total": total,
            "waiting": waiting,
        },
    )
