from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.forms import KeptWhenBlank, ask_for_language_hints
from workshops.models import Feeling, LanguageTerm, Programme

from . import images
from .models import (
    CheckOut,
    HowItWent,
    LanguageSuggestion,
    Photo,
    Question,
    QuestionKind,
    Reflection,
    ReflectionReport,
    Shared,
)


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
            },
            "shared": {"required": _("Choose who can see it.")},
        }

    def __init__(self, *args, programme_id: int, hide_name: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeling"].choices = [("", _("I'd rather not say")), *Feeling.choices]
        self.fields["shared"].choices = Shared.choices
        if self.instance.pk is None:
            # Who sees a new reflection is the writer's choice, made each time: nothing is
            # chosen for them (the ICO's Children's Code asks for no nudging to share). The
            # name is hidden from the group unless they showed it last time (hide_name).
            self.initial["shared"] = None
            self.initial["anonymous"] = hide_name
        ask_for_language_hints(self, "text", programme_id)
        self.programme_id, self.hide_name = programme_id, hide_name

    def kept_as(self):
        """A new reflection's blank form depends only on the programme its language hints
        ask about and whether the name starts hidden (workshops/templatetags/kept_forms.py)."""
        return None if self.instance.pk else (self.programme_id, self.hide_name)


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


class CheckOutForm(KeptWhenBlank, forms.ModelForm):
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


class PhotoForm(KeptWhenBlank, forms.ModelForm):
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
        self.fields["term"].queryset = LanguageTerm.objects.in_programme(programme)
        self.fields["term"].empty_label = _("No, it's a new word")

    def clean(self):
        cleaned = super().clean()
        avoid = cleaned.get("avoid")
        if avoid and not cleaned.get("term"):
            # A "new" word already in the guide is a change to that entry.
            cleaned["term"] = (
                LanguageTerm.objects.in_programme(self.programme)
                .filter(avoid__iexact=avoid.strip())
                .first()
            )
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "choices"]
        widgets = {
            "kind": forms.RadioSelect,
            "choices": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
        }
        help_texts = {
            "text": _("For example: One word for how today felt?"),
            "choices": _("Only for “Choose one”: two to six choices."),
        }

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if cleaned.get("kind") == QuestionKind.CHOICE:
            if not 2 <= len(lines) <= 6:
                self.add_error("choices", _("Write two to six choices, one on each line."))
            elif any(len(line) > 60 for line in lines):
                self.add_error("choices", _("Keep each choice to 60 letters or fewer."))
            cleaned["choices"] = "\n".join(lines)
        else:
            cleaned["choices"] = ""
        return cleaned


class AnswerForm(forms.Form):
    """A member's answer: a few words, or one of the question's choices."""

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        if question.kind == QuestionKind.WORDS:
            self.fields["words"] = forms.CharField(
                label=_("Your answer"),
                max_length=40,
                help_text=_("Nobody sees who wrote it."),
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
        else:
            offset = 1 if question.kind == QuestionKind.SCALE else 0
            self.fields["choice"] = forms.TypedChoiceField(
                label=_("Your answer"),
                choices=[(n + offset, label) for n, label in enumerate(question.choice_list())],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("Nobody sees what you chose."),
            )
