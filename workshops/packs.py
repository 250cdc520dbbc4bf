"""Printable packs: what goes into each one, its hash, and the PDF that WeasyPrint makes of it.

Everything a pack shows is gathered first into plain data (strings, numbers, lists), which
is both what the print templates read and what the content hash is taken of. So the hash
changes exactly when something printed would change, and the templates never reach back into
the database. Gathering takes a fixed number of queries however big the programme is.
"""

import datetime
import hashlib
import json
import logging
import mimetypes
import posixpath
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from blueprints.models import Blueprint, Idea, Lane, Prototype, Vote, VoteResult
from personas.models import AGES, Card, CardKind, JourneyMap, Persona, Timeline, Visibility
from personas.services import feeling_curve
from showcases.models import Action, ActionUpdate, Quote, Showcase

from .models import (
    Activity,
    Attendance,
    CheckOut,
    Feeling,
    Membership,
    Pack,
    PackKind,
    PackStatus,
    Photo,
    Programme,
    Reflection,
    Role,
    Session,
    Workshop,
    WorkshopKind,
    pack_path,
)
from .services import agenda_for, checkout_summary

logger = logging.getLogger(__name__)

# WeasyPrint tells Pillow, for every image in the process, to accept truncated files. Our
# packs hold only images we re-encoded ourselves, and photo uploads must be refused when
# they are damaged, so Pillow goes back to refusing them.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# The worker's limits on one render; a pack still "being made" long after them lost its worker.
SOFT_TIME_LIMIT = 90
TIME_LIMIT = 120
STALE_AFTER = datetime.timedelta(seconds=TIME_LIMIT + 30)
# Tries at one pack before it is given up as too big (each ended by a lost worker).
MAX_ATTEMPTS = 3

TEMPLATES = {
    PackKind.SESSION: "workshops/pdf/session_pack.html",
    PackKind.HANDOUT: "workshops/pdf/handout.html",
    PackKind.HANDOUT_LARGE: "workshops/pdf/handout.html",
    PackKind.PROGRAMME: "workshops/pdf/programme_pack.html",
}

# Blank worksheets in the handout, for the activities that use them (by the activity's
# title or the library method it came from).
WORKSHEETS = {
    "create your own service": "service",
    "my timeline, 15 to 25": "timeline",
    "create a persona": "persona",
    "journey mapping": "journey_map",
    "blueprinting": "blueprint",
}

# Where the things a group makes belong in the programme pack, when no session says.
MADE_IN = {
    "timelines": WorkshopKind.JOURNEY,
    "personas": WorkshopKind.JOURNEY,
    "journey_maps": WorkshopKind.JOURNEY,
    "ideas": WorkshopKind.DESIGNING,
    "votes": WorkshopKind.DESIGNING,
    "blueprints": WorkshopKind.DESIGNING,
    "prototypes": WorkshopKind.REVIEW,
}


def print_static(name: str) -> str:
    """A static file's address for WeasyPrint: the plain name, which the fetcher finds in
    our own static folders whether or not collectstatic has run."""
    return settings.STATIC_URL + name


def _date(value) -> str:
    return formats.date_format(value, "l j F Y") if value else ""


def _time(value) -> str:
    return value.strftime("%H:%M")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- What goes into each pack ---


def _basics(programme: Programme) -> dict:
    return {
        "name": programme.name,
        "organisation": programme.organisation,
        "aims": programme.aims,
        "ground_rules": [rule.text for rule in programme.ground_rules.all()],
        "glossary": [{"term": t.term, "meaning": t.meaning} for t in programme.glossary.all()],
    }


def _session_basics(session: Session) -> dict:
    workshop = session.workshop
    return {
        "id": session.pk,
        "workshop": {
            "number": workshop.number,
            "title": workshop.title,
            "kind": workshop.kind,
            "aims": workshop.aims,
            "outcomes": workshop.outcomes,
        },
        "date": _date(session.date),
        "starts_at": _time(session.starts_at),
        "ends_at": _time(session.ends_at),
        "venue": session.venue,
    }


