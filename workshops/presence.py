"""Who else has a shared page open now ("3 others here"), counted from its polls.

Each poll of a live page (a journey map, a blueprint) says its member is there; a member not
heard from for HERE_SECONDS has gone. The count is all a page is told: never a name, so no
one who chose to stay anonymous is named by it. It lives in the cache, one entry a page, and
may miss a member now and then (two polls writing at once): the next poll puts them back.
"""

import time

from django.core.cache import cache
from django.http import HttpResponse

HERE_SECONDS = 12  # four polls at 3 s: a phone that misses one is still here
HEADER = "X-Others-Here"


def others_here(page: str, member_pk: int) -> int:
    """Note that the member has the page open; how many others have it open too."""
    key = f"here:{page}"
    now = time.time()
    seen = {pk: at for pk, at in (cache.get(key) or {}).items() if now - at < HERE_SECONDS}
    seen[member_pk] = now
    cache.set(key, seen, HERE_SECONDS * 2)
    return len(seen) - 1


def told(response: HttpResponse, others: int) -> HttpResponse:
    """The response, with how many others are here for the page's script to show."""
    response[HEADER] = str(others)
    return response
