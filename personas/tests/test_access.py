"""The access matrix for timelines, personas and journey maps, and what each member may see."""

import pytest
from django.urls import reverse

from workshops.models import Role
from workshops.tests.factories import MembershipFactory
from workshops.tests.matrix import ROLES, client_for, expected

from .conftest import make_journey


def _ids(people, journey):
    return {
        "programme_id": people.programme.pk,
        # The facilitator's own timeline: readers may not open another member's.
        "member_id": people.facilitator.pk,
        "event_id": _facilitator_event(people).pk,
        "persona_id": journey.persona.pk,
        "map_id": journey.journey_map.pk,
        "card_id": journey.facilitator_card.pk,
        "stage_id": journey.journey_map.stages.last().pk,
        "merge_id": _merge(journey).pk,
    }


def _merge(journey):
    """A merge into the young person's card, as a facilitator made it, to undo."""
    from personas.models import CardMerge

    card = journey.young_persons_card
    return CardMerge.objects.get_or_create(
        into=card,
        defaults={
            "text_before": card.text,
            "text_after": card.text,
            "removed_stage": card.stage,
            "removed_kind": "insight",
            "removed_text": "A card merged into it",
            "removed_created_at": card.created_at,
            "removed_added_version": 0,
        },
    )[0]


def _facilitator_event(people):
    from personas import services
    from personas.models import TimelineEvent

    timeline = services.timeline_for(people.facilitator)
    return TimelineEvent.objects.get_or_create(
        timeline=timeline, age=20, kind="support", text="Mentor at work"
    )[0]


