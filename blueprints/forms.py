from django import forms
from django.utils.translation import gettext_lazy as _

from personas.models import Card, CardKind
from workshops.forms import ask_for_language_hints
from workshops.versions import EditedFrom

from .models import Decision, Evidence, EvidenceKind, Foundation, Idea, Prototype, Vote


class IdeaForm(EditedFrom, forms.ModelForm):
    join_field = "what"
    foundations = forms.MultipleChoiceField(
        label=_("Which foundations of The Promise does it help?"),
        choices=[
            (Foundation.VOICE, _("Voice: young people are listened to, and it changes things")),
            (Foundation.FAMILY, _("Family: staying safe and loved in your family, with help")),
            (Foundation.CARE, _("Care: a loving home, with brothers and sisters where safe")),
            (Foundation.PEOPLE, _("People: relationships with people who care, that last")),
            (Foundation.SCAFFOLDING, _("Scaffolding: help that is there when it is needed")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Idea
        fields = ["title", "what", "who_for", "opportunities", "foundations"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 4}),
            "opportunities": forms.CheckboxSelectMultiple,
        }
        help_texts = {"title": _("For example: Hug in a Mug, or Unique, a clothes shop.")}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        ask_for_language_hints(self, "what", programme.pk)
        self.fields["opportunities"].queryset = (
            Card.objects.in_programme(programme)
            .filter(kind=CardKind.OPPORTUNITY)
            .select_related("stage")
        )
        self.fields["opportunities"].label_from_instance = lambda card: card.text
        self.fields["opportunities"].help_text = _("Leave these empty for an idea from scratch.")


class VoteForm(forms.ModelForm):
    class Meta:
        model = Vote
        fields = ["title", "ideas", "dots_per_member", "hide_results", "take_forward"]
        widgets = {"ideas": forms.CheckboxSelectMultiple}
        error_messages = {
            "dots_per_member": {
                "min_value": _("Give each person from 1 to 10 dots."),
                "max_value": _("Give each person from 1 to 10 dots."),
            },
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = Idea.objects.in_programme(programme)
        self.fields["ideas"].label_from_instance = lambda idea: idea.title

    def clean(self):
        cleaned = super().clean()
        ideas, take = cleaned.get("ideas"), cleaned.get("take_forward")
        if ideas is not None and len(ideas) < 2:
            self.add_error("ideas", _("Choose at least two ideas to vote on."))
        elif ideas is not None and take is not None and take >= len(ideas):
            self.add_error(
                "take_forward", _("Take forward fewer ideas than there are in the vote.")
            )
        return cleaned


class PrototypeForm(EditedFrom, forms.ModelForm):
    join_field = "belief"

    class Meta:
        model = Prototype
        fields = ["title", "belief", "with_whom", "where", "starts_on", "ends_on", "status"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"text": {"max_length": _("Keep it under 500 characters.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EvidenceKind.choices
        self.fields["kind"].initial = EvidenceKind.NOTE


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Prototype
        fields = ["decision", "reasons"]
        widgets = {"decision": forms.RadioSelect, "reasons": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Decision.choices
        self.fields["decision"].required = True
        self.fields["reasons"].required = True
        self.fields["reasons"].error_messages["required"] = _("Say why, for the people after us.")
