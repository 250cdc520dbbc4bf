"""A young person gets a copy of her data on a small phone: finds it from the menu, asks,
watches it being made by the real worker, and downloads it."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from privacy.models import DataExport
from workshops.tests.factories import PASSWORD, first_session, make_photo, make_reflection
from workshops.tests.test_browser import Checked, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 320, "height": 640}


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{page.url} scrolls sideways: {width} px"


def test_a_young_person_gets_a_copy_of_her_data_on_a_small_phone(
    live_server, browser, celery_worker, people, axe_source, tmp_path
):
    kayla = people.young_person
    session = first_session(people.programme)
    make_reflection(session, kayla, "Hug in a Mug made me feel welcome", anonymous=True)
    make_photo(session, kayla, caption="Our wall of hopes")
    base = live_server.url
    context = browser.new_context(viewport=SMALL_PHONE, accept_downloads=True)
    phone = Checked(context.new_page(), axe_source)
    page = phone.page
    _sign_in(page, base, kayla.user.username, PASSWORD)

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Your account (Kayla)").click()
    expect(page.get_by_role("heading", name="Your account", level=1)).to_be_visible()
    _fits(page)
    phone.axe()

    page.get_by_role("button", name="Make a copy of my data").click()
    expect(page.get_by_text("Your copy is being made.")).to_be_visible()
    download = page.get_by_role("link", name="Download your copy")
    expect(download).to_be_visible(timeout=60_000)
    expect(page.locator("#export-announce")).to_have_text("Your copy is ready to download.")
    _fits(page)
    phone.axe()

    with page.expect_download() as download_info:
        download.click()
    saved = tmp_path / "copy.zip"
    download_info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        data = json.loads(archive.read("your-data.json"))
        names = archive.namelist()
        readable = archive.read("your-data.html").decode()
    assert [row["text"] for row in data["reflections"]] == ["Hug in a Mug made me feel welcome"]
    assert [row["caption"] for row in data["photos"]] == ["Our wall of hopes"]
    assert data["photos"][0]["file"] in names
    assert "Everything codesign holds about Kayla" in readable

    # The readable page, opened from the zip on the phone, is readable there too.
    opened = tmp_path / "your-data.html"
    opened.write_text(readable)
    page.goto(opened.as_uri())
    expect(page.get_by_role("heading", name="Your reflections")).to_be_visible()
    _fits(page)
    phone.axe()

    # The privacy page, from the footer of any page.
    page.goto(f"{base}{people.programme.get_absolute_url()}")
    page.get_by_role("link", name="How we look after your information").click()
    expect(
        page.get_by_role("heading", name="How we look after your information", level=1)
    ).to_be_visible()
    _fits(page)
    phone.axe()
    assert DataExport.objects.get().user == kayla.user
