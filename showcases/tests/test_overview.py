"""The manager's overview: only the programmes a person manages or runs, with the actions by
status and owner, the prototypes by decision and the foundations of The Promise covered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from blueprints.models import Decision, Foundation, Idea, Prototype
from showcases.models import Action, ActionStatus, Theme
from workshops.models import Membership, Programme, Role
from workshops.tests.factories import MembershipFactory, UserFactory

URL = reverse("showcases:overview")
TODAY = timezone.localdate()
LAST_WEEK = TODAY - datetime.timedelta(days=7)
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


def _action(programme, what, organisation, owner=None, status=ActionStatus.OPEN, due_on=None):
    return Action.objects.create(
        programme=programme,
        what=what,
        organisation=organisation,
        owner=owner,
        theme=Theme.IMPROVEMENT,
        status=status,
        due_on=due_on,
    )


def _idea(programme, title, foundations, taken_forward=True):
    return Idea.objects.create(
        programme=programme,
        title=title,
        what="A place to go on a Thursday.",
        foundations=foundations,
        taken_forward=taken_forward,
    )


def _prototype(idea, title, decision=""):
    return Prototype.objects.create(
        programme=idea.programme,
        idea=idea,
        title=title,
        belief="We believe a cuppa and a chat each week will help.",
        decision=decision,
    )


def _the_group_s_work(people):
    """Five actions (two late), four prototypes and four ideas in the people's programme."""
    programme = people.programme
    _action(
        programme,
        "Recruit a participation officer",
        "Social Work",
        people.manager,
        due_on=LAST_WEEK,
    )
    _action(
        programme,
        "Bring Hug in a Mug into the plan",
        "Corporate Parenting",
        people.manager,
        ActionStatus.IN_PROGRESS,
        NEXT_MONTH,
    )
    _action(
        programme,
        "Share the videos",
        "Housing",
        people.co_facilitator,
        ActionStatus.DONE,
        LAST_WEEK,
    )
    _action(programme, "Find a room at the hub", "Education", None, due_on=LAST_WEEK)
    _action(programme, "Print the leaflets", "Housing", people.professional, ActionStatus.DROPPED)
    mug = _idea(programme, "Hug in a Mug", [Foundation.VOICE, Foundation.CARE])
    buddy = _idea(programme, "Flat buddy", [Foundation.VOICE])
    _idea(programme, "Family days", [Foundation.FAMILY], taken_forward=False)
    app = _idea(programme, "An app", [])
    _prototype(mug, "Thursday drop-in", Decision.ADOPT)
    _prototype(buddy, "Buddy for a month", Decision.ADAPT)
    _prototype(mug, "Saturday drop-in")
    _prototype(app, "Paper version first")


def _riverside_work(people):
    """The outsider's own programme, with work that must never show to anyone else."""
    riverside = Programme.objects.get(name="Riverside Young Voices")
    owner = riverside.memberships.get(user=people.outsider)
    owner.agency = "Riverside Housing Trust"
    owner.save()
    _action(
        riverside,
        "Riverside secret plan",
        "Riverside Housing Trust",
        owner,
        ActionStatus.OPEN,
        LAST_WEEK,
    )
    idea = _idea(riverside, "Riverside family hub", [Foundation.FAMILY, Foundation.PEOPLE])
    _prototype(idea, "Riverside pilot", Decision.DROP)
    return riverside


def test_it_requires_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


@pytest.mark.parametrize("role", ["young_person", "professional"])
def test_it_is_not_found_for_people_who_take_part_but_neither_manage_nor_run(client, people, role):
    _the_group_s_work(people)
    client.force_login(people.member(role).user)

    response = client.get(URL)

    assert response.status_code == 404
    assert people.programme.name.encode() not in response.content


def test_it_is_not_found_for_someone_in_no_programme_staff_included(client, people):
    _the_group_s_work(people)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(URL)

    assert response.status_code == 404
    assert people.programme.name.encode() not in response.content


@pytest.mark.parametrize("role", ["manager", "facilitator", "co_facilitator"])
def test_managers_and_the_people_who_run_the_programme_see_it(client, people, role):
    client.force_login(people.member(role).user)

    response = client.get(URL)

    assert response.status_code == 200
    assert [programme for programme, _ in response.context["programmes"]] == [people.programme]
    assert response.context["waiting"] == []
    assert response.context["total"] is None


def test_it_only_answers_get(client, people):
    client.force_login(people.manager.user)

    assert client.post(URL).status_code == 405


