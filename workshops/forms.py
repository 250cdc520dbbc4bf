from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Activity, GlossaryTerm, Membership, Programme, Session, Workshop
from .versions import EditedFrom


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "organisation", "aims"]
        widgets = {"aims": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"name": _("For example: Care Leavers Co-production Project 2026.")}


class ProgrammeCopyForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new programme"),
        max_length=120,
        help_text=_(
            "The workshops, agendas, ground rules and words we use are copied. "
            "Members and dates are not."
        ),
    )


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "aims", "outcomes"]
        labels = {"outcomes": _("By the end we will have")}
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "starts_at", "ends_at", "venue"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {"venue": _("For example: Care Leavers Hub, Houghton Regis.")}


class ActivityForm(EditedFrom, forms.ModelForm):
    join_field = "instructions"

    class Meta:
        model = Activity
        fields = ["title", "minutes", "lead", "instructions", "materials"]
        widgets = {
            "minutes": forms.NumberInput(attrs={"min": 1, "max": 600}),
            "instructions": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Membership.objects.in_programme(programme).select_related(
            "user"
        )
        self.fields["lead"].label_from_instance = lambda member: member.user.name
        self.fields["lead"].empty_label = _("Nobody in particular")
        self.fields["minutes"].error_messages.update(
            min_value=_("Give a number of minutes from 1 to 600."),
            max_value=_("Give a number of minutes from 1 to 600."),
        )


class GroundRulesForm(forms.Form):
    # A mark of the rules the form was opened with (workshops/versions.py).
    edited_from = forms.CharField(widget=forms.HiddenInput, required=False)
    rules = forms.CharField(
        label=_("Ground rules"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One rule on each line."),
        error_messages={"required": _("Write at least one ground rule.")},
    )

    def clean_rules(self):
        rules = [line.strip() for line in self.cleaned_data["rules"].splitlines() if line.strip()]
        if not rules:
            raise forms.ValidationError(_("Write at least one ground rule."))
        for rule in rules:
            if len(rule) > 300:
                raise forms.ValidationError(_("Keep each rule under 300 characters."))
        return rules


class PledgesForm(forms.Form):
    edited_from = forms.CharField(widget=forms.HiddenInput, required=False)
    pledges = forms.CharField(
        label=_("Our pledges to young people"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One on each line, starting with what young people can expect. For example: "
            "We will answer your calls and messages within two working days."
        ),
        required=False,
    )

    def clean_pledges(self):
        pledges = [line.strip() for line in self.cleaned_data["pledges"].splitlines()]
        pledges = [pledge for pledge in pledges if pledge]
        for pledge in pledges:
            if len(pledge) > 300:
                raise forms.ValidationError(_("Keep each pledge under 300 characters."))
        return pledges


class GlossaryTermForm(EditedFrom, forms.ModelForm):
    join_field = "meaning"

    class Meta:
        model = GlossaryTerm
        fields = ["term", "meaning"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_term(self):
        term = self.cleaned_data["term"].strip()
        if len(term) < 2:
            raise forms.ValidationError(_("Write a word of at least two letters."))
        clash = GlossaryTerm.objects.in_programme(self.programme).filter(term__iexact=term)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This word is already explained."))
        return term


class KeptWhenBlank:
    """A model form that looks the same to everyone while it is blank (a new object, no
    starting values), so `{% kept_form %}` may render it once (workshops/templatetags/
    kept_forms.py)."""

    def kept_as(self):
        return () if self.instance.pk is None and not self.initial else None


def ask_for_language_hints(form: forms.BaseForm, field_name: str, programme_id: int) -> None:
    """As the field is typed in, ask the language guide whether a word has a kinder one.

    The hint appears in the element `form.language_hint_id`, which the template places after
    the form's fields. It is a suggestion only: nothing typed is blocked or changed.
    """
    hint_id = f"language-hint-{form.add_prefix(field_name)}"
    form.fields[field_name].widget.attrs.update(
        {
            "data-hx-post": reverse("workshops:language-check", args=[programme_id]),
            "data-hx-trigger": "input changed delay:600ms",
            "data-hx-target": f"#{hint_id}",
            "data-hx-swap": "innerHTML",
            "data-hx-params": form.add_prefix(field_name),
            "data-hx-sync": "this:replace",
        }
    )
    form.language_hint_id = hint_id
