"""Every voice URL, asked by every kind of person, with GET and POST: the answer each must get.

Reflections and photos belong to their writers: only Kayla (the young person) may change the
reflection and photo she added, and facilitators may also change or remove a photo. What the
facilitators keep to themselves must reach nobody else, on any page or partial.
"""

import pytest
from django.urls import reverse

from voice import services as voice_services
from voice.models import Answer, LanguageSuggestion, Photo, Question, Reflection, Shared
from workshops.tests.factories import MembershipFactory, first_session, make_photo, make_reflection
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair

PRIVATE_TEXT = "Only for Jo: the timelines brought back hard memories"
ANONYMOUS_TEXT = "I was worried about being judged at first"


def _voice(people):
    """Kayla's anonymous reflection and photo, Tom's private ask for a chat, an idea for the
    language guide waiting for a facilitator."""
    session = first_session(people.programme)
    anonymous = make_reflection(session, people.young_person, ANONYMOUS_TEXT, anonymous=True)
    make_reflection(
        session,
        people.professional,
        PRIVATE_TEXT,
        feeling="worried",
        shared=Shared.FACILITATORS,
        wants_a_chat=True,
    )
    photo = make_photo(session, people.young_person)
    suggestion = voice_services.language_suggest(
        suggested_by=people.professional,
        term=None,
        avoid="service user",
        instead="young person",
        why="",
    )
    question = voice_services.question_ask(
        session=session, by=people.facilitator, text="One word?", kind="words", choices=""
    )
    answer = voice_services.answer_give(question=question, member=people.manager, words="Warm")
    return {
        "programme_id": people.programme.pk,
        "session_id": session.pk,
        "question_id": question.pk,
        "answer_id": answer.pk,
        "reflection_id": anonymous.pk,
        "photo_id": photo.pk,
        "term_id": people.programme.language_guide.first().pk,
        "suggestion_id": suggestion.pk,
    }


MEMBERS = answers((200, 200), (200, 200))
RUNNERS_ONLY = answers((403, 403), (200, 200))
RUNNERS_ACT = answers((405, 403), (405, 302))
READ_ONLY = answers((200, 405), (200, 405))
KAYLAS_OWN = answers((404, 404), (404, 404), young_person=(200, 200))

