"""Every URL, asked by every kind of person, with GET and POST: the answer each must get.

Anonymous people are sent to sign in; people outside the programme get 404, so they cannot
tell that it exists; members whose role may not do a thing get 403; the rest get the page
(200) or are sent on after a change (302). 405 means the URL does not take that method.
"""

import pytest
from django.urls import get_resolver, reverse

from accounts import services as invitation_services
from workshops.models import Role
from workshops.tests.factories import MembershipFactory

from .matrix import READERS, ROLES, RUNNERS
from .matrix import client_for as _client_for
from .matrix import expected as _expected


def _ids(people):
    """The objects that the programme's URLs name."""
    session = people.programme.workshops.get(number=1).sessions.get()
    invitation, _ = invitation_services.invitation_create(
        programme=people.programme,
        name="Reece",
        email="",
        role=Role.YOUNG_PERSON,
        agency="",
        created_by=people.facilitator.user,
    )
    return {
        "programme_id": people.programme.pk,
        "session_id": session.pk,
        "workshop_id": session.workshop_id,
        "activity_id": session.activities.first().pk,
        "term_id": people.programme.glossary.first().pk,
        "invitation_id": invitation.pk,
        "member_id": people.young_person.pk,
    }


# name: (arguments it takes, (reader GET, runner GET), (reader POST, runner POST)).
# None for a method the URL does not take. POSTs send no data, so a form answers 200 with
# its errors and an action answers 302.
PROGRAMME_URLS = {
    "workshops:programme-detail": ("programme_id", (200, 200), None),
    "workshops:members": ("programme_id", (200, 200), None),
    "workshops:ground-rules": ("programme_id", (200, 200), (403, 200)),
    "workshops:ground-rules-agree": ("programme_id", (200, 200), (302, 302)),
    "workshops:glossary": ("programme_id", (200, 200), (403, 200)),
    "workshops:session-detail": ("programme_id session_id", (200, 200), None),
    "workshops:programme-edit": ("programme_id", (403, 200), (403, 200)),
    "workshops:programme-copy": ("programme_id", (403, 200), (403, 200)),
    "workshops:glossary-edit": ("programme_id term_id", (403, 200), (403, 200)),
    "workshops:glossary-delete": ("programme_id term_id", (403, 200), (403, 302)),
    "workshops:workshop-edit": ("programme_id workshop_id", (403, 200), (403, 200)),
    "workshops:session-edit": ("programme_id session_id", (403, 200), (403, 200)),
    "workshops:session-run": ("programme_id session_id", (403, 200), None),
    "workshops:session-advance": ("programme_id session_id", None, (403, 302)),
    "workshops:session-back": ("programme_id session_id", None, (403, 302)),
    "workshops:session-run-reset": ("programme_id session_id", None, (403, 302)),
    "workshops:session-pause": ("programme_id session_id", None, (403, 302)),
    "workshops:session-more-time": ("programme_id session_id", None, (403, 302)),
    "workshops:session-screen": ("programme_id session_id", (403, 200), None),
    # Every member's screen follows the run: with no version given, the "now" box is sent.
    "workshops:session-now": ("programme_id session_id", (200, 200), None),
    "workshops:attendance": ("programme_id session_id", (403, 200), (403, 302)),
    "workshops:activity-add": ("programme_id session_id", (403, 200), (403, 200)),
    "workshops:activity-add-method": ("programme_id session_id", None, (403, 302)),
    "workshops:activity-edit": ("programme_id session_id activity_id", (403, 200), (403, 200)),
    "workshops:activity-delete": (
        "programme_id session_id activity_id",
        (403, 200),
        (403, 302),
    ),
    "workshops:activity-to-library": ("programme_id session_id activity_id", None, (403, 302)),
    # Sent with no direction, a move is refused as a bad request.
    "workshops:activity-move": ("programme_id session_id activity_id", None, (403, 400)),
    # Sent with no minutes, new minutes are refused with a message, back on the session page.
    "workshops:activity-minutes": ("programme_id session_id activity_id", None, (403, 302)),
    "accounts:invitation-create": ("programme_id", (403, 200), (403, 200)),
    "accounts:invitation-detail": ("programme_id invitation_id", (403, 200), None),
    "accounts:invitation-renew": ("programme_id invitation_id", None, (403, 302)),
    "accounts:invitation-revoke": ("programme_id invitation_id", None, (403, 302)),
    "accounts:member-password-reset": ("programme_id member_id", None, (403, 302)),
    "accounts:member-password-link": ("programme_id member_id", (403, 200), None),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PROGRAMME_URLS)
def test_programme_urls_answer_each_role_exactly(client, people, name, role):
    arguments, get_answers, post_answers = PROGRAMME_URLS[name]
    ids = _ids(people)
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client = _client_for(client, people, role)

    response = client.get(url)
    assert response.status_code == _expected(role, get_answers), ("GET", url)
    if role == "anonymous" and get_answers is not None:
        assert response.url == f"{reverse('login')}?next={url}"

    response = client.post(url)
    assert response.status_code == _expected(role, post_answers), ("POST", url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["workshops:dashboard", "workshops:method-library"])
def test_site_pages_need_sign_in_only(client, people, name, role):
    client = _client_for(client, people, role)
    response = client.get(reverse(name))
    assert response.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_people_who_run_a_programme_may_start_another(client, people, role):
    """The outsider runs a programme of their own, so they may start one too."""
    client = _client_for(client, people, role)
    url = reverse("workshops:programme-create")
    expected = {
        "anonymous": 302,
        "outsider": 200,
        **dict.fromkeys(READERS, 403),
        **dict.fromkeys(RUNNERS, 200),
    }[role]
    assert client.get(url).status_code == expected
    assert client.post(url).status_code == expected
    if role in READERS:
        dashboard = client.get(reverse("workshops:dashboard")).content.decode()
        assert "Start a new programme" not in dashboard


