"""The facilitator's and the young person's first day, in headless Chromium.

A facilitator signs in, creates a programme from the template, invites a young person,
plans the first session and its agenda, and runs it. The young person opens the invitation
on a phone, chooses a password and agrees to the ground rules. Every page is scanned with
axe-core, and no page may break the content security policy.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from workshops.models import Activity, Membership, Programme, Role, Session

from .factories import PASSWORD, ActivityFactory, UserFactory, dated, first_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


class Checked:
    """A page that is checked for accessibility and for blocked scripts or styles."""

    def __init__(self, page: Page, axe_source: str):
        self.page = page
        self.axe_source = axe_source
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

    def axe(self) -> None:
        self.page.evaluate(self.axe_source)
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes"
            "  .map(n => n.target.join(' ') + ' ' + n.failureSummary).join(', '))"
        )
        assert violations == [], f"{self.page.url}: {violations}"
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def checked(page: Page, axe_source):
    return Checked(page, axe_source)


def _sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_facilitator_plans_and_runs_a_session_and_a_young_person_joins(
    live_server, page: Page, checked: Checked, browser, axe_source
):
    base = live_server.url
    UserFactory(username="jo", display_name="Jo Mensah", can_start_programmes=True)

    # Sign in and create a programme from the four-workshop template.
    page.goto(f"{base}/accounts/login/")
    checked.axe()
    _sign_in(page, base, "jo", PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Jo Mensah")).to_be_visible()
    checked.axe()
    page.get_by_role("link", name="Start a new programme").click()
    checked.axe()
    page.get_by_label("Name").fill("Care Leavers Co-production Project")
    page.get_by_label("Organisation").fill("Central Bedfordshire Council")
    page.get_by_label("Aims").fill("Improve services for care leavers, together.")
    page.get_by_role("button", name="Create programme").click()
    expect(page.get_by_text("Workshop 2: The experiences of leaving care")).to_be_visible()
    checked.axe()
    programme = Programme.objects.get()

    # Invite a young person who has no e-mail address.
    page.get_by_role("link", name="Invite someone").first.click()
    checked.axe()
    page.get_by_label("Name").fill("Reece")
    page.get_by_label("Role").select_option("young_person")
    page.get_by_role("button", name="Make the invitation").click()
    link = page.get_by_label("Invitation link").input_value()
    assert re.fullmatch(rf"{re.escape(base)}/join/[\w-]+/", link)
    checked.axe()

    # Plan the first session: date, time, venue and the agenda.
    page.goto(f"{base}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Session: no date yet").first.click()
    checked.axe()
    page.get_by_role("link", name="Date, time and venue").click()
    page.get_by_label("Date").fill("2026-12-07")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Venue").fill("Care Leavers Hub, Houghton Regis")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Care Leavers Hub, Houghton Regis")).to_be_visible()
    expect(page.locator("#agenda .alert-warning")).to_contain_text("60 minutes past the end")
    checked.axe()

    session = Session.objects.get(workshop__programme=programme, workshop__number=1)
    page.get_by_label("Or add one from the activity library").select_option(label="Recap (10 min)")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#agenda .alert-warning")).to_contain_text("70 minutes past the end")

    # Reorder with the keyboard: focus "Move up" on the last activity and press Enter.
    last = session.activities.last()
    move_up = page.locator(f"#up-{last.pk}")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".agenda__item h3").nth(-2)).to_have_text("Recap")
    expect(page.locator(f"#up-{last.pk}")).to_be_focused()
    expect(page.locator("#agenda-status")).to_have_text(re.compile(r"^Recap is now 9 of 10, at "))
    page.keyboard.press("Enter")
    expect(page.locator(".agenda__item h3").nth(-3)).to_have_text("Recap")
    titles = list(session.activities.values_list("title", flat=True))
    assert titles[-3:] == ["Recap", "Feedback round", "Lunch together"]
    checked.axe()

    # Run it from the projector view.
    page.get_by_role("link", name="Run this session").click()
    checked.axe()
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator(".run__title")).to_have_text("Icebreaker: getting to know you")
    expect(page.locator(".run__countdown")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    expect(page.get_by_text("Ground rules (10 min)")).to_be_visible()
    checked.axe()
    page.get_by_role("button", name="Next activity").click()
    expect(page.locator(".run__title")).to_have_text("Ground rules")
    icebreaker = Activity.objects.get(session=session, title="Icebreaker: getting to know you")
    assert icebreaker.actual_start is not None and icebreaker.actual_end is not None

    # The young person opens the link on a phone, joins and agrees to the ground rules.
    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    young.page.goto(link)
    expect(young.page.get_by_role("heading", name="Hello Reece!")).to_be_visible()
    young.axe()
    young.page.get_by_label("Choose a username").fill("reece")
    young.page.locator("#id_password1").fill("sunny-mug-of-tea")
    young.page.get_by_label("Type the password again").fill("sunny-mug-of-tea")
    young.page.get_by_role("button", name="Join the group").click()
    expect(young.page.get_by_role("heading", name=re.compile("^Welcome to"))).to_be_visible()
    young.axe()
    young.page.get_by_role("button", name="I agree to the ground rules").click()
    expect(young.page.get_by_text("Thank you. Welcome to the group!")).to_be_visible()
    young.axe()
    # Read-only: the session page without planning controls, and jargon explained.
    young.page.get_by_role("link", name=re.compile("^Monday 7 December 2026")).click()
    expect(young.page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(young.page.get_by_role("button", name=re.compile("Move up"))).to_have_count(0)
    young.axe()
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    phone.close()

    reece = User.objects.get(username="reece")
    membership = Membership.objects.get(user=reece)
    assert (membership.programme, membership.role) == (programme, Role.YOUNG_PERSON)
    assert membership.agreed_ground_rules_at is not None


def test_the_run_view_works_without_javascript(live_server, browser):
    facilitator = UserFactory(username="jo")
    from .factories import programme_from_template

    programme = programme_from_template(created_by=facilitator)
    session = Session.objects.get(workshop__programme=programme, workshop__number=2)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in(page, live_server.url, "jo", PASSWORD)
    page.goto(f"{live_server.url}/programmes/{programme.pk}/sessions/{session.pk}/run/")
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator(".run__title")).to_have_text("Recap")
    expect(page.locator(".run__countdown")).to_have_text("10 minutes")
    page.get_by_role("button", name="Next activity").click()
    expect(page.locator(".run__title")).to_have_text("My timeline, 15 to 25")
    context.close()


def test_on_a_phone_the_programme_menu_folds_away_and_the_skip_link_passes_it(
    live_server, browser, people, axe_source
):
    base = live_server.url
    url = f"{base}{first_session(people.programme).get_absolute_url()}"
    phone = browser.new_context(viewport=PHONE)
    checked = Checked(phone.new_page(), axe_source)
    page = checked.page
    _sign_in(page, base, people.young_person.user.username, PASSWORD)
    page.goto(url)

    toggle = page.get_by_role("button", name="Pages")
    timelines = page.locator(".programme-nav").get_by_role("link", name="Timelines")
    expect(timelines).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # The programme's name and the button: a line, not most of the first screen.
    assert page.locator(".programme-nav").bounding_box()["height"] < 100
    checked.axe()

    # By keyboard: the skip link goes past both menus, to the page's own content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav, header') === null")
    assert page.evaluate("document.activeElement.closest('main') !== null")

    # The button opens the menu, by keyboard too.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(timelines).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    checked.axe()

    # On a laptop the menu is always open and the button is not there.
    laptop = browser.new_context(viewport={"width": 1280, "height": 800})
    wide = laptop.new_page()
    _sign_in(wide, base, people.young_person.user.username, PASSWORD)
    wide.goto(url)
    expect(wide.locator(".programme-nav").get_by_role("link", name="Timelines")).to_be_visible()
    expect(wide.get_by_role("button", name="Pages")).to_be_hidden()


def test_the_run_view_moves_on_and_back_with_a_clicker_or_the_keyboard(
    live_server, page: Page, people, axe_source
):
    session = first_session(people.programme)
    session.activities.all().delete()
    for order, title in enumerate(["Icebreaker", "Ground rules", "Hug in a Mug"]):
        ActivityFactory(session=session, title=title, order=order, minutes=10)
    base = live_server.url
    _sign_in(page, base, people.facilitator.user.username, PASSWORD)
    page.goto(f"{base}{session.get_absolute_url()}run/")
    title = page.locator(".run__title")

    # A clicker's Page Down starts the session, then the arrows, Space and Page Up step.
    for key, expected in [
        ("PageDown", "Icebreaker"),
        ("ArrowRight", "Ground rules"),
        ("PageUp", "Icebreaker"),
        (" ", "Ground rules"),
        ("PageDown", "Hug in a Mug"),
        ("ArrowLeft", "Ground rules"),
    ]:
        page.keyboard.press(key)
        expect(title).to_have_text(expected)
    assert session.activities.get(title="Icebreaker").actual_end is not None
    Checked(page, axe_source).axe()

    # On a focused button, Space presses that button only: one step, not two.
    page.get_by_role("button", name="Back one step").focus()
    page.keyboard.press(" ")
    expect(title).to_have_text("Icebreaker")


def test_the_room_joins_by_code_and_follows_the_run_on_phones_and_a_second_screen(
    live_server, browser, people, axe_source
):
    """A projector, a second window on it, and a young person's phone at 390 px."""
    session = dated(first_session(people.programme), 0)
    session.activities.all().delete()
    for order, title in enumerate(["Icebreaker", "Timelines", "Hug in a Mug"]):
        ActivityFactory(session=session, title=title, order=order, minutes=10)
    base = live_server.url

    projector = Checked(
        browser.new_context(viewport={"width": 1280, "height": 720}).new_page(), axe_source
    )
    _sign_in(projector.page, base, people.facilitator.user.username, PASSWORD)
    projector.page.goto(f"{base}{session.get_absolute_url()}run/")
    code = projector.page.locator(".run__code").text_content()
    projector.axe()

    screen = projector.page.context.new_page()
    screen.goto(f"{base}{session.get_absolute_url()}screen/")
    expect(screen.get_by_role("button", name="Start the session")).to_have_count(0)

    phone = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    _sign_in(phone.page, base, people.young_person.user.username, PASSWORD)
    phone.page.goto(f"{base}/room/")
    phone.page.get_by_label("Code").fill(code.lower())
    phone.page.get_by_role("button", name="Join").click()
    assert phone.page.url.endswith(f"{session.get_absolute_url()}#now")
    now = phone.page.locator("#now")
    expect(now).to_contain_text("Not started yet")
    # The thing to do is in the first screen: the "now" box and the reflection form.
    assert phone.page.locator("#reflect").bounding_box()["y"] < PHONE["height"]
    phone.axe()

    run = projector.page
    run.keyboard.press("PageDown")
    expect(run.locator(".run__title")).to_have_text("Icebreaker")
    expect(now.locator(".now-box__title")).to_have_text("Icebreaker", timeout=8000)
    expect(screen.locator(".run__title")).to_have_text("Icebreaker", timeout=8000)
    phone.axe()

    run.get_by_role("button", name="Pause the clock").click()
    expect(now.locator(".now-box__label")).to_have_text("Paused", timeout=8000)
    expect(now.locator("[data-countdown]")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
    expect(screen.locator("#now-heading")).to_have_text("Paused", timeout=8000)
    run.get_by_role("button", name="Carry on").click()
    run.get_by_role("button", name="5 minutes more").click()
    expect(now.locator("[data-countdown]")).to_have_text(re.compile(r"^1[45]:\d\d$"), timeout=8000)
    expect(screen.locator(".run__countdown")).to_have_text(
        re.compile(r"^1[45]:\d\d$"), timeout=8000
    )

    run.keyboard.press("ArrowRight")
    expect(now.locator(".now-box__title")).to_have_text("Timelines", timeout=8000)
    run.keyboard.press("ArrowLeft")
    expect(now.locator(".now-box__title")).to_have_text("Icebreaker", timeout=8000)
    expect(screen.locator(".run__title")).to_have_text("Icebreaker", timeout=8000)
    # Going back carried on the clock it had, with its five minutes more.
    expect(run.locator(".run__countdown")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    projector.axe()
    assert phone.console_errors == [] and projector.console_errors == []

    # Nothing on the projector is cut off at 1280x720.
    assert run.evaluate("document.documentElement.scrollHeight") <= 720
    assert run.evaluate("document.documentElement.scrollWidth") <= 1280
    # Stop the polling before the test's database goes.
    projector.page.context.close()
    phone.page.context.close()


def test_a_quick_question_is_answered_on_phones_and_shown_on_the_projector(
    live_server, browser, people, axe_source
):
    session = dated(first_session(people.programme), 0)
    base = live_server.url
    projector = Checked(
        browser.new_context(viewport={"width": 1280, "height": 720}).new_page(), axe_source
    )
    run = projector.page
    _sign_in(run, base, people.facilitator.user.username, PASSWORD)
    run.goto(f"{base}{session.get_absolute_url()}run/")
    run.get_by_role("button", name="Start the session").click()
    run.get_by_text("Ask the room a quick question").click()
    run.get_by_label("Your question").fill("One word for how today felt?")
    run.get_by_role("button", name="Ask it").click()
    expect(run.locator(".run__question-text")).to_have_text("One word for how today felt?")
    expect(run.locator(".question-results__count")).to_have_text("0 answers")

    phones = []
    for person, words in [("young_person", "Listened to"), ("professional", "listened to")]:
        phone = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
        _sign_in(phone.page, base, people.member(person).user.username, PASSWORD)
        phone.page.goto(f"{base}{session.get_absolute_url()}")
        phone.page.locator("#now").get_by_label("Your answer").fill(words)
        if not phones:
            # The run moves on while Kayla is typing: her box is not taken from under her.
            run.keyboard.press("ArrowRight")
            expect(run.locator(".run__title")).to_have_text("Ground rules")
            phone.page.wait_for_timeout(4000)  # more than one poll
            expect(phone.page.locator("#now").get_by_label("Your answer")).to_have_value(words)
        phone.page.locator("#now").get_by_role("button", name="Send my answer").click()
        expect(phone.page.locator("#said-question")).to_contain_text("Your answer is in")
        phones.append(phone)
    phones[0].axe()

    expect(run.locator(".question-results__count")).to_have_text("2 answers", timeout=8000)
    expect(run.locator(".word-cloud__word")).to_have_text(["Listened to ×2"])
    projector.axe()
    assert run.evaluate("document.documentElement.scrollHeight") <= 720

    run.get_by_role("button", name="Close the question").click()
    expect(run.locator(".run__question")).to_have_count(0)
    expect(phones[1].page.locator("#now .now-question")).to_have_count(0, timeout=8000)
    for context in [run.context, *(phone.page.context for phone in phones)]:
        context.close()


def test_two_people_change_one_card_from_two_browsers_and_both_texts_survive(
    live_server, browser, people, axe_source
):
    from personas.models import Card
    from personas.tests.conftest import make_journey

    journey = make_journey(people)
    card = journey.young_persons_card
    url = (
        f"{live_server.url}/programmes/{people.programme.pk}/journey-maps/"
        f"{journey.journey_map.pk}/cards/{card.pk}/edit/"
    )
    pages = []
    for member in (people.facilitator, people.co_facilitator):
        page = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
        _sign_in(page.page, live_server.url, member.user.username, PASSWORD)
        page.page.goto(url)
        pages.append(page)
    jo, priya = (page.page for page in pages)

    jo.get_by_label("Card").fill("Hug in a Mug drop-in, every Friday")
    jo.get_by_role("button", name="Save card").click()
    expect(jo.get_by_text("Card saved.")).to_be_visible()

    priya.get_by_label("Card").fill("Hug in a Mug at the Hub")
    priya.get_by_role("button", name="Save card").click()
    expect(priya.locator("#clash")).to_contain_text(
        "Someone else saved this while you were writing."
    )
    expect(priya.locator("#clash")).to_contain_text("Hug in a Mug drop-in, every Friday")
    expect(priya.get_by_label("Card")).to_have_value("Hug in a Mug at the Hub")
    pages[1].axe()
    priya.get_by_role("button", name="Keep both").click()
    expect(priya.get_by_text("Card saved.")).to_be_visible()
    assert Card.objects.get(pk=card.pk).text == (
        "Hug in a Mug drop-in, every Friday\nHug in a Mug at the Hub"
    )
    for page in (jo, priya):
        page.context.close()


def test_the_agenda_takes_activities_in_and_out_in_place_by_keyboard(
    live_server, page: Page, people, axe_source
):
    session = first_session(people.programme)
    session.activities.all().delete()
    ActivityFactory(session=session, title="Welcome and ground rules", order=0, minutes=15)
    ActivityFactory(session=session, title="Lunch together", order=1, minutes=30)
    base = live_server.url
    _sign_in(page, base, people.facilitator.user.username, PASSWORD)
    page.goto(f"{base}{session.get_absolute_url()}")
    # Marked, to show that nothing below reloads the page.
    page.evaluate("document.body.dataset.loaded = 'once'")
    agenda = page.locator("#agenda")

    # From the library: it joins the end of the agenda, marked, and focus stays on Add.
    page.get_by_label("Or add one from the activity library").select_option(
        label="Dot vote (10 min)"
    )
    page.get_by_role("button", name="Add", exact=True).focus()
    page.keyboard.press("Enter")
    expect(agenda.locator("li", has_text="Dot vote")).to_have_class(re.compile("--changed"))
    expect(page.locator("#agenda-status")).to_have_text("Added Dot vote: 3 of 3, at 10:45.")
    expect(page.get_by_role("button", name="Add", exact=True)).to_be_focused()

    # One of our own, with the form that opens under the agenda.
    page.get_by_role("link", name="Add an activity").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#activity-add-heading")).to_be_focused()
    form = page.locator("#activity-add")
    form.get_by_label("Title").fill("Hug in a Mug")
    form.get_by_label("Minutes").fill("20")
    ids = page.evaluate(
        "[...document.querySelectorAll('[id]')].map(e => e.id)"
        ".filter((id, i, all) => all.indexOf(id) !== i)"
    )
    assert ids == [], "the same id twice on the page"
    form.get_by_role("button", name="Add it to the agenda").focus()
    page.keyboard.press("Enter")
    expect(agenda.locator("li", has_text="Hug in a Mug")).to_have_class(re.compile("--changed"))
    expect(agenda.locator("li", has_text="Dot vote")).not_to_have_class(re.compile("--changed"))
    expect(page.locator("#activity-add-heading")).to_have_count(0)
    expect(page.locator("#agenda-heading")).to_be_focused()
    Checked(page, axe_source).axe()

    # Changed in its own row.
    hug = agenda.locator("li", has_text="Hug in a Mug")
    hug.get_by_role("link", name="Edit").focus()
    page.keyboard.press("Enter")
    expect(hug.get_by_role("heading", name="Change “Hug in a Mug”")).to_be_focused()
    hug.get_by_label("Minutes").fill("25")
    hug.get_by_role("button", name="Save", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-status")).to_have_text(
        "Saved Hug in a Mug: 25 minutes, from 10:55."
    )
    expect(page.locator("#agenda-heading")).to_be_focused()

    # Removing asks first, in place.
    lunch = agenda.locator("li", has_text="Lunch together")
    lunch.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(lunch).to_contain_text("It comes off the agenda")
    lunch.get_by_role("button", name="Yes, remove it").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-status")).to_have_text("Removed “Lunch together”.")
    expect(agenda).not_to_contain_text("Lunch together")
    expect(page.locator("#agenda-heading")).to_be_focused()
    assert page.evaluate("document.body.dataset.loaded") == "once"
    assert list(session.activities.values_list("title", flat=True)) == [
        "Welcome and ground rules",
        "Dot vote",
        "Hug in a Mug",
    ]
