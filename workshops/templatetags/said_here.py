"""Messages said where a page opens rather than at its top.

A view that sends someone back to a place in a page (the session's reflections, say) says
its message with workshops.shortcuts.say_there; that place shows it, and the top of the page
leaves it out.
"""

from django import template

from workshops.shortcuts import SAID_HERE as PREFIX

register = template.Library()


@register.filter
def said_at(messages, place: str) -> list:
    return [message for message in messages if (message.extra_tags or "") == PREFIX + place]


@register.filter
def said_at_top(messages) -> list:
    return [message for message in messages if not (message.extra_tags or "").startswith(PREFIX)]
