import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import Invitation, hash_token
from .tokens import invitation_path, invitation_token

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(self, *, invitation_id: int, token: str | None = None) -> None:
    """E-mail an invitation's link. Safe to run twice, even on two workers at once: the row is
    locked while the e-mail goes, so a link is e-mailed once, and not at all once it has been
    used or cancelled. A task for a link since replaced sends the new link, or nothing if the
    new link's own task has sent it. If sending fails, nothing is recorded and the retry sends.

    The link's secret is made again from the row, so no secret passes through the broker.
    `token` is read only from messages queued before that, which carried the secret; it can go
    once those have run (an invitation lasts INVITATION_LIFETIME)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("programme")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            logger.info("Invitation %s has gone; nothing to send.", invitation_id)
            return
        if not invitation.is_pending:
            logger.info("Invitation %s is no longer waiting; nothing to send.", invitation_id)
            return
        if invitation.emailed_at is not None or not invitation.email:
            return
        link_token = invitation_token(invitation)
        # A message queued before links had a seed carries the secret of its link.
        if (
            link_token is None
            and token
            and constant_time_compare(hash_token(token), invitation.token_hash)
        ):
            link_token = token
        if link_token is None:
            logger.warning(
                "Invitation %s: no key we hold makes its link (is DJANGO_SECRET_KEY the same "
                "on every machine?); nothing sent.",
                invitation_id,
            )
            return
        link = settings.SITE_URL + invitation_path(link_token)
        context = {"invitation": invitation, "link": link}
        send_mail(
            subject=render_to_string("accounts/email/invitation_subject.txt", context).strip(),
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
        invitation.emailed_at = timezone.now()
        invitation.save(update_fields=["emailed_at"])


@shared_task
def resend_invitation_emails(*, older_than_seconds: int = 120) -> int:
    """Send again the invitation e-mails that have not gone, for invitations still waiting.
    Run by Celery beat; send_invitation_email makes sure each goes once."""
    made_before = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    waiting = list(
        Invitation.objects.pending()
        .filter(emailed_at__isnull=True, created_at__lte=made_before)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for invitation_id in waiting:
        send_invitation_email.delay(invitation_id=invitation_id)
    if waiting:
        logger.warning("Sending again %s invitation e-mails that had not gone.", len(waiting))
    return len(waiting)
