from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import images
from .models import (
    SESSION_PACKS,
    Activity,
    CheckOut,
    Feeling,
    GlossaryTerm,
    HowItWent,
    LanguageSuggestion,
    LanguageTerm,
    Membership,
    PackKind,
    Photo,
    Programme,
    Reflection,
    ReflectionReport,
    Session,
    Shared,
    Workshop,
)


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


class ActivityForm(forms.ModelForm):
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
        self.fields["lead"].queryset = Membership.objects.filter(
            programme=programme
        ).select_related("user")
        self.fields["lead"].label_from_instance = lambda member: member.user.name
        self.fields["lead"].empty_label = _("Nobody in particular")
        self.fields["minutes"].error_messages.update(
            min_value=_("Give a number of minutes from 1 to 600."),
            max_value=_("Give a number of minutes from 1 to 600."),
        )


class GroundRulesForm(forms.Form):
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


class GlossaryTermForm(forms.ModelForm):
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
        clash = GlossaryTerm.objects.filter(programme=self.programme, term__iexact=term)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This word is already explained."))
        return term


def ask_for_language_hints(form: forms.BaseForm, field_name: str, programme_id: int) -> None:
    """As the field is typed in, ask the language guide whether a word has a kinder one.

    The hint appears in the element `form.language_hint_id`, which the template places after
    the form's fields. It is a suggestion only: nothing typed is blocked or changed.
    """
    hint_id = f"language-hint-{form.add_prefix(field_name)}"
    form.fields[field_name].widget.attrs.update(
        {
            "hx-post": reverse("workshops:language-check", args=[programme_id]),
            "hx-trigger": "input changed delay:600ms",
            "hx-target": f"#{hint_id}",
            "hx-swap": "innerHTML",
            "hx-params": form.add_prefix(field_name),
            "hx-sync": "this:replace",
        }
    )
    form.language_hint_id = hint_id


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["text", "feeling", "shared", "anonymous", "wants_a_chat"]
        labels = {"text": _("What did you think?")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "feeling": forms.RadioSelect(attrs={"class": "btn-check"}),
            "shared": forms.RadioSelect,
        }
        help_texts = {
            "anonymous": _("The facilitators will still know it was you, to keep everyone safe."),
            "wants_a_chat": _(
                "Only the facilitators see this. One of them will get in touch with you."
            ),
        }
        error_messages = {
            "text": {
                "required": _("Write what you thought first."),
                "max_length": _("Please keep it under 2,000 characters."),
            }
        }

    def __init__(self, *args, programme_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeling"].choices = [("", _("I'd rather not say")), *Feeling.choices]
        self.fields["shared"].choices = Shared.choices
        ask_for_language_hints(self, "text", programme_id)


class ReportForm(forms.ModelForm):
    class Meta:
        model = ReflectionReport
        fields = ["reason"]


class HideForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["hidden_reason"]
        labels = {
            "hidden_reason": _("Why are you hiding it? The person who wrote it will see this.")
        }
        error_messages = {"hidden_reason": {"required": _("Say why, so the writer understands.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hidden_reason"].required = True


class CheckOutForm(forms.ModelForm):
    class Meta:
        model = CheckOut
        fields = ["how_it_went", "went_well", "could_be_better"]
        widgets = {
            "how_it_went": forms.RadioSelect(attrs={"class": "btn-check"}),
            "went_well": forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
            "could_be_better": forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        }
        help_texts = {"could_be_better": _("For example: hand-outs to take home.")}
        error_messages = {"how_it_went": {"required": _("Choose how today went.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how_it_went"].choices = HowItWent.choices


class PhotoForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPEG, PNG or WebP photo, up to 15 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Choose a photo to add.")},
    )

    class Meta:
        model = Photo
        fields = ["caption", "alt_text", "consent"]
        help_texts = {
            "caption": _("For example: our wall of sticky notes."),
            "alt_text": _("For example: a wall with twenty yellow sticky notes about moving out."),
        }
        error_messages = {
            "caption": {"max_length": _("Please keep the caption under 300 characters.")},
            "alt_text": {
                "required": _("Describe the photo, so everyone can know what is in it."),
                "max_length": _("Please keep the description under 500 characters."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "Only add a photo if everyone in it said yes to it being shared."
        )
        self.order_fields(["upload", "caption", "alt_text", "consent"])

    def clean_upload(self) -> images.ProcessedImage:
        try:
            return images.process_upload(self.cleaned_data["upload"])
        except images.ImageRefused as refused:
            raise forms.ValidationError(str(refused)) from None


class PhotoEditForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["caption", "alt_text"]


class LanguageSuggestionForm(forms.ModelForm):
    class Meta:
        model = LanguageSuggestion
        fields = ["term", "avoid", "instead", "why"]
        labels = {"avoid": _("Instead of saying"), "instead": _("Say"), "why": _("Why?")}
        help_texts = {"avoid": _("For example: placement.")}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["term"].queryset = LanguageTerm.objects.filter(programme=programme)
        self.fields["term"].empty_label = _("No, it's a new word")

    def clean(self):
        cleaned = super().clean()
        avoid = cleaned.get("avoid")
        if avoid and not cleaned.get("term"):
            # A "new" word already in the guide is a change to that entry.
            cleaned["term"] = LanguageTerm.objects.filter(
                programme=self.programme, avoid__iexact=avoid.strip()
            ).first()
        return cleaned


class PackRequestForm(forms.Form):
    """Which pack: the programme's, or one of a session's."""

    kind = forms.ChoiceField(choices=PackKind.choices)
    session = forms.ModelChoiceField(queryset=Session.objects.none(), required=False)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            workshop__programme=programme
        ).select_related("workshop")

    def clean(self):
        cleaned = super().clean()
        kind, session = cleaned.get("kind"), cleaned.get("session")
        if kind in SESSION_PACKS and session is None:
            raise forms.ValidationError(_("Choose the session the pack is for."))
        if kind == PackKind.PROGRAMME:
            cleaned["session"] = None
        return cleaned
