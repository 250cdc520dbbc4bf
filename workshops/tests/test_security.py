import configparser
import re
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

from codesign.celery import app


def test_pages_forbid_inline_script_and_style_and_framing(client, people):
    client.force_login(people.young_person.user)
    response = client.get(people.programme.get_absolute_url())
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "an inline script"
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


def test_every_form_carries_a_csrf_token(client, people):
    client.force_login(people.facilitator.user)
    session = people.programme.workshops.get(number=1).sessions.get()
    html = client.get(session.get_absolute_url()).content.decode()
    assert html.count("<form") == html.count('name="csrfmiddlewaretoken"')
    # Sign out, the library picker, moving each of the 9 activities, setting its minutes and
    # removing it, a reflection, a photo, the check-out, and the three packs to print.
    assert html.count("<form") == 1 + 1 + 9 + 9 + 9 + 3 + 3


def test_posts_without_a_csrf_token_are_refused(people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.facilitator.user)
    response = client.post(reverse("workshops:programme-edit", args=[people.programme.pk]))
    assert response.status_code == 403


def test_celery_speaks_json_only_and_acknowledges_after_the_work():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert (app.conf.task_soft_time_limit, app.conf.task_time_limit) == (120, 180)


def test_sessions_expire_after_a_working_day():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "codesign.settings",
            "DJANGO_ENV": "production",
            "DJANGO_ALLOWED_HOSTS": "codesign.example.org",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 1
    assert "Set DJANGO_SECRET_KEY in the environment." in result.stderr


def test_every_app_with_tests_is_in_the_test_run():
    """An app left out of pytest.ini's testpaths would have its tests silently skipped."""
    config = configparser.ConfigParser()
    config.read(settings.BASE_DIR / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    apps_with_tests = {
        path.parent.parent.name for path in settings.BASE_DIR.glob("*/tests/__init__.py")
    }

    assert apps_with_tests == testpaths
