"""The packs' part of the session page (see workshops.pages)."""

from workshops import pages
from workshops.models import Membership, Session

from .access import may_get_pack
from .choices import PackChoice
from .models import PackKind


@pages.part(pages.SESSION)
def to_print(*, membership: Membership, session: Session) -> dict:
    return {
        "session_packs": [
            PackChoice(kind, session, None)
            for kind in (PackKind.HANDOUT, PackKind.HANDOUT_LARGE, PackKind.SESSION)
            if may_get_pack(membership, kind)
        ]
    }
