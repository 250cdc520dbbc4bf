"""Members who do not run the programme are served the agenda from the fragment cache;
whatever it shows changing makes a new one, and nobody is served another's copy."""

from workshops.models import Activity, GlossaryTerm
from workshops.tests.factories import first_session


def _agenda(client, session) -> str:
    html = client.get(session.get_absolute_url()).content.decode()
    start = html.index('<div id="agenda">')
    return html[start : html.index('<p class="agenda__total">', start)]


def test_members_get_the_agenda_from_the_cache_as_it_is_now(client, people):
    session = first_session(people.programme)
    activity = session.activities.first()
    client.force_login(people.young_person.user)
    before = _agenda(client, session)
    assert activity.title in before
    assert "Move up" not in before

    client.force_login(people.professional.user)
    assert _agenda(client, session) == before

    Activity.objects.filter(pk=activity.pk).update(title="Hug in a Mug: warm drinks")
    client.force_login(people.young_person.user)
    assert "Hug in a Mug: warm drinks" in _agenda(client, session)


def test_a_glossary_word_changed_shows_its_new_meaning(client, people):
    session = first_session(people.programme)
    activity = session.activities.first()
    Activity.objects.filter(pk=activity.pk).update(title="Making a persona")
    term, _ = GlossaryTerm.objects.update_or_create(
        programme=people.programme, term="persona", defaults={"meaning": "A made-up person"}
    )
    client.force_login(people.young_person.user)
    assert 'title="A made-up person"' in _agenda(client, session)

    GlossaryTerm.objects.filter(pk=term.pk).update(meaning="Someone we imagine together")
    assert 'title="Someone we imagine together"' in _agenda(client, session)


def test_those_who_run_it_get_their_own_agenda_with_its_forms(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    _agenda(client, session)  # now in the cache

    client.force_login(people.facilitator.user)
    theirs = _agenda(client, session)
    assert "Move up" in theirs
    assert 'name="csrfmiddlewaretoken"' in theirs
