import pytest
from django.urls import reverse

from blueprints import services
from blueprints.models import Blueprint, Cell, Lane, Step


def _url(name, people, voting, *extra):
    return reverse(f"blueprints:{name}", args=[people.programme.pk, voting.blueprint.pk, *extra])


def test_a_blueprint_starts_with_four_steps_of_five_lanes(people, voting):
    steps = list(voting.blueprint.steps.all())
    assert [step.title for step in steps] == [
        "Finds out about it",
        "First visit",
        "Using it",
        "Afterwards",
    ]
    assert [sorted(step.cells.values_list("lane", flat=True)) for step in steps] == [
        sorted(Lane.values)
    ] * 4


def test_any_member_writes_in_a_cell_and_htmx_answers_saved(client, people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.CUSTOMER)
    client.force_login(people.young_person.user)
    response = client.post(
        _url("cell-save", people, voting, cell.pk),
        {"text": "Sees a post from a friend"},
        headers={"HX-Request": "true"},
    )
    assert response.content.decode() == "Saved"
    cell.refresh_from_db()
    assert cell.text == "Sees a post from a friend"


def test_a_long_cell_is_refused_and_the_old_text_kept(client, people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.CUSTOMER)
    cell.text = "Kept"
    cell.save()
    client.force_login(people.young_person.user)
    response = client.post(
        _url("cell-save", people, voting, cell.pk),
        {"text": "x" * 301},
        headers={"HX-Request": "true"},
    )
    assert response.content.decode() == (
        '<span class="text-danger">Keep a cell under 300 characters.</span>'
    )
    cell.refresh_from_db()
    assert cell.text == "Kept"


def test_steps_are_added_moved_and_removed(client, people, voting):
    client.force_login(people.facilitator.user)
    client.post(_url("step-add", people, voting), {"title": "Tells friends"})
    last = voting.blueprint.steps.last()
    assert (last.title, last.cells.count()) == ("Tells friends", 5)

    client.post(_url("step-move", people, voting, last.pk), {"direction": "left"})
    titles = list(voting.blueprint.steps.values_list("title", flat=True))
    assert titles[-2:] == ["Tells friends", "Afterwards"]

    client.post(_url("step-delete", people, voting, last.pk))
    assert not Step.objects.filter(pk=last.pk).exists()
    assert not Cell.objects.filter(step_id=last.pk).exists()


def test_the_needs_list_keeps_one_thing_a_line(client, people, voting):
    client.force_login(people.professional.user)
    client.post(
        _url("needs-save", people, voting), {"needs": "Office space\n\n Parking \nA website"}
    )
    voting.blueprint.refresh_from_db()
    assert voting.blueprint.needs_list == ["Office space", "Parking", "A website"]


def test_the_blueprint_draws_and_names_its_two_lines(client, people, voting):
    client.force_login(people.young_person.user)
    html = client.get(voting.blueprint.get_absolute_url()).content.decode()
    assert html.index("What the young person does") < html.index("Line of interaction")
    assert html.index("Line of interaction") < html.index("What staff do face to face")
    assert html.index("What staff do face to face") < html.index("Line of visibility")
    assert html.index("Line of visibility") < html.index("What happens behind the scenes")
    # Each line heads the group of lanes below it, not a column: three groups of lanes.
    table = html[html.index("<table") : html.index("</table>")]
    assert table.count("<tbody>") == 3
    assert table.count('<th scope="rowgroup"') == 2


@pytest.mark.parametrize("step_count", [2, 20])
def test_blueprint_query_count(client, people, voting, django_assert_max_num_queries, step_count):
    blueprint = Blueprint.objects.create(programme=people.programme, idea=voting.unique)
    for n in range(step_count):
        services.step_add(blueprint=blueprint, title=f"Step {n}")
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(6):
        response = client.get(blueprint.get_absolute_url())
    assert response.content.decode().count('<textarea class="form-control form-control-sm"') == (
        step_count * 5
    )
