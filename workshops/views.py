import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from showcases.models import Action, ActionStatus
from showcases.overview import may_see_overview

from . import packs, services
from .access import (
    get_activity,
    get_pack,
    get_photo,
    get_reflection,
    get_session,
    get_workshop,
    may_get_pack,
    may_make_pledges,
    may_start_programmes,
    programme_view,
)
from .forms import (
    ActivityForm,
    CheckOutForm,
    GlossaryTermForm,
    GroundRulesForm,
    HideForm,
    LanguageSuggestionForm,
    PackRequestForm,
    PhotoEditForm,
    PhotoForm,
    PledgesForm,
    ProgrammeCopyForm,
    ProgrammeForm,
    ReflectionForm,
    ReportForm,
    SessionForm,
    WorkshopForm,
)
from .models import (
    RUNNING_ROLES,
    CheckOut,
    GlossaryTerm,
    LanguageSuggestion,
    LanguageTerm,
    Membership,
    Method,
    Pack,
    PackKind,
    Programme,
    Reflection,
    ReflectionReport,
    Session,
    SuggestionStatus,
)
from .shortcuts import confirm_remove


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    chats, reported = _waiting(OuterRef("programme"))
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("programme")
        .annotate(
            chats=Case(When(role__in=RUNNING_ROLES, then=chats), default=None),
            reported=Case(When(role__in=RUNNING_ROLES, then=reported), default=None),
        )
        .order_by("programme__name")
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
            # From the memberships already loaded: no extra query.
            "may_see_overview": may_see_overview(memberships),
        },
    )


def _waiting(programme) -> tuple[Subquery, Subquery]:
    """Counts of what waits for a programme's facilitators: people who would like someone
    to talk to, and reflections reported and not yet looked at."""

    def count(queryset):
        return Subquery(
            queryset.order_by()
            .values("session__workshop__programme")
            .annotate(count=Count("pk", distinct=True))
            .values("count")[:1]
        )

    chats = Reflection.objects.filter(
        session__workshop__programme=programme, wants_a_chat=True, chat_answered_at__isnull=True
    )
    reported = Reflection.objects.filter(
        session__workshop__programme=programme,
        hidden_at__isnull=True,
        reports__resolved_at__isnull=True,
        reports__isnull=False,
    )
    return count(chats), count(reported)


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
            **_what_happened_next(programme),
        },
    )


