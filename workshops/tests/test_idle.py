"""A hub laptop left signed in signs itself out after 20 minutes with nobody there. Pages,
forms and a tap on "Stay signed in" count as someone there; polls in the background do not."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import Page, expect

from codesign.idle import LAST_ACTIVE
from workshops.tests.factories import PASSWORD, UserFactory, first_session

LIMIT = 20 * 60


def _left_alone_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVE] = int(time.time()) - seconds
    session.save()


def _last_active(client) -> int:
    return client.session[LAST_ACTIVE]


def test_the_limit_is_twenty_minutes():
    assert datetime.timedelta(minutes=20) == settings.IDLE_TIMEOUT


def test_a_page_opened_after_twenty_minutes_alone_asks_to_sign_in_again(client, people):
    client.force_login(people.young_person.user)
    session_page = first_session(people.programme).get_absolute_url()
    client.get(session_page)
    _left_alone_for(client, LIMIT + 1)

    response = client.get(session_page)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('login')}?next={session_page}",
    )
    login = client.get(response.url).content.decode()
    assert (
        "You were signed out because nobody used the site for 20 minutes. "
        "Sign in again to carry on."
    ) in login
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("workshops:dashboard")).status_code == 302


def test_a_page_opened_in_time_keeps_the_person_signed_in(client, people):
    client.force_login(people.young_person.user)
    client.get("/")
    _left_alone_for(client, LIMIT - 30)

    page = client.get("/")

    assert page.status_code == 200
    assert abs(_last_active(client) - time.time()) <= 2
    left = int(re.search(r'data-idle-left="(\d+)"', page.content.decode()).group(1))
    assert LIMIT - 2 <= left <= LIMIT


def test_the_page_carries_the_time_left_and_a_second_page_within_a_minute_writes_nothing(
    client, people
):
    client.force_login(people.young_person.user)
    client.get("/")
    _left_alone_for(client, 40)
    written = _last_active(client)

    page = client.get("/").content.decode()

    assert _last_active(client) == written
    left = int(re.search(r'data-idle-left="(\d+)"', page).group(1))
    assert LIMIT - 42 <= left <= LIMIT - 40
    assert f'data-idle-ping="{reverse("accounts:still-here")}"' in page


@pytest.mark.parametrize("poll", ["voice", "map", "pack"])
def test_a_poll_is_not_someone_there(client, people, poll):
    from packs.models import Pack, PackKind
    from personas.models import JourneyMap, Persona

    programme = people.programme
    session = first_session(programme)
    if poll == "voice":
        url = reverse("voice:session-voice", args=[programme.pk, session.pk]) + "?version=0"
    elif poll == "map":
        persona = Persona.objects.create(programme=programme, name="Jade", age=17)
        journey_map = JourneyMap.objects.create(
            programme=programme, persona=persona, title="Jade's journey"
        )
        url = reverse("personas:map-poll", args=[programme.pk, journey_map.pk]) + "?version=0"
    else:
        pack = Pack.objects.create(
            programme=programme, kind=PackKind.PROGRAMME, content_hash="0" * 64
        )
        url = reverse("packs:pack-progress", args=[programme.pk, pack.pk])
    client.force_login(people.facilitator.user)
    client.get("/")
    _left_alone_for(client, LIMIT - 60)
    written = _last_active(client)

    assert client.get(url, headers={"HX-Request": "true"}).status_code in (200, 204, 286)
    assert _last_active(client) == written

    _left_alone_for(client, LIMIT + 1)
    client.get(url, headers={"HX-Request": "true"})
    assert "_auth_user_id" not in client.session


def test_stay_signed_in_gives_the_full_time_again(client, people):
    client.force_login(people.young_person.user)
    client.get("/")
    _left_alone_for(client, LIMIT - 100)

    response = client.post(reverse("accounts:still-here"))

    assert response.json() == {"left": LIMIT}
    assert abs(_last_active(client) - time.time()) <= 2


def test_stay_signed_in_is_too_late_after_the_limit(client, people):
    client.force_login(people.young_person.user)
    client.get("/")
    _left_alone_for(client, LIMIT + 5)

    response = client.post(reverse("accounts:still-here"), headers={"Accept": "application/json"})

    assert (response.status_code, response.json()) == (401, {"signed_out": True})
    assert "_auth_user_id" not in client.session
    login = client.get(reverse("login")).content.decode()
    assert "You were signed out because nobody used the site for 20 minutes." in login


def _signed_in_on_a_fake_clock(live_server, page: Page):
    """A facilitator signed in, in a page whose clock the test moves on; their programme."""
    from .factories import programme_from_template

    programme = programme_from_template(created_by=UserFactory(username="jo"))
    page.clock.install()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("jo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return programme


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_laptop_left_alone_warns_then_shows_the_sign_in_page(live_server, page: Page):
    programme = _signed_in_on_a_fake_clock(live_server, page)
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    warning = page.locator("#idle-warning")
    expect(warning).to_be_hidden()

    page.clock.run_for("18:10")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("you will be signed out in 2 minutes")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()

    # Nobody there from now on: the server's clock is the real one, so its record of the
    # last time someone was there is moved back as the page's clock is moved on.
    [key] = [
        cookie["value"]
        for cookie in page.context.cookies()
        if cookie["name"] == settings.SESSION_COOKIE_NAME
    ]
    store = SessionStore(session_key=key)
    assert abs(store[LAST_ACTIVE] - time.time()) <= 5
    store[LAST_ACTIVE] = int(time.time()) - LIMIT - 1
    store.save()
    page.clock.run_for("20:10")

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_text("You were signed out because nobody used the site")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_is_someone_there_and_keeps_the_place(live_server, page: Page):
    programme = _signed_in_on_a_fake_clock(live_server, page)
    page.goto(f"{live_server.url}{first_session(programme).get_absolute_url()}")
    words = page.get_by_label("What did you think?")

    page.clock.run_for("17:00")
    words.press_sequentially("The timelines ")
    page.clock.run_for("00:10")
    # Told the server: the page's twenty minutes start again from the typing.
    page.clock.run_for("17:00")
    expect(page.locator("#idle-warning")).to_be_hidden()

    words.press_sequentially("were hard but good.")
    page.clock.run_for("02:40")
    expect(page.locator("#idle-warning")).to_be_hidden()
    expect(words).to_be_focused()
    expect(words).to_have_value("The timelines were hard but good.")
    assert "/accounts/login/" not in page.url
