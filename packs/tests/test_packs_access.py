"""Every pack and pledge URL, asked by every kind of person, with GET and POST: the answer
each must get. A programme pack goes to managers and those who run the programme; a handout
to every member; nothing to anyone outside."""

import pytest
from django.urls import reverse

from packs.models import PackKind
from packs.tests.factories import ready_pack
from workshops.tests.factories import first_session
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair

# The programme pack goes to managers too, but not to young people or professionals.
PROGRAMME_PACK_ROLES = {"manager", "co_facilitator", "facilitator"}


def _made(people, kind, session=None):
    return ready_pack(people.facilitator, kind, session)


def _url(name, people, pack):
    """The URL, with a pack made for it where it needs one."""
    if pack == "programme_pack":
        return reverse(name, args=[people.programme.pk, _made(people, PackKind.PROGRAMME).pk])
    if pack == "handout":
        session = first_session(people.programme)
        made = _made(people, PackKind.HANDOUT, session)
        return reverse(name, args=[people.programme.pk, made.pk])
    return reverse(name, args=[people.programme.pk])


def _by_pack_role(get, post):
    """A method the view never takes is 405 for everyone; otherwise 403 without the role."""
    refused = tuple(405 if answer == 405 else 403 for answer in (get, post))
    return answers(refused, (get, post)) | {role: (get, post) for role in PROGRAMME_PACK_ROLES}


# name: (pack, answers). POSTs send no data.
URLS = {
    "packs:pack-list": (None, answers((200, 405), (200, 405))),
    # No kind chosen: back to the list with a message.
    "packs:pack-request": (None, answers((405, 302), (405, 302))),
    "packs:pack-detail": ("programme_pack", _by_pack_role(200, 405)),
    "packs:pack-progress": ("programme_pack", _by_pack_role(286, 405)),
    "packs:pack-retry": ("programme_pack", _by_pack_role(405, 302)),
    "packs:pack-download": ("programme_pack", _by_pack_role(200, 405)),
    # An empty POST is an unsent form: the page again.
    "workshops:pledges": (None, answers((200, 403), (200, 200), manager=(200, 200))),
}
HANDOUT_URLS = {
    "packs:pack-detail": answers((200, 405), (200, 405)),
    "packs:pack-download": answers((200, 405), (200, 405)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_pack_url_answers_each_role_exactly(client, people, name, role):
    pack, table = URLS[name]
    url = _url(name, people, pack)
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, table)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", HANDOUT_URLS)
def test_a_handout_goes_to_every_member_and_nobody_else(client, people, name, role):
    url = _url(name, people, "handout")
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, HANDOUT_URLS[name])
