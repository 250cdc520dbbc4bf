"""The page numbers a pager shows: the first, the last, and two either side of this one."""

from django import template

register = template.Library()

NEAR = 2


@register.filter
def nearby_pages(page) -> list[int]:
    last = page.paginator.num_pages
    near = range(max(1, page.number - NEAR), min(last, page.number + NEAR) + 1)
    return sorted({1, last, *near})
