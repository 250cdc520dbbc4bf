"""Dot voting from a phone, in headless Chromium."""

import pytest
from playwright.sync_api import expect

from blueprints import services
from blueprints.models import Cell, Dot, Lane
from workshops.tests.factories import PASSWORD
from workshops.tests.test_browser import PHONE, Checked, _sign_in

from .conftest import make_voting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_young_person_places_dots_on_a_phone(live_server, browser, people, axe_source):
    voting = make_voting(people)
    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    base = live_server.url
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)

    young.page.goto(f"{base}/programmes/{people.programme.pk}/ideas/")
    young.axe()
    young.page.goto(f"{base}{voting.unique.get_absolute_url()}")
    young.axe()
    young.page.goto(f"{base}{voting.vote.get_absolute_url()}")
    expect(young.page.get_by_text("3 dots left")).to_be_visible()
    young.axe()

    young.page.get_by_role("button", name="Add a dot to Unique").click()
    young.page.get_by_role("button", name="Add a dot to Unique").click()
    young.page.get_by_role("button", name="Add a dot to Global Tastes").click()
    expect(young.page.get_by_text("0 dots left")).to_be_visible()
    expect(young.page.get_by_role("button", name="Add a dot to Perfect Plumbers")).to_be_disabled()
    young.page.get_by_role("button", name="Take a dot back from Unique").click()
    young.page.get_by_role("button", name="Add a dot to Perfect Plumbers").click()
    expect(young.page.get_by_text("0 dots left")).to_be_visible()
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the vote scrolls sideways on a phone"
    young.axe()

    placed = sorted(
        Dot.objects.filter(member=people.young_person).values_list("idea__title", flat=True)
    )
    assert placed == ["Global Tastes", "Perfect Plumbers", "Unique"]
    phone.close()


def test_a_facilitator_edits_a_blueprint_cell_by_keyboard_alone(
    live_server, page, people, axe_source
):
    voting = make_voting(people)
    target = Cell.objects.get(step=voting.blueprint.steps.get(order=1), lane=Lane.CUSTOMER).pk
    facilitator = Checked(page, axe_source)
    base = live_server.url
    _sign_in(page, base, people.facilitator.user.username, PASSWORD)
    page.goto(f"{base}{voting.blueprint.get_absolute_url()}")
    facilitator.axe()

    # Tab from the top of the page to the cell: no mouse, no scripted focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == f"cell-text-{target}":
            break
    else:
        raise AssertionError("the cell cannot be reached with the Tab key")
    page.keyboard.type("Walks in and looks around")
    page.keyboard.press("Tab")  # on to its Save button: leaving the box saves it
    status = page.locator(f"#cell-{target} .blueprint-cell__status")
    expect(status).to_have_text("Saved")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Save"), "focus stayed on the cell's Save button"
    assert Cell.objects.get(pk=target).text == "Walks in and looks around"
    facilitator.axe()

    for path in [
        voting.prototype.get_absolute_url(),
        f"/programmes/{people.programme.pk}/prototypes/",
        f"/programmes/{people.programme.pk}/from-idea-to-change/",
        f"/programmes/{people.programme.pk}/votes/new/",
        f"/programmes/{people.programme.pk}/ideas/new/",
    ]:
        page.goto(f"{base}{path}")
        facilitator.axe()


