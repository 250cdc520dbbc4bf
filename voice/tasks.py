import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from workshops.models import RUNNING_ROLES, Membership

from .models import Reflection

logger = logging.getLogger(__name__)


# The name it had in workshops.tasks, so that messages queued before the move still run.
@shared_task(
    name="workshops.tasks.tell_facilitators_about_a_chat",
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def tell_facilitators_about_a_chat(self, *, reflection_id: int) -> None:
    """E-mail the programme's facilitators that someone would like someone to talk to.

    The e-mail names nobody and quotes nothing: it asks them to sign in and look. Safe to run
    twice: the row is locked while the e-mail goes, and it goes once per request.
    """
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update()
            .select_related("session__workshop__programme")
            .filter(pk=reflection_id)
            .first()
        )
        if reflection is None or not reflection.wants_a_chat:
            logger.info("Reflection %s no longer asks for a chat; nothing to send.", reflection_id)
            return
        if reflection.chat_emailed_at is not None or reflection.chat_answered_at is not None:
            return
        programme = reflection.session.workshop.programme
        recipients = sorted(
            Membership.objects.in_programme(programme)
            .filter(role__in=RUNNING_ROLES)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        if not recipients:
            logger.warning("Programme %s has no facilitator with an e-mail address.", programme.pk)
            return
        context = {
            "programme": programme,
            "session": reflection.session,
            "link": settings.SITE_URL + reverse("voice:attention", args=[programme.pk]),
        }
        send_mail(
            subject=render_to_string("voice/email/chat_subject.txt", context).strip(),
            message=render_to_string("voice/email/chat.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
        reflection.chat_emailed_at = timezone.now()
        reflection.save(update_fields=["chat_emailed_at"])


@shared_task
def resend_chat_requests(*, older_than_seconds: int = 120) -> int:
    """Send again the asks for a chat whose e-mail has not gone (the broker was down when it
    was asked for, or the message was lost). Run by Celery beat; the e-mail task itself
    makes sure each goes once. Returns how many were sent again."""
    asked_before = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    waiting = list(
        Reflection.objects.filter(
            wants_a_chat=True,
            chat_emailed_at__isnull=True,
            chat_answered_at__isnull=True,
            created_at__lte=asked_before,
        ).values_list("pk", flat=True)
    )
    for reflection_id in waiting:
        tell_facilitators_about_a_chat.delay(reflection_id=reflection_id)
    if waiting:
        logger.warning("Sending again %s asks for a chat that had not gone.", len(waiting))
    return len(waiting)
