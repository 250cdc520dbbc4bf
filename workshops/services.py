"""Writes that touch more than one row, in the programme's own words."""

import datetime
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import programme_template
from .images import ProcessedImage
from .models import (
    Activity,
    Attendance,
    CheckOut,
    GlossaryTerm,
    GroundRule,
    HowItWent,
    LanguageSuggestion,
    LanguageTerm,
    Membership,
    Method,
    Pack,
    PackKind,
    Photo,
    Pledge,
    Programme,
    Reflection,
    ReflectionReport,
    Role,
    Session,
    SuggestionStatus,
    Workshop,
)


def seed_language_guide(programme: Programme) -> None:
    """The language guide every programme starts with."""
    LanguageTerm.objects.bulk_create(
        LanguageTerm(programme=programme, avoid=str(avoid), instead=str(instead), why=str(why))
        for avoid, instead, why in programme_template.LANGUAGE_GUIDE
    )


@transaction.atomic
def programme_create(*, name: str, organisation: str, aims: str, created_by) -> Programme:
    """A new programme from the four-workshop template, run by the person who made it."""
    programme = Programme.objects.create(name=name, organisation=organisation, aims=aims)
    Membership.objects.create(
        programme=programme,
        user=created_by,
        role=Role.FACILITATOR,
        agreed_ground_rules_at=timezone.now(),
    )
    GroundRule.objects.bulk_create(
        GroundRule(programme=programme, order=order, text=str(text))
        for order, text in enumerate(programme_template.GROUND_RULES)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(programme=programme, term=str(term), meaning=str(meaning))
        for term, meaning in programme_template.GLOSSARY
    )
    seed_language_guide(programme)
    methods = {method.title: method for method in Method.objects.all()}
    for number, spec in enumerate(programme_template.WORKSHOPS, start=1):
        workshop = Workshop.objects.create(
            programme=programme,
            kind=spec["kind"],
            number=number,
            title=str(spec["title"]),
            aims=str(spec["aims"]),
            outcomes=str(spec["outcomes"]),
        )
        session = Session.objects.create(workshop=workshop)
        activities = []
        for order, (title, minutes) in enumerate(spec["agenda"]):
            method = methods.get(title)
            activities.append(
                Activity(
                    session=session,
                    order=order,
                    title=title,
                    minutes=minutes,
                    method=method,
                    instructions=method.instructions if method else "",
                    materials=method.materials if method else "",
                )
            )
        Activity.objects.bulk_create(activities)
    return programme


@transaction.atomic
def programme_copy(*, source: Programme, name: str, copied_by) -> Programme:
    """A programme for the next cohort: the same workshops, agendas, rules and glossary.

    Members, dates and what happened on the day stay behind; the person copying runs it.
    """
    programme = Programme.objects.create(
        name=name, organisation=source.organisation, aims=source.aims, copied_from=source
    )
    old_membership = source.memberships.filter(user=copied_by).first()
    Membership.objects.create(
        programme=programme,
        user=copied_by,
        role=Role.FACILITATOR,
        agency=old_membership.agency if old_membership else "",
        agreed_ground_rules_at=timezone.now(),
    )
    GroundRule.objects.bulk_create(
        GroundRule(programme=programme, order=rule.order, text=rule.text)
        for rule in source.ground_rules.all()
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(programme=programme, term=term.term, meaning=term.meaning)
        for term in source.glossary.all()
    )
    LanguageTerm.objects.bulk_create(
        LanguageTerm(programme=programme, avoid=term.avoid, instead=term.instead, why=term.why)
        for term in source.language_guide.all()
    )
    workshops = source.workshops.prefetch_related("sessions__activities")
    for old_workshop in workshops:
        workshop = Workshop.objects.create(
            programme=programme,
            kind=old_workshop.kind,
            number=old_workshop.number,
            title=old_workshop.title,
            aims=old_workshop.aims,
            outcomes=old_workshop.outcomes,
        )
        for old_session in old_workshop.sessions.all():
            session = Session.objects.create(
                workshop=workshop,
                starts_at=old_session.starts_at,
                ends_at=old_session.ends_at,
                venue=old_session.venue,
            )
            Activity.objects.bulk_create(
                Activity(
                    session=session,
                    order=activity.order,
                    title=activity.title,
                    minutes=activity.minutes,
                    instructions=activity.instructions,
                    materials=activity.materials,
                    method_id=activity.method_id,
                )
                for activity in old_session.activities.all()
            )
    return programme


