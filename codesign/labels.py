"""Choice labels read from a dict made once per field.

Django's `get_FOO_display()` builds a dict of the field's choices on every call, hashing
each lazy label, which a page listing hundreds of cards, stages or actions does hundreds of
times. Models that show their choices in lists take `ChoiceLabels` first among their bases:
the labels stay lazy, so each call still gives the viewer's language.
"""

from functools import cache

from django.utils.encoding import force_str


@cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


class ChoiceLabels:
    def _get_FIELD_display(self, field):  # noqa: N802 (the name Django's model uses)
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value that cannot be a dict key is shown as it is
            label = value
        return force_str(label, strings_only=True)
