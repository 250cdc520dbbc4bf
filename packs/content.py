"""What goes into each printable pack, and its hash.

Everything a pack shows is gathered first into plain data (strings, numbers, lists), which
is both what the print templates read and what the content hash is taken of. So the hash
changes exactly when something printed would change, and the templates never reach back into
the database. The rows come from the other apps' selectors; gathering takes a fixed number
of queries however big the programme is.
"""

import hashlib
import json
from collections import Counter
from functools import cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from blueprints import selectors as blueprint_selectors
from blueprints.models import Lane
from personas import selectors as persona_selectors
from personas.models import AGES, CardKind, Persona
from showcases import selectors as showcase_selectors
from voice import selectors as voice_selectors
from voice.selectors import checkout_summary
from workshops import selectors as workshop_selectors
from workshops.models import Feeling, Programme, Role, Session, Workshop, WorkshopKind
from workshops.selectors import agenda_for

from .models import Pack, PackKind

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


def print_date(value) -> str:
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
        "date": print_date(session.date),
        "starts_at": _time(session.starts_at),
        "ends_at": _time(session.ends_at),
        "venue": session.venue,
    }


def _agenda(session: Session) -> dict:
    activities = workshop_selectors.agenda_activities(session)
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
    for session_id, role in workshop_selectors.present_roles(programme):
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
    for reflection in voice_selectors.reflections_shared_with_group(programme):
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
    for checkout in voice_selectors.checkouts(programme):
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
            "words_held_back": summary.words_held_back,
        }
    return summaries


def _questions(programme: Programme) -> dict[int, list]:
    """Each session's quick questions with their answers, without names or hidden ones."""
    by_session: dict[int, list] = {}
    for question in voice_selectors.questions(programme):
        results = voice_selectors.question_results(question, question.answers.all())
        # As with the check-out's words: with only one or two answers, anyone could tell.
        held_back = bool(results.words) and results.total < voice_selectors.WORDS_SHOWN_FROM
        by_session.setdefault(question.session_id, []).append(
            {
                "text": question.text,
                "total": results.total,
                "words_held_back": held_back,
                "words": []
                if held_back
                else [{"text": w.text, "count": w.count} for w in results.words],
                "bars": [
                    {"label": b.label, "count": b.count, "percent": b.share} for b in results.bars
                ],
            }
        )
    return by_session


def _photos(programme: Programme) -> dict[int, list]:
    by_session: dict[int, list] = {}
    for photo in voice_selectors.photos_to_print(programme):
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
    shared = []
    for timeline in persona_selectors.timelines_shared_with_group(programme):
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
        for persona in persona_selectors.personas(programme)
    ]


def _journey_maps(programme: Programme) -> list[dict]:
    maps = persona_selectors.journey_maps_with_cards(programme)
    result = []
    for journey_map in maps:
        stages = list(journey_map.stages.all())
        curve = persona_selectors.feeling_curve(stages)
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
        for idea in blueprint_selectors.ideas(programme)
    ]


def _votes(programme: Programme) -> list[dict]:
    """Closed votes with the results kept when they closed. An open vote's count can still
    change (and may be hidden), so a pack only says that it is open."""
    votes = blueprint_selectors.votes_with_results(programme)
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
                        "tied": r.tied and vote.tie_chosen_at is None,
                        "percent": round(100 * r.dots / most),
                    }
                    for r in results
                ],
            }
        )
    return result


