"""Signing out a person who has left the site alone, for the shared laptops of a hub.

A page, a form sent or a tap on "Stay signed in" counts as someone there. A page that asks in
the background for what changed (a poll) does not: it runs by itself however long the laptop
is left. A signed-in page carries how long it has left, and `static/js/idle.js` warns two
minutes before the end, tells the server when someone types or taps, and at the end loads
the page again, which then asks them to sign in, so nothing stays on the screen.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.utils.translation import ngettext

LAST_ACTIVE = "_idle_last_active"
# Writing the session on every request would cost a query each: once a minute is enough.
REFRESH_AFTER = 60


def background_poll(view):
    """Mark a view that pages ask of by themselves, so it does not count as someone there.
    Put it outermost, above the access check."""
    view.is_background_poll = True
    return view


def idle_seconds() -> int:
    return int(settings.IDLE_TIMEOUT.total_seconds())


def mark_active(request) -> int:
    """Count this request as someone there; returns the seconds left before signing out."""
    request.session[LAST_ACTIVE] = int(time.time())
    return idle_seconds()


def signed_in(sender, request, user, **kwargs) -> None:
    """Signing in counts as someone there; the session is being written anyway."""
    if request is not None and hasattr(request, "session"):
        mark_active(request)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        now = int(time.time())
        last = request.session.get(LAST_ACTIVE)
        limit = idle_seconds()
        if last is not None and now - last >= limit:
            logout(request)
            minutes = limit // 60
            messages.info(
                request,
                ngettext(
                    "You were signed out because nobody used the site for %(minutes)s "
                    "minute. Sign in again to carry on.",
                    "You were signed out because nobody used the site for %(minutes)s "
                    "minutes. Sign in again to carry on.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            if "application/json" in request.headers.get("Accept", ""):
                # The page's own "still here?" call: it opens the page again, which shows
                # the sign-in form and the message above.
                return JsonResponse({"signed_out": True}, status=401)
            return redirect_to_login(request.get_full_path())
        if getattr(view_func, "is_background_poll", False):
            request.idle_seconds_left = limit - (now - (last or now))
        elif last is None or now - last >= REFRESH_AFTER:
            request.idle_seconds_left = mark_active(request)
        else:
            request.idle_seconds_left = limit - (now - last)
        return None
