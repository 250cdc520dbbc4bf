"""A record of every failed sign-in and every lockout, for whoever looks after the site.

Each line has the time (from the log record) and the username hashed with the site's
secret key: enough to see that one account is being tried again and again, without the
log itself naming the people in it. The password is never logged.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.utils.crypto import salted_hmac

logger = logging.getLogger("codesign.security")


def hashed_username(username: str) -> str:
    digest = salted_hmac("codesign.security.username", username.strip().lower())
    return digest.hexdigest()[:16]


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username") or ""
    logger.warning("Sign-in failed for user %s.", hashed_username(username))


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    logger.warning(
        "Sign-in locked for user %s after repeated failures.", hashed_username(username or "")
    )


user_login_failed.connect(_login_failed, dispatch_uid="codesign-log-failed-sign-in")
user_locked_out.connect(_locked_out, dispatch_uid="codesign-log-lockout")
