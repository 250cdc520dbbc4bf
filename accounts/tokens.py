"""The secret in an invitation's link. It is not stored: the row keeps a random seed, and
the secret is made again from the seed with SECRET_KEY, so the e-mail task needs only the
invitation's id, and a copy of the database alone opens no invitation."""

import secrets

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlsafe_base64_encode

from .models import Invitation, hash_token

# Part of every link's secret: changing it would break every link not yet used.
LINK_SALT = "accounts.Invitation.link"


def invitation_path(token: str) -> str:
    return reverse("accounts:invitation-accept", args=[token])


def link_token(link_seed: str, secret: str) -> str:
    digest = salted_hmac(LINK_SALT, link_seed, secret=secret, algorithm="sha256").digest()
    return urlsafe_base64_encode(digest)


def new_link(invitation: Invitation) -> str:
    """Give the invitation a link in place of any it had, and return the link's secret."""
    invitation.link_seed = secrets.token_urlsafe(32)
    token = link_token(invitation.link_seed, settings.SECRET_KEY)
    invitation.token_hash = hash_token(token)
    return token


def invitation_token(invitation: Invitation) -> str | None:
    """The secret in the invitation's link, made again from its seed and SECRET_KEY (or a key
    in SECRET_KEY_FALLBACKS, for a link made before the key was changed). None if no key we
    hold makes it, or the link was made before links had a seed."""
    if not invitation.link_seed:
        return None
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        token = link_token(invitation.link_seed, secret)
        if constant_time_compare(hash_token(token), invitation.token_hash):
            return token
    return None