def test_it_counts_the_actions_prototypes_and_foundations_exactly(client, people):
    _the_group_s_work(people)
    _riverside_work(people)
    client.force_login(people.manager.user)

    response = client.get(URL)

    [(programme, figures)] = response.context["programmes"]
    assert programme == people.programme
    assert figures.status_rows == [
        ("Not started", 2),
        ("In progress", 1),
        ("Done", 1),
        ("Dropped", 1),
    ]
    assert (figures.actions, figures.late) == (5, 2)
    manager, co_facilitator, professional = (
        people.manager.user.name,
        people.co_facilitator.user.name,
        people.professional.user.name,
    )
    owners = sorted(
        ((o.name, o.organisation, o.actions, o.unfinished, o.late) for o in figures.owner_rows),
        key=lambda row: (row[0] is None, row[0] or "", row[1]),
    )
    assert owners == sorted(
        [
            (manager, "Corporate Parenting", 1, 1, 0),
            (manager, "Social Work", 1, 1, 1),
            (co_facilitator, "Housing", 1, 0, 0),
            (professional, "Housing", 1, 0, 0),
            (None, "Education", 1, 1, 1),
        ],
        key=lambda row: (row[0] is None, row[0] or "", row[1]),
    )
    assert figures.owner_rows[-1].name is None
    assert figures.decision_rows == [
        ("Adopt: keep it", 1),
        ("Adapt: change it", 1),
        ("Drop: stop it", 0),
        ("Not decided yet", 2),
    ]
    assert figures.ideas_taken_forward == 3
    assert figures.foundation_rows == [
        ("Voice", 2),
        ("Family", 0),
        ("Care", 1),
        ("People", 0),
        ("Scaffolding", 0),
    ]
    assert figures.not_covered == ["Family", "People", "Scaffolding"]
    html = response.content.decode()
    assert "<strong>2 actions are late</strong>" in html
    assert "<strong>Not covered yet:</strong> Family, People, Scaffolding." in html
    assert html.count(">Not covered yet</span>") == 3
    assert "3 ideas taken forward." in html
    assert html.count('<strong class="overview-late-count">1 late</strong>') == 2
    assert "<em>No owner yet</em>" in html
    assert f'href="{reverse("showcases:action-list", args=[programme.pk])}"' in html
    assert f'href="{reverse("blueprints:prototype-list", args=[programme.pk])}"' in html


def test_a_programme_with_nothing_yet_says_so_in_words(client, people):
    client.force_login(people.manager.user)

    response = client.get(URL)

    html = response.content.decode()
    assert "No actions yet." in html
    assert "No prototypes yet." in html
    assert (
        "No ideas taken forward yet, so none of the five foundations is covered yet: "
        "Voice, Family, Care, People, Scaffolding."
    ) in html
    assert "Who owns the actions" not in html


def test_late_means_what_the_action_list_means_by_it(client, people):
    _the_group_s_work(people)
    client.force_login(people.manager.user)

    [(_, figures)] = client.get(URL).context["programmes"]

    assert figures.late == Action.objects.filter(programme=people.programme).overdue().count()


def test_nothing_from_another_programme_leaks_in(client, people):
    _the_group_s_work(people)
    riverside = _riverside_work(people)
    client.force_login(people.manager.user)

    response = client.get(URL)

    html = response.content.decode()
    for secret in (
        riverside.name,
        "Riverside secret plan",
        "Riverside Housing Trust",
        "Someone Else",
        "Riverside family hub",
        "Riverside pilot",
        reverse("showcases:action-list", args=[riverside.pk]),
    ):
        assert secret not in html
    [(_, figures)] = response.context["programmes"]
    assert (figures.actions, figures.late, figures.decisions["drop"]) == (5, 2, 0)
    assert dict(figures.foundation_rows)["Family"] == 0


def test_someone_who_runs_another_programme_sees_only_that_one(client, people):
    _the_group_s_work(people)
    riverside = _riverside_work(people)
    client.force_login(people.outsider)

    response = client.get(URL)

    [(programme, figures)] = response.context["programmes"]
    assert programme == riverside
    assert figures.status_rows == [
        ("Not started", 1),
        ("In progress", 0),
        ("Done", 0),
        ("Dropped", 0),
    ]
    assert [(o.name, o.organisation, o.late) for o in figures.owner_rows] == [
        ("Someone Else", "Riverside Housing Trust", 1)
    ]
    assert figures.decision_rows[2] == ("Drop: stop it", 1)
    html = response.content.decode()
    assert people.programme.name not in html
    assert people.manager.user.name not in html


def test_a_programme_whose_ground_rules_are_not_agreed_shows_only_its_name(client, people):
    _the_group_s_work(people)
    riverside = _riverside_work(people)
    MembershipFactory(
        programme=riverside,
        user=people.manager.user,
        role=Role.MANAGER,
        agreed_ground_rules_at=None,
    )
    client.force_login(people.manager.user)

    response = client.get(URL)

    assert [programme for programme, _ in response.context["programmes"]] == [people.programme]
    assert response.context["waiting"] == [riverside]
    assert response.context["total"] is None
    html = response.content.decode()
    agree = reverse("workshops:ground-rules-agree", args=[riverside.pk])
    assert f'<li>Riverside Young Voices: <a href="{agree}?next=%2Foverview%2F">' in html
    assert html.count("Riverside Young Voices") == 2  # the name, and the link's hidden name
    for secret in ("Riverside secret plan", "Riverside Housing Trust", "Someone Else"):
        assert secret not in html
    assert reverse("showcases:action-list", args=[riverside.pk]) not in html


