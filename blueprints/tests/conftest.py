from dataclasses import dataclass

import pytest

from blueprints import services
from blueprints.models import Blueprint, Idea, Prototype, Vote


@dataclass
class Voting:
    unique: Idea
    global_tastes: Idea
    plumbers: Idea  # proposed by the young person
    vote: Vote  # open, results hidden, 3 dots each, 2 go forward
    blueprint: Blueprint  # of Unique, with the four default steps
    prototype: Prototype  # of Unique, planned


def make_voting(people, *, hide_results=True) -> Voting:
    def idea(title, author):
        return Idea.objects.create(
            programme=people.programme, title=title, what=f"{title}, a service", author=author
        )

    unique = idea("Unique", people.facilitator)
    global_tastes = idea("Global Tastes", people.professional)
    plumbers = idea("Perfect Plumbers", people.young_person)
    vote = services.vote_open(
        programme=people.programme,
        title="Which two go forward?",
        ideas=[unique, global_tastes, plumbers],
        dots_per_member=3,
        hide_results=hide_results,
        take_forward=2,
    )
    blueprint = services.blueprint_create(idea=unique)
    return Voting(
        unique=unique,
        global_tastes=global_tastes,
        plumbers=plumbers,
        vote=vote,
        blueprint=blueprint,
        prototype=Prototype.objects.create(
            programme=people.programme,
            idea=unique,
            title="A pop-up shop for a month",
            belief="one-of-a-kind clothes will bring young people in",
        ),
    )


@pytest.fixture
def voting(people) -> Voting:
    return make_voting(people)