def _what_happened_next(programme: Programme) -> dict:
    """The latest showcase and where its actions have got to, so the group sees what became
    of its work: two queries however many actions there are."""
    counts = dict(
        Action.objects.filter(programme=programme)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    return {
        "latest_showcase": programme.showcases.first(),
        "action_total": sum(counts.values()),
        "action_counts": [
            (label, counts[value]) for value, label in ActionStatus.choices if counts.get(value)
        ],
    }


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
@programme_view(runs=True)
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


@require_http_methods(["GET", "POST"])
@programme_view()
def ground_rules(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    rules = programme.ground_rules.all()
    form = None
    if membership.runs_programme:
        form = GroundRulesForm(
            request.POST or None, initial={"rules": "\n".join(rule.text for rule in rules)}
        )
        if form.is_valid():
            services.ground_rules_replace(membership=membership, texts=form.cleaned_data["rules"])
            messages.success(request, _("Ground rules saved."))
            return redirect("workshops:ground-rules", programme.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "workshops/ground_rules.html",
        {"rules": rules, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def pledges(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What young people can expect from us: everyone reads them, managers and the people
    who run the programme write them."""
    programme = membership.programme
    pledges = programme.pledges.all()
    form = None
    if may_make_pledges(membership):
        form = PledgesForm(
            request.POST or None, initial={"pledges": "\n".join(p.text for p in pledges)}
        )
        if form.is_valid():
            services.pledges_replace(programme=programme, texts=form.cleaned_data["pledges"])
            messages.success(request, _("Pledges saved."))
            return redirect("workshops:pledges", programme.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "workshops/pledges.html", {"pledges": pledges, "form": form})


@require_http_methods(["GET", "POST"])
@programme_view(before_ground_rules=True)
def ground_rules_agree(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    next_url = request.POST.get("next") or request.GET.get("next") or programme.get_absolute_url()
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = programme.get_absolute_url()
    if request.method == "POST":
        services.ground_rules_agree(membership=membership)
        messages.success(request, _("Thank you. Welcome to the group!"))
        return redirect(next_url)
    return render(
        request,
        "workshops/ground_rules_agree.html",
        {
            "rules": programme.ground_rules.all(),
            "next": next_url,
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
    term = get_object_or_404(GlossaryTerm, id=term_id, programme=programme)
    form = GlossaryTermForm(request.POST or None, instance=term, programme=programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("workshops:glossary", programme.pk)
    return render(
        request,
        "workshops/glossary_edit.html",
        {"form": form, "term": term},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def glossary_delete(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    term = get_object_or_404(GlossaryTerm, id=term_id, programme=membership.programme)
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
        "agenda": services.agenda_for(session, activities),
        "glossary": list(membership.programme.glossary.all()),
    }


@require_GET
@programme_view()
def session_detail(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    context = _agenda_context(membership, session)
    context["personas"] = session.personas.all()
    context["journey_maps"] = session.journey_maps.all()
    if membership.runs_programme:
        context["methods"] = Method.objects.all()
    context.update(_voice_context(membership, session))
    checkout = CheckOut.objects.filter(session=session, membership=membership).first()
    context["checkout"] = checkout
    context["checkout_form"] = CheckOutForm(instance=checkout)
    context["reflection_form"] = ReflectionForm(programme_id=membership.programme_id)
    context["photo_form"] = PhotoForm()
    context["session_packs"] = [
        PackChoice(kind, session, None)
        for kind in (PackKind.HANDOUT, PackKind.HANDOUT_LARGE, PackKind.SESSION)
        if may_get_pack(membership, kind)
    ]
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
    request: HttpRequest, membership: Membership, session: Session, moved_id: int | None = None
):
    """After a change to the agenda: the agenda partial for htmx, else back to the page.

    For a move, the partial also says where the activity went, for screen readers.
    """
    if not request.htmx:
        return redirect(session)
    context = _agenda_context(membership, session)
    items = context["agenda"].items
    for position, item in enumerate(items, start=1):
        if item.activity.pk == moved_id:
            context["moved"] = _("%(title)s is now %(position)s of %(count)s, at %(time)s.") % {
                "title": item.activity.title,
                "position": position,
                "count": len(items),
                "time": item.starts.strftime("%H:%M"),
            }
    return render(request, "workshops/includes/_agenda.html", context)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def activity_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = ActivityForm(request.POST or None, programme=membership.programme)
    if form.is_valid():
        services.activity_add(session=session, **form.cleaned_data)
        messages.success(request, _("Activity added."))
        return redirect(session)
    return render(
        request,
        "workshops/activity_form.html",
        {
            "session": session,
            "form": form,
        },
    )


@require_POST
@programme_view(runs=True)
def activity_add_method(
    request: HttpRequest, membership: Membership, session_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    method_id = request.POST.get("method", "")
    method = Method.objects.filter(pk=method_id).first() if method_id.isdigit() else None
    if method is None:
        messages.error(request, _("Choose an activity from the library."))
    else:
        services.activity_add_from_method(session=session, method=method)
        messages.success(request, _("Added “%(title)s”.") % {"title": method.title})
    return redirect(session)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def activity_edit(
    request: HttpRequest, membership: Membership, session_id: int, activity_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    activity = get_activity(session, activity_id)
    form = ActivityForm(request.POST or None, instance=activity, programme=membership.programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Activity saved."))
        return redirect(session)
    return render(
        request,
        "workshops/activity_form.html",
        {
            "session": session,
            "form": form,
            "activity": activity,
        },
    )


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
    if not request.htmx:
        messages.success(request, _("Removed “%(title)s”.") % {"title": activity.title})
    return _agenda_response(request, membership, session)


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


@require_GET
@programme_view(runs=True)
def session_run(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    activities = list(session.activities.select_related("lead__user"))
    current = next((a for a in activities if a.actual_start and not a.actual_end), None)
    upcoming = [a for a in activities if not a.actual_start]
    ends_at = None
    if current:
        ends_at = current.actual_start + datetime.timedelta(minutes=current.minutes)
    return render(
        request,
        "workshops/session_run.html",
        {
            "session": session,
            "current": current,
            "next_activity": upcoming[0] if upcoming else None,
            "ends_at": ends_at,
            "now": timezone.now(),
            "done_count": sum(1 for a in activities if a.actual_end),
            "activity_count": len(activities),
            "rules": membership.programme.ground_rules.all(),
        },
    )


def _step(request: HttpRequest, membership: Membership, session_id: int, step) -> HttpResponse:
    """Move a running session on or back, from the activity the facilitator saw running."""
    session = get_session(membership, session_id)
    running = request.POST.get("running", "")
    step(session=session, from_activity_id=int(running) if running.isdigit() else None)
    return redirect("workshops:session-run", membership.programme_id, session.pk)


@require_POST
@programme_view(runs=True)
def session_advance(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    return _step(request, membership, session_id, services.session_advance)


@require_POST
@programme_view(runs=True)
def session_back(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    return _step(request, membership, session_id, services.session_back)


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
    return render(request, "workshops/method_library.html", {"methods": Method.objects.all()})


# Voice: reflections, photos and check-out answers on the session page.


def _voice_context(membership: Membership, session: Session) -> dict:
    """The session's reflections and photos as this member may see them."""
    reflections = (
        Reflection.objects.filter(session=session)
        .visible_to(membership)
        .select_related("author__user")
    )
    if membership.runs_programme:
        reflections = reflections.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        )
    reflections = list(reflections)
    for reflection in reflections:
        reflection.shown_name = reflection.name_for(membership)
        reflection.is_mine = reflection.author_id == membership.pk
    photos = session.photos.select_related("uploaded_by__user")
    return {
        "session": session,
        "reflections": reflections,
        "photos": photos,
        "voice_version": session.voice_version,
    }


def _reflection_saved(request, membership: Membership, text: str, message: str) -> None:
    messages.success(request, message)
    _language_note(request, membership, text)


def _language_note(request, membership: Membership, text: str) -> None:
    """After saving, a gentle word about any listed word; what was written stays as it is."""
    for term in services.language_matches(text, membership.programme.language_guide.all()):
        messages.info(
            request,
            _(
                "You wrote “%(avoid)s”. Many people prefer “%(instead)s”. "
                "You can change it if you like."
            )
            % {"avoid": term.avoid, "instead": term.instead},
        )


def _to_voice(session: Session, anchor: str = "reflections"):
    return redirect(f"{session.get_absolute_url()}#{anchor}")


@require_GET
@programme_view()
def session_voice(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """For the session page's polling: 204 while nothing has changed since the version shown."""
    version = (
        Session.objects.filter(pk=session_id, workshop__programme_id=membership.programme_id)
        .values_list("voice_version", flat=True)
        .first()
    )
    if version is None:
        raise Http404
    if request.GET.get("version") == str(version):
        return HttpResponse(status=204)
    session = get_session(membership, session_id)
    return render(request, "workshops/includes/_voice.html", _voice_context(membership, session))


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = ReflectionForm(request.POST or None, programme_id=membership.programme_id)
    if form.is_valid():
        services.reflection_add(session=session, author=membership, **form.cleaned_data)
        _reflection_saved(
            request,
            membership,
            form.cleaned_data["text"],
            _("Thank you. Your reflection is saved."),
        )
        return _to_voice(session)
    return render(
        request,
        "workshops/reflection_form.html",
        {"session": session, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_edit(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id, own=True)
    form = ReflectionForm(
        request.POST or None, instance=reflection, programme_id=membership.programme_id
    )
    if form.is_valid():
        services.reflection_edit(reflection=reflection, **form.cleaned_data)
        _reflection_saved(
            request, membership, form.cleaned_data["text"], _("Your reflection is saved.")
        )
        return _to_voice(session)
    return render(
        request,
        "workshops/reflection_form.html",
        {"session": session, "form": form, "reflection": reflection},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_delete(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id, own=True)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=_("your reflection"),
            consequence=_("It will be gone for good, for you and for everyone."),
            cancel_url=f"{session.get_absolute_url()}#reflections",
        )
    services.reflection_delete(reflection=reflection)
    messages.success(request, _("Your reflection is removed."))
    return _to_voice(session)


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_report(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    if reflection.author_id == membership.pk:
        raise Http404  # your own words are yours to change or remove
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.reflection_report(
            reflection=reflection, reporter=membership, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("Thank you for telling us. A facilitator will look at it soon.")
        )
        return _to_voice(session)
    return render(
        request,
        "workshops/reflection_report.html",
        {"session": session, "reflection": reflection, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def reflection_hide(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    form = HideForm(request.POST or None)
    if form.is_valid():
        services.reflection_hide(
            reflection=reflection, by=membership, reason=form.cleaned_data["hidden_reason"]
        )
        messages.success(request, _("The reflection is hidden. Its writer can still see it."))
        return _back_to(request, session)
    return render(
        request,
        "workshops/reflection_hide.html",
        {"session": session, "reflection": reflection, "form": form},
    )


def _back_to(request: HttpRequest, session: Session):
    """Back to the page the facilitator came from: the session, or what is waiting."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return _to_voice(session)


# A facilitator's one-click answers to a reflection: what each does, and what it says.
REFLECTION_ACTIONS = {
    "restore": (
        lambda reflection, by: services.reflection_restore(reflection=reflection),
        gettext_lazy("The reflection is back."),
    ),
    "keep": (
        lambda reflection, by: services.reports_dismiss(reflection=reflection),
        gettext_lazy("The reflection stays, and the reports are closed."),
    ),
    "talked": (
        lambda reflection, by: services.chat_answered(reflection=reflection, by=by),
        gettext_lazy("Marked as talked to. Thank you."),
    ),
}


@require_POST
@programme_view(runs=True)
def reflection_action(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int, action: str
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    act, said = REFLECTION_ACTIONS[action]
    act(reflection, membership)
    messages.success(request, said)
    return _back_to(request, session)


@require_GET
@programme_view(runs=True)
def attention(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What waits for the facilitators: requests for a chat, and reported reflections."""
    reflections = Reflection.objects.filter(
        session__workshop__programme_id=membership.programme_id
    ).select_related("author__user", "session__workshop")
    chats = reflections.filter(wants_a_chat=True, chat_answered_at__isnull=True).order_by(
        "created_at"
    )
    open_reports = ReflectionReport.objects.filter(resolved_at__isnull=True)
    reported = (
        reflections.filter(hidden_at__isnull=True, reports__in=open_reports)
        .distinct()
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("created_at")
    )
    return render(
        request,
        "workshops/attention.html",
        {"chats": chats, "reported": reported},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        services.photo_add(
            session=session,
            uploaded_by=membership,
            image=form.cleaned_data["upload"],
            caption=form.cleaned_data["caption"],
            alt_text=form.cleaned_data["alt_text"],
        )
        messages.success(request, _("Thank you. Your photo is added."))
        return _to_voice(session, "photos")
    return render(request, "workshops/photo_form.html", {"session": session, "form": form})


@require_GET
@programme_view()
def photo_file(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int, size: str
) -> HttpResponse:
    """Photos are never public: each one is sent through here, to members only."""
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id)
    stored = photo.thumbnail if size == "thumbnail" else photo.image
    try:
        file = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type=photo.content_type)
    # Kept briefly by the member's own browser only, so a removed photo soon goes there too.
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = "inline"
    return response


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_edit(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id, changing=True)
    form = PhotoEditForm(request.POST or None, instance=photo)
    if form.is_valid():
        services.photo_edit(photo=photo, **form.cleaned_data)
        messages.success(request, _("Photo saved."))
        return _to_voice(session, "photos")
    return render(
        request,
        "workshops/photo_form.html",
        {"session": session, "form": form, "photo": photo},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_delete(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id, changing=True)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=photo.caption or _("this photo"),
            consequence=_("The photo will be gone for good."),
            cancel_url=f"{session.get_absolute_url()}#photos",
        )
    services.photo_delete(photo=photo)
    messages.success(request, _("The photo is removed."))
    return _to_voice(session, "photos")


@require_POST
@programme_view()
def checkout(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    existing = CheckOut.objects.filter(session=session, membership=membership).first()
    form = CheckOutForm(request.POST, instance=existing)
    if form.is_valid():
        services.checkout_save(session=session, membership=membership, **form.cleaned_data)
        messages.success(request, _("Thank you for telling us how today went."))
        return _to_voice(session, "check-out")
    return render(request, "workshops/checkout_form.html", {"session": session, "form": form})


@require_GET
@programme_view(runs=True)
def feedback(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Check-out answers for each session and for the whole programme, without names."""
    checkouts = list(
        CheckOut.objects.filter(session__workshop__programme_id=membership.programme_id)
    )
    sessions = Session.objects.filter(workshop__programme_id=membership.programme_id)
    sessions = sessions.select_related("workshop")
    by_session = [
        (session, services.checkout_summary(c for c in checkouts if c.session_id == session.pk))
        for session in sessions
    ]
    only = request.GET.get("session")
    if only:
        by_session = [
            (session, summary) for session, summary in by_session if str(session.pk) == only
        ]
    return render(
        request,
        "workshops/feedback.html",
        {
            "overall": services.checkout_summary(checkouts),
            "by_session": by_session,
            "only_one": bool(only),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def language_guide(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    form = LanguageSuggestionForm(request.POST or None, programme=programme)
    if form.is_valid():
        services.language_suggest(suggested_by=membership, **form.cleaned_data)
        if membership.runs_programme:
            messages.success(request, _("The language guide is updated."))
        else:
            messages.success(request, _("Thank you. A facilitator will look at your idea."))
        return redirect("workshops:language-guide", programme.pk)
    suggestions = LanguageSuggestion.objects.filter(programme=programme).select_related(
        "term", "suggested_by__user"
    )
    if membership.runs_programme:
        suggestions = suggestions.filter(status=SuggestionStatus.OPEN)
    else:
        suggestions = suggestions.filter(suggested_by=membership)
    return render(
        request,
        "workshops/language_guide.html",
        {
            "terms": programme.language_guide.all(),
            "suggestions": suggestions,
            "form": form,
        },
    )


@require_POST
@programme_view()
def language_check(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What the language guide suggests for the text being typed. Nothing is stored."""
    text = " ".join(value for key, value in request.POST.items() if key != "csrfmiddlewaretoken")
    matches = services.language_matches(text, membership.programme.language_guide.all())
    if not matches:
        return HttpResponse("")  # an empty hint box disappears
    return render(request, "workshops/includes/_language_hint.html", {"matches": matches})


def _suggestion(membership: Membership, suggestion_id: int) -> LanguageSuggestion:
    return get_object_or_404(
        LanguageSuggestion,
        id=suggestion_id,
        programme_id=membership.programme_id,
        status=SuggestionStatus.OPEN,
    )


@require_POST
@programme_view(runs=True)
def language_accept(
    request: HttpRequest, membership: Membership, suggestion_id: int
) -> HttpResponse:
    suggestion = _suggestion(membership, suggestion_id)
    services.language_accept(suggestion=suggestion, by=membership)
    messages.success(request, _("“%(avoid)s” is in the guide.") % {"avoid": suggestion.avoid})
    return redirect("workshops:language-guide", membership.programme_id)


@require_POST
@programme_view(runs=True)
def language_decline(
    request: HttpRequest, membership: Membership, suggestion_id: int
) -> HttpResponse:
    suggestion = _suggestion(membership, suggestion_id)
    services.language_decline(suggestion=suggestion, by=membership)
    messages.success(request, _("The suggestion is not added."))
    return redirect("workshops:language-guide", membership.programme_id)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def language_delete(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    term = get_object_or_404(LanguageTerm, id=term_id, programme_id=membership.programme_id)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=term.avoid,
            consequence=_("Forms will no longer suggest another word for it."),
            cancel_url=reverse("workshops:language-guide", args=[membership.programme_id]),
        )
    term.delete()
    messages.success(request, _("Removed “%(avoid)s”.") % {"avoid": term.avoid})
    return redirect("workshops:language-guide", membership.programme_id)


# --- Printed packs ---


PACK_DESCRIPTIONS = {
    PackKind.PROGRAMME: gettext_lazy(
        "Everything the group made, workshop by workshop, with what people shared and how "
        "the sessions went. For managers and facilitators."
    ),
    PackKind.SESSION: gettext_lazy(
        "The plan for running the session: the agenda with times and who leads, "
        "notes for each activity, and what to bring."
    ),
    PackKind.HANDOUT: gettext_lazy(
        "For everyone who comes: what we will do, the ground rules, the words we use, "
        "and worksheets to fill in."
    ),
    PackKind.HANDOUT_LARGE: gettext_lazy("The same handout, in bigger print."),
}


PACK_BUTTONS = {
    PackKind.PROGRAMME: gettext_lazy("Get the programme pack"),
    PackKind.SESSION: gettext_lazy("Get the session pack"),
    PackKind.HANDOUT: gettext_lazy("Get the handout"),
    PackKind.HANDOUT_LARGE: gettext_lazy("Get the large print handout"),
}


@dataclass(frozen=True)
class PackChoice:
    kind: PackKind
    session: Session | None
    latest: Pack | None  # the last one asked for, if any

    @property
    def description(self) -> str:
        return PACK_DESCRIPTIONS[self.kind]

    @property
    def button(self) -> str:
        return PACK_BUTTONS[self.kind]


@require_GET
@programme_view()
def pack_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The packs this member may get: the programme's, and each session's."""
    kinds = [kind for kind in PackKind if may_get_pack(membership, kind)]
    latest = {}
    for pack in Pack.objects.filter(programme_id=membership.programme_id, kind__in=kinds):
        latest.setdefault((pack.kind, pack.session_id), pack)
    sessions = Session.objects.filter(
        workshop__programme_id=membership.programme_id
    ).select_related("workshop")
    return render(
        request,
        "workshops/pack_list.html",
        {
            "programme_pack": PackChoice(
                PackKind.PROGRAMME, None, latest.get((PackKind.PROGRAMME, None))
            )
            if PackKind.PROGRAMME in kinds
            else None,
            "sessions": [
                (
                    session,
                    [
                        PackChoice(kind, session, latest.get((kind, session.pk)))
                        for kind in kinds
                        if kind != PackKind.PROGRAMME
                    ],
                )
                for session in sessions
            ],
        },
    )


def _pack_file(pack: Pack) -> HttpResponse:
    try:
        file = pack.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    title = packs.title_for_pack(pack)
    response = FileResponse(
        file, as_attachment=True, filename=f"{slugify(title)}.pdf", content_type="application/pdf"
    )
    # It holds what young people said: kept by nobody's cache, not even the browser's.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@programme_view()
def pack_request(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Ask for a pack: the file at once if it is made and nothing in it has changed,
    otherwise the page that shows it being made."""
    form = PackRequestForm(request.POST, programme=membership.programme)
    if not form.is_valid():
        messages.error(request, _("That pack does not exist. Choose one from the list."))
        return redirect("workshops:pack-list", membership.programme_id)
    kind, session = form.cleaned_data["kind"], form.cleaned_data["session"]
    if not may_get_pack(membership, kind):
        raise PermissionDenied
    pack = packs.pack_request(membership=membership, kind=kind, session=session)
    if pack.is_ready:
        return _pack_file(pack)
    return redirect(pack)


@require_GET
@programme_view()
def pack_detail(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    pack = packs.pack_revive(get_pack(membership, pack_id))
    return render(request, "workshops/pack_detail.html", {"pack": pack})


# htmx stops polling when the answer has this status.
STOP_POLLING = 286


@require_GET
@programme_view()
def pack_progress(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    if not Pack.objects.filter(pk=pack_id, programme_id=membership.programme_id).exists():
        # Replaced by a newer one, or cleared when something in it was hidden.
        return render(
            request, "workshops/includes/_pack_gone.html", {"announce": True}, status=STOP_POLLING
        )
    pack = packs.pack_revive(get_pack(membership, pack_id))
    return render(
        request,
        "workshops/includes/_pack_progress.html",
        {"pack": pack, "announce": not pack.is_waiting},
        status=200 if pack.is_waiting else STOP_POLLING,
    )


@require_POST
@programme_view()
def pack_retry(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    """Try again: the same pack if nothing in it has changed, or the latest."""
    pack = get_pack(membership, pack_id)
    latest = packs.pack_request(membership=membership, kind=pack.kind, session=pack.session)
    if latest.pk == pack.pk:
        packs.pack_retry(pack=pack)
    return redirect(latest)


@require_GET
@programme_view()
def pack_download(request: HttpRequest, membership: Membership, pack_id: int) -> HttpResponse:
    pack = get_pack(membership, pack_id)
    if not pack.is_ready:
        return redirect(pack)
    # Something hidden or removed since the pack was made must not go out in it.
    if not packs.pack_is_current(pack):
        messages.info(
            request,
            _(
                "Something in this pack has changed since it was made. "
                "Ask for it again to get the latest."
            ),
        )
        return redirect("workshops:pack-list", membership.programme_id)
    return _pack_file(pack)
