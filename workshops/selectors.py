"""Reads that span relations: a session's agenda with its times, which words of the language
guide a text uses, and the programme's workshops, members and register as the printed packs
show them."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Activity, Attendance, Membership, Programme, Session, Workshop


@dataclass(frozen=True)
class AgendaItem:
    activity: Activity
    starts: datetime.time
    ends: datetime.time
    past_end: bool = False  # it ends after the session does


@dataclass(frozen=True)
class Agenda:
    items: list[AgendaItem]
    total_minutes: int
    overrun_minutes: int


def agenda_for(session: Session, activities) -> Agenda:
    """Start times worked out from the session's start, and how far the plan runs over."""
    clock = datetime.datetime.combine(datetime.date.min, session.starts_at)
    session_ends = clock + datetime.timedelta(minutes=session.planned_minutes)
    items = []
    total = 0
    for activity in activities:
        ends = clock + datetime.timedelta(minutes=activity.minutes)
        items.append(
            AgendaItem(
                activity=activity,
                starts=clock.time(),
                ends=ends.time(),
                past_end=ends > session_ends,
            )
        )
        clock = ends
        total += activity.minutes
    return Agenda(
        items=items, total_minutes=total, overrun_minutes=max(0, total - session.planned_minutes)
    )


def _word_pattern(words: str) -> re.Pattern:
    """The words on their own (not inside other words), in any case, any spacing."""
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def language_matches(text: str, terms) -> list:
    """The language guide's entries whose word appears in the text, in the guide's order."""
    if not text:
        return []
    return [term for term in terms if term.avoid.strip() and _word_pattern(term.avoid).search(text)]


def agenda_activities(session: Session):
    """The session's activities in order, with who leads each and its library method."""
    return Activity.objects.filter(session=session).select_related("lead__user", "method")


def workshops_with_sessions(programme: Programme):
    return Workshop.objects.in_programme(programme).prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("date", "starts_at", "pk"))
    )


def present_roles(programme: Programme):
    """(session id, role) for each member marked present: counts only, never names."""
    return (
        Attendance.objects.in_programme(programme)
        .filter(present=True)
        .values_list("session_id", "membership__role")
    )


def member_roles(programme: Programme):
    return Membership.objects.in_programme(programme).values_list("role", flat=True)
