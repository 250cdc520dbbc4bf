"""Photos through the pages: re-encoded on upload, refused with a clear message, and sent only
to members through a view that checks."""

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from voice.models import Photo
from workshops.tests.factories import first_session, jpeg_bytes, make_photo

from .test_images import _one_bit_png


@pytest.fixture
def session(people):
    return first_session(people.programme)


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # turned on its side
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 55.0, 12.0)  # Houghton Regis
    gps[3], gps[4] = "W", (0.0, 31.0, 4.0)
    return exif


def _post_photo(client, people, session, data: bytes, name="wall.jpg", **fields):
    fields = {"caption": "Our wall", "alt_text": "Sticky notes", "consent": "on"} | fields
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(
        reverse("voice:photo-add", args=[people.programme.pk, session.pk]),
        {"upload": upload, **fields},
    )


def _stored_files(settings) -> list:
    return sorted(p for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_a_phone_photo_comes_back_upright_with_no_gps(client, people, session, settings):
    client.force_login(people.young_person.user)
    original = jpeg_bytes(size=(800, 600), exif=_gps_exif())
    assert b"PhoneMaker" in original

    response = _post_photo(client, people, session, original)

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.thumb_width, photo.thumb_height) == (
        600,
        800,
        360,
        480,
    )
    assert (photo.caption, photo.alt_text, photo.consent) == ("Our wall", "Sticky notes", True)
    assert photo.image.name.startswith(f"photos/{people.programme.pk}/")
    client.force_login(people.manager.user)
    served = client.get(
        reverse("voice:photo-full", args=[people.programme.pk, session.pk, photo.pk])
    )
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "no-store, private"
    data = b"".join(served.streaming_content)
    assert b"PhoneMaker" not in data
    image = Image.open(io.BytesIO(data))
    assert image.size == (600, 800)
    assert not image.getexif()
    assert "exif" not in image.info
    assert len(_stored_files(settings)) == 2


def test_photos_are_not_on_a_public_url(client, people, session):
    photo = make_photo(session, people.young_person)
    client.force_login(people.young_person.user)
    assert client.get(f"/media/{photo.image.name}").status_code == 404
    client.logout()
    url = reverse("voice:photo-thumbnail", args=[people.programme.pk, session.pk, photo.pk])
    assert client.get(url).status_code == 302


REFUSED = [
    ("an HTML page named .jpg", b"<!doctype html><script>alert(1)</script>", "We can only take"),
    (
        "a PNG with HTML after it",
        None,  # made in the test
        "This file has something hidden in it that is not part of a photo.",
    ),
    ("an SVG", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "We can only take"),
]


@pytest.mark.parametrize(("what", "data", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_a_photo_is_refused_and_the_words_are_kept(
    client, people, session, settings, what, data, message
):
    if data is None:
        png = io.BytesIO()
        Image.new("RGB", (40, 40), (200, 200, 0)).save(png, "PNG")
        data = png.getvalue() + b"<html><script>alert(1)</script></html>"
    client.force_login(people.young_person.user)

    response = _post_photo(
        client, people, session, data, caption="The services we designed", alt_text="Drawings"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="The services we designed"' in html
    assert 'value="Drawings"' in html
    assert not Photo.objects.exists()
    assert _stored_files(settings) == []


def test_a_decompression_bomb_is_refused_with_little_memory(client, people, session):
    bomb = _one_bit_png(20_000, 20_000)
    client.force_login(people.young_person.user)

    tracemalloc.start()
    response = _post_photo(client, people, session, bomb, name="wall.png")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert "This photo has too many pixels for us to open." in response.content.decode()
    assert peak < 10 * 1024 * 1024
    assert not Photo.objects.exists()


def test_an_over_size_file_is_refused(client, people, session):
    client.force_login(people.young_person.user)
    too_big = jpeg_bytes() + b"\0" * (15 * 1024 * 1024)
    response = _post_photo(client, people, session, too_big)
    assert "This photo is too big. Please choose one under 15 MB." in response.content.decode()
    assert not Photo.objects.exists()


def test_alt_text_and_consent_are_needed(client, people, session):
    client.force_login(people.young_person.user)
    response = _post_photo(client, people, session, jpeg_bytes(), alt_text="", consent="")
    html = response.content.decode()
    assert "Describe the photo, so everyone can know what is in it." in html
    assert "Only add a photo if everyone in it said yes to it being shared." in html
    assert not Photo.objects.exists()


def test_removing_a_photo_removes_its_files(
    client, people, session, settings, django_capture_on_commit_callbacks
):
    photo = make_photo(session, people.young_person)
    assert len(_stored_files(settings)) == 2
    client.force_login(people.facilitator.user)
    url = reverse("voice:photo-delete", args=[people.programme.pk, session.pk, photo.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302

    assert not Photo.objects.exists()
    assert _stored_files(settings) == []