def test_two_people_write_in_one_cell_from_two_browsers_and_both_texts_survive(
    live_server, browser, people, axe_source
):
    voting = make_voting(people)
    cell = Cell.objects.get(step=voting.blueprint.steps.get(order=1), lane=Lane.CUSTOMER)
    base = live_server.url
    url = f"{base}{voting.blueprint.get_absolute_url()}"
    pages = {}
    for person in ("young_person", "professional"):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        pages[person] = Checked(context.new_page(), axe_source)
        _sign_in(pages[person].page, base, people.member(person).user.username, PASSWORD)
        pages[person].page.goto(url)
    kayla, tom = pages["young_person"].page, pages["professional"].page
    box, save, status = (
        f"#cell-text-{cell.pk}",
        f"#cell-{cell.pk} button[type=submit]",
        f"#cell-{cell.pk} .blueprint-cell__status",
    )

    # Tom is in the box already, so the live page does not put Kayla's words in it.
    tom.focus(box)
    kayla.fill(box, "Hears about Hug in a Mug from a friend")
    kayla.click(save)
    expect(kayla.locator(status)).to_have_text("Saved")
    tom.fill(box, "Gets a text from the Leaving Care Team")
    # Leaving the box saves it (a click on Save would send a second save behind the first,
    # which a person is not quick enough to get between).
    tom.press(box, "Tab")

    expect(tom.locator(status)).to_contain_text(
        "Theirs says: “Hears about Hug in a Mug from a friend”. Yours is still in the box."
    )
    expect(tom.locator(box)).to_have_value("Gets a text from the Leaving Care Team")
    assert Cell.objects.get(pk=cell.pk).text == "Hears about Hug in a Mug from a friend"
    pages["professional"].axe()

    tom.get_by_role("button", name="Keep both").click()
    both = "Hears about Hug in a Mug from a friend\nGets a text from the Leaving Care Team"
    expect(tom.locator(status)).to_have_text("Saved")
    expect(tom.locator(box)).to_have_value(both)
    assert Cell.objects.get(pk=cell.pk).text == both

    # Saving again from the same page is not taken for a clash: its version moved on.
    tom.fill(box, both + " and a call")
    expect(tom.locator(status)).to_have_text("")  # the old "Saved" no longer holds
    with tom.expect_response(lambda response: response.request.method == "POST"):
        tom.click(save)
    expect(tom.locator(status)).to_have_text("Saved")
    assert Cell.objects.get(pk=cell.pk).text == both + " and a call"


def test_a_facilitator_decides_a_tie_by_keyboard_and_a_phone_reads_the_result(
    live_server, browser, people, axe_source
):
    """Two places, and Perfect Plumbers, Unique and Global Tastes level at one dot."""
    voting = make_voting(people)
    for member, ideas in [
        (people.professional, [voting.unique, voting.global_tastes]),
        (people.manager, [voting.plumbers]),
    ]:
        for idea in ideas:
            services.dot_place(vote=voting.vote, member=member, idea=idea)
    services.vote_close(vote=voting.vote)
    base = live_server.url
    url = f"{base}{voting.vote.get_absolute_url()}"

    laptop = browser.new_context(viewport={"width": 1280, "height": 720})
    facilitator = Checked(laptop.new_page(), axe_source)
    _sign_in(facilitator.page, base, people.facilitator.user.username, PASSWORD)
    facilitator.page.goto(url)
    table = facilitator.page.locator("table", has_text="Goes forward")
    expect(table.locator("tr", has_text="Unique")).to_contain_text("Tied: to be chosen")
    facilitator.axe()
    facilitator.page.get_by_label("Unique (1 dot)").focus()
    facilitator.page.keyboard.press("Space")
    facilitator.page.get_by_label("Global Tastes (1 dot)").focus()
    facilitator.page.keyboard.press("Space")
    facilitator.page.get_by_role("button", name="Take these forward").focus()
    facilitator.page.keyboard.press("Enter")
    expect(facilitator.page.get_by_text("Jo Mensah chose with the group")).to_be_visible()
    expect(table.locator("tr", has_text="Perfect Plumbers")).to_contain_text("No")
    expect(table.locator("tr", has_text="Unique")).to_contain_text("Yes")
    facilitator.axe()
    voting.vote.refresh_from_db()
    assert voting.vote.tie_chosen_by == people.facilitator

    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    young.page.goto(url)
    rows = young.page.locator("table", has_text="Goes forward").locator("tbody tr")
    expect(rows).to_have_text(
        ["Unique1Yes", "Global Tastes1Yes", "Perfect Plumbers1No"], use_inner_text=False
    )
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the results scroll sideways on a phone"
    young.axe()


