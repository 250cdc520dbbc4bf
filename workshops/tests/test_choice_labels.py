"""get_FOO_display() reads labels from a dict kept per field (codesign/labels.py): it must
give what Django's own gives, in the language of the moment, for every field with choices."""

from django.apps import apps
from django.db import models
from django.utils import translation

from codesign.labels import ChoiceLabels
from personas.models import Card, CardKind, Stage
from workshops.models import Membership, Role


def test_labels_are_the_choices_own_and_a_value_without_one_shows_as_it_is():
    assert Card(kind=CardKind.PROBLEM).get_kind_display() == "Problem"
    assert Membership(role=Role.YOUNG_PERSON).get_role_display() == Role.YOUNG_PERSON.label
    assert Stage(feeling="").get_feeling_display() == ""
    assert Card(kind="retired-kind").get_kind_display() == "retired-kind"


def test_labels_follow_the_language_they_are_read_in():
    label = Membership(role=Role.FACILITATOR).get_role_display()
    with translation.override("de"):
        # Django's own choices are translated; ours have no German, so they stay English
        # but are still read afresh, not kept from the first call.
        assert Membership(role=Role.FACILITATOR).get_role_display() == label
    assert type(label) is str


def test_every_model_with_choices_gives_what_django_s_own_display_gives():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabels):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value, _label in field.flatchoices:
                instance = model(**{field.attname: value})
                ours = getattr(instance, f"get_{field.name}_display")()
                djangos = models.Model._get_FIELD_display(instance, field)
                assert ours == djangos, (model, field.name, value)
                checked += 1
    assert checked > 50


def test_every_model_of_ours_with_choices_reads_its_labels_quickly():
    ours = {"accounts", "blueprints", "packs", "personas", "showcases", "voice", "workshops"}
    slow = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in ours
        and any(field.choices for field in model._meta.concrete_fields)
        and not issubclass(model, ChoiceLabels)
    ]
    assert slow == []