# name: (arguments, answers). POSTs send no data: a form answers 200 with its errors.
URLS = {
    "voice:question-ask": ("programme_id session_id", RUNNERS_ONLY),
    "voice:question-detail": (
        "programme_id session_id question_id",
        answers((403, 405), (200, 405)),
    ),
    # With no answer sent, members are told what to do, back on the session page.
    "voice:question-answer": (
        "programme_id session_id question_id",
        answers((405, 302), (405, 302)),
    ),
    "voice:question-results": ("programme_id session_id question_id", READ_ONLY),
    "voice:question-close": ("programme_id session_id question_id", RUNNERS_ACT),
    "voice:answer-hide": ("programme_id session_id question_id answer_id", RUNNERS_ACT),
    "voice:session-voice": ("programme_id session_id", READ_ONLY),
    "voice:session-reflections": ("programme_id session_id", READ_ONLY),
    "voice:session-photos": ("programme_id session_id", READ_ONLY),
    "voice:reflection-add": ("programme_id session_id", MEMBERS),
    "voice:reflection-edit": ("programme_id session_id reflection_id", KAYLAS_OWN),
    "voice:reflection-delete": (
        "programme_id session_id reflection_id",
        answers((404, 404), (404, 404), young_person=(200, 302)),
    ),
    "voice:reflection-report": (
        "programme_id session_id reflection_id",
        # Not your own: that is yours to change or remove.
        answers((200, 302), (200, 302), young_person=(404, 404)),
    ),
    "voice:reflection-hide": ("programme_id session_id reflection_id", RUNNERS_ONLY),
    "voice:reflection-restore": ("programme_id session_id reflection_id", RUNNERS_ACT),
    "voice:reflection-keep": ("programme_id session_id reflection_id", RUNNERS_ACT),
    "voice:reflection-talked": ("programme_id session_id reflection_id", RUNNERS_ACT),
    "voice:photo-add": ("programme_id session_id", MEMBERS),
    "voice:photo-full": ("programme_id session_id photo_id", READ_ONLY),
    "voice:photo-thumbnail": ("programme_id session_id photo_id", READ_ONLY),
    "voice:photo-edit": (
        "programme_id session_id photo_id",
        answers((404, 404), (200, 200), young_person=(200, 200)),
    ),
    "voice:photo-delete": (
        "programme_id session_id photo_id",
        answers((404, 404), (200, 302), young_person=(200, 302)),
    ),
    "voice:checkout": ("programme_id session_id", answers((405, 200), (405, 200))),
    # Managers see the check-out answers too, as the check-out form tells everyone.
    "voice:feedback": ("programme_id", answers((403, 405), (200, 405), manager=(200, 405))),
    "voice:attention": ("programme_id", answers((403, 405), (200, 405))),
    "voice:language-guide": ("programme_id", MEMBERS),
    "workshops:language-check": ("programme_id", answers((405, 200), (405, 200))),
    "voice:language-delete": ("programme_id term_id", answers((403, 403), (200, 302))),
    "voice:language-accept": ("programme_id suggestion_id", RUNNERS_ACT),
    "voice:language-decline": ("programme_id suggestion_id", RUNNERS_ACT),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_voice_url_answers_each_role_exactly(client, people, name, role):
    arguments, table = URLS[name]
    ids = _voice(people)
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client = client_for(client, people, role)
    get_answer, post_answer = expected_pair(role, table)

    assert client.get(url).status_code == get_answer, ("GET", url)
    assert client.post(url).status_code == post_answer, ("POST", url)


@pytest.mark.parametrize(
    "name", [name for name, (arguments, _) in URLS.items() if arguments != "programme_id"]
)
def test_ids_from_another_programme_are_not_found_through_your_own(client, people, name):
    """A facilitator who swaps in another programme's ids, GET or POST, gets 404, and nothing
    in the other programme changes."""
    arguments, _ = URLS[name]
    other_facilitator = people.outsider.memberships.get()
    other_session = first_session(other_facilitator.programme)
    reflection = make_reflection(other_session, other_facilitator, "Riverside's reflection")
    voice_services.reflection_report(reflection=reflection, reporter=other_facilitator, reason="")
    question = voice_services.question_ask(
        session=other_session, by=other_facilitator, text="Riverside's?", kind="words", choices=""
    )
    answer = voice_services.answer_give(question=question, member=other_facilitator, words="Ours")
    other = {
        "programme_id": people.programme.pk,
        "session_id": other_session.pk,
        "question_id": question.pk,
        "answer_id": answer.pk,
        "reflection_id": reflection.pk,
        "photo_id": make_photo(other_session, other_facilitator).pk,
        "term_id": other_facilitator.programme.language_guide.first().pk,
        "suggestion_id": LanguageSuggestion.objects.create(
            programme=other_facilitator.programme,
            suggested_by=other_facilitator,
            avoid="client",
            instead="young person",
        ).pk,
    }
    client.force_login(people.facilitator.user)
    url = reverse(name, kwargs={key: other[key] for key in arguments.split()})
    before = (
        list(Question.objects.values()),
        list(Answer.objects.values()),
        list(Reflection.objects.values()),
        list(Photo.objects.values()),
        list(LanguageSuggestion.objects.values()),
        people.outsider.memberships.get().programme.language_guide.count(),
    )

    assert client.get(url).status_code in (404, 405)
    response = client.post(url, {"hidden_reason": "x", "text": "x", "alt_text": "x", "words": "x"})
    assert response.status_code == (405 if URLS[name][1]["facilitator"][1] == 405 else 404)

    after = (
        list(Question.objects.values()),
        list(Answer.objects.values()),
        list(Reflection.objects.values()),
        list(Photo.objects.values()),
        list(LanguageSuggestion.objects.values()),
        people.outsider.memberships.get().programme.language_guide.count(),
    )
    assert after == before


def _every_page_a_member_can_read(people, ids):
    """Every GET in the programme that answers a member, voice partials included."""
    from personas.tests.test_access import URLS as PERSONA_URLS
    from workshops.tests.test_access import PROGRAMME_URLS

    names = {
        name: arguments
        for name, (arguments, get_answers, _) in {**PROGRAMME_URLS, **PERSONA_URLS}.items()
        if get_answers is not None and "member_id" not in arguments
    }
    names |= {name: arguments for name, (arguments, _) in URLS.items()}
    names |= {"workshops:dashboard": ""}
    urls = []
    for name, arguments in names.items():
        if any(key not in ids for key in arguments.split()):
            continue
        urls.append(reverse(name, kwargs={key: ids[key] for key in arguments.split()}))
    return urls


@pytest.mark.parametrize("role", ["another_professional", "manager", "co_facilitator"])
def test_private_reflections_chats_and_anonymous_names_reach_nobody_else(client, people, role):
    """Kayla's name never stands by her anonymous reflection, and the professional's private
    reflection and ask for a chat reach nobody but the facilitators, on any page or partial."""
    ids = _voice(people)
    people.young_person.user.display_name = "Kayla Quinn-Okafor"
    people.young_person.user.save()
    if role == "another_professional":
        client.force_login(MembershipFactory(programme=people.programme, role="professional").user)
    else:
        client = client_for(client, people, role)
    urls = _every_page_a_member_can_read(people, ids)
    assert len(urls) > 25

    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        html = response.content.decode()
        if ANONYMOUS_TEXT in html and role != "co_facilitator":
            # Wherever her reflection is, her name is not (the members page lists her, on
            # its own, as it should).
            assert "Quinn-Okafor" not in html, url
        if role != "co_facilitator":
            assert PRIVATE_TEXT not in html, url
            assert "ould like someone to talk to" not in html, url
            assert "sked for someone to talk to" not in html, url

    session_url = reverse("workshops:session-detail", args=[ids["programme_id"], ids["session_id"]])
    html = client.get(session_url).content.decode()
    assert ANONYMOUS_TEXT in html
    if role == "co_facilitator":
        assert PRIVATE_TEXT in html
        assert "Would like someone to talk to" in html
        assert "Quinn-Okafor" in html
    else:
        assert "Someone in the group" in html
