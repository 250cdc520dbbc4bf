import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Invitation, hash_token

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(self, *, invitation_id: int, token: str) -> None:
    """E-mail an invitation link. Safe to run twice: a link is e-mailed once, and not at all
    once it has been used, cancelled or replaced."""
    invitation = Invitation.objects.select_related("programme").filter(pk=invitation_id).first()
    if invitation is None:
        logger.info("Invitation %s has gone; nothing to send.", invitation_id)
        return
    if invitation.token_hash != hash_token(token) or not invitation.is_pending:
        logger.info("Invitation %s is no longer waiting; nothing to send.", invitation_id)
        return
    if invitation.emailed_at is not None or not invitation.email:
        return
    from .services import invitation_path

    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + invitation_path(token),
    }
    send_mail(
        subject=render_to_string("accounts/email/invitation_subject.txt", context).strip(),
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    Invitation.objects.filter(pk=invitation.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
