import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from codesign.idle import background_poll
from workshops import fragments
from workshops.access import programme_view
from workshops.kept import kept
from workshops.models import Feeling, Membership
from workshops.presence import others_here, told
from workshops.shortcuts import poll_ask
from workshops.versions import Clash, clash_context, save_edited

from . import selectors, services
from .access import (
    get_card,
    get_journey_map,
    get_persona,
    get_stage,
    get_timeline_event,
    get_timeline_owner,
)
from .forms import (
    CardForm,
    CardMergeForm,
    CardMoveForm,
    JourneyMapForm,
    PersonaForm,
    StageForm,
    TimelineEventForm,
    TimelineSettingsForm,
)
from .models import (
    AGES,
    Card,
    CardKind,
    CardMerge,
    EventKind,
    JourneyMap,
    Timeline,
    TimelineEvent,
)


def _shuffle_key(pk: int) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:timeline:{pk}".encode()).hexdigest()


# --- Timelines ---


@require_GET
@programme_view()
def timelines(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Everyone's shared timelines side by side, by age.

    Facilitators see what the group sees unless they ask for everything (?all=1), since this
    page is often on a projector.
    """
    as_group = not (membership.runs_programme and request.GET.get("all") == "1")
    timelines = Timeline.objects.visible_to(membership, as_group=as_group).select_related(
        "member__user"
    )
    named, unnamed = [], []
    for timeline in timelines:
        name = timeline.name_for(membership, as_group=as_group)
        (named if name else unnamed).append((timeline, name))
    # Named columns by name; unnamed ones after them, in an order that says nothing about
    # who they are (not by name, and not by when they joined).
    named.sort(key=lambda column: column[1].lower())
    unnamed.sort(key=lambda column: _shuffle_key(column[0].pk))
    columns = [(timeline, name or _("A member of the group")) for timeline, name in named + unnamed]
    return render(
        request,
        "personas/timelines.html",
        {
            "columns": columns,
            "table_html": _timeline_table(columns, membership.runs_programme) if columns else "",
            "members": membership.programme.memberships.select_related("user")
            if membership.runs_programme
            else None,
            "showing_all": not as_group,
        },
    )


EVENT_FIELDS = ("timeline_id", "pk", "age", "kind", "text", "feeling")


def _timeline_table(columns: list, runs_programme: bool) -> SafeString:
    """The table of timelines, from the fragment cache: its key is every column's name and
    events, and whether the viewer runs the programme (which shows who keeps theirs for the
    facilitators). The events are read as plain rows, enough for the key, and laid out in
    rows of ages only when the table is not in the cache."""
    events = {timeline.pk: [] for timeline, _name in columns}
    for row in TimelineEvent.objects.filter(timeline__in=list(events)).values_list(*EVENT_FIELDS):
        events[row[0]].append(row[1:])
    shown = repr(
        [
            (timeline.pk, str(name), runs_programme and timeline.visibility, events[timeline.pk])
            for timeline, name in columns
        ]
    )

    def context(_columns) -> dict:
        kinds, feelings = dict(EventKind.choices), dict(Feeling.choices)
        cells = {(timeline.pk, age): [] for timeline, _name in columns for age in AGES}
        for timeline_id, events_of_one in events.items():
            for _pk, age, kind, text, feeling in events_of_one:
                cells[timeline_id, age].append(
                    {
                        "kind": kind,
                        "kind_label": kinds[kind],
                        "text": text,
                        "feeling_label": feelings.get(feeling, ""),
                    }
                )
        rows = [(age, [cells[timeline.pk, age] for timeline, _name in columns]) for age in AGES]
        return {
            "columns": columns,
            "rows": rows,
            "membership": {"runs_programme": runs_programme},
        }

    (html,) = fragments.rendered(
        [columns],
        template_name="personas/includes/_timeline_table.html",
        key=lambda _columns: f"timelines:{runs_programme}:{fragments.digest(shown)}",
        context=context,
    )
    return html


@require_http_methods(["GET", "POST"])
@programme_view()
def timeline_edit(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    """A member's own timeline; facilitators can keep one for someone who prefers to talk."""
    member = get_timeline_owner(membership, member_id)
    timeline = services.timeline_for(member)
    settings_form = TimelineSettingsForm(instance=timeline, prefix="settings")
    event_form = TimelineEventForm(prefix="event")
    if request.method == "POST":
        if "settings-visibility" in request.POST:
            if member.pk != membership.pk:
                # Who sees a timeline, and whether with a name, is the owner's choice alone.
                raise PermissionDenied
            settings_form = TimelineSettingsForm(request.POST, instance=timeline, prefix="settings")
            if settings_form.is_valid():
                settings_form.save()
                messages.success(request, _("Saved who can see this timeline."))
                return redirect(request.path)
        else:
            event_form = TimelineEventForm(request.POST, prefix="event")
            if event_form.is_valid():
                event_form.instance.timeline = timeline
                event_form.save()
                messages.success(request, _("Added to the timeline."))
                return redirect(request.path)
    return render(
        request,
        "personas/timeline_edit.html",
        {
            "member": member,
            "timeline": timeline,
            "events": timeline.events.all(),
            "settings_form": settings_form,
            "event_form": event_form,
        },
    )


@require_POST
@programme_view()
def timeline_event_delete(
    request: HttpRequest, membership: Membership, member_id: int, event_id: int
) -> HttpResponse:
    member = get_timeline_owner(membership, member_id)
    event = get_timeline_event(member, event_id)
    event.delete()
    messages.success(request, _("Removed from the timeline."))
    return redirect("personas:timeline-edit", membership.programme_id, member.pk)


# --- Personas ---


def _inspiring_events(membership: Membership):
    return TimelineEvent.objects.filter(
        timeline__in=Timeline.objects.visible_to(membership)
    ).select_related("timeline")


@require_GET
@programme_view()
def persona_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    personas = membership.programme.personas.prefetch_related("journey_maps")
    return render(
        request,
        "personas/persona_list.html",
        {"personas": personas},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def persona_edit(
    request: HttpRequest, membership: Membership, persona_id: int | None = None
) -> HttpResponse:
    """Any member helps make the group's persona."""
    persona = get_persona(membership, persona_id) if persona_id else None
    form = PersonaForm(
        request.POST or None,
        instance=persona,
        programme=membership.programme,
        inspiring_events=_inspiring_events(membership),
        initial={"session": request.GET.get("session")},
    )
    clash = {}
    if form.is_valid():
        form.instance.programme = membership.programme
        # Links to moments the editor cannot see are not theirs to remove.
        unseen = (
            list(persona.inspired_by.exclude(pk__in=_inspiring_events(membership)))
            if persona
            else []
        )
        try:
            saved = save_edited(form)
        except Clash as found:
            form, clash = clash_context(form, found, persona.get_absolute_url())
        else:
            saved.inspired_by.add(*unseen)
            messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
            return redirect(saved)
    return render(
        request,
        "personas/persona_form.html",
        {
            "form": form,
            "persona": persona,
            **clash,
        },
    )


@require_GET
@programme_view()
def persona_detail(request: HttpRequest, membership: Membership, persona_id: int) -> HttpResponse:
    persona = get_persona(membership, persona_id)
    return render(
        request,
        "personas/persona_detail.html",
        {
            "persona": persona,
            # What the group may see, for everyone: this page goes on the projector too.
            "inspired_by": persona.inspired_by.filter(
                timeline__in=Timeline.objects.visible_to(membership, as_group=True)
            ),
            "journey_maps": persona.journey_maps.all(),
        },
    )


# --- Journey maps ---


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def map_create(request: HttpRequest, membership: Membership, persona_id: int) -> HttpResponse:
    persona = get_persona(membership, persona_id)
    form = JourneyMapForm(
        request.POST or None,
        programme=membership.programme,
        initial={
            "title": _("%(name)s's journey") % {"name": persona.name},
            "session": persona.session_id,
        },
    )
    if form.is_valid():
        journey_map = services.journey_map_create(persona=persona, **form.cleaned_data)
        return redirect(journey_map)
    return render(
        request,
        "personas/map_form.html",
        {
            "form": form,
            "persona": persona,
        },
    )


# A poll behind by more new or reworded cards than this draws the whole map again.
CHANGES_SENT = 40


def _with_fragments(cards: list[Card], membership: Membership, journey_map_id: int) -> list[Card]:
    """Give each card its rendered HTML, from the fragment cache where it can. A card looks
    the same to everyone but in two ways: its author sees "yours", and its author and the
    people who run the programme see "Change". The key names both, and the text itself."""
    runs = membership.runs_programme
    labels = dict(CardKind.choices)
    programme_id = membership.programme_id

    def viewer(card: selectors.CardShown) -> tuple[bool, bool]:
        mine = card.author_id == membership.pk
        return mine, runs or mine

    def key(card: selectors.CardShown) -> str:
        mine, changes = viewer(card)
        return (
            f"card:{card.pk}:{card.kind}:{fragments.digest(card.text)}:"
            f"{'mine' if mine else 'theirs'}:{'changes' if changes else 'reads'}"
        )

    def context(card: selectors.CardShown) -> dict:
        mine, changes = viewer(card)
        change_url = move_url = ""
        if changes:
            args = [programme_id, journey_map_id, card.pk]
            change_url = reverse("personas:card-edit", args=args)
            move_url = reverse("personas:card-move", args=args)
        return {
            "card": card,
            "kind_label": labels[card.kind],
            "mine": mine,
            "change_url": change_url,
            "move_url": move_url,
        }

    fragments.attach(cards, template_name="personas/includes/_card.html", key=key, context=context)
    return cards


def _cell(cards: list[selectors.CardShown]) -> SafeString:
    """One stage's cards of one kind, each in the box that a poll puts its new text into.
    Joined here, not in the template: a full map has hundreds of cards."""
    return mark_safe(  # noqa: S308 (each card's html is a rendered, escaped template)
        "".join(f'<div class="map-card-{card.pk:d}">{card.html}</div>' for card in cards)
    )


def _map_context(journey_map: JourneyMap, membership: Membership) -> dict:
    # The map's rows are the same for everyone, kept until the map or the programme moves on.
    stages, cards = kept(
        membership.programme,
        f"map:{journey_map.pk}:{journey_map.version}",
        lambda: (list(journey_map.stages.all()), selectors.map_cards(journey_map.pk)),
    )
    cards_of = {stage.pk: [] for stage in stages}
    for card in _with_fragments(cards, membership, journey_map.pk):
        cards_of[card.stage_id].append(card)
    cells = {
        (stage.pk, kind): _cell([card for card in cards_of[stage.pk] if card.kind == kind])
        for stage in stages
        for kind in CardKind.values
    }
    grid = [
        (kind, label, [(stage.pk, cells[stage.pk, kind]) for stage in stages])
        for kind, label in CardKind.choices
    ]
    by_stage = [
        (stage, [(kind, label, cells[stage.pk, kind]) for kind, label in CardKind.choices])
        for stage in stages
    ]
    return {
        "journey_map": journey_map,
        "stages": stages,
        "grid": grid,
        "by_stage": by_stage,
        "curve": selectors.feeling_curve(stages),
    }


@require_GET
@programme_view()
def map_detail(request: HttpRequest, membership: Membership, map_id: int) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    context = _map_context(journey_map, membership)
    context["card_form"] = CardForm(journey_map=journey_map, stages=context["stages"])
    context["others"] = others_here(f"map:{journey_map.pk}", membership.pk)
    merged = request.GET.get("merged", "")
    if membership.runs_programme and merged.isdecimal():
        # Just merged: the way back, at the top of the map.
        context["merge_to_undo"] = CardMerge.objects.filter(
            pk=int(merged), into__stage__journey_map=journey_map, undone_at__isnull=True
        ).first()
    return render(request, "personas/map_detail.html", context)


@background_poll
@require_GET
@programme_view()
def map_poll(request: HttpRequest, membership: Membership, map_id: int) -> HttpResponse:
    """For pages that poll with the version they show: 204 when nothing has changed since;
    only the new and reworded cards when that is all that changed (the page puts them in
    place); else the whole map."""
    found = JourneyMap.objects.in_programme(membership.programme_id).filter(pk=map_id)
    ask = poll_ask(request, found, "version", "layout_version")
    others = others_here(f"map:{map_id}", membership.pk)
    if ask.nothing_new:
        return told(HttpResponse(status=204), others)
    if ask.changes_alone:
        shown, version = ask.shown, ask.version
        # A room polls in step: each poller behind by the same change reads it once between them.
        changed = kept(
            membership.programme,
            f"map-changes:{map_id}:{shown}:{version}",
            lambda: selectors.map_cards(map_id, since=shown, upto=version, limit=CHANGES_SENT + 1),
        )
        if len(changed) <= CHANGES_SENT:
            context = {
                "journey_map": JourneyMap(pk=map_id, version=version),
                "changed": _with_fragments(changed, membership, map_id),
                "shown": shown,
            }
            response = render(request, "personas/includes/_map_changes.html", context)
            return told(reswap(response, "none"), others)
    journey_map = get_journey_map(membership, map_id)
    response = render(
        request, "personas/includes/_map_grid.html", _map_context(journey_map, membership)
    )
    return told(response, others)


@require_POST
@programme_view()
def card_add(request: HttpRequest, membership: Membership, map_id: int) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    form = CardForm(request.POST, journey_map=journey_map)
    if form.is_valid():
        services.card_add(author=membership, **form.cleaned_data)
        if request.htmx:
            journey_map.refresh_from_db()
            context = _map_context(journey_map, membership)
            context["added"] = _("Your card is on the map.")
            return render(request, "personas/includes/_map_grid.html", context)
        messages.success(request, _("Your card is on the map."))
        return redirect(journey_map)
    context = _map_context(journey_map, membership)
    context["card_form"] = form
    if request.htmx:
        # Show the form again, with its message and what was typed, in place of the old one.
        response = render(request, "personas/includes/_card_form.html", context)
        return reswap(retarget(response, "#card-form"), "outerHTML")
    return render(request, "personas/map_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_view()
def card_edit(
    request: HttpRequest, membership: Membership, map_id: int, card_id: int
) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    card = get_card(membership, journey_map, card_id, changing=True)
    form = CardForm(request.POST or None, instance=card, journey_map=journey_map)
    clash = {}
    if form.is_valid():
        try:
            save_edited(form, save=lambda: services.card_save(card=form.save(commit=False)))
        except Clash as found:
            form, clash = clash_context(form, found, journey_map.get_absolute_url())
        else:
            messages.success(request, _("Card saved."))
            return redirect(journey_map)
    return render(
        request,
        "personas/card_form.html",
        {
            "journey_map": journey_map,
            "card": card,
            "form": form,
            "merge_form": CardMergeForm(card=card) if membership.runs_programme else None,
            "merges": (
                list(card.merges.filter(undone_at__isnull=True))
                if membership.runs_programme
                else []
            ),
            **clash,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def card_move(
    request: HttpRequest, membership: Membership, map_id: int, card_id: int
) -> HttpResponse:
    """Put a card under another stage or kind: a page of two choices, which works by
    keyboard and on a phone; on a wide screen the map also posts here when a card is
    dragged to another box, and is sent the map again."""
    journey_map = get_journey_map(membership, map_id)
    card = get_card(membership, journey_map, card_id, changing=True)
    form = CardMoveForm(request.POST or None, card=card, journey_map=journey_map)
    if form.is_valid():
        card = services.card_move(card=card, **form.cleaned_data)
        said = _("Moved “%(text)s” to %(stage)s, as %(kind)s.") % {
            "text": card.text[:60],
            "stage": card.stage.title,
            "kind": card.get_kind_display().lower(),
        }
        if request.htmx:
            journey_map.refresh_from_db()
            context = _map_context(journey_map, membership) | {"added": said}
            return render(request, "personas/includes/_map_grid.html", context)
        messages.success(request, said)
        return redirect(journey_map)
    if request.htmx:
        # Dragged to a stage that someone has just taken off the map, say.
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return reswap(retarget(HttpResponse(escape(message)), "#map-status"), "innerHTML")
    return render(
        request,
        "personas/card_move.html",
        {"journey_map": journey_map, "card": card, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def card_merge(
    request: HttpRequest, membership: Membership, map_id: int, card_id: int
) -> HttpResponse:
    """Asks first, showing what the one card will say; the merge can be undone."""
    journey_map = get_journey_map(membership, map_id)
    card = get_card(membership, journey_map, card_id)
    form = CardMergeForm(request.POST if request.method == "POST" else request.GET, card=card)
    if not form.is_valid():
        messages.error(request, _("Choose a card on this map to merge with."))
        return redirect("personas:card-edit", membership.programme_id, journey_map.pk, card.pk)
    into = form.cleaned_data["into"]
    if request.method == "POST":
        try:
            merge = services.card_merge(card=card, into=into, by=membership)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("personas:card-edit", membership.programme_id, journey_map.pk, card.pk)
        messages.success(request, _("The two cards are now one."))
        return redirect(f"{journey_map.get_absolute_url()}?merged={merge.pk}")
    return render(
        request,
        "personas/card_merge.html",
        {
            "journey_map": journey_map,
            "card": card,
            "into": into,
            "merged": services.merged_text(card, into),
            "too_long": len(services.merged_text(card, into))
            > Card._meta.get_field("text").max_length,
        },
    )


@require_POST
@programme_view(runs=True)
def card_merge_undo(
    request: HttpRequest, membership: Membership, map_id: int, merge_id: int
) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    merge = get_object_or_404(CardMerge, pk=merge_id, into__stage__journey_map=journey_map)
    try:
        services.card_merge_undo(merge=merge)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The merge is undone: the two cards are back as they were."))
    return redirect(journey_map)


@require_POST
@programme_view()
def card_delete(
    request: HttpRequest, membership: Membership, map_id: int, card_id: int
) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    card = get_card(membership, journey_map, card_id, changing=True)
    services.card_remove(card=card)
    messages.success(request, _("Card removed."))
    return redirect(journey_map)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def stage_edit(
    request: HttpRequest, membership: Membership, map_id: int, stage_id: int | None = None
) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    stage = get_stage(journey_map, stage_id) if stage_id else None
    next_order = (max((s.order for s in journey_map.stages.all()), default=0)) + 1
    form = StageForm(
        request.POST or None,
        instance=stage,
        journey_map=journey_map,
        initial={} if stage else {"order": next_order},
    )
    clash = {}
    if form.is_valid():
        try:
            save_edited(form, save=lambda: services.stage_save(stage=form.save(commit=False)))
        except IntegrityError:  # someone took the position a moment ago
            form.add_error("order", _("Another stage has just taken that position."))
        except Clash as found:
            form, clash = clash_context(form, found, journey_map.get_absolute_url())
        else:
            messages.success(request, _("Stage saved."))
            return redirect(journey_map)
    return render(
        request,
        "personas/stage_form.html",
        {
            "journey_map": journey_map,
            "stage": stage,
            "form": form,
            **clash,
        },
    )


@require_POST
@programme_view(runs=True)
def stage_delete(
    request: HttpRequest, membership: Membership, map_id: int, stage_id: int
) -> HttpResponse:
    journey_map = get_journey_map(membership, map_id)
    stage = get_stage(journey_map, stage_id)
    services.stage_remove(stage=stage)
    messages.success(request, _("Removed the stage “%(title)s”.") % {"title": stage.title})
    return redirect(journey_map)


@require_GET
@programme_view()
def opportunities(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Every opportunity the journey maps found: what workshop 3 designs from."""
    cards = (
        Card.objects.in_programme(membership.programme_id)
        .filter(kind=CardKind.OPPORTUNITY)
        .select_related("stage__journey_map__persona")
        .order_by("stage__journey_map__title", "stage__order", "created_at")
    )
    return render(
        request,
        "personas/opportunities.html",
        {
            "cards": cards,
            "maps_url": reverse("personas:persona-list", args=[membership.programme_id]),
        },
    )
