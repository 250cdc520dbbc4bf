"""Reads that span relations: the ideas, votes, blueprints and prototypes of a programme,
as the printed programme pack shows them."""

from django.db.models import Prefetch

from workshops.models import Programme

from .models import Blueprint, Idea, Prototype, Vote, VoteResult


def ideas(programme: Programme):
    return Idea.objects.in_programme(programme)


def votes_with_results(programme: Programme):
    """Each vote with the results kept when it closed, best first."""
    return Vote.objects.in_programme(programme).prefetch_related(
        Prefetch("results", queryset=VoteResult.objects.select_related("idea").order_by("rank"))
    )


def blueprints_with_cells(programme: Programme):
    return (
        Blueprint.objects.in_programme(programme)
        .select_related("idea")
        .prefetch_related("steps__cells")
        .order_by("idea__created_at", "pk")
    )


def prototypes_with_evidence(programme: Programme):
    return (
        Prototype.objects.in_programme(programme)
        .select_related("idea")
        .prefetch_related("evidence")
    )
