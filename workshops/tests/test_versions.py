"""Editing together loses nothing: two people change the same shared thing from pages opened
at the same version. The first save goes in; the second is not applied over it, the second
person sees what the first saved beside their own words, and keeps theirs, the other's, or
both joined."""

import datetime

import pytest
from django.urls import reverse

from blueprints.models import Idea, Prototype
from blueprints.tests.conftest import make_voting
from personas.models import Card, Persona, Stage
from personas.tests.conftest import make_journey
from workshops.models import Activity, GlossaryTerm
from workshops.tests.factories import first_session

CLASH = "Someone else saved this while you were writing."


def _card(people):
    journey = make_journey(people)
    card = journey.young_persons_card
    url = reverse("personas:card-edit", args=[people.programme.pk, journey.journey_map.pk, card.pk])
    return card, url, "text"


def _stage(people):
    journey = make_journey(people)
    stage = journey.journey_map.stages.first()
    url = reverse(
        "personas:stage-edit", args=[people.programme.pk, journey.journey_map.pk, stage.pk]
    )
    return stage, url, "services"


def _persona(people):
    persona = make_journey(people).persona
    return (
        persona,
        reverse("personas:persona-edit", args=[people.programme.pk, persona.pk]),
        "story",
    )


def _idea(people):
    idea = make_voting(people).unique
    return idea, reverse("blueprints:idea-edit", args=[people.programme.pk, idea.pk]), "what"


def _prototype(people):
    prototype = make_voting(people).prototype
    url = reverse("blueprints:prototype-edit", args=[people.programme.pk, prototype.pk])
    return prototype, url, "belief"


def _activity(people):
    session = first_session(people.programme)
    activity = session.activities.first()
    url = reverse("workshops:activity-edit", args=[people.programme.pk, session.pk, activity.pk])
    return activity, url, "instructions"


def _glossary(people):
    term = people.programme.glossary.first()
    return term, reverse("workshops:glossary-edit", args=[people.programme.pk, term.pk]), "meaning"


SHARED = {
    Card: _card,
    Stage: _stage,
    Persona: _persona,
    Idea: _idea,
    Prototype: _prototype,
    Activity: _activity,
    GlossaryTerm: _glossary,
}


def _data(form) -> dict:
    """What the form would post as it stands: every field's value as the page shows it."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def _opened(client, user, url) -> dict:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return _data(response.context["form"])


@pytest.mark.parametrize("model", SHARED, ids=lambda model: model.__name__)
def test_two_saves_from_one_version_lose_nothing(client, people, model):
    thing, url, text = SHARED[model](people)
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)

    client.force_login(jo)
    assert client.post(url, jos | {text: "Jo's words"}).status_code == 302

    client.force_login(priya)
    clash = client.post(url, priyas | {text: "Priya's words"})
    assert clash.status_code == 200
    html = clash.content.decode()
    assert CLASH in html and "Jo&#x27;s words" in html
    assert clash.context["form"][text].value() == "Priya's words"  # still in her box
    thing.refresh_from_db()
    assert getattr(thing, text) == "Jo's words"

    # She keeps both: Jo's first, then hers.
    again = _data(clash.context["form"])
    assert client.post(url, again | {"keep": "both"}).status_code == 302
    thing.refresh_from_db()
    assert getattr(thing, text) == "Jo's words\nPriya's words"


@pytest.mark.parametrize("model", [Card, Persona, Activity], ids=lambda model: model.__name__)
def test_keep_mine_saves_mine_over_theirs(client, people, model):
    thing, url, text = SHARED[model](people)
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)
    client.force_login(jo)
    client.post(url, jos | {text: "Jo's words"})
    client.force_login(priya)
    clash = client.post(url, priyas | {text: "Priya's words"})
    assert client.post(url, _data(clash.context["form"]) | {"keep": "mine"}).status_code == 302
    thing.refresh_from_db()
    assert getattr(thing, text) == "Priya's words"


def test_the_same_change_twice_is_no_clash(client, people):
    card, url, _text = _card(people)
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)
    client.force_login(jo)
    client.post(url, jos | {"text": "Hug in a Mug on Fridays"})
    client.force_login(priya)
    assert client.post(url, priyas | {"text": "Hug in a Mug on Fridays"}).status_code == 302


def test_saving_twice_from_one_page_after_a_clash_needs_no_second_choice(client, people):
    """The clash form carries the other's version: saving it is not taken for a clash."""
    term, url, text = _glossary(people)
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)
    client.force_login(jo)
    client.post(url, jos | {text: "A plan of how a service works, step by step"})
    client.force_login(priya)
    clash = client.post(url, priyas | {text: "Drawing a service"})
    saved = GlossaryTerm.objects.get(pk=term.pk)
    assert int(clash.context["form"]["edited_from"].value()) == saved.edit_version
    assert client.post(url, _data(clash.context["form"])).status_code == 302
    term.refresh_from_db()
    assert term.meaning == "Drawing a service"


# The ground rules and the pledges are saved as whole lists, one line each.
LISTS = {
    "ground-rules": ("rules", lambda programme: programme.ground_rules),
    "pledges": ("pledges", lambda programme: programme.pledges),
}


@pytest.mark.parametrize("page", LISTS)
def test_two_saves_of_a_list_from_one_page_lose_no_line(client, people, page):
    field, rows = LISTS[page]
    url = reverse(f"workshops:{page}", args=[people.programme.pk])
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)

    client.force_login(jo)
    mine = "Respect each other\nPhones on silent"
    assert client.post(url, jos | {field: mine}).status_code == 302

    client.force_login(priya)
    clash = client.post(url, priyas | {field: "Respect each other\nTake a break when you need"})
    assert clash.status_code == 200
    html = clash.content.decode()
    assert CLASH in html and "Phones on silent" in html
    assert clash.context["form"][field].value() == "Respect each other\nTake a break when you need"
    assert list(rows(people.programme).values_list("text", flat=True)) == [
        "Respect each other",
        "Phones on silent",
    ]

    # She keeps both: Jo's lines first, then hers that Jo's did not have.
    again = _data(clash.context["form"])
    assert client.post(url, again | {"keep": "both"}).status_code == 302
    assert list(rows(people.programme).values_list("text", flat=True)) == [
        "Respect each other",
        "Phones on silent",
        "Take a break when you need",
    ]


@pytest.mark.parametrize("page", LISTS)
def test_keep_mine_and_the_same_list_twice_save_without_a_second_choice(client, people, page):
    field, rows = LISTS[page]
    url = reverse(f"workshops:{page}", args=[people.programme.pk])
    jo, priya = people.facilitator.user, people.co_facilitator.user
    jos = _opened(client, jo, url)
    priyas = _opened(client, priya, url)
    client.force_login(jo)
    client.post(url, jos | {field: "Listen to each other"})
    client.force_login(priya)
    # The same list as Jo saved is no clash.
    assert client.post(url, priyas | {field: "Listen to each other"}).status_code == 302
    clash = client.post(url, priyas | {field: "One voice at a time"})
    assert CLASH in clash.content.decode()
    assert client.post(url, _data(clash.context["form"]) | {"keep": "mine"}).status_code == 302
    assert list(rows(people.programme).values_list("text", flat=True)) == ["One voice at a time"]
