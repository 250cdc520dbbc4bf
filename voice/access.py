"""Who may see and change what members said, and the suggestions for the language guide. The
programme itself is checked first by workshops.access.programme_view, which every view here
goes through."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from workshops.models import LanguageTerm, Membership, Session

from .models import LanguageSuggestion, Photo, Question, Reflection, SuggestionStatus


def get_reflection(membership: Membership, session: Session, reflection_id: int, *, own=False):
    """A reflection the member may see; with own=True, only one they wrote."""
    reflections = Reflection.objects.filter(session=session).visible_to(membership)
    if own:
        reflections = reflections.filter(author=membership)
    return get_object_or_404(reflections.select_related("author__user"), id=reflection_id)


def get_photo(membership: Membership, session: Session, photo_id: int, *, changing=False):
    """A photo of the session; with changing=True, only the person who added it, or a
    facilitator, gets it (to edit or remove)."""
    photo = get_object_or_404(Photo, id=photo_id, session=session)
    if changing and not membership.runs_or_wrote(photo.uploaded_by_id):
        raise Http404
    return photo


def get_open_suggestion(membership: Membership, suggestion_id: int) -> LanguageSuggestion:
    """A suggestion for the language guide that still waits for a facilitator's answer."""
    return get_object_or_404(
        LanguageSuggestion.objects.in_programme(membership.programme_id),
        id=suggestion_id,
        status=SuggestionStatus.OPEN,
    )


def get_language_term(membership: Membership, term_id: int) -> LanguageTerm:
    return get_object_or_404(LanguageTerm.objects.in_programme(membership.programme_id), id=term_id)


def get_question(session: Session, question_id: int) -> Question:
    return get_object_or_404(Question, id=question_id, session=session)
