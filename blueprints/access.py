"""Who may see and change the group's ideas, votes, service blueprints and prototypes. The
programme itself is checked first by workshops.access.programme_view, which every view here
goes through; the lookups below then keep to the member's programme, so anything else is 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from workshops.models import Membership

from .models import Blueprint, Cell, Idea, Prototype, Step, Vote


def may_change_idea(membership: Membership, idea: Idea) -> bool:
    """Any member proposes an idea; its author and the facilitators change it."""
    return membership.runs_or_wrote(idea.author_id)


def get_idea(membership: Membership, idea_id: int, *, changing: bool = False) -> Idea:
    """An idea of the programme; with changing=True, 403 to anyone who may not change it."""
    idea = get_object_or_404(Idea.objects.in_programme(membership.programme_id), id=idea_id)
    if changing and not may_change_idea(membership, idea):
        raise PermissionDenied
    return idea


def get_vote(membership: Membership, vote_id: int) -> Vote:
    return get_object_or_404(
        Vote.objects.in_programme(membership.programme_id).select_related("tie_chosen_by__user"),
        id=vote_id,
    )


def get_vote_idea(vote: Vote, idea_id: str) -> Idea:
    """One of the ideas in the vote, from the id a form posted (anything else is 404)."""
    return get_object_or_404(Idea, id=int(idea_id) if idea_id.isdigit() else 0, votes=vote)


def get_blueprint(membership: Membership, blueprint_id: int) -> Blueprint:
    return get_object_or_404(
        Blueprint.objects.in_programme(membership.programme_id).select_related("idea"),
        id=blueprint_id,
    )


def get_step(blueprint: Blueprint, step_id: int) -> Step:
    return get_object_or_404(Step, id=step_id, blueprint=blueprint)


def get_cell(blueprint: Blueprint, cell_id: int) -> Cell:
    return get_object_or_404(
        Cell.objects.select_related("step"), id=cell_id, step__blueprint=blueprint
    )


def get_prototype(membership: Membership, prototype_id: int) -> Prototype:
    return get_object_or_404(
        Prototype.objects.in_programme(membership.programme_id).select_related("idea"),
        id=prototype_id,
    )