def _agenda(session: Session) -> dict:
    activities = Activity.objects.filter(session=session).select_related("lead__user", "method")
    agenda = agenda_for(session, activities)
    return {
        "items": [
            {
                "title": item.activity.title,
                "starts": _time(item.starts),
                "ends": _time(item.ends),
                "minutes": item.activity.minutes,
                "lead": item.activity.lead.user.name if item.activity.lead else "",
                "summary": item.activity.method.summary if item.activity.method else "",
                "instructions": item.activity.instructions,
                "materials": _lines(item.activity.materials),
                "worksheet": WORKSHEETS.get(item.activity.title.strip().lower())
                or (
                    item.activity.method
                    and WORKSHEETS.get(item.activity.method.title.strip().lower())
                )
                or "",
            }
            for item in agenda.items
        ],
        "total_minutes": agenda.total_minutes,
        "overrun_minutes": agenda.overrun_minutes,
    }


def session_pack_content(session: Session) -> dict:
    """For facilitators: the plan of the session with everything needed to run it."""
    programme = session.workshop.programme
    agenda = _agenda(session)
    materials = []
    for item in agenda["items"]:
        for material in item["materials"]:
            if material.lower() not in (m.lower() for m in materials):
                materials.append(material)
    return {
        "programme": _basics(programme),
        "session": _session_basics(session),
        "agenda": agenda,
        "materials": materials,
    }


def handout_content(session: Session) -> dict:
    """For everyone in the session: what we will do, in plain words, and blank worksheets."""
    programme = session.workshop.programme
    agenda = _agenda(session)
    worksheets = []
    for item in agenda["items"]:
        if item["worksheet"] and item["worksheet"] not in worksheets:
            worksheets.append(item["worksheet"])
        # The handout is for everyone: the facilitators' notes stay out of it.
        del item["instructions"]
    return {
        "programme": _basics(programme),
        "session": _session_basics(session),
        "agenda": agenda,
        "worksheets": worksheets,
        "ages": list(AGES),
        "card_kinds": [str(label) for _kind, label in CardKind.choices],
        "lanes": [str(label) for _lane, label in Lane.choices],
    }


def _attendance(programme: Programme) -> dict[int, dict]:
    """For each session, how many came, by role: counts only, no names."""
    labels = dict(Role.choices)
    counts: dict[int, Counter] = {}
    rows = Attendance.objects.filter(
        session__workshop__programme=programme, present=True
    ).values_list("session_id", "membership__role")
    for session_id, role in rows:
        counts.setdefault(session_id, Counter())[role] += 1
    return {
        session_id: {
            "total": sum(counter.values()),
            "by_role": [
                {"role": str(labels[role]), "count": counter[role]}
                for role in labels
                if counter[role]
            ],
        }
        for session_id, counter in counts.items()
    }


def _reflections(programme: Programme) -> dict[int, list]:
    """What members shared with the group, as the group sees it: no hidden ones, none kept
    for the facilitators, and no name on an anonymous one."""
    by_session: dict[int, list] = {}
    # One lookup table, not get_feeling_display() for each of hundreds of reflections.
    feelings = {value: str(label) for value, label in Feeling.choices}
    reflections = (
        Reflection.objects.filter(session__workshop__programme=programme)
        .shared_with_group()
        .select_related("author__user")
        .order_by("created_at", "pk")
    )
    for reflection in reflections:
        by_session.setdefault(reflection.session_id, []).append(
            {
                "text": reflection.text,
                "feeling": feelings.get(reflection.feeling, ""),
                "name": "" if reflection.anonymous else reflection.author.user.name,
            }
        )
    return by_session


