"""Quick questions in the room: the facilitator asks, members answer from their phones, the
projector shows the answers without names, and the answers go into the pack."""

import pytest
from django.urls import reverse

from packs.content import programme_pack_content
from voice import selectors, services
from voice.models import Answer, Question, QuestionKind
from workshops import services as workshop_services
from workshops.models import Session
from workshops.tests.factories import MembershipFactory, dated, first_session
from workshops.tests.test_query_counts import SIZES, _grow


@pytest.fixture
def session(people):
    session = dated(first_session(people.programme), 0)
    workshop_services.session_advance(session=session, from_activity_id=None)
    return Session.objects.get(pk=session.pk)


def _url(name, people, session, *extra):
    return reverse(f"voice:{name}", args=[people.programme.pk, session.pk, *extra])


def _ask(client, people, session, **fields):
    client.force_login(people.facilitator.user)
    return client.post(
        _url("question-ask", people, session),
        {"kind": "words", "choices": ""} | fields,
    )


def test_the_facilitator_asks_from_the_run_view_and_every_phone_is_told(client, people, session):
    version = session.run_version
    run = reverse("workshops:session-run", args=[people.programme.pk, session.pk])
    response = _ask(client, people, session, text="One word for how today felt?", next=run)
    assert response.url == run
    question = Question.objects.get()
    assert (question.text, question.kind, question.asked_by) == (
        "One word for how today felt?",
        QuestionKind.WORDS,
        people.facilitator,
    )
    session.refresh_from_db()
    assert session.run_version == version + 1

    client.force_login(people.young_person.user)
    now = client.get(reverse("workshops:session-now", args=[people.programme.pk, session.pk]))
    html = now.content.decode()
    assert "One word for how today felt?" in html
    assert 'name="words"' in html and "Send my answer" in html


def test_members_answer_and_the_projector_shows_words_without_names(client, people, session):
    _ask(client, people, session, text="One word for how today felt?")
    question = Question.objects.get()
    said = {"young_person": "Listened to", "professional": "listened to ", "manager": "Hopeful"}
    for role, words in said.items():
        client.force_login(people.member(role).user)
        response = client.post(
            _url("question-answer", people, session, question.pk), {"words": words}
        )
        assert response.url == session.get_absolute_url() + "#said-question"
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Thank you. Your answer is in, without your name." in page
    assert "Change my answer" in page

    client.force_login(people.facilitator.user)
    run = client.get(reverse("workshops:session-run", args=[people.programme.pk, session.pk]))
    results = run.context["results"]
    assert results.total == 3
    assert [(w.text, w.count, w.size) for w in results.words] == [
        ("Listened to", 2, 5),
        ("Hopeful", 1, 1),
    ]
    html = run.content.decode()
    assert "Listened to" in html and "×2" in html
    for role in said:
        assert people.member(role).user.name not in html


def test_a_member_changes_their_answer_and_still_counts_once(client, people, session):
    _ask(
        client,
        people,
        session,
        text="Which matters most?",
        kind="choice",
        choices="Housing\nMoney\n\nFriends",
    )
    question = Question.objects.get()
    assert question.choice_list() == ["Housing", "Money", "Friends"]
    client.force_login(people.young_person.user)
    answer = _url("question-answer", people, session, question.pk)
    client.post(answer, {"choice": "0"})
    client.post(answer, {"choice": "2"})
    assert Answer.objects.get().choice == 2
    results = selectors.question_results(question)
    assert [(b.label, b.count, b.share) for b in results.bars] == [
        ("Housing", 0, 0),
        ("Money", 0, 0),
        ("Friends", 1, 100),
    ]


