import threading

import pytest
from django.db import connection
from django.urls import reverse

from blueprints import services
from blueprints.models import Dot, Idea

from .conftest import make_voting


def _dot(client, people, voting, idea, action="dot-add"):
    url = reverse(f"blueprints:{action}", args=[people.programme.pk, voting.vote.pk])
    return client.post(url, {"idea": idea.pk}, follow=True)


def _my_dots(voting, member):
    return sorted(Dot.objects.filter(vote=voting.vote, member=member).values_list("slot", "idea"))


def test_a_member_places_and_moves_their_dots(client, people, voting):
    client.force_login(people.young_person.user)
    _dot(client, people, voting, voting.unique)
    _dot(client, people, voting, voting.unique)
    page = _dot(client, people, voting, voting.global_tastes).content.decode()
    assert _my_dots(voting, people.young_person) == [
        (1, voting.unique.pk),
        (2, voting.unique.pk),
        (3, voting.global_tastes.pk),
    ]
    assert "0 dots left" in page

    refused = _dot(client, people, voting, voting.plumbers).content.decode()
    assert "You have used all your dots. Take one back to move it." in refused
    assert len(_my_dots(voting, people.young_person)) == 3

    _dot(client, people, voting, voting.unique, "dot-take-back")
    _dot(client, people, voting, voting.plumbers)
    assert _my_dots(voting, people.young_person) == [
        (1, voting.unique.pk),
        (2, voting.plumbers.pk),
        (3, voting.global_tastes.pk),
    ]


def test_no_dots_after_the_vote_closes(client, people, voting):
    services.vote_close(vote=voting.vote)
    client.force_login(people.young_person.user)
    page = _dot(client, people, voting, voting.unique).content.decode()
    assert "This vote has closed." in page
    assert not Dot.objects.exists()


def test_taking_back_a_dot_you_do_not_have_is_explained(client, people, voting):
    client.force_login(people.young_person.user)
    page = _dot(client, people, voting, voting.unique, "dot-take-back").content.decode()
    assert "You have no dot on that idea." in page


def _place(vote, member, ideas):
    for idea in ideas:
        services.dot_place(vote=vote, member=member, idea=idea)


@pytest.mark.parametrize("role", ["young_person", "professional", "manager", "facilitator"])
def test_hidden_results_reach_no_page_while_the_vote_is_open(client, people, voting, role):
    _place(voting.vote, people.professional, [voting.plumbers] * 3)
    _place(voting.vote, people.manager, [voting.plumbers, voting.unique])
    client.force_login(people.member(role).user)
    pages = [
        voting.vote.get_absolute_url(),
        reverse("blueprints:idea-list", args=[people.programme.pk]),
        voting.plumbers.get_absolute_url(),
    ]
    html = "".join(client.get(url).content.decode() for url in pages)
    assert "vote-chart" not in html
    assert "Results" not in html
    assert "Dots for each idea" not in html
    assert "Taken forward" not in html
    mine = {"professional": 3, "manager": 1}.get(role, 0)
    assert f"Your dots here: {mine}" in html  # only their own dots on Perfect Plumbers


def test_closing_shows_the_results_and_marks_the_ideas_taken_forward(client, people, voting):
    _place(voting.vote, people.professional, [voting.plumbers] * 3)
    _place(voting.vote, people.manager, [voting.unique, voting.unique, voting.global_tastes])
    _place(voting.vote, people.young_person, [voting.global_tastes])
    client.force_login(people.co_facilitator.user)
    client.post(reverse("blueprints:vote-close", args=[people.programme.pk, voting.vote.pk]))

    response = client.get(voting.vote.get_absolute_url())
    results = [(r.idea.title, r.dots, r.chosen) for r, _share in response.context["results"]]
    # A tie at two dots for the last place is not settled by which idea came first.
    assert results == [
        ("Perfect Plumbers", 3, True),
        ("Unique", 2, False),
        ("Global Tastes", 2, False),
    ]
    assert [r.tied for r, _share in response.context["results"]] == [False, True, True]
    assert set(Idea.objects.filter(taken_forward=True).values_list("title", flat=True)) == {
        "Perfect Plumbers",
    }
    html = response.content.decode()
    # The chart's words are text of the page, and each bar is its share of the longest.
    assert [share for _result, share in response.context["results"]] == [100, 67, 67]
    assert '<p class="bar-chart__label">Perfect Plumbers: 3</p>' in html
    assert '<rect class="bar-chart__bar" width="67" height="10">' in html
    assert "<td>Perfect Plumbers</td><td>3</td><td>Yes</td>" in html
    assert "<td>Global Tastes</td><td>2</td><td>Tied: to be chosen</td>" in html


def test_results_show_while_open_when_the_facilitator_chose_so(client, people):
    voting = make_voting(people, hide_results=False)
    _place(voting.vote, people.professional, [voting.unique])
    client.force_login(people.young_person.user)
    html = client.get(voting.vote.get_absolute_url()).content.decode()
    assert "Results so far" in html
    assert "<td>Unique</td><td>1</td><td>Not yet decided</td>" in html


