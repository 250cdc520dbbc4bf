from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.models import RUNNING_ROLES, Membership, Programme, Role

from .models import Action, ActionUpdate


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "organisation", "owner", "theme", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "what": _("For example: Use the group's feedback in the Children's Services plan."),
            "organisation": _("For example: Housing, or Education."),
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        # Actions belong to the people who answer for services, not to young people.
        self.fields["owner"].queryset = Membership.objects.filter(
            programme=programme, role__in=[*RUNNING_ROLES, Role.MANAGER, Role.PROFESSIONAL]
        ).select_related("user")
        self.fields["owner"].label_from_instance = lambda member: (
            f"{member.user.name} ({member.agency})" if member.agency else member.user.name
        )


class ActionUpdateForm(forms.ModelForm):
    class Meta:
        model = ActionUpdate
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("What has happened since last time. The whole group reads it.")}
