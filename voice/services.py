"""What members say about the sessions, written down: reflections and their moderation,
check-out answers, photos, and suggestions for the language guide.

Every change to a session's reflections or photos moves the session's voice_version on, so
the session pages that poll for them learn "nothing new" from one number. Whatever takes
back words that people shared (hidden, edited, removed) sends `signals.words_withdrawn`,
so that copies of them elsewhere (the printed programme pack) go at once.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import LanguageTerm, Membership, Session
from workshops.shortcuts import move_on

from . import signals
from .images import ProcessedImage
from .models import (
    Answer,
    CheckOut,
    LanguageSuggestion,
    Photo,
    Question,
    Reflection,
    ReflectionReport,
    SuggestionStatus,
)
from .tasks import tell_facilitators_about_a_chat


def _voice_changed(session_id: int, *, redraw: bool = True) -> int:
    """Move the session's voice version on, and return it. Pages that poll are sent new
    reflections and photos alone; any other change (`redraw`) has them draw all again. Call
    it inside the change's transaction."""
    sessions = Session.objects.filter(pk=session_id)
    return move_on(sessions, "voice_version", "voice_layout_version", redraw=redraw)


def _words_withdrawn(session_id: int) -> None:
    signals.words_withdrawn.send(sender=Session, session_id=session_id)


def _ask_for_a_chat(reflection: Reflection) -> None:
    # The row is the record of the request: with the broker down the page still answers, and
    # tasks.resend_chat_requests sends the e-mail once the broker is back.
    transaction.on_commit(
        lambda: tell_facilitators_about_a_chat.delay(reflection_id=reflection.pk), robust=True
    )


@transaction.atomic
def reflection_add(*, session: Session, author: Membership, **fields) -> Reflection:
    version = _voice_changed(session.pk, redraw=False)
    reflection = Reflection.objects.create(
        session=session, author=author, added_version=version, **fields
    )
    if reflection.wants_a_chat:
        _ask_for_a_chat(reflection)
    return reflection


@transaction.atomic
def reflection_edit(*, reflection: Reflection, **fields) -> None:
    asked_before = Reflection.objects.filter(pk=reflection.pk, wants_a_chat=True).exists()
    for name, value in fields.items():
        setattr(reflection, name, value)
    reflection.edited_at = timezone.now()
    if not reflection.wants_a_chat:
        # Asking again later is a new request.
        reflection.chat_emailed_at = None
        reflection.chat_answered_at = None
        reflection.chat_answered_by = None
    reflection.save()
    _voice_changed(reflection.session_id)
    _words_withdrawn(reflection.session_id)
    if reflection.wants_a_chat and not asked_before:
        _ask_for_a_chat(reflection)


@transaction.atomic
def reflection_delete(*, reflection: Reflection) -> None:
    reflection.delete()
    _voice_changed(reflection.session_id)
    _words_withdrawn(reflection.session_id)


def reflection_report(*, reflection: Reflection, reporter: Membership, reason: str) -> None:
    """Reporting again, once the facilitators have looked, asks them to look again."""
    ReflectionReport.objects.update_or_create(
        reflection=reflection,
        reporter=reporter,
        defaults={"reason": reason, "resolved_at": None},
    )
    _voice_changed(reflection.session_id)


@transaction.atomic
def reflection_hide(*, reflection: Reflection, by: Membership, reason: str) -> None:
    now = timezone.now()
    Reflection.objects.filter(pk=reflection.pk).update(
        hidden_at=now, hidden_by=by, hidden_reason=reason
    )
    reflection.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    _voice_changed(reflection.session_id)
    _words_withdrawn(reflection.session_id)


@transaction.atomic
def reflection_restore(*, reflection: Reflection) -> None:
    Reflection.objects.filter(pk=reflection.pk).update(
        hidden_at=None, hidden_by=None, hidden_reason=""
    )
    _voice_changed(reflection.session_id)


def reports_dismiss(*, reflection: Reflection) -> None:
    """The facilitators looked, and the reflection stays."""
    reflection.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _voice_changed(reflection.session_id)


def chat_answered(*, reflection: Reflection, by: Membership) -> None:
    Reflection.objects.filter(pk=reflection.pk, wants_a_chat=True).update(
        chat_answered_at=timezone.now(), chat_answered_by=by
    )
    _voice_changed(reflection.session_id)


def checkout_save(*, session: Session, membership: Membership, **answers) -> CheckOut:
    checkout, _ = CheckOut.objects.update_or_create(
        session=session, membership=membership, defaults=answers
    )
    return checkout