@transaction.atomic
def ground_rules_replace(*, membership: Membership, texts: list[str]) -> None:
    """New ground rules. When they differ from the old ones, every member is asked to agree
    again; the person who wrote them has agreed already."""
    programme = membership.programme
    if list(programme.ground_rules.values_list("text", flat=True)) == texts:
        return
    programme.ground_rules.all().delete()
    GroundRule.objects.bulk_create(
        GroundRule(programme=programme, order=order, text=text) for order, text in enumerate(texts)
    )
    now = timezone.now()
    programme.ground_rules_changed_at = now
    programme.save(update_fields=["ground_rules_changed_at"])
    membership.agreed_ground_rules_at = now
    membership.save(update_fields=["agreed_ground_rules_at"])


@transaction.atomic
def pledges_replace(*, programme: Programme, texts: list[str]) -> None:
    programme.pledges.all().delete()
    Pledge.objects.bulk_create(
        Pledge(programme=programme, order=order, text=text) for order, text in enumerate(texts)
    )


def ground_rules_agree(*, membership: Membership) -> None:
    if not membership.agreed_current_ground_rules:
        membership.agreed_ground_rules_at = timezone.now()
        membership.save(update_fields=["agreed_ground_rules_at"])


def _next_order(session: Session) -> int:
    highest = session.activities.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


def activity_add(*, session: Session, **fields) -> Activity:
    return Activity.objects.create(session=session, order=_next_order(session), **fields)


def activity_add_from_method(*, session: Session, method: Method) -> Activity:
    return activity_add(
        session=session,
        title=method.title,
        minutes=method.minutes,
        instructions=method.instructions,
        materials=method.materials,
        method=method,
    )


@transaction.atomic
def activity_move(*, activity: Activity, up: bool) -> None:
    """Swap an activity with its neighbour, so agendas can be reordered with a keyboard."""
    activities = list(Activity.objects.select_for_update().filter(session_id=activity.session_id))
    index = next((i for i, item in enumerate(activities) if item.pk == activity.pk), None)
    if index is None:  # removed by someone else meanwhile
        return
    other = index - 1 if up else index + 1
    if not 0 <= other < len(activities):
        return
    activities[index], activities[other] = activities[other], activities[index]
    for order, item in enumerate(activities):
        item.order = order
    Activity.objects.bulk_update(activities, ["order"])


@dataclass(frozen=True)
class AgendaItem:
    activity: Activity
    starts: datetime.time
    ends: datetime.time


@dataclass(frozen=True)
class Agenda:
    items: list[AgendaItem]
    total_minutes: int
    overrun_minutes: int


def agenda_for(session: Session, activities) -> Agenda:
    """Start times worked out from the session's start, and how far the plan runs over."""
    clock = datetime.datetime.combine(datetime.date.min, session.starts_at)
    items = []
    total = 0
    for activity in activities:
        ends = clock + datetime.timedelta(minutes=activity.minutes)
        items.append(AgendaItem(activity=activity, starts=clock.time(), ends=ends.time()))
        clock = ends
        total += activity.minutes
    return Agenda(
        items=items, total_minutes=total, overrun_minutes=max(0, total - session.planned_minutes)
    )


@transaction.atomic
def session_advance(*, session: Session, from_activity_id: int | None) -> Activity | None:
    """Move a running session on: end the current activity, start the next one.

    The first call starts the session; the call after the last activity finishes it.
    from_activity_id is the activity the facilitator saw running (None before the start):
    when it is no longer the one running, as after a double click, nothing moves. A finished
    session, or one with nothing planned, does not move either. Returns the activity now
    running, if any.
    """
    now = timezone.now()
    session = Session.objects.select_for_update().get(pk=session.pk)
    activities = list(session.activities.all())
    current = next((item for item in activities if item.actual_start and not item.actual_end), None)
    if session.finished_at or not activities:
        return current
    if (current.pk if current else None) != from_activity_id:
        return current
    if current:
        current.actual_end = now
        current.save(update_fields=["actual_end"])
    upcoming = next((item for item in activities if not item.actual_start), None)
    if session.started_at is None:
        session.started_at = now
    if upcoming:
        upcoming.actual_start = now
        upcoming.save(update_fields=["actual_start"])
    else:
        session.finished_at = now
    session.save(update_fields=["started_at", "finished_at"])
    return upcoming