# name: (arguments, (reader GET, runner GET), (reader POST, runner POST)); None: not taken.
URLS = {
    "personas:timelines": ("programme_id", (200, 200), None),
    "personas:timeline-edit": ("programme_id member_id", (404, 200), (404, 200)),
    "personas:timeline-event-delete": ("programme_id member_id event_id", None, (404, 302)),
    "personas:persona-list": ("programme_id", (200, 200), None),
    "personas:persona-create": ("programme_id", (200, 200), (200, 200)),
    "personas:persona-detail": ("programme_id persona_id", (200, 200), None),
    "personas:persona-edit": ("programme_id persona_id", (200, 200), (200, 200)),
    "personas:map-create": ("programme_id persona_id", (403, 200), (403, 200)),
    "personas:opportunities": ("programme_id", (200, 200), None),
    "personas:map-detail": ("programme_id map_id", (200, 200), None),
    "personas:map-poll": ("programme_id map_id", (200, 200), None),
    "personas:card-add": ("programme_id map_id", None, (200, 200)),
    "personas:card-edit": ("programme_id map_id card_id", (403, 200), (403, 200)),
    "personas:card-move": ("programme_id map_id card_id", (403, 200), (403, 200)),
    "personas:card-merge": ("programme_id map_id card_id", (403, 302), (403, 302)),
    "personas:card-merge-undo": ("programme_id map_id merge_id", None, (403, 302)),
    "personas:card-delete": ("programme_id map_id card_id", None, (403, 302)),
    "personas:stage-add": ("programme_id map_id", (403, 200), (403, 200)),
    "personas:stage-edit": ("programme_id map_id stage_id", (403, 200), (403, 200)),
    "personas:stage-delete": ("programme_id map_id stage_id", None, (403, 302)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_url_answers_each_role_exactly(client, people, journey, name, role):
    arguments, get_answers, post_answers = URLS[name]
    ids = _ids(people, journey)
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client = client_for(client, people, role)

    response = client.get(url)
    assert response.status_code == expected(role, get_answers), ("GET", url)
    response = client.post(url)
    assert response.status_code == expected(role, post_answers), ("POST", url)


@pytest.mark.parametrize(
    "name", [name for name, (arguments, *_) in URLS.items() if arguments != "programme_id"]
)
def test_ids_from_another_programme_are_not_found(client, people, journey, name):
    arguments, get_answers, post_answers = URLS[name]
    other = people.outsider.memberships.get().programme
    other_people = type(people)(
        programme=other,
        facilitator=other.memberships.get(),
        co_facilitator=None,
        young_person=MembershipFactory(programme=other, role=Role.YOUNG_PERSON),
        professional=MembershipFactory(programme=other, role=Role.PROFESSIONAL),
        manager=MembershipFactory(programme=other, role=Role.MANAGER),
        outsider=None,
    )
    theirs = _ids(other_people, make_journey(other_people))
    ids = {**theirs, "programme_id": people.programme.pk}
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client.force_login(people.facilitator.user)
    cards_before = sorted(other_people.facilitator.cards.values_list("id", "text"))

    if get_answers is not None:
        assert client.get(url).status_code == 404
    if post_answers is not None:
        assert client.post(url, {"text": "x", "kind": "insight"}).status_code == 404
    assert sorted(other_people.facilitator.cards.values_list("id", "text")) == cards_before


GROUP_PAGES = [
    ("personas:timelines", "programme_id"),
    ("personas:persona-list", "programme_id"),
    ("personas:persona-create", "programme_id"),
    ("personas:persona-detail", "programme_id persona_id"),
    ("personas:persona-edit", "programme_id persona_id"),
    ("personas:map-detail", "programme_id map_id"),
    ("personas:opportunities", "programme_id"),
    ("workshops:programme-detail", "programme_id"),
]


FORMS = {"personas:persona-create", "personas:persona-edit"}


def _group_html(client, people, journey, role, pages=GROUP_PAGES) -> str:
    client.force_login(people.member(role).user)
    ids = _ids(people, journey)
    pages = [
        client.get(reverse(name, kwargs={key: ids[key] for key in arguments.split()}))
        for name, arguments in pages
    ]
    assert [page.status_code for page in pages] == [200] * len(pages)
    return "".join(page.content.decode() for page in pages)


@pytest.mark.parametrize("role", ["young_person", "professional"])
def test_a_timeline_kept_for_facilitators_is_invisible_to_the_group(client, people, journey, role):
    journey.persona.inspired_by.add(journey.private_event)
    html = _group_html(client, people, journey, role)
    assert "A private moment at sixteen" not in html
    url = reverse("personas:timeline-edit", args=[people.programme.pk, people.manager.pk])
    assert client.get(url).status_code == 404


def test_facilitators_see_what_the_group_sees_unless_they_ask_for_everything(
    client, people, journey
):
    """The timelines page is often on a projector: private timelines and hidden names show
    only when a facilitator asks for them."""
    people.professional.user.display_name = "Tom Hughes"
    people.professional.user.save()
    journey.persona.inspired_by.add(journey.private_event)
    # Not the persona form: there facilitators may link moments from private timelines.
    shown = [page for page in GROUP_PAGES if page[0] not in FORMS]
    html = _group_html(client, people, journey, "co_facilitator", shown)
    assert "A private moment at sixteen" not in html
    url = reverse("personas:timelines", args=[people.programme.pk])
    group_view = client.get(url)
    assert [str(name) for _, name in group_view.context["columns"]] == [
        "Kayla",
        "A member of the group",
    ]

    everything = client.get(url, {"all": "1"}).content.decode()
    assert "A private moment at sixteen" in everything
    assert "facilitators only" in everything
    assert "Tom Hughes" in everything
    client.force_login(people.young_person.user)
    assert "A private moment" not in client.get(url, {"all": "1"}).content.decode()


def test_hidden_names_are_not_given_away_by_column_order(client, people, journey):
    people.professional.user.display_name = "Aaron"  # would sort first by name
    people.professional.user.save()
    client.force_login(people.young_person.user)
    response = client.get(reverse("personas:timelines", args=[people.programme.pk]))
    assert [str(name) for _, name in response.context["columns"]] == [
        "Kayla",
        "A member of the group",
    ]


def test_only_the_owner_chooses_who_sees_their_timeline(client, people, journey):
    client.force_login(people.facilitator.user)
    url = reverse("personas:timeline-edit", args=[people.programme.pk, people.manager.pk])
    page = client.get(url).content.decode()
    assert "Who sees it now: Only the facilitators." in page
    response = client.post(url, {"settings-visibility": "group", "settings-show_name": "on"})
    assert response.status_code == 403
    journey.private_timeline.refresh_from_db()
    assert (journey.private_timeline.visibility, journey.private_timeline.show_name) == (
        "facilitators",
        False,
    )


def test_editing_a_persona_keeps_links_the_editor_cannot_see(client, people, journey):
    shared = journey.shared_timeline.events.get()
    journey.persona.inspired_by.add(journey.private_event, shared)
    client.force_login(people.young_person.user)
    client.post(
        reverse("personas:persona-edit", args=[people.programme.pk, journey.persona.pk]),
        {"name": "Jade", "age": 18, "picture": "wave", "inspired_by": []},
    )
    journey.persona.refresh_from_db()
    assert journey.persona.age == 18
    assert list(journey.persona.inspired_by.all()) == [journey.private_event]


def test_a_hidden_name_appears_nowhere_on_the_groups_pages(client, people, journey):
    people.professional.user.display_name = "Tom Hughes"
    people.professional.user.save()
    hidden = "Tom Hughes"
    html = _group_html(client, people, journey, "young_person")
    assert "First job" in html  # the timeline is shared...
    assert hidden not in html  # ...but not whose it is
    assert "A member of the group" in html
    assert people.young_person.user.name in html  # Kayla chose to show hers


def test_the_owner_and_facilitators_see_the_name(client, people, journey):
    client.force_login(people.facilitator.user)
    html = client.get(reverse("personas:timelines", args=[people.programme.pk])).content
    assert people.professional.user.name in html.decode()


def test_members_change_only_their_own_cards(client, people, journey):
    client.force_login(people.young_person.user)
    mine = reverse(
        "personas:card-edit",
        args=[people.programme.pk, journey.journey_map.pk, journey.young_persons_card.pk],
    )
    response = client.post(
        mine,
        {
            "stage": journey.young_persons_card.stage_id,
            "kind": "opportunity",
            "text": "Hug in a Mug: a cuppa and a chat",
        },
    )
    assert response.status_code == 302
    journey.young_persons_card.refresh_from_db()
    assert journey.young_persons_card.text == "Hug in a Mug: a cuppa and a chat"