@transaction.atomic
def photo_add(
    *, session: Session, uploaded_by: Membership, image: ProcessedImage, caption: str, alt_text: str
) -> Photo:
    photo = Photo(
        session=session,
        programme_id=uploaded_by.programme_id,
        uploaded_by=uploaded_by,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        thumb_width=image.thumb_width,
        thumb_height=image.thumb_height,
        caption=caption,
        alt_text=alt_text,
        consent=True,
        added_version=_voice_changed(session.pk, redraw=False),
    )
    photo.image.save(f"photo.{image.extension}", ContentFile(image.content), save=False)
    photo.thumbnail.save(f"thumb.{image.extension}", ContentFile(image.thumbnail), save=False)
    try:
        photo.save()
    except Exception:
        _delete_files(photo.image.name, photo.thumbnail.name, storage=photo.image.storage)
        raise
    return photo


def _delete_files(*names: str, storage) -> None:
    for name in names:
        if name:
            storage.delete(name)


@transaction.atomic
def photo_edit(*, photo: Photo, caption: str, alt_text: str) -> None:
    Photo.objects.filter(pk=photo.pk).update(caption=caption, alt_text=alt_text)
    _voice_changed(photo.session_id)


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    photo.delete()  # its files go with it: see models.photo_files_go_with_the_row
    _voice_changed(photo.session_id)
    _words_withdrawn(photo.session_id)


@transaction.atomic
def language_suggest(*, suggested_by: Membership, term, avoid: str, instead: str, why: str):
    """A member's suggestion waits for a facilitator; a facilitator's goes straight in."""
    suggestion = LanguageSuggestion.objects.create(
        programme_id=suggested_by.programme_id,
        suggested_by=suggested_by,
        term=term,
        avoid=avoid,
        instead=instead,
        why=why,
    )
    if suggested_by.runs_programme:
        language_accept(suggestion=suggestion, by=suggested_by)
    return suggestion


@transaction.atomic
def language_accept(*, suggestion: LanguageSuggestion, by: Membership) -> None:
    # The entry for this word, if the guide has one, else the entry being changed, else new:
    # so the guide never holds one word twice.
    term = (
        LanguageTerm.objects.in_programme(suggestion.programme_id)
        .filter(avoid__iexact=suggestion.avoid.strip())
        .first()
        or suggestion.term
        or LanguageTerm(programme_id=suggestion.programme_id)
    )
    term.avoid, term.instead, term.why = suggestion.avoid, suggestion.instead, suggestion.why
    term.save()
    suggestion.term = term
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.save()


def language_decline(*, suggestion: LanguageSuggestion, by: Membership) -> None:
    suggestion.status = SuggestionStatus.DECLINED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.save()


# --- Quick questions ---


def _run_moved_on(session_id: int) -> None:
    """Asking or closing a question changes what every phone's "now" box shows."""
    Session.objects.filter(pk=session_id).update(run_version=F("run_version") + 1)


@transaction.atomic
def question_ask(*, session: Session, by: Membership, text: str, kind: str, choices: str):
    """Ask the room a question. One is open at a time: asking closes the one before."""
    now = timezone.now()
    Question.objects.filter(session=session, closed_at__isnull=True).update(closed_at=now)
    question = Question.objects.create(
        session=session, asked_by=by, text=text, kind=kind, choices=choices
    )
    _run_moved_on(session.pk)
    return question


@transaction.atomic
def question_close(*, question: Question) -> None:
    if Question.objects.filter(pk=question.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    ):
        _run_moved_on(question.session_id)


class AnswerRefused(ValueError):
    """An answer that cannot be taken; the message says why, in plain words."""


@transaction.atomic
def answer_give(*, question: Question, member: Membership, words: str = "", choice=None):
    """Give (or change) a member's answer while the question is open."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not question.is_open:
        raise AnswerRefused(_("This question has closed. Thank you all the same."))
    answer, _created = Answer.objects.update_or_create(
        question=question, member=member, defaults={"words": words, "choice": choice}
    )
    Question.objects.filter(pk=question.pk).update(answers_version=F("answers_version") + 1)
    return answer


@transaction.atomic
def answer_hide(*, answer: Answer) -> None:
    """Take an answer off the screen and out of the results (a name, say, or something
    unkind). It stays hidden even if its writer changes it."""
    Answer.objects.filter(pk=answer.pk).update(hidden=True)
    Question.objects.filter(pk=answer.question_id).update(answers_version=F("answers_version") + 1)
