"""A programme's end: closing it, telling its managers before its personal data goes, and
deleting that data on the day, leaving only what it chose to keep, without names.

Kept after the day, whatever was chosen: the programme's name, aims and plan (workshops,
sessions, agendas, ground rules, glossary, pledges, its own activities), and the members who
ran or managed it, so someone can still open what was kept. If it chose to keep them: the
ideas it took forward with their blueprints, prototypes, evidence and decisions, and the
showcases without what people said there (`keep_services`); the actions and their logs
(`keep_actions`). Everything else goes: every reflection, photo, timeline, persona, journey
map, check-out, quick question, vote, register mark, pack and invitation, and the young
people's and professionals' memberships.
"""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Invitation
from blueprints.models import Evidence, Idea, Vote
from packs.models import Pack
from personas.models import Persona, Timeline
from showcases.models import Action, ActionUpdate, Quote, Showcase
from voice.models import CheckOut, LanguageSuggestion, Photo, Question, Reflection
from workshops.middleware import programme_content_changed
from workshops.models import (
    RUNNING_OR_MANAGING_ROLES,
    Activity,
    Attendance,
    Look,
    Membership,
    Method,
    Programme,
)

logger = logging.getLogger(__name__)

WARN_DAYS = 30


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or the month's last day, where it has fewer)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def programme_close(*, programme: Programme, keep_services: bool, keep_actions: bool) -> None:
    now = timezone.now()
    Programme.objects.filter(pk=programme.pk).update(
        closed_at=now,
        delete_on=months_after(timezone.localdate(now), settings.RETENTION_MONTHS),
        keep_services=keep_services,
        keep_actions=keep_actions,
        retention_warned_at=None,
    )
    programme_content_changed(Programme.objects.filter(pk=programme.pk))
    programme.refresh_from_db()


@transaction.atomic
def programme_reopen(*, programme: Programme) -> None:
    Programme.objects.filter(pk=programme.pk, personal_data_deleted_at__isnull=True).update(
        closed_at=None, delete_on=None, retention_warned_at=None
    )
    programme_content_changed(Programme.objects.filter(pk=programme.pk))
    programme.refresh_from_db()


def programmes_warn(today: datetime.date | None = None) -> int:
    """Tell the managers and facilitators of each programme whose personal data goes within
    30 days, once; the number of programmes told."""
    today = today or timezone.localdate()
    due = Programme.objects.filter(
        closed_at__isnull=False,
        personal_data_deleted_at__isnull=True,
        retention_warned_at__isnull=True,
        delete_on__lte=today + datetime.timedelta(days=WARN_DAYS),
    )
    told = 0
    for programme in due:
        with transaction.atomic():
            # One worker tells them, even if two run at once.
            if not Programme.objects.filter(
                pk=programme.pk, retention_warned_at__isnull=True
            ).update(retention_warned_at=timezone.now()):
                continue
            people = (
                Membership.objects.filter(programme=programme, role__in=RUNNING_OR_MANAGING_ROLES)
                .exclude(user__email="")
                .select_related("user")
            )
            for member in people:
                with translation.override(settings.LANGUAGE_CODE):
                    send_mail(
                        _("%(programme)s: its personal data will be deleted on %(day)s")
                        % {
                            "programme": programme.name,
                            "day": date_format(programme.delete_on, "j F Y"),
                        },
                        render_to_string(
                            "privacy/email/retention_warning.txt",
                            {
                                "member": member,
                                "programme": programme,
                                "site_url": settings.SITE_URL,
                            },
                        ),
                        None,
                        [member.user.email],
                    )
            told += 1
    return told


def programmes_due(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Programme.objects.filter(
        closed_at__isnull=False, personal_data_deleted_at__isnull=True, delete_on__lte=today
    )


@transaction.atomic
def personal_data_delete(*, programme_id: int) -> bool:
    """Delete an ended programme's personal data, past its day. Safe to run twice."""
    programme = (
        Programme.objects.select_for_update()
        .filter(pk=programme_id, closed_at__isnull=False, personal_data_deleted_at__isnull=True)
        .first()
    )
    if programme is None:
        return False
    in_it = {"session__workshop__programme": programme}
    Reflection.objects.filter(**in_it).delete()
    for photo in Photo.objects.filter(programme=programme):
        photo.delete()  # and its files
    CheckOut.objects.filter(**in_it).delete()
    Question.objects.filter(**in_it).delete()
    Attendance.objects.filter(**in_it).delete()
    LanguageSuggestion.objects.filter(programme=programme).delete()
    Timeline.objects.filter(programme=programme).delete()
    # Personas go, and their journey maps and cards with them.
    Persona.objects.filter(programme=programme).delete()
    Vote.objects.filter(programme=programme).delete()
    Invitation.objects.filter(programme=programme).delete()
    # Who opened its sensitive pages: what they opened is gone.
    Look.objects.filter(programme=programme).delete()
    for pack in Pack.objects.filter(programme=programme):
        pack.delete()  # and its file
    ideas = Idea.objects.filter(programme=programme)
    if programme.keep_services:
        ideas.filter(taken_forward=False).delete()
        ideas.update(author=None)
        Evidence.objects.filter(prototype__programme=programme).update(added_by=None)
        Quote.objects.filter(showcase__programme=programme).delete()
    else:
        ideas.delete()
        Showcase.objects.filter(programme=programme).delete()
    actions = Action.objects.filter(programme=programme)
    if programme.keep_actions:
        actions.update(owner=None)
        ActionUpdate.objects.filter(action__programme=programme).update(by=None)
    else:
        actions.delete()
    Activity.objects.filter(**in_it).update(lead=None)
    Method.objects.filter(programme=programme).update(added_by=None)
    Membership.objects.filter(programme=programme).exclude(
        Q(role__in=RUNNING_OR_MANAGING_ROLES)
    ).delete()
    Programme.objects.filter(pk=programme.pk).update(personal_data_deleted_at=timezone.now())
    programme_content_changed(Programme.objects.filter(pk=programme.pk))
    logger.info("Deleted the personal data of programme %s, past its day.", programme.pk)
    return True
