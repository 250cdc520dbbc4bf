"""Everything the site holds about one person, gathered for their copy of it.

Each section is a list of rows, one for each thing: the same rows go into the readable page,
the JSON file and a CSV file for each section. What the person wrote is there in full. Of
anyone else's, only the group's shared work that places it (the programme, the session, the
map's stage, the idea voted for) is there, and never another person's name: the rows name
nobody but the person themselves.
"""

import csv
import io
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath

from axes.models import AccessAttempt, AccessLog
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import DirectoryEntry, Invitation, PasswordLink
from blueprints.models import Dot, Evidence, Idea
from personas.models import Card, CardMerge, Timeline, TimelineEvent
from showcases.models import Action, ActionUpdate
from voice.models import (
    Answer,
    CheckOut,
    LanguageSuggestion,
    Photo,
    Question,
    QuestionKind,
    Reflection,
    ReflectionReport,
)
from workshops.models import Activity, Attendance, Look, Membership, Method


@dataclass
class Section:
    key: str  # the file's name, and the JSON key: stable, whatever the language
    title: str
    about: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict] = field(default_factory=list)


@dataclass
class PhotoFile:
    name: str  # its name in the zip
    file: object  # a FieldFile


def _when(value):
    """A time in the site's time zone (the readable page, the JSON and the CSV files each
    write it their own way)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(microsecond=0)
    return value


def _session(session) -> str:
    if session.date:
        return f"{session.workshop} ({session.date.isoformat()})"
    return str(session.workshop)


def gather(user) -> tuple[list[Section], list[PhotoFile]]:
    """The sections of a person's copy, and the photo files that go with it."""
    memberships = list(Membership.objects.filter(user=user).select_related("programme"))
    member_ids = [membership.pk for membership in memberships]
    sections = [
        _account(user),
        _memberships(memberships),
        *_timelines(member_ids),
        _reflections(member_ids),
        _reports(member_ids),
        _cards(member_ids),
        _ideas(member_ids),
        _dots(member_ids),
    ]
    photos, photo_files = _photos(member_ids)
    sections += [
        photos,
        _checkouts(member_ids),
        _answers(member_ids),
        _questions(member_ids),
        _attendance(member_ids),
        _directory(user),
        _actions(member_ids),
        _action_updates(member_ids),
        _evidence(member_ids),
        _language_suggestions(member_ids),
        _activities(member_ids),
        _methods(member_ids),
        _invitations(user),
        _password_links(user),
        _looks(user),
        _sign_ins(user),
    ]
    return sections, photo_files


def _account(user) -> Section:
    return Section(
        "account",
        _("Your account"),
        _("What you sign in with, and the name other people see."),
        [
            ("username", _("Username")),
            ("name", _("Name other people see")),
            ("first_name", _("First name")),
            ("last_name", _("Last name")),
            ("email", _("E-mail address")),
            ("joined", _("Account made")),
            ("last_signed_in", _("Last signed in")),
        ],
        [
            {
                "username": user.username,
                "name": user.display_name,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "joined": _when(user.date_joined),
                "last_signed_in": _when(user.last_login),
            }
        ],
    )


def _memberships(memberships) -> Section:
    return Section(
        "memberships",
        _("Your programmes"),
        _("Each programme you are in, and your part in it."),
        [
            ("programme", _("Programme")),
            ("organisation", _("Run by")),
            ("role", _("Your part")),
            ("agency", _("Your agency")),
            ("joined", _("Joined")),
            ("agreed_ground_rules", _("Agreed to the ground rules")),
        ],
        [
            {
                "programme": membership.programme.name,
                "organisation": membership.programme.organisation,
                "role": membership.get_role_display(),
                "agency": membership.agency,
                "joined": _when(membership.joined_at),
                "agreed_ground_rules": _when(membership.agreed_ground_rules_at),
            }
            for membership in memberships
        ],
    )