def test_ground_rules_changed_since_agreeing_hide_the_figures_again(client, people):
    _the_group_s_work(people)
    people.programme.ground_rules_changed_at = timezone.now()
    people.programme.save()
    client.force_login(people.manager.user)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["programmes"] == []
    assert response.context["waiting"] == [people.programme]
    assert "actions are late" not in response.content.decode()


def test_the_totals_add_up_the_programmes_and_each_person_s_actions(client, people):
    _the_group_s_work(people)
    second = Programme.objects.create(name="Aftercare Together", organisation="Luton Council")
    MembershipFactory(programme=second, user=people.manager.user, role=Role.FACILITATOR)
    own = Membership.objects.get(programme=second, user=people.manager.user)
    _action(second, "Run the hub on Saturdays", "Social Work", own, due_on=LAST_WEEK)
    _action(second, "Write to the MP", "Social Work", None, ActionStatus.DONE)
    _prototype(_idea(second, "Home starter box", [Foundation.SCAFFOLDING]), "Box", Decision.DROP)
    client.force_login(people.manager.user)

    response = client.get(URL)

    names = [programme.name for programme, _ in response.context["programmes"]]
    assert names == ["Aftercare Together", people.programme.name]
    total = response.context["total"]
    assert total.status_rows == [
        ("Not started", 3),
        ("In progress", 1),
        ("Done", 2),
        ("Dropped", 1),
    ]
    assert (total.actions, total.late, total.prototypes) == (7, 3, 5)
    assert total.decision_rows[2] == ("Drop: stop it", 1)
    assert total.foundation_rows == [
        ("Voice", 2),
        ("Family", 0),
        ("Care", 1),
        ("People", 0),
        ("Scaffolding", 1),
    ]
    social_work = [
        (o.actions, o.unfinished, o.late)
        for o in total.owner_rows
        if (o.name, o.organisation) == (people.manager.user.name, "Social Work")
    ]
    assert social_work == [(2, 2, 2)]
    html = response.content.decode()
    assert "All 2 programmes together" in html
    assert "<strong>3 actions are late</strong>" in html


def _programmes_with_work(manager_user, count: int) -> None:
    for n in range(count):
        programme = Programme.objects.create(name=f"Programme {n:02}", organisation="A council")
        Membership.objects.create(
            programme=programme,
            user=manager_user,
            role=Role.MANAGER,
            agreed_ground_rules_at=timezone.now(),
        )
        owners = [MembershipFactory(programme=programme, role=Role.PROFESSIONAL) for _ in range(2)]
        Action.objects.bulk_create(
            Action(
                programme=programme,
                what=f"Action {n}.{i}",
                organisation=f"Agency {i % 3}",
                owner=owners[i % 2] if i % 4 else None,
                theme=Theme.TOGETHER,
                status=ActionStatus.values[i % 4],
                due_on=LAST_WEEK,
            )
            for i in range(8)
        )
        ideas = Idea.objects.bulk_create(
            Idea(
                programme=programme,
                title=f"Idea {i}",
                what="Something better.",
                foundations=[Foundation.VOICE, Foundation.values[i]],
                taken_forward=True,
            )
            for i in range(3)
        )
        Prototype.objects.bulk_create(
            Prototype(
                programme=programme,
                idea=idea,
                title=f"Test of {idea.title}",
                belief="It will help.",
                decision=["adopt", "adapt", ""][i],
            )
            for i, idea in enumerate(ideas)
        )


# Session, user, memberships, actions, prototypes, ideas.
QUERIES = 6


@pytest.mark.parametrize("count", [2, 20])
def test_the_overview_holds_a_fixed_number_of_queries(
    client, people, count, django_assert_max_num_queries
):
    user = UserFactory()
    _programmes_with_work(user, count)
    client.force_login(user)

    with django_assert_max_num_queries(QUERIES):
        response = client.get(URL)

    assert len(response.context["programmes"]) == count
    for _, figures in response.context["programmes"]:
        assert figures.status_rows == [
            ("Not started", 2),
            ("In progress", 2),
            ("Done", 2),
            ("Dropped", 2),
        ]
        assert figures.late == 4
        assert len(figures.owner_rows) == 7
        assert figures.decision_rows == [
            ("Adopt: keep it", 1),
            ("Adapt: change it", 1),
            ("Drop: stop it", 0),
            ("Not decided yet", 1),
        ]
        assert figures.foundation_rows == [
            ("Voice", 3),
            ("Family", 1),
            ("Care", 1),
            ("People", 0),
            ("Scaffolding", 0),
        ]
    total = response.context["total"]
    assert (total.actions, total.late, total.prototypes) == (8 * count, 4 * count, 3 * count)


def test_the_dashboard_offers_the_overview_only_to_those_who_may_see_it(client, people):
    dashboard = reverse("workshops:dashboard")
    link = f'href="{URL}"'
    answers = {}
    for role in ("manager", "facilitator", "co_facilitator", "young_person", "professional"):
        client.force_login(people.member(role).user)
        answers[role] = link in client.get(dashboard).content.decode()

    assert answers == {
        "manager": True,
        "facilitator": True,
        "co_facilitator": True,
        "young_person": False,
        "professional": False,
    }