def _checkouts(programme: Programme) -> dict[int, dict]:
    by_session: dict[int, list] = {}
    for checkout in CheckOut.objects.filter(session__workshop__programme=programme).order_by(
        "updated_at", "pk"
    ):
        by_session.setdefault(checkout.session_id, []).append(checkout)
    summaries = {}
    for session_id, checkouts in by_session.items():
        summary = checkout_summary(checkouts)
        summaries[session_id] = {
            "total": summary.total,
            "answers": [
                {"label": str(a.label), "count": a.count, "percent": a.percent}
                for a in summary.answers
            ],
            "went_well": summary.went_well,
            "could_be_better": summary.could_be_better,
        }
    return summaries


def _photos(programme: Programme) -> dict[int, list]:
    by_session: dict[int, list] = {}
    # Every photo kept has its consent confirmed (the table allows no other); the filter
    # says so here too, since this is where photos leave the site.
    for photo in Photo.objects.filter(programme=programme, consent=True).order_by(
        "created_at", "pk"
    ):
        by_session.setdefault(photo.session_id, []).append(
            {
                "src": settings.MEDIA_URL + photo.image.name,
                "width": photo.width,
                "height": photo.height,
                "caption": photo.caption,
                "alt": photo.alt_text,
            }
        )
    return by_session


def _timelines(programme: Programme) -> list[dict]:
    timelines = (
        Timeline.objects.filter(programme=programme, visibility=Visibility.GROUP)
        .select_related("member__user")
        .prefetch_related("events")
        .order_by("pk")
    )
    shared = []
    for timeline in timelines:
        events = sorted(timeline.events.all(), key=lambda e: (e.age, e.pk))
        if not events:
            continue
        shared.append(
            {
                "name": timeline.member.user.name if timeline.show_name else "",
                "events": [
                    {
                        "age": e.age,
                        "kind": e.get_kind_display(),
                        "text": e.text,
                        "feeling": e.get_feeling_display() if e.feeling else "",
                    }
                    for e in events
                ],
            }
        )
    # Named ones by name, unnamed ones after them, in an order that gives nobody away.
    shared.sort(key=lambda t: (not t["name"], t["name"].lower(), json.dumps(t["events"])))
    return shared


def _personas(programme: Programme) -> list[dict]:
    return [
        {
            "id": persona.pk,
            "session_id": persona.session_id,
            "name": persona.name,
            "age": persona.age,
            "picture": print_static(persona.picture_path),
            "quote": persona.quote,
            "sections": [
                {"title": str(Persona._meta.get_field(field).verbose_name), "text": value}
                for field in ("story", "what_matters", "needs", "goals", "worries", "network")
                if (value := getattr(persona, field)).strip()
            ],
        }
        for persona in Persona.objects.filter(programme=programme)
    ]


def _journey_maps(programme: Programme) -> list[dict]:
    maps = (
        JourneyMap.objects.filter(programme=programme)
        .select_related("persona")
        .prefetch_related(
            "stages", Prefetch("stages__cards", queryset=Card.objects.order_by("created_at", "pk"))
        )
    )
    result = []
    for journey_map in maps:
        stages = list(journey_map.stages.all())
        curve = feeling_curve(stages)
        result.append(
            {
                "title": journey_map.title,
                "session_id": journey_map.session_id,
                "persona": journey_map.persona.name,
                "stages": [
                    {
                        "title": stage.title,
                        "services": stage.services,
                        "feeling": stage.feeling,
                        "feeling_label": stage.get_feeling_display(),
                    }
                    for stage in stages
                ],
                "rows": [
                    {
                        "kind": kind,
                        "label": str(label),
                        "cells": [
                            [card.text for card in stage.cards.all() if card.kind == kind]
                            for stage in stages
                        ],
                    }
                    for kind, label in CardKind.choices
                ],
                "curve": {"width": curve["width"], "path": curve["path"]},
            }
        )
    return result


