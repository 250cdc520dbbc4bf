from django import forms
from django.utils.translation import gettext_lazy as _

KEEP, REMOVE = "keep", "remove"


class LeaveForm(forms.Form):
    """Nothing is chosen for the person: they choose what happens to the words they shared."""

    shared_work = forms.ChoiceField(
        label=_("What you wrote for the group"),
        choices=[
            (
                KEEP,
                _("Leave it for the group, without my name: it will say “someone in the group”"),
            ),
            (REMOVE, _("Take it away")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to what you wrote for the group.")},
    )

    @property
    def keep_shared(self) -> bool:
        return self.cleaned_data["shared_work"] == KEEP


class EraseAccountForm(LeaveForm):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("So nobody else can erase your account on a shared computer."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Try again."))
        return password


THIS_PROGRAMME, WHOLE_ACCOUNT = "programme", "account"


class MemberRemoveForm(forms.Form):
    """A facilitator does it for a young person who asked them in person."""

    what = forms.ChoiceField(
        label=_("What they asked for"),
        choices=[
            (THIS_PROGRAMME, _("Remove them from this programme")),
            (WHOLE_ACCOUNT, _("Erase their whole account")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what they asked for.")},
    )
    shared_work = forms.ChoiceField(
        label=_("What they wrote for the group"),
        choices=[
            (KEEP, _("Leave it for the group, without their name")),
            (REMOVE, _("Take it away")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to what they wrote for the group.")},
    )
    reason = forms.CharField(
        label=_("Why, in a few words"),
        help_text=_("Kept as the record that this was done. Do not write anything private."),
        max_length=300,
        error_messages={"required": _("Say why, in a few words.")},
    )

    def __init__(self, *args, whole_account_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not whole_account_allowed:
            self.fields["what"].choices = self.fields["what"].choices[:1]
            self.fields["what"].initial = THIS_PROGRAMME
            self.fields["what"].widget = forms.HiddenInput()

    @property
    def keep_shared(self) -> bool:
        return self.cleaned_data["shared_work"] == KEEP


class EndForm(forms.Form):
    """What the programme keeps, without names, once its personal data is deleted. Nothing
    is ticked to start with: keeping is a choice."""

    keep_services = forms.BooleanField(
        label=_("Keep the services we took forward"),
        help_text=_("Their blueprints, prototypes, evidence and decisions, and the showcases."),
        required=False,
    )
    keep_actions = forms.BooleanField(
        label=_("Keep the actions"), help_text=_("And their logs."), required=False
    )
