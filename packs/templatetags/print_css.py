"""Text for the packs' own stylesheet, written in the page's <style>: the running header
and footer are CSS strings, so they stay out of the document's structure (a screen reader
reads the pack, not "Page of" first) and are drawn as page furniture."""

import html

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()


@register.filter
def css_string(value) -> SafeString:
    """A quoted CSS string of the text. Everything but letters, digits and spaces is written
    as a hex escape, so no quote, backslash or "</style>" can end it early. What the template
    had already escaped for HTML is unescaped first: a <style> element holds raw text."""
    text = str(value)
    if isinstance(value, SafeData):
        text = html.unescape(text)
    text = " ".join(text.split())
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 (nothing in it can leave the string)
