"""A manager updates an action from a phone, and a young person sees the change."""

import pytest
from playwright.sync_api import expect

from showcases import services
from showcases.models import ActionStatus, Theme
from workshops.tests.factories import PASSWORD
from workshops.tests.test_browser import PHONE, Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_updates_an_action_from_a_phone_and_the_young_people_see_it(
    live_server, browser, people, axe_source
):
    action = services.action_add(
        programme=people.programme,
        by=people.facilitator,
        what="Run a Hug in a Mug drop-in at the hub every Thursday",
        organisation="Leaving Care Team",
        owner=people.manager,
        theme=Theme.TOGETHER,
        due_on=None,
    )
    base = live_server.url
    manager = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    _sign_in(manager.page, base, people.manager.user.username, PASSWORD)
    manager.page.goto(f"{base}{people.programme.get_absolute_url()}")
    manager.page.get_by_role("button", name="Pages").click()  # the programme's menu, on a phone
    manager.page.get_by_role("link", name="Actions").click()
    manager.axe()
    manager.page.get_by_role("link", name=action.what).click()
    manager.axe()
    manager.page.get_by_label("Status").select_option(label="In progress")
    manager.page.get_by_label("What happened").fill("The first drop-in is booked for 8 January.")
    manager.page.get_by_role("button", name="Save the update").click()
    expect(manager.page.get_by_text("Update saved. The whole group can see it.")).to_be_visible()
    manager.axe()

    young = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    young.page.goto(f"{base}/programmes/{people.programme.pk}/actions/")

    card = young.page.locator(".action-card", has_text=action.what)
    expect(card).to_contain_text("In progress")
    expect(card).to_contain_text("The first drop-in is booked for 8 January.")
    young.axe()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert manager.console_errors == [] and young.console_errors == []
