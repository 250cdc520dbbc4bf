"""The printed packs: the list of what a member may print, asking for one, watching it
being made, and downloading it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from codesign.idle import background_poll
from workshops.access import programme_view
from workshops.middleware import leaves_content_alone
from workshops.models import Membership, Session, Workshop

from . import services
from .access import get_pack, may_get_pack
from .choices import PACK_DESCRIPTIONS, PackChoice
from .content import title_for_pack
from .forms import PackRequestForm
from .models import SESSION_PACKS, Pack, PackKind


@require_GET
@programme_view()
def pack_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The packs this member may get: the programme's, each workshop's record, and each
    session's."""
    kinds = [kind for kind in PackKind if may_get_pack(membership, kind)]
    latest = {}
    for pack in Pack.objects.in_programme(membership.programme_id).filter(kind__in=kinds):
        latest.setdefault((pack.kind, pack.session_id, pack.workshop_id), pack)

    def choice(kind, session=None, workshop=None) -> PackChoice:
        key = (kind, session and session.pk, workshop and workshop.pk)
        return PackChoice(kind, session, latest.get(key), workshop)

    sessions = Session.objects.in_programme(membership.programme_id).select_related("workshop")
    return render(
        request,
        "packs/pack_list.html",
        {
            "programme_pack": choice(PackKind.PROGRAMME) if PackKind.PROGRAMME in kinds else None,
            "workshop_records": [
                choice(PackKind.WORKSHOP, workshop=workshop)
                for workshop in Workshop.objects.in_programme(membership.programme_id)
            ]
            if PackKind.WORKSHOP in kinds
            else [],
            "workshop_record_description": PACK_DESCRIPTIONS[PackKind.WORKSHOP],
            "sessions": [
                (session, [choice(kind, session) for kind in kinds if kind in SESSION_PACKS])
                for session in sessions
            ],
        },
    )


def _pack_file(pack: Pack) -> HttpResponse:
    try:
        file = pack.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    title = title_for_pack(pack)
    response = FileResponse(
        file, as_attachment=True, filename=f"{slugify(title)}.pdf", content_type="application/pdf"
    )
    # It holds what young people said: kept by nobody's cache, not even the browser's.
    response["Cache-Control"] = "private, no-store"
    return response


def _too_large(
    request: HttpRequest, membership: Membership, kind: str, too_large: services.PackTooLarge
) -> HttpResponse:
    if kind == PackKind.PROGRAMME:
        instead = _("You can get each workshop's record on its own instead: see below.")
    else:
        instead = _("Each session's own packs below can still be made.")
    messages.error(
        request,
        _(
            "This pack would be about %(pages)s pages, more than the %(limit)s that can be "
            "made at once, so it was not started."
        )
        % {"pages": too_large.pages, "limit": settings.PACK_MAX_PAGES}
        + " "
        + instead,
    )
    return redirect("packs:pack-list", membership.programme_id)


@leaves_content_alone
@require_POST
@programme_view(when_closed=True)
def pack_request(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Ask for a pack: the file at once if it is made and nothing in it has changed,
    otherwise the page that shows it being made."""
    form = PackRequestForm(request.POST, programme=membership.programme)
    if not form.is_valid():
        messages.error(request, _("That pack does not exist. Choose one from the list."))
        return redirect("packs:pack-list", membership.programme_id)
    kind = form.cleaned_data["kind"]
    if not may_get_pack(membership, kind):
        raise PermissionDenied
    try:
        pack = services.pack_request(
            membership=membership,
            kind=kind,
            session=form.cleaned_data["session"],
            workshop=form.cleaned_data["workshop"],
        )
    except services.PackTooLarge as too_large:
        return _too_large(request, membership, kind, too_large)
    if pack.is_ready:
        return _pack_file(pack)
    return redirect(pack)


@require_GET
@programme_view()
def pack_detail(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    pack = services.pack_revive(get_pack(membership, pack_id))
    return render(request, "packs/pack_detail.html", {"pack": pack})


# htmx stops polling when the answer has this status.
STOP_POLLING = 286


@background_poll
@require_GET
@programme_view()
def pack_progress(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    if not Pack.objects.in_programme(membership.programme_id).filter(pk=pack_id).exists():
        # Replaced by a newer one, or cleared when something in it was hidden.
        return render(
            request, "packs/includes/_pack_gone.html", {"announce": True}, status=STOP_POLLING
        )
    pack = services.pack_revive(get_pack(membership, pack_id))
    return render(
        request,
        "packs/includes/_pack_progress.html",
        {"pack": pack, "announce": not pack.is_waiting},
        status=200 if pack.is_waiting else STOP_POLLING,
    )


@leaves_content_alone
@require_POST
@programme_view(when_closed=True)
def pack_retry(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    """Try again: the same pack if nothing in it has changed, or the latest."""
    pack = get_pack(membership, pack_id)
    try:
        latest = services.pack_request(
            membership=membership, kind=pack.kind, session=pack.session, workshop=pack.workshop
        )
    except services.PackTooLarge as too_large:
        return _too_large(request, membership, pack.kind, too_large)
    if latest.pk == pack.pk:
        services.pack_retry(pack=pack)
    return redirect(latest)


@require_GET
@programme_view()
def pack_download(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    pack = get_pack(membership, pack_id)
    if not pack.is_ready:
        return redirect(pack)
    # Something hidden or removed since the pack was made must not go out in it.
    if not services.pack_is_current(pack):
        messages.info(
            request,
            _(
                "Something in this pack has changed since it was made. "
                "Ask for it again to get the latest."
            ),
        )
        return redirect("packs:pack-list", membership.programme_id)
    return _pack_file(pack)
