"""The one access check for programme data.

Every view that reads or writes a programme's data is wrapped in `programme_view`. It answers
404 to anyone who is not a member (so nobody learns that a programme exists), 403 to members
whose role may not do what the view does, and sends members who have not yet agreed to the
ground rules to agree first. Objects inside a programme are then fetched through the helpers
below, which filter by the member's programme, so an id from another programme is a 404 too.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .middleware import SAFE_METHODS
from .models import RUNNING_ROLES, Activity, Membership, Role, Session, Workshop


def may_start_programmes(user) -> bool:
    """Site staff, people they allow, and anyone who already runs a programme."""
    return (
        user.is_staff
        or user.can_start_programmes
        or Membership.objects.filter(user=user, role__in=RUNNING_ROLES).exists()
    )


def get_membership(user, programme_id: int) -> Membership:
    try:
        return Membership.objects.select_related("programme", "user").get(
            programme_id=programme_id, user=user
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def programme_view(
    *, runs: bool = False, before_ground_rules: bool = False, when_closed: bool = False
):
    """Wrap a view taking (request, membership, ...) in place of (request, programme_id, ...).

    runs: only facilitators and co-facilitators may use the view.
    before_ground_rules: the view may be used before the member agrees to the ground rules.
    when_closed: the view may change things in a programme that has ended (reopening it,
    leaving it, asking for a pack); every other change to an ended programme is refused.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, programme_id: int, *args, **kwargs):
            membership = get_membership(request.user, programme_id)
            if runs and not membership.runs_programme:
                raise PermissionDenied
            if (
                membership.programme.is_closed
                and request.method not in SAFE_METHODS
                and not when_closed
            ):
                return _closed(request, membership)
            if not before_ground_rules and not membership.agreed_current_ground_rules:
                agree_url = reverse("workshops:ground-rules-agree", args=[programme_id])
                # After agreeing, back to the page the person was on, not to a partial.
                htmx = getattr(request, "htmx", None)
                next_url = (htmx and htmx.current_url_abs_path) or request.get_full_path()
                return redirect(f"{agree_url}?{urlencode({'next': next_url})}")
            # Templates get the membership and its programme from the request.
            request.membership = membership
            return view(request, membership, *args, **kwargs)

        return wrapper

    return decorator


def _closed(request, membership: Membership) -> HttpResponse:
    """A change to a programme that has ended: nothing is saved, and the person is told why
    on the page they were on (htmx reloads it), or on the programme's page."""
    messages.error(request, _("This programme has ended, so nothing in it can be changed."))
    if getattr(request, "htmx", None):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(membership.programme)


def may_reset_password(member: Membership) -> bool:
    """A facilitator may hand a new-password link to a young person who is nothing else
    anywhere: never to staff, or to someone who runs or manages any programme."""
    return member.role == Role.YOUNG_PERSON and only_a_young_person(member.user)


def only_a_young_person(user) -> bool:
    """An active account that is a young person's in every programme it is in, and no more:
    asked again when a new-password link is used, as the person may have changed since."""
    if not user.is_active or user.is_staff or user.is_superuser:
        return False
    return not Membership.objects.filter(user=user).exclude(role=Role.YOUNG_PERSON).exists()


def get_workshop(membership: Membership, workshop_id: int) -> Workshop:
    return get_object_or_404(Workshop.objects.in_programme(membership.programme_id), id=workshop_id)


def get_session(membership: Membership, session_id: int) -> Session:
    return get_object_or_404(
        Session.objects.in_programme(membership.programme_id).select_related("workshop"),
        id=session_id,
    )


def get_activity(session: Session, activity_id: int) -> Activity:
    return get_object_or_404(Activity, id=activity_id, session=session)


def get_member(membership: Membership, member_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.in_programme(membership.programme_id).select_related("user"),
        id=member_id,
    )


def may_make_pledges(membership: Membership) -> bool:
    """Pledges are the organisations' promises: the people who run the programme and the
    managers who answer for the services write them."""
    return membership.runs_or_manages
