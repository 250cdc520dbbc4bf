"""The voice's parts of the core's pages (see workshops.pages)."""

from django.db.models import Case, Count, OuterRef, QuerySet, Subquery, When

from workshops import pages
from workshops.kept import kept
from workshops.looks import looked
from workshops.models import RUNNING_ROLES, LookKind, Membership, Session

from .forms import AnswerForm, CheckOutForm, PhotoForm, QuestionForm, ReflectionForm
from .models import Answer, CheckOut, Reflection
from .selectors import hides_name, open_question, question_results, voice_context


@pages.dashboard_memberships
def waiting_for_facilitators(memberships: QuerySet) -> QuerySet:
    """On each programme that the person runs: how many people would like someone to talk
    to (chats), and how many reflections are reported and not yet looked at (reported)."""
    chats, reported = _waiting(OuterRef("programme"))
    return memberships.annotate(
        chats=Case(When(role__in=RUNNING_ROLES, then=chats), default=None),
        reported=Case(When(role__in=RUNNING_ROLES, then=reported), default=None),
    )


def _waiting(programme) -> tuple[Subquery, Subquery]:
    def count(queryset):
        return Subquery(
            queryset.order_by()
            .values("session__workshop__programme")
            .annotate(count=Count("pk", distinct=True))
            .values("count")[:1]
        )

    chats = Reflection.objects.in_programme(programme).filter(
        wants_a_chat=True, chat_answered_at__isnull=True
    )
    reported = Reflection.objects.in_programme(programme).filter(
        hidden_at__isnull=True,
        reports__resolved_at__isnull=True,
        reports__isnull=False,
    )
    return count(chats), count(reported)


@pages.part(pages.SESSION)
def session_voice(*, membership: Membership, session: Session) -> dict:
    """The reflections and photos, and the forms to add one and to check out."""
    programme = membership.programme
    # Kept until the programme's content or the session's voice moves on: the lists as this
    # member sees them, their check-out, how they chose to show their name last, and the
    # questions' answers.
    voice = kept(
        programme,
        f"voice:{session.pk}:{session.voice_version}:{membership.pk}",
        lambda: (
            voice_context(membership, session)
            | {
                "hide_name": hides_name(membership),
                "checkout": CheckOut.objects.filter(session=session, membership=membership).first(),
            }
        ),
    )
    checkout = voice["checkout"]
    if membership.runs_programme and any(not r.is_shared for r in voice["reflections"]):
        looked(membership, LookKind.PRIVATE_REFLECTIONS, session)
    questions_asked = kept(
        programme,
        f"questions-asked:{session.pk}:{session.run_version}",
        lambda: [
            (question, question_results(question, question.answers.all()))
            for question in session.questions.filter(closed_at__isnull=False).prefetch_related(
                "answers"
            )
        ],
    )
    return {
        **voice,
        "session": session,
        "checkout": checkout,
        "checkout_form": CheckOutForm(instance=checkout),
        "reflection_form": ReflectionForm(
            programme_id=membership.programme_id, hide_name=voice["hide_name"]
        ),
        "photo_form": PhotoForm(),
        "questions_asked": questions_asked,
    }


@pages.part(pages.NOW)
def quick_question_now(*, membership: Membership, session: Session) -> dict:
    """The open quick question, with the member's own answer to change if they gave one."""

    def read():
        question = open_question(session)
        if question is None:
            return None, None
        return question, Answer.objects.filter(question=question, member=membership).first()

    question, mine = kept(
        membership.programme,
        f"question-now:{session.pk}:{session.run_version}:{membership.pk}",
        read,
    )
    if question is None:
        return {}
    initial = {"words": mine.words, "choice": mine.choice} if mine else None
    return {
        "question": question,
        "answered": mine is not None,
        "answer_form": AnswerForm(question=question, initial=initial),
        "question_now_template": "voice/includes/_question_now.html",
    }


@pages.part(pages.RUN)
def quick_question_run(*, membership: Membership, session: Session) -> dict:
    """On the projector: the open quick question and its answers so far; to the
    facilitator's hand, the form to ask one."""
    question = open_question(session)
    return {
        "question": question,
        "results": question_results(question) if question else None,
        "question_form": QuestionForm(),
        "question_run_template": "voice/includes/_question_run.html",
    }
