"""People's rights over their data: a copy of everything the site holds about a person,
and the record that someone's data was erased."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    BUILDING = "building", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


def export_path(export: "DataExport", filename: str) -> str:
    # A random name, so nobody can guess one; the file is served only to its person.
    return f"exports/{uuid.uuid4().hex}.zip"


class DataExport(ChoiceLabels, models.Model):
    """A zip of everything the site holds about one person, made by the worker.

    A person has one at most: asking again while it is being made finds the same one, and
    asking again later makes it afresh in the same row. It is deleted, file and all, when it
    expires (privacy.tasks.delete_expired_exports)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_export"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    # The language the person read the site in when they asked: the readable page is in it.
    language = models.CharField(max_length=10)
    file = models.FileField(upload_to=export_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_waiting(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.BUILDING)

    @property
    def is_ready(self) -> bool:
        return (
            self.status == ExportStatus.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def is_failed(self) -> bool:
        return self.status == ExportStatus.FAILED


@receiver(post_delete, sender=DataExport)
def export_file_goes_with_the_row(sender, instance: DataExport, **kwargs) -> None:
    """The file holds everything about a person: it goes with its row."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


class ErasureKind(models.TextChoices):
    LEFT = "left", _("Left a programme")
    ACCOUNT = "account", _("Account erased")


class Erasure(ChoiceLabels, models.Model):
    """The record that someone's data was erased: kept so the organisation can show it did
    what was asked. It holds no words of theirs, not even their name: only the number their
    account had, what was done, when, by whom, and why (when a facilitator did it)."""

    kind = models.CharField(max_length=10, choices=ErasureKind.choices)
    user_number = models.PositiveIntegerField(_("account number"))
    programme = models.ForeignKey(
        "workshops.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kept_shared_work = models.BooleanField(
        _("the group's shared work stayed, as “a member of the group”")
    )
    by_self = models.BooleanField(_("asked for on the site by the person"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("why"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user_number}"