def test_a_blueprint_is_live_and_never_writes_over_a_cell_being_typed_in(
    live_server, browser, people, axe_source
):
    voting = make_voting(people)
    steps = list(voting.blueprint.steps.order_by("order"))
    typed = Cell.objects.get(step=steps[0], lane=Lane.CUSTOMER)
    other = Cell.objects.get(step=steps[1], lane=Lane.FRONTSTAGE)
    base = live_server.url
    url = f"{base}{voting.blueprint.get_absolute_url()}"

    laptop = Checked(
        browser.new_context(viewport={"width": 1280, "height": 720}).new_page(), axe_source
    )
    _sign_in(laptop.page, base, people.facilitator.user.username, PASSWORD)
    laptop.page.goto(url)
    phone = Checked(browser.new_context(viewport=PHONE).new_page(), axe_source)
    _sign_in(phone.page, base, people.young_person.user.username, PASSWORD)
    phone.page.goto(url)
    jo, kayla = laptop.page, phone.page
    for page in (jo, kayla):
        expect(page.locator("[data-others-here]")).to_have_text(
            "One other person is here now.", timeout=10_000
        )

    # Jo is typing in one cell and has not saved.
    jo.fill(f"#cell-text-{typed.pk}", "Fills in a form at the Leaving Care Team")
    # Kayla saves that cell and another from her phone.
    for cell, words in [(typed, "Texts her worker"), (other, "A worker meets her at the door")]:
        kayla.fill(f"#cell-text-{cell.pk}", words)
        with kayla.expect_response(lambda response: response.request.method == "POST"):
            kayla.click(f"#cell-{cell.pk} button[type=submit]")
        expect(kayla.locator(f"#cell-{cell.pk} .blueprint-cell__status")).to_have_text("Saved")

    # The other cell arrives on Jo's page; the one Jo is typing in keeps Jo's words.
    expect(jo.locator(f"#cell-text-{other.pk}")).to_have_value(
        "A worker meets her at the door", timeout=10_000
    )
    expect(jo.locator(f"#cell-text-{typed.pk}")).to_have_value(
        "Fills in a form at the Leaving Care Team"
    )
    laptop.axe()
    # Saving it (by leaving the box) then shows both texts, and Jo keeps both.
    jo.press(f"#cell-text-{typed.pk}", "Tab")
    status = jo.locator(f"#cell-{typed.pk} .blueprint-cell__status")
    expect(status).to_contain_text("Theirs says: “Texts her worker”.")
    status.get_by_role("button", name="Keep both").click()
    expect(status).to_have_text("Saved")
    both = "Texts her worker\nFills in a form at the Leaving Care Team"
    assert Cell.objects.get(pk=typed.pk).text == both
    # And Kayla's phone is sent the two joined, since she is not typing there now.
    kayla.locator("h1").focus()
    expect(kayla.locator(f"#cell-text-{typed.pk}")).to_have_value(both, timeout=10_000)
    phone.axe()


def test_a_save_settling_late_leaves_the_place_of_someone_typing_in_the_cell(
    live_server, browser, people
):
    """A cell's answer settles a moment after it is swapped in. Someone who has clicked into
    the box by then keeps their place in it, and the next letters go where they put them."""
    voting = make_voting(people)
    cell = Cell.objects.get(step=voting.blueprint.steps.get(order=1), lane=Lane.CUSTOMER)
    services.cell_write(cell=cell, text="Hears about Hug in a Mug", version=cell.version)
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    _sign_in(page, live_server.url, people.young_person.user.username, PASSWORD)
    page.goto(f"{live_server.url}{voting.blueprint.get_absolute_url()}")
    box = page.locator(f"#cell-text-{cell.pk}")

    box.focus()
    place = box.evaluate(
        """box => {
            box.setSelectionRange(box.value.length, box.value.length);
            box.dispatchEvent(new CustomEvent("htmx:afterSettle", {bubbles: true}));
            return [box.selectionStart, box.selectionEnd];
        }"""
    )
    assert place == [len("Hears about Hug in a Mug"), len("Hears about Hug in a Mug")]
    page.keyboard.type(" from a friend")
    expect(box).to_have_value("Hears about Hug in a Mug from a friend")
