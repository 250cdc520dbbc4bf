"""What members say about the sessions: reflections and the worries raised about them,
check-out answers, photos of the work, and suggestions for the language guide.

The tables keep the names they had when these models lived in workshops.
"""

import uuid

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels
from workshops.models import (
    Feeling,
    InProgrammeQuerySet,
    LanguageTerm,
    Membership,
    Programme,
    Session,
    SessionRecordQuerySet,
)


class Shared(models.TextChoices):
    GROUP = "group", _("Everyone in the group")
    FACILITATORS = "facilitators", _("Only the facilitators")


class ReflectionQuerySet(SessionRecordQuerySet):
    def visible_to(self, membership: Membership):
        """Facilitators see every reflection, hidden ones too, so they can restore them.
        Everyone else sees what is shared and not hidden, and their own."""
        if membership.runs_programme:
            return self
        return self.filter(Q(author=membership) | Q(shared=Shared.GROUP, hidden_at__isnull=True))

    def shared_with_group(self):
        return self.filter(shared=Shared.GROUP, hidden_at__isnull=True)


class Reflection(ChoiceLabels, models.Model):
    """What a member thought of a session, and how they felt."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reflections")
    # None once its writer has left and chose to leave it with the group
    # (privacy.erasure): it is then "someone in the group" to everyone.
    author = models.ForeignKey(
        Membership, on_delete=models.CASCADE, null=True, related_name="reflections"
    )
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
    # The session's voice_version when it was added.
    added_version = models.PositiveIntegerField(default=0)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        db_table = "workshops_reflection"
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
        if self.author_id is None:
            return None
        if viewer.runs_or_wrote(self.author_id) or not self.anonymous:
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
        db_table = "workshops_reflectionreport"
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


class CheckOut(ChoiceLabels, models.Model):
    """A member's answers at the end of a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="checkouts")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="checkouts")
    how_it_went = models.PositiveSmallIntegerField(
        _("how did today go?"), choices=HowItWent.choices
    )
    went_well = models.TextField(_("what went well?"), max_length=1000, blank=True)
    could_be_better = models.TextField(_("what could be better?"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionRecordQuerySet.as_manager()

    class Meta:
        db_table = "workshops_checkout"
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="one_checkout_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_how_it_went_display()} ({self.session})"


class QuestionKind(models.TextChoices):
    WORDS = "words", _("A few words")
    CHOICE = "choice", _("Choose one")
    SCALE = "scale", _("A number from 1 to 5")


SCALE = range(1, 6)


class Question(ChoiceLabels, models.Model):
    """A quick question the facilitator asks the room during a session. Members answer
    from their phones; the answers are shown without names, always."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("your question"), max_length=150)
    kind = models.CharField(
        _("how people answer"), max_length=10, choices=QuestionKind.choices, default="words"
    )
    choices = models.TextField(_("the choices, one on each line"), max_length=600, blank=True)
    asked_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every answer given, changed or hidden, so the projector's results poll
    # learns "nothing new" from one number.
    answers_version = models.PositiveIntegerField(default=0)

    objects = SessionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def choice_list(self) -> list[str]:
        """What members choose from: the facilitator's lines, or the numbers 1 to 5."""
        if self.kind == QuestionKind.SCALE:
            return [str(number) for number in SCALE]
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Answer(models.Model):
    """One member's answer to a quick question. Who gave it is kept only so that each
    member has one answer, which they may change while the question is open; no page,
    pack or file shows it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    words = models.CharField(_("your answer"), max_length=40, blank=True)
    # The chosen line (from 0) for a choice; the number for a scale.
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return self.words or str(self.choice)


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
    # The session's voice_version when it was added.
    added_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        db_table = "workshops_photo"
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(consent=True), name="photo_has_consent")]

    def __str__(self) -> str:
        return self.caption or self.alt_text[:60]


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    ACCEPTED = "accepted", _("Added to the guide")
    DECLINED = "declined", _("Not added")


class LanguageSuggestion(ChoiceLabels, models.Model):
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

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        db_table = "workshops_languagesuggestion"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.avoid} → {self.instead}"


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
