"""A person's own account page, their copy of their data, erasing their account, and the
privacy page; leaving a programme, a facilitator removing a young person who asked, and a
programme's end.

The account's views serve the signed-in person their own things, found by who they are, so
there is no id to guess; the programme's go through the one access check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.idle import background_poll
from workshops.access import get_member, only_a_young_person, programme_view
from workshops.middleware import leaves_content_alone
from workshops.models import Membership, Role

from . import erasure, retention, services
from .forms import WHOLE_ACCOUNT, EndForm, EraseAccountForm, LeaveForm, MemberRemoveForm
from .models import DataExport
from .selectors import looks_at_private_reflections

# htmx stops polling when the answer has this status.
STOP_POLLING = 286


def _export_of(user) -> DataExport | None:
    return DataExport.objects.filter(user=user).first()


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user).select_related("programme")
    has_private, looks = looks_at_private_reflections(request.user)
    return render(
        request,
        "privacy/account.html",
        {
            "memberships": memberships,
            "has_private": has_private,
            "looks": looks,
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
        {
            "export_days": settings.DATA_EXPORT_DAYS,
            "privacy_contact": settings.PRIVACY_CONTACT,
            "retention_months": settings.RETENTION_MONTHS,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(before_ground_rules=True, when_closed=True)
def programme_leave(request: HttpRequest, membership: Membership) -> HttpResponse:
    """A member leaves a programme, and chooses what happens to what they shared there."""
    form = LeaveForm(request.POST if request.method == "POST" else None)
    stuck = erasure.last_to_run(membership)
    if request.method == "POST" and not stuck and form.is_valid():
        erasure.membership_erase(
            membership=membership, keep_shared=form.keep_shared, done_by=request.user
        )
        messages.success(
            request,
            _("You have left %(programme)s.") % {"programme": membership.programme.name},
        )
        return redirect("workshops:dashboard")
    return render(
        request,
        "privacy/leave.html",
        {"form": form, "stuck": stuck, **_what_goes(membership)},
        status=400 if form.errors else 200,
    )


# The account is gone by the time this answers: the content version has nothing to move.
@leaves_content_alone
@require_http_methods(["GET", "POST"])
@login_required
def account_erase(request: HttpRequest) -> HttpResponse:
    form = EraseAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    memberships = Membership.objects.filter(user=request.user).select_related("programme")
    stuck = [membership for membership in memberships if erasure.last_to_run(membership)]
    if request.method == "POST" and not stuck and form.is_valid():
        erasure.account_erase(user=request.user, keep_shared=form.keep_shared)
        logout(request)
        return redirect("privacy:erased")
    return render(
        request,
        "privacy/account_erase.html",
        {"form": form, "stuck": stuck},
        status=400 if form.errors else 200,
    )


@require_GET
def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/erased.html")


@require_http_methods(["GET", "POST"])
@programme_view(runs=True, when_closed=True)
def member_remove(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    """A facilitator takes out a young person who asked them in person, and says why."""
    member = get_member(membership, member_id)
    if member.role != Role.YOUNG_PERSON:
        messages.error(request, _("Only young people can be removed here."))
        return redirect("workshops:members", membership.programme_id)
    # Their whole account only where it is a young person's here and nothing else anywhere.
    whole = only_a_young_person(member.user) and not (
        Membership.objects.filter(user=member.user).exclude(pk=member.pk).exists()
    )
    form = MemberRemoveForm(
        request.POST if request.method == "POST" else None, whole_account_allowed=whole
    )
    if request.method == "POST" and form.is_valid():
        name = member.user.name
        if whole and form.cleaned_data["what"] == WHOLE_ACCOUNT:
            erasure.account_erase(
                user=member.user,
                keep_shared=form.keep_shared,
                done_by=request.user,
                reason=form.cleaned_data["reason"],
            )
            said = _("%(name)s's account has been erased.")
        else:
            erasure.membership_erase(
                membership=member,
                keep_shared=form.keep_shared,
                done_by=request.user,
                reason=form.cleaned_data["reason"],
            )
            said = _("%(name)s has been removed from this programme.")
        messages.success(request, said % {"name": name})
        return redirect("workshops:members", membership.programme_id)
    return render(
        request,
        "privacy/member_remove.html",
        {"form": form, "member": member, "whole": whole},
        status=400 if form.errors else 200,
    )


def _what_goes(membership: Membership) -> dict:
    ideas = membership.ideas.all()
    return {"built_on": erasure.built_on(ideas).count()}


@require_http_methods(["GET", "POST"])
@programme_view(runs=True, when_closed=True)
def programme_end(request: HttpRequest, membership: Membership) -> HttpResponse:
    """A facilitator ends a programme that is done: nothing in it can be changed after, and
    its personal data is deleted after the site's retention period."""
    programme = membership.programme
    if programme.is_closed:
        return redirect(programme)
    form = EndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        retention.programme_close(
            programme=programme,
            keep_services=form.cleaned_data["keep_services"],
            keep_actions=form.cleaned_data["keep_actions"],
        )
        messages.success(request, _("The programme has ended."))
        return redirect(programme)
    return render(
        request,
        "privacy/programme_end.html",
        {
            "form": form,
            "delete_on": retention.months_after(timezone.localdate(), settings.RETENTION_MONTHS),
        },
    )


@require_POST
@programme_view(runs=True, when_closed=True)
def programme_reopen(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    if programme.personal_data_deleted_at is None:
        retention.programme_reopen(programme=programme)
        messages.success(request, _("The programme is open again."))
    return redirect(programme)
