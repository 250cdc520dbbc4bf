"""Writes that touch more than one row, in the programme's own words."""

import datetime
import secrets

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import programme_template
from .models import (
    Activity,
    Attendance,
    GlossaryTerm,
    GroundRule,
    LanguageTerm,
    Membership,
    Method,
    Pledge,
    Programme,
    Role,
    Session,
    Workshop,
)
from .versions import checked_list


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
    methods = {method.title: method for method in Method.objects.filter(programme=None)}
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
def ground_rules_replace(
    *, membership: Membership, texts: list[str], seen: str = "", keep: str = ""
) -> None:
    """New ground rules. When they differ from the old ones, every member is asked to agree
    again; the person who wrote them has agreed already. `seen`, `keep`: the list the form
    was opened with, and the choice after a clash (workshops.versions.checked_list)."""
    programme = Programme.objects.select_for_update().get(pk=membership.programme_id)
    current = list(programme.ground_rules.values_list("text", flat=True))
    texts = checked_list(seen=seen, current=current, mine=texts, keep=keep)
    if current == texts:
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
def pledges_replace(
    *, programme: Programme, texts: list[str], seen: str = "", keep: str = ""
) -> None:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    current = list(programme.pledges.values_list("text", flat=True))
    texts = checked_list(seen=seen, current=current, mine=texts, keep=keep)
    if current == texts:
        return
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


def method_from_activity(*, activity: Activity, by: Membership) -> Method:
    """The activity saved to the programme's own library, to use again in its sessions. Its
    summary is the first line of its instructions (or its title)."""
    first_line = next((line for line in activity.instructions.splitlines() if line.strip()), "")
    summary = first_line.strip() or activity.title
    if len(summary) > 300:
        summary = summary[:299].rstrip() + "…"
    return Method.objects.create(
        programme=by.programme,
        added_by=by,
        title=activity.title,
        summary=summary,
        minutes=activity.minutes,
        instructions=activity.instructions,
        materials=activity.materials,
    )


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


def _running(session: Session) -> tuple[Session, list[Activity], Activity | None]:
    """The session locked for a step of its run, its agenda, and the activity running."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    activities = list(session.activities.all())
    current = next((item for item in activities if item.actual_start and not item.actual_end), None)
    return session, activities, current


def _unpause(session: Session, current: Activity | None, now) -> None:
    """Fold a pause into the running activity's clock (the caller saves the session)."""
    if session.paused_at and current:
        current.paused_seconds += int((now - session.paused_at).total_seconds())
        current.save(update_fields=["paused_seconds"])
    session.paused_at = None


def _stepped(session: Session, *fields: str) -> None:
    """Save a step of the run and move the run's version on, so every screen follows."""
    session.run_version += 1
    session.save(update_fields=[*fields, "run_version"])


def activity_minutes(*, activity: Activity, minutes: int) -> None:
    """New minutes for an activity, set from the agenda: a save like any other, so an edit
    form opened before it is told."""
    Activity.objects.filter(pk=activity.pk).update(
        minutes=minutes, edit_version=F("edit_version") + 1
    )


@transaction.atomic
def session_advance(
    *, session: Session, from_activity_id: int | None, rehearsal: bool = False
) -> Activity | None:
    """Move a running session on: end the current activity, start the next one.

    The first call starts the session (as a rehearsal when asked, or when the session's date
    is still to come); the call after the last activity finishes it, and a rehearsal's times
    are then cleared. from_activity_id is the activity the facilitator saw running (None
    before the start): when it is no longer the one running, as after a double click,
    nothing moves. A finished session, or one with nothing planned, does not move either.
    Returns the activity now running, if any.
    """
    now = timezone.now()
    session, activities, current = _running(session)
    if session.finished_at or not activities:
        return current
    if (current.pk if current else None) != from_activity_id:
        return current
    _unpause(session, current, now)
    if current:
        current.actual_end = now
        current.save(update_fields=["actual_end"])
    upcoming = next((item for item in activities if not item.actual_start), None)
    if session.started_at is None:
        session.started_at = now
        session.rehearsal = rehearsal or bool(session.date and session.date > timezone.localdate())
    if upcoming:
        upcoming.actual_start = now
        upcoming.save(update_fields=["actual_start"])
    elif session.rehearsal:
        _clear_times(session)
    else:
        session.finished_at = now
    _stepped(session, "started_at", "finished_at", "paused_at", "rehearsal")
    return upcoming


