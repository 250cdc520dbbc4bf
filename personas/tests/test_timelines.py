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


def _table(client, people, query="") -> str:
    html = client.get(reverse("personas:timelines", args=[people.programme.pk]) + query)
    return html.content.decode()


def test_the_timelines_table_shows_every_change_at_once_though_it_is_kept(client, people):
    timeline = Timeline.objects.create(
        programme=people.programme, member=people.young_person, visibility="group"
    )
    event = TimelineEvent.objects.create(
        timeline=timeline, age=18, kind="service", text="Housing gave me a list", feeling="unsure"
    )
    client.force_login(people.professional.user)
    first = _table(client, people)
    assert "Housing gave me a list" in first
    assert '<span class="feeling">Unsure</span>' in first
    assert '<span class="visually-hidden">A service I used: </span>' in first

    # Changed outside the site's pages too (the key is what the table shows, not a version).
    TimelineEvent.objects.filter(pk=event.pk).update(text="Hug in a Mug helped", feeling="")
    TimelineEvent.objects.create(timeline=timeline, age=19, kind="support", text="A PA")
    changed = _table(client, people)

    assert "Housing gave me a list" not in changed
    assert "Hug in a Mug helped" in changed
    assert '<span class="feeling">Unsure</span>' not in changed
    assert '<span class="visually-hidden">Support I had: </span>A PA' in changed


def test_a_kept_timelines_table_never_shows_members_what_only_facilitators_see(client, people):
    kept = Timeline.objects.create(
        programme=people.programme, member=people.young_person, visibility="facilitators"
    )
    TimelineEvent.objects.create(timeline=kept, age=16, kind="life", text="Moved foster home")
    shared = Timeline.objects.create(
        programme=people.programme, member=people.professional, visibility="group"
    )
    TimelineEvent.objects.create(timeline=shared, age=21, kind="life", text="First job")

    client.force_login(people.facilitator.user)
    everything = _table(client, people, "?all=1")
    as_the_group = _table(client, people)
    client.force_login(people.manager.user)
    manager = _table(client, people)

    assert "Moved foster home" in everything and "facilitators only" in everything
    for page in (as_the_group, manager):
        assert "First job" in page
        assert "Moved foster home" not in page
        assert "facilitators only" not in page
