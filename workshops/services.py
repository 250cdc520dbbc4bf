"""Writes that touch more than one row, in the programme's own words."""

from django.db import transaction
from django.db.models import Max
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
