from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.forms import ask_for_language_hints
from workshops.models import Feeling
from workshops.versions import EditedFrom

from .models import (
    Card,
    CardKind,
    EventKind,
    JourneyMap,
    Persona,
    Stage,
    Timeline,
    TimelineEvent,
)


class TimelineSettingsForm(forms.ModelForm):
    class Meta:
        model = Timeline
        fields = ["visibility", "show_name"]
        widgets = {"visibility": forms.RadioSelect}


class TimelineEventForm(forms.ModelForm):
    class Meta:
        model = TimelineEvent
        fields = ["age", "kind", "text", "feeling"]
        widgets = {
            "age": forms.Select(choices=[(age, age) for age in range(15, 26)]),
            "kind": forms.RadioSelect,
            "text": forms.TextInput(attrs={"maxlength": 300}),
        }
        error_messages = {
            "age": {
                "min_value": _("Choose an age from 15 to 25."),
                "max_value": _("Choose an age from 15 to 25."),
            },
            "text": {"max_length": _("Keep it under 300 characters.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EventKind.choices
        self.fields["kind"].initial = EventKind.LIFE
        self.fields["feeling"].choices = [("", _("I'd rather not say")), *Feeling.choices]


class PersonaForm(EditedFrom, forms.ModelForm):
    join_field = "story"

    class Meta:
        model = Persona
        fields = [
            "name",
            "age",
            "picture",
            "quote",
            "story",
            "what_matters",
            "needs",
            "goals",
            "worries",
            "network",
            "session",
            "inspired_by",
        ]
        widgets = {
            "picture": forms.RadioSelect,
            "story": forms.Textarea(attrs={"rows": 4}),
            "what_matters": forms.Textarea(attrs={"rows": 2}),
            "needs": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 2}),
            "worries": forms.Textarea(attrs={"rows": 2}),
            "network": forms.Textarea(attrs={"rows": 2}),
            "inspired_by": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "name": _("A made-up name: a persona is not a real person."),
            "inspired_by": _("Moments from the group's shared timelines."),
        }

    def __init__(self, *args, programme, inspiring_events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = programme_sessions(programme)
        self.fields["session"].label_from_instance = lambda session: str(session.workshop)
        self.fields["session"].empty_label = _("Not made in a session")
        self.fields["inspired_by"].queryset = inspiring_events
        self.fields["inspired_by"].label_from_instance = lambda event: f"{event.age}: {event.text}"


def programme_sessions(programme):
    from workshops.models import Session

    return Session.objects.in_programme(programme).select_related("workshop")


class JourneyMapForm(forms.ModelForm):
    class Meta:
        model = JourneyMap
        fields = ["title", "session"]
        help_texts = {"title": _("For example: Jade's journey out of care.")}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = programme_sessions(programme)
        self.fields["session"].label_from_instance = lambda session: str(session.workshop)
        self.fields["session"].empty_label = _("Not made in a session")


class StageForm(EditedFrom, forms.ModelForm):
    join_field = "services"

    class Meta:
        model = Stage
        fields = ["order", "title", "services", "feeling"]
        error_messages = {"feeling": {"invalid_choice": _("Choose how this stage feels.")}}

    def __init__(self, *args, journey_map, **kwargs):
        super().__init__(*args, **kwargs)
        self.journey_map = journey_map
        self.instance.journey_map = journey_map

    def clean_order(self):
        order = self.cleaned_data["order"]
        if order < 1:
            raise forms.ValidationError(_("Positions start at 1."))
        clash = Stage.objects.filter(journey_map=self.journey_map, order=order)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Stage %(order)s is already “%(title)s”. Choose another position.")
                % {"order": order, "title": clash.first().title}
            )
        return order


class CardForm(EditedFrom, forms.ModelForm):
    # A card's version is the map's version when it was last saved.
    version_field = "version"
    join_field = "text"

    class Meta:
        model = Card
        fields = ["stage", "kind", "text"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        }
        error_messages = {"text": {"max_length": _("Keep a card under 300 characters.")}}

    def __init__(self, *args, journey_map, stages: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this map's stages: a stage id from another map is "not one of the choices".
        self.fields["stage"].queryset = journey_map.stages.all()
        self.fields["stage"].empty_label = None
        # The map's stages, where the page has read them already: shown without reading
        # them again, and they let the blank form be kept.
        self.stages = stages
        if stages is not None:
            self.fields["stage"].choices = [(stage.pk, str(stage)) for stage in stages]
        self.fields["kind"].choices = CardKind.choices  # no blank choice for radio buttons
        self.fields["kind"].initial = CardKind.INSIGHT
        ask_for_language_hints(self, "text", journey_map.programme_id)
        self.programme_id = journey_map.programme_id

    def kept_as(self):
        """A new card's blank form depends on the map's stages and the programme its
        language hints ask about (workshops/templatetags/kept_forms.py)."""
        if self.instance.pk or self.stages is None:
            return None
        return (self.programme_id, tuple((stage.pk, str(stage)) for stage in self.stages))


class CardMoveForm(forms.Form):
    """Where a card sits: its stage and its kind, and nothing else (its words are kept)."""

    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(),
        label=_("Stage"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("That stage is no longer on the map. Choose another."),
            "required": _("Choose a stage."),
        },
    )
    kind = forms.ChoiceField(
        choices=CardKind.choices,
        label=_("Kind of card"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a kind of card.")},
    )

    def __init__(self, *args, journey_map, card: Card, **kwargs):
        super().__init__(*args, initial={"stage": card.stage_id, "kind": card.kind}, **kwargs)
        self.fields["stage"].queryset = journey_map.stages.all()
        self.fields["stage"].label_from_instance = lambda stage: f"{stage.order}. {stage.title}"


class CardMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Card.objects.none(),
        label=_("Merge into"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, card: Card, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Card.objects.filter(
            stage__journey_map_id=card.stage.journey_map_id
        ).exclude(pk=card.pk)
        self.fields["into"].queryset = self.fields["into"].queryset.select_related("stage")
        self.fields["into"].label_from_instance = lambda other: (
            f"{other.stage.order}. {other.stage.title} · {other.get_kind_display()}: "
            f"{other.text[:80]}"
        )
