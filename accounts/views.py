import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Count
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.idle import mark_active
from workshops.access import get_member, may_reset_password, programme_view
from workshops.middleware import leaves_content_alone
from workshops.models import AGENCIES, Membership, Role, Session
from workshops.shortcuts import next_url

from . import services, tokens
from .forms import DirectoryEntryForm, DirectorySearchForm, InvitationForm, JoinForm
from .models import DirectoryEntry, Invitation, PasswordLink, hash_token

# The invitations whose new link the facilitator is yet to see, once. The session holds their
# ids only: the link is made again from the invitation when the page shows it.
NEW_LINKS = "new_invitation_links"


def _show_link_once(request: HttpRequest, invitation: Invitation) -> None:
    links = request.session.get(NEW_LINKS, {})
    links[str(invitation.pk)] = True
    request.session[NEW_LINKS] = links


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def invitation_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        invitation, _link = services.invitation_create(
            programme=programme, created_by=request.user, **form.cleaned_data
        )
        _show_link_once(request, invitation)
        return redirect("accounts:invitation-detail", programme.pk, invitation.pk)
    return render(
        request,
        "accounts/invitation_form.html",
        {"form": form, "agencies": AGENCIES},
    )


@require_http_methods(["GET"])
@never_cache
@programme_view(runs=True)
def invitation_detail(
    request: HttpRequest, membership: Membership, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.in_programme(membership.programme), id=invitation_id
    )
    links = request.session.get(NEW_LINKS, {})
    token = tokens.invitation_token(invitation) if links.pop(str(invitation.pk), None) else None
    context = {
        "invitation": invitation,
    }
    if token is not None:
        request.session[NEW_LINKS] = links
        link = request.build_absolute_uri(tokens.invitation_path(token))
        context.update(
            link=link,
            # For the printed card: a phone camera opens the link, nothing to type.
            qr_code=segno.make(link, error="m").svg_data_uri(scale=4, border=2),
            first_session=Session.objects.upcoming()
            .in_programme(membership.programme)
            .select_related("workshop")
            .first(),
        )
    return render(request, "accounts/invitation_detail.html", context)


@require_POST
@programme_view(runs=True)
def invitation_renew(
    request: HttpRequest, membership: Membership, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.in_programme(membership.programme),
        id=invitation_id,
        accepted_at__isnull=True,
    )
    services.invitation_renew(invitation=invitation)
    _show_link_once(request, invitation)
    messages.success(request, _("Here is a new link. The old one no longer works."))
    return redirect("accounts:invitation-detail", membership.programme_id, invitation.pk)


@require_POST
@programme_view(runs=True)
def invitation_revoke(
    request: HttpRequest, membership: Membership, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.in_programme(membership.programme), id=invitation_id
    )
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation for %(name)s is cancelled.") % {"name": invitation.name}
    )
    return redirect("workshops:members", membership.programme_id)


def _not_a_young_person(request: HttpRequest, membership: Membership) -> HttpResponse:
    messages.error(request, _("Only young people's passwords can be reset here."))
    return redirect("workshops:members", membership.programme_id)


# New-password links waiting to be shown, once, to the facilitator who made them: the link
# is only in the session from the POST that made it to the page that shows it.
NEW_PASSWORD_LINKS = "new_password_links"


@require_POST
@programme_view(runs=True)
def member_password_reset(
    request: HttpRequest, membership: Membership, member_id: int
) -> HttpResponse:
    member = get_member(membership, member_id)
    if not may_reset_password(member):
        return _not_a_young_person(request, membership)
    _link, token = services.password_link_create(member=member, made_by=request.user)
    request.session[NEW_PASSWORD_LINKS] = {
        **request.session.get(NEW_PASSWORD_LINKS, {}),
        str(member.pk): token,
    }
    # Sent on to a page of its own, so going back or reloading does not make another link
    # and stop this one working.
    return redirect("accounts:member-password-link", membership.programme_id, member.pk)


