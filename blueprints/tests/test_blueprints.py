import re

import pytest
from django.test import Client
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
    cell.refresh_from_db()
    assert cell.text == "Sees a post from a friend"
    assert _answer(response) == "Saved"
    # The form's version moves on with the save, so its next save is not taken as stale.
    assert _version_sent(response, cell) == cell.version == 1


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
    assert _answer(response) == (
        '<span class="text-danger">Keep a cell under 300 characters.</span>'
    )
    cell.refresh_from_db()
    assert cell.text == "Kept"


def _answer(response) -> str:
    """What the cell's status says, without the version put in place beside it."""
    html = response.content.decode()
    return html[: html.index("<input")].split("#}", 1)[-1].strip()


def _version_sent(response, cell) -> int:
    found = re.search(
        rf'<input type="hidden" id="cell-version-{cell.pk}" name="version" value="(\d+)" '
        r'data-hx-swap-oob="true">',
        response.content.decode(),
    )
    return int(found[1])


def _save(client, people, voting, cell, text, version, **more):
    return client.post(
        _url("cell-save", people, voting, cell.pk),
        {"text": text, "version": version, **more},
        headers={"HX-Request": "true"},
    )


def test_two_people_saving_one_cell_lose_nothing_and_the_second_chooses(people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.CUSTOMER)
    kayla, tom = Client(), Client()
    kayla.force_login(people.young_person.user)
    tom.force_login(people.professional.user)

    # Both opened the blueprint at version 0; Kayla saves first.
    first = _save(kayla, people, voting, cell, "Hears about Hug in a Mug from a friend", 0)
    second = _save(tom, people, voting, cell, "Gets a text from the Leaving Care Team", 0)

    cell.refresh_from_db()
    assert (cell.text, cell.version) == ("Hears about Hug in a Mug from a friend", 1)
    assert _answer(first) == "Saved"
    told = second.content.decode()
    assert (
        "Someone else saved this cell while you were writing. Theirs says: “Hears about Hug "
        "in a Mug from a friend”. Yours is still in the box."
    ) in told
    assert [b for b in ("Keep mine", "Keep both", "Keep theirs") if b in told] == [
        "Keep mine",
        "Keep both",
        "Keep theirs",
    ]
    # His form keeps the version it started from until he chooses; each choice names 1.
    assert 'id="cell-version-' not in told
    assert 'name="keep" value="both:1"' in told
    assert 'id="cell-text-' not in told  # his own words stay in his box
    # Leaving the box saves it again: still a clash, and still nothing overwritten.
    again = _save(tom, people, voting, cell, "Gets a text from the Leaving Care Team", 0)
    assert "Theirs says" in again.content.decode()

    # He keeps both: theirs first, then his.
    both = _save(
        tom, people, voting, cell, "Gets a text from the Leaving Care Team", 0, keep="both:1"
    )

    cell.refresh_from_db()
    assert cell.text == (
        "Hears about Hug in a Mug from a friend\nGets a text from the Leaving Care Team"
    )
    assert (_answer(both), _version_sent(both, cell), cell.version) == ("Saved", 2, 2)
    assert f'id="cell-text-{cell.pk}" name="text" rows="3" maxlength="300" data-hx-swap-oob' in (
        both.content.decode()
    )


def test_after_a_clash_keeping_mine_or_theirs_does_what_it_says(people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.EVIDENCE)
    client = Client()
    client.force_login(people.professional.user)
    services.cell_write(cell=cell, text="A leaflet at the hub", version=0)

    theirs = _save(client, people, voting, cell, "A QR code on the bus", 0, keep="theirs:1")
    cell.refresh_from_db()
    assert (cell.text, _answer(theirs)) == ("A leaflet at the hub", "Kept what they wrote.")
    assert ">A leaflet at the hub</textarea>" in theirs.content.decode()

    mine = _save(client, people, voting, cell, "A QR code on the bus", 1, keep="mine:1")
    cell.refresh_from_db()
    assert (cell.text, _answer(mine)) == ("A QR code on the bus", "Saved")


def test_without_htmx_a_clash_keeps_theirs_and_says_both(client, people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.SUPPORT)
    services.cell_write(cell=cell, text="The hub's booking system", version=0)
    client.force_login(people.manager.user)

    response = client.post(
        _url("cell-save", people, voting, cell.pk),
        {"text": "A shared calendar", "version": 0},
        follow=True,
    )

    cell.refresh_from_db()
    assert cell.text == "The hub's booking system"
    assert [str(m) for m in response.context["messages"]] == [
        "Someone else saved this cell while you were writing, so yours was not saved. "
        "Theirs: “The hub's booking system”. Yours: “A shared calendar”."
    ]


def test_a_version_that_is_not_a_number_is_taken_as_none_not_an_error(people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.FRONTSTAGE)
    client = Client()
    client.force_login(people.young_person.user)

    for version, keep in [("²", ""), ("1", "both:²"), ("abc", "mine:-1")]:
        response = _save(client, people, voting, cell, "Smiles and says hello", version, keep=keep)
        assert (response.status_code, _answer(response)) == (200, "Saved")
    cell.refresh_from_db()
    assert (cell.text, cell.version) == ("Smiles and says hello", 3)


def test_saves_at_the_same_moment_apply_exactly_one(people, voting):
    cell = Cell.objects.get(step=voting.blueprint.steps.first(), lane=Lane.BACKSTAGE)
    written = [
        services.cell_write(cell=Cell.objects.get(pk=cell.pk), text=text, version=0)
        for text in ("First", "Second")
    ]
    cell.refresh_from_db()
    assert (written, cell.text, cell.version) == ([True, False], "First", 1)


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
