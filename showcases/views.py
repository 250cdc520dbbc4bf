from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops.access import programme_view
from workshops.models import Membership

from . import services
from .access import get_action, may_add_actions, may_update
from .forms import ActionForm, ActionUpdateForm
from .models import Action, ActionStatus


@require_GET
@programme_view()
def action_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What the organisations said they would do, and where each one has got to: the whole
    group sees it, young people included, so they know what became of their work."""
    actions = list(
        Action.objects.filter(programme_id=membership.programme_id)
        .select_related("owner__user")
        .prefetch_related("updates")
    )
    counts = Counter(action.status for action in actions)
    return render(
        request,
        "showcases/action_list.html",
        {
            "actions": actions,
            "counts": [(label, counts[value]) for value, label in ActionStatus.choices],
            "overdue": sum(action.is_overdue for action in actions),
            "may_add": may_add_actions(membership),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def action_add(request: HttpRequest, membership: Membership) -> HttpResponse:
    if not may_add_actions(membership):
        raise PermissionDenied
    form = ActionForm(
        request.POST or None,
        programme=membership.programme,
        initial={"owner": membership, "organisation": membership.agency},
    )
    if form.is_valid():
        action = services.action_add(
            programme=membership.programme, by=membership, **form.cleaned_data
        )
        messages.success(request, _("Action added. The whole group can see it."))
        return redirect(action)
    return render(request, "showcases/action_form.html", {"form": form})


@require_GET
@programme_view()
def action_detail(request: HttpRequest, membership: Membership, action_id: int) -> HttpResponse:
    action = get_action(membership, action_id)
    updating = may_update(membership, action)
    return render(
        request,
        "showcases/action_detail.html",
        {
            "action": action,
            "updates": action.updates.select_related("by__user"),
            "form": ActionUpdateForm(initial={"status": action.status}) if updating else None,
        },
    )


@require_POST
@programme_view()
def action_update(request: HttpRequest, membership: Membership, action_id: int) -> HttpResponse:
    action = get_action(membership, action_id, updating=True)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        services.action_update(action=action, by=membership, **form.cleaned_data)
        messages.success(request, _("Update saved. The whole group can see it."))
        return redirect(action)
    return render(
        request,
        "showcases/action_detail.html",
        {"action": action, "updates": action.updates.select_related("by__user"), "form": form},
    )
