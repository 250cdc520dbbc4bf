"""The session page in headless Chromium: a young person on a phone adds an anonymous
reflection and a photo, and another member sees both arrive, without her name and without
reloading. Hostile text is shown as text and never runs."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from voice import services as voice_services
from voice.models import Photo, Reflection
from workshops.tests.factories import (
    PASSWORD,
    first_session,
    jpeg_bytes,
    make_photo,
    make_reflection,
)
from workshops.tests.hostile import HOSTILE_INPUTS
from workshops.tests.test_browser import PHONE, Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_anonymous_reflection_and_a_photo_from_a_phone_reach_the_group_live(
    live_server, browser, people, axe_source, tmp_path
):
    people.young_person.user.display_name = "Kayla Quinn"
    people.young_person.user.save()
    session = first_session(people.programme)
    base = live_server.url
    session_url = f"{base}{session.get_absolute_url()}"

    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    professional = Checked(laptop.new_page(), axe_source)
    _sign_in(professional.page, base, people.professional.user.username, PASSWORD)
    professional.page.goto(session_url)
    empty_note = professional.page.get_by_text("No reflections yet. Yours could be the first.")
    expect(empty_note).to_be_visible()
    professional.axe()
    # Marked, to show later that new ones are put in place and nothing is drawn again.
    professional.page.evaluate(
        "for (const id of ['reflection-list', 'photo-grid'])"
        " document.getElementById(id).dataset.drawn = 'once'"
    )

    phone = browser.new_context(viewport=PHONE)
    young = Checked(phone.new_page(), axe_source)
    _sign_in(young.page, base, people.young_person.user.username, PASSWORD)
    young.page.goto(session_url)
    young.axe()
    young.page.get_by_label("What did you think?").fill(
        "I was anxious about being judged, but my placement worker listened."
    )
    # The language guide's gentle suggestion appears as she types, and blocks nothing.
    expect(young.page.locator("#language-hint-text")).to_contain_text(
        "many people prefer “home” to “placement”"
    )
    young.page.locator("label[for=id_feeling_6]").click()  # Anxious
    # Nobody chooses for her who sees it.
    expect(young.page.get_by_label("Everyone in the group")).not_to_be_checked()
    expect(young.page.get_by_label("Only the facilitators")).not_to_be_checked()
    young.page.get_by_label("Everyone in the group").check()
    young.page.get_by_label("Don't show my name to the group").check()
    young.axe()
    young.page.get_by_role("button", name="Save my reflection").click()
    # Said where she is, not at the top of the page out of view, and read out: focus is on it.
    said = young.page.locator(".said-here")
    expect(said).to_be_focused()
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text("Thank you. Your reflection is saved.")
    expect(said).to_contain_text("Many people prefer “home”")
    expect(young.page.locator(".messages[role=status]")).to_have_count(0)
    young.axe()

    young.page.get_by_text("Add a photo").click()
    photo = tmp_path / "wall.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900)))
    young.page.locator("#id_upload").set_input_files(str(photo))
    young.page.get_by_label("Caption").fill("Our wall of sticky notes")
    young.page.get_by_label("Describe the photo for people who can't see it").fill(
        "Yellow sticky notes about moving into a first flat"
    )
    young.page.get_by_label("Everyone in the photo agreed to it being shared").check()
    young.page.get_by_role("button", name="Add the photo").click()
    expect(young.page.get_by_text("Thank you. Your photo is added.")).to_be_visible()
    width = young.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the session page scrolls sideways on a phone"
    young.axe()

    # No reload: the professional's page polls, and both arrive without her name.
    reflections = professional.page.locator("#reflection-list")
    expect(reflections).to_contain_text("my placement worker listened", timeout=10_000)
    expect(reflections).to_contain_text("Someone in the group")
    expect(reflections).to_contain_text("Anxious")
    expect(
        professional.page.get_by_role("img", name="Yellow sticky notes about moving into")
    ).to_be_visible(timeout=10_000)
    assert "Kayla" not in professional.page.locator("main").inner_text()
    expect(empty_note).to_be_hidden()
    expect(professional.page.get_by_text("No photos yet.")).to_be_hidden()
    assert professional.page.locator("[data-drawn=once]").count() == 2
    professional.axe()

    reflection = Reflection.objects.get()
    assert (reflection.author, reflection.anonymous, reflection.feeling) == (
        people.young_person,
        True,
        "anxious",
    )
    assert Photo.objects.get().caption == "Our wall of sticky notes"
    laptop.close()
    phone.close()


def test_hostile_text_is_shown_as_text_and_never_runs(live_server, page, people, axe_source):
    session = first_session(people.programme)
    for typed in HOSTILE_INPUTS:
        make_reflection(session, people.young_person, typed.strip())
    for typed in HOSTILE_INPUTS[:20]:
        photo = make_photo(session, people.young_person, caption=typed)
        Photo.objects.filter(pk=photo.pk).update(alt_text=typed)
    voice_services.checkout_save(
        session=session, membership=people.young_person, how_it_went=5, went_well=HOSTILE_INPUTS[2]
    )
    checked = Checked(page, axe_source)
    page.add_init_script("window.__pwned = 0;")
    _sign_in(page, live_server.url, people.facilitator.user.username, PASSWORD)

    every_reflection = reverse("voice:session-reflections", args=[people.programme.pk, session.pk])
    every_photo = reverse("voice:session-photos", args=[people.programme.pk, session.pk])
    for path in [
        session.get_absolute_url(),
        every_reflection,
        every_photo,
        f"/programmes/{people.programme.pk}/feedback/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") == 0
        assert page.locator("main script, main iframe, main object, main svg[onload]").count() == 0
        assert page.locator("main img[src=x], main h1").count() == 1  # the page's own heading
        assert page.locator("main style, main base, main meta").count() == 0

    # The session page shows the newest; every one of them is on the page of all of them.
    page.goto(f"{live_server.url}{every_reflection}")
    shown = page.locator(".card-list .user-text").evaluate_all(
        "nodes => nodes.map(node => node.textContent)"
    )
    assert sorted(shown) == sorted(typed.strip() for typed in HOSTILE_INPUTS)
    page.goto(f"{live_server.url}{every_photo}")
    captions = page.locator("#photo-grid figcaption").evaluate_all(
        "nodes => nodes.map(node => node.textContent)"
    )
    assert sorted(captions) == sorted(HOSTILE_INPUTS[:20])
    alts = page.locator("#photo-grid img").evaluate_all("nodes => nodes.map(node => node.alt)")
    assert sorted(alts) == sorted(HOSTILE_INPUTS[:20])
    assert checked.console_errors == []
