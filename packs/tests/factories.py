"""Packs for the tests that are about who gets a pack and what its pages cost, not about
what is printed in it: a ready row with a small PDF of its own, made without WeasyPrint."""

import io
from functools import cache

from django.core.files.base import ContentFile
from pypdf import PdfWriter

from packs import content as contents
from packs.models import Pack, PackStatus, pack_path
from workshops.models import Membership, Session, Workshop


@cache
def one_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # A4, in points
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def ready_pack(
    membership: Membership,
    kind: str,
    session: Session | None = None,
    workshop: Workshop | None = None,
) -> Pack:
    """A pack of what the programme holds now, as if a worker had just made it."""
    _content, digest = contents.current_content(kind, membership.programme, session, workshop)
    pack = Pack.objects.create(
        programme=membership.programme,
        session=session,
        workshop=workshop,
        kind=kind,
        content_hash=digest,
        status=PackStatus.READY,
        progress=100,
        pages=1,
        size=len(one_page_pdf()),
        attempts=1,
        requested_by=membership,
    )
    pack.file.save(pack_path(pack, ""), ContentFile(one_page_pdf()), save=True)
    return pack
