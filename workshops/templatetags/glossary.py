"""Explain jargon where it appears: each glossary word in a text links to its meaning."""

import re
from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

register = template.Library()


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Longest first, so "journey map" wins over "journey".
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


@register.filter
def term_id(term: str) -> str:
    return "word-" + slugify(term)


@register.filter
def explain(text: str, glossary) -> str:
    """Escape the text and link each glossary word in it to its meaning on the same page."""
    meanings = {entry.term.lower(): entry.meaning for entry in glossary}
    pattern = _pattern(tuple(meanings))
    if pattern is None:
        return format_html("{}", text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(text[position : match.start()])
        word = match.group(0)
        pieces.append(
            format_html(
                '<a class="glossary-word" href="#{}" title="{}">{}</a>',
                term_id(match.group(1).lower()),
                meanings[match.group(1).lower()],
                word,
            )
        )
        position = match.end()
    pieces.append(text[position:])
    return format_html_join("", "{}", ((piece,) for piece in pieces))
