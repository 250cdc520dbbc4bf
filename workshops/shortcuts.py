"""Small page helpers that views in every app use."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
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


def unchanged_since(request: HttpRequest, found: QuerySet, field: str) -> HttpResponse | None:
    """For a page that polls with ?version=N ("anything new since the version I show?").

    `found` is the polled object, as a queryset that keeps to the member's programme, and
    `field` its version; no object there is a 404, as for any id outside the programme.
    204, with nothing to render, when the page already shows this version; None when the
    view should render what changed. One query.
    """
    version = found.values_list(field, flat=True).first()
    if version is None:
        raise Http404
    if request.GET.get("version") == str(version):
        return HttpResponse(status=204)
    return None


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
