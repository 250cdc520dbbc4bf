"""Whatever people type is kept as typed and shown as text, never run as code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from voice.models import Photo, Reflection

from .factories import first_session, jpeg_bytes
from .hostile import HOSTILE_INPUTS


@pytest.mark.parametrize("typed", HOSTILE_INPUTS)
def test_a_reflection_is_kept_and_shown_as_typed(client, people, typed):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)

    response = client.post(
        reverse("voice:reflection-add", args=[people.programme.pk, session.pk]),
        {"text": typed, "shared": "group"},
    )

    assert response.status_code == 302
    assert Reflection.objects.get().text == typed.strip()
    client.force_login(people.professional.user)
    for url in (
        session.get_absolute_url(),
        reverse("voice:session-voice", args=[people.programme.pk, session.pk]),
    ):
        html = client.get(url).content.decode()
        assert escape(typed.strip()) in html


@pytest.mark.parametrize("typed", HOSTILE_INPUTS)
def test_a_photo_caption_and_alt_text_are_kept_as_typed_or_refused_with_the_words_kept(
    client, people, typed
):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)

    response = client.post(
        reverse("voice:photo-add", args=[people.programme.pk, session.pk]),
        {
            "upload": SimpleUploadedFile("wall.jpg", jpeg_bytes(), content_type="image/jpeg"),
            "caption": typed,
            "alt_text": typed,
            "consent": "on",
        },
    )

    if len(typed.strip()) > 300:
        html = response.content.decode()
        assert "Please keep the caption under 300 characters." in html
        assert f'value="{escape(typed)}"' in html or f'value="{escape(typed.strip())}"' in html
        assert not Photo.objects.exists()
        return
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.caption, photo.alt_text) == (typed.strip(), typed.strip())
    html = client.get(session.get_absolute_url()).content.decode()
    assert f'alt="{escape(typed.strip())}"' in html
    assert f'<figcaption class="user-text">{escape(typed.strip())}</figcaption>' in html


def test_null_characters_are_refused_with_a_message_and_the_rest_kept(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    response = client.post(
        reverse("voice:reflection-add", args=[people.programme.pk, session.pk]),
        {"text": "before\x00after", "shared": "group", "feeling": "calm"},
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Reflection.objects.exists()


def test_very_long_reflections_are_refused_and_kept_in_the_form(client, people):
    session = first_session(people.programme)
    client.force_login(people.young_person.user)
    typed = "I have a lot to say. " * 200
    response = client.post(
        reverse("voice:reflection-add", args=[people.programme.pk, session.pk]),
        {"text": typed, "shared": "group"},
    )
    html = response.content.decode()
    assert "Please keep it under 2,000 characters." in html
    assert typed.strip() in html
    assert not Reflection.objects.exists()
