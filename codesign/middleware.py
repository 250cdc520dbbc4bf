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
            return HttpResponseClientRedirect(response["Location"])
        return response
