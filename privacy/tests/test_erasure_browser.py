"""A young person erases her account from a small phone, by keyboard alone, and the
facilitator's page then shows what she left for the group without her name."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from workshops.tests.factories import PASSWORD, first_session, make_reflection
from workshops.tests.test_browser import Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_young_person_erases_her_account_by_keyboard_on_a_small_phone(
    live_server, browser, people, axe_source
):
    kayla = people.young_person
    session = first_session(people.programme)
    make_reflection(session, kayla, "The drop-in felt like home")
    make_reflection(
        session, kayla, "Only for Jo: I am worried about my flat", shared="facilitators"
    )
    base = live_server.url
    phone = Checked(
        browser.new_context(viewport={"width": 320, "height": 640}).new_page(), axe_source
    )
    page = phone.page
    _sign_in(page, base, kayla.user.username, PASSWORD)
    page.goto(f"{base}/account/")
    page.get_by_role("link", name="Erase my account").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Erase your account", level=1)).to_be_visible()
    phone.axe()

    page.get_by_label("Leave it for the group, without my name").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # out of the pair of choices, to the password
    expect(page.get_by_label("Your password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Your account has been erased")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    phone.axe()
    assert not User.objects.filter(pk=kayla.user_id).exists()
    _sign_in(page, base, kayla.user.username, PASSWORD)
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()

    laptop = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    _sign_in(laptop, base, people.facilitator.user.username, PASSWORD)
    laptop.goto(f"{base}{session.get_absolute_url()}")
    reflection = laptop.locator(".reflection", has_text="The drop-in felt like home")
    expect(reflection).to_contain_text("Someone in the group")
    expect(laptop.get_by_text("I am worried about my flat")).to_have_count(0)
