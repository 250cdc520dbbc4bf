from dataclasses import dataclass

import pytest

from personas import services
from personas.models import Card, JourneyMap, Persona, Timeline, TimelineEvent, Visibility


@dataclass
class Journey:
    """Workshop 2's work in the `people` programme."""

    persona: Persona
    journey_map: JourneyMap
    facilitator_card: Card
    young_persons_card: Card
    shared_timeline: Timeline  # the young person's, shared with the group, name shown
    unnamed_timeline: Timeline  # the professional's, shared, name hidden
    private_timeline: Timeline  # the manager's, for the facilitators only
    private_event: TimelineEvent


def make_journey(people) -> Journey:
    programme = people.programme
    session = programme.workshops.get(number=2).sessions.get()
    persona = Persona.objects.create(
        programme=programme, session=session, name="Jade", age=17, quote="Remember me."
    )
    journey_map = services.journey_map_create(
        persona=persona, title="Jade's journey", session=session
    )
    first, second = journey_map.stages.all()[:2]
    facilitator_card = services.card_add(
        stage=first, kind="problem", text="Too many new faces", author=people.facilitator
    )
    young_persons_card = services.card_add(
        stage=second, kind="opportunity", text="Hug in a Mug drop-in", author=people.young_person
    )

    def timeline(member, visibility, show_name, text, age):
        result = services.timeline_for(member)
        result.visibility, result.show_name = visibility, show_name
        result.save()
        event = TimelineEvent.objects.create(timeline=result, age=age, kind="life", text=text)
        return result, event

    shared, _ = timeline(people.young_person, Visibility.GROUP, True, "Moved to a flat", 18)
    unnamed, _ = timeline(people.professional, Visibility.GROUP, False, "First job", 23)
    private, private_event = timeline(
        people.manager, Visibility.FACILITATORS, False, "A private moment at sixteen", 16
    )
    return Journey(
        persona=persona,
        journey_map=journey_map,
        facilitator_card=facilitator_card,
        young_persons_card=young_persons_card,
        shared_timeline=shared,
        unnamed_timeline=unnamed,
        private_timeline=private,
        private_event=private_event,
    )


@pytest.fixture
def journey(people) -> Journey:
    return make_journey(people)
