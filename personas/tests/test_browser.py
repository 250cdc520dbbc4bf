"""Workshop 2 in headless Chromium: a young person adds a card from a phone, and the
facilitator's map shows it without reloading."""

import pytest
from playwright.sync_api import expect

from personas import services as persona_services
from personas.models import Card
from workshops.tests.factories import PASSWORD
from workshops.tests.test_browser import PHONE, Checked, _sign_in

from .conftest import make_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_card_from_a_phone_appears_on_the_facilitators_map(
    live_server, browser, people, axe_source
):
    journey = make_journey(people)
    base = live_server.url
    map_url = f"{base}{journey.journey_map.get_absolute_url()}"

    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    facilitator = Checked(laptop.new_page(), axe_source)
    _sign_in(facilitator.page, base, people.facilitator.user.username, PASSWORD)
    facilitator.page.goto(map_url)
    expect(facilitator.page.get_by_role("heading", name="Jade's journey")).to_be_visible()
    facilitator.axe()
    # Marked, to show later that new cards are put in place and the map is not drawn again.
    facilitator.page.evaluate("document.getElementById('map-grid').dataset.drawn = 'once'")

    # A professional on a phone has the map open too.
    other_phone = browser.new_context(viewport=PHONE)
    professional = other_phone.new_page()
    _sign_in(professional, base, people.professional.user.username, PASSWORD)
    professional.goto(map_url)
    professional.evaluate("document.getElementById('map-grid').dataset.drawn = 'once'")
    tenancy = professional.locator(".journey-stage", has_text="3. First tenancy")
    expect(tenancy.get_by_role("heading", name="Problem")).to_be_hidden()

    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    for path in [
        f"/programmes/{people.programme.pk}/timelines/",
        f"/programmes/{people.programme.pk}/timelines/{people.young_person.pk}/",
        journey.persona.get_absolute_url(),
        f"/programmes/{people.programme.pk}/personas/new/",
        f"/programmes/{people.programme.pk}/opportunities/",
    ]:
        young.page.goto(f"{base}{path}")
        young.axe()
    young.page.goto(map_url)
    young.axe()
    young.page.locator("#id_stage").select_option(label="First tenancy")
    young.page.get_by_label("Problem", exact=True).check()
    young.page.locator("#id_text").fill("Nobody explained the gas meter")
    young.page.get_by_role("button", name="Put it on the map").click()
    expect(young.page.locator("#map-status")).to_have_text("Your card is on the map.")
    expect(young.page.locator("#id_text")).to_have_value("")
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the map scrolls sideways on a phone"
    young.axe()

    # No reload: the facilitator's page polls and the card arrives in the problem row.
    row = facilitator.page.locator(".journey__wide .journey-grid__row--problem")
    expect(row).to_contain_text("Nobody explained the gas meter", timeout=10_000)
    card = Card.objects.get(text="Nobody explained the gas meter")
    assert (card.kind, card.stage.title, card.author) == (
        "problem",
        "First tenancy",
        people.young_person,
    )
    assert facilitator.page.locator("#map-grid[data-drawn=once]").count() == 1
    facilitator.axe()

    # On the professional's phone it arrives under its stage, with the heading it needs.
    expect(tenancy.get_by_role("heading", name="Problem")).to_be_visible(timeout=10_000)
    expect(tenancy).to_contain_text("Nobody explained the gas meter")
    assert professional.locator("#map-grid[data-drawn=once]").count() == 1

    # Reworded by the facilitator: it changes in place on both pages, as hers on hers.
    card.text = "Nobody explained the gas meter or the bills"
    persona_services.card_save(card=card)
    for page in (facilitator.page, professional):
        expect(page.locator("#map-grid")).to_contain_text("or the bills", timeout=10_000)
        assert page.locator("#map-grid[data-drawn=once]").count() == 1
    expect(young.page.locator(".journey__narrow")).to_contain_text(
        "Nobody explained the gas meter or the bills yours", timeout=10_000
    )
    laptop.close()
    phone.close()
    other_phone.close()


def test_a_card_moves_by_dragging_on_a_laptop_and_by_keyboard_on_a_phone(
    live_server, browser, people, axe_source
):
    journey = make_journey(people)
    base = live_server.url
    map_url = f"{base}{journey.journey_map.get_absolute_url()}"
    stages = list(journey.journey_map.stages.all())
    card = journey.facilitator_card  # a problem at the first stage

    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    facilitator = Checked(laptop.new_page(), axe_source)
    _sign_in(facilitator.page, base, people.facilitator.user.username, PASSWORD)
    facilitator.page.goto(map_url)
    # The young person's phone has the map open too, and follows the move.
    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    young.page.goto(map_url)

    wide = facilitator.page.locator(".journey__wide")
    sticky = wide.locator(".sticky", has_text="Too many new faces")
    target = wide.locator(f'[data-drop-stage="{stages[2].pk}"][data-drop-kind="insight"]')
    sticky.drag_to(target)
    expect(facilitator.page.locator("#map-status")).to_have_text(
        f"Moved “Too many new faces” to {stages[2].title}, as insight."
    )
    expect(target).to_contain_text("Too many new faces")
    card.refresh_from_db()
    assert (card.stage_id, card.kind) == (stages[2].pk, "insight")
    facilitator.axe()

    third = young.page.locator(".journey-stage", has_text=f"3. {stages[2].title}")
    expect(third).to_contain_text("Too many new faces", timeout=10_000)

    # On the phone, by keyboard alone: the young person moves their own card.
    mine = journey.young_persons_card
    young.page.locator(".journey__narrow .sticky", has_text="Hug in a Mug drop-in").get_by_role(
        "link", name="Move"
    ).focus()
    young.page.keyboard.press("Enter")
    expect(young.page.get_by_role("heading", name="Move a card")).to_be_visible()
    young.axe()
    young.page.get_by_label(f"{stages[3].order}. {stages[3].title}", exact=True).focus()
    young.page.keyboard.press("Space")
    young.page.get_by_label("Insight", exact=True).focus()
    young.page.keyboard.press("Space")
    young.page.get_by_role("button", name="Move the card").focus()
    young.page.keyboard.press("Enter")
    expect(young.page.locator(".alert")).to_contain_text(
        f"Moved “Hug in a Mug drop-in” to {stages[3].title}, as insight."
    )
    mine.refresh_from_db()
    assert (mine.stage_id, mine.kind) == (stages[3].pk, "insight")
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the map scrolls sideways on a phone"
