"""What the packs do when other apps change what packs hold copies of."""

from voice.signals import words_withdrawn

from .services import packs_discard


def _drop_copies(sender, *, session_id: int, **kwargs) -> None:
    packs_discard(session_id=session_id)


words_withdrawn.connect(_drop_copies, dispatch_uid="packs-drop-copies-of-withdrawn-words")
