"""Ideas and dot votes."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Membership
from workshops.shortcuts import move_on

from .models import Blueprint, Cell, Dot, Idea, Lane, Step, Vote, VoteResult


class VoteRefused(Exception):
    """A dot that cannot be placed or taken back; the message says why, in plain words."""


@transaction.atomic
def vote_open(
    *, programme, title: str, ideas, dots_per_member: int, hide_results: bool, take_forward: int
) -> Vote:
    vote = Vote.objects.create(
        programme=programme,
        title=title,
        dots_per_member=dots_per_member,
        hide_results=hide_results,
        take_forward=take_forward,
    )
    vote.ideas.set(ideas)
    return vote


def dot_place(*, vote: Vote, member: Membership, idea: Idea) -> Dot:
    """Put one of the member's dots on an idea.

    The vote's row is locked while the free slot is found, and the database refuses a second
    dot in the same slot: two clicks at the same moment can neither exceed the dots allowed
    nor lose one. A clash on a slot is simply tried again with the next free slot.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                locked = Vote.objects.select_for_update().get(pk=vote.pk)
                if locked.closed_at is not None:
                    raise VoteRefused(_("This vote has closed."))
                if not locked.ideas.filter(pk=idea.pk).exists():
                    raise VoteRefused(_("That idea is not part of this vote."))
                used = set(
                    Dot.objects.filter(vote=locked, member=member).values_list("slot", flat=True)
                )
                free = [slot for slot in range(1, locked.dots_per_member + 1) if slot not in used]
                if not free:
                    raise VoteRefused(_("You have used all your dots. Take one back to move it."))
                return Dot.objects.create(vote=locked, member=member, idea=idea, slot=free[0])
        except IntegrityError:
            continue
    raise VoteRefused(_("Lots of people are voting at once. Please try again."))


@transaction.atomic
def dot_take_back(*, vote: Vote, member: Membership, idea: Idea) -> None:
    locked = Vote.objects.select_for_update().get(pk=vote.pk)
    if locked.closed_at is not None:
        raise VoteRefused(_("This vote has closed."))
    dot = Dot.objects.filter(vote=locked, member=member, idea=idea).order_by("-slot").first()
    if dot is None:
        raise VoteRefused(_("You have no dot on that idea."))
    dot.delete()


@dataclass(frozen=True)
class Result:
    idea: Idea
    dots: int
    chosen: bool
    tied: bool = False  # level at the cut-off: a facilitator chooses


def _count(vote: Vote) -> list[Result]:
    """Ideas by dots, most first. The ideas above the cut-off are chosen. Where ideas have
    as many dots as the last place at the cut-off, none of those level ideas is chosen by
    the order they came in: they are marked tied, for a facilitator to choose from."""
    ideas = list(vote.ideas.annotate(dot_count=Count("dots", filter=Q(dots__vote=vote))))
    ideas.sort(key=lambda idea: (-idea.dot_count, idea.created_at, idea.pk))
    last_place = ideas[vote.take_forward - 1].dot_count if len(ideas) >= vote.take_forward else 0
    first_out = ideas[vote.take_forward].dot_count if len(ideas) > vote.take_forward else -1
    tie_dots = last_place if last_place > 0 and last_place == first_out else None
    return [
        Result(
            idea=idea,
            dots=idea.dot_count,
            chosen=(
                index < vote.take_forward and idea.dot_count > 0 and idea.dot_count != tie_dots
            ),
            tied=idea.dot_count == tie_dots,
        )
        for index, idea in enumerate(ideas)
    ]


def vote_results(vote: Vote) -> list[Result]:
    """A closed vote's results as they were stored when it closed; an open vote's so far."""
    if vote.closed_at is None:
        return _count(vote)
    return [
        Result(idea=result.idea, dots=result.dots, chosen=result.chosen, tied=result.tied)
        for result in vote.results.select_related("idea")
    ]


def places_at_the_tie(vote: Vote, results: list[Result]) -> int:
    """How many of the tied ideas may go forward: the places the clear winners left."""
    clear = sum(1 for r in results if r.chosen and not r.tied)
    return max(0, vote.take_forward - clear)


def tie_to_choose(vote: Vote, results: list[Result]) -> bool:
    """Whether a closed vote waits for a facilitator to choose among tied ideas."""
    return (
        vote.closed_at is not None and vote.tie_chosen_at is None and any(r.tied for r in results)
    )


@transaction.atomic
def vote_close(*, vote: Vote) -> list[Result]:
    """Close the vote, keep its results as they stand, and mark the chosen ideas as taken
    forward; tied ideas wait for a facilitator's choice. Closing twice changes nothing."""
    locked = Vote.objects.select_for_update().get(pk=vote.pk)
    if locked.closed_at is None:
        results = _count(locked)
        VoteResult.objects.bulk_create(
            VoteResult(
                vote=locked, idea=r.idea, dots=r.dots, chosen=r.chosen, tied=r.tied, rank=rank
            )
            for rank, r in enumerate(results, start=1)
        )
        Idea.objects.filter(pk__in=[r.idea.pk for r in results if r.chosen]).update(
            taken_forward=True
        )
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
    return vote_results(locked)