def _blueprints(programme: Programme) -> list[dict]:
    blueprints = blueprint_selectors.blueprints_with_cells(programme)
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
    prototypes = blueprint_selectors.prototypes_with_evidence(programme)
    return [
        {
            "title": prototype.title,
            "idea": prototype.idea.title,
            "belief": prototype.belief,
            "with_whom": prototype.with_whom,
            "where": prototype.where,
            "starts_on": print_date(prototype.starts_on),
            "ends_on": print_date(prototype.ends_on),
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
    actions = showcase_selectors.actions_with_updates(programme)
    return [
        {
            "what": action.what,
            "organisation": action.organisation,
            "owner": action.owner.user.name if action.owner else "",
            "theme": action.get_theme_display(),
            "showcase": action.showcase.audience if action.showcase else "",
            "due_on": print_date(action.due_on),
            "status": action.get_status_display(),
            "late": action.is_overdue,
            "updates": [
                {
                    "date": print_date(update.at.date()),
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
    showcases = showcase_selectors.showcases_with_what_was_said(programme)
    return [
        {
            "audience": showcase.audience,
            "date": print_date(showcase.held_on),
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


def _chapters(programme: Programme) -> list[tuple[int | None, dict]]:
    """The programme pack's chapters, workshop by workshop, each with its workshop's id
    (None for a chapter of work that no workshop of its kind holds)."""
    workshops = list(workshop_selectors.workshops_with_sessions(programme))
    attendance = _attendance(programme)
    reflections = _reflections(programme)
    checkouts = _checkouts(programme)
    questions = _questions(programme)
    photos = _photos(programme)
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
            (
                workshop.pk,
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
                            "questions": questions.get(session.pk, []),
                            "photos": photos.get(session.pk, []),
                        }
                        for session in workshop.sessions.all()
                    ],
                    **{part: [] for part in work},
                },
            )
        )
    # Each kind of work goes to the first workshop of the kind where groups make it; a
    # programme without such a workshop gets a chapter of its own for it.
    other = None
    for part, items in work.items():
        if not items:
            continue
        home = next((c for _id, c in chapters if c["kind"] == MADE_IN[part]), None)
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
        chapters.append((None, other))
    return chapters


def _members(programme: Programme) -> dict:
    members = Counter(workshop_selectors.member_roles(programme))
    return {
        "young_people": members[Role.YOUNG_PERSON],
        "professionals": members[Role.PROFESSIONAL],
        "facilitators": members[Role.FACILITATOR] + members[Role.CO_FACILITATOR],
        "managers": members[Role.MANAGER],
    }


def programme_pack_content(programme: Programme) -> dict:
    """For managers and facilitators: what the group made, workshop by workshop."""
    return {
        "programme": _basics(programme),
        "pledges": [pledge.text for pledge in programme.pledges.all()],
        "showcases": _showcases(programme),
        "actions": _actions(programme),
        "members": _members(programme),
        "chapters": [chapter for _id, chapter in _chapters(programme)],
    }


def workshop_pack_content(workshop: Workshop) -> dict:
    """The programme pack's chapter for one workshop, on its own: for a programme whose
    whole pack is too long to make at once, or for a manager who wants one workshop."""
    programme = workshop.programme
    return {
        "programme": _basics(programme),
        "workshop": {"number": workshop.number, "title": workshop.title},
        "pledges": [],
        "showcases": [],
        "actions": [],
        "members": _members(programme),
        "chapters": [chapter for id_, chapter in _chapters(programme) if id_ == workshop.pk],
    }


def pack_content(
    kind: str, programme: Programme, session: Session | None, workshop: Workshop | None = None
) -> dict:
    if kind == PackKind.PROGRAMME:
        return programme_pack_content(programme)
    if kind == PackKind.WORKSHOP:
        return workshop_pack_content(workshop)
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
        Path(settings.BASE_DIR) / "templates" / "packs" / "pdf",
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


def title_for(kind: str, content: dict) -> str:
    """The document's title, and (made into a slug) its file name."""
    programme = content["programme"]["name"]
    if kind == PackKind.PROGRAMME:
        return _("%(programme)s – Programme pack") % {"programme": programme}
    workshop = content["workshop"] if kind == PackKind.WORKSHOP else content["session"]["workshop"]
    return _("%(programme)s – Workshop %(number)s: %(title)s – %(pack)s") % {
        "programme": programme,
        "number": workshop["number"],
        "title": workshop["title"],
        "pack": PackKind(kind).label,
    }


def title_for_pack(pack: Pack) -> str:
    """The title without gathering the content: for pages and file names."""
    content = {"programme": {"name": pack.programme.name}}
    if pack.workshop_id:
        content["workshop"] = {"number": pack.workshop.number, "title": pack.workshop.title}
    if pack.session_id:
        content["session"] = {
            "workshop": {
                "number": pack.session.workshop.number,
                "title": pack.session.workshop.title,
            }
        }
    return title_for(pack.kind, content)


# Measured on the demo programme pack and on it grown by 600 reflections (16 and 76 pages):
# a page holds about 1,300 characters of the group's words once headings, boxes and
# chapter openings are counted, and a photo takes about half a page.
CHARACTERS_A_PAGE = 1300
PAGES_A_PHOTO = 0.5
PAGES_AROUND = 4  # the cover, the contents and the openings of a short pack


def estimated_pages(content: dict) -> int:
    """About how many pages a pack of this content will be, without laying it out."""
    characters = photos = 0
    waiting = [content]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            characters += len(item)
        elif isinstance(item, dict):
            if "src" in item and "width" in item:
                photos += 1
            waiting.extend(item.values())
        elif isinstance(item, list | tuple):
            waiting.extend(item)
    return round(PAGES_AROUND + characters / CHARACTERS_A_PAGE + photos * PAGES_A_PHOTO)


def current_content(
    kind: str, programme: Programme, session: Session | None, workshop: Workshop | None = None
):
    """What the pack would hold now, and its hash, in the site's language: the web process
    and the worker must agree on both whoever asks."""
    with translation.override(settings.LANGUAGE_CODE):
        content = pack_content(kind, programme, session, workshop)
        return content, content_hash(kind, content)
