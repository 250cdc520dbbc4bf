import pytest
from django.urls import reverse

from personas import selectors, services
from personas.models import Card, CardMerge, JourneyMap, Persona, Stage


def _url(name, people, journey, *extra):
    return reverse(name, args=[people.programme.pk, journey.journey_map.pk, *extra])


def test_a_new_map_starts_with_six_stages_of_leaving_care(people):
    persona = Persona.objects.create(programme=people.programme, name="Jade", age=17)
    journey_map = services.journey_map_create(persona=persona, title="Jade's journey")
    assert [(s.order, s.title) for s in journey_map.stages.all()] == [
        (1, "Pathway planning, 15-16"),
        (2, "Leaving care at 18"),
        (3, "First tenancy"),
        (4, "Education and work"),
        (5, "21"),
        (6, "25"),
    ]


def test_any_member_adds_a_card_and_the_map_moves_on(client, people, journey):
    version = JourneyMap.objects.get(pk=journey.journey_map.pk).version
    stage = journey.journey_map.stages.get(order=3)
    client.force_login(people.manager.user)

    response = client.post(
        _url("personas:card-add", people, journey),
        {"stage": stage.pk, "kind": "problem", "text": "No furniture on moving day"},
    )

    card = Card.objects.get(text="No furniture on moving day")
    assert (card.stage, card.kind, card.author) == (stage, "problem", people.manager)
    assert response.url == journey.journey_map.get_absolute_url()
    assert JourneyMap.objects.get(pk=journey.journey_map.pk).version == version + 1


