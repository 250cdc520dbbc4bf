"""Who may see and change what members said. The programme itself is checked first by
workshops.access.programme_view, which every view here goes through."""

from django.shortcuts import get_object_or_404

from voice.models import Reflection
from workshops.models import Membership, Session

from .models import Photo


def get_reflection(membership: Membership, session: Session, reflection_id: int, *, own=False):
    """A reflection the member may see; with own=True, only one they wrote."""
    reflections = Reflection.objects.filter(session=session).visible_to(membership)
    if own:
        reflections = reflections.filter(author=membership)
    return get_object_or_404(reflections.select_related("author__user"), id=reflection_id)


def get_photo(membership: Membership, session: Session, photo_id: int, *, changing=False):
    """A photo of the session; with changing=True, only the person who added it, or a
    facilitator, gets it (to edit or remove)."""
    photos = Photo.objects.filter(session=session)
    if changing and not membership.runs_programme:
        photos = photos.filter(uploaded_by=membership)
    return get_object_or_404(photos, id=photo_id)
