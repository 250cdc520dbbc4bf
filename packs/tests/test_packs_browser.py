"""A manager gets the programme pack in headless Chromium: asks for it, watches it being
made, downloads it, and the file is the pack."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from demo.management.commands.seed_demo import PASSWORD
from packs.models import Pack
from voice.models import Reflection, Shared
from workshops.tests.test_browser import PHONE, Checked, _sign_in

from .test_packs import SHARED_TEXT, pdf_text, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_watches_the_programme_pack_being_made_and_downloads_it(
    live_server, browser, celery_worker, axe_source, settings
):
    demo = seed_demo(settings)
    # Enough for the render to take a few seconds, so there is progress to watch.
    Reflection.objects.bulk_create(
        Reflection(
            session=demo.first_session,
            author=demo.professional,
            text=f"Note {number}: the Hug in a Mug drop-in works because it is informal. " * 3,
            shared=Shared.GROUP,
        )
        for number in range(300)
    )
    base = live_server.url
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    manager = Checked(context.new_page(), axe_source)
    page = manager.page
    _sign_in(page, base, "manager", PASSWORD)
    page.goto(f"{base}{demo.programme.get_absolute_url()}")
    page.get_by_role("button", name="Pages").click()  # the programme's menu, on a phone
    page.get_by_role("link", name="Printed packs").click()
    expect(page.get_by_role("heading", name="Printed packs", level=1)).to_be_visible()
    # A manager gets the programme pack and the handouts, not the facilitators' session pack.
    expect(page.get_by_role("heading", name="Session pack")).to_have_count(0)
    expect(page.get_by_role("heading", name="Handout in large print")).to_have_count(4)
    manager.axe()

    page.get_by_role("button", name="Get the programme pack").click()

    pack = Pack.objects.get()
    expect(page).to_have_url(f"{base}{pack.get_absolute_url()}")
    expect(page.locator("progress.pack-progress")).to_be_visible()
    manager.axe()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=60_000)
    expect(page.locator("progress.pack-progress")).to_have_count(0)
    expect(page.locator("#pack-announce")).to_have_text("Your pack is ready to download.")
    pack.refresh_from_db()
    expect(page.locator("#pack-status")).to_contain_text(f"Your pack is ready: {pack.pages} pages.")
    manager.axe()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()

    download = download_info.value
    assert download.suggested_filename == "care-leavers-co-production-project-programme-pack.pdf"
    path = download.path()
    assert len(PdfReader(path).pages) == pack.pages
    assert SHARED_TEXT in pdf_text(path.read_bytes())
    assert manager.console_errors == []