@transaction.atomic
def session_back(*, session: Session, from_activity_id: int | None) -> Activity | None:
    """Undo the last 'Next': the activity before runs again, its clock carrying on from
    where it stood when Next was pressed (the time since counts as a pause).

    Like session_advance, nothing moves unless from_activity_id is the activity running (None
    once the session has finished). Returns the activity now running, if any.
    """
    now = timezone.now()
    session, activities, current = _running(session)
    if session.started_at is None or (current.pk if current else None) != from_activity_id:
        return current
    _unpause(session, current, now)
    if current:
        current.actual_start = None
        current.paused_seconds = current.extra_minutes = 0
        current.save(update_fields=["actual_start", "paused_seconds", "extra_minutes"])
    finished = [item for item in activities if item.actual_end]
    previous = max(finished, key=lambda item: item.actual_end, default=None)
    if previous:
        previous.paused_seconds += int((now - previous.actual_end).total_seconds())
        previous.actual_end = None
        previous.save(update_fields=["actual_end", "paused_seconds"])
    else:
        session.started_at = None
        session.rehearsal = False
    session.finished_at = None
    _stepped(session, "started_at", "finished_at", "paused_at", "rehearsal")
    return previous


@transaction.atomic
def session_pause(*, session: Session, from_activity_id: int | None, pause: bool) -> None:
    """Stop the running activity's clock, or start it again, from what the facilitator saw."""
    now = timezone.now()
    session, _activities, current = _running(session)
    if current is None or current.pk != from_activity_id or bool(session.paused_at) == pause:
        return
    if pause:
        session.paused_at = now
    else:
        _unpause(session, current, now)
    _stepped(session, "paused_at")


MORE_MINUTES = 5


@transaction.atomic
def session_more_time(*, session: Session, from_activity_id: int | None) -> None:
    """Give the running activity five minutes more on the day; its plan stays as it was."""
    session, _activities, current = _running(session)
    if current is None or current.pk != from_activity_id or current.extra_minutes >= 600:
        return
    current.extra_minutes += MORE_MINUTES
    current.save(update_fields=["extra_minutes"])
    _stepped(session)


def _clear_times(session: Session) -> None:
    session.activities.update(actual_start=None, actual_end=None, extra_minutes=0, paused_seconds=0)
    session.started_at = session.finished_at = session.paused_at = None
    session.rehearsal = False


@transaction.atomic
def session_reset_run(*, session: Session) -> None:
    """Clear the recorded times, e.g. after a rehearsal."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _clear_times(session)
    _stepped(session, "started_at", "finished_at", "paused_at", "rehearsal")


# Letters and digits nobody mixes up on a projector across a room (no 0/O, 1/I/L).
JOIN_CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
JOIN_CODE_HOURS = 12


def join_code(session: Session) -> str:
    """The session's join code, made anew when it has none or its time is up. It lasts
    JOIN_CODE_HOURS from when it was made, so each session (and each day) has its own."""
    now = timezone.now()
    if session.join_code and session.join_code_until and session.join_code_until > now:
        return session.join_code
    while True:
        code = "".join(secrets.choice(JOIN_CODE_LETTERS) for _ in range(JOIN_CODE_LENGTH))
        if not Session.objects.filter(join_code=code, join_code_until__gt=now).exists():
            break
    session.join_code = code
    session.join_code_until = now + datetime.timedelta(hours=JOIN_CODE_HOURS)
    Session.objects.filter(pk=session.pk).update(
        join_code=session.join_code, join_code_until=session.join_code_until
    )
    return code


def session_for_code(user, code: str) -> Session | None:
    """The session whose live code this is, where the user is a member of its programme;
    None for a wrong, old or someone else's code alike."""
    code = "".join(code.split()).upper()
    if len(code) != JOIN_CODE_LENGTH:
        return None
    return (
        Session.objects.filter(
            join_code=code,
            join_code_until__gt=timezone.now(),
            workshop__programme__memberships__user=user,
        )
        .select_related("workshop")
        .first()
    )


@transaction.atomic
def attendance_record(*, session: Session, present_member_ids: set[int]) -> None:
    members = Membership.objects.in_programme(session.workshop.programme_id)
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
