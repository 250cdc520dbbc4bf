from django.urls import reverse

from personas.models import Timeline, TimelineEvent


def _edit_url(people, member):
    return reverse("personas:timeline-edit", args=[people.programme.pk, member.pk])


def test_a_member_builds_their_timeline_kept_for_facilitators_until_they_share_it(client, people):
    client.force_login(people.young_person.user)
    url = _edit_url(people, people.young_person)

    client.post(
        url,
        {
            "event-age": "18",
            "event-kind": "service",
            "event-text": "Housing gave me a list of furniture shops",
            "event-feeling": "unsure",
        },
    )

    timeline = Timeline.objects.get(member=people.young_person)
    event = timeline.events.get()
    assert (event.age, event.kind, event.feeling) == (18, "service", "unsure")
    assert (timeline.visibility, timeline.show_name) == ("facilitators", False)

    client.post(url, {"settings-visibility": "group", "settings-show_name": "on"})
    timeline.refresh_from_db()
    assert (timeline.visibility, timeline.show_name) == ("group", True)


def test_an_age_outside_15_to_25_is_refused_and_nothing_is_lost(client, people):
    client.force_login(people.young_person.user)
    url = _edit_url(people, people.young_person)
    client.post(url, {"event-age": "16", "event-kind": "life", "event-text": "Kept"})
    response = client.post(
        url, {"event-age": "14", "event-kind": "life", "event-text": "Too young"}
    )
    assert response.context["event_form"].errors == {"age": ["Choose an age from 15 to 25."]}
    assert list(TimelineEvent.objects.values_list("text", flat=True)) == ["Kept"]


def test_a_facilitator_keeps_a_timeline_for_someone_who_would_rather_talk(client, people):
    client.force_login(people.co_facilitator.user)
    client.post(
        _edit_url(people, people.young_person),
        {"event-age": "17", "event-kind": "support", "event-text": "Weekly texts from my PA"},
    )
    event = TimelineEvent.objects.get()
    assert event.timeline.member == people.young_person
