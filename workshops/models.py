import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    YOUNG_PERSON = "young_person", _("Young person")
    PROFESSIONAL = "professional", _("Professional")
    MANAGER = "manager", _("Manager")


# The roles that plan and run a programme. Everyone else takes part and reads.
RUNNING_ROLES = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})
# Those who run it and the managers who answer for the services: they read all of its work.
RUNNING_OR_MANAGING_ROLES = RUNNING_ROLES | {Role.MANAGER}

# Suggestions for the agency field; any other agency can be typed in.
AGENCIES = [
    "Leaving Care Team",
    "Housing",
    "Education",
    "Health",
    "Corporate Parenting",
    "Social Work",
    "Employment and Training",
    "Voluntary sector",
]


class Feeling(models.TextChoices):
    """How something felt, in the words the group used (never shown as a colour alone)."""

    HAPPY = "happy", _("Happy")
    EXCITED = "excited", _("Excited")
    PROUD = "proud", _("Proud")
    CALM = "calm", _("Calm")
    UNSURE = "unsure", _("Unsure")
    ANXIOUS = "anxious", _("Anxious")
    WORRIED = "worried", _("Worried")


class InProgrammeQuerySet(models.QuerySet):
    """Rows that belong to one programme. Each model says how it reaches its programme in
    programme_path, so `.in_programme(programme)` reads the same for all of them."""

    programme_path = "programme"

    def in_programme(self, programme):
        """Only this programme's rows; `programme` is a Programme or its id."""
        return self.filter(**{self.programme_path: programme})


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=120)
    aims = models.TextField(_("aims"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    # When the ground rules last changed: everyone agrees again after a change.
    ground_rules_changed_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every change made to the programme through the site (see
    # workshops.middleware), so "has anything in it changed?" is one small read.
    content_version = models.PositiveIntegerField(default=0)
    # A programme that is done is closed: nothing in it can be changed, and on delete_on its
    # personal data is deleted (privacy.retention), leaving what it chose to keep.
    closed_at = models.DateTimeField(null=True, blank=True)
    delete_on = models.DateField(_("personal data deleted on"), null=True, blank=True)
    keep_services = models.BooleanField(
        _("keep the services we adopted, without names"), default=False
    )
    keep_actions = models.BooleanField(_("keep the actions, without names"), default=False)
    # When the managers and facilitators were told that delete_on is near.
    retention_warned_at = models.DateTimeField(null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:programme-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Membership(ChoiceLabels, models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.CharField(_("agency"), max_length=60, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    agreed_ground_rules_at = models.DateTimeField(null=True, blank=True)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["user__display_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_membership_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.programme})"

    @property
    def runs_programme(self) -> bool:
        return self.role in RUNNING_ROLES

    @property
    def runs_or_manages(self) -> bool:
        """Runs the programme, or is a manager who answers for the services: the people
        who write its pledges, add its actions, and read all its work."""
        return self.role in RUNNING_OR_MANAGING_ROLES

    def runs_or_wrote(self, author_id: int | None) -> bool:
        """May change a thing that someone added: its author, or someone who runs it."""
        return self.runs_programme or (author_id is not None and author_id == self.pk)

    @property
    def agreed_current_ground_rules(self) -> bool:
        changed = self.programme.ground_rules_changed_at
        agreed = self.agreed_ground_rules_at
        return agreed is not None and (changed is None or agreed >= changed)


class GroundRule(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ground_rules")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("ground rule"), max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Pledge(models.Model):
    """A promise to young people, in the programme's own words: what they can expect."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pledges")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("pledge"), max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class GlossaryTerm(models.Model):
    """A word of jargon and what it means in plain words."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(_("word"), max_length=60)
    meaning = models.CharField(_("what it means"), max_length=300)

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "term"], name="one_meaning_per_term")
        ]

    def __str__(self) -> str:
        return self.term


class WorkshopKind(models.TextChoices):
    INTRO = "intro", _("Introduction to service design")
    JOURNEY = "journey", _("The experiences of leaving care")
    DESIGNING = "designing", _("Designing services")
    REVIEW = "review", _("A review of ideas")


class Workshop(ChoiceLabels, models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workshops")
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=120)
    aims = models.TextField(_("aims"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SessionQuerySet(InProgrammeQuerySet):
    programme_path = "workshop__programme"

    def upcoming(self):
        return self.filter(date__gte=timezone.localdate()).order_by("date", "starts_at")


class SessionRecordQuerySet(InProgrammeQuerySet):
    """For what is recorded at a session (who came, reflections, check-outs), which reaches
    its programme through the session's workshop."""

    programme_path = "session__workshop__programme"


class Session(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), null=True, blank=True)
    starts_at = models.TimeField(_("starts at"), default=datetime.time(10, 0))
    ends_at = models.TimeField(_("ends at"), default=datetime.time(13, 0))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every change to the session's reflections and photos, so that pages
    # polling for them learn "nothing new" from one number.
    voice_version = models.PositiveIntegerField(default=0)
    # The voice_version of the last change other than a new reflection or photo (an edit,
    # a hide, a report, a removal): pages behind it draw the reflections and photos again;
    # pages behind only by new ones are sent those alone.
    voice_layout_version = models.PositiveIntegerField(default=0)
    # Goes up with every step of the run (start, next, back, pause, more time, finish), so
    # the phones and a second window on the projector learn "nothing new" from one number.
    run_version = models.PositiveIntegerField(default=0)
    # When the facilitator paused the clock; None while it runs.
    paused_at = models.DateTimeField(null=True, blank=True)
    # A run before the session's date, or one the facilitator marked as a practice: its
    # times are not kept once it ends.
    rehearsal = models.BooleanField(default=False)
    # The short code on the projector that takes a member's phone to this session. It
    # works until join_code_until, and only for members of the programme.
    join_code = models.CharField(max_length=8, blank=True, db_index=True)
    join_code_until = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["workshop__number", "date", "pk"]

    def __str__(self) -> str:
        return str(self.workshop)

    def get_absolute_url(self) -> str:
        return reverse("workshops:session-detail", args=[self.workshop.programme_id, self.pk])

    @property
    def planned_minutes(self) -> int:
        start = datetime.datetime.combine(datetime.date.min, self.starts_at)
        end = datetime.datetime.combine(datetime.date.min, self.ends_at)
        return int((end - start).total_seconds() // 60)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})


class MethodQuerySet(models.QuerySet):
    def for_programme(self, programme_id: int):
        """The site's library, and the activities this programme saved to it."""
        return self.filter(models.Q(programme__isnull=True) | models.Q(programme_id=programme_id))


class Method(models.Model):
    """A reusable activity from the method library, which can be dropped into any agenda.
    The site's library has no programme; a facilitator's own activity, saved for their
    programme, is seen and used there alone."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    instructions = models.TextField(_("instructions"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    programme = models.ForeignKey(
        "Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="methods"
    )
    added_by = models.ForeignKey(
        "Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["title"],
                condition=models.Q(programme__isnull=True),
                name="method_title_unique_in_the_site_library",
            ),
            models.UniqueConstraint(
                fields=["programme", "title"],
                condition=models.Q(programme__isnull=False),
                name="method_title_unique_in_a_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """One timed item on a session's agenda."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=120)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    instructions = models.TextField(_("instructions"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    lead = models.ForeignKey(
        Membership,
        verbose_name=_("who leads"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities_led",
    )
    method = models.ForeignKey(Method, on_delete=models.SET_NULL, null=True, blank=True)
    actual_start = models.DateTimeField(null=True, blank=True)
    actual_end = models.DateTimeField(null=True, blank=True)
    # Minutes the facilitator added on the day ("+5 min"); the plan keeps its own.
    extra_minutes = models.PositiveSmallIntegerField(default=0)
    # Time the clock stood still while this activity ran: pauses, and the time spent on the
    # next one before going back to it.
    paused_seconds = models.PositiveIntegerField(default=0)

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=600), name="activity_minutes_range"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def actual_minutes(self) -> int | None:
        if self.actual_start and self.actual_end:
            seconds = (self.actual_end - self.actual_start).total_seconds() - self.paused_seconds
            return max(0, round(seconds / 60))
        return None

    def ends_at(self) -> datetime.datetime | None:
        """When the countdown of this running activity reaches nought, as things stand."""
        if not self.actual_start:
            return None
        return self.actual_start + datetime.timedelta(
            minutes=self.minutes + self.extra_minutes, seconds=self.paused_seconds
        )


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = SessionRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="one_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} at {self.session}"


class LanguageTerm(models.Model):
    """A word to avoid, what to say instead, and why: the programme's language guide."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="language_guide"
    )
    avoid = models.CharField(_("instead of"), max_length=60)
    instead = models.CharField(_("say"), max_length=120)
    why = models.CharField(_("why"), max_length=300, blank=True)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["avoid"]
        constraints = [
            models.UniqueConstraint(Lower("avoid"), "programme", name="one_entry_per_word")
        ]

    def __str__(self) -> str:
        return self.avoid


class LookKind(models.TextChoices):
    PRIVATE_REFLECTIONS = "private_reflections", _("Reflections for the facilitators only")
    CHATS = "chats", _("Who would like someone to talk to")
    MEMBERS = "members", _("The members list")


class Look(ChoiceLabels, models.Model):
    """The record that someone opened a page with something sensitive on it: who, which
    page, when. Never what was on it. Written by workshops.looks.looked."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=LookKind.choices)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # As they were named then, so the record still says who it was if they leave.
    who_name = models.CharField(max_length=100)
    role = models.CharField(max_length=20, choices=Role.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.who_name}: {self.get_kind_display()}"