def _timelines(member_ids) -> list[Section]:
    timelines = Timeline.objects.filter(member_id__in=member_ids).select_related("programme")
    events = TimelineEvent.objects.filter(timeline__member_id__in=member_ids).select_related(
        "timeline__programme"
    )
    return [
        Section(
            "timelines",
            _("Your timelines"),
            _("Who could see your timeline, and whether your name was shown."),
            [
                ("programme", _("Programme")),
                ("who_can_see_it", _("Who can see it")),
                ("name_shown", _("Your name shown to the group")),
                ("changed", _("Last changed")),
            ],
            [
                {
                    "programme": timeline.programme.name,
                    "who_can_see_it": timeline.get_visibility_display(),
                    "name_shown": timeline.show_name,
                    "changed": _when(timeline.updated_at),
                }
                for timeline in timelines
            ],
        ),
        Section(
            "timeline_events",
            _("On your timelines"),
            _("What you put on your timelines, from 15 to 25."),
            [
                ("programme", _("Programme")),
                ("age", _("Age")),
                ("kind", _("What kind")),
                ("text", _("What happened")),
                ("feeling", _("How it felt")),
            ],
            [
                {
                    "programme": event.timeline.programme.name,
                    "age": event.age,
                    "kind": event.get_kind_display(),
                    "text": event.text,
                    "feeling": event.get_feeling_display(),
                }
                for event in events.order_by("timeline__programme__name", "age", "pk")
            ],
        ),
    ]