def _ideas(programme: Programme) -> list[dict]:
    return [
        {
            "title": idea.title,
            "what": idea.what,
            "who_for": idea.who_for,
            "foundations": [str(label) for label in idea.foundation_labels],
            "taken_forward": idea.taken_forward,
        }
        for idea in Idea.objects.filter(programme=programme)
    ]


def _votes(programme: Programme) -> list[dict]:
    """Closed votes with the results kept when they closed. An open vote's count can still
    change (and may be hidden), so a pack only says that it is open."""
    votes = Vote.objects.filter(programme=programme).prefetch_related(
        Prefetch("results", queryset=VoteResult.objects.select_related("idea").order_by("rank"))
    )
    result = []
    for vote in sorted(votes, key=lambda v: (v.opened_at, v.pk)):
        results = list(vote.results.all()) if not vote.is_open else []
        most = max((r.dots for r in results), default=0) or 1
        result.append(
            {
                "title": vote.title,
                "closed": not vote.is_open,
                "results": [
                    {
                        "idea": r.idea.title,
                        "dots": r.dots,
                        "chosen": r.chosen,
                        "percent": round(100 * r.dots / most),
                    }
                    for r in results
                ],
            }
        )
    return result


def _blueprints(programme: Programme) -> list[dict]:
    blueprints = (
        Blueprint.objects.filter(programme=programme)
        .select_related("idea")
        .prefetch_related("steps__cells")
        .order_by("idea__created_at", "pk")
    )
    result = []
    for blueprint in blueprints:
        steps = sorted(blueprint.steps.all(), key=lambda s: (s.order, s.pk))
        result.append(
            {
                "idea": blueprint.idea.title,
                "steps": [step.title for step in steps],
                "lanes": [
                    {
                        "label": str(label),
                        "cells": [
                            next((c.text for c in step.cells.all() if c.lane == lane), "")
                            for step in steps
                        ],
                    }
                    for lane, label in Lane.choices
                ],
                "needs": blueprint.needs_list,
            }
        )
    return result


def _prototypes(programme: Programme) -> list[dict]:
    prototypes = (
        Prototype.objects.filter(programme=programme)
        .select_related("idea")
        .prefetch_related("evidence")
    )
    return [
        {
            "title": prototype.title,
            "idea": prototype.idea.title,
            "belief": prototype.belief,
            "with_whom": prototype.with_whom,
            "where": prototype.where,
            "starts_on": _date(prototype.starts_on),
            "ends_on": _date(prototype.ends_on),
            "status": prototype.get_status_display(),
            "evidence": [
                {"kind": e.get_kind_display(), "text": e.text} for e in prototype.evidence.all()
            ],
            "decision": prototype.get_decision_display() if prototype.decision else "",
            "reasons": prototype.reasons,
        }
        for prototype in prototypes
    ]


def _actions(programme: Programme) -> list[dict]:
    """What the organisations said they would do, and where each has got to."""
    actions = (
        Action.objects.filter(programme=programme)
        .select_related("owner__user", "showcase")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("-at", "-pk")))
    )
    return [
        {
            "what": action.what,
            "organisation": action.organisation,
            "owner": action.owner.user.name if action.owner else "",
            "theme": action.get_theme_display(),
            "showcase": action.showcase.audience if action.showcase else "",
            "due_on": _date(action.due_on),
            "status": action.get_status_display(),
            "late": action.is_overdue,
            "updates": [
                {
                    "date": _date(update.at.date()),
                    "status": update.get_status_display(),
                    "note": update.note,
                }
                for update in action.updates.all()
                if update.note
            ],
        }
        for action in actions
    ]


