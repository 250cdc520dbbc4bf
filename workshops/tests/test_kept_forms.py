"""Blank forms that a whole room sees are rendered once and kept (workshops/templatetags/
kept_forms.py): what is kept must be what a fresh rendering would give, for the programme,
the starting choice and the language it was kept for, and never a form someone has filled."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from showcases.forms import GuestForm
from voice.forms import CheckOutForm, HideForm, ReflectionForm
from workshops.templatetags import kept_forms

pytestmark = pytest.mark.django_db

TAG = Template("{% load kept_forms %}{% kept_form form %}")
FIELDS = Template(
    '{% load kept_forms %}{% kept_form form "voice/includes/_reflection_fields.html" %}'
)


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_forms._kept.clear()
    yield
    kept_forms._kept.clear()


def test_a_blank_form_is_kept_once_and_is_what_crispy_draws():
    first = TAG.render(Context({"form": GuestForm()}))

    assert first == as_crispy_form(GuestForm())
    assert 'name="organisation"' in first
    assert len(kept_forms._kept) == 1
    assert TAG.render(Context({"form": GuestForm()})) == first
    assert len(kept_forms._kept) == 1


def test_a_form_someone_filled_in_is_drawn_afresh_with_what_they_typed():
    TAG.render(Context({"form": GuestForm()}))
    form = GuestForm({"organisation": "Who Cares? Scotland", "roles": "", "number": "0"})

    html = TAG.render(Context({"form": form}))

    assert 'value="Who Cares? Scotland"' in html
    assert "Give a number from 1 to 500." in html
    assert len(kept_forms._kept) == 1


def test_a_form_without_kept_as_is_never_kept():
    TAG.render(Context({"form": HideForm()}))

    assert kept_forms._kept == {}


def test_a_form_holding_a_saved_answer_is_not_kept(people):
    from voice.models import CheckOut, HowItWent
    from workshops.tests.factories import first_session

    saved = CheckOut.objects.create(
        session=first_session(people.programme),
        membership=people.young_person,
        how_it_went=HowItWent.values[0],
        went_well="Meeting people from Housing",
    )

    html = TAG.render(Context({"form": CheckOutForm(instance=saved)}))

    assert "Meeting people from Housing" in html
    assert kept_forms._kept == {}


def test_a_reflection_form_is_kept_apart_for_each_programme_starting_choice_and_language(
    people,
):
    def drawn(**kwargs):
        form = ReflectionForm(programme_id=people.programme.pk, **kwargs)
        return FIELDS.render(Context({"form": form}))

    hidden, shown = drawn(hide_name=True), drawn(hide_name=False)
    with translation.override("cy"):
        drawn(hide_name=True)

    assert hidden != shown
    fresh = ReflectionForm(programme_id=people.programme.pk, hide_name=False)
    assert shown == render_to_string("voice/includes/_reflection_fields.html", {"form": fresh})
    assert f"/programmes/{people.programme.pk}/" in hidden
    assert len(kept_forms._kept) == 3
