"""A blueprint is live: an open page polls with the version it shows and is sent the cells
others wrote since (never over a cell someone is typing in: app.js, and the browser test), or
after a change to its steps a note to load it again. Map and blueprint pages say how many
others are there, never who."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from blueprints import services, views
from blueprints.models import Blueprint, Lane, Step
from workshops import presence


def _poll(client, voting, version):
    url = reverse(
        "blueprints:blueprint-poll", args=[voting.blueprint.programme_id, voting.blueprint.pk]
    )
    return client.get(url, {"version": version})


def _cell(voting, step_number, lane):
    step = voting.blueprint.steps.order_by("order")[step_number]
    return step.cells.get(lane=lane)


def _unmask(token: str) -> str:
    return _unmask_cipher_token(token) if len(token) == 64 else token


def _here(response) -> str:
    """What the page says of who else is here: a count, and nothing more."""
    line = response.content.decode().split("data-others-here")[1]
    return line.split(">", 1)[1].split("</p>")[0]


def _version(voting):
    return Blueprint.objects.get(pk=voting.blueprint.pk).version


def test_nothing_new_is_an_empty_answer(client, people, voting, django_assert_max_num_queries):
    client.force_login(people.young_person.user)
    shown = _version(voting)
    with django_assert_max_num_queries(4):
        response = _poll(client, voting, shown)
    assert response.status_code == 204
    assert response.content == b""
    assert response[presence.HEADER] == "0"


def test_cells_others_wrote_are_sent_alone_with_the_new_version(client, people, voting):
    shown = _version(voting)
    unchanged = _cell(voting, 0, Lane.CUSTOMER)
    written = _cell(voting, 1, Lane.FRONTSTAGE)
    assert services.cell_write(cell=written, text="A worker meets them at the door", version=0)
    client.force_login(people.young_person.user)

    response = _poll(client, voting, shown)

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<textarea class="form-control form-control-sm" id="cell-text-{written.pk}" name="text"'
        f' rows="3" maxlength="300" data-hx-swap-oob="true" data-from-poll>'
        "A worker meets them at the door</textarea>"
    ) in html
    assert f'id="cell-version-{written.pk}" name="version" value="1"' in html
    assert f"cell-text-{unchanged.pk}" not in html
    assert f'id="blueprint-version" name="version" value="{shown + 1}"' in html
    assert "load the page again" not in html


def test_a_change_to_the_steps_asks_the_page_to_load_again(client, people, voting):
    shown = _version(voting)
    services.step_add(blueprint=voting.blueprint, title="Moving in")
    client.force_login(people.professional.user)

    html = _poll(client, voting, shown).content.decode()

    assert "The steps have changed since you opened this page." in html
    assert "cell-text-" not in html
    # Every change to the steps is one: moving and removing them too.
    step = Step.objects.get(title="Moving in")
    services.step_move(step=step, left=True)
    services.step_remove(step=step)
    assert _version(voting) == shown + 3


@pytest.mark.parametrize("steps", [4, 40])
def test_a_poll_after_many_cells_costs_the_same_queries(
    client, people, voting, django_assert_max_num_queries, steps
):
    for number in range(steps - 4):
        services.step_add(blueprint=voting.blueprint, title=f"Step {number}")
    shown = _version(voting)
    for step in voting.blueprint.steps.all():
        cell = step.cells.get(lane=Lane.BACKSTAGE)
        services.cell_write(cell=cell, text=f"Backstage of {step.title}", version=None)
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(5):
        response = _poll(client, voting, shown)
    html = response.content.decode()
    if steps <= views.CELLS_SENT:
        assert html.count("data-from-poll>") == 2 * steps  # each cell's text and version


def test_others_here_are_counted_never_named(client, people, voting, monkeypatch):
    page = reverse("blueprints:blueprint-detail", args=[people.programme.pk, voting.blueprint.pk])
    client.force_login(people.young_person.user)
    assert _here(client.get(page)) == ""
    client.force_login(people.professional.user)
    assert _here(client.get(page)) == "One other person is here now."
    client.force_login(people.manager.user)
    assert _poll(client, voting, _version(voting))[presence.HEADER] == "2"

    # A member not heard from for a while has gone.
    now = presence.time.time()
    monkeypatch.setattr(presence.time, "time", lambda: now + presence.HERE_SECONDS + 1)
    assert _poll(client, voting, _version(voting))[presence.HEADER] == "0"


def test_the_journey_map_counts_who_is_there_too(client, people):
    from personas.tests.conftest import make_journey

    journey = make_journey(people)
    poll = reverse("personas:map-poll", args=[people.programme.pk, journey.journey_map.pk])
    journey.journey_map.refresh_from_db()
    for member in (people.young_person, people.professional, people.facilitator):
        client.force_login(member.user)
        response = client.get(poll, {"version": journey.journey_map.version})
    assert response.status_code == 204
    assert response[presence.HEADER] == "2"
    assert _here(client.get(journey.journey_map.get_absolute_url())) == "2 others are here now."


def test_kept_cells_and_step_headings_never_cross_who_may_do_what(client, people, voting):
    page = voting.blueprint.get_absolute_url()
    client.force_login(people.facilitator.user)
    first = client.get(page).content.decode()
    assert first.count(">Move left<") == voting.blueprint.steps.count()
    client.force_login(people.young_person.user)
    kayla = client.get(page)
    html = kayla.content.decode()
    assert ">Move left<" not in html
    assert "\x00" not in html
    # Each cell's form carries a token of Kayla's, put in for her.
    cells = html.count('class="blueprint-cell"')
    assert cells == 5 * voting.blueprint.steps.count()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)
    assert len(tokens) > cells
    assert all(re.fullmatch(r"[A-Za-z0-9]{64}", token) for token in tokens)
    cookie = kayla.cookies["csrftoken"].value
    assert all(_unmask(token) == _unmask(cookie) for token in tokens)


def test_kept_vote_rows_show_each_member_their_own_dots(client, people, voting):
    for _ in range(3):
        services.dot_place(vote=voting.vote, member=people.professional, idea=voting.unique)
    page = voting.vote.get_absolute_url()

    def row(html, idea):
        return html.split(f'id="idea-{idea.pk}"')[1].split("</li>")[0]

    client.force_login(people.professional.user)
    tom = client.get(page).content.decode()
    assert "Your dots here: 3" in row(tom, voting.unique)
    assert 'type="submit" disabled>Add a dot' in row(tom, voting.global_tastes)
    client.force_login(people.young_person.user)
    kayla = client.get(page).content.decode()
    assert "Your dots here: 0" in row(kayla, voting.unique)
    assert 'type="submit" >Add a dot' in row(kayla, voting.unique)
    assert "\x00" not in kayla