def _showcases(programme: Programme) -> list[dict]:
    """Who saw the group's work, and what they said: speakers by role alone unless they
    agreed to be named (Quote.speaker keeps that rule)."""
    showcases = Showcase.objects.filter(programme=programme).prefetch_related(
        "guests",
        "links",
        Prefetch("ideas", queryset=Idea.objects.order_by("title")),
        Prefetch("prototypes", queryset=Prototype.objects.order_by("title")),
        Prefetch("quotes", queryset=Quote.objects.select_related("idea")),
    )
    return [
        {
            "audience": showcase.audience,
            "date": _date(showcase.held_on),
            "venue": showcase.venue,
            "people_count": showcase.people_count,
            "summary": showcase.summary,
            "guests": [
                {"organisation": guest.organisation, "roles": guest.roles, "number": guest.number}
                for guest in showcase.guests.all()
            ],
            "shown": [idea.title for idea in showcase.ideas.all()]
            + [prototype.title for prototype in showcase.prototypes.all()],
            "links": [{"title": link.title, "url": link.url} for link in showcase.links.all()],
            "quotes": [
                {
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "about": quote.idea.title if quote.idea else "",
                }
                for quote in showcase.quotes.all()
            ],
        }
        for showcase in showcases
    ]


def programme_pack_content(programme: Programme) -> dict:
    """For managers and facilitators: what the group made, workshop by workshop."""
    workshops = list(
        Workshop.objects.filter(programme=programme).prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("date", "starts_at", "pk"))
        )
    )
    attendance = _attendance(programme)
    reflections = _reflections(programme)
    checkouts = _checkouts(programme)
    photos = _photos(programme)
    members = Counter(Membership.objects.filter(programme=programme).values_list("role", flat=True))
    work = {
        "timelines": _timelines(programme),
        "personas": _personas(programme),
        "journey_maps": _journey_maps(programme),
        "ideas": _ideas(programme),
        "votes": _votes(programme),
        "blueprints": _blueprints(programme),
        "prototypes": _prototypes(programme),
    }
    chapters = []
    for workshop in workshops:
        chapters.append(
            {
                "number": workshop.number,
                "title": workshop.title,
                "kind": workshop.kind,
                "aims": workshop.aims,
                "outcomes": workshop.outcomes,
                "sessions": [
                    {
                        **_session_basics(session),
                        "attendance": attendance.get(session.pk),
                        "reflections": reflections.get(session.pk, []),
                        "checkout": checkouts.get(session.pk),
                        "photos": photos.get(session.pk, []),
                    }
                    for session in workshop.sessions.all()
                ],
                **{part: [] for part in work},
            }
        )
    # Each kind of work goes to the first workshop of the kind where groups make it; a
    # programme without such a workshop gets a chapter of its own for it.
    other = None
    for part, items in work.items():
        if not items:
            continue
        home = next((c for c in chapters if c["kind"] == MADE_IN[part]), None)
        if home is None:
            if other is None:
                other = {
                    "number": None,
                    "title": _("More of the group's work"),
                    "kind": "",
                    "aims": "",
                    "outcomes": "",
                    "sessions": [],
                    **{p: [] for p in work},
                }
            home = other
        home[part] = items
    if other:
        chapters.append(other)
    return {
        "programme": _basics(programme),
        "pledges": [pledge.text for pledge in programme.pledges.all()],
        "showcases": _showcases(programme),
        "actions": _actions(programme),
        "members": {
            "young_people": members[Role.YOUNG_PERSON],
            "professionals": members[Role.PROFESSIONAL],
            "facilitators": members[Role.FACILITATOR] + members[Role.CO_FACILITATOR],
            "managers": members[Role.MANAGER],
        },
        "chapters": chapters,
    }


def pack_content(kind: str, programme: Programme, session: Session | None) -> dict:
    if kind == PackKind.PROGRAMME:
        return programme_pack_content(programme)
    if kind == PackKind.SESSION:
        return session_pack_content(session)
    return handout_content(session)


# --- The hash ---


