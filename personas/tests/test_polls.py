"""The two pages that poll for changes, the session's voice and a journey map, answer alike:
nothing new, what changed, or not found for anything outside the member's programme."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from personas import services
from personas.models import JourneyMap, Persona
from voice import services as voice_services
from workshops.models import Programme
from workshops.tests.factories import first_session, make_photo, make_reflection


@dataclass
class Poll:
    url: str
    version: int
    partial: str
    shown: str  # something of the object's that the partial shows
    version_shown: str  # how the partial says which version it shows
    theirs: str  # the same poll for another programme's object, under this programme's URL
    their_version: int


def _voice_poll(people, journey) -> Poll:
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    session, their_session = first_session(people.programme), first_session(other)
    make_reflection(session, people.young_person, "The wall was brilliant")
    make_reflection(their_session, other.memberships.get(), "Somewhere else")
    # A photo's caption changed: a change that redraws the reflections and photos (new ones
    # are sent alone).
    voice_services.photo_edit(
        photo=make_photo(session, people.professional, caption="The wall"),
        caption="Our wall",
        alt_text="",
    )
    session.refresh_from_db()
    their_session.refresh_from_db()
    return Poll(
        url=reverse("voice:session-voice", args=[people.programme.pk, session.pk]),
        version=session.voice_version,
        partial="voice/includes/_voice.html",
        shown="The wall was brilliant",
        version_shown="?version={version}",
        theirs=reverse("voice:session-voice", args=[people.programme.pk, their_session.pk]),
        their_version=their_session.voice_version,
    )


def _map_poll(people, journey) -> Poll:
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    sam = Persona.objects.create(programme=other, name="Sam", age=18)
    their_map = services.journey_map_create(persona=sam, title="Sam's journey", session=None)
    # A stage renamed: a change that redraws the whole map (cards alone are sent alone).
    services.stage_save(stage=journey.journey_map.stages.first())
    journey_map = JourneyMap.objects.get(pk=journey.journey_map.pk)
    return Poll(
        url=reverse("personas:map-poll", args=[people.programme.pk, journey_map.pk]),
        version=journey_map.version,
        partial="personas/includes/_map_grid.html",
        shown="Hug in a Mug drop-in",
        version_shown='id="map-version" name="version" value="{version}"',
        theirs=reverse("personas:map-poll", args=[people.programme.pk, their_map.pk]),
        their_version=their_map.version,
    )


POLLS = {"session voice": _voice_poll, "journey map": _map_poll}


@pytest.fixture(params=POLLS)
def poll(request, people, journey) -> Poll:
    return POLLS[request.param](people, journey)


def test_a_poll_with_nothing_new_answers_204_and_renders_nothing(client, people, poll):
    client.force_login(people.young_person.user)

    response = client.get(poll.url, {"version": poll.version})

    assert response.status_code == 204
    assert response.content == b""
    assert response.templates == []


@pytest.mark.parametrize("shown", ["older", "none", "not a number"])
def test_a_poll_behind_the_latest_version_gets_the_partial(client, people, poll, shown):
    client.force_login(people.young_person.user)
    query = {"older": {"version": poll.version - 1}, "none": {}, "not a number": {"version": "x"}}

    response = client.get(poll.url, query[shown])

    assert response.status_code == 200
    assert poll.partial in [t.name for t in response.templates]
    html = response.content.decode()
    assert poll.shown in html
    assert poll.version_shown.format(version=poll.version) in html


@pytest.mark.parametrize("role", ["young_person", "facilitator"])
def test_a_poll_for_another_programme_s_object_is_not_found(client, people, poll, role):
    client.force_login(people.member(role).user)

    for version in (poll.their_version, poll.their_version + 1):
        response = client.get(poll.theirs, {"version": version})

        assert response.status_code == 404
        assert response.templates[0].name == "404.html"
        assert "not be a member of the programme it belongs to." in response.content.decode()
