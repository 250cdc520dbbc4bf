"""Reflections and photos as each member sees them, rendered once and kept in the fragment
cache (workshops.fragments).

A reflection's copy depends on its own fields, on whether it is the viewer's, on the name
the viewer may see, and on whether the viewer runs the programme (who also see how many
people reported it, and forms, whose CSRF token is put in for each viewer and never kept).
The key names all of these; the template is given nothing more.
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
    """The reflections (already `as_seen_by` the member, and for those who run the
    programme with `open_reports`), each with its HTML in `.html`."""
    runs = membership.runs_programme
    place = {"programme": {"pk": membership.programme_id}, "session": {"pk": session.pk}}
    reader = {"runs_programme": runs, "pk": membership.pk}

    def key(reflection: Reflection) -> str:
        shown = "\x1f".join(str(getattr(reflection, name)) for name in SHOWN)
        name = reflection.shown_name or ""
        viewer = f"runs,{reflection.open_reports}" if runs else "member"
        return (
            f"reflection:{reflection.pk}:{session.pk}:{fragments.digest(shown)}:"
            f"{'mine' if reflection.is_mine else 'theirs'}:{fragments.digest(name)}:{viewer}"
        )

    def context(reflection: Reflection) -> dict:
        return {"reflection": reflection, "membership": reader, **place}

    fragments.attach(
        reflections,
        template_name="voice/includes/_reflection.html",
        key=key,
        context=context,
        with_forms=runs,
    )
    return reflections


# Every field of a photo that its fragment shows.
PHOTO_SHOWN = ["caption", "alt_text", "thumb_width", "thumb_height"]


def photos_with_fragments(photos: list, membership: Membership, session: Session) -> list:
    """The photos (with `uploaded_by__user` read), each with its HTML in `.html` from the
    fragment cache. A copy depends on the photo's fields, on whether the viewer added it,
    and for those who run the programme on who did (they see the name); the key names all
    three."""
    runs = membership.runs_programme
    place = {"programme": {"pk": membership.programme_id}, "session": {"pk": session.pk}}

    def key(photo) -> str:
        shown = "\x1f".join(str(getattr(photo, name)) for name in PHOTO_SHOWN)
        if photo.uploaded_by_id == membership.pk:
            viewer = "mine"
        elif runs:
            viewer = f"runs,{fragments.digest(photo.uploaded_by.user.name)}"
        else:
            viewer = "theirs"
        return f"photo:{photo.pk}:{session.pk}:{fragments.digest(shown)}:{viewer}"

    def context(photo) -> dict:
        mine = photo.uploaded_by_id == membership.pk
        # The template compares the photo's uploader with this: only "mine" is told.
        reader = {"runs_programme": runs, "pk": photo.uploaded_by_id if mine else None}
        return {"photo": photo, "membership": reader, **place}

    fragments.attach(photos, template_name="voice/includes/_photo.html", key=key, context=context)
    return photos