def test_a_vote_needs_two_ideas_and_fewer_to_take_forward(client, people, voting):
    client.force_login(people.facilitator.user)
    url = reverse("blueprints:vote-create", args=[people.programme.pk])
    response = client.post(
        url, {"title": "One", "ideas": [voting.unique.pk], "dots_per_member": 3, "take_forward": 1}
    )
    assert response.context["form"].errors == {"ideas": ["Choose at least two ideas to vote on."]}
    response = client.post(
        url,
        {
            "title": "Two",
            "ideas": [voting.unique.pk, voting.plumbers.pk],
            "dots_per_member": 11,
            "take_forward": 2,
        },
    )
    assert response.context["form"].errors == {
        "dots_per_member": ["Give each person from 1 to 10 dots."],
        "take_forward": ["Take forward fewer ideas than there are in the vote."],
    }


@pytest.mark.django_db(transaction=True)
def test_dots_placed_at_the_same_moment_never_exceed_or_lose_one(people):
    """Two members click fast in two threads each, all at once: each ends with exactly their
    three dots, and every refusal is for dots used up, never a lost dot."""
    voting = make_voting(people)
    members = [people.young_person, people.professional]
    start = threading.Barrier(8)
    outcomes = []

    def click(member, idea):
        try:
            start.wait()
            services.dot_place(vote=voting.vote, member=member, idea=idea)
            outcomes.append((member.pk, "placed"))
        except services.VoteRefused as refusal:
            outcomes.append((member.pk, str(refusal)))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=click, args=(member, idea))
        for member in members
        for idea in [voting.unique, voting.plumbers, voting.global_tastes, voting.unique]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    for member in members:
        slots = sorted(Dot.objects.filter(member=member).values_list("slot", flat=True))
        assert slots == [1, 2, 3]
        theirs = [outcome for pk, outcome in outcomes if pk == member.pk]
        assert sorted(theirs) == sorted(
            ["placed"] * 3 + ["You have used all your dots. Take one back to move it."]
        )


def _without_tokens(html: str) -> str:
    import re

    # The seconds left before a page left alone signs out tick by between the two looks.
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"|data-idle-left="\d+"',
        "",
        html,
    )


@pytest.mark.parametrize("role", ["young_person", "facilitator"])
def test_other_peoples_dots_change_nothing_a_member_can_see(client, people, voting, role):
    """While results are hidden, every page a member can fetch is the same before and after
    other people vote."""
    client.force_login(people.member(role).user)
    pages = [
        voting.vote.get_absolute_url(),
        reverse("blueprints:idea-list", args=[people.programme.pk]),
        voting.plumbers.get_absolute_url(),
        reverse("blueprints:chain", args=[people.programme.pk]),
    ]
    before = [_without_tokens(client.get(url).content.decode()) for url in pages]
    _place(voting.vote, people.professional, [voting.plumbers] * 3)
    _place(voting.vote, people.manager, [voting.unique, voting.plumbers])
    after = [_without_tokens(client.get(url).content.decode()) for url in pages]
    if role == "facilitator":
        # Facilitators see how many people have voted, and nothing more.
        before[0] = before[0].replace("0 people have placed dots", "")
        after[0] = after[0].replace("2 people have placed dots", "")
    assert after == before


def test_a_dot_is_placed_under_a_lock_on_the_vote(people, voting, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.dot_place(vote=voting.vote, member=people.young_person, idea=voting.unique)
    locked = [q["sql"] for q in queries if "blueprints_vote" in q["sql"]]
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in sql for sql in locked), locked
    else:  # SQLite: the IMMEDIATE transaction holds the write lock from the start
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_closed_results_stay_as_they_were_on_the_day(people, voting):
    _place(voting.vote, people.professional, [voting.plumbers, voting.plumbers, voting.unique])
    _place(voting.vote, people.manager, [voting.global_tastes])
    services.vote_close(vote=voting.vote)
    services.vote_choose_at_tie(
        vote=voting.vote, member=people.facilitator, idea_ids={voting.unique.pk}
    )
    voting.unique.delete()  # Unique had been chosen at the tie with Global Tastes
    voting.vote.refresh_from_db()
    results = services.vote_results(voting.vote)
    assert [(r.idea.title, r.dots, r.chosen) for r in results] == [
        ("Perfect Plumbers", 2, True),
        ("Global Tastes", 1, False),
    ]
    services.vote_close(vote=voting.vote)  # closing again changes nothing
    assert voting.vote.results.count() == 2


