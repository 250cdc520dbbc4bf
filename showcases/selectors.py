"""Reads that span relations: a programme's showcases and actions, as the printed programme
pack shows them."""

from django.db.models import Prefetch

from blueprints.models import Idea, Prototype
from workshops.models import Programme

from .models import Action, ActionUpdate, Quote, Showcase


def actions_with_updates(programme: Programme):
    """Each action with its owner, its showcase and its log, newest first."""
    return (
        Action.objects.in_programme(programme)
        .select_related("owner__user", "showcase")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("-at", "-pk")))
    )


def showcases_with_what_was_said(programme: Programme):
    """Each showcase with who came, what was shown, its links and its quotes."""
    return Showcase.objects.in_programme(programme).prefetch_related(
        "guests",
        "links",
        Prefetch("ideas", queryset=Idea.objects.order_by("title")),
        Prefetch("prototypes", queryset=Prototype.objects.order_by("title")),
        Prefetch("quotes", queryset=Quote.objects.select_related("idea")),
    )
