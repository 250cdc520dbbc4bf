import pytest
from django.urls import reverse

from blueprints.models import Evidence, Idea, Prototype


def _url(name, people, *args):
    return reverse(f"blueprints:{name}", args=[people.programme.pk, *args])


def test_a_facilitator_plans_a_prototype_from_an_idea(client, people, voting):
    client.force_login(people.co_facilitator.user)
    response = client.post(
        _url("prototype-create", people, voting.global_tastes.pk),
        {
            "title": "A Friday takeaway night",
            "belief": "cooking together builds confidence",
            "with_whom": "Six care leavers",
            "where": "The hub kitchen",
            "starts_on": "2026-12-04",
            "ends_on": "2026-12-18",
            "status": "planned",
        },
    )
    prototype = Prototype.objects.get(title="A Friday takeaway night")
    assert response.url == prototype.get_absolute_url()
    assert (prototype.idea, prototype.programme, str(prototype.ends_on)) == (
        voting.global_tastes,
        people.programme,
        "2026-12-18",
    )


def test_a_test_that_ends_before_it_starts_is_refused(client, people, voting):
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("prototype-edit", people, voting.prototype.pk),
        {
            "title": "Pop-up",
            "belief": "it works",
            "starts_on": "2026-12-18",
            "ends_on": "2026-12-04",
            "status": "testing",
        },
    )
    assert response.context["form"].errors == {"ends_on": ["The test must end after it starts."]}
    voting.prototype.refresh_from_db()
    assert voting.prototype.title == "A pop-up shop for a month"


def test_any_member_adds_evidence(client, people, voting):
    client.force_login(people.young_person.user)
    client.post(
        voting.prototype.get_absolute_url(),
        {"kind": "measure", "text": "40 people came on the first Saturday"},
    )
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.text, evidence.added_by) == (
        "measure",
        "40 people came on the first Saturday",
        people.young_person,
    )


def test_the_review_records_a_decision_with_reasons(client, people, voting):
    client.force_login(people.facilitator.user)
    url = _url("prototype-decide", people, voting.prototype.pk)
    response = client.post(url, {"decision": "adopt", "reasons": ""})
    assert response.context["decision_form"].errors == {
        "reasons": ["Say why, for the people after us."]
    }
    client.post(url, {"decision": "adopt", "reasons": "Busy every weekend."})
    voting.prototype.refresh_from_db()
    assert (voting.prototype.decision, voting.prototype.status) == ("adopt", "tested")
    assert voting.prototype.decided_at is not None
    page = client.get(_url("prototype-list", people)).content.decode()
    assert "Services we can offer future care leavers" in page


def test_the_chain_shows_which_foundations_adopted_work_covers(client, people, voting):
    Idea.objects.filter(pk=voting.unique.pk).update(foundations=["voice", "people"])
    Idea.objects.filter(pk=voting.plumbers.pk).update(foundations=["family"])
    Prototype.objects.filter(pk=voting.prototype.pk).update(decision="adopt")
    client.force_login(people.young_person.user)
    response = client.get(_url("chain", people))
    assert response.context["foundations"] == [
        ("Voice", True),
        ("Family", False),
        ("Care", False),
        ("People", True),
        ("Scaffolding", False),
    ]


@pytest.mark.parametrize("count", [3, 50])
def test_chain_query_count(client, people, voting, django_assert_max_num_queries, count):
    from blueprints import services
    from personas.tests.conftest import make_journey

    card = make_journey(people).young_persons_card
    for n in range(count):
        idea = Idea.objects.create(programme=people.programme, title=f"Idea {n}", what="x")
        idea.opportunities.add(card)
        services.blueprint_create(idea=idea)
        Prototype.objects.create(
            programme=people.programme,
            idea=idea,
            title=f"P{n}",
            belief="it helps",
            decision="adopt",
        )
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(8):
        response = client.get(_url("chain", people))
    assert len(response.context["ideas"]) == count + 3


def test_a_refused_decision_does_not_look_saved(client, people, voting):
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("prototype-decide", people, voting.prototype.pk),
        {"decision": "drop", "reasons": ""},
    )
    html = response.content.decode()
    assert "What we decided" not in html
    voting.prototype.refresh_from_db()
    assert voting.prototype.decision == ""


def test_a_member_proposes_an_idea_from_an_opportunity(client, people, voting):
    from personas.tests.conftest import make_journey

    card = make_journey(people).young_persons_card
    client.force_login(people.young_person.user)
    client.post(
        _url("idea-create", people),
        {
            "title": "Hug in a Mug",
            "what": "A cuppa and a chat",
            "who_for": "Care leavers",
            "opportunities": [card.pk],
            "foundations": ["people", "care"],
        },
    )
    idea = Idea.objects.get(title="Hug in a Mug")
    assert (idea.author, idea.foundations, list(idea.opportunities.all())) == (
        people.young_person,
        ["people", "care"],
        [card],
    )


def test_an_opportunity_of_another_programme_is_refused(client, people, voting):
    from personas.tests.conftest import make_journey
    from workshops.models import Role
    from workshops.tests.factories import MembershipFactory

    theirs = people.outsider.memberships.get()
    other = type(people)(
        programme=theirs.programme,
        facilitator=theirs,
        co_facilitator=None,
        young_person=MembershipFactory(programme=theirs.programme, role=Role.YOUNG_PERSON),
        professional=MembershipFactory(programme=theirs.programme, role=Role.PROFESSIONAL),
        manager=MembershipFactory(programme=theirs.programme, role=Role.MANAGER),
        outsider=None,
    )
    foreign = make_journey(other).young_persons_card
    client.force_login(people.young_person.user)
    response = client.post(
        _url("idea-create", people),
        {"title": "Sneaky", "what": "x", "opportunities": [foreign.pk]},
    )
    assert "opportunities" in response.context["form"].errors
    assert not Idea.objects.filter(title="Sneaky").exists()


def test_making_a_blueprint_twice_gives_the_same_one(client, people, voting):
    client.force_login(people.facilitator.user)
    url = _url("blueprint-create", people, voting.unique.pk)
    assert client.post(url).url == voting.blueprint.get_absolute_url()
    assert voting.unique.blueprints.count() == 1


def test_an_htmx_request_that_must_sign_in_again_goes_to_the_whole_page(client, people, voting):
    cell = voting.blueprint.steps.first().cells.first()
    url = reverse("blueprints:cell-save", args=[people.programme.pk, voting.blueprint.pk, cell.pk])
    response = client.post(url, {"text": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == f"/accounts/login/?next={url}"
