from django.http import HttpResponse
from django_htmx.http import HttpResponseClientRedirect


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
