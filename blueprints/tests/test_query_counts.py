import pytest

from blueprints import services
from blueprints.models import Dot, Idea
from personas.tests.conftest import make_journey
from workshops.models import Role
from workshops.tests.factories import MembershipFactory


def _ideas(people, count):
    journey = make_journey(people)
    ideas = Idea.objects.bulk_create(
        Idea(
            programme=people.programme,
            title=f"Idea {n}",
            what="A service",
            foundations=["voice"],
            author=people.young_person,
        )
        for n in range(count)
    )
    for idea in ideas:
        idea.opportunities.add(journey.young_persons_card)
    return ideas


@pytest.mark.parametrize("count", [3, 50])
def test_idea_list_query_count(client, people, django_assert_max_num_queries, count):
    _ideas(people, count)
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(6):
        response = client.get(f"/programmes/{people.programme.pk}/ideas/")
    assert len(response.context["ideas"]) == count


@pytest.mark.parametrize("size", [(3, 2), (30, 25)])
def test_vote_page_query_count(client, people, django_assert_max_num_queries, size):
    idea_count, voters = size
    ideas = _ideas(people, idea_count)
    vote = services.vote_open(
        programme=people.programme,
        title="Pick",
        ideas=ideas,
        dots_per_member=3,
        hide_results=False,
        take_forward=2,
    )
    members = [
        MembershipFactory(programme=people.programme, role=Role.YOUNG_PERSON) for _ in range(voters)
    ]
    Dot.objects.bulk_create(
        Dot(vote=vote, member=member, idea=ideas[(n + slot) % idea_count], slot=slot)
        for n, member in enumerate(members)
        for slot in (1, 2, 3)
    )
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(8):
        response = client.get(vote.get_absolute_url())
    assert len(response.context["results"]) == idea_count
    assert sum(result.dots for result, _share in response.context["results"]) == voters * 3