@transaction.atomic
def session_back(*, session: Session, from_activity_id: int | None) -> Activity | None:
    """Undo the last 'Next': the activity before runs again, as if Next was never pressed.

    Like session_advance, nothing moves unless from_activity_id is the activity running (None
    once the session has finished). Returns the activity now running, if any.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    activities = list(session.activities.all())
    current = next((item for item in activities if item.actual_start and not item.actual_end), None)
    if session.started_at is None or (current.pk if current else None) != from_activity_id:
        return current
    if current:
        current.actual_start = None
        current.save(update_fields=["actual_start"])
    finished = [item for item in activities if item.actual_end]
    previous = max(finished, key=lambda item: item.actual_end, default=None)
    if previous:
        previous.actual_end = None
        previous.save(update_fields=["actual_end"])
    else:
        session.started_at = None
    session.finished_at = None
    session.save(update_fields=["started_at", "finished_at"])
    return previous


@transaction.atomic
def session_reset_run(*, session: Session) -> None:
    """Clear the recorded times, e.g. after a rehearsal."""
    session.activities.update(actual_start=None, actual_end=None)
    Session.objects.filter(pk=session.pk).update(started_at=None, finished_at=None)


@transaction.atomic
def attendance_record(*, session: Session, present_member_ids: set[int]) -> None:
    members = Membership.objects.filter(programme_id=session.workshop.programme_id)
    existing = {mark.membership_id: mark for mark in session.attendance.all()}
    to_create, to_update = [], []
    for member_id in members.values_list("id", flat=True):
        present = member_id in present_member_ids
        mark = existing.get(member_id)
        if mark is None:
            to_create.append(Attendance(session=session, membership_id=member_id, present=present))
        elif mark.present != present:
            mark.present = present
            mark.recorded_at = timezone.now()
            to_update.append(mark)
    # ignore_conflicts: two people saving the register at once both try to make the marks.
    Attendance.objects.bulk_create(to_create, ignore_conflicts=True)
    Attendance.objects.bulk_update(to_update, ["present", "recorded_at"])


# Voice: reflections, check-out answers, photos and the language guide.


def _voice_changed(session_id: int) -> None:
    Session.objects.filter(pk=session_id).update(voice_version=F("voice_version") + 1)


def packs_discard(*, session_id: int) -> None:
    """The programme pack holds copies of what people shared. When something is hidden,
    changed or removed, the copies go now (files and all, on commit), not when a newer pack
    is next made; the pack is made again whenever someone next asks for it."""
    Pack.objects.filter(programme__workshops__sessions=session_id, kind=PackKind.PROGRAMME).delete()


def _ask_for_a_chat(reflection: Reflection) -> None:
    from .tasks import tell_facilitators_about_a_chat

    transaction.on_commit(lambda: tell_facilitators_about_a_chat.delay(reflection_id=reflection.pk))


@transaction.atomic
def reflection_add(*, session: Session, author: Membership, **fields) -> Reflection:
    reflection = Reflection.objects.create(session=session, author=author, **fields)
    _voice_changed(session.pk)
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
    packs_discard(session_id=reflection.session_id)
    if reflection.wants_a_chat and not asked_before:
        _ask_for_a_chat(reflection)


@transaction.atomic
def reflection_delete(*, reflection: Reflection) -> None:
    reflection.delete()
    _voice_changed(reflection.session_id)
    packs_discard(session_id=reflection.session_id)


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
    packs_discard(session_id=reflection.session_id)


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

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(answer.value * answer.count for answer in self.answers) / self.total


def checkout_summary(checkouts) -> CheckOutSummary:
    """How a set of check-outs went, without who said what."""
    checkouts = list(checkouts)
    counts = {value: 0 for value in HowItWent.values}
    for checkout in checkouts:
        counts[checkout.how_it_went] += 1
    total = len(checkouts)
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
        went_well=[c.went_well for c in checkouts if c.went_well.strip()],
        could_be_better=[c.could_be_better for c in checkouts if c.could_be_better.strip()],
    )


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
    )
    photo.image.save(f"photo.{image.extension}", ContentFile(image.content), save=False)
    photo.thumbnail.save(f"thumb.{image.extension}", ContentFile(image.thumbnail), save=False)
    try:
        photo.save()
    except Exception:
        _delete_files(photo.image.name, photo.thumbnail.name, storage=photo.image.storage)
        raise
    _voice_changed(session.pk)
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
    packs_discard(session_id=photo.session_id)


def _word_pattern(words: str) -> re.Pattern:
    """The words on their own (not inside other words), in any case, any spacing."""
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def language_matches(text: str, terms) -> list:
    """The language guide's entries whose word appears in the text, in the guide's order."""
    if not text:
        return []
    return [term for term in terms if term.avoid.strip() and _word_pattern(term.avoid).search(text)]


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
        LanguageTerm.objects.filter(
            programme_id=suggestion.programme_id, avoid__iexact=suggestion.avoid.strip()
        ).first()
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