@require_GET
@never_cache
@programme_view(runs=True)
def member_password_link(
    request: HttpRequest, membership: Membership, member_id: int
) -> HttpResponse:
    """The link just made, shown once, and the record of the links made for the person here."""
    member = get_member(membership, member_id)
    if not may_reset_password(member):
        return _not_a_young_person(request, membership)
    waiting = request.session.get(NEW_PASSWORD_LINKS, {})
    token = waiting.pop(str(member.pk), None)
    request.session[NEW_PASSWORD_LINKS] = waiting
    history = PasswordLink.objects.filter(user=member.user_id, programme=membership.programme_id)
    latest = history.usable().first()
    shown = token if latest and token and hash_token(token) == latest.token_hash else None
    return render(
        request,
        "accounts/password_reset_link.html",
        {
            "member": member,
            "password_link": latest if shown else None,
            "link": shown
            and request.build_absolute_uri(reverse("accounts:password-link", args=[shown])),
            "history": history[:20],
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def password_link(request: HttpRequest, token: str) -> HttpResponse:
    """Where a young person chooses a new password with the link a facilitator gave them."""
    link = services.password_link_for_token(token)
    if link is None:
        return render(request, "accounts/password_link_unusable.html", status=404)
    form = SetPasswordForm(link.user, request.POST or None)
    if form.is_valid():
        try:
            services.password_link_use(link=link, password=form.cleaned_data["new_password1"])
        except services.PasswordLinkUnusable:
            return render(request, "accounts/password_link_unusable.html", status=404)
        return render(request, "accounts/password_link_done.html", {"username": link.user.username})
    return render(request, "accounts/password_link.html", {"form": form, "password_link": link})


@leaves_content_alone
@require_POST
def still_here(request: HttpRequest) -> JsonResponse:
    """Someone typed or tapped on a page, or said they are still there: the seconds they now
    have before being signed out for leaving the site alone."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_out": True}, status=401)
    return JsonResponse({"left": mark_active(request)})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Choosing a new password yourself also stops any new-password link still waiting."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_links_retire(user=form.user)
        return response


@leaves_content_alone
@login_required
@require_POST
def password_notice_seen(request: HttpRequest) -> HttpResponse:
    """The person has read that their password was changed with a facilitator's link."""
    services.password_notice_seen(user=request.user)
    return redirect(next_url(request, reverse("workshops:dashboard")))


@require_http_methods(["GET", "POST"])
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_unusable.html", status=404)
    form = None
    already_member = False
    if request.user.is_authenticated:
        # On a shared laptop the person signed in may not be the person invited: someone who
        # is already in the programme cannot use the link up by mistake.
        already_member = Membership.objects.filter(
            programme_id=invitation.programme_id, user=request.user
        ).exists()
        if request.method == "POST" and not already_member:
            return _join(request, invitation, user=request.user)
    else:
        form = JoinForm(request.POST or None)
        if form.is_valid():
            return _join(
                request,
                invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
    login_url = f"{reverse('login')}?{urlencode({'next': request.path})}"
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "login_url": login_url,
            "already_member": already_member,
        },
    )


def _join(request: HttpRequest, invitation: Invitation, **who) -> HttpResponse:
    try:
        if "user" in who:
            membership = services.invitation_accept(invitation=invitation, user=who["user"])
        else:
            membership = services.invitation_accept_as_new_user(invitation=invitation, **who)
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
    except services.InvitationUnusable:
        return render(request, "accounts/invitation_unusable.html", status=404)
    return redirect(membership.programme)


def _directory_memberships(request: HttpRequest, *, has_entry: bool = False) -> list[Membership]:
    """The person's memberships, oldest first. Who's who is for the people of this site's
    programmes (and site staff): anyone else gets 404, as for a programme they are not in,
    except that someone who has left every programme may still change or take down their own
    entry."""
    memberships = list(
        Membership.objects.filter(user=request.user).only("role", "agency").order_by("joined_at")
    )
    if not memberships and not request.user.is_staff and not has_entry:
        raise Http404
    return memberships


@require_GET
@login_required
def directory(request: HttpRequest) -> HttpResponse:
    _directory_memberships(request)
    entries = DirectoryEntry.objects.listed()
    organisations = (
        entries.exclude(organisation="")
        .values("organisation")
        .annotate(people=Count("pk"))
        .order_by(Lower("organisation"), "organisation")
    )
    search = DirectorySearchForm(request.GET)
    if search.is_valid():
        if text := search.cleaned_data["q"]:
            entries = entries.matching(text)
        if organisation := search.cleaned_data["organisation"]:
            entries = entries.filter(organisation=organisation)
    else:
        entries = entries.none()
    return render(
        request,
        "accounts/directory.html",
        {
            "entries": list(entries.in_directory_order()),
            "organisations": list(organisations),
            "search": search,
            "searching": bool(request.GET.get("q") or request.GET.get("organisation")),
            "chosen_organisation": request.GET.get("organisation", ""),
            "own_entry": DirectoryEntry.objects.filter(user=request.user).first(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def directory_entry(request: HttpRequest) -> HttpResponse:
    entry = DirectoryEntry.objects.filter(user=request.user).first()
    memberships = _directory_memberships(request, has_entry=entry is not None)
    young_person = bool(memberships) and all(m.role == Role.YOUNG_PERSON for m in memberships)
    initial = {}
    # A young person's entry holds only what they type: nothing is filled in for them.
    if entry is None and not young_person:
        initial = {
            "name": request.user.name,
            "organisation": next((m.agency for m in memberships if m.agency), ""),
        }
    form = DirectoryEntryForm(
        request.POST if request.method == "POST" else None,
        instance=entry or DirectoryEntry(user=request.user),
        initial=initial,
    )
    if form.is_valid():
        form.save()
        messages.success(
            request, _("Your entry is saved. Everyone on this site can see it in Who's who.")
        )
        return redirect("accounts:directory")
    return render(
        request,
        "accounts/directory_form.html",
        {
            "form": form,
            "listed": entry is not None,
            "young_person": young_person,
            "prefilled": bool(initial),
            "in_a_programme": bool(memberships),
        },
    )


@require_POST
@login_required
def directory_remove(request: HttpRequest) -> HttpResponse:
    own = DirectoryEntry.objects.filter(user=request.user)
    memberships = _directory_memberships(request, has_entry=own.exists())
    removed, _kinds = own.delete()
    if removed:
        messages.success(request, _("Your entry is taken down. Nobody can see it now."))
    else:
        messages.info(request, _("You were not in Who's who, so there was nothing to take down."))
    if not memberships and not request.user.is_staff:
        return redirect("workshops:dashboard")
    return redirect("accounts:directory")