class TieChoiceRefused(ValueError):
    """The choice at a tie cannot be taken; the message says why, for the facilitator."""


@transaction.atomic
def vote_choose_at_tie(*, vote: Vote, member: Membership, idea_ids: set[int]) -> None:
    """A facilitator chooses which tied ideas go forward (at least one). The choice is
    recorded with who made it, and is made once: a second choice is refused."""
    locked = Vote.objects.select_for_update().get(pk=vote.pk)
    tied = {result.idea_id: result for result in locked.results.filter(tied=True)}
    if locked.closed_at is None or not tied:
        raise TieChoiceRefused(_("There is no tie to choose at in this vote."))
    if locked.tie_chosen_at is not None:
        raise TieChoiceRefused(_("Someone has already chosen at this tie."))
    if not idea_ids or not idea_ids <= tied.keys():
        raise TieChoiceRefused(_("Choose at least one of the tied ideas."))
    VoteResult.objects.filter(vote=locked, idea_id__in=idea_ids).update(chosen=True)
    Idea.objects.filter(pk__in=idea_ids).update(taken_forward=True)
    locked.tie_chosen_by = member
    locked.tie_chosen_at = timezone.now()
    locked.save(update_fields=["tie_chosen_by", "tie_chosen_at"])


# The steps a new blueprint starts with; the group renames and adds to them.
DEFAULT_STEPS = ["Finds out about it", "First visit", "Using it", "Afterwards"]


def _cells_for(step: Step) -> list[Cell]:
    return [Cell(step=step, lane=lane) for lane in Lane.values]


@transaction.atomic
def blueprint_create(*, idea: Idea) -> Blueprint:
    """The idea's blueprint: made once, with the default steps; asked again, the same one."""
    existing = Blueprint.objects.filter(idea=idea).first()
    if existing:
        return existing
    blueprint = Blueprint.objects.create(programme_id=idea.programme_id, idea=idea)
    steps = Step.objects.bulk_create(
        Step(blueprint=blueprint, order=order, title=title)
        for order, title in enumerate(DEFAULT_STEPS)
    )
    Cell.objects.bulk_create(cell for step in steps for cell in _cells_for(step))
    return blueprint


def blueprint_changed(blueprint_id: int, *, layout: bool) -> int:
    """Move the blueprint's version on, so open pages fetch what changed; a change to its
    steps (`layout`) tells them to load it again. Call it inside the change's transaction."""
    return move_on(
        Blueprint.objects.filter(pk=blueprint_id), "version", "layout_version", redraw=layout
    )


@transaction.atomic
def step_add(*, blueprint: Blueprint, title: str) -> Step:
    last = blueprint.steps.order_by("-order").first()
    step = Step.objects.create(
        blueprint=blueprint, title=title, order=last.order + 1 if last else 0
    )
    Cell.objects.bulk_create(_cells_for(step))
    blueprint_changed(blueprint.pk, layout=True)
    return step


@transaction.atomic
def step_remove(*, step: Step) -> None:
    step.delete()
    blueprint_changed(step.blueprint_id, layout=True)


@transaction.atomic
def step_move(*, step: Step, left: bool) -> None:
    """Swap a step with its neighbour, so steps can be reordered with a keyboard."""
    steps = list(Step.objects.select_for_update().filter(blueprint_id=step.blueprint_id))
    index = next((i for i, item in enumerate(steps) if item.pk == step.pk), None)
    other = None if index is None else index - 1 if left else index + 1
    if other is None or not 0 <= other < len(steps):
        return
    steps[index], steps[other] = steps[other], steps[index]
    for order, item in enumerate(steps):
        item.order = order
    Step.objects.bulk_update(steps, ["order"])
    blueprint_changed(step.blueprint_id, layout=True)


@transaction.atomic
def cell_write(*, cell: Cell, text: str, version: int | None) -> bool:
    """Write a blueprint cell, unless someone saved it after `version`, the one the writer
    started from: then nothing is written and False comes back, so the writer can see the
    other's words beside their own and choose. One conditional update, so of two saves at
    the same moment exactly one is applied. `cell` is read again either way."""
    cells = Cell.objects.filter(pk=cell.pk)
    if version is not None:
        cells = cells.filter(version=version)
    written = cells.update(text=text, version=F("version") + 1)
    if written:
        # The cell's row is locked by the update until the end: the blueprint's version
        # comes second, as in every write here.
        blueprint_id = Step.objects.filter(pk=cell.step_id).values_list("blueprint", flat=True)
        changed = blueprint_changed(blueprint_id.get(), layout=False)
        Cell.objects.filter(pk=cell.pk).update(changed_version=changed)
    cell.refresh_from_db(fields=["text", "version", "changed_version"])
    return bool(written)
