"""Asking for a pack: the one already made when nothing in it has changed, else a new one
sent to a worker; and sending one again when its worker was lost or its file has gone."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from packs.models import PackKind
from workshops.models import Membership, Programme, Session, Workshop

from .content import current_content, estimated_pages
from .models import Pack, PackStatus
from .render import STALE_AFTER
from .tasks import render_pack


class PackTooLarge(Exception):
    """The pack would be longer than a worker may make at once (settings.PACK_MAX_PAGES)."""

    def __init__(self, pages: int):
        super().__init__(pages)
        self.pages = pages


def _content_version(programme_id: int) -> int:
    return Programme.objects.filter(pk=programme_id).values_list("content_version", flat=True).get()


def pack_request(
    *,
    membership: Membership,
    kind: str,
    session: Session | None = None,
    workshop: Workshop | None = None,
) -> Pack:
    """The pack of what is there now: the one already made if nothing has changed, or a new
    one on its way. However many ask at once, each content is made once.

    Nothing has changed while the programme's content version is the one the pack was last
    checked at: two small reads. Only when it has moved is the content gathered and hashed."""
    # Read afresh for its content version (and its name, for the file's name).
    programme = Programme.objects.get(pk=membership.programme_id)
    version = programme.content_version
    pack = (
        Pack.objects.filter(
            programme=programme,
            session=session,
            workshop=workshop,
            kind=kind,
            content_version=version,
        )
        .order_by("-pk")
        .first()
    )
    created = False
    if pack is None:
        content, digest = current_content(kind, programme, session, workshop)
        if (pages := estimated_pages(content)) > settings.PACK_MAX_PAGES:
            raise PackTooLarge(pages)
        with transaction.atomic():
            pack, created = Pack.objects.get_or_create(
                programme=programme,
                session=session,
                workshop=workshop,
                kind=kind,
                content_hash=digest,
                defaults={"requested_by": membership, "content_version": version},
            )
            if created:
                _start(pack)
        if not created:
            Pack.objects.filter(pk=pack.pk).update(content_version=version)
    pack.programme, pack.session, pack.workshop = programme, session, workshop
    if not created and (_file_lost(pack) or is_stale(pack)):
        pack_retry(pack=pack)
        pack.refresh_from_db()
    return pack


def is_stale(pack: Pack) -> bool:
    """Still waiting long after a worker would have finished or given up: it lost its worker."""
    return pack.is_waiting and pack.updated_at < timezone.now() - STALE_AFTER


def _file_lost(pack: Pack) -> bool:
    return pack.is_ready and not pack.file.storage.exists(pack.file.name)


def pack_revive(pack: Pack) -> Pack:
    """The pack, sent to a worker again first if it lost the one it had."""
    if is_stale(pack):
        pack_retry(pack=pack)
        pack.refresh_from_db()
    return pack


def pack_is_current(pack: Pack) -> bool:
    """Whether nothing in the pack has changed since it was asked for."""
    if pack.content_version == _content_version(pack.programme_id):
        return True
    content = current_content(pack.kind, pack.programme, pack.session, pack.workshop)
    return content[1] == pack.content_hash


def _start(pack: Pack) -> None:
    pack_id = pack.pk
    transaction.on_commit(lambda: _send(pack_id))


def _send(pack_id: int) -> None:
    """Hand the pack to a worker. With the broker down, the pack is left as one that lost its
    worker, so the next look at it sends it again, and the error goes on to the page, which
    answers that packs cannot be made just now (codesign.middleware)."""
    try:
        render_pack.delay(pack_id=pack_id)
    except OperationalError:
        lost_long_ago = timezone.now() - STALE_AFTER - datetime.timedelta(seconds=1)
        Pack.objects.filter(pk=pack_id).update(updated_at=lost_long_ago)
        raise


@transaction.atomic
def pack_retry(*, pack: Pack) -> None:
    """Start again a pack that failed, or whose worker was lost."""
    locked = Pack.objects.select_for_update().get(pk=pack.pk)
    if locked.is_ready and not _file_lost(locked):
        return
    if locked.is_waiting and not is_stale(locked):
        return  # still being made
    locked.status = PackStatus.QUEUED
    locked.progress = 0
    locked.step = ""
    locked.error = ""
    locked.attempts = 0
    locked.save(update_fields=["status", "progress", "step", "error", "attempts", "updated_at"])
    _start(locked)


def packs_discard(*, session_id: int) -> None:
    """The programme pack and the session's workshop record hold copies of what people
    shared. When something is hidden, changed or removed, the copies go now (files and all,
    on commit), not when a newer pack is next made; each is made again whenever someone next
    asks for it."""
    Pack.objects.filter(
        Q(kind=PackKind.PROGRAMME, programme__workshops__sessions=session_id)
        | Q(kind=PackKind.WORKSHOP, workshop__sessions=session_id)
    ).delete()
