"""Reads of what members said, as the person looking may see it, and as the printed
programme pack shows it."""

from dataclasses import dataclass

from django.db.models import Count

from workshops.models import Membership, Programme, Session

from .fragments import photos_with_fragments, with_fragments
from .models import (
    CheckOut,
    HowItWent,
    Photo,
    Question,
    QuestionKind,
    Reflection,
    ReflectionReport,
    Shared,
)


@dataclass(frozen=True)
class Answer:
    value: int
    label: str
    count: int
    percent: int  # of the answers, for the chart


@dataclass(frozen=True)
class CheckOutSummary:
    answers: list[Answer]  # best first
    total: int
    went_well: list[str]
    could_be_better: list[str]
    # Some wrote what went well or could be better, but too few answered for their words to
    # be shown without giving away who wrote them.
    words_held_back: bool = False

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(answer.value * answer.count for answer in self.answers) / self.total


# The fewest check-outs whose written words are shown: with one or two, everyone in the room
# can tell whose they are.
WORDS_SHOWN_FROM = 3


def checkout_summary(checkouts) -> CheckOutSummary:
    """How a set of check-outs went, without who said what: the counts always, and what people
    wrote only when enough answered for nobody's words to give them away."""
    checkouts = list(checkouts)
    counts = {value: 0 for value in HowItWent.values}
    for checkout in checkouts:
        counts[checkout.how_it_went] += 1
    total = len(checkouts)
    went_well = [c.went_well for c in checkouts if c.went_well.strip()]
    could_be_better = [c.could_be_better for c in checkouts if c.could_be_better.strip()]
    words_held_back = total < WORDS_SHOWN_FROM and bool(went_well or could_be_better)
    if total < WORDS_SHOWN_FROM:
        went_well, could_be_better = [], []
    return CheckOutSummary(
        answers=[
            Answer(
                value=value,
                label=label,
                count=counts[value],
                percent=round(100 * counts[value] / total) if total else 0,
            )
            for value, label in HowItWent.choices
        ],
        total=total,
        went_well=went_well,
        could_be_better=could_be_better,
        words_held_back=words_held_back,
    )


# The session page, and its polls, show the newest of each; the rest are a page of their own,
# so a session with hundreds of reflections costs its page and each poll no more than this.
REFLECTIONS_SHOWN = 20
PHOTOS_SHOWN = 12
PER_PAGE = 50


def reflections_for(membership: Membership, session: Session):
    """The session's reflections this member may see, newest first."""
    return (
        Reflection.objects.filter(session=session)
        .visible_to(membership)
        .select_related("author__user")
        .order_by("-created_at", "-pk")
    )


def as_seen_by(reflections, membership: Membership) -> list:
    """The reflections with the name this member may see, and whether each is theirs; for
    those who run the programme, with how many reports of each are still open. Those are
    counted for the reflections shown alone: counted in the query that pages them, every
    reflection of the session was grouped and counted before the newest were picked."""
    reflections = list(reflections)
    if membership.runs_programme:
        open_reports = dict(
            ReflectionReport.objects.filter(reflection__in=reflections, resolved_at__isnull=True)
            .values("reflection")
            .annotate(count=Count("pk"))
            .values_list("reflection", "count")
        )
    for reflection in reflections:
        reflection.shown_name = reflection.name_for(membership)
        reflection.is_mine = reflection.author_id == membership.pk
        if membership.runs_programme:
            reflection.open_reports = open_reports.get(reflection.pk, 0)
    return reflections


def photos_for(session: Session):
    return session.photos.select_related("uploaded_by__user")


def voice_changes(membership: Membership, session: Session, shown: int, upto: int):
    """The reflections and photos added after version `shown`, up to `upto`, newest first,
    as this member may see them; None when there are more than a page shows."""
    reflections = as_seen_by(
        reflections_for(membership, session).filter(
            added_version__gt=shown, added_version__lte=upto
        )[: REFLECTIONS_SHOWN + 1],
        membership,
    )
    photos = list(
        photos_for(session).filter(added_version__gt=shown, added_version__lte=upto)[
            : PHOTOS_SHOWN + 1
        ]
    )
    if len(reflections) > REFLECTIONS_SHOWN or len(photos) > PHOTOS_SHOWN:
        return None
    return {
        "session": session,
        "reflections": with_fragments(reflections, membership, session),
        "photos": photos_with_fragments(photos, membership, session),
        "voice_version": upto,
    }


