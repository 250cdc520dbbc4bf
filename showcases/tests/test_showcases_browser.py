"""A facilitator records a showcase and what a leader said from a phone; a young person reads
it, with the speaker who did not agree to be named shown by role alone."""

import datetime

import pytest
from playwright.sync_api import expect

from blueprints.models import Idea
from showcases.models import Quote, Showcase
from workshops.tests.factories import PASSWORD
from workshops.tests.test_browser import PHONE, Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_records_a_showcase_and_a_young_person_reads_it(
    live_server, browser, people, axe_source
):
    Idea.objects.create(
        programme=people.programme,
        title="Hug in a Mug",
        what="A weekly drop-in with a cuppa and someone who knows you.",
        taken_forward=True,
    )
    base = live_server.url
    facilitator = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    page = facilitator.page
    _sign_in(page, base, people.facilitator.user.username, PASSWORD)
    page.goto(f"{base}{people.programme.get_absolute_url()}")
    page.get_by_role("button", name="Pages").click()  # the programme's menu, on a phone
    page.get_by_role("link", name="Showcases").click()
    facilitator.axe()
    page.get_by_role("link", name="Record a showcase").click()
    facilitator.axe()
    page.get_by_label("Who it was for").fill("Children's Commission Leadership Group")
    page.get_by_label("Date").fill("2026-11-10")
    page.get_by_label("How many people came").fill("13")
    page.get_by_label("Hug in a Mug").check()
    page.get_by_role("button", name="Save the showcase").click()
    expect(page.get_by_text("Showcase saved.")).to_be_visible()
    facilitator.axe()

    page.get_by_text("Add who came").click()
    page.get_by_label("Organisation").fill("Education")
    page.get_by_label("Their roles").fill("Head of Education")
    page.get_by_label("How many").fill("2")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Added to who came.")).to_be_visible()

    page.get_by_role("link", name="Add what someone said").click()
    facilitator.axe()
    page.get_by_label("What they said").fill("We could make the videos the policy!")
    page.get_by_label("Their role").fill("Locality Coordinator")
    page.get_by_label("Their organisation").fill("Children's Services")
    page.get_by_label("Which idea it is about").select_option(label="Hug in a Mug")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("What they said is saved.")).to_be_visible()
    facilitator.axe()

    young = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    showcase = Showcase.objects.get()
    young.page.goto(f"{base}{showcase.get_absolute_url()}")
    quote = young.page.locator("figure", has_text="make the videos the policy")
    expect(quote).to_contain_text("Locality Coordinator, Children's Services · about Hug in a Mug")
    expect(young.page.get_by_text("Education (2): Head of Education")).to_be_visible()
    expect(young.page.get_by_role("button", name="Remove")).to_have_count(0)
    young.axe()
    assert showcase.held_on == datetime.date(2026, 11, 10)
    assert Quote.objects.get().name == ""
    assert facilitator.console_errors == [] and young.console_errors == []
