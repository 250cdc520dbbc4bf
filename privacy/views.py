"""A person's own account page, their copy of their data, and the privacy page.

Nothing here is inside a programme: each view serves the signed-in person their own things,
found by who they are, so there is no id to guess."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from codesign.idle import background_poll
from workshops.models import Membership

from . import services
from .models import DataExport

# htmx stops polling when the answer has this status.
STOP_POLLING = 286


def _export_of(user) -> DataExport | None:
    return DataExport.objects.filter(user=user).first()


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user).select_related("programme")
    return render(
        request,
        "privacy/account.html",
        {
            "memberships": memberships,
            "export": _export_of(request.user),
            "export_days": settings.DATA_EXPORT_DAYS,
        },
    )


@require_POST
@login_required
def export_request(request: HttpRequest) -> HttpResponse:
    services.export_request(user=request.user, language=get_language())
    if request.htmx:
        return _progress(request, _export_of(request.user), announce=False)
    return redirect(reverse("privacy:account") + "#my-data")


@background_poll
@require_GET
@login_required
def export_progress(request: HttpRequest) -> HttpResponse:
    return _progress(request, _export_of(request.user), announce=True)


def _progress(request, export: DataExport | None, *, announce: bool) -> HttpResponse:
    waiting = export is not None and export.is_waiting
    return render(
        request,
        "privacy/includes/_export.html",
        {
            "export": export,
            "export_days": settings.DATA_EXPORT_DAYS,
            "announce": announce and not waiting,
        },
        status=200 if waiting else STOP_POLLING,
    )


@require_GET
@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    export = _export_of(request.user)
    if export is None or not export.is_ready:
        raise Http404
    try:
        file = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    made = timezone.localdate(export.finished_at).isoformat()
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"codesign-my-data-{made}.zip",
        content_type="application/zip",
    )
    # Everything about a person: kept by nobody's cache, not even the browser's.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/privacy.html",
        {"export_days": settings.DATA_EXPORT_DAYS, "privacy_contact": settings.PRIVACY_CONTACT},
    )
