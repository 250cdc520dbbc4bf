"""The language guide: words to avoid, what to say instead, and gentle hints as people type."""

import pytest
from django.urls import reverse

from voice import services as voice_services
from voice.models import LanguageSuggestion, Reflection
from workshops import selectors, services
from workshops.models import LanguageTerm
from workshops.tests.factories import first_session


def _guide(programme) -> dict[str, str]:
    return dict(programme.language_guide.values_list("avoid", "instead"))


def test_every_programme_starts_with_the_guide_and_copies_keep_its_changes(people):
    guide = _guide(people.programme)
    assert guide["LAC"] == "care experienced, or just their name"
    assert guide["placement"] == "home"
    assert guide["contact"] == "family time"
    assert len(guide) == 10

    LanguageTerm.objects.filter(programme=people.programme, avoid="unit").delete()
    copy = services.programme_copy(
        source=people.programme, name="Next cohort", copied_by=people.facilitator.user
    )
    assert _guide(copy) == _guide(people.programme)
    assert "unit" not in _guide(copy)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I moved placement three times", ["placement"]),
        ("PLACEMENT. Contact was on Fridays", ["contact", "placement"]),
        ("My LAC review, and my case   file", ["case file", "LAC"]),
        ("We had contacts and placements", []),  # other words, not the listed ones
        ("A lacrosse match in the community unit", ["unit"]),
        ("", []),
    ],
)
def test_words_are_found_whole_in_any_case(people, text, found):
    terms = people.programme.language_guide.all()
    assert sorted(t.avoid for t in selectors.language_matches(text, terms)) == sorted(found)


def test_the_hint_suggests_and_the_reflection_is_saved_as_written(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    check = reverse("workshops:language-check", args=[people.programme.pk])

    hint = client.post(check, {"text": "My placement ended"}).content.decode()
    assert "A thought: many people prefer “home” to “placement”." in hint
    assert "It's only a suggestion. What you write is up to you." in hint
    assert client.post(check, {"text": "My home"}).content == b""

    response = client.post(
        reverse("voice:reflection-add", args=[people.programme.pk, session.pk]),
        {"text": "My placement ended", "shared": "group"},
        follow=True,
    )
    assert Reflection.objects.get().text == "My placement ended"
    html = response.content.decode()
    assert (
        "You wrote “placement”. Many people prefer “home”. You can change it if you like." in html
    )


def test_forms_ask_for_hints_as_people_type(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    html = client.get(session.get_absolute_url()).content.decode()
    check = reverse("workshops:language-check", args=[people.programme.pk])
    assert f'data-hx-post="{check}"' in html
    assert 'data-hx-target="#language-hint-text"' in html
    assert '<div id="language-hint-text" class="language-hint" role="status"></div>' in html


def test_a_member_suggests_and_a_facilitator_accepts(client, people):
    client.force_login(people.young_person.user)
    url = reverse("voice:language-guide", args=[people.programme.pk])
    client.post(
        url,
        {"avoid": "Service user", "instead": "young person", "why": "We are people."},
    )
    suggestion = LanguageSuggestion.objects.get()
    assert suggestion.status == "open"
    assert "service user" not in {avoid.lower() for avoid in _guide(people.programme)}
    assert "Waiting" in client.get(url).content.decode()

    client.force_login(people.facilitator.user)
    assert "Service user" in client.get(url).content.decode()
    accept = reverse("voice:language-accept", args=[people.programme.pk, suggestion.pk])
    assert client.post(accept).status_code == 302

    assert _guide(people.programme)["Service user"] == "young person"
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("accepted", people.facilitator)


def test_a_suggestion_for_a_word_in_the_guide_changes_that_entry(client, people):
    client.force_login(people.professional.user)
    url = reverse("voice:language-guide", args=[people.programme.pk])
    client.post(url, {"avoid": "placement", "instead": "where I live", "why": ""})
    suggestion = LanguageSuggestion.objects.get()
    assert suggestion.term.avoid == "placement"

    voice_services.language_accept(suggestion=suggestion, by=people.facilitator)

    assert _guide(people.programme)["placement"] == "where I live"
    assert len(_guide(people.programme)) == 10


def test_a_facilitators_change_goes_straight_in_and_declines_are_kept(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("voice:language-guide", args=[people.programme.pk])
    client.post(url, {"avoid": "client", "instead": "young person", "why": ""})
    assert _guide(people.programme)["client"] == "young person"

    idea = LanguageSuggestion.objects.create(
        programme=people.programme, suggested_by=people.manager, avoid="kid", instead="child"
    )
    decline = reverse("voice:language-decline", args=[people.programme.pk, idea.pk])
    client.post(decline)
    idea.refresh_from_db()
    assert idea.status == "declined"
    assert "kid" not in _guide(people.programme)
    assert client.post(decline).status_code == 404  # decided already
