import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import retention, services
from .models import DataExport

logger = logging.getLogger(__name__)

# Worth another go: the database or the file store was briefly out of reach.
TRANSIENT = (OperationalError, InterfaceError, OSError)


def _failed(export_id: int, error) -> None:
    """Say what went wrong, in the language the person asked in."""
    language = DataExport.objects.filter(pk=export_id).values_list("language", flat=True).first()
    with translation.override(language or None):
        services.export_failed(export_id=export_id, error=str(error))


@shared_task(bind=True, max_retries=3, soft_time_limit=300, time_limit=360)
def build_export(self, *, export_id: int) -> None:
    """Make a person's copy of their data. Safe to run twice."""
    try:
        services.export_build(export_id=export_id)
    except TRANSIENT as error:
        if self.request.retries < self.max_retries:
            logger.warning("Copy of data %s: %s; trying again.", export_id, error)
            raise self.retry(exc=error, countdown=2**self.request.retries) from error
        logger.exception("Copy of data %s failed after %s tries.", export_id, self.max_retries + 1)
        _failed(export_id, _("Something went wrong while saving it."))
    except SoftTimeLimitExceeded:
        logger.error("Copy of data %s took too long to make.", export_id)
        _failed(export_id, _("It took too long to make."))
    except Exception:
        logger.exception("Copy of data %s could not be made.", export_id)
        _failed(export_id, _("Something went wrong while making it."))


@shared_task
def delete_expired_exports() -> None:
    """Sent by Celery beat every hour."""
    deleted = services.exports_expired_delete()
    if deleted:
        logger.info("Deleted %s copies of people's data past their date.", deleted)


@shared_task
def end_programmes() -> None:
    """Sent by Celery beat every hour: tell the managers of programmes whose personal data
    goes within 30 days, and delete it from those past their day."""
    told = retention.programmes_warn()
    if told:
        logger.info("Told %s programmes that their personal data goes soon.", told)
    for programme_id in retention.programmes_due().values_list("pk", flat=True):
        retention.personal_data_delete(programme_id=programme_id)
