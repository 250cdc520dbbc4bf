from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.idle import background_poll
from workshops import fragments
from workshops.access import programme_view
from workshops.models import Membership
from workshops.presence import others_here, told
from workshops.shortcuts import poll_ask
from workshops.versions import Clash, clash_context, save_edited

from . import services
from .access import (
    get_blueprint,
    get_cell,
    get_idea,
    get_prototype,
    get_step,
    get_vote,
    get_vote_idea,
    may_change_idea,
)
from .forms import DecisionForm, EvidenceForm, IdeaForm, PrototypeForm, VoteForm
from .models import (
    Blueprint,
    Cell,
    Decision,
    Dot,
    Foundation,
    Lane,
    PrototypeStatus,
    VoteResult,
)


@require_GET
@programme_view()
def idea_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    return render(
        request,
        "blueprints/idea_list.html",
        {
            "ideas": programme.ideas.prefetch_related("opportunities"),
            "votes": programme.votes.annotate(idea_count=Count("ideas")),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def idea_edit(
    request: HttpRequest, membership: Membership, idea_id: int | None = None
) -> HttpResponse:
    """Any member proposes an idea; its author and the facilitators change it."""
    idea = get_idea(membership, idea_id, changing=True) if idea_id else None
    form = IdeaForm(request.POST or None, instance=idea, programme=membership.programme)
    clash = {}
    if form.is_valid():
        form.instance.programme = membership.programme
        if idea is None:
            form.instance.author = membership
        try:
            saved = save_edited(form)
        except Clash as found:
            form, clash = clash_context(form, found, idea.get_absolute_url())
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": saved.title})
            return redirect(saved)
    return render(
        request,
        "blueprints/idea_form.html",
        {"form": form, "idea": idea, **clash},
    )


@require_GET
@programme_view()
def idea_detail(request: HttpRequest, membership: Membership, idea_id: int) -> HttpResponse:
    idea = get_idea(membership, idea_id)
    return render(
        request,
        "blueprints/idea_detail.html",
        {
            "idea": idea,
            "opportunities": idea.opportunities.select_related("stage__journey_map"),
            "blueprints": idea.blueprints.all(),
            "prototypes": idea.prototypes.all(),
            "may_change": may_change_idea(membership, idea),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def vote_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = VoteForm(request.POST or None, programme=membership.programme)
    if form.is_valid():
        vote = services.vote_open(programme=membership.programme, **form.cleaned_data)
        messages.success(request, _("The vote is open."))
        return redirect(vote)
    return render(
        request,
        "blueprints/vote_form.html",
        {"form": form},
    )


@require_GET
@programme_view()
def vote_detail(request: HttpRequest, membership: Membership, vote_id: int) -> HttpResponse:
    vote = get_vote(membership, vote_id)
    mine = list(Dot.objects.filter(vote=vote, member=membership).values_list("idea_id", flat=True))
    dots_left = vote.dots_per_member - len(mine)
    context = {
        "vote": vote,
        "ideas": _vote_ideas(vote, list(vote.ideas.all()), mine, dots_left),
        "dots_left": dots_left,
        "voters": Dot.objects.filter(vote=vote).values("member").distinct().count(),
    }
    # While results are hidden nothing about them reaches any page, a facilitator's included.
    if vote.results_visible:
        results = services.vote_results(vote)
        most = max((result.dots for result in results), default=0) or 1
        # Each idea with its bar's length, as a share of the longest.
        context["results"] = [(result, round(result.dots / most * 100)) for result in results]
        if services.tie_to_choose(vote, results):
            context["tie_places"] = services.places_at_the_tie(vote, results)
            context["tied"] = [result for result in results if result.tied]
        elif vote.tie_chosen_at:
            context["tie_chosen_by"] = vote.tie_chosen_by
    return render(request, "blueprints/vote_detail.html", context)


def _vote_ideas(vote, ideas: list, mine: list[int], dots_left: int) -> list:
    """Each idea's row in `.html`, from the fragment cache: a row shows the idea, the
    viewer's dots on it and whether they have dots left, so members who placed alike share
    it; its forms' CSRF token is put in for each viewer."""
    place = {"programme": {"pk": vote.programme_id}, "vote": {"pk": vote.pk}}

    def key(idea) -> str:
        shown = fragments.digest(f"{idea.title}\x1f{idea.what}")
        return f"vote-idea:{vote.pk}:{idea.pk}:{shown}:{mine.count(idea.pk)}:{dots_left > 0}"

    def context(idea) -> dict:
        return {
            "idea": idea,
            "my_dots": mine.count(idea.pk),
            "dots_left": dots_left > 0,
            "open": vote.is_open,
            **place,
        }

    fragments.attach(
        ideas,
        template_name="blueprints/includes/_vote_idea.html",
        key=lambda idea: f"{key(idea)}:{vote.is_open}",
        context=context,
        with_forms=True,
    )
    return ideas


def _dot_change(request: HttpRequest, membership: Membership, vote_id: int, change):
    vote = get_vote(membership, vote_id)
    idea = get_vote_idea(vote, request.POST.get("idea", ""))
    try:
        change(vote=vote, member=membership, idea=idea)
    except services.VoteRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(f"{vote.get_absolute_url()}#idea-{idea.pk}")


@require_POST
@programme_view()
def dot_add(request: HttpRequest, membership: Membership, vote_id: int) -> HttpResponse:
    return _dot_change(request, membership, vote_id, services.dot_place)


@require_POST
@programme_view()
def dot_take_back(request: HttpRequest, membership: Membership, vote_id: int) -> HttpResponse:
    return _dot_change(request, membership, vote_id, services.dot_take_back)


@require_POST
@programme_view(runs=True)
def vote_close(request: HttpRequest, membership: Membership, vote_id: int) -> HttpResponse:
    vote = get_vote(membership, vote_id)
    services.vote_close(vote=vote)
    messages.success(request, _("The vote is closed. Here are the results."))
    return redirect(vote)


@require_POST
@programme_view(runs=True)
def vote_choose_at_tie(request: HttpRequest, membership: Membership, vote_id: int) -> HttpResponse:
    vote = get_vote(membership, vote_id)
    chosen = {int(value) for value in request.POST.getlist("idea") if value.isdecimal()}
    try:
        services.vote_choose_at_tie(vote=vote, member=membership, idea_ids=chosen)
    except services.TieChoiceRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your choice is saved. The chosen ideas go forward."))
    return redirect(f"{vote.get_absolute_url()}#results-heading")


# --- Service blueprints ---


def _cells_with_fragments(blueprint: Blueprint, cells: list) -> None:
    """Each cell's form in `.html`, from the fragment cache: it is the same for everyone but
    its CSRF token (workshops/fragments.py), so the key is what it shows."""
    labels = dict(Lane.choices)
    place = {"programme": {"pk": blueprint.programme_id}, "blueprint": {"pk": blueprint.pk}}

    def key(cell) -> str:
        shown = f"{cell.lane}\x1f{cell.step.title}\x1f{cell.text}"
        return f"cell:{cell.pk}:{cell.version}:{fragments.digest(shown)}"

    def context(cell) -> dict:
        return {"cell": cell, "step": cell.step, "lane_label": labels[cell.lane], **place}

    fragments.attach(
        cells,
        template_name="blueprints/includes/_cell.html",
        key=key,
        context=context,
        with_forms=True,
    )


def _steps_with_fragments(blueprint: Blueprint, steps: list, runs: bool) -> None:
    """Each step's column heading in `.html`, from the fragment cache; for those who run the
    programme it holds forms, whose CSRF token is put in for each viewer."""
    place = {
        "programme": {"pk": blueprint.programme_id},
        "blueprint": {"pk": blueprint.pk},
        "membership": {"runs_programme": runs},
    }
    count = len(steps)

    def key(step) -> str:
        return f"step:{step.pk}:{fragments.digest(step.title)}:{step.number}:{count}:{runs}"

    def context(step) -> dict:
        number = step.number
        return {"step": step, "number": number, "first": number == 1, "last": number == count}

    fragments.attach(
        steps,
        template_name="blueprints/includes/_step_head.html",
        key=key,
        context=lambda step: context(step) | place,
        with_forms=runs,
    )


def _blueprint_context(blueprint: Blueprint, membership: Membership) -> dict:
    steps = list(blueprint.steps.prefetch_related("cells"))
    lanes = []
    for lane, label in Lane.choices:
        row = [(step, next(c for c in step.cells.all() if c.lane == lane)) for step in steps]
        lanes.append((lane, label, row))
    cells = [cell for _lane, _label, row in lanes for _step, cell in row]
    for step in steps:
        for cell in step.cells.all():
            cell.step = step
    _cells_with_fragments(blueprint, cells)
    for number, step in enumerate(steps, start=1):
        step.number = number
    _steps_with_fragments(blueprint, steps, membership.runs_programme)
    return {
        "blueprint": blueprint,
        "steps": steps,
        "lanes": lanes,
    }


@require_POST
@programme_view(runs=True)
def blueprint_create(request: HttpRequest, membership: Membership, idea_id: int) -> HttpResponse:
    idea = get_idea(membership, idea_id)
    blueprint = services.blueprint_create(idea=idea)
    return redirect(blueprint)


@require_GET
@programme_view()
def blueprint_detail(
    request: HttpRequest, membership: Membership, blueprint_id: int
) -> HttpResponse:
    blueprint = get_blueprint(membership, blueprint_id)
    context = _blueprint_context(blueprint, membership)
    context["others"] = others_here(f"blueprint:{blueprint.pk}", membership.pk)
    return render(request, "blueprints/blueprint_detail.html", context)


# A page behind by more cells than this is told to load itself again.
CELLS_SENT = 60


@background_poll
@require_GET
@programme_view()
def blueprint_poll(request: HttpRequest, membership: Membership, blueprint_id: int) -> HttpResponse:
    """For a blueprint page polling with the version it shows: an empty 204 while nothing
    has changed; the cells others wrote since, for the page to put in place; after a change
    to the steps, a note to load the page again. Each answer says how many others are here."""
    found = Blueprint.objects.in_programme(membership.programme_id).filter(pk=blueprint_id)
    ask = poll_ask(request, found, "version", "layout_version")
    others = others_here(f"blueprint:{blueprint_id}", membership.pk)
    if ask.nothing_new:
        return told(HttpResponse(status=204), others)
    cells = []
    if ask.changes_alone:
        cells = list(
            Cell.objects.filter(
                step__blueprint_id=blueprint_id,
                changed_version__gt=ask.shown,
                changed_version__lte=ask.version,
            )[: CELLS_SENT + 1]
        )
    context = {
        "version": ask.version,
        "cells": cells,
        "reload": not ask.changes_alone or len(cells) > CELLS_SENT,
        "blueprint_url": reverse(
            "blueprints:blueprint-detail", args=[membership.programme_id, blueprint_id]
        ),
    }
    if context["reload"]:
        context["cells"] = []
    response = render(request, "blueprints/includes/_blueprint_changes.html", context)
    return told(response, others)


@require_POST
@programme_view()
def cell_save(
    request: HttpRequest, membership: Membership, blueprint_id: int, cell_id: int
) -> HttpResponse:
    """Any member writes in a cell; with htmx the cell answers in place.

    The form sends the version of the cell it started from. If someone else saved the cell
    since, nothing is written over their words: the writer is shown theirs, keeps their own in
    the box, and chooses to keep theirs, the other's, or both joined."""
    blueprint = get_blueprint(membership, blueprint_id)
    cell = get_cell(blueprint, cell_id)
    text = request.POST.get("text", "").strip()
    version = request.POST.get("version", "")
    # A choice after a clash names the version it was made against ("both:3"): the form's
    # own version stays where it was until then, so no save made meanwhile (leaving the box
    # saves it) is taken for the choice.
    keep, _colon, chosen = request.POST.get("keep", "").partition(":")
    if chosen.isdecimal():
        version = chosen
    # No version: a page from before versions. (isdecimal, not isdigit: "²" is a digit
    # that int() refuses.)
    version = int(version) if version.isdecimal() else None
    if keep == "both" and cell.text and cell.text != text:
        text = f"{cell.text}\n{text}"
    too_long = len(text) > 300
    theirs, said = None, _("Saved")
    if too_long:
        said = _("Keep a cell under 300 characters.")
    elif keep == "theirs":
        cell.refresh_from_db()
        said = _("Kept what they wrote.")
    elif not services.cell_write(cell=cell, text=text, version=version):
        theirs = cell.text
    context = {
        "cell": cell,
        "said": said,
        "error": too_long,
        "theirs": theirs,
        "replace_text": keep in ("theirs", "both") and theirs is None,
    }
    if request.htmx:
        return render(request, "blueprints/includes/_cell_answer.html", context)
    if theirs is not None:
        messages.error(
            request,
            _(
                "Someone else saved this cell while you were writing, so yours was not "
                "saved. Theirs: “%(theirs)s”. Yours: “%(yours)s”."
            )
            % {"theirs": theirs, "yours": text},
        )
    elif too_long:
        messages.error(request, said)
    return redirect(f"{blueprint.get_absolute_url()}#cell-{cell.pk}")


@require_POST
@programme_view()
def needs_save(request: HttpRequest, membership: Membership, blueprint_id: int) -> HttpResponse:
    blueprint = get_blueprint(membership, blueprint_id)
    needs = request.POST.get("needs", "")
    if len(needs) > 3000:
        messages.error(request, _("Keep the list under 3000 characters."))
    else:
        blueprint.needs = needs
        blueprint.save(update_fields=["needs"])
        messages.success(request, _("Saved what the service needs."))
    return redirect(blueprint)


@require_POST
@programme_view(runs=True)
def step_add(request: HttpRequest, membership: Membership, blueprint_id: int) -> HttpResponse:
    blueprint = get_blueprint(membership, blueprint_id)
    title = request.POST.get("title", "").strip()
    if not title or len(title) > 80:
        messages.error(request, _("Name the step in up to 80 characters."))
    else:
        services.step_add(blueprint=blueprint, title=title)
    return redirect(blueprint)


@require_POST
@programme_view(runs=True)
def step_move(
    request: HttpRequest, membership: Membership, blueprint_id: int, step_id: int
) -> HttpResponse:
    blueprint = get_blueprint(membership, blueprint_id)
    step = get_step(blueprint, step_id)
    direction = request.POST.get("direction")
    if direction not in ("left", "right"):
        return HttpResponseBadRequest(_("Move a step left or right."))
    services.step_move(step=step, left=direction == "left")
    return redirect(f"{blueprint.get_absolute_url()}#step-{step.pk}")


@require_POST
@programme_view(runs=True)
def step_delete(
    request: HttpRequest, membership: Membership, blueprint_id: int, step_id: int
) -> HttpResponse:
    blueprint = get_blueprint(membership, blueprint_id)
    step = get_step(blueprint, step_id)
    services.step_remove(step=step)
    messages.success(request, _("Removed the step “%(title)s”.") % {"title": step.title})
    return redirect(blueprint)


# --- Prototypes, the review, and the whole chain ---


@require_GET
@programme_view()
def prototype_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    prototypes = membership.programme.prototypes.select_related("idea").annotate(
        evidence_count=Count("evidence")
    )
    return render(
        request,
        "blueprints/prototype_list.html",
        {
            "prototypes": prototypes,
            "offers": [p for p in prototypes if p.decision == Decision.ADOPT],
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def prototype_edit(
    request: HttpRequest,
    membership: Membership,
    idea_id: int | None = None,
    prototype_id: int | None = None,
) -> HttpResponse:
    prototype = get_prototype(membership, prototype_id) if prototype_id else None
    idea = prototype.idea if prototype else get_idea(membership, idea_id)
    form = PrototypeForm(request.POST or None, instance=prototype)
    clash = {}
    if form.is_valid():
        form.instance.programme = membership.programme
        form.instance.idea = idea
        try:
            saved = save_edited(form)
        except Clash as found:
            form, clash = clash_context(form, found, prototype.get_absolute_url())
        else:
            messages.success(request, _("Saved the prototype."))
            return redirect(saved)
    return render(
        request,
        "blueprints/prototype_form.html",
        {
            "form": form,
            "idea": idea,
            "prototype": prototype,
            **clash,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def prototype_detail(
    request: HttpRequest, membership: Membership, prototype_id: int
) -> HttpResponse:
    """What is being tested, its evidence (any member adds to it) and the decision."""
    prototype = get_prototype(membership, prototype_id)
    form = EvidenceForm(request.POST or None)
    if form.is_valid():
        form.instance.prototype = prototype
        form.instance.added_by = membership
        form.save()
        messages.success(request, _("Added to the evidence."))
        return redirect(prototype)
    return render(
        request,
        "blueprints/prototype_detail.html",
        {
            "prototype": prototype,
            "evidence": prototype.evidence.all(),
            "evidence_form": form,
            "decision_form": DecisionForm(instance=prototype)
            if membership.runs_programme
            else None,
        },
    )


@require_POST
@programme_view(runs=True)
def prototype_decide(
    request: HttpRequest, membership: Membership, prototype_id: int
) -> HttpResponse:
    """At the review workshop: adopt, adapt or drop, and why."""
    prototype = get_prototype(membership, prototype_id)
    form = DecisionForm(request.POST, instance=get_prototype(membership, prototype_id))
    if form.is_valid():
        decided = form.save(commit=False)
        decided.status = PrototypeStatus.TESTED
        decided.decided_at = timezone.now()
        decided.save()
        messages.success(request, _("Decision recorded."))
        return redirect(prototype)
    return render(
        request,
        "blueprints/prototype_detail.html",
        {
            "prototype": prototype,
            "evidence": prototype.evidence.all(),
            "evidence_form": EvidenceForm(),
            "decision_form": form,
        },
    )


@require_GET
@programme_view()
def chain(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Opportunity, idea, vote, blueprint, prototype, decision: the whole way, per idea."""
    ideas = list(
        membership.programme.ideas.prefetch_related(
            "opportunities",
            "blueprints",
            "prototypes",
            Prefetch("vote_results", queryset=VoteResult.objects.select_related("vote")),
        )
    )
    adopted = [
        idea for idea in ideas if any(p.decision == Decision.ADOPT for p in idea.prototypes.all())
    ]
    covered = {value for idea in adopted for value in idea.foundations}
    return render(
        request,
        "blueprints/chain.html",
        {
            "ideas": ideas,
            "foundations": [(label, value in covered) for value, label in Foundation.choices],
        },
    )
