from django import forms
from django.utils.translation import gettext_lazy as _

from packs.models import PackKind
from workshops.models import Programme, Session, Workshop

from .models import SESSION_PACKS


class PackRequestForm(forms.Form):
    """Which pack: the programme's, a workshop's record, or one of a session's."""

    kind = forms.ChoiceField(choices=PackKind.choices)
    session = forms.ModelChoiceField(queryset=Session.objects.none(), required=False)
    workshop = forms.ModelChoiceField(queryset=Workshop.objects.none(), required=False)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.in_programme(programme).select_related(
            "workshop"
        )
        self.fields["workshop"].queryset = Workshop.objects.in_programme(programme)

    def clean(self):
        cleaned = super().clean()
        kind, session = cleaned.get("kind"), cleaned.get("session")
        if kind in SESSION_PACKS and session is None:
            raise forms.ValidationError(_("Choose the session the pack is for."))
        if kind == PackKind.WORKSHOP and cleaned.get("workshop") is None:
            raise forms.ValidationError(_("Choose the workshop the record is for."))
        if kind != PackKind.WORKSHOP:
            cleaned["workshop"] = None
        if kind not in SESSION_PACKS:
            cleaned["session"] = None
        return cleaned
