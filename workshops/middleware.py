"""Every change made to a programme through the site moves its content_version on.

Any request that may write (not GET, HEAD or OPTIONS) and did not fail moves on the version of
the programme in its address; one outside a programme's pages moves on every programme of the
person who made it (joining by invitation, say), and one in the admin every programme. Views
that write nothing a programme shows (asking for a pack, "I'm still here") say so with
`leaves_content_alone`. Moving it on too often costs only a fuller check later; the packs
check the version first and the content itself only when the version has moved.
"""

from collections.abc import Callable
from functools import wraps

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from .fragments import CSRF_MARK
from .models import Programme

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def leaves_content_alone(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.leaves_content_alone = True
    return wrapper


def programme_content_changed(programmes) -> None:
    """`programmes`: a queryset of them."""
    programmes.update(content_version=F("content_version") + 1)


class ContentVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in SAFE_METHODS or response.status_code >= 500:
            return response
        match = request.resolver_match
        if match is None or getattr(match.func, "leaves_content_alone", False):
            return response
        user = getattr(request, "user", None)
        if "programme_id" in match.kwargs:
            programmes = Programme.objects.filter(pk=match.kwargs["programme_id"])
        elif match.app_name == "admin":
            programmes = Programme.objects.all()
        elif user is not None and user.is_authenticated:
            programmes = Programme.objects.filter(memberships__user=user)
        else:
            return response
        programme_content_changed(programmes)
        return response


class FragmentCsrfMiddleware:
    """Puts the viewer's CSRF token where kept fragments hold a mark for it (see
    workshops/fragments.py). It sits inside CsrfViewMiddleware, which then sets the cookie
    the token belongs to."""

    mark = CSRF_MARK.encode()

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming or self.mark not in response.content:
            return response
        token = get_token(request).encode()
        response.content = response.content.replace(self.mark, token)
        return response