def test_adding_with_htmx_answers_with_the_grid_and_says_so(client, people, journey):
    stage = journey.journey_map.stages.get(order=1)
    client.force_login(people.young_person.user)
    response = client.post(
        _url("personas:card-add", people, journey),
        {"stage": stage.pk, "kind": "insight", "text": "Plans are about you, not with you"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert '<p id="map-status" data-hx-swap-oob="innerHTML">Your card is on the map.</p>' in html
    assert 'id="map-grid"' in html
    assert "Plans are about you, not with you" in html


def test_a_long_card_is_refused_with_a_message_and_what_was_typed_kept(client, people, journey):
    stage = journey.journey_map.stages.get(order=1)
    client.force_login(people.young_person.user)
    text = "x" * 301
    response = client.post(
        _url("personas:card-add", people, journey),
        {"stage": stage.pk, "kind": "insight", "text": text},
    )
    assert response.status_code == 200
    assert response.context["card_form"].errors == {"text": ["Keep a card under 300 characters."]}
    assert text in response.content.decode()
    assert not Card.objects.filter(text=text).exists()


def test_a_bad_card_sent_with_htmx_comes_back_in_place_of_the_form(client, people, journey):
    stage = journey.journey_map.stages.get(order=1)
    client.force_login(people.young_person.user)
    response = client.post(
        _url("personas:card-add", people, journey),
        {"stage": stage.pk, "kind": "insight", "text": "z" * 301},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert (response.headers["HX-Retarget"], response.headers["HX-Reswap"]) == (
        "#card-form",
        "outerHTML",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="card-form"')
    assert "Keep a card under 300 characters." in html
    assert "z" * 301 in html


def test_a_card_for_a_stage_of_another_map_is_refused(client, people, journey):
    other = make_journey_in_same_programme(people)
    foreign_stage = other.stages.first()
    client.force_login(people.young_person.user)
    response = client.post(
        _url("personas:card-add", people, journey),
        {"stage": foreign_stage.pk, "kind": "insight", "text": "Sneaky"},
    )
    assert "stage" in response.context["card_form"].errors
    assert not Card.objects.filter(text="Sneaky").exists()


def make_journey_in_same_programme(people) -> JourneyMap:
    persona = Persona.objects.create(programme=people.programme, name="Sam", age=19)
    return services.journey_map_create(persona=persona, title="Sam's journey")


def test_a_stage_position_clash_is_explained_and_nothing_lost(client, people, journey):
    client.force_login(people.facilitator.user)
    before = list(journey.journey_map.stages.values_list("order", "title"))
    response = client.post(
        _url("personas:stage-add", people, journey),
        {"order": 2, "title": "Moving in", "services": "", "feeling": 3},
    )
    assert response.context["form"].errors == {
        "order": ["Stage 2 is already “Leaving care at 18”. Choose another position."]
    }
    assert list(journey.journey_map.stages.values_list("order", "title")) == before


@pytest.mark.parametrize("feeling", ["0", "6", "lots"])
def test_a_feeling_out_of_range_is_refused(client, people, journey, feeling):
    stage = journey.journey_map.stages.get(order=1)
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("personas:stage-edit", people, journey, stage.pk),
        {"order": 1, "title": "Pathway planning", "services": "", "feeling": feeling},
    )
    assert response.context["form"].errors == {"feeling": ["Choose how this stage feels."]}
    stage.refresh_from_db()
    assert (stage.title, stage.feeling) == ("Pathway planning, 15-16", 3)


def _version(journey):
    return JourneyMap.objects.get(pk=journey.journey_map.pk).version


def test_facilitators_move_and_merge_cards(client, people, journey):
    client.force_login(people.facilitator.user)
    start = _version(journey)
    card = journey.young_persons_card
    target = journey.journey_map.stages.get(order=4)
    client.post(
        _url("personas:card-edit", people, journey, card.pk),
        {"stage": target.pk, "kind": "insight", "text": card.text},
    )
    card.refresh_from_db()
    assert (card.stage, card.kind) == (target, "insight")
    assert _version(journey) == start + 1

    response = client.post(
        _url("personas:card-merge", people, journey, journey.facilitator_card.pk),
        {"into": card.pk},
    )
    merge = CardMerge.objects.get()
    assert response.url == f"{journey.journey_map.get_absolute_url()}?merged={merge.pk}"
    card.refresh_from_db()
    assert card.text == "Hug in a Mug drop-in / Too many new faces"
    assert not Card.objects.filter(pk=journey.facilitator_card.pk).exists()
    assert _version(journey) == start + 2
    client.post(_url("personas:card-delete", people, journey, card.pk))
    assert not Card.objects.filter(pk=card.pk).exists()
    assert _version(journey) == start + 3


def test_a_merge_or_move_to_another_map_is_refused(client, people, journey):
    other = make_journey_in_same_programme(people)
    foreign = services.card_add(
        stage=other.stages.first(), kind="insight", text="Elsewhere", author=people.manager
    )
    client.force_login(people.facilitator.user)
    card = journey.facilitator_card
    response = client.post(
        _url("personas:card-merge", people, journey, card.pk), {"into": foreign.pk}, follow=True
    )
    assert "Choose a card on this map to merge with." in response.content.decode()
    response = client.post(
        _url("personas:card-edit", people, journey, card.pk),
        {"stage": other.stages.first().pk, "kind": "insight", "text": card.text},
    )
    assert "stage" in response.context["form"].errors
    card.refresh_from_db()
    assert card.stage.journey_map == journey.journey_map
    assert Card.objects.get(pk=foreign.pk).text == "Elsewhere"


def test_a_stage_position_starts_at_one(client, people, journey):
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("personas:stage-add", people, journey),
        {"order": 0, "title": "Before", "services": "", "feeling": 3},
    )
    assert response.context["form"].errors == {"order": ["Positions start at 1."]}


def test_a_merge_that_would_be_too_long_keeps_both_cards(client, people, journey):
    Card.objects.filter(pk=journey.young_persons_card.pk).update(text="y" * 290)
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("personas:card-merge", people, journey, journey.facilitator_card.pk),
        {"into": journey.young_persons_card.pk},
        follow=True,
    )
    assert "Together these cards are too long." in response.content.decode()
    assert Card.objects.filter(pk=journey.facilitator_card.pk).exists()
    assert Card.objects.get(pk=journey.young_persons_card.pk).text == "y" * 290


def test_the_poll_says_nothing_new_without_rendering_the_map(
    client, people, journey, django_assert_max_num_queries
):
    journey_map = JourneyMap.objects.get(pk=journey.journey_map.pk)
    client.force_login(people.young_person.user)
    poll = _url("personas:map-poll", people, journey)

    # The session, the user, the membership and the map's version: nothing else is read.
    with django_assert_max_num_queries(4):
        response = client.get(poll, {"version": journey_map.version})
    assert response.status_code == 204
    assert response.content == b""

    services.card_add(
        stage=journey_map.stages.first(), kind="insight", text="New!", author=people.manager
    )
    response = client.get(poll, {"version": journey_map.version})
    assert response.status_code == 200
    html = response.content.decode()
    assert "New!" in html
    assert f'id="map-version" name="version" value="{journey_map.version + 1}"' in html


@pytest.mark.parametrize("feelings", [[1, 5, 3], [1, 5, 5, 1], [1, 1, 5, 5], [3, 3]])
def test_the_feeling_curve_passes_through_each_stage_and_stays_between_the_lines(
    people, journey, feelings
):
    stages = [Stage(order=n, title=str(n), feeling=f) for n, f in enumerate(feelings)]
    curve = selectors.feeling_curve(stages)
    assert curve["width"] == 100 * len(feelings)
    expected_points = [((n + 0.5) * 100, 90 - (f - 1) * 20) for n, f in enumerate(feelings)]
    assert curve["points"] == expected_points
    segments = curve["path"].split(" C ")
    assert segments[0] == f"M {expected_points[0][0]:.1f} {expected_points[0][1]:.1f}"
    for segment, (x, y) in zip(segments[1:], expected_points[1:], strict=True):
        control1, control2, end = (part.split() for part in segment.split(", "))
        assert end == [f"{x:.1f}", f"{y:.1f}"]
        assert all(10 <= float(point[1]) <= 90 for point in (control1, control2))


def test_a_single_stage_draws_a_level_line(people):
    curve = selectors.feeling_curve([Stage(order=1, title="Only", feeling=4)])
    assert curve["path"] == "M 0.0 30.0 L 100.0 30.0"


def test_the_map_has_a_text_alternative_for_the_curve(client, people, journey):
    Stage.objects.filter(journey_map=journey.journey_map, order=2).update(feeling=1)
    client.force_login(people.young_person.user)
    html = client.get(journey.journey_map.get_absolute_url()).content.decode()
    assert 'role="img" aria-labelledby="curve-title-wide curve-desc-wide"' in html
    assert "Pathway planning, 15-16: OK. Leaving care at 18: Really hard." in html


def test_opportunities_list_every_opportunity_card(client, people, journey):
    client.force_login(people.professional.user)
    response = client.get(reverse("personas:opportunities", args=[people.programme.pk]))
    assert [card.text for card in response.context["cards"]] == ["Hug in a Mug drop-in"]


def test_the_session_page_links_what_was_made_there(client, people, journey):
    client.force_login(people.young_person.user)
    html = client.get(journey.persona.session.get_absolute_url()).content.decode()
    assert f'<a href="{journey.persona.get_absolute_url()}">Persona: Jade</a>' in html
    assert f'href="{journey.journey_map.get_absolute_url()}">Journey map: Jade' in html


SIZES = [
    pytest.param((2, 3), id="2-stages-3-cards"),
    pytest.param((10, 300), id="10-stages-300-cards"),
]


@pytest.mark.parametrize("size", SIZES)
def test_map_query_count(client, people, django_assert_max_num_queries, size):
    stage_count, card_count = size
    persona = Persona.objects.create(programme=people.programme, name="Jade", age=17)
    journey_map = JourneyMap.objects.create(
        programme=people.programme, persona=persona, title="Jade's journey"
    )
    stages = Stage.objects.bulk_create(
        Stage(journey_map=journey_map, order=n, title=f"Stage {n}") for n in range(stage_count)
    )
    members = [people.young_person, people.professional, people.manager]
    Card.objects.bulk_create(
        Card(
            stage=stages[n % stage_count],
            kind=("insight", "problem", "opportunity")[n % 3],
            text=f"Card {n}",
            author=members[n % 3],
        )
        for n in range(card_count)
    )
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(8):
        response = client.get(journey_map.get_absolute_url())
    assert response.content.decode().count('class="sticky sticky--') == card_count * 2
    # Looked at again with nothing changed, the map's stages and cards are kept: left to read
    # are the browser's session, the user, the membership and the map with its version.
    with django_assert_max_num_queries(4):
        again = client.get(journey_map.get_absolute_url())
    assert again.content.decode().count('class="sticky sticky--') == card_count * 2
    assert again.context["stages"] == response.context["stages"]


@pytest.mark.parametrize("members", [3, 30])
def test_timelines_query_count(client, people, django_assert_max_num_queries, members):
    from personas.models import TimelineEvent, Visibility
    from workshops.models import Role
    from workshops.tests.factories import MembershipFactory

    for n in range(members):
        member = MembershipFactory(programme=people.programme, role=Role.YOUNG_PERSON)
        timeline = services.timeline_for(member)
        timeline.visibility = Visibility.GROUP
        timeline.save()
        TimelineEvent.objects.bulk_create(
            TimelineEvent(timeline=timeline, age=15 + (n + i) % 11, kind="life", text=f"E{n}-{i}")
            for i in range(4)
        )
    client.force_login(people.young_person.user)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("personas:timelines", args=[people.programme.pk]))
    assert len(response.context["columns"]) == members
