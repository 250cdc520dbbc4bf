"""Blank forms rendered once, not on every view of a page a whole room has open.

`{% kept_form form %}` renders the form as `{{ form|crispy }}` does, and
`{% kept_form form "some/template.html" %}` as that template does with `form` in its context.

A form is kept only when it says what makes it look as it does: its class's `kept_as()`
returns the values its blank copy depends on (the programme its hints ask about, a starting
choice), or None when it cannot be kept (it holds a saved object's values). A bound form,
with what someone typed and its errors, is always rendered afresh. Kept copies hold no CSRF
token (that is in the page's own `{% csrf_token %}`, outside the form) and nothing of the
viewer's beyond what `kept_as()` names.

Each process keeps its own copies, one per form, template, `kept_as()` and language, so a
new release (which starts new processes) never serves a form the old code drew.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

_kept: dict[tuple, str] = {}


def _render(form, template_name: str | None) -> str:
    if template_name is None:
        return as_crispy_form(form)
    return render_to_string(template_name, {"form": form})


@register.simple_tag
def kept_form(form, template_name: str | None = None):
    kept_as = None if form.is_bound else getattr(form, "kept_as", lambda: None)()
    if kept_as is None:
        return _render(form, template_name)
    key = (type(form), template_name, form.prefix, form.auto_id, get_language(), kept_as)
    if key not in _kept:
        _kept[key] = _render(form, template_name)
    return _kept[key]
