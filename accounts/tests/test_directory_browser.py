"""A young person adds themselves to Who's who from a phone, and sees their entry listed."""

import pytest
from playwright.sync_api import expect

from accounts.models import DirectoryEntry
from workshops.tests.factories import PASSWORD
from workshops.tests.test_browser import Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 375, "height": 740}


def test_a_young_person_adds_themselves_from_a_phone(live_server, browser, people, axe_source):
    DirectoryEntry.objects.create(
        user=people.professional.user,
        name="Tom Hughes",
        organisation="Housing",
        what_i_do="Housing options officer for care leavers",
        about="Your first tenancy, and what to do if things go wrong.",
        contact="tom.hughes@example.org",
    )
    base = live_server.url
    young = Checked(browser.new_context(viewport=SMALL_PHONE).new_page(), axe_source)
    page = young.page
    _sign_in(page, base, people.young_person.user.username, PASSWORD)

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Who's who").click()
    expect(page.get_by_role("heading", name="Who's who", level=1)).to_be_visible()
    expect(page.get_by_text("You are not listed.")).to_be_visible()
    young.axe()

    page.get_by_role("link", name="Add yourself").click()
    expect(page.get_by_text("Think before you share a phone number")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("")
    young.axe()
    page.get_by_role("button", name="Add me to Who's who").click()
    expect(page.get_by_text("Write the name you want people to see.")).to_be_visible()
    young.axe()
    page.get_by_label("Your name").fill("Kayla")
    page.get_by_label("What you can help with, or are interested in").fill(
        "Ask me about Hug in a Mug"
    )
    page.get_by_role("button", name="Add me to Who's who").click()

    expect(page.get_by_text("Your entry is saved.")).to_be_visible()
    card = page.locator(".directory-card", has_text="Kayla")
    expect(card).to_have_text("Kayla you Ask me about Hug in a Mug", use_inner_text=True)
    expect(page.locator(".directory-card", has_text="Tom Hughes")).to_be_visible()
    expect(page.get_by_role("button", name="Remove my entry")).to_be_visible()
    young.axe()
    # Nothing runs off the side of a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    entry = DirectoryEntry.objects.get(user=people.young_person.user)
    assert (entry.name, entry.organisation, entry.what_i_do, entry.about, entry.contact) == (
        "Kayla",
        "",
        "",
        "Ask me about Hug in a Mug",
        "",
    )
    assert young.console_errors == []
