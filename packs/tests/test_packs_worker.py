"""Packs made the way they are in use: asked for on the site, made by a real Celery worker
through a real Redis, read back with pypdf."""

import io
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import wait_for
from packs import content as contents
from packs import render
from packs.models import Pack, PackKind, PackStatus
from personas.models import Card, Persona
from voice import services as voice_services
from voice.models import CheckOut, Reflection, Shared
from workshops.tests.factories import make_photo, make_reflection
from workshops.tests.hostile import HOSTILE_INPUTS

from .test_packs import (
    ANONYMOUS_TEXT,
    FACILITATORS_ONLY_TEXT,
    SHARED_TEXT,
    pdf_text,
    seed_demo,
)


def _ask(client, demo, kind=PackKind.PROGRAMME, session=None):
    data = {"kind": kind} | ({"session": session.pk} if session else {})
    return client.post(reverse("packs:pack-request", args=[demo.programme.pk]), data)


def _ready(kind=PackKind.PROGRAMME):
    def check():
        pack = Pack.objects.filter(kind=kind).first()
        assert pack is None or pack.status != PackStatus.FAILED, pack.error
        return pack if pack and pack.is_ready else None

    return check


def test_the_demo_programme_pack_is_made_by_the_worker(client, celery_worker, settings):
    demo = seed_demo(settings)
    hidden = make_reflection(
        demo.first_session, demo.young_person, "My carer shouted at me on moving day"
    )
    voice_services.reflection_hide(reflection=hidden, by=demo.facilitator, reason="Names a carer")
    client.force_login(demo.manager.user)

    asked = _ask(client, demo)

    pack = Pack.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == pack.get_absolute_url()
    pack = wait_for(_ready(), timeout=60)
    download = client.get(reverse("packs:pack-download", args=[demo.programme.pk, pack.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="care-leavers-co-production-project-programme-pack.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    data = b"".join(download.streaming_content)
    text = pdf_text(data)
    assert "Jade" in text  # the persona
    assert "Pathway plans are written about you, not with you" in text  # a journey card
    assert "Which two services do we take forward?" in text
    assert "Unique" in text and "Global Tastes" in text  # the two the vote chose
    assert SHARED_TEXT in text
    assert ANONYMOUS_TEXT in text
    assert FACILITATORS_ONLY_TEXT not in text
    assert "My carer shouted at me" not in text
    assert demo.dan.user.name not in text  # wrote anonymously
    assert len(PdfReader(io.BytesIO(data)).pages) == pack.pages

    again = _ask(client, demo)

    assert again.status_code == 200
    assert b"".join(again.streaming_content) == data
    assert list(Pack.objects.values_list("pk", "attempts")) == [(pack.pk, 1)]


def test_a_change_makes_a_new_pack_and_the_old_one_is_not_given_out(
    client, celery_worker, settings
):
    demo = seed_demo(settings)
    client.force_login(demo.facilitator.user)
    _ask(client, demo)
    old = wait_for(_ready(), timeout=60)
    reflection = Reflection.objects.get(text__startswith=SHARED_TEXT)
    voice_services.reflection_hide(reflection=reflection, by=demo.facilitator, reason="")

    # The copy in the old pack went when the reflection was hidden, file and all.
    gone = client.get(reverse("packs:pack-download", args=[demo.programme.pk, old.pk]))
    assert gone.status_code == 404
    assert not (settings.MEDIA_ROOT / old.file.name).exists()
    _ask(client, demo)
    new = wait_for(_ready(), timeout=60)
    assert new.pk != old.pk
    assert SHARED_TEXT not in pdf_text(new.file.read())
    assert list(Pack.objects.values_list("pk", flat=True)) == [new.pk]


# --- Hostile input ---


class Canary:
    """A web server on loopback that notes every request made to it."""

    def __init__(self):
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                requests.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary():
    server = Canary()
    yield server
    server.close()


def _hostile(canary_url: str) -> list[str]:
    return [
        f'<img src="{canary_url}/img">',
        f'<link rel="stylesheet" href="{canary_url}/link">',
        f'<div style="background: url({canary_url}/style)">x</div>',
        f"<style>@import url({canary_url}/import);"
        f" body {{ background: url({canary_url}/bg) }}</style>",
        f"url({canary_url}/plain)",
        f'<object data="{canary_url}/object"></object>',
        '<iframe src="file:///etc/passwd"></iframe> file:///etc/passwd',
        f'<script>fetch("{canary_url}/script")</script>',
        f'<svg><image href="{canary_url}/svg"/></svg>',
    ]


def test_hostile_text_prints_as_text_and_fetches_nothing(settings, canary, db):
    demo = seed_demo(settings)
    session = demo.first_session
    texts = _hostile(canary.url)
    for text in texts:
        make_reflection(session, demo.young_person, text)
    card = Card.objects.filter(stage__journey_map__programme=demo.programme).first()
    card.text = texts[0]
    card.save()
    Persona.objects.filter(programme=demo.programme).update(story=texts[2], quote=texts[7])
    CheckOut.objects.filter(session=session).update(went_well=texts[3])
    photo = make_photo(session, demo.young_person, caption=texts[5])
    photo.alt_text = texts[1]
    photo.save()
    session.activities.filter(title="Blueprinting").update(
        instructions=texts[6], materials=texts[4]
    )

    for kind, scope in [(PackKind.PROGRAMME, None), (PackKind.SESSION, session)]:
        pack = Pack(programme=demo.programme, session=scope, kind=kind, content_hash="x")
        content = contents.pack_content(kind, demo.programme, scope)
        rendered = render.render_pdf(pack, content)

        text = pdf_text(rendered.pdf)
        origin = render.base_url().rstrip("/")
        fetched = {url.removeprefix(origin) for url in rendered.requested_urls}
        assert all(url.startswith(("/static/", "/media/photos/")) for url in fetched), fetched
        assert canary.requests == []
        assert "file:///etc/passwd" in text
        if kind == PackKind.PROGRAMME:
            assert f'<img src="{canary.url}/img">' in text
            assert f'<script>fetch("{canary.url}/script")</script>' in text
            assert f"url({canary.url}/plain)" in text


def test_every_hostile_input_prints_in_a_pack(settings, db):
    demo = seed_demo(settings)
    for text in HOSTILE_INPUTS:
        if text.strip() and "\x00" not in text:
            Reflection.objects.create(
                session=demo.first_session, author=demo.young_person, text=text, shared=Shared.GROUP
            )

    pack = Pack(programme=demo.programme, kind=PackKind.PROGRAMME, content_hash="x")
    rendered = render.render_pdf(pack, contents.programme_pack_content(demo.programme))

    text = pdf_text(rendered.pdf)
    assert rendered.pages > 5
    # As typed, in letters that all have a glyph: no blank boxes, which would also
    # garble the text a screen reader gets.
    for typed in [
        "<script>window.__pwned = 1</script>",
        "{{ request.user.password }}",
        "Ĉu vi ŝatas la ĉokoladon? Siân, Zoë, Łukasz",
        "שלום לכולם",
        "Proud 😊🎉 of us",
    ]:
        assert typed in text
    assert "\x00" not in text


def test_the_fetcher_gives_our_files_and_refuses_everything_else(settings, db):
    demo = seed_demo(settings)
    photo = demo.first_session.photos.get()
    fetcher = render.PackFetcher(demo.programme.pk)
    base = render.base_url().rstrip("/")

    css = fetcher.fetch(f"{base}/static/css/pdf.css")
    assert css.read() == (settings.BASE_DIR / "static" / "css" / "pdf.css").read_bytes()
    assert css.content_type == "text/css"
    image = fetcher.fetch(f"{base}/media/{photo.image.name}")
    assert image.read() == photo.image.read()
    for refused in [
        "http://127.0.0.1:9/",
        "https://example.org/static/css/pdf.css",
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/static/css/pdf.css",
        f"{base}/static/../codesign/settings.py",
        f"{base}/static/%2e%2e/codesign/settings.py",
        f"{base}/static/css/pdf.css?v=1",
        f"{base}/media/photos/{demo.programme.pk + 1}/x.jpg",
        f"{base}/media/{photo.image.name}/../../../packs/1/x.pdf",
        f"{base}/media/invitations/x",
        "data:text/html,<p>hi</p>",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


# --- A worker killed in the middle ---


def test_a_worker_killed_mid_render_leaves_a_pack_made_once(client, pooled_celery_worker, settings):
    demo = seed_demo(settings)
    # Enough to keep the worker busy for a few seconds.
    Reflection.objects.bulk_create(
        Reflection(
            session=demo.first_session,
            author=demo.young_person,
            text=f"Reflection {number}: " + "the drop-in felt like home. " * 12,
            shared=Shared.GROUP,
        )
        for number in range(600)
    )
    client.force_login(demo.manager.user)
    _ask(client, demo)
    rendering = wait_for(
        lambda: Pack.objects.filter(status=PackStatus.RENDERING, progress__gte=40).first(),
        timeout=60,
    )
    [pool_process] = pooled_celery_worker.pool_processes()

    os.kill(pool_process, signal.SIGKILL)

    pack = wait_for(_ready(), timeout=120)
    assert pack.pk == rendering.pk
    assert pack.attempts == 2
    folder = settings.MEDIA_ROOT / "packs" / str(demo.programme.pk)
    assert [f.name for f in folder.iterdir()] == [f"{pack.pk}-{pack.content_hash[:16]}.pdf"]
    assert len(PdfReader(pack.file.path).pages) == pack.pages
    assert Pack.objects.count() == 1
