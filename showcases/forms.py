from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from blueprints.models import Idea, Prototype
from workshops.forms import KeptWhenBlank
from workshops.models import RUNNING_ROLES, Membership, Programme, Role

from .models import Action, ActionUpdate, Guest, Quote, Showcase, ShowcaseLink


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "organisation", "owner", "theme", "due_on", "showcase"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "what": _("For example: Use the group's feedback in the Children's Services plan."),
            "organisation": _("For example: Housing, or Education."),
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        # Actions belong to the people who answer for services, not to young people.
        self.fields["owner"].queryset = (
            Membership.objects.in_programme(programme)
            .filter(role__in=[*RUNNING_ROLES, Role.MANAGER, Role.PROFESSIONAL])
            .select_related("user")
        )
        self.fields["owner"].label_from_instance = lambda member: (
            f"{member.user.name} ({member.agency})" if member.agency else member.user.name
        )
        self.fields["showcase"].queryset = Showcase.objects.in_programme(programme)
        self.fields["showcase"].label_from_instance = lambda showcase: (
            f"{showcase.audience}, {date_format(showcase.held_on)}"
        )


class ActionUpdateForm(forms.ModelForm):
    class Meta:
        model = ActionUpdate
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("What has happened since last time. The whole group reads it.")}


class ShowcaseForm(forms.ModelForm):
    class Meta:
        model = Showcase
        fields = ["audience", "held_on", "venue", "people_count", "summary", "ideas", "prototypes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "ideas": forms.CheckboxSelectMultiple,
            "prototypes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "audience": {"required": _("Say who the showcase was for.")},
            "held_on": {
                "required": _("Give the date of the showcase."),
                "invalid": _("Give the date as a day, a month and a year."),
            },
            "people_count": {"invalid": _("Give a number from 1 to 1,000.")},
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = Idea.objects.in_programme(programme).order_by(
            "-taken_forward", "title"
        )
        self.fields["prototypes"].queryset = Prototype.objects.in_programme(programme)

    def clean_people_count(self):
        count = self.cleaned_data["people_count"]
        if count is not None and not 1 <= count <= 1000:
            raise forms.ValidationError(_("Give a number from 1 to 1,000."))
        return count


class GuestForm(KeptWhenBlank, forms.ModelForm):
    class Meta:
        model = Guest
        fields = ["organisation", "roles", "number"]
        widgets = {"number": forms.NumberInput(attrs={"min": 1, "max": 500})}
        error_messages = {
            "organisation": {"required": _("Say which organisation they came from.")},
            "number": {
                "required": _("Give a number from 1 to 500."),
                "invalid": _("Give a number from 1 to 500."),
            },
        }

    def clean_number(self):
        number = self.cleaned_data["number"]
        if not 1 <= number <= 500:
            raise forms.ValidationError(_("Give a number from 1 to 500."))
        return number


class LinkForm(KeptWhenBlank, forms.ModelForm):
    url = forms.URLField(
        label=_("web address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("A web address that starts with https://"),
        error_messages={
            "required": _("Give the web address of the video or slides."),
            "invalid": _("Give a web address that starts with https://"),
        },
    )

    class Meta:
        model = ShowcaseLink
        fields = ["title", "url"]
        help_texts = {
            "title": _("For example: the Hug in a Mug video."),
        }
        error_messages = {"title": {"required": _("Say what the link is.")}}


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["text", "role", "organisation", "named", "name", "idea"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"name": _("Only if they agreed to be named.")}
        error_messages = {
            "text": {"required": _("Write what they said.")},
            "role": {"required": _("Say what their role is, for example Head of Education.")},
        }

    def __init__(self, *args, showcase: Showcase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idea"].queryset = Idea.objects.in_programme(showcase.programme_id).order_by(
            "-taken_forward", "title"
        )
        self.fields["idea"].empty_label = _("The work as a whole")
        if not self.instance.named:
            self.initial["name"] = ""

    def clean(self):
        cleaned = super().clean()
        named, name = cleaned.get("named"), cleaned.get("name", "").strip()
        if named and not name:
            self.add_error("name", _("Add their name, or untick that they agreed to be named."))
        if name and not named:
            self.add_error(
                "name",
                _(
                    "They did not agree to be named: leave their name empty, "
                    "or tick that they agreed."
                ),
            )
        return cleaned
