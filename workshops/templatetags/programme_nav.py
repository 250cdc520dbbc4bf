"""The programme's own menu, on every page of a programme: rendered once for each way it can
look (the programme, its name, whether the viewer runs or manages it, the page it marks as here) and
kept in the fragment cache, since every page and every member shows it."""

from django import template
from django.utils.safestring import SafeString

from workshops import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_nav(context) -> SafeString:
    programme = context["programme"]
    runs = context["membership"].runs_programme
    manages = context["membership"].runs_or_manages
    match = context["request"].resolver_match
    here = {"url_name": match.url_name, "app_name": match.app_name}
    [html] = fragments.rendered(
        [programme],
        template_name="workshops/includes/_programme_nav.html",
        key=lambda programme: (
            f"nav:{programme.pk}:{fragments.digest(programme.name)}:{runs:d}{manages:d}:"
            f"{here['app_name']}:{here['url_name']}"
        ),
        context=lambda programme: {
            "programme": programme,
            "runs": runs,
            "manages": manages,
            "here": here,
        },
    )
    return html
