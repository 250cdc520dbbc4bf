"""Rendered pieces of a page kept in the cache, so a page that shows hundreds of cards or
reflections renders each one once and not on every view or poll.

A fragment's template sees only what its key names: the object, its version, the language
and who is looking (as a kind of viewer, never the whole membership). So whatever a fragment
shows to one person can only be served to someone the key says would see the same.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import cache as once
from typing import Any

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Where a kept fragment's forms take the viewer's CSRF token: rendered into the fragment in
# place of a token, and replaced in the page by the viewer's own (FragmentCsrfMiddleware in
# workshops/middleware.py). No text anyone saves can hold it: Django's form fields refuse
# NUL characters.
CSRF_MARK = "\x00csrf\x00"

# Long enough to outlive a programme's busy days; anything changed has a new key anyway.
FRAGMENT_SECONDS = 60 * 60 * 24 * 7


def digest(text: str) -> str:
    """A short, stable mark of a text, for keys that must change when the text does."""
    return hashlib.blake2s(text.encode(), digest_size=8).hexdigest()


@once
def _template_mark(template_name: str) -> str:
    """A short mark of the template's text, so a changed template (a new release) never
    serves fragments that the old one rendered."""
    return digest(get_template(template_name).template.source)


def rendered(
    items: Iterable[Any],
    *,
    template_name: str,
    key: Callable[[Any], str],
    context: Callable[[Any], dict],
    with_forms: bool = False,
) -> list[SafeString]:
    """Each item's fragment, in the order of the items: from the cache where it is, and
    rendered (and kept) where it is not. `key` must name everything `context` gives the
    template. A fragment `with_forms` keeps a mark where its CSRF tokens go, never a token."""
    prefix = f"fragment:{_template_mark(template_name)}:{get_language()}:"
    items = list(items)
    names = [prefix + key(item) for item in items]
    wanted = dict(zip(names, items, strict=True))
    found = cache.get_many(wanted)
    mark = {"csrf_token": CSRF_MARK} if with_forms else {}
    made = {
        name: render_to_string(template_name, context(item) | mark)
        for name, item in wanted.items()
        if name not in found
    }
    if made:
        cache.set_many(made, FRAGMENT_SECONDS)
    found |= made
    # Rendered from our own templates, so escaped already.
    return [mark_safe(found[name]) for name in names]  # noqa: S308


def attach(items: list, **rendering) -> list:
    """The items, each with its fragment (rendered() with these arguments) in `.html`."""
    for item, html in zip(items, rendered(items, **rendering), strict=True):
        item.html = html
    return items