def test_a_scale_counts_from_one_to_five(people, session):
    question = services.question_ask(
        session=session,
        by=people.facilitator,
        text="How safe did you feel?",
        kind="scale",
        choices="",
    )
    for member, number in [(people.young_person, 5), (people.professional, 4), (people.manager, 5)]:
        services.answer_give(question=question, member=member, choice=number)
    results = selectors.question_results(question)
    assert [(b.label, b.count) for b in results.bars] == [
        ("1", 0),
        ("2", 0),
        ("3", 0),
        ("4", 1),
        ("5", 2),
    ]


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"text": ""}, "This field is required."),
        ({"text": "Which?", "kind": "choice", "choices": "Only one"}, "Write two to six choices"),
        ({"text": "Which?", "kind": "choice", "choices": "x" * 61 + "\ny"}, "60 letters or fewer"),
    ],
)
def test_a_bad_question_says_why_and_keeps_what_was_typed(client, people, session, fields, error):
    response = _ask(client, people, session, **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.exists()
    if fields.get("choices"):
        assert fields["choices"].splitlines()[0] in response.content.decode()


def test_a_wrong_answer_or_a_closed_question_is_said_and_nothing_changes(client, people, session):
    question = services.question_ask(
        session=session, by=people.facilitator, text="Which?", kind="choice", choices="A\nB"
    )
    client.force_login(people.young_person.user)
    answer = _url("question-answer", people, session, question.pk)
    page = client.post(answer, {"choice": "7"}, follow=True).content.decode()
    assert "Type a few words, or choose an answer, then send it." in page
    services.question_close(question=question)
    page = client.post(answer, {"choice": "1"}, follow=True).content.decode()
    assert "This question has closed. Thank you all the same." in page
    assert not Answer.objects.exists()


def test_asking_again_closes_the_question_before(people, session):
    first = services.question_ask(
        session=session, by=people.facilitator, text="First?", kind="words", choices=""
    )
    second = services.question_ask(
        session=session, by=people.facilitator, text="Second?", kind="words", choices=""
    )
    first.refresh_from_db()
    assert not first.is_open and second.is_open
    assert selectors.open_question(session) == second


def test_the_facilitator_hides_an_answer_from_the_screen_and_the_pack(client, people, session):
    question = services.question_ask(
        session=session, by=people.facilitator, text="One word?", kind="words", choices=""
    )
    for member, words in [
        (people.young_person, "Tom is rubbish"),
        (people.professional, "Warm"),
        (people.manager, "Warm"),
        (MembershipFactory(programme=people.programme), "Heard"),
    ]:
        services.answer_give(question=question, member=member, words=words)
    unkind = Answer.objects.get(words="Tom is rubbish")
    client.force_login(people.co_facilitator.user)
    detail = client.get(_url("question-detail", people, session, question.pk)).content.decode()
    assert "Tom is rubbish" in detail
    client.post(_url("answer-hide", people, session, question.pk, unkind.pk))
    unkind.refresh_from_db()
    assert unkind.hidden
    # Changing a hidden answer does not bring it back.
    services.answer_give(question=question, member=people.young_person, words="Tom is rubbish!")
    assert Answer.objects.get(member=people.young_person).hidden

    results = selectors.question_results(question)
    assert [(w.text, w.count) for w in results.words] == [("Warm", 2), ("Heard", 1)]
    pack = programme_pack_content(people.programme)
    [recorded] = [q for c in pack["chapters"] for s in c["sessions"] for q in s["questions"]]
    assert recorded == {
        "text": "One word?",
        "total": 3,
        "words_held_back": False,
        "words": [{"text": "Warm", "count": 2}, {"text": "Heard", "count": 1}],
        "bars": [],
    }
    assert "Tom" not in str(pack)


def test_the_pack_holds_back_words_when_too_few_answered(people, session):
    question = services.question_ask(
        session=session, by=people.facilitator, text="One word?", kind="words", choices=""
    )
    services.answer_give(question=question, member=people.young_person, words="Lonely")
    pack = programme_pack_content(people.programme)
    [recorded] = [q for c in pack["chapters"] for s in c["sessions"] for q in s["questions"]]
    assert (recorded["words_held_back"], recorded["words"]) == (True, [])
    assert "Lonely" not in str(pack)


@pytest.mark.parametrize("size", SIZES)
def test_the_results_poll_is_cheap_when_nothing_is_new(
    client, people, django_assert_max_num_queries, size
):
    session = _grow(people, **size)
    question = services.question_ask(
        session=session, by=people.facilitator, text="One word?", kind="words", choices=""
    )
    members = list(people.programme.memberships.all())
    for number, member in enumerate(members):
        services.answer_give(question=question, member=member, words=f"word {number % 7}")
    question.refresh_from_db()
    client.force_login(people.facilitator.user)
    url = _url("question-results", people, session, question.pk)
    # The signed-in user, the member, the session, the question: no answers are read.
    with django_assert_max_num_queries(5):
        quiet = client.get(f"{url}?v={question.answers_version}")
    assert (quiet.status_code, quiet.content) == (204, b"")
    with django_assert_max_num_queries(6):
        changed = client.get(f"{url}?v=0")
    assert changed.context["results"].total == len(members)
    assert f"?v={question.answers_version}" in changed.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_the_run_view_with_a_question_holds_its_queries(
    client, people, django_assert_max_num_queries, size
):
    session = _grow(people, **size)
    workshop_services.session_advance(session=session, from_activity_id=None)
    workshop_services.join_code(session)
    question = services.question_ask(
        session=session, by=people.facilitator, text="Which?", kind="choice", choices="A\nB\nC"
    )
    for number, member in enumerate(people.programme.memberships.all()):
        services.answer_give(question=question, member=member, choice=number % 3)
    client.force_login(people.facilitator.user)
    url = reverse("workshops:session-run", args=[people.programme.pk, session.pk])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.context["results"].total == 5 + size["members"]