def test_the_chain_shows_each_votes_own_outcome(client, people, voting):
    _place(voting.vote, people.professional, [voting.plumbers, voting.unique])
    services.vote_close(vote=voting.vote)
    second = services.vote_open(
        programme=people.programme,
        title="Second round",
        ideas=[voting.plumbers, voting.global_tastes],
        dots_per_member=1,
        hide_results=True,
        take_forward=1,
    )
    _place(second, people.manager, [voting.global_tastes])
    services.vote_close(vote=second)
    client.force_login(people.young_person.user)
    html = client.get(reverse("blueprints:chain", args=[people.programme.pk])).content.decode()
    assert "Which two go forward?</a>: taken forward (1 dot)" in html
    assert "Second round</a>: not chosen (0 dots)" in html
    assert "Second round</a>: taken forward (1 dot)" in html


def _tie(people, voting):
    """Two to go forward, and Perfect Plumbers, Unique and Global Tastes level at one dot."""
    _place(voting.vote, people.professional, [voting.unique, voting.global_tastes])
    _place(voting.vote, people.manager, [voting.plumbers])
    services.vote_close(vote=voting.vote)


def test_a_tie_at_the_cut_off_waits_for_the_facilitator_and_members_are_told(
    client, people, voting
):
    _tie(people, voting)
    assert not Idea.objects.filter(taken_forward=True).exists()
    client.force_login(people.young_person.user)
    html = client.get(voting.vote.get_absolute_url()).content.decode()
    assert "the vote did not decide between them. There are 2 places left." in html
    assert "The facilitator will choose with the group." in html
    assert "Which tied ideas go forward?" not in html
    choose = reverse("blueprints:vote-choose-at-tie", args=[people.programme.pk, voting.vote.pk])
    assert client.post(choose, {"idea": [voting.unique.pk]}).status_code == 403


def test_the_facilitator_chooses_at_the_tie_and_the_choice_is_recorded(client, people, voting):
    _tie(people, voting)
    client.force_login(people.facilitator.user)
    page = client.get(voting.vote.get_absolute_url())
    assert {r.idea.title for r in page.context["tied"]} == {
        "Perfect Plumbers",
        "Unique",
        "Global Tastes",
    }
    assert "Which tied ideas go forward?" in page.content.decode()
    choose = reverse("blueprints:vote-choose-at-tie", args=[people.programme.pk, voting.vote.pk])
    response = client.post(choose, {"idea": [voting.unique.pk, voting.global_tastes.pk]})
    assert response.url == f"{voting.vote.get_absolute_url()}#results-heading"

    voting.vote.refresh_from_db()
    assert voting.vote.tie_chosen_by == people.facilitator
    assert set(Idea.objects.filter(taken_forward=True).values_list("title", flat=True)) == {
        "Unique",
        "Global Tastes",
    }
    html = client.get(voting.vote.get_absolute_url()).content.decode()
    assert "Jo Mensah chose with the group which ideas went forward." in html
    assert "<td>Perfect Plumbers</td><td>1</td><td>No</td>" in html
    assert "<td>Unique</td><td>1</td><td>Yes</td>" in html

    # Made once: a second choice (from another facilitator's page, say) changes nothing.
    again = client.post(choose, {"idea": [voting.plumbers.pk]}, follow=True)
    assert "Someone has already chosen at this tie." in again.content.decode()
    assert not Idea.objects.get(pk=voting.plumbers.pk).taken_forward


@pytest.mark.parametrize("sent", [[], ["0"], ["x"], "other idea"])
def test_a_choice_at_a_tie_must_name_tied_ideas(client, people, voting, sent):
    _tie(people, voting)
    outside = services.vote_open(
        programme=people.programme,
        title="Second round",
        ideas=[voting.plumbers, voting.unique],
        dots_per_member=1,
        hide_results=True,
        take_forward=1,
    )
    if sent == "other idea":
        voting.plumbers.votes.clear()
        sent = [str(outside.pk + 1000), str(voting.plumbers.pk + 1000)]
    client.force_login(people.co_facilitator.user)
    choose = reverse("blueprints:vote-choose-at-tie", args=[people.programme.pk, voting.vote.pk])
    response = client.post(choose, {"idea": sent}, follow=True)
    assert "Choose at least one of the tied ideas." in response.content.decode()
    voting.vote.refresh_from_db()
    assert voting.vote.tie_chosen_at is None
    assert not Idea.objects.filter(taken_forward=True).exists()


def test_a_clear_result_has_no_tie_to_choose(client, people, voting):
    _place(voting.vote, people.professional, [voting.plumbers, voting.plumbers, voting.unique])
    services.vote_close(vote=voting.vote)
    results = services.vote_results(voting.vote)
    assert [(r.idea.title, r.chosen, r.tied) for r in results] == [
        ("Perfect Plumbers", True, False),
        ("Unique", True, False),
        ("Global Tastes", False, False),
    ]
    with pytest.raises(services.TieChoiceRefused):
        services.vote_choose_at_tie(
            vote=voting.vote, member=people.facilitator, idea_ids={voting.global_tastes.pk}
        )
