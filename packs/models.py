"""The printed packs: which kinds there are, and a row for each PDF the worker makes.

The table keeps the name it had when the model lived in workshops.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels
from workshops.models import InProgrammeQuerySet, Membership, Programme, Session, Workshop


class PackKind(models.TextChoices):
    SESSION = "session", _("Session pack")
    HANDOUT = "handout", _("Handout")
    HANDOUT_LARGE = "handout_large", _("Handout in large print")
    PROGRAMME = "programme", _("Programme pack")
    WORKSHOP = "workshop", _("Workshop record")


# Packs about one session; the programme pack covers them all, and a workshop record what
# the group made in one workshop (the programme pack's chapter for it, on its own).
SESSION_PACKS = frozenset({PackKind.SESSION, PackKind.HANDOUT, PackKind.HANDOUT_LARGE})


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


def pack_path(pack: "Pack", filename: str) -> str:
    # One name per pack, so a render that runs twice writes over its own file, never beside it.
    return f"packs/{pack.programme_id}/{pack.pk}-{pack.content_hash[:16]}.pdf"


class Pack(ChoiceLabels, models.Model):
    """A printable PDF of a session, a workshop or a programme, made by the worker.

    content_hash is the hash of everything that goes into it: asking again while nothing
    has changed finds the same row, so the same pack is made once however many ask.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packs")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="packs"
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="packs"
    )
    kind = models.CharField(max_length=20, choices=PackKind.choices)
    content_hash = models.CharField(max_length=64)
    # The programme's content_version when content_hash was last found to be its content.
    content_version = models.PositiveIntegerField(null=True, blank=True)
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

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        db_table = "workshops_pack"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "content_hash"],
                condition=Q(session__isnull=True, workshop__isnull=True),
                name="one_programme_pack_per_content",
            ),
            models.UniqueConstraint(
                fields=["workshop", "kind", "content_hash"],
                condition=Q(workshop__isnull=False),
                name="one_workshop_pack_per_content",
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
        return reverse("packs:pack-detail", args=[self.programme_id, self.pk])

    @property
    def is_ready(self) -> bool:
        return self.status == PackStatus.READY

    @property
    def is_failed(self) -> bool:
        return self.status == PackStatus.FAILED

    @property
    def is_waiting(self) -> bool:
        return self.status in (PackStatus.QUEUED, PackStatus.RENDERING)


@receiver(post_delete, sender=Pack)
def pack_file_goes_with_the_row(sender, instance: Pack, **kwargs) -> None:
    """A pack holds what young people said and photos of them: its file goes with its row."""
    # The name it has, or would have had: a worker that died after writing the file but
    # before saving the row left one there under that name.
    storage = instance.file.storage
    names = {instance.file.name, pack_path(instance, "")} - {""}
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
