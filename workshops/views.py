import functools

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from . import fragments, pages, services
from .access import (
    get_activity,
    get_session,
    get_workshop,
    may_make_pledges,
    may_start_programmes,
    programme_view,
)
from .forms import (
    ActivityForm,
    GlossaryTermForm,
    GroundRulesForm,
    PledgesForm,
    ProgrammeCopyForm,
    ProgrammeForm,
    SessionForm,
    WorkshopForm,
)
from .kept import kept
from .looks import looked
from .models import (
    RUNNING_ROLES,
    GlossaryTerm,
    LookKind,
    Membership,
    Method,
    Programme,
    Session,
)
from .selectors import agenda_for, language_matches
from .shortcuts import confirm_remove, next_url
from .versions import (
    Clash,
    ListClash,
    clash_context,
    list_clash_context,
    list_mark,
    save_edited,
)


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(
        pages.annotate_memberships(
            Membership.objects.filter(user=request.user)
            .select_related("programme")
            .order_by("programme__name")
        )
    )
    may_start = (
        request.user.is_staff
        or request.user.can_start_programmes
        or any(membership.runs_programme for membership in memberships)
    )
    upcoming = (
        Session.objects.upcoming()
        .filter(workshop__programme__memberships__user=request.user)
        .select_related("workshop__programme")[:10]
    )
    return render(
        request,
        "workshops/dashboard.html",
        {
            "memberships": memberships,
            "upcoming": upcoming,
            "may_start": may_start,
            **pages.parts_for(pages.DASHBOARD, memberships=memberships),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not may_start_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if form.is_valid():
        programme = services.programme_create(created_by=request.user, **form.cleaned_data)
        messages.success(request, _("Your programme is ready, with four workshops to plan."))
        return redirect(programme)
    return render(request, "workshops/programme_form.html", {"form": form})


@require_GET
@programme_view()
def programme_detail(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    workshops = programme.workshops.prefetch_related(
        Prefetch(
            "sessions",
            queryset=Session.objects.annotate(activity_count=Count("activities")),
        )
    )
    return render(
        request,
        "workshops/programme_detail.html",
        {
            "workshops": workshops,
            "ground_rules": programme.ground_rules.all(),
            "pledges": programme.pledges.all(),
            "can_pledge": may_make_pledges(membership),
            "glossary": list(programme.glossary.all()),
            "member_count": programme.memberships.count(),
            **pages.parts_for(pages.PROGRAMME, membership=membership, programme=programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def programme_edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=membership.programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(membership.programme)
    return render(
        request,
        "workshops/programme_form.html",
        {"form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True, when_closed=True)  # a new group's programme, from an ended one
def programme_copy(request: HttpRequest, membership: Membership) -> HttpResponse:
    source = membership.programme
    form = ProgrammeCopyForm(
        request.POST or None, initial={"name": _("%(name)s (copy)") % {"name": source.name}}
    )
    if form.is_valid():
        programme = services.programme_copy(
            source=source, name=form.cleaned_data["name"], copied_by=request.user
        )
        messages.success(request, _("Copied. Invite the new group when you are ready."))
        return redirect(programme)
    return render(
        request,
        "workshops/programme_copy.html",
        {"form": form},
    )


@require_GET
@programme_view()
def members(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    looked(membership, LookKind.MEMBERS)
    invitations = []
    if membership.runs_programme:
        # Expired ones stay listed so that a facilitator can make a new link.
        invitations = programme.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )
    return render(
        request,
        "workshops/members.html",
        {
            "members": programme.memberships.select_related("user"),
            "invitations": invitations,
            "now": timezone.now(),
        },
    )


def _edit_list(request: HttpRequest, *, texts, form_class, label, page, save):
    """The form of a list saved as a whole (the ground rules, the pledges), one line each,
    and what became of a save: (form, clash to show, saved). A save made over a list that
    someone changed since the form was opened is not applied (workshops/versions.py)."""
    field = next(name for name in form_class.base_fields if name != "edited_from")
    form = form_class(
        request.POST or None,
        initial={field: "\n".join(texts), "edited_from": list_mark(texts)},
    )
    if not form.is_valid():
        return form, {}, False
    try:
        save(
            texts=form.cleaned_data[field],
            seen=form.cleaned_data["edited_from"],
            keep=request.POST.get("keep", ""),
        )
    except ListClash as found:
        form, clash = list_clash_context(form, found, label=label, theirs_url=page)
        return form, clash, False
    return form, {}, True


@require_http_methods(["GET", "POST"])
# Open before agreeing to the rules as they are now: it is where they are read, and a
# facilitator's change must not be turned away because another one saved first.
@programme_view(before_ground_rules=True)
def ground_rules(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    rules = list(programme.ground_rules.all())
    form, clash = None, {}
    if membership.runs_programme:
        page = reverse("workshops:ground-rules", args=[programme.pk])
        form, clash, saved = _edit_list(
            request,
            texts=[rule.text for rule in rules],
            form_class=GroundRulesForm,
            label=_("Ground rules"),
            page=page,
            save=functools.partial(services.ground_rules_replace, membership=membership),
        )
        if saved:
            messages.success(request, _("Ground rules saved."))
            return redirect(page)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "workshops/ground_rules.html",
        {"rules": rules, "form": form, **clash},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def pledges(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What young people can expect from us: everyone reads them, managers and the people
    who run the programme write them."""
    programme = membership.programme
    pledges = list(programme.pledges.all())
    form, clash = None, {}
    if may_make_pledges(membership):
        page = reverse("workshops:pledges", args=[programme.pk])
        form, clash, saved = _edit_list(
            request,
            texts=[pledge.text for pledge in pledges],
            form_class=PledgesForm,
            label=_("Pledges"),
            page=page,
            save=functools.partial(services.pledges_replace, programme=programme),
        )
        if saved:
            messages.success(request, _("Pledges saved."))
            return redirect(page)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "workshops/pledges.html", {"pledges": pledges, "form": form, **clash})


@require_http_methods(["GET", "POST"])
@programme_view(before_ground_rules=True, when_closed=True)
def ground_rules_agree(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    after = next_url(request, default=programme.get_absolute_url())
    if request.method == "POST":
        services.ground_rules_agree(membership=membership)
        messages.success(request, _("Thank you. Welcome to the group!"))
        return redirect(after)
    return render(
        request,
        "workshops/ground_rules_agree.html",
        {
            "rules": programme.ground_rules.all(),
            "next": after,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def glossary(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    form = None
    if membership.runs_programme:
        form = GlossaryTermForm(request.POST or None, programme=programme)
        if form.is_valid():
            form.instance.programme = programme
            form.save()
            messages.success(request, _("Added “%(term)s”.") % {"term": form.instance.term})
            return redirect("workshops:glossary", programme.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "workshops/glossary.html",
        {
            "terms": programme.glossary.all(),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def glossary_edit(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    programme = membership.programme
    term = get_object_or_404(GlossaryTerm.objects.in_programme(programme), id=term_id)
    form = GlossaryTermForm(request.POST or None, instance=term, programme=programme)
    clash = {}
    if form.is_valid():
        try:
            save_edited(form)
        except Clash as found:
            form, clash = clash_context(
                form, found, reverse("workshops:glossary", args=[programme.pk])
            )
        else:
            messages.success(request, _("Saved."))
            return redirect("workshops:glossary", programme.pk)
    return render(
        request,
        "workshops/glossary_edit.html",
        {"form": form, "term": term, **clash},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def glossary_delete(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    term = get_object_or_404(GlossaryTerm.objects.in_programme(membership.programme), id=term_id)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=term.term,
            consequence=_("Its meaning will no longer be explained on the session pages."),
            cancel_url=reverse("workshops:glossary", args=[membership.programme_id]),
        )
    term.delete()
    messages.success(request, _("Removed “%(term)s”.") % {"term": term.term})
    return redirect("workshops:glossary", membership.programme_id)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def workshop_edit(request: HttpRequest, membership: Membership, workshop_id: int) -> HttpResponse:
    workshop = get_workshop(membership, workshop_id)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(membership.programme)
    return render(
        request,
        "workshops/workshop_form.html",
        {
            "form": form,
            "workshop": workshop,
        },
    )


def _agenda_context(membership: Membership, session: Session) -> dict:
    activities = session.activities.select_related("lead__user")
    return {
        "session": session,
        "agenda": agenda_for(session, activities),
        "glossary": list(membership.programme.glossary.all()),
    }


def _agenda_html(membership: Membership, session: Session, glossary: list) -> SafeString:
    """The session's agenda from the fragment cache, read from the database only when it is
    not there. Its key is the programme's content version, which every change made through
    the site moves on (workshops/middleware.py), and whether the viewer runs the programme
    (who see what was recorded on the day, and forms, whose CSRF token is the viewer's own
    and never kept)."""
    runs = membership.runs_programme
    version = membership.programme.content_version

    def context(_session: Session) -> dict:
        activities = session.activities.select_related("lead__user")
        return {
            "agenda": agenda_for(session, activities),
            "session": session,
            "glossary": glossary,
            "membership": {"runs_programme": runs},
            "programme": {"pk": membership.programme_id},
        }

    (html,) = fragments.rendered(
        [session],
        template_name="workshops/includes/_agenda.html",
        key=lambda _session: f"agenda:{session.pk}:{runs}:{version}",
        context=context,
        with_forms=runs,
    )
    return html


@require_GET
@programme_view()
def session_detail(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    programme = membership.programme
    glossary = kept(programme, "glossary", lambda: list(programme.glossary.all()))
    context = {
        "session": session,
        "glossary": glossary,
        "agenda_html": _agenda_html(membership, session, glossary),
    }
    context["personas"], context["journey_maps"] = kept(
        programme,
        f"made-in:{session.pk}",
        lambda: (list(session.personas.all()), list(session.journey_maps.all())),
    )
    if membership.runs_programme:
        context["method_options"] = kept(
            programme,
            f"method-options:{get_language()}",
            lambda: render_to_string(
                "workshops/includes/_method_options.html",
                {"methods": Method.objects.for_programme(programme.pk)},
            ),
        )
    if session.started_at or session.date == timezone.localdate():
        now = now_extras(membership, session, maps=context["journey_maps"])
        context |= run_state(membership.programme, session) | now | {"now_shown": True}
    context.update(pages.parts_for(pages.SESSION, membership=membership, session=session))
    return render(request, "workshops/session_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def session_edit(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = SessionForm(request.POST or None, instance=session)
    if form.is_valid():
        form.save()
        messages.success(request, _("Session saved."))
        return redirect(session)
    return render(
        request,
        "workshops/session_form.html",
        {
            "session": session,
            "form": form,
        },
    )


def _agenda_response(
    request: HttpRequest,
    membership: Membership,
    session: Session,
    moved_id: int | None = None,
    said: str = "moved",
    **extra,
):
    """After a change to the agenda: the agenda partial for htmx, else back to the page.

    For a move or new minutes, the partial also says where the activity is now, for screen
    readers, and marks its row.
    """
    if not request.htmx:
        return redirect(session.get_absolute_url() + (f"#activity-{moved_id}" if moved_id else ""))
    context = _agenda_context(membership, session) | extra
    items = context["agenda"].items
    for position, item in enumerate(items, start=1):
        if item.activity.pk == moved_id:
            context["changed_id"] = moved_id
            if said == "minutes":
                text = _("%(title)s is now %(minutes)s minutes, from %(time)s.")
            elif said == "added":
                text = _("Added %(title)s: %(position)s of %(count)s, at %(time)s.")
            elif said == "saved":
                text = _("Saved %(title)s: %(minutes)s minutes, from %(time)s.")
            else:
                text = _("%(title)s is now %(position)s of %(count)s, at %(time)s.")
            context["moved"] = text % {
                "title": item.activity.title,
                "minutes": item.activity.minutes,
                "position": position,
                "count": len(items),
                "time": item.starts.strftime("%H:%M"),
            }
    return render(request, "workshops/includes/_agenda.html", context)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def activity_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """Its own page; from the session page (htmx) the form opens under the agenda, and the
    agenda is sent back with the new activity marked."""
    session = get_session(membership, session_id)
    form = ActivityForm(request.POST or None, programme=membership.programme)
    if form.is_valid():
        activity = services.activity_add(session=session, **form.cleaned_data)
        if request.htmx:
            return _agenda_response(
                request, membership, session, moved_id=activity.pk, said="added", close_add=True
            )
        messages.success(request, _("Activity added."))
        return redirect(session)
    context = {"session": session, "form": form}
    if request.htmx:
        response = render(request, "workshops/includes/_activity_add.html", context)
        return reswap(retarget(response, "#activity-add"), "innerHTML")
    return render(request, "workshops/activity_form.html", context)


@require_POST
@programme_view(runs=True)
def activity_add_method(
    request: HttpRequest, membership: Membership, session_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    method_id = request.POST.get("method", "")
    methods = Method.objects.for_programme(membership.programme_id)
    method = methods.filter(pk=method_id).first() if method_id.isdigit() else None
    if method is None:
        if request.htmx:
            return HttpResponseBadRequest(_("Choose an activity from the library."))
        messages.error(request, _("Choose an activity from the library."))
        return redirect(session)
    activity = services.activity_add_from_method(session=session, method=method)
    if request.htmx:
        return _agenda_response(request, membership, session, moved_id=activity.pk, said="added")
    messages.success(request, _("Added “%(title)s”.") % {"title": method.title})
    return redirect(session)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def activity_edit(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    """Its own page; from the session page (htmx) the form opens in the activity's row, and
    the agenda is sent back with the row marked."""
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    form = ActivityForm(request.POST or None, instance=activity, programme=membership.programme)
    clash = {}
    if form.is_valid():
        try:
            save_edited(form)
        except Clash as found:
            form, clash = clash_context(form, found, session.get_absolute_url())
        else:
            if request.htmx:
                return _agenda_response(
                    request, membership, session, moved_id=activity.pk, said="saved"
                )
            messages.success(request, _("Activity saved."))
            return redirect(session)
    context = {"session": session, "form": form, "activity": activity, **clash}
    if request.htmx:
        response = render(request, "workshops/includes/_activity_edit.html", context)
        return reswap(retarget(response, f"#activity-{activity.pk}"), "innerHTML")
    return render(request, "workshops/activity_form.html", context)


@require_POST
@programme_view(runs=True)
def activity_to_library(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    """Keep an activity of the programme's own in its library, to add to other sessions."""
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    try:
        with transaction.atomic():
            services.method_from_activity(activity=activity, by=membership)
    except IntegrityError:
        messages.error(
            request,
            _(
                "Your library already has an activity called “%(title)s”. Give this one "
                "another title first."
            )
            % {"title": activity.title},
        )
        return redirect("workshops:activity-edit", membership.programme_id, session.pk, activity.pk)
    messages.success(
        request,
        _("“%(title)s” is in your library now, to add to any session of this programme.")
        % {"title": activity.title},
    )
    return redirect(session)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def activity_delete(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=activity.title,
            consequence=_("It comes off the agenda, with its instructions and materials."),
            cancel_url=session.get_absolute_url(),
        )
    activity.delete()
    removed = _("Removed “%(title)s”.") % {"title": activity.title}
    if not request.htmx:
        messages.success(request, removed)
    return _agenda_response(request, membership, session, moved=removed)


@require_POST
@programme_view(runs=True)
def activity_move(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Move an activity up or down."))
    services.activity_move(activity=activity, up=direction == "up")
    return _agenda_response(request, membership, session, moved_id=activity.pk)


@require_POST
@programme_view(runs=True)
def activity_minutes(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    """Change an activity's minutes from the agenda itself."""
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    minutes = request.POST.get("minutes", "")
    if not minutes.isdecimal() or not 1 <= int(minutes) <= 600:
        message = _("Minutes must be a whole number from 1 to 600.")
        if request.htmx:
            return HttpResponseBadRequest(message)
        messages.error(request, message)
        return redirect(session.get_absolute_url() + f"#activity-{activity.pk}")
    services.activity_minutes(activity=activity, minutes=int(minutes))
    return _agenda_response(request, membership, session, moved_id=activity.pk, said="minutes")


def run_state(programme: Programme, session: Session) -> dict:
    """What the run view, the screen and the phones show of a session's run, from one read
    of its agenda, kept until the programme or the run moves on."""
    activities = kept(
        programme,
        f"run:{session.pk}:{session.run_version}",
        lambda: list(session.activities.select_related("lead__user")),
    )
    current = next((a for a in activities if a.actual_start and not a.actual_end), None)
    upcoming = [a for a in activities if not a.actual_start]
    now = timezone.now()
    ends_at = current.ends_at() if current else None
    paused_left = None
    if current and session.paused_at:
        paused_left = max(0, int((ends_at - session.paused_at).total_seconds()))
    return {
        "session": session,
        "current": current,
        "next_activity": upcoming[0] if upcoming else None,
        "ends_at": ends_at,
        "paused_left": paused_left,
        "now": now,
        "done_count": sum(1 for a in activities if a.actual_end),
        "activity_count": len(activities),
    }


@functools.lru_cache(maxsize=64)
def _qr_code(url: str) -> str:
    """The QR code of a join address, drawn once: a code lasts for hours, and drawing it
    takes longer than the rest of the run view."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


def _run_page(request: HttpRequest, membership: Membership, session: Session, *, controls):
    code = services.join_code(session)
    join_url = request.build_absolute_uri(reverse("workshops:join-code", args=[code]))
    context = run_state(membership.programme, session) | {
        "controls": controls,
        "rules": membership.programme.ground_rules.all(),
        "join_code": code,
        "join_at": request.get_host() + reverse("workshops:join"),
        "join_qr": _qr_code(join_url),
    }
    context.update(pages.parts_for(pages.RUN, membership=membership, session=session))
    return render(request, "workshops/session_run.html", context)


@require_GET
@programme_view(runs=True)
def session_run(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    return _run_page(request, membership, get_session(membership, session_id), controls=True)


@require_GET
@programme_view(runs=True)
def session_screen(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """The run as the room sees it, for a second window on the projector: no buttons, and it
    follows the facilitator's steps."""
    return _run_page(request, membership, get_session(membership, session_id), controls=False)


@require_GET
@programme_view()
def session_now(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """The poll behind every screen that follows a run. ?v= is the run version the page
    shows: while it is current the answer is an empty 204, with no rendering. Otherwise the
    session page gets its 'now' box again, and a run view or screen (?page=run) is told to
    load itself again."""
    session = get_session(membership, session_id)
    seen = request.GET.get("v", "")
    if seen.isdecimal() and int(seen) == session.run_version:
        return HttpResponse(status=204)
    if request.GET.get("page") == "run":
        return HttpResponse(headers={"HX-Refresh": "true"})
    context = run_state(membership.programme, session) | now_extras(membership, session)
    return render(request, "workshops/includes/_now.html", context)


def now_extras(membership: Membership, session: Session, maps: list | None = None) -> dict:
    """What a member can do in the room now, for the session page's 'now' box. maps: the
    session's journey maps, where the caller has read them already."""
    return {
        "now_maps": list(session.journey_maps.all()) if maps is None else maps,
        "now_votes": kept(
            membership.programme,
            "open-votes",
            lambda: list(membership.programme.votes.filter(closed_at__isnull=True)[:3]),
        ),
        **pages.parts_for(pages.NOW, membership=membership, session=session),
    }


def _step(request: HttpRequest, membership: Membership, session_id: int, step, **extra):
    """Take a step of a running session, from the activity the facilitator saw running."""
    session = get_session(membership, session_id)
    running = request.POST.get("running", "")
    step(session=session, from_activity_id=int(running) if running.isdecimal() else None, **extra)
    return redirect("workshops:session-run", membership.programme_id, session.pk)


@require_POST
@programme_view(runs=True)
def session_advance(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    rehearsal = request.POST.get("rehearsal") == "1"
    return _step(request, membership, session_id, services.session_advance, rehearsal=rehearsal)


@require_POST
@programme_view(runs=True)
def session_back(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    return _step(request, membership, session_id, services.session_back)


@require_POST
@programme_view(runs=True)
def session_pause(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    pause = request.POST.get("pause") == "1"
    return _step(request, membership, session_id, services.session_pause, pause=pause)


@require_POST
@programme_view(runs=True)
def session_more_time(
    request: HttpRequest, membership: Membership, session_id: int
) -> HttpResponse:
    return _step(request, membership, session_id, services.session_more_time)


JOIN_TRIES = 10  # wrong codes a person may type ...
# ... and an address: a room's phones on the venue's wifi share one, so it allows more.
JOIN_TRIES_PER_ADDRESS = 60
JOIN_TRIES_SECONDS = 15 * 60  # in this long


def _join_tries_limits(request: HttpRequest) -> dict[str, int]:
    address = request.META.get("REMOTE_ADDR", "")
    return {
        f"join-tries:user:{request.user.pk}": JOIN_TRIES,
        f"join-tries:ip:{address}": JOIN_TRIES_PER_ADDRESS,
    }


def _join_tries_used_up(request: HttpRequest) -> bool:
    limits = _join_tries_limits(request)
    tries = cache.get_many(list(limits))
    return any(count >= limits[key] for key, count in tries.items())


def _join_tried_wrong(request: HttpRequest) -> None:
    for key in _join_tries_limits(request):
        cache.add(key, 0, JOIN_TRIES_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # gone between add and incr
            cache.set(key, 1, JOIN_TRIES_SECONDS)


@require_http_methods(["GET", "POST"])
@login_required
def join(request: HttpRequest, code: str = "") -> HttpResponse:
    """A member types the code on the projector (or scans its QR code, which opens this with
    the code in the address) and lands on the session's page. A wrong code, an old one and
    another programme's all get the same answer; wrong tries are limited."""
    form_error = None
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        if not code:
            form_error = _("Type the code you can see on the screen.")
    if code:
        if _join_tries_used_up(request):
            return render(
                request, "workshops/join.html", {"code": code, "too_many": True}, status=429
            )
        session = services.session_for_code(request.user, code[:20])
        if session is not None:
            return redirect(session.get_absolute_url() + "#now")
        _join_tried_wrong(request)
        form_error = _(
            "That code did not work. Check the code on the screen and try again, or ask the "
            "person running the session."
        )
    return render(request, "workshops/join.html", {"code": code[:20], "form_error": form_error})


@require_POST
@programme_view(runs=True)
def session_run_reset(
    request: HttpRequest, membership: Membership, session_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    services.session_reset_run(session=session)
    messages.success(request, _("The recorded times were cleared."))
    return redirect(session)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def attendance(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        services.attendance_record(session=session, present_member_ids=present)
        messages.success(request, _("Register saved."))
        return redirect("workshops:attendance", membership.programme_id, session.pk)
    present_ids = set(
        session.attendance.filter(present=True).values_list("membership_id", flat=True)
    )
    members = membership.programme.memberships.select_related("user")
    return render(
        request,
        "workshops/attendance.html",
        {
            "session": session,
            "members": members,
            "present_ids": present_ids,
            "present_count": len(present_ids),
        },
    )


@require_GET
@login_required
def method_library(request: HttpRequest) -> HttpResponse:
    """The activity library, searched by any words of its titles, summaries or steps."""
    query = " ".join(request.GET.get("q", "").split())[:100]
    # The site's library, and the activities saved by the programmes this person runs.
    runs = Membership.objects.filter(user=request.user, role__in=RUNNING_ROLES)
    methods = Method.objects.filter(
        Q(programme__isnull=True) | Q(programme__in=runs.values("programme"))
    ).select_related("programme")
    for word in query.split():
        methods = methods.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(instructions__icontains=word)
        )
    return render(
        request, "workshops/method_library.html", {"methods": list(methods), "query": query}
    )


@require_POST
@programme_view()
def language_check(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What the language guide suggests for the text being typed. Nothing is stored."""
    text = " ".join(value for key, value in request.POST.items() if key != "csrfmiddlewaretoken")
    matches = language_matches(text, membership.programme.language_guide.all())
    if not matches:
        return HttpResponse("")  # an empty hint box disappears
    return render(request, "workshops/includes/_language_hint.html", {"matches": matches})
