from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops.access import programme_view
from workshops.fragments import digest, rendered
from workshops.models import Membership
from workshops.shortcuts import confirm_remove

from . import fragments, services
from .access import (
    get_action,
    get_guest,
    get_link,
    get_quote,
    get_showcase,
    may_add_actions,
    may_record_showcases,
    may_update,
)
from .forms import ActionForm, ActionUpdateForm, GuestForm, LinkForm, QuoteForm, ShowcaseForm
from .models import Action, ActionStatus, Showcase, overdue

ACTIONS_PER_PAGE = 25
# A showcase's lists of who came, what they said and what they will do, a page at a time.
SHOWCASE_ROWS = 12


@require_GET
@programme_view()
def action_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What the organisations said they would do, and where each one has got to: the whole
    group sees it, young people included, so they know what became of their work."""
    actions = Action.objects.in_programme(membership.programme_id)
    # One query counts every stage and the late ones; the list itself is a page at a time.
    totals = actions.aggregate(
        late=Count("pk", filter=overdue()),
        **{value: Count("pk", filter=Q(status=value)) for value in ActionStatus.values},
    )
    paginator = Paginator(
        actions.select_related("owner__user", "showcase").prefetch_related("updates"),
        ACTIONS_PER_PAGE,
    )
    # Every action has one stage, so the counts above add up to the total, which spares the
    # paginator its own count.
    paginator.count = sum(totals[value] for value in ActionStatus.values)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "showcases/action_list.html",
        {
            "actions": fragments.with_fragments(list(page.object_list)),
            "page": page,
            "counts": [(label, totals[value]) for value, label in ActionStatus.choices],
            "overdue": totals["late"],
            "may_add": may_add_actions(membership),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def action_add(request: HttpRequest, membership: Membership) -> HttpResponse:
    if not may_add_actions(membership):
        raise PermissionDenied
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        programme=membership.programme,
        initial={
            "owner": membership,
            "organisation": membership.agency,
            "showcase": request.GET.get("showcase"),
        },
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


@require_GET
@programme_view()
def showcase_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The times the group showed its work to the people who can change services."""
    showcases = (
        Showcase.objects.in_programme(membership.programme_id)
        .annotate(
            quote_count=Count("quotes", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .prefetch_related("ideas")
    )
    return render(
        request,
        "showcases/showcase_list.html",
        {"showcases": showcases, "may_record": may_record_showcases(membership)},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def showcase_edit(
    request: HttpRequest, membership: Membership, showcase_id: int | None = None
) -> HttpResponse:
    showcase = get_showcase(membership, showcase_id) if showcase_id else None
    form = ShowcaseForm(
        request.POST if request.method == "POST" else None,
        instance=showcase,
        programme=membership.programme,
    )
    if form.is_valid():
        form.instance.programme = membership.programme
        showcase = form.save()
        messages.success(request, _("Showcase saved."))
        return redirect(showcase)
    return render(request, "showcases/showcase_form.html", {"form": form, "showcase": showcase})


def _showcase_body(request, membership, showcase, forms: dict) -> dict:
    """What the showcase's page shows below its heading: what was shown, who came, what they
    said and what they will do, each a page at a time."""

    def page(rows, name: str):
        return Paginator(rows, SHOWCASE_ROWS).get_page(request.GET.get(name))

    guests = page(showcase.guests.all(), "guests")
    quotes = page(showcase.quotes.select_related("idea"), "quotes")
    actions = page(showcase.actions.select_related("owner__user"), "actions")
    return {
        "programme": {"pk": membership.programme_id},
        "showcase": showcase,
        "guests": guests.object_list,
        "guest_page": guests,
        "links": showcase.links.all(),
        "ideas": showcase.ideas.all(),
        "prototypes": showcase.prototypes.select_related("idea"),
        "quotes": quotes.object_list,
        "quote_page": quotes,
        "actions": actions.object_list,
        "action_page": actions,
        **forms,
    }


def _showcase_page(request, membership, showcase, **forms) -> HttpResponse:
    """A page with a form someone sent back (with its errors) is drawn afresh; any other is
    kept in the fragment cache under the programme's content version, which every change
    made through the site moves on, with the pages of each list asked for and what the
    viewer may do."""
    recording = may_record_showcases(membership)
    adding = may_add_actions(membership)
    context = {"may_record": recording, "may_add_actions": adding}
    if recording:
        forms.setdefault("guest_form", GuestForm())
        forms.setdefault("link_form", LinkForm())
    if any(form.is_bound for form in forms.values()):
        body = render_to_string(
            "showcases/includes/_showcase_body.html",
            _showcase_body(request, membership, showcase, forms) | context,
            request=request,
        )
    else:
        pages = [request.GET.get(name, "")[:10] for name in ("guests", "quotes", "actions")]
        version = membership.programme.content_version
        (body,) = rendered(
            [showcase],
            template_name="showcases/includes/_showcase_body.html",
            key=lambda _showcase: (
                f"showcase:{showcase.pk}:{version}:{recording}:{adding}:{digest(repr(pages))}"
            ),
            context=lambda _showcase: (
                _showcase_body(request, membership, showcase, forms) | context
            ),
            with_forms=recording,
        )
    return render(
        request,
        "showcases/showcase_detail.html",
        {"showcase": showcase, "body_html": body, **context},
    )


@require_GET
@programme_view()
def showcase_detail(request: HttpRequest, membership: Membership, showcase_id: int) -> HttpResponse:
    return _showcase_page(request, membership, get_showcase(membership, showcase_id))


def _add_row(request, membership, showcase_id: int, form_class, form_name: str, done: str):
    """Who came and the links shown are small rows added from the showcase's own page: a bad
    one shows that page again with the message beside the form."""
    showcase = get_showcase(membership, showcase_id, changing=True)
    form = form_class(request.POST)
    if not form.is_valid():
        return _showcase_page(request, membership, showcase, **{form_name: form})
    form.instance.showcase = showcase
    form.save()
    messages.success(request, done)
    return redirect(showcase)


def _remove_row(request, membership, showcase_id: int, get_row, row_id: int, done: str):
    showcase = get_showcase(membership, showcase_id, changing=True)
    get_row(showcase, row_id).delete()
    messages.success(request, done)
    return redirect(showcase)


@require_POST
@programme_view(runs=True)
def guest_add(request: HttpRequest, membership: Membership, showcase_id: int) -> HttpResponse:
    return _add_row(
        request, membership, showcase_id, GuestForm, "guest_form", _("Added to who came.")
    )


@require_POST
@programme_view(runs=True)
def guest_remove(
    request: HttpRequest, membership: Membership, showcase_id: int, guest_id: int
) -> HttpResponse:
    return _remove_row(
        request, membership, showcase_id, get_guest, guest_id, _("Taken off who came.")
    )


@require_POST
@programme_view(runs=True)
def link_add(request: HttpRequest, membership: Membership, showcase_id: int) -> HttpResponse:
    return _add_row(request, membership, showcase_id, LinkForm, "link_form", _("Link added."))


@require_POST
@programme_view(runs=True)
def link_remove(
    request: HttpRequest, membership: Membership, showcase_id: int, link_id: int
) -> HttpResponse:
    return _remove_row(request, membership, showcase_id, get_link, link_id, _("Link removed."))


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def quote_edit(
    request: HttpRequest, membership: Membership, showcase_id: int, quote_id: int | None = None
) -> HttpResponse:
    showcase = get_showcase(membership, showcase_id, changing=True)
    quote = get_quote(showcase, quote_id) if quote_id else None
    form = QuoteForm(
        request.POST if request.method == "POST" else None, instance=quote, showcase=showcase
    )
    if form.is_valid():
        form.instance.showcase = showcase
        form.save()
        messages.success(request, _("What they said is saved."))
        return redirect(showcase)
    return render(
        request,
        "showcases/quote_form.html",
        {"form": form, "showcase": showcase, "quote": quote},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def showcase_remove(request: HttpRequest, membership: Membership, showcase_id: int) -> HttpResponse:
    showcase = get_showcase(membership, showcase_id, changing=True)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=showcase.audience,
            consequence=_(
                "Who came, the links and what they said go with it. Its actions stay on the "
                "list of actions."
            ),
            cancel_url=showcase.get_absolute_url(),
        )
    showcase.delete()
    messages.success(request, _("Showcase removed."))
    return redirect("showcases:showcase-list", membership.programme_id)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def quote_remove(
    request: HttpRequest, membership: Membership, showcase_id: int, quote_id: int
) -> HttpResponse:
    showcase = get_showcase(membership, showcase_id, changing=True)
    quote = get_quote(showcase, quote_id)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=Truncator(quote.text).words(8),
            consequence=_("What %(speaker)s said comes off the showcase and out of the pack.")
            % {"speaker": quote.speaker},
            cancel_url=showcase.get_absolute_url(),
        )
    quote.delete()
    messages.success(request, _("Quote removed."))
    return redirect(showcase)