@cache
def _layout_fingerprint() -> str:
    """The print templates, stylesheet, fonts, pictures, translations and WeasyPrint's
    version: a new layout makes new packs."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    roots = [
        Path(settings.BASE_DIR) / "templates" / "workshops" / "pdf",
        Path(settings.BASE_DIR) / "static" / "css" / "pdf.css",
        Path(settings.BASE_DIR) / "static" / "fonts",
        Path(settings.BASE_DIR) / "static" / "img" / "personas",
        *(Path(path) for path in settings.LOCALE_PATHS),
    ]
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_hash(kind: str, content: dict) -> str:
    payload = json.dumps(
        {
            "kind": kind,
            "language": translation.get_language(),
            "layout": _layout_fingerprint(),
            "content": content,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# --- Fetching: our own files and nothing else ---


class PackFetcher(URLFetcher):
    """Gives WeasyPrint our static files and this programme's photos, and refuses everything
    else: no network, no file path, no other programme's media."""

    def __init__(self, programme_id: int):
        super().__init__(allowed_protocols=())
        self.base = base_url()
        # As the pack's root-relative addresses resolve against the base.
        self.static_prefix = urljoin(self.base, settings.STATIC_URL)
        self.media_prefix = urljoin(self.base, f"{settings.MEDIA_URL}photos/{programme_id}/")
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            raise ValueError(f"A pack fetches no URL with a query: {url}")
        path = unquote(parts.path)
        clean = posixpath.normpath(path)
        if clean != path or "\\" in path or "\x00" in path:
            raise ValueError(f"A pack fetches no such path: {url}")
        origin = f"{parts.scheme}://{parts.netloc}"
        if url.startswith(self.static_prefix) and origin + path == url:
            name = path.removeprefix(settings.STATIC_URL)
            found = finders.find(name)
            if not found:
                raise ValueError(f"No such static file: {name}")
            return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": _mime(name)})
        if url.startswith(self.media_prefix) and origin + path == url:
            name = path.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name) as image:
                return URLFetcherResponse(url, image.read(), {"Content-Type": _mime(name)})
        logger.warning("A pack asked for %s, which is not one of our own files.", url)
        raise ValueError(f"A pack fetches only our own files, not {url}")


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


# --- Rendering ---


@dataclass(frozen=True)
class RenderedPack:
    pdf: bytes
    pages: int
    requested_urls: list[str]


def title_for(kind: str, content: dict) -> str:
    """The document's title, and (made into a slug) its file name."""
    programme = content["programme"]["name"]
    if kind == PackKind.PROGRAMME:
        return _("%(programme)s – Programme pack") % {"programme": programme}
    workshop = content["session"]["workshop"]
    return _("%(programme)s – Workshop %(number)s: %(title)s – %(pack)s") % {
        "programme": programme,
        "number": workshop["number"],
        "title": workshop["title"],
        "pack": PackKind(kind).label,
    }


def title_for_pack(pack: Pack) -> str:
    """The title without gathering the content: for pages and file names."""
    content = {"programme": {"name": pack.programme.name}}
    if pack.session_id:
        content["session"] = {
            "workshop": {
                "number": pack.session.workshop.number,
                "title": pack.session.workshop.title,
            }
        }
    return title_for(pack.kind, content)


