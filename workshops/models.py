import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    YOUNG_PERSON = "young_person", _("Young person")
    PROFESSIONAL = "professional", _("Professional")
    MANAGER = "manager", _("Manager")


# The roles that plan and run a programme. Everyone else takes part and reads.
RUNNING_ROLES = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})

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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:programme-detail", args=[self.pk])


class Membership(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.CharField(_("agency"), max_length=60, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    agreed_ground_rules_at = models.DateTimeField(null=True, blank=True)

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


class Workshop(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workshops")
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=120)
    aims = models.TextField(_("aims"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SessionQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(date__gte=timezone.localdate()).order_by("date", "starts_at")


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


class Method(models.Model):
    """A reusable activity from the method library, which can be dropped into any agenda."""

    title = models.CharField(_("title"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    instructions = models.TextField(_("instructions"), blank=True)
    materials = models.TextField(_("materials"), blank=True)

    class Meta:
        ordering = ["title"]

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
            return round((self.actual_end - self.actual_start).total_seconds() / 60)
        return None


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="one_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} at {self.session}"


class Shared(models.TextChoices):
    GROUP = "group", _("Everyone in the group")
    FACILITATORS = "facilitators", _("Only the facilitators")


class ReflectionQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """Facilitators see every reflection, hidden ones too, so they can restore them.
        Everyone else sees what is shared and not hidden, and their own."""
        if membership.runs_programme:
            return self
        return self.filter(Q(author=membership) | Q(shared=Shared.GROUP, hidden_at__isnull=True))

    def shared_with_group(self):
        return self.filter(shared=Shared.GROUP, hidden_at__isnull=True)


class Reflection(models.Model):
    """What a member thought of a session, and how they felt."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(_("what you thought"), max_length=2000)
    feeling = models.CharField(
        _("how you felt"), max_length=20, choices=Feeling.choices, blank=True
    )
    shared = models.CharField(
        _("who can see it"), max_length=20, choices=Shared.choices, default=Shared.GROUP
    )
    # The group sees no name; facilitators still do, to keep everyone safe.
    anonymous = models.BooleanField(_("don't show my name to the group"), default=False)
    wants_a_chat = models.BooleanField(_("I'd like someone to talk to about this"), default=False)
    chat_emailed_at = models.DateTimeField(null=True, blank=True)
    chat_answered_at = models.DateTimeField(null=True, blank=True)
    chat_answered_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_shared(self) -> bool:
        return self.shared == Shared.GROUP

    def name_for(self, viewer: Membership) -> str | None:
        """The author's name as the viewer may see it, or None for "anonymous"."""
        if viewer.runs_programme or viewer.pk == self.author_id or not self.anonymous:
            return self.author.user.name
        return None


class ReflectionReport(models.Model):
    """A member's worry about a reflection, for the facilitators to look at."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(
        _("what worries you about it (if you want to say)"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["reflection", "reporter"], name="one_report_each")
        ]

    def __str__(self) -> str:
        return f"Report on {self.reflection_id}"


class HowItWent(models.IntegerChoices):
    REALLY_WELL = 5, _("Really well")
    WELL = 4, _("Well")
    OKAY = 3, _("OK")
    NOT_SO_WELL = 2, _("Not so well")
    BADLY = 1, _("Badly")


class CheckOut(models.Model):
    """A member's answers at the end of a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="checkouts")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="checkouts")
    how_it_went = models.PositiveSmallIntegerField(
        _("how did today go?"), choices=HowItWent.choices
    )
    went_well = models.TextField(_("what went well?"), max_length=1000, blank=True)
    could_be_better = models.TextField(_("what could be better?"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="one_checkout_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_how_it_went_display()} ({self.session})"


def photo_path(photo: "Photo", filename: str) -> str:
    """Random names in a folder per programme; nobody can guess one, and none is public."""
    extension = filename.rsplit(".", 1)[-1]
    return f"photos/{photo.programme_id}/{uuid.uuid4().hex}.{extension}"


class Photo(models.Model):
    """A photo of the session's work, re-encoded on upload and served only to members."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="photos")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    thumb_width = models.PositiveIntegerField()
    thumb_height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(_("describe the photo for people who can't see it"), max_length=500)
    consent = models.BooleanField(_("everyone in the photo agreed to it being shared"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(consent=True), name="photo_has_consent")]

    def __str__(self) -> str:
        return self.caption or self.alt_text[:60]


class LanguageTerm(models.Model):
    """A word to avoid, what to say instead, and why: the programme's language guide."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="language_guide"
    )
    avoid = models.CharField(_("instead of"), max_length=60)
    instead = models.CharField(_("say"), max_length=120)
    why = models.CharField(_("why"), max_length=300, blank=True)

    class Meta:
        ordering = ["avoid"]
        constraints = [
            models.UniqueConstraint(Lower("avoid"), "programme", name="one_entry_per_word")
        ]

    def __str__(self) -> str:
        return self.avoid


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    ACCEPTED = "accepted", _("Added to the guide")
    DECLINED = "declined", _("Not added")


class LanguageSuggestion(models.Model):
    """A member's idea for the language guide, which facilitators accept or decline."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        LanguageTerm,
        verbose_name=_("change a word already in the guide"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    avoid = models.CharField(_("instead of"), max_length=60)
    instead = models.CharField(_("say"), max_length=120)
    why = models.CharField(_("why"), max_length=300, blank=True)
    suggested_by = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    decided_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.avoid} → {self.instead}"


class PackKind(models.TextChoices):
    SESSION = "session", _("Session pack")
    HANDOUT = "handout", _("Handout")
    HANDOUT_LARGE = "handout_large", _("Handout in large print")
    PROGRAMME = "programme", _("Programme pack")


# Packs about one session; the programme pack covers them all.
SESSION_PACKS = frozenset({PackKind.SESSION, PackKind.HANDOUT, PackKind.HANDOUT_LARGE})


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


def pack_path(pack: "Pack", filename: str) -> str:
    # One name per pack, so a render that runs twice writes over its own file, never beside it.
    return f"packs/{pack.programme_id}/{pack.pk}-{pack.content_hash[:16]}.pdf"


class Pack(models.Model):
    """A printable PDF of a session or a programme, made by the worker.

    content_hash is the hash of everything that goes into it: asking again while nothing
    has changed finds the same row, so the same pack is made once however many ask.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packs")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="packs"
    )
    kind = models.CharField(max_length=20, choices=PackKind.choices)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    step = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to=pack_path, max_length=200, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # Moves with every step of the work, so a pack whose worker died can be told apart
    # from one that is still being made.
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "content_hash"],
                condition=Q(session__isnull=True),
                name="one_programme_pack_per_content",
            ),
            models.UniqueConstraint(
                fields=["session", "kind", "content_hash"],
                condition=Q(session__isnull=False),
                name="one_session_pack_per_content",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="pack_progress_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("workshops:pack-detail", args=[self.programme_id, self.pk])

    @property
    def is_ready(self) -> bool:
        return self.status == PackStatus.READY

    @property
    def is_failed(self) -> bool:
        return self.status == PackStatus.FAILED

    @property
    def is_waiting(self) -> bool:
        return self.status in (PackStatus.QUEUED, PackStatus.RENDERING)


@receiver(post_delete, sender=Photo)
def photo_files_go_with_the_row(sender, instance: Photo, **kwargs) -> None:
    """A photo's files go once its row has gone for good, however it went (removed, or its
    session, member or programme deleted), so no photo of a young person is left behind."""
    storage, names = instance.image.storage, (instance.image.name, instance.thumbnail.name)

    def delete_files():
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete_files)


@receiver(post_delete, sender=Pack)
def pack_file_goes_with_the_row(sender, instance: Pack, **kwargs) -> None:
    """A pack holds what young people said and photos of them: its file goes with its row."""
    # The name it has, or would have had: a worker that died after writing the file but
    # before saving the row left one there under that name.
    storage = instance.file.storage
    names = {instance.file.name, pack_path(instance, "")} - {""}
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