def test_site_staff_let_a_facilitator_start_programmes(client, db):
    from workshops.tests.factories import UserFactory

    newcomer = UserFactory()
    client.force_login(newcomer)
    assert client.get(reverse("workshops:programme-create")).status_code == 403
    newcomer.can_start_programmes = True
    newcomer.save()
    assert client.get(reverse("workshops:programme-create")).status_code == 200
    assert "Start a new programme" in client.get(reverse("workshops:dashboard")).content.decode()


def test_an_id_from_another_programme_is_not_found(client, people):
    """A facilitator of one programme cannot reach another's session through their own."""
    other_session = (
        people.outsider.memberships.get().programme.workshops.get(number=1).sessions.get()
    )
    client.force_login(people.facilitator.user)
    url = reverse(
        "workshops:session-detail",
        kwargs={"programme_id": people.programme.pk, "session_id": other_session.pk},
    )
    assert client.get(url).status_code == 404
    advance = reverse(
        "workshops:session-advance",
        kwargs={"programme_id": people.programme.pk, "session_id": other_session.pk},
    )
    assert client.post(advance).status_code == 404
    other_session.refresh_from_db()
    assert other_session.started_at is None


def test_outsider_page_does_not_name_the_programme(client, people):
    client.force_login(people.outsider)
    response = client.get(people.programme.get_absolute_url())
    assert response.status_code == 404
    assert people.programme.name not in response.content.decode()


def test_a_member_who_has_not_agreed_is_asked_to_agree_first(client, people):
    people.young_person.agreed_ground_rules_at = None
    people.young_person.save()
    client.force_login(people.young_person.user)
    url = people.programme.get_absolute_url()

    response = client.get(url)

    agree = reverse("workshops:ground-rules-agree", args=[people.programme.pk])
    assert response.status_code == 302
    assert response.url == f"{agree}?next={url.replace('/', '%2F')}"
    page = client.get(response.url).content.decode()
    assert "What is said in the group stays in the group." in page

    response = client.post(agree, {"next": url})
    assert response.status_code == 302
    assert response.url == url
    people.young_person.refresh_from_db()
    assert people.young_person.agreed_ground_rules_at is not None
    assert client.get(url).status_code == 200


def test_agreeing_does_not_send_people_off_site(client, people):
    client.force_login(people.young_person.user)
    agree = reverse("workshops:ground-rules-agree", args=[people.programme.pk])
    response = client.post(agree, {"next": "https://evil.example.com/"})
    assert response.url == people.programme.get_absolute_url()


@pytest.mark.parametrize(
    "name",
    [name for name, (arguments, *_) in PROGRAMME_URLS.items() if arguments != "programme_id"],
)
def test_ids_from_another_programme_are_not_found_through_your_own(client, people, name):
    """Every object id in a URL is looked up inside the programme in the URL: a facilitator
    who swaps in an id from another programme, GET or POST, gets 404 and changes nothing."""
    arguments, get_answers, post_answers = PROGRAMME_URLS[name]
    other = people.outsider.memberships.get().programme
    other_people = type(people)(
        programme=other,
        facilitator=other.memberships.get(),
        co_facilitator=None,
        young_person=MembershipFactory(programme=other, role=Role.YOUNG_PERSON),
        professional=None,
        manager=None,
        outsider=None,
    )
    theirs = _ids(other_people)
    ours = _ids(people)
    ids = {**theirs, "programme_id": ours["programme_id"]}
    url = reverse(name, kwargs={key: ids[key] for key in arguments.split()})
    client.force_login(people.facilitator.user)
    before = _snapshot(other)

    if get_answers is not None:
        assert client.get(url).status_code == 404
    if post_answers is not None:
        assert client.post(url, {"direction": "up", "present": [1]}).status_code == 404
    assert _snapshot(other) == before


def _snapshot(programme):
    session = programme.workshops.get(number=1).sessions.get()
    return (
        list(session.activities.values_list("id", "order", "actual_start")),
        list(programme.glossary.values_list("id", "term")),
        list(programme.invitations.values_list("id", "token_hash", "revoked_at")),
        session.started_at,
    )


def test_an_activity_of_another_session_in_the_same_programme_is_not_found(client, people):
    first, second = (w.sessions.get() for w in people.programme.workshops.all()[:2])
    activity = second.activities.first()
    client.force_login(people.facilitator.user)
    url = reverse("workshops:activity-edit", args=[people.programme.pk, first.pk, activity.pk])
    assert client.get(url).status_code == 404


def _routes(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _routes(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif pattern.name:
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)


def test_every_programme_url_is_in_an_access_matrix():
    """A new page inside a programme must join a matrix that proves who gets what."""
    from blueprints.tests import test_access as blueprints_matrix
    from packs.tests import test_packs_access
    from personas.tests import test_access as personas_matrix
    from privacy.tests import test_erasure, test_retention
    from showcases.tests import test_actions, test_showcases
    from voice.tests import test_voice_access

    in_matrices = {
        *PROGRAMME_URLS,
        *personas_matrix.URLS,
        *blueprints_matrix.URLS,
        *test_voice_access.URLS,
        *test_packs_access.URLS,
        *test_packs_access.HANDOUT_URLS,
        *test_actions.URLS,
        *test_showcases.URLS,
        *test_erasure.URLS,
        *test_retention.URLS,
    }
    programme_urls = {
        name
        for name, route in _routes(get_resolver().url_patterns)
        if "programmes/<int:programme_id>/" in route
    }

    assert {"workshops:programme-detail", "showcases:quote-remove"} <= programme_urls
    assert sorted(programme_urls - in_matrices) == []