def render_html(pack: Pack, content: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _render_html(pack, content)


def _render_html(pack: Pack, content: dict) -> str:
    return render_to_string(
        TEMPLATES[pack.kind],
        {
            "content": content,
            "kind": pack.kind,
            "large_print": pack.kind == PackKind.HANDOUT_LARGE,
            "title": title_for(pack.kind, content),
            "made_on": _date(timezone.localdate()),
            "stylesheet": print_static("css/pdf.css"),
            "language": _language_tag(),
        },
    )


def _language_tag() -> str:
    """The language as PDF readers expect it: en-GB, not Django's en-gb."""
    language, _dash, region = translation.get_language().partition("-")
    return f"{language}-{region.upper()}" if region else language


class _LayoutProgress(logging.Handler):
    """Turns WeasyPrint's reports of its steps ("Step 5 - Creating layout - Page 3") into
    the pack's progress, for this thread's render only."""

    STEP = re.compile(r"Step (\d)(?: - Creating layout - Page (\d+))?")

    def __init__(self, report: Callable[[int, str], None], expected_pages: int):
        super().__init__()
        self.report = report
        self.expected_pages = max(expected_pages, 1)
        self.thread = threading.get_ident()
        self.last = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        match = self.STEP.match(record.getMessage())
        if not match:
            return
        step, page = int(match[1]), int(match[2] or 0)
        if step < 5:
            percent, words = 25 + 3 * step, _("Putting the pages together")
        elif step == 5:
            percent = 40 + min(45, 45 * page // self.expected_pages)
            words = _("Laying out page %(page)s") % {"page": page}
        else:
            percent, words = 90, _("Writing the PDF")
        # A database write every few per cent, not one for every page.
        if percent >= self.last + 4 or (step >= 6 and self.last < 90):
            self.last = percent
            self.report(percent, words)


def render_pdf(
    pack: Pack,
    content: dict,
    *,
    progress: Callable[[int, str], None] = lambda percent, step: None,
    expected_pages: int = 12,
) -> RenderedPack:
    html = render_html(pack, content)
    fetcher = PackFetcher(pack.programme_id)
    reporter = _LayoutProgress(progress, expected_pages)
    steps = logging.getLogger("weasyprint.progress")
    steps.addHandler(reporter)
    try:
        document = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).render()
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        steps.removeHandler(reporter)
    return RenderedPack(pdf=pdf, pages=len(document.pages), requested_urls=fetcher.requested)


# --- Asking for a pack, and making it ---


def current_content(kind: str, programme: Programme, session: Session | None):
    """What the pack would hold now, and its hash, in the site's language: the web process
    and the worker must agree on both whoever asks."""
    with translation.override(settings.LANGUAGE_CODE):
        content = pack_content(kind, programme, session)
        return content, content_hash(kind, content)


def pack_request(*, membership: Membership, kind: str, session: Session | None = None) -> Pack:
    """The pack of what is there now: the one already made if nothing has changed, or a new
    one on its way. However many ask at once, each content is made once."""
    programme = membership.programme
    _content, digest = current_content(kind, programme, session)
    with transaction.atomic():
        pack, created = Pack.objects.get_or_create(
            programme=programme,
            session=session,
            kind=kind,
            content_hash=digest,
            defaults={"requested_by": membership},
        )
        if created:
            _start(pack)
    if not created and (_file_lost(pack) or is_stale(pack)):
        pack_retry(pack=pack)
        pack.refresh_from_db()
    return pack


def is_stale(pack: Pack) -> bool:
    """Still waiting long after a worker would have finished or given up: it lost its worker."""
    return pack.is_waiting and pack.updated_at < timezone.now() - STALE_AFTER


def _file_lost(pack: Pack) -> bool:
    return pack.is_ready and not pack.file.storage.exists(pack.file.name)


def pack_revive(pack: Pack) -> Pack:
    """The pack, sent to a worker again first if it lost the one it had."""
    if is_stale(pack):
        pack_retry(pack=pack)
        pack.refresh_from_db()
    return pack


def pack_is_current(pack: Pack) -> bool:
    """Whether nothing in the pack has changed since it was asked for."""
    return current_content(pack.kind, pack.programme, pack.session)[1] == pack.content_hash


def _start(pack: Pack) -> None:
    from .tasks import render_pack

    pack_id = pack.pk
    # With the broker down the pack still waits, and is sent again once it is stale.
    transaction.on_commit(lambda: render_pack.delay(pack_id=pack_id), robust=True)


@transaction.atomic
def pack_retry(*, pack: Pack) -> None:
    """Start again a pack that failed, or whose worker was lost."""
    locked = Pack.objects.select_for_update().get(pk=pack.pk)
    if locked.is_ready and not _file_lost(locked):
        return
    if locked.is_waiting and not is_stale(locked):
        return  # still being made
    locked.status = PackStatus.QUEUED
    locked.progress = 0
    locked.step = ""
    locked.error = ""
    locked.attempts = 0
    locked.save(update_fields=["status", "progress", "step", "error", "attempts", "updated_at"])
    _start(locked)


def _progress(pack_id: int, percent: int, step: str) -> None:
    Pack.objects.filter(pk=pack_id, status=PackStatus.RENDERING).update(
        progress=percent, step=step, updated_at=timezone.now()
    )


def pack_render(*, pack_id: int) -> Pack | None:
    """Make the pack's PDF and keep it. Safe to run again at any point: a pack made already
    is left alone, and a half-written file from a render that died is written over."""
    with transaction.atomic():
        pack = (
            # Only the pack's row is locked (PostgreSQL locks no row on the nullable side of
            # the join to a session).
            Pack.objects.select_for_update(of=("self",))
            .select_related("programme", "session__workshop__programme")
            .filter(pk=pack_id)
            .first()
        )
        if pack is None:
            logger.info("Pack %s has gone; nothing to make.", pack_id)
            return None
        if pack.is_ready:
            return pack
        if pack.attempts >= MAX_ATTEMPTS:
            # Each try got as far as killing its worker or running out of time.
            pack.status = PackStatus.FAILED
            pack.error = _("It is too big to make in one go.")
            pack.save()
            return pack
        pack.status = PackStatus.RENDERING
        pack.started_at = timezone.now()
        pack.attempts += 1
        pack.progress = 5
        pack.step = _("Gathering the group's work")
        pack.error = ""
        pack.save()
    content, digest = current_content(pack.kind, pack.programme, pack.session)
    if digest != pack.content_hash:
        # Something changed after it was asked for (a reflection hidden, say): this pack
        # would be filed under a hash that is not what it holds.
        pack_failed(
            pack_id=pack_id,
            error=_("Something in it changed while it was waiting. Ask for the latest."),
        )
        return None
    _progress(pack_id, 20, _("Putting the pages together"))
    last_time = (
        Pack.objects.filter(
            programme_id=pack.programme_id,
            session_id=pack.session_id,
            kind=pack.kind,
            status=PackStatus.READY,
        )
        .exclude(pk=pack_id)
        .values_list("pages", flat=True)
        .first()
    )
    rendered = render_pdf(
        pack,
        content,
        progress=lambda percent, step: _progress(pack_id, percent, step),
        expected_pages=last_time or 12,
    )
    _progress(pack_id, 95, _("Saving the PDF"))
    with transaction.atomic():
        pack = Pack.objects.select_for_update().filter(pk=pack_id).first()
        if pack is None or pack.is_ready:
            return pack
        name = pack_path(pack, "")
        storage = pack.file.storage
        if storage.exists(name):
            storage.delete(name)
        pack.file.save(name, ContentFile(rendered.pdf), save=False)
        pack.status = PackStatus.READY
        pack.progress = 100
        pack.step = ""
        pack.pages = rendered.pages
        pack.size = len(rendered.pdf)
        pack.finished_at = timezone.now()
        pack.save()
        # Older packs of the same thing hold what may since have been hidden or removed:
        # they go, files and all, now that this one is here.
        for older in Pack.objects.filter(
            programme_id=pack.programme_id,
            session_id=pack.session_id,
            kind=pack.kind,
            requested_at__lte=pack.requested_at,
            status__in=[PackStatus.READY, PackStatus.FAILED],
        ).exclude(pk=pack.pk):
            older.delete()
    return pack


def pack_failed(*, pack_id: int, error: str) -> None:
    Pack.objects.filter(pk=pack_id).exclude(status=PackStatus.READY).update(
        status=PackStatus.FAILED, error=error, step="", updated_at=timezone.now()
    )
