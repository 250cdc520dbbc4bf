import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from . import render

logger = logging.getLogger(__name__)


# Worth another go: the database or the file store was briefly out of reach.
TRANSIENT = (OperationalError, InterfaceError, OSError)


# The name it had in workshops.tasks, so that messages queued before the move still run.
@shared_task(
    name="workshops.tasks.render_pack",
    bind=True,
    max_retries=3,
    soft_time_limit=render.SOFT_TIME_LIMIT,
    time_limit=render.TIME_LIMIT,
)
def render_pack(self, *, pack_id: int) -> None:
    """Make a pack's PDF. Safe to run twice, and after a worker died halfway."""
    try:
        render.pack_render(pack_id=pack_id)
    except TRANSIENT as error:
        if self.request.retries < self.max_retries:
            logger.warning("Pack %s: %s; trying again.", pack_id, error)
            raise self.retry(exc=error, countdown=2**self.request.retries) from error
        logger.exception("Pack %s failed after %s tries.", pack_id, self.max_retries + 1)
        render.pack_failed(pack_id=pack_id, error=_("Something went wrong while saving it."))
    except SoftTimeLimitExceeded:
        logger.error("Pack %s took too long to make.", pack_id)
        render.pack_failed(pack_id=pack_id, error=_("It took too long to make."))
    except Exception:
        logger.exception("Pack %s could not be made.", pack_id)
        render.pack_failed(pack_id=pack_id, error=_("Something went wrong while making it."))
