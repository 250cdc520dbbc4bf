"""Editing together loses nothing.

A shared thing that members edit (a card, a persona, an idea, an agenda activity...) has a
version that goes up with every save. Its edit form carries the version it was opened at.
A save made from an older version is not applied over the newer text: the person is shown
what the other person saved beside their own words, still in the form, and chooses to keep
theirs (save again), the other's, or both joined.

Where the two saves say the same thing, there is nothing to choose and the save goes on.
"""

import hashlib

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction


class Clash(Exception):
    """Someone saved the thing after the version the form was opened at."""

    def __init__(self, theirs: models.Model):
        super().__init__()
        self.theirs = theirs


class EditedFrom(forms.Form):
    """A ModelForm mixin: the version the form was opened at, in a hidden field.

    version_field: the model's version number. join_field: the text that "Keep both" joins,
    theirs first, then yours.
    """

    version_field = "edit_version"
    join_field: str | None = None

    edited_from = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __new__(cls, *args, **kwargs):
        # Kept to make the form again after a clash, with the same instance and options
        # (which the form's own __init__ may take and not pass on).
        form = super().__new__(cls)
        form.made_with = (args[1:], {key: value for key, value in kwargs.items() if key != "data"})
        return form

    def __init__(self, *args, **kwargs):
        data = kwargs.get("data", args[0] if args else None)
        instance = kwargs.get("instance")
        joining = data is not None and data.get("keep") == "both" and self.join_field
        if joining and instance is not None and instance.pk:
            data = self._joined(data, instance)
            if args:
                args = (data, *args[1:])
            else:
                kwargs["data"] = data
        super().__init__(*args, **kwargs)
        if instance is not None and instance.pk and not self.is_bound:
            self.fields["edited_from"].initial = getattr(instance, self.version_field)

    def clean(self):
        # Kept apart, so that what the form hands to a service is the model's fields only.
        cleaned = super().clean()
        self.seen_version = cleaned.pop("edited_from", None)
        return cleaned

    def _joined(self, data, instance):
        """The posted data with the saved text first, then the one typed, in the join field."""
        data = data.copy()
        saved = (
            type(instance).objects.filter(pk=instance.pk).values_list(self.join_field, flat=True)
        ).first() or ""
        mine = data.get(self.join_field, "")
        if mine.strip() != saved.strip():
            data[self.join_field] = f"{saved}\n{mine}" if saved else mine
        return data


def _value(instance: models.Model, name: str):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return None  # not compared: the form saves them as they are chosen
    if field.is_relation:
        return getattr(instance, field.attname)
    return getattr(instance, name)


def _shown(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    if field.is_relation:
        return str(getattr(instance, name) or "")
    value = getattr(instance, name)
    return "" if value is None else str(value)


def differences(form: EditedFrom, theirs: models.Model) -> list[tuple[str, str]]:
    """The fields where what the other person saved differs from what this form holds:
    (label, what they saved)."""
    mine = form.instance
    found = []
    for name, field in form.fields.items():
        if name == "edited_from" or name not in form.cleaned_data:
            continue
        try:
            model_field = mine._meta.get_field(name)
        except FieldDoesNotExist:  # a form field of its own, not the model's
            continue
        if model_field.many_to_many:
            continue
        if _value(mine, name) != _value(theirs, name):
            found.append((str(field.label or name), _shown(theirs, name)))
    return found


@transaction.atomic
def save_edited(form: EditedFrom, save=None):
    """Save an edit form, unless someone saved the thing after the version the form was
    opened at and what they saved differs: then nothing is saved and Clash is raised.
    save: what saves it (form.save() if not given); it runs inside the same transaction,
    with the row locked, so of two saves at the same moment the second sees the first."""
    instance = form.instance
    if instance.pk:
        model = type(instance)
        theirs = model.objects.select_for_update().get(pk=instance.pk)
        seen = getattr(form, "seen_version", None)
        now_at = getattr(theirs, form.version_field)
        if seen is not None and seen != now_at and differences(form, theirs):
            raise Clash(theirs)
        if form.version_field == "edit_version":
            instance.edit_version = now_at + 1
    return save() if save else form.save()


def clash_context(form: EditedFrom, clash: Clash, keep_theirs_url: str):
    """The form again with the other person's version as the one it was opened at, so that
    saving it keeps yours; and what to show about theirs (workshops/includes/_clash.html)."""
    data = form.data.copy()
    data["edited_from"] = getattr(clash.theirs, form.version_field)
    data.pop("keep", None)
    args, kwargs = form.made_with
    again = type(form)(data, *args, **kwargs)
    again.is_valid()
    return again, {
        "clash": {
            "changes": differences(again, clash.theirs),
            "join": form.join_field,
            "theirs_url": keep_theirs_url,
        }
    }


# --- Lists saved as a whole (the ground rules, the pledges) ---
# They have no version of their own: the form carries a mark of the list it was opened with.


class ListClash(Exception):
    """Someone saved the list after the form was opened, and saved something else."""

    def __init__(self, theirs: list[str]):
        super().__init__()
        self.theirs = theirs


def list_mark(texts: list[str]) -> str:
    return hashlib.blake2s("\n".join(texts).encode(), digest_size=8).hexdigest()


def checked_list(*, seen: str, current: list[str], mine: list[str], keep: str) -> list[str]:
    """What to save in place of `current`, the list as it is now (read with its rows locked):
    `mine`, unless the list changed since the form saw it (`seen`) and differs from mine, when
    ListClash is raised; or, with keep="both", theirs followed by the lines of mine that are
    not in it."""
    if keep == "both":
        return current + [text for text in mine if text not in current]
    if seen and seen != list_mark(current) and current != mine:
        raise ListClash(current)
    return mine


def list_clash_context(form: forms.Form, clash: ListClash, *, label: str, theirs_url: str):
    """The form again, marked as opened at their list, so that saving it keeps yours; and what
    to show of theirs (workshops/includes/_clash.html)."""
    data = form.data.copy()
    data["edited_from"] = list_mark(clash.theirs)
    data.pop("keep", None)
    again = type(form)(data)
    again.is_valid()
    return again, {
        "clash": {
            "changes": [(label, "\n".join(clash.theirs))],
            "join": True,
            "theirs_url": theirs_url,
        }
    }
