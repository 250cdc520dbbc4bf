"""Every page a signed-in person is shown is kept by no cache: on a shared hub laptop, what
young people said must not stay behind the back button once they have signed out."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

SKIP = ("/static/", "/accounts/logout/", "/admin/")


def _crawl(client: Client, start: str = "/", limit: int = 400) -> dict[str, str]:
    """Every page reached by following links from the start, and its Cache-Control."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.get("Cache-Control", "")
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            body = response.content.decode()
            for link in sorted(set(re.findall(r'href="(/[^"#]*)"', body))):
                if not link.startswith(SKIP):
                    queue.append(link.replace("&amp;", "&"))
    return seen


@pytest.mark.parametrize("username", ["facilitator", "youngperson", "manager"])
def test_every_signed_in_page_says_no_store(db, username):
    call_command("seed_demo", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))

    pages = _crawl(client)

    assert len(pages) > 50
    kept = {path: header for path, header in pages.items() if "no-store" not in header}
    assert kept == {}
    # Photos and packs included: the crawl reached a photo and the packs page.
    assert any("/photos/" in path for path in pages)
    assert any(path.endswith("/packs/") for path in pages)


def test_static_files_may_be_kept_even_for_someone_signed_in(client, people):
    client.force_login(people.young_person.user)
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
