"""A manager opens the overview from the dashboard, at a desk and on a small phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blueprints.models import Decision, Foundation, Idea, Prototype
from showcases.models import Action, ActionStatus, Theme
from workshops.models import Role
from workshops.tests.factories import PASSWORD, MembershipFactory, programme_from_template
from workshops.tests.test_browser import Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 900}
SMALL_PHONE = {"width": 375, "height": 812}


def _work(programme, owner):
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    Action.objects.create(
        programme=programme,
        what="Bring the Hug in a Mug design into next year's improvement plan",
        organisation="Corporate Parenting",
        owner=owner,
        theme=Theme.IMPROVEMENT,
        due_on=last_week,
    )
    Action.objects.create(
        programme=programme,
        what="Keep meeting with the Crew",
        organisation="Leaving Care Team and the Corporate Parenting Board",
        theme=Theme.TOGETHER,
        status=ActionStatus.DONE,
    )
    idea = Idea.objects.create(
        programme=programme,
        title="Hug in a Mug",
        what="A weekly drop-in.",
        foundations=[Foundation.VOICE, Foundation.PEOPLE],
        taken_forward=True,
    )
    Prototype.objects.create(
        programme=programme,
        idea=idea,
        title="Thursday drop-in",
        belief="A cuppa and a chat will help.",
        decision=Decision.ADOPT,
    )


def test_a_manager_reads_the_overview_at_a_desk_and_on_a_small_phone(
    live_server, browser, people, axe_source
):
    second = programme_from_template(created_by=people.facilitator.user, name="Aftercare Together")
    _work(people.programme, people.manager)
    _work(second, MembershipFactory(programme=second, user=people.manager.user, role=Role.MANAGER))
    base = live_server.url

    desk = Checked(browser.new_context(viewport=DESK).new_page(), axe_source)
    _sign_in(desk.page, base, people.manager.user.username, PASSWORD)
    desk.page.get_by_role("link", name="Overview of your programmes").click()
    expect(desk.page.get_by_role("heading", name="All 2 programmes together")).to_be_visible()
    expect(
        desk.page.get_by_role("table", name="Actions by status, Aftercare Together")
    ).to_be_visible()
    expect(desk.page.locator("#overview-total .overview-late")).to_have_text(
        "2 actions are late: past their due dates and not finished."
    )
    desk.axe()

    phone = Checked(browser.new_context(viewport=SMALL_PHONE).new_page(), axe_source)
    _sign_in(phone.page, base, people.manager.user.username, PASSWORD)
    phone.page.goto(f"{base}/overview/")
    expect(phone.page.get_by_role("heading", name="Aftercare Together")).to_be_visible()
    phone.axe()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], "the page scrolls sideways on a phone"
    assert desk.console_errors == [] and phone.console_errors == []
