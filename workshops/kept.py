"""Reads of a programme kept in the cache until its content changes.

Every change made to a programme through the site moves its `content_version` on
(workshops/middleware.py), and the membership that every programme page reads first brings
the version with it. A read kept under that version is therefore current for as long as it
is found: the next change makes a new key, and the old one is left to expire. Keys that
depend on more than the programme (a session's run or voice, one member's view) name that
too, and every key names the release (the templates and migrations it was made with), so a
new release never reads what an old one kept.

What is kept must be plain data or model rows that the page only reads. Writes made outside
a request (a script, a task) must call `programme_content_changed`, as the README says.
"""

from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from .fragments import digest

T = TypeVar("T")

_MISSING = object()


@once
def release() -> str:
    """A mark of this release's templates and migrations, read once a process."""
    root = Path(settings.BASE_DIR)
    files = sorted([*root.glob("templates/**/*.html"), *root.glob("*/migrations/0*.py")])
    return digest("".join(f"{path.relative_to(root)}\n{path.read_text()}" for path in files))


# Long enough for a session's many looks; short, since a busy room moves the version on
# every few seconds and each member's view is kept apart: old keys must not pile up.
KEPT_SECONDS = 60 * 60


def kept(programme, name: str, read: Callable[[], T], *, seconds: int = KEPT_SECONDS) -> T:
    """`read()`, kept under the programme's content version and `name`, for `seconds` at
    most."""
    key = f"kept:{release()}:{programme.pk}:{programme.content_version}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = read()
        cache.set(key, value, seconds)
    return value
