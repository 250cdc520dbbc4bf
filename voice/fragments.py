"""Reflections as a member who does not run the programme sees them, rendered once and kept
in the fragment cache (workshops.fragments).

Those who run the programme are not served from the cache: their copy of a reflection holds
forms with their own CSRF token, and the moderation counts. Everyone else's copy depends on
the reflection's own fields, on whether it is theirs, and on the name they may see, and the
key names all three; the template is given nothing more.
"""

from workshops import fragments
from workshops.models import Membership, Session

from .models import Reflection

# Every field of a reflection that its fragment shows, or that decides what it shows.
SHOWN = [
    "text",
    "feeling",
    "shared",
    "anonymous",
    "wants_a_chat",
    "chat_answered_at",
    "hidden_at",
    "hidden_reason",
    "created_at",
    "edited_at",
]


def with_fragments(reflections: list[Reflection], membership: Membership, session: Session):
    """The reflections (already `as_seen_by` the member), each with its HTML in `.html`
    where it may come from the cache; those who run the programme get none."""
    if membership.runs_programme:
        return reflections
    place = {"programme": {"pk": membership.programme_id}, "session": {"pk": session.pk}}
    reader = {"runs_programme": False, "pk": membership.pk}

    def key(reflection: Reflection) -> str:
        shown = "\x1f".join(str(getattr(reflection, name)) for name in SHOWN)
        name = reflection.shown_name or ""
        return (
            f"reflection:{reflection.pk}:{session.pk}:{fragments.digest(shown)}:"
            f"{'mine' if reflection.is_mine else 'theirs'}:{fragments.digest(name)}"
        )

    def context(reflection: Reflection) -> dict:
        return {"reflection": reflection, "membership": reader, **place}

    html = fragments.rendered(
        reflections, template_name="voice/includes/_reflection.html", key=key, context=context
    )
    for reflection, reflection_html in zip(reflections, html, strict=True):
        reflection.html = reflection_html
    return reflections


# Every field of a photo that its fragment shows.
PHOTO_SHOWN = ["caption", "alt_text", "thumb_width", "thumb_height"]


def photos_with_fragments(photos: list, membership: Membership, session: Session) -> list:
    """The photos, each with its HTML in `.html` from the fragment cache, for a member who
    does not run the programme: their copy depends on the photo's fields and on whether
    they added it, and the key names both. Those who run the programme get none."""
    if membership.runs_programme:
        return photos
    place = {"programme": {"pk": membership.programme_id}, "session": {"pk": session.pk}}

    def key(photo) -> str:
        shown = "\x1f".join(str(getattr(photo, name)) for name in PHOTO_SHOWN)
        mine = photo.uploaded_by_id == membership.pk
        whose = "mine" if mine else "theirs"
        return f"photo:{photo.pk}:{session.pk}:{fragments.digest(shown)}:{whose}"

    def context(photo) -> dict:
        mine = photo.uploaded_by_id == membership.pk
        # The template compares the photo's uploader with this: only "mine" is told.
        reader = {"runs_programme": False, "pk": photo.uploaded_by_id if mine else None}
        return {"photo": photo, "membership": reader, **place}

    html = fragments.rendered(
        photos, template_name="voice/includes/_photo.html", key=key, context=context
    )
    for photo, photo_html in zip(photos, html, strict=True):
        photo.html = photo_html
    return photos
