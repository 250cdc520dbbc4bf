"""The Django admin, where staff sign in with a password alone, is off in production unless
DJANGO_ADMIN_ENABLED asks for it."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import clear_url_caches

import codesign.urls


@pytest.fixture
def urls_with(settings):
    def build(enabled: bool):
        settings.ADMIN_ENABLED = enabled
        clear_url_caches()
        return importlib.reload(codesign.urls)

    yield build
    settings.ADMIN_ENABLED = True
    importlib.reload(codesign.urls)
    clear_url_caches()


def test_the_admin_is_there_when_enabled(urls_with, client, people):
    urls_with(True)
    client.force_login(people.facilitator.user)
    assert client.get("/admin/").status_code == 302  # to the admin's own sign-in


def test_the_admin_is_gone_when_not_enabled(urls_with, client, people):
    urls_with(False)
    client.force_login(people.facilitator.user)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("environment", "asked", "enabled"),
    [("production", None, "False"), ("production", "1", "True"), ("development", None, "True")],
)
def test_production_leaves_the_admin_off_unless_asked(environment, asked, enabled):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": environment,
        "DJANGO_SECRET_KEY": "a-secret-key-for-this-test-only-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "codesign.example.org",
    }
    if asked:
        env["DJANGO_ADMIN_ENABLED"] = asked
    result = subprocess.run(
        [sys.executable, "-c", "import codesign.settings as s; print(s.ADMIN_ENABLED)"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == enabled, result.stderr
