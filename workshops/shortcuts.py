"""Small page helpers that views in every app use."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def confirm_remove(
    request: HttpRequest, *, thing: str, consequence: str, cancel_url: str
) -> HttpResponse:
    """Ask before removing something: the GET half of a view whose POST removes it."""
    return render(
        request,
        "workshops/confirm_remove.html",
        {"thing": thing, "consequence": consequence, "cancel_url": cancel_url},
    )


@dataclass(frozen=True)
class PollAsk:
    """A page that polls asks with ?version=N: "anything new since the version I show?"."""

    shown: int | None  # the version the page shows, if it said one that is a number
    version: int  # the object's version now
    layout_version: int  # the version of its last change that redraws everything

    @property
    def nothing_new(self) -> bool:
        return self.shown == self.version

    @property
    def changes_alone(self) -> bool:
        """Behind only by changes that can be sent alone (new things, and for a map
        reworded cards), not by any that need the whole thing drawn again."""
        return self.shown is not None and self.layout_version <= self.shown < self.version


def move_on(found: QuerySet, field: str, layout_field: str, *, redraw: bool) -> int:
    """The writing half of poll_ask: move the object's version on by one, and with `redraw`
    say that pages must draw everything again from this version; return the new version.
    Call it inside the change's transaction: the row stays locked until it ends, so versions
    go up in the order changes are saved."""
    changes = {field: F(field) + 1}
    if redraw:
        changes[layout_field] = F(field) + 1
    found.update(**changes)
    return found.values_list(field, flat=True).get()


def poll_ask(request: HttpRequest, found: QuerySet, field: str, layout_field: str) -> PollAsk:
    """`found` is the polled object, as a queryset that keeps to the member's programme;
    `field` its version and `layout_field` the version of its last change that pages must
    draw everything again for. No object there is a 404, as for any id outside the
    programme. One query."""
    versions = found.values_list(field, layout_field).first()
    if versions is None:
        raise Http404
    try:
        shown = int(request.GET.get("version", ""))
    except ValueError:
        shown = None
    return PollAsk(shown, *versions)


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the `next` it was given, if that is a page of this site,
    else `default`. Only a path will do: "ok" or a view's name is no address (and redirect()
    would look it up as a view), and //elsewhere or https://elsewhere is another site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if (
        wanted.startswith("/")
        and not wanted.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return wanted
    return default


# A message tagged so is shown under the heading of the section `place` of the page it goes
# back to (templates/workshops/includes/_said_here.html), and left out of the page's top.
SAID_HERE = "here-"


def say_there(request: HttpRequest, message: str, place: str, level=messages.SUCCESS) -> None:
    """A message for the section `place` of the page that opens next."""
    messages.add_message(request, level, message, extra_tags=SAID_HERE + place)


def back_to_what_was_said(url: str, place: str) -> HttpResponse:
    """Open the page at what `say_there` said in it. The box holding it is the page's
    fragment target, so the browser gives it focus and a screen reader reads it out."""
    return redirect(f"{url}#said-{place}")
