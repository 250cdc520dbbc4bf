"""Reads that span relations: what the group made in workshop 2, as the printed programme
pack shows it, the cards of a map as its page shows them, and the feeling line drawn over a
journey map's stages."""

from dataclasses import dataclass
from dataclasses import fields as fields_of

from django.db.models import Prefetch

from workshops.models import Programme

from .models import Card, JourneyMap, Persona, Timeline, Visibility


def timelines_shared_with_group(programme: Programme):
    """Only the timelines their owners chose to share, with their events."""
    return (
        Timeline.objects.in_programme(programme)
        .filter(visibility=Visibility.GROUP)
        .select_related("member__user")
        .prefetch_related("events")
        .order_by("pk")
    )


def personas(programme: Programme):
    return Persona.objects.in_programme(programme)


def journey_maps_with_cards(programme: Programme):
    """Each map with its persona, stages and cards (oldest card first): three queries."""
    return (
        JourneyMap.objects.in_programme(programme)
        .select_related("persona")
        .prefetch_related(
            "stages", Prefetch("stages__cards", queryset=Card.objects.order_by("created_at", "pk"))
        )
    )


def feeling_curve(stages) -> dict:
    """The SVG path of the feeling line over the stages, in a 100-unit-wide box per stage.

    A smooth curve (Catmull-Rom turned into Bézier segments) through the middle of each
    stage, high for 'really good' and low for 'really hard'.
    """
    points = [((i + 0.5) * 100, 90 - (stage.feeling - 1) * 20) for i, stage in enumerate(stages)]
    if not points:
        return {"width": 100, "path": "", "points": []}
    if len(points) == 1:
        y = points[0][1]
        return {"width": 100, "path": f"M 0.0 {y:.1f} L 100.0 {y:.1f}", "points": points}

    def level(y: float) -> float:
        # Control points stay between 'really hard' and 'really good', so the curve never
        # dips below the lowest feeling or rises above the highest.
        return min(90.0, max(10.0, y))

    path = [f"M {points[0][0]:.1f} {points[0][1]:.1f}"]
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, level(p1[1] + (p2[1] - p0[1]) / 6))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, level(p2[1] - (p3[1] - p1[1]) / 6))
        path.append(f"C {c1[0]:.1f} {c1[1]:.1f}, {c2[0]:.1f} {c2[1]:.1f}, {p2[0]:.1f} {p2[1]:.1f}")
    return {"width": len(points) * 100, "path": " ".join(path), "points": points}


@dataclass(slots=True)
class CardShown:
    """A card as a map page shows it: read as plain values, since a map has hundreds."""

    pk: int
    stage_id: int
    kind: str
    text: str
    author_id: int | None
    added_version: int
    version: int
    html: str = ""


def map_cards(
    journey_map_id: int, *, since: int | None = None, upto: int = 0, limit: int | None = None
) -> list[CardShown]:
    """The map's cards in the order they were added; with `since`, only those added or
    changed after version `since` and up to version `upto`; at most `limit` of them."""
    cards = Card.objects.filter(stage__journey_map_id=journey_map_id)
    if since is not None:
        cards = cards.filter(version__gt=since, version__lte=upto)
    fields = [f.name for f in fields_of(CardShown) if f.name != "html"]
    return [CardShown(*row) for row in cards.values_list(*fields)[:limit]]
