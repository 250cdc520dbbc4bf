"""Demo data: a programme like the one in the accounts, with fictional people.

Safe to run again: people and the programme are made once, and passwords are set back to the
demo password so the printed logins always work.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from workshops import services
from workshops.models import Membership, Programme, Role

PROGRAMME_NAME = "Care Leavers Co-production Project"
PASSWORD = "together-2026"
VENUE = "Care Leavers Hub, Houghton Regis"

# username, name, role, agency; the first of each role is printed as that role's login.
PEOPLE = [
    ("facilitator", "Jo Mensah", Role.FACILITATOR, "Corporate Parenting"),
    ("cofacilitator", "Priya Shah", Role.CO_FACILITATOR, "Independent social worker"),
    ("youngperson", "Kayla", Role.YOUNG_PERSON, ""),
    ("reece", "Reece", Role.YOUNG_PERSON, ""),
    ("dan", "Dan", Role.YOUNG_PERSON, ""),
    ("professional", "Tom Hughes", Role.PROFESSIONAL, "Housing"),
    ("amira", "Amira Khan", Role.PROFESSIONAL, "Education"),
    ("gemma", "Gemma Lowe", Role.PROFESSIONAL, "Leaving Care Team"),
    ("sian", "Dr Siân Roberts", Role.PROFESSIONAL, "Health"),
    ("manager", "Mark Ellis", Role.MANAGER, "Corporate Parenting"),
]


class Command(BaseCommand):
    help = "Create the demo programme and its people (idempotent), and print the logins."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development: DJANGO_ENV is production.")
        with transaction.atomic():
            users = {username: self._user(username, name) for username, name, _, _ in PEOPLE}
            User.objects.filter(username="facilitator").update(can_start_programmes=True)
            programme = Programme.objects.filter(name=PROGRAMME_NAME).first()
            if programme is None:
                programme = self._programme(users)
        self.stdout.write(self.style.SUCCESS(f"Demo programme: {programme.name}"))
        self.stdout.write(f"Every demo login has the password: {PASSWORD}")
        printed = set()
        for username, name, role, _agency in PEOPLE:
            if role not in printed:
                printed.add(role)
                self.stdout.write(f"  {Role(role).label:<15} {username:<14} ({name})")

    def _user(self, username: str, name: str) -> User:
        user, _ = User.objects.get_or_create(username=username, defaults={"display_name": name})
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        return user

    def _programme(self, users: dict[str, User]) -> Programme:
        programme = services.programme_create(
            name=PROGRAMME_NAME,
            organisation="Central Bedfordshire Council",
            aims=(
                "To make services better for care leavers. Care leavers and staff from "
                "different services work together as equals, and share what they know."
            ),
            created_by=users["facilitator"],
        )
        now = timezone.now()
        for username, _, role, agency in PEOPLE[1:]:
            Membership.objects.create(
                programme=programme,
                user=users[username],
                role=role,
                agency=agency,
                agreed_ground_rules_at=now,
            )
        Membership.objects.filter(programme=programme, role=Role.FACILITATOR).update(
            agency="Corporate Parenting"
        )
        # Weekly on Mondays: the first workshop was last Monday, the rest are coming up.
        today = timezone.localdate()
        last_monday = today - datetime.timedelta(days=today.weekday() or 7)
        sessions = [workshop.sessions.get() for workshop in programme.workshops.all()]
        for week, session in enumerate(sessions):
            session.date = last_monday + datetime.timedelta(weeks=week)
            session.venue = VENUE
            session.save(update_fields=["date", "venue"])
        self._run_first_session(programme, sessions[0])
        return programme

    def _run_first_session(self, programme: Programme, session) -> None:
        """Record the first workshop as it happened: who came, and how long things took."""
        members = list(programme.memberships.all())
        services.attendance_record(
            session=session,
            present_member_ids={member.pk for member in members if member.user.username != "dan"},
        )
        start = timezone.make_aware(datetime.datetime.combine(session.date, session.starts_at))
        clock = start
        activities = list(session.activities.all())
        for activity in activities:
            activity.actual_start = clock
            # The creative exercises ran a little long, as they do.
            clock += datetime.timedelta(
                minutes=activity.minutes + (5 if activity.minutes >= 35 else 0)
            )
            activity.actual_end = clock
        type(activities[0]).objects.bulk_update(activities, ["actual_start", "actual_end"])
        session.started_at, session.finished_at = start, clock
        session.save(update_fields=["started_at", "finished_at"])
