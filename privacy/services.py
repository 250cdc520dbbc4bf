"""Asking for a copy of one's data, making it, and letting it go when it expires."""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User

from . import export
from .models import DataExport, ExportStatus

logger = logging.getLogger(__name__)

# A copy still "being made" after this long was left by a worker that died: asking again
# starts it afresh.
STALE_AFTER = timedelta(minutes=15)


class ExportRefused(Exception):
    """The account is being erased, or has been."""


def export_request(*, user, language: str) -> DataExport:
    """The person's copy: the one being made, or a new one. Asking twice, even at the same
    moment, makes one. Asked for while the account is being erased, it waits for the erasure
    (which holds the account's row) and is then refused."""
    with transaction.atomic():
        if not User.objects.select_for_update().filter(pk=user.pk).exists():
            raise ExportRefused
        found, created = DataExport.objects.select_for_update().get_or_create(
            user=user, defaults={"language": language}
        )
        if not created:
            if found.is_waiting and found.requested_at > timezone.now() - STALE_AFTER:
                return found
            # Made before (or failed, or left by a dead worker): make it again, in the same
            # row, with the old file gone once this is saved.
            old_file = found.file.name
            found.status = ExportStatus.QUEUED
            found.language = language
            found.file = ""
            found.size = None
            found.requested_at = timezone.now()
            found.finished_at = found.expires_at = None
            found.error = ""
            found.save()
            if old_file:
                storage = found.file.storage
                transaction.on_commit(lambda: storage.delete(old_file))
        from .tasks import build_export

        transaction.on_commit(lambda: build_export.delay(export_id=found.pk))
    return found


def export_build(*, export_id: int) -> None:
    """Make the zip. Safe to run twice: a copy already made is left as it is."""
    updated = DataExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.BUILDING
    )
    found = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if found is None or (not updated and found.status != ExportStatus.BUILDING):
        return  # deleted, or made already
    with tempfile.TemporaryFile() as target, translation.override(found.language):
        export.write_zip(found.user, target)
        size = target.tell()
        target.seek(0)
        found.file.save("copy.zip", File(target), save=False)
    now = timezone.now()
    saved = DataExport.objects.filter(pk=export_id, status=ExportStatus.BUILDING).update(
        status=ExportStatus.READY,
        file=found.file.name,
        size=size,
        finished_at=now,
        expires_at=now + timedelta(days=settings.DATA_EXPORT_DAYS),
    )
    if not saved:
        # Asked for again, or deleted, while this one was being made: this file is nobody's.
        found.file.storage.delete(found.file.name)


def export_failed(*, export_id: int, error: str) -> None:
    DataExport.objects.filter(pk=export_id).exclude(status=ExportStatus.READY).update(
        status=ExportStatus.FAILED, error=error[:300], finished_at=timezone.now()
    )


def exports_expired_delete() -> int:
    """Delete the copies past their date, files and all; the number deleted."""
    expired = list(DataExport.objects.filter(expires_at__lte=timezone.now()))
    for found in expired:
        found.delete()  # one at a time, so each file goes with its row once this commits
    return len(expired)
