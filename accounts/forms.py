from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from workshops.models import AGENCIES, Role

from .models import DirectoryEntry, Invitation, User


class InvitationForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.YOUNG_PERSON)

    class Meta:
        model = Invitation
        fields = ["name", "email", "role", "agency"]
        help_texts = {
            "agency": _("For professionals, e.g. %(examples)s.")
            % {"examples": ", ".join(AGENCIES[:4])}
        }
        widgets = {"agency": forms.TextInput(attrs={"list": "agencies", "autocomplete": "off"})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PROFESSIONAL and not cleaned.get("agency"):
            self.add_error("agency", _("Say which agency this professional works for."))
        return cleaned


class JoinForm(forms.Form):
    """What a new person chooses when they open their invitation."""

    username = forms.CharField(
        label=_("Choose a username"),
        max_length=150,
        help_text=_("You will use this to sign in. Letters, numbers and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_("At least 8 characters. Not just numbers, and not a common word."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Someone already has that username. Try another."))
        return username

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                validate_password(password1, User(username=cleaned.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


TOO_LONG = _("Make this shorter: %(limit_value)d characters at most (it has %(show_value)d).")


class DirectoryEntryForm(forms.ModelForm):
    """A person's own entry in Who's who: only what they type here is shown."""

    class Meta:
        model = DirectoryEntry
        fields = ["name", "organisation", "what_i_do", "about", "contact"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "what_i_do": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "about": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "name": {
                "required": _("Write the name you want people to see."),
                "max_length": TOO_LONG,
            },
            **{
                field: {"max_length": TOO_LONG}
                for field in ["organisation", "what_i_do", "about", "contact"]
            },
        }


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=100,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
