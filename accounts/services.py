"""Invitations, made by a facilitator and used once by the person invited; and the links a
facilitator makes for a young person to choose a new password."""

import logging
import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from workshops.access import only_a_young_person
from workshops.models import Membership, Programme

from .models import Invitation, PasswordLink, User, hash_token
from .security import hashed_username
from .tasks import send_invitation_email
from .tokens import invitation_token, new_link

security_log = logging.getLogger("codesign.security")


class InvitationUnusable(Exception):
    """The link has been used, cancelled, replaced or has run out."""


class PasswordLinkUnusable(Exception):
    """The link has been used, replaced by a newer one or has run out."""


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


def password_link_create(*, member: Membership, made_by: User) -> tuple[PasswordLink, str]:
    """A new-password link for a young person, in place of any link they had; returns it with
    its secret, which is shown once. The person's row is locked while the older links are
    replaced, so that two facilitators pressing at once still leave one link that works."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=member.user_id)
        now = timezone.now()
        PasswordLink.objects.usable().filter(user=user).update(replaced_at=now)
        token = secrets.token_urlsafe(32)
        link = PasswordLink.objects.create(
            user=user,
            programme_id=member.programme_id,
            made_by=made_by,
            made_by_name=made_by.name,
            token_hash=hash_token(token),
            expires_at=now + settings.PASSWORD_LINK_LIFETIME,
        )
    security_log.info(
        "New-password link %s made for user %s by user %s in programme %s.",
        link.pk,
        hashed_username(user.username),
        hashed_username(made_by.username),
        member.programme_id,
    )
    return link, token


def password_link_for_token(token: str) -> PasswordLink | None:
    """The link that works whose secret this is, found by its hash."""
    return (
        PasswordLink.objects.usable()
        .select_related("user")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def password_link_use(*, link: PasswordLink, password: str) -> User:
    """Set the new password. The conditional update makes the link work once, even when it is
    used twice at the same moment. The person's other sessions end with it: each session keeps
    a hash of the password it was signed in with, and is signed out at its next request."""
    # The person's row first, as making a link locks it first: the two never wait on each
    # other in opposite order.
    user = User.objects.select_for_update().get(pk=link.user_id)
    if not only_a_young_person(user):
        # Made staff, or made to run a programme, since the link was made.
        raise PasswordLinkUnusable
    claimed = (PasswordLink.objects.usable().filter(pk=link.pk, token_hash=link.token_hash)).update(
        used_at=timezone.now()
    )
    if not claimed:
        raise PasswordLinkUnusable
    user.set_password(password)
    user.has_password_notice = True
    user.save(update_fields=["password", "has_password_notice"])
    # A young person locked out by wrong guesses may sign in with the new password at once.
    axes_reset(username=user.username)
    security_log.info(
        "New-password link %s used: the password of user %s was changed.",
        link.pk,
        hashed_username(user.username),
    )
    return user


def password_links_retire(*, user: User) -> None:
    """The person chose a new password themselves: a link still waiting is no longer needed."""
    PasswordLink.objects.usable().filter(user=user).update(replaced_at=timezone.now())


def password_notice_links(user: User) -> list[PasswordLink]:
    """The links used to change the person's password that they have not yet been told of."""
    return list(
        PasswordLink.objects.filter(
            user=user, used_at__isnull=False, seen_at__isnull=True
        ).order_by("used_at")
    )


@transaction.atomic
def password_notice_seen(*, user: User) -> None:
    PasswordLink.objects.filter(user=user, used_at__isnull=False, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
    User.objects.filter(pk=user.pk).update(has_password_notice=False)
    user.has_password_notice = False
