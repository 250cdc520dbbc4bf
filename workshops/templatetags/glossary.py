"""Explain jargon where it appears: each glossary word in a text links to its meaning."""

import re
from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Longest first, so "journey map" wins over "journey". Lookarounds rather than \b, so
    # that words which start or end with punctuation, like "(LAC)", still match.
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


@register.filter
def term_id(entry) -> str:
    return f"word-{entry.pk}"


@register.filter
def explain(text: str, glossary) -> str:
    """Escape the text and link each glossary word in it to its meaning on the same page."""
    entries = {entry.term.lower(): entry for entry in glossary or ()}
    pattern = _pattern(tuple(entries))
    if pattern is None:
        return format_html("{}", text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        entry = entries[match.group(1).lower()]
        pieces.append(text[position : match.start()])
        pieces.append(
            format_html(
                '<a class="glossary-word" href="#{}" title="{}">{}</a>',
                term_id(entry),
                entry.meaning,
                match.group(0),
            )
        )
        position = match.end()
    pieces.append(text[position:])
    return format_html_join("", "{}", ((piece,) for piece in pieces))
