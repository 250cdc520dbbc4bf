"""Reads that span relations: a session's agenda with its times, and which words of the
language guide a text uses."""

import datetime
import re
from dataclasses import dataclass

from .models import Activity, Session


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


def _word_pattern(words: str) -> re.Pattern:
    """The words on their own (not inside other words), in any case, any spacing."""
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def language_matches(text: str, terms) -> list:
    """The language guide's entries whose word appears in the text, in the guide's order."""
    if not text:
        return []
    return [term for term in terms if term.avoid.strip() and _word_pattern(term.avoid).search(text)]