def _reflections(member_ids) -> Section:
    reflections = (
        Reflection.objects.filter(author_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("created_at", "pk")
    )
    return Section(
        "reflections",
        _("Your reflections"),
        _("What you wrote on the session pages, and who could see it."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("text", _("What you wrote")),
            ("feeling", _("How you felt")),
            ("who_can_see_it", _("Who can see it")),
            ("name_hidden_from_group", _("Your name hidden from the group")),
            ("wanted_someone_to_talk_to", _("You asked for someone to talk to")),
            ("talked", _("A facilitator marked that you have talked")),
            ("hidden", _("Hidden by a facilitator")),
            ("why_hidden", _("Why it was hidden")),
            ("written", _("Written")),
            ("changed", _("Changed")),
        ],
        [
            {
                "programme": reflection.session.workshop.programme.name,
                "session": _session(reflection.session),
                "text": reflection.text,
                "feeling": reflection.get_feeling_display(),
                "who_can_see_it": reflection.get_shared_display(),
                "name_hidden_from_group": reflection.anonymous,
                "wanted_someone_to_talk_to": reflection.wants_a_chat,
                "talked": _when(reflection.chat_answered_at),
                "hidden": _when(reflection.hidden_at),
                "why_hidden": reflection.hidden_reason,
                "written": _when(reflection.created_at),
                "changed": _when(reflection.edited_at),
            }
            for reflection in reflections
        ],
    )


def _reports(member_ids) -> Section:
    reports = (
        ReflectionReport.objects.filter(reporter_id__in=member_ids)
        .select_related("reflection__session__workshop__programme")
        .order_by("created_at", "pk")
    )
    return Section(
        "reports",
        _("Reflections you were worried about"),
        _("When you told the facilitators about someone's reflection. Their words are not here."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("what_worried_you", _("What worried you")),
            ("told", _("Told")),
            ("dealt_with", _("Dealt with")),
        ],
        [
            {
                "programme": report.reflection.session.workshop.programme.name,
                "session": _session(report.reflection.session),
                "what_worried_you": report.reason,
                "told": _when(report.created_at),
                "dealt_with": _when(report.resolved_at),
            }
            for report in reports
        ],
    )


def _cards(member_ids) -> Section:
    cards = (
        Card.objects.filter(author_id__in=member_ids)
        .select_related("stage__journey_map__programme", "stage__journey_map__persona")
        .order_by("created_at", "pk")
    )
    # A card of theirs merged into another one is kept for the merge to be undone.
    merged = (
        CardMerge.objects.filter(removed_author_id__in=member_ids, undone_at__isnull=True)
        .select_related(
            "removed_stage__journey_map__programme", "removed_stage__journey_map__persona"
        )
        .order_by("removed_created_at", "pk")
    )

    def row(stage, kind, text, created, merged_at=None) -> dict:
        return {
            "programme": stage.journey_map.programme.name,
            "journey_map": str(stage.journey_map.persona),
            "stage": stage.title,
            "kind": kind,
            "text": text,
            "written": _when(created),
            "merged_into_another_card": _when(merged_at),
        }

    return Section(
        "cards",
        _("Your cards on journey maps"),
        _("The insights, problems and opportunities you added."),
        [
            ("programme", _("Programme")),
            ("journey_map", _("Journey map of")),
            ("stage", _("Stage")),
            ("kind", _("Kind")),
            ("text", _("What you wrote")),
            ("written", _("Written")),
            ("merged_into_another_card", _("Joined with another card")),
        ],
        [row(card.stage, card.get_kind_display(), card.text, card.created_at) for card in cards]
        + [
            row(
                merge.removed_stage,
                merge.get_removed_kind_display(),
                merge.removed_text,
                merge.removed_created_at,
                merge.merged_at,
            )
            for merge in merged
        ],
    )


def _ideas(member_ids) -> Section:
    ideas = Idea.objects.filter(author_id__in=member_ids).select_related("programme")
    return Section(
        "ideas",
        _("Your ideas"),
        _("The ideas for services you added."),
        [
            ("programme", _("Programme")),
            ("title", _("Name of the service")),
            ("what", _("What it is")),
            ("who_for", _("Who it is for")),
            ("foundations", _("Foundations of The Promise")),
            ("taken_forward", _("Taken forward")),
            ("written", _("Written")),
        ],
        [
            {
                "programme": idea.programme.name,
                "title": idea.title,
                "what": idea.what,
                "who_for": idea.who_for,
                "foundations": ", ".join(str(label) for label in idea.foundation_labels),
                "taken_forward": idea.taken_forward,
                "written": _when(idea.created_at),
            }
            for idea in ideas
        ],
    )


def _dots(member_ids) -> Section:
    dots = (
        Dot.objects.filter(member_id__in=member_ids)
        .values("vote__programme__name", "vote__title", "idea__title")
        .annotate(dots=Count("pk"))
        .order_by("vote__programme__name", "vote__pk", "idea__pk")
    )
    return Section(
        "votes",
        _("Your dots in votes"),
        _("Where you put your dots. Nobody else's dots are here."),
        [
            ("programme", _("Programme")),
            ("vote", _("Vote")),
            ("idea", _("Idea")),
            ("dots", _("Your dots on it")),
        ],
        [
            {
                "programme": dot["vote__programme__name"],
                "vote": dot["vote__title"],
                "idea": dot["idea__title"],
                "dots": dot["dots"],
            }
            for dot in dots
        ],
    )


def _photos(member_ids) -> tuple[Section, list[PhotoFile]]:
    photos = (
        Photo.objects.filter(uploaded_by_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("created_at", "pk")
    )
    rows, files = [], []
    for photo in photos:
        name = f"photos/{photo.pk}{PurePosixPath(photo.image.name).suffix}"
        files.append(PhotoFile(name, photo.image))
        rows.append(
            {
                "programme": photo.session.workshop.programme.name,
                "session": _session(photo.session),
                "file": name,
                "caption": photo.caption,
                "description": photo.alt_text,
                "added": _when(photo.created_at),
            }
        )
    section = Section(
        "photos",
        _("Photos you added"),
        _("Each photo is in the photos folder."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("file", _("File")),
            ("caption", _("Caption")),
            ("description", _("Description")),
            ("added", _("Added")),
        ],
        rows,
    )
    return section, files


def _checkouts(member_ids) -> Section:
    checkouts = (
        CheckOut.objects.filter(membership_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("updated_at", "pk")
    )
    return Section(
        "checkouts",
        _("Your check-outs"),
        _("What you said at the end of sessions."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("how_it_went", _("How it went")),
            ("went_well", _("What went well")),
            ("could_be_better", _("What could be better")),
            ("said", _("Said")),
        ],
        [
            {
                "programme": checkout.session.workshop.programme.name,
                "session": _session(checkout.session),
                "how_it_went": checkout.get_how_it_went_display(),
                "went_well": checkout.went_well,
                "could_be_better": checkout.could_be_better,
                "said": _when(checkout.updated_at),
            }
            for checkout in checkouts
        ],
    )


def _answers(member_ids) -> Section:
    answers = (
        Answer.objects.filter(member_id__in=member_ids)
        .select_related("question__session__workshop__programme")
        .order_by("answered_at", "pk")
    )

    def answer(row: Answer) -> str:
        question = row.question
        if question.kind == QuestionKind.WORDS:
            return row.words
        if question.kind == QuestionKind.SCALE:
            return str(row.choice)
        choices = question.choice_list()
        return choices[row.choice] if row.choice is not None and row.choice < len(choices) else ""

    return Section(
        "answers",
        _("Your answers to quick questions"),
        _("Nobody else was ever shown who gave an answer."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("question", _("Question")),
            ("answer", _("Your answer")),
            ("hidden", _("Hidden by a facilitator")),
            ("answered", _("Answered")),
        ],
        [
            {
                "programme": row.question.session.workshop.programme.name,
                "session": _session(row.question.session),
                "question": row.question.text,
                "answer": answer(row),
                "hidden": row.hidden,
                "answered": _when(row.answered_at),
            }
            for row in answers
        ],
    )


def _questions(member_ids) -> Section:
    questions = (
        Question.objects.filter(asked_by_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("asked_at", "pk")
    )
    return Section(
        "questions_asked",
        _("Quick questions you asked"),
        _("The questions you asked the room. The answers are the group's and are not here."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("question", _("Question")),
            ("choices", _("Choices")),
            ("asked", _("Asked")),
        ],
        [
            {
                "programme": question.session.workshop.programme.name,
                "session": _session(question.session),
                "question": question.text,
                "choices": question.choices,
                "asked": _when(question.asked_at),
            }
            for question in questions
        ],
    )


def _attendance(member_ids) -> Section:
    marks = (
        Attendance.objects.filter(membership_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("session__date", "pk")
    )
    return Section(
        "attendance",
        _("Who was there"),
        _("What the facilitators marked about you being at each session."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("there", _("There")),
            ("marked", _("Marked")),
        ],
        [
            {
                "programme": mark.session.workshop.programme.name,
                "session": _session(mark.session),
                "there": mark.present,
                "marked": _when(mark.recorded_at),
            }
            for mark in marks
        ],
    )


def _directory(user) -> Section:
    entries = DirectoryEntry.objects.filter(user=user)
    return Section(
        "whos_who",
        _("Your entry in Who's who"),
        _("What you chose to show people in other programmes."),
        [
            ("name", _("Name")),
            ("organisation", _("Organisation")),
            ("what_you_do", _("What you do")),
            ("about", _("What you can help with")),
            ("contact", _("How to reach you")),
            ("changed", _("Last changed")),
        ],
        [
            {
                "name": entry.name,
                "organisation": entry.organisation,
                "what_you_do": entry.what_i_do,
                "about": entry.about,
                "contact": entry.contact,
                "changed": _when(entry.updated_at),
            }
            for entry in entries
        ],
    )


def _actions(member_ids) -> Section:
    actions = Action.objects.filter(owner_id__in=member_ids).select_related("programme")
    return Section(
        "actions",
        _("Actions you own"),
        _("What you said your organisation will do."),
        [
            ("programme", _("Programme")),
            ("what", _("What will be done")),
            ("organisation", _("Organisation")),
            ("theme", _("Theme")),
            ("due", _("Due by")),
            ("status", _("Status")),
        ],
        [
            {
                "programme": action.programme.name,
                "what": action.what,
                "organisation": action.organisation,
                "theme": action.get_theme_display(),
                "due": _when(action.due_on),
                "status": action.get_status_display(),
            }
            for action in actions
        ],
    )


def _action_updates(member_ids) -> Section:
    updates = (
        ActionUpdate.objects.filter(by_id__in=member_ids)
        .select_related("action__programme")
        .order_by("at", "pk")
    )
    return Section(
        "action_updates",
        _("What you wrote in actions' logs"),
        "",
        [
            ("programme", _("Programme")),
            ("action", _("Action")),
            ("status", _("Status")),
            ("note", _("What happened")),
            ("written", _("Written")),
        ],
        [
            {
                "programme": update.action.programme.name,
                "action": update.action.what,
                "status": update.get_status_display(),
                "note": update.note,
                "written": _when(update.at),
            }
            for update in updates
        ],
    )


def _evidence(member_ids) -> Section:
    evidence = (
        Evidence.objects.filter(added_by_id__in=member_ids)
        .select_related("prototype__programme")
        .order_by("created_at", "pk")
    )
    return Section(
        "evidence",
        _("Evidence you added to prototypes"),
        "",
        [
            ("programme", _("Programme")),
            ("prototype", _("Prototype")),
            ("kind", _("Kind")),
            ("text", _("What")),
            ("added", _("Added")),
        ],
        [
            {
                "programme": item.prototype.programme.name,
                "prototype": item.prototype.title,
                "kind": item.get_kind_display(),
                "text": item.text,
                "added": _when(item.created_at),
            }
            for item in evidence
        ],
    )


def _language_suggestions(member_ids) -> Section:
    suggestions = (
        LanguageSuggestion.objects.filter(suggested_by_id__in=member_ids)
        .select_related("programme")
        .order_by("created_at", "pk")
    )
    return Section(
        "language_suggestions",
        _("Your ideas for the language guide"),
        "",
        [
            ("programme", _("Programme")),
            ("instead_of", _("Instead of")),
            ("say", _("Say")),
            ("why", _("Why")),
            ("what_happened", _("What happened to it")),
            ("suggested", _("Suggested")),
        ],
        [
            {
                "programme": suggestion.programme.name,
                "instead_of": suggestion.avoid,
                "say": suggestion.instead,
                "why": suggestion.why,
                "what_happened": suggestion.get_status_display(),
                "suggested": _when(suggestion.created_at),
            }
            for suggestion in suggestions
        ],
    )


def _activities(member_ids) -> Section:
    activities = (
        Activity.objects.filter(lead_id__in=member_ids)
        .select_related("session__workshop__programme")
        .order_by("session__date", "order", "pk")
    )
    return Section(
        "activities_led",
        _("Activities you lead"),
        _("Activities on a session's agenda with your name as the one who leads them."),
        [
            ("programme", _("Programme")),
            ("session", _("Session")),
            ("activity", _("Activity")),
        ],
        [
            {
                "programme": activity.session.workshop.programme.name,
                "session": _session(activity.session),
                "activity": activity.title,
            }
            for activity in activities
        ],
    )


def _methods(member_ids) -> Section:
    methods = Method.objects.filter(added_by_id__in=member_ids).select_related("programme")
    return Section(
        "library_activities",
        _("Activities you saved to the library"),
        "",
        [
            ("programme", _("Programme")),
            ("title", _("Title")),
            ("summary", _("Summary")),
            ("minutes", _("Minutes")),
            ("instructions", _("Instructions")),
            ("materials", _("Materials")),
        ],
        [
            {
                "programme": method.programme.name if method.programme else "",
                "title": method.title,
                "summary": method.summary,
                "minutes": method.minutes,
                "instructions": method.instructions,
                "materials": method.materials,
            }
            for method in methods
        ],
    )


def _invitations(user) -> Section:
    invitations = (
        Invitation.objects.filter(accepted_by=user)
        .select_related("programme")
        .order_by("accepted_at", "pk")
    )
    return Section(
        "invitations",
        _("How you joined"),
        _("The invitations you used to join programmes, as they were written."),
        [
            ("programme", _("Programme")),
            ("name", _("Name on the invitation")),
            ("email", _("E-mail address on the invitation")),
            ("role", _("Part")),
            ("agency", _("Agency")),
            ("made", _("Made")),
            ("used", _("Used")),
        ],
        [
            {
                "programme": invitation.programme.name,
                "name": invitation.name,
                "email": invitation.email,
                "role": invitation.get_role_display(),
                "agency": invitation.agency,
                "made": _when(invitation.created_at),
                "used": _when(invitation.accepted_at),
            }
            for invitation in invitations
        ],
    )


def _password_links(user) -> Section:
    links = PasswordLink.objects.filter(user=user).order_by("created_at", "pk")
    return Section(
        "new_password_links",
        _("New-password links made for you"),
        _("When a facilitator made a link for you to choose a new password."),
        [
            ("made", _("Made")),
            ("used", _("Used")),
        ],
        [{"made": _when(link.created_at), "used": _when(link.used_at)} for link in links],
    )


def _looks(user) -> Section:
    looks = Look.objects.filter(who=user).select_related("programme", "session__workshop")
    return Section(
        "pages_opened",
        _("Private pages you opened"),
        _(
            "Each time you opened a page with something private on it, we wrote down when, "
            "so people can see who read their words."
        ),
        [
            ("programme", _("Programme")),
            ("page", _("Page")),
            ("session", _("Session")),
            ("when", _("When")),
        ],
        [
            {
                "programme": look.programme.name,
                "page": look.get_kind_display(),
                "session": _session(look.session) if look.session else "",
                "when": _when(look.at),
            }
            for look in looks.order_by("at", "pk")
        ],
    )


def _sign_ins(user) -> Section:
    """The sign-in records kept to stop people guessing passwords (django-axes)."""
    rows = [
        {
            "when": _when(log.attempt_time),
            "signed_out": _when(log.logout_time),
            "worked": True,
            "ip_address": log.ip_address,
            "browser": log.user_agent,
        }
        for log in AccessLog.objects.filter(username=user.username)
    ] + [
        {
            "when": _when(attempt.attempt_time),
            "signed_out": None,
            "worked": False,
            "ip_address": attempt.ip_address,
            "browser": attempt.user_agent,
        }
        for attempt in AccessAttempt.objects.filter(username=user.username)
    ]
    return Section(
        "sign_ins",
        _("Signing in"),
        _("Kept to stop anyone guessing your password."),
        [
            ("when", _("When")),
            ("signed_out", _("Signed out")),
            ("worked", _("It worked")),
            ("ip_address", _("Internet address")),
            ("browser", _("Browser")),
        ],
        sorted(rows, key=lambda row: row["when"]),
    )


def _for_json(value):
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not for a person's copy")


def _for_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _for_reading(value) -> str:
    if isinstance(value, datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return _for_csv(value)


def write_zip(user, target) -> None:
    """Write the person's copy, as a zip, into the open binary file `target`."""
    sections, photo_files = gather(user)
    made = _when(timezone.now())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "your-data.html",
            render_to_string(
                "privacy/export/readable.html",
                {
                    "user": user,
                    "made": made,
                    "sections": [
                        (section, _labelled(section, _for_reading)) for section in sections
                    ],
                    "empty": [section.title for section in sections if not section.rows],
                },
            ),
        )
        archive.writestr(
            "your-data.json",
            json.dumps(
                {"made": made, **{section.key: section.rows for section in sections}},
                default=_for_json,
                ensure_ascii=False,
                indent=2,
            ),
        )
        for section in sections:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([label for _key, label in section.columns])
            writer.writerows(_table(section, _for_csv))
            archive.writestr(f"spreadsheets/{section.key}.csv", text.getvalue())
        for photo in photo_files:
            try:
                source = photo.file.open("rb")
            except FileNotFoundError:
                continue
            with source, archive.open(photo.name, "w") as copy:
                shutil.copyfileobj(source, copy)


def _labelled(section: Section, write) -> list[list[tuple[str, str]]]:
    return [[(label, write(row[key])) for key, label in section.columns] for row in section.rows]


def _table(section: Section, write) -> list[list[str]]:
    return [[write(row[key]) for key, _label in section.columns] for row in section.rows]
