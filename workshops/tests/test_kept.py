"""Reads kept under the programme's content version (workshops/kept.py): read once a version,
current after every change made through the site, and never served to another member."""

from django.urls import reverse

from voice.models import Reflection
from workshops.kept import kept
from workshops.middleware import programme_content_changed
from workshops.models import Programme
from workshops.tests.factories import first_session


def test_a_kept_read_is_read_once_a_version(people):
    programme = people.programme
    reads = []

    def read():
        reads.append(1)
        return ["Unique", "Global Tastes"]

    assert kept(programme, "ideas", read) == ["Unique", "Global Tastes"]
    assert kept(programme, "ideas", read) == ["Unique", "Global Tastes"]
    assert len(reads) == 1
    programme_content_changed(Programme.objects.filter(pk=programme.pk))
    programme.refresh_from_db()
    assert kept(programme, "ideas", read) == ["Unique", "Global Tastes"]
    assert len(reads) == 2


def _reflect(client, membership, session, text, shared="group"):
    client.force_login(membership.user)
    url = reverse("voice:reflection-add", args=[session.workshop.programme_id, session.pk])
    response = client.post(url, {"text": text, "feeling": "proud", "shared": shared})
    assert response.status_code == 302
    return Reflection.objects.get(text=text)


def test_the_session_page_shows_each_change_made_through_the_site(client, people):
    session = first_session(people.programme)
    url = session.get_absolute_url()
    client.force_login(people.young_person.user)
    page = client.get(url).content.decode()
    assert "Hug in a Mug felt like home" not in page
    assert "Pathway plan" not in page

    _reflect(client, people.professional, session, "Hug in a Mug felt like home")
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:glossary", args=[people.programme.pk]),
        {"term": "Pathway plan", "meaning": "Your plan for leaving care, made with you."},
    )
    assert response.status_code == 302

    client.force_login(people.young_person.user)
    page = client.get(url).content.decode()
    assert "Hug in a Mug felt like home" in page
    assert "Your plan for leaving care, made with you." in page
    assert "You said today went" not in page

    response = client.post(
        reverse("voice:checkout", args=[people.programme.pk, session.pk]),
        {"how_it_went": "4", "went_well": "", "could_be_better": ""},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "You said today went: Well." in page


def test_what_one_member_sees_is_never_served_to_another(client, people):
    session = first_session(people.programme)
    url = session.get_absolute_url()
    _reflect(client, people.young_person, session, "I want my worker to text back", "facilitators")
    # Each looks twice: the second look is read from what the first kept.
    for _ in range(2):
        client.force_login(people.young_person.user)
        assert "I want my worker to text back" in client.get(url).content.decode()
        client.force_login(people.professional.user)
        assert "I want my worker to text back" not in client.get(url).content.decode()
        client.force_login(people.facilitator.user)
        assert "I want my worker to text back" in client.get(url).content.decode()
