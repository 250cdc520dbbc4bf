"""The packs a member may ask for, as the pages offer them: what each holds, in plain words,
and what its button says."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from workshops.models import Session, Workshop

from .models import Pack, PackKind

PACK_DESCRIPTIONS = {
    PackKind.PROGRAMME: gettext_lazy(
        "Everything the group made, workshop by workshop, with what people shared and how "
        "the sessions went. For managers and facilitators."
    ),
    PackKind.WORKSHOP: gettext_lazy(
        "What the group made in this workshop, with what people shared and how its "
        "sessions went. For managers and facilitators."
    ),
    PackKind.SESSION: gettext_lazy(
        "The plan for running the session: the agenda with times and who leads, "
        "notes for each activity, and what to bring."
    ),
    PackKind.HANDOUT: gettext_lazy(
        "For everyone who comes: what we will do, the ground rules, the words we use, "
        "and worksheets to fill in."
    ),
    PackKind.HANDOUT_LARGE: gettext_lazy("The same handout, in bigger print."),
}


PACK_BUTTONS = {
    PackKind.PROGRAMME: gettext_lazy("Get the programme pack"),
    PackKind.WORKSHOP: gettext_lazy("Get the workshop record"),
    PackKind.SESSION: gettext_lazy("Get the session pack"),
    PackKind.HANDOUT: gettext_lazy("Get the handout"),
    PackKind.HANDOUT_LARGE: gettext_lazy("Get the large print handout"),
}


@dataclass(frozen=True)
class PackChoice:
    kind: PackKind
    session: Session | None
    latest: Pack | None  # the last one asked for, if any
    workshop: Workshop | None = None

    @property
    def description(self) -> str:
        return PACK_DESCRIPTIONS[self.kind]

    @property
    def button(self) -> str:
        return PACK_BUTTONS[self.kind]
