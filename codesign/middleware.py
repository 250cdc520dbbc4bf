import logging

from django.http import HttpResponse
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)


class HtmxRedirectMiddleware:
    """A redirect in answer to an htmx request (an expired session, ground rules to agree to)
    becomes a whole-page visit, instead of the next page squeezed into a small part of this
    one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code in (301, 302, 303):
            if request.method == "GET" and "version" in request.GET:
                # A page polling in the background ("what changed since this version?")
                # must not take the person away from what they are typing; the next page
                # they open sends them on instead.
                return HttpResponse(status=204)
            return HttpResponseClientRedirect(response["Location"])
        return response


class PrivatePagesMiddleware:
    """What a signed-in person is shown holds what young people said: no browser or proxy
    keeps a copy, so that on a shared hub laptop it is not behind the back button or in the
    cache once they have signed out. Static files are answered before this, by WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        return response


class BrokerUnavailableMiddleware:
    """A page that needs the task broker (Redis) while it is down answers with a kind 503 in
    place of an error. What must reach someone (an ask for a chat, an invitation e-mail) is
    kept and sent later, so those pages never get here; a PDF pack cannot be made without a
    worker, so asking for one does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BrokerUnavailable):
            return None
        logger.warning("The task broker is not answering: %s", exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "60"
        return response
