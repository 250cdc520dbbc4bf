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
