"""Voice pages hold a fixed number of queries however many reflections and photos there are."""

import pytest
from django.urls import reverse

from voice import services as voice_services
from voice.models import CheckOut, LanguageSuggestion, Reflection, Shared
from voice.selectors import PER_PAGE, PHOTOS_SHOWN, REFLECTIONS_SHOWN
from workshops import services as workshop_services
from workshops.tests.factories import MembershipFactory, first_session, make_photo

SIZES = [
    pytest.param({"reflections": 3, "photos": 1}, id="small"),
    pytest.param({"reflections": 300, "photos": 50}, id="large"),
]


def _grow(people, *, reflections: int, photos: int):
    session = first_session(people.programme)
    members = [
        MembershipFactory(programme=people.programme, role="young_person") for _ in range(10)
    ]
    Reflection.objects.bulk_create(
        Reflection(
            session=session,
            author=members[number % 10],
            text=f"Reflection {number}",
            feeling="proud",
            shared=Shared.FACILITATORS if number % 3 == 0 else Shared.GROUP,
            anonymous=number % 2 == 0,
            wants_a_chat=number % 7 == 0,
        )
        for number in range(reflections)
    )
    for reflection in Reflection.objects.all()[: reflections // 3]:
        voice_services.reflection_report(
            reflection=reflection, reporter=people.manager, reason="Hmm"
        )
    for number in range(photos):
        make_photo(session, members[number % 10], caption=f"Photo {number}")
    CheckOut.objects.bulk_create(
        CheckOut(session=session, membership=member, how_it_went=1 + number % 5)
        for number, member in enumerate(members)
    )
    LanguageSuggestion.objects.bulk_create(
        LanguageSuggestion(
            programme=people.programme, suggested_by=member, avoid=f"word {n}", instead="other"
        )
        for n, member in enumerate(members)
    )
    # Quick questions asked in the room, one for every 100 reflections, all answered.
    for number in range(1 + reflections // 100):
        question = voice_services.question_ask(
            session=session,
            by=people.facilitator,
            text=f"One word {number}?",
            kind="words",
            choices="",
        )
        for member in members:
            voice_services.answer_give(question=question, member=member, words=f"word {number}")
        voice_services.question_close(question=question)
    session.refresh_from_db()
    return session


@pytest.mark.parametrize("size", SIZES)
# Those who run the programme also read how many open reports each shown reflection has.
# The quick questions asked are two more: the questions, and their answers.
@pytest.mark.parametrize(
    # A facilitator's page has the facilitators' own reflections on it: one more, the record
    # that they were opened (workshops/looks.py).
    ("role", "bound"),
    [("facilitator", 18), ("young_person", 15), ("manager", 15)],
)
def test_session_page(client, people, django_assert_max_num_queries, size, role, bound):
    session = _grow(people, **size)
    client.force_login(people.member(role).user)
    with django_assert_max_num_queries(bound):
        response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["photos"]) == min(size["photos"], PHOTOS_SHOWN)
    assert response.context["more_photos"] is (size["photos"] > PHOTOS_SHOWN)
    assert len(response.context["reflections"]) <= REFLECTIONS_SHOWN


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["facilitator", "young_person"])
def test_the_session_page_looked_at_again(
    client, people, django_assert_max_num_queries, size, role
):
    """Nothing changed since the last look: what the page shows of the programme and the
    session is kept (workshops/kept.py). Left to read: the browser's session, the user, the
    membership (with the programme's content version) and the session (with its voice
    version). The session is running, so the page has its 'now' box too. A facilitator's
    look at reflections meant for them alone is written down each time: one more."""
    session = _grow(people, **size)
    workshop_services.session_advance(session=session, from_activity_id=None)
    session.refresh_from_db()
    client.force_login(people.member(role).user)
    first = client.get(session.get_absolute_url())
    with django_assert_max_num_queries(5 if role == "facilitator" else 4):
        again = client.get(session.get_absolute_url())
    assert again.status_code == 200
    assert again.context["current"] == first.context["current"] is not None
    assert again.context["reflections"] == first.context["reflections"]
    assert [photo.pk for photo in again.context["photos"]] == [
        photo.pk for photo in first.context["photos"]
    ]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", ["session-reflections", "session-photos"])
def test_the_pages_of_every_reflection_and_photo(
    client, people, django_assert_max_num_queries, size, page
):
    session = _grow(people, **size)
    client.force_login(people.facilitator.user)
    url = reverse(f"voice:{page}", args=[people.programme.pk, session.pk])
    with django_assert_max_num_queries(10):
        response = client.get(f"{url}?page=2")
    assert response.status_code == 200
    listed = response.context["page"]
    total = size["reflections" if page == "session-reflections" else "photos"]
    assert listed.paginator.count == total
    assert len(listed.object_list) == (
        min(PER_PAGE, total - PER_PAGE) if total > PER_PAGE else total
    )


@pytest.mark.parametrize("size", SIZES)
def test_the_poll_with_nothing_new(client, people, django_assert_max_num_queries, size):
    session = _grow(people, **size)
    client.force_login(people.young_person.user)
    url = reverse("voice:session-voice", args=[people.programme.pk, session.pk])
    with django_assert_max_num_queries(4):
        response = client.get(f"{url}?version={session.voice_version}")
    assert response.status_code == 204
    with django_assert_max_num_queries(7):
        response = client.get(f"{url}?version=0")
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("name", "bound"),
    # The asks for a chat: and the record that they were opened (workshops/looks.py).
    [("attention", 7), ("feedback", 5), ("language-guide", 6)],
)
def test_programme_pages(client, people, django_assert_max_num_queries, size, name, bound):
    _grow(people, **size)
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(bound):
        response = client.get(reverse(f"voice:{name}", args=[people.programme.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboard_counts_what_waits(client, people, django_assert_max_num_queries, size):
    _grow(people, **size)
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("workshops:dashboard"))
    [membership] = response.context["memberships"]
    expected_chats = len(range(0, size["reflections"], 7))
    assert membership.chats == expected_chats
    assert membership.reported == size["reflections"] // 3
