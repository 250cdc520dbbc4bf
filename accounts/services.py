"""Invitations: made by a facilitator, used once by the person invited."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from workshops.models import Membership, Programme

from .models import Invitation, User, hash_token
from .tasks import send_invitation_email
from .tokens import invitation_token, new_link


class InvitationUnusable(Exception):
    """The link has been used, cancelled, replaced or has run out."""


def invitation_create(
    *, programme: Programme, name: str, email: str, role: str, agency: str, created_by: User
) -> tuple[Invitation, str]:
    """Make an invitation and return it with its link's secret. The e-mail task is given only
    the invitation's id, so the secret never passes through the broker."""
    invitation = Invitation(
        programme=programme,
        name=name,
        email=email,
        role=role,
        agency=agency,
        created_by=created_by,
        expires_at=timezone.now() + settings.INVITATION_LIFETIME,
    )
    token = new_link(invitation)
    invitation.save()
    if email:
        transaction.on_commit(
            lambda: send_invitation_email.delay(invitation_id=invitation.pk), robust=True
        )
    return invitation, token


def invitation_renew(*, invitation: Invitation) -> str:
    """A new link for the same invitation; the old link stops working."""
    token = new_link(invitation)
    invitation.expires_at = timezone.now() + settings.INVITATION_LIFETIME
    invitation.revoked_at = None
    invitation.emailed_at = None
    invitation.save(
        update_fields=["link_seed", "token_hash", "expires_at", "revoked_at", "emailed_at"]
    )
    if invitation.email:
        transaction.on_commit(
            lambda: send_invitation_email.delay(invitation_id=invitation.pk), robust=True
        )
    return token


def invitation_revoke(*, invitation: Invitation) -> bool:
    """Cancel an invitation that has not been used. Says whether it is cancelled."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation.accepted_at is None


def invitation_for_token(token: str) -> Invitation | None:
    """The waiting invitation whose link this is, found by the hash in one indexed query. A
    link with a seed must also be one a key we hold still makes, so retiring a SECRET_KEY
    retires its links; a link made before links had a seed has only its hash."""
    invitation = (
        Invitation.objects.select_related("programme").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or not invitation.is_pending:
        return None
    if invitation.link_seed and not constant_time_compare(
        token, invitation_token(invitation) or ""
    ):
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the programme. The conditional update makes the link single-use even when two
    people press the button at the same moment."""
    claimed = Invitation.objects.filter(
        pk=invitation.pk,
        token_hash=invitation.token_hash,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if not claimed:
        raise InvitationUnusable
    membership, _ = Membership.objects.get_or_create(
        programme_id=invitation.programme_id,
        user=user,
        defaults={"role": invitation.role, "agency": invitation.agency},
    )
    return membership


@transaction.atomic
def invitation_accept_as_new_user(
    *, invitation: Invitation, username: str, password: str
) -> Membership:
    user = User(username=username, display_name=invitation.name, email=invitation.email)
    user.set_password(password)
    user.save()
    return invitation_accept(invitation=invitation, user=user)


def password_reset_path(*, user: User) -> str:
    """A link that lets someone choose a new password, for a facilitator to pass on."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
