"""Parts of the core's pages that belong to the apps built on it.

The dashboard, the programme page and the session page show what other apps own: what waits
for the facilitators, the group's reflections and photos, the packs to print, the latest
showcase. The core imports none of those apps (imports point down only). Instead each app
adds its part here from its AppConfig.ready(), as a function that takes the page's objects
and returns the names its templates use; the core's view calls every part of its page.
"""

from collections import defaultdict
from collections.abc import Callable

from django.db.models import QuerySet

DASHBOARD = "dashboard"  # a part gets memberships=[the person's memberships]
PROGRAMME = "programme"  # membership=, programme=
SESSION = "session"  # membership=, session=
NOW = "now"  # the session page's "now" box, alone or on the page: membership=, session=
RUN = "run"  # the run view and the screen on the projector: membership=, session=

_parts: dict[str, list[Callable[..., dict]]] = defaultdict(list)
_membership_annotations: list[Callable[[QuerySet], QuerySet]] = []


def part(page: str):
    """Add the decorated function's context to every rendering of the page."""

    def register(function: Callable[..., dict]) -> Callable[..., dict]:
        if function not in _parts[page]:
            _parts[page].append(function)
        return function

    return register


def parts_for(page: str, **objects) -> dict:
    context = {}
    for function in _parts[page]:
        context.update(function(**objects))
    return context


def dashboard_memberships(function: Callable[[QuerySet], QuerySet]):
    """Annotate the dashboard's memberships, so that counts for each programme come in the
    one query that lists them."""
    if function not in _membership_annotations:
        _membership_annotations.append(function)
    return function


def annotate_memberships(memberships: QuerySet) -> QuerySet:
    for function in _membership_annotations:
        memberships = function(memberships)
    return memberships
