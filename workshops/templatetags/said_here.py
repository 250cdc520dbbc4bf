"""Messages said where a page opens rather than at its top.

A view that sends someone back to a place in a page (the session's reflections, say) tags
its message "here-<place>"; that place shows it, and the top of the page leaves it out.
"""

from django import template

register = template.Library()

PREFIX = "here-"


@register.filter
def said_at(messages, place: str) -> list:
    return [message for message in messages if (message.extra_tags or "") == PREFIX + place]


@register.filter
def said_at_top(messages) -> list:
    return [message for message in messages if not (message.extra_tags or "").startswith(PREFIX)]
