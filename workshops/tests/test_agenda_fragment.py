"""The agenda is served from the fragment cache, keyed by the programme's content version:
whatever it shows changing through the site makes a new one, and nobody is served another's
copy (those who run the programme get their own, with their own CSRF token)."""

from django.urls import reverse

from workshops.middleware import programme_content_changed
from workshops.models import Activity, GlossaryTerm, Programme
from workshops.tests.factories import first_session


def _changed_outside_the_site(programme):
    """What a change made outside a request must do (the site's own requests do it)."""
    programme_content_changed(Programme.objects.filter(pk=programme.pk))


def _agenda(client, session) -> str:
    html = client.get(session.get_absolute_url()).content.decode()
    start = html.index('<div id="agenda">')
    return html[start : html.index("</ol>", start)]


def test_members_get_the_agenda_from_the_cache_as_it_is_now(client, people):
    session = first_session(people.programme)
    activity = session.activities.first()
    client.force_login(people.young_person.user)
    before = _agenda(client, session)
    assert activity.title in before
    assert "Move up" not in before

    client.force_login(people.professional.user)
    assert _agenda(client, session) == before

    client.force_login(people.facilitator.user)
    edit = reverse("workshops:activity-edit", args=[people.programme.pk, session.pk, activity.pk])
    saved = client.post(
        edit,
        {"title": "Hug in a Mug: warm drinks", "minutes": activity.minutes, "instructions": ""},
    )
    assert saved.status_code == 302
    client.force_login(people.young_person.user)
    assert "Hug in a Mug: warm drinks" in _agenda(client, session)


def test_a_glossary_word_changed_shows_its_new_meaning(client, people):
    session = first_session(people.programme)
    activity = session.activities.first()
    Activity.objects.filter(pk=activity.pk).update(title="Making a persona")
    term, _ = GlossaryTerm.objects.update_or_create(
        programme=people.programme, term="persona", defaults={"meaning": "A made-up person"}
    )
    _changed_outside_the_site(people.programme)
    client.force_login(people.young_person.user)
    assert 'title="A made-up person"' in _agenda(client, session)

    GlossaryTerm.objects.filter(pk=term.pk).update(meaning="Someone we imagine together")
    assert 'title="A made-up person"' in _agenda(client, session)  # not yet told
    _changed_outside_the_site(people.programme)
    assert 'title="Someone we imagine together"' in _agenda(client, session)


def test_those_who_run_it_get_their_own_agenda_with_its_forms(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    _agenda(client, session)  # now in the cache

    client.force_login(people.facilitator.user)
    theirs = _agenda(client, session)
    assert "Move up" in theirs
    assert 'name="csrfmiddlewaretoken"' in theirs


def test_a_kept_agenda_carries_each_facilitator_s_own_csrf_token(people):
    """Those who run the programme are served the agenda from the cache too: its forms must
    hold the viewer's own CSRF token, never the one of whoever it was first drawn for, and
    moving an activity with it must work with CSRF checks on."""
    import re

    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client
    from django.urls import reverse

    from workshops.fragments import CSRF_MARK

    session = first_session(people.programme)
    first, second = session.activities.all()[:2]
    agendas = {}
    for person in ("facilitator", "co_facilitator"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(people.member(person).user)
        html = _agenda(client, session)
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert len(tokens) == 1, person
        (token,) = tokens
        assert _unmask_cipher_token(token) == client.cookies["csrftoken"].value
        agendas[person] = (client, token, html)

    assert CSRF_MARK not in agendas["facilitator"][2]
    assert agendas["facilitator"][1] != agendas["co_facilitator"][1]
    client, token, _html = agendas["co_facilitator"]
    moved = client.post(
        reverse("workshops:activity-move", args=[people.programme.pk, session.pk, second.pk]),
        {"direction": "up", "csrfmiddlewaretoken": token},
    )
    assert moved.status_code == 302
    assert list(session.activities.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]
    # The move is on the next view, for both.
    for person in ("facilitator", "co_facilitator"):
        html = _agenda(agendas[person][0], session)
        assert html.index(f'id="up-{second.pk}"') < html.index(f'id="up-{first.pk}"'), person