def voice_context(membership: Membership, session: Session) -> dict:
    """The newest of the session's reflections and photos, as this member may see them, and
    whether there are more (one more row is read to know, in place of a count)."""
    reflections = as_seen_by(
        reflections_for(membership, session)[: REFLECTIONS_SHOWN + 1], membership
    )
    photos = list(photos_for(session)[: PHOTOS_SHOWN + 1])
    return {
        "session": session,
        "reflections": with_fragments(reflections[:REFLECTIONS_SHOWN], membership, session),
        "more_reflections": len(reflections) > REFLECTIONS_SHOWN,
        "photos": photos_with_fragments(photos[:PHOTOS_SHOWN], membership, session),
        "more_photos": len(photos) > PHOTOS_SHOWN,
        "voice_version": session.voice_version,
    }


def reflections_shared_with_group(programme: Programme):
    """What members shared with the group, oldest first: no hidden ones, none kept for the
    facilitators. Who wrote an anonymous one is for the caller to leave out."""
    return (
        Reflection.objects.in_programme(programme)
        .shared_with_group()
        .select_related("author__user")
        .order_by("created_at", "pk")
    )


def checkouts(programme: Programme):
    return CheckOut.objects.in_programme(programme).order_by("updated_at", "pk")


def photos_to_print(programme: Programme):
    # Every photo kept has its consent confirmed (the table allows no other); the filter
    # says so here too, since this is where photos leave the site.
    return Photo.objects.in_programme(programme).filter(consent=True).order_by("created_at", "pk")


def hides_name(membership: Membership) -> bool:
    """Whether a new reflection starts with the writer's name hidden from the group: as they
    chose last time, and hidden if this is their first (high privacy by default)."""
    last = (
        # Only where the box meant something: a reflection shared with the group.
        Reflection.objects.filter(author=membership, shared=Shared.GROUP)
        .order_by("-created_at", "-pk")
        .values_list("anonymous", flat=True)
        .first()
    )
    return True if last is None else last


# --- Quick questions ---


@dataclass(frozen=True)
class Word:
    text: str
    count: int
    size: int  # 1 to 5, for the word cloud: the most given words are the biggest


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: int  # of the longest bar, out of 100


@dataclass(frozen=True)
class QuestionResults:
    total: int
    words: list[Word]  # for a question answered in words, most given first
    bars: list[Bar]  # for a choice or a scale, in the order of the choices


def question_results(question: Question, answers=None) -> QuestionResults:
    """The answers to show, without names and without the hidden ones. Words are counted
    together whatever their capitals or the spaces round them."""
    if answers is None:
        answers = question.answers.filter(hidden=False)
    answers = [answer for answer in answers if not answer.hidden]
    if question.kind == QuestionKind.WORDS:
        counts: dict[str, list] = {}
        for answer in answers:
            text = " ".join(answer.words.split())
            if text:
                counts.setdefault(text.casefold(), [text, 0])[1] += 1
        most = max((count for _text, count in counts.values()), default=1)
        words = sorted(
            (
                Word(text, count, 1 + round(4 * (count - 1) / max(most - 1, 1)))
                for text, count in counts.values()
            ),
            key=lambda word: (-word.count, word.text.casefold()),
        )
        return QuestionResults(total=len(answers), words=words, bars=[])
    choices = question.choice_list()
    counts = [0] * len(choices)
    for answer in answers:
        index = answer.choice - 1 if question.kind == QuestionKind.SCALE else answer.choice
        if answer.choice is not None and 0 <= index < len(choices):
            counts[index] += 1
    most = max(counts, default=0) or 1
    bars = [
        Bar(label, count, round(count / most * 100))
        for label, count in zip(choices, counts, strict=True)
    ]
    return QuestionResults(total=sum(counts), words=[], bars=bars)


def questions(programme: Programme):
    """A programme's quick questions with their answers (hidden ones included: the results
    leave them out), for the printed pack."""
    return (
        Question.objects.in_programme(programme)
        .order_by("session_id", "asked_at", "pk")
        .prefetch_related("answers")
    )


def open_question(session: Session) -> Question | None:
    return session.questions.filter(closed_at__isnull=True).last()
