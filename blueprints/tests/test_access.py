import pytest
from django.urls import reverse

from blueprints.models import Cell
from workshops.models import Role
from workshops.tests.factories import MembershipFactory
from workshops.tests.matrix import ROLES, client_for, expected

from .conftest import make_voting


def _ids(people, voting):
    return {
        "programme_id": people.programme.pk,
        "idea_id": voting.unique.pk,  # the facilitator's idea
        "vote_id": voting.vote.pk,
        "blueprint_id": voting.blueprint.pk,
        "step_id": voting.blueprint.steps.last().pk,
        "cell_id": voting.blueprint.steps.first().cells.first().pk,
        "prototype_id": voting.prototype.pk,
    }


URLS = {
    "blueprints:idea-list": ("programme_id", (200, 200), None),
    "blueprints:idea-create": ("programme_id", (200, 200), (200, 200)),
    "blueprints:idea-detail": ("programme_id idea_id", (200, 200), None),
    "blueprints:idea-edit": ("programme_id idea_id", (403, 200), (403, 200)),
    "blueprints:vote-create": ("programme_id", (403, 200), (403, 200)),
    "blueprints:vote-detail": ("programme_id vote_id", (200, 200), None),
    # With no idea named, placing or taking back a dot finds nothing to act on.
    "blueprints:dot-add": ("programme_id vote_id", None, (404, 404)),
    "blueprints:dot-take-back": ("programme_id vote_id", None, (404, 404)),
    "blueprints:vote-close": ("programme_id vote_id", None, (403, 302)),
    # With no idea named, a choice at a tie is refused with a message, and nothing changes.
    "blueprints:vote-choose-at-tie": ("programme_id vote_id", None, (403, 302)),
    "blueprints:blueprint-create": ("programme_id idea_id", None, (403, 302)),
    "blueprints:blueprint-detail": ("programme_id blueprint_id", (200, 200), None),
    # With no version given, a poll is sent the version and a note to load the page again.
    "blueprints:blueprint-poll": ("programme_id blueprint_id", (200, 200), None),
    "blueprints:cell-save": ("programme_id blueprint_id cell_id", None, (302, 302)),
    "blueprints:needs-save": ("programme_id blueprint_id", None, (302, 302)),
    "blueprints:step-add": ("programme_id blueprint_id", None, (403, 302)),
    # Sent with no direction, a move is refused as a bad request.
    "blueprints:step-move": ("programme_id blueprint_id step_id", None, (403, 400)),
    "blueprints:step-delete": ("programme_id blueprint_id step_id", None, (403, 302)),
    "blueprints:prototype-list": ("programme_id", (200, 200), None),
    "blueprints:prototype-create": ("programme_id idea_id", (403, 200), (403, 200)),
    "blueprints:prototype-detail": ("programme_id prototype_id", (200, 200), (200, 200)),
    "blueprints:prototype-edit": ("programme_id prototype_id", (403, 200), (403, 200)),
    "blueprints:prototype-decide": ("programme_id prototype_id", None, (403, 200)),
    "blueprints:chain": ("programme_id", (200, 200), None),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_url_answers_each_role_exactly(client, people, voting, name, role):
    arguments, get_answers, post_answers = URLS[name]
    ids = _ids(people, voting)
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client = client_for(client, people, role)
    assert client.get(url).status_code == expected(role, get_answers), ("GET", url)
    assert client.post(url).status_code == expected(role, post_answers), ("POST", url)


@pytest.mark.parametrize(
    "name", [name for name, (arguments, *_) in URLS.items() if arguments != "programme_id"]
)
def test_ids_from_another_programme_are_not_found(client, people, voting, name):
    arguments, get_answers, post_answers = URLS[name]
    other = people.outsider.memberships.get().programme
    other_people = type(people)(
        programme=other,
        facilitator=other.memberships.get(),
        co_facilitator=None,
        young_person=MembershipFactory(programme=other, role=Role.YOUNG_PERSON),
        professional=MembershipFactory(programme=other, role=Role.PROFESSIONAL),
        manager=None,
        outsider=None,
    )
    theirs = make_voting(other_people)
    ids = {**_ids(other_people, theirs), "programme_id": people.programme.pk}
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client.force_login(people.facilitator.user)
    if get_answers is not None:
        assert client.get(url).status_code == 404
    if post_answers is not None:
        assert client.post(url, {"idea": theirs.unique.pk}).status_code == 404
    theirs.vote.refresh_from_db()
    assert theirs.vote.is_open
    assert not theirs.vote.dots.exists()
    assert theirs.blueprint.steps.count() == 4
    theirs.prototype.refresh_from_db()
    assert (theirs.prototype.decision, theirs.prototype.evidence.count()) == ("", 0)
    assert not Cell.objects.filter(step__blueprint=theirs.blueprint).exclude(text="").exists()


def test_a_dot_on_another_programmes_idea_is_not_found(client, people, voting):
    other_people = type(people)(
        programme=people.outsider.memberships.get().programme,
        facilitator=people.outsider.memberships.get(),
        co_facilitator=None,
        young_person=None,
        professional=None,
        manager=None,
        outsider=None,
    )
    theirs = make_voting(other_people)
    client.force_login(people.young_person.user)
    url = reverse("blueprints:dot-add", args=[people.programme.pk, voting.vote.pk])
    assert client.post(url, {"idea": theirs.unique.pk}).status_code == 404
    assert client.post(url, {"idea": "abc"}).status_code == 404
    assert not voting.vote.dots.exists()
