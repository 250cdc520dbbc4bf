"""Making a pack's PDF: the print template filled with the pack's content, laid out by
WeasyPrint with a fetcher that gives it our own files and nothing else, and kept once made.

This is the worker's side; packs.services is the side of the people who ask.
"""

import datetime
import functools
import gc
import io
import logging
import mimetypes
import posixpath
import re
import resource
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fontTools.ttLib import woff2
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .content import current_content, print_date, print_static, title_for
from .models import Pack, PackKind, PackStatus, pack_path

logger = logging.getLogger(__name__)

# WeasyPrint tells Pillow, for every image in the process, to accept truncated files. Our
# packs hold only images we re-encoded ourselves, and photo uploads must be refused when
# they are damaged, so Pillow goes back to refusing them.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# The worker's limits on one render; a pack still "being made" long after them lost its worker.
SOFT_TIME_LIMIT = 90
TIME_LIMIT = 120
STALE_AFTER = datetime.timedelta(seconds=TIME_LIMIT + 30)
# Tries at one pack before it is given up as too big (each ended by a lost worker).
MAX_ATTEMPTS = 3

TEMPLATES = {
    PackKind.SESSION: "packs/pdf/session_pack.html",
    PackKind.HANDOUT: "packs/pdf/handout.html",
    PackKind.HANDOUT_LARGE: "packs/pdf/handout.html",
    PackKind.PROGRAMME: "packs/pdf/programme_pack.html",
    PackKind.WORKSHOP: "packs/pdf/programme_pack.html",
}

# --- Fetching: our own files and nothing else ---


class PackFetcher(URLFetcher):
    """Gives WeasyPrint our static files and this programme's photos, and refuses everything
    else: no network, no file path, no other programme's media."""

    def __init__(self, programme_id: int):
        super().__init__(allowed_protocols=())
        self.base = base_url()
        # As the pack's root-relative addresses resolve against the base.
        self.static_prefix = urljoin(self.base, settings.STATIC_URL)
        self.media_prefix = urljoin(self.base, f"{settings.MEDIA_URL}photos/{programme_id}/")
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            raise ValueError(f"A pack fetches no URL with a query: {url}")
        path = unquote(parts.path)
        clean = posixpath.normpath(path)
        if clean != path or "\\" in path or "\x00" in path:
            raise ValueError(f"A pack fetches no such path: {url}")
        origin = f"{parts.scheme}://{parts.netloc}"
        if url.startswith(self.static_prefix) and origin + path == url:
            name = path.removeprefix(settings.STATIC_URL)
            found = finders.find(name)
            if not found:
                raise ValueError(f"No such static file: {name}")
            if name.endswith(".woff2"):
                font = _unpacked_font(found, Path(found).stat().st_mtime_ns)
                return URLFetcherResponse(url, font, {"Content-Type": "font/ttf"})
            return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": _mime(name)})
        if url.startswith(self.media_prefix) and origin + path == url:
            name = path.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name) as image:
                return URLFetcherResponse(url, image.read(), {"Content-Type": _mime(name)})
        logger.warning("A pack asked for %s, which is not one of our own files.", url)
        raise ValueError(f"A pack fetches only our own files, not {url}")


@functools.cache
def _unpacked_font(path: str, modified: int) -> bytes:
    """A WOFF2 font as the plain font file it holds, unpacked once in a worker process:
    WeasyPrint would otherwise unpack all four for every pack (a sixth of a second). Keyed
    by the file's modification time too, so a changed font is read again."""
    unpacked = io.BytesIO()
    with open(path, "rb") as packed:
        woff2.decompress(packed, unpacked)
    return unpacked.getvalue()


def _finish_tags(document, pdf) -> None:
    """What PDF/UA asks of the structure that WeasyPrint does not do in PDF 1.7."""
    _header_scopes(document, pdf)
    _page_furniture_as_artifacts(pdf)


def _number(reference) -> int:
    """The object number of a pydyf reference (b"12 0 R")."""
    return int(bytes(reference).split()[0])


def _page_furniture_as_artifacts(pdf) -> None:
    """Mark the page header and footer as artifacts. WeasyPrint tags the text of margin boxes
    with structure elements that it keeps out of the document's tree (it could mark them
    artifacts only in PDF 2.0): any marked content whose element the tree does not reach is
    made an /Artifact, and the tree no longer points at it."""
    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    reached, waiting = set(), [_number(reference) for reference in root["K"]]
    while waiting:
        number = waiting.pop()
        reached.add(number)
        for kid in pdf.objects[number].get("K", ()):
            if isinstance(kid, bytes) and kid.endswith(b" R"):  # not a marked content's id
                waiting.append(_number(kid))
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    for page_number, page_reference in enumerate(pdf.page_references):
        elements = nums[2 * page_number + 1]
        furniture = {
            mcid for mcid, element in enumerate(elements) if _number(element) not in reached
        }
        if not furniture:
            continue
        for mcid in furniture:
            elements[mcid] = "null"
        stream = pdf.objects[_number(pdf.objects[_number(page_reference)]["Contents"])]
        # pydyf writes marked content as three operations: "/Tag", <<MCID n>>, "BDC".
        operations, kept, index = stream.stream, [], 0
        while index < len(operations):
            properties = operations[index + 1] if index + 1 < len(operations) else None
            if isinstance(properties, dict) and properties.get("MCID") in furniture:
                kept += ["/Artifact", b"BMC"]
                index += 3
            else:
                kept.append(operations[index])
                index += 1
        stream.stream = kept


def _header_scopes(document, pdf) -> None:
    """Give every table header cell the /Scope PDF/UA asks for, which WeasyPrint leaves out:
    a row's header where the HTML says scope="row", else its column's, as WeasyPrint itself
    links headers to cells. WeasyPrint keeps each cell's structure element on its box."""
    waiting = [page._page_box for page in document.pages]
    while waiting:
        box = waiting.pop()
        waiting.extend(getattr(box, "children", ()))
        element = getattr(box, "mark", None)
        if element is not None and box.element_tag == "th":
            element["A"]["Scope"] = "/Row" if box.element.get("scope") == "row" else "/Column"


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


@dataclass(frozen=True)
class RenderedPack:
    pdf: bytes
    pages: int
    requested_urls: list[str]


def render_html(pack: Pack, content: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _render_html(pack, content)


def _render_html(pack: Pack, content: dict) -> str:
    return render_to_string(
        TEMPLATES[pack.kind],
        {
            "content": content,
            "kind": pack.kind,
            "large_print": pack.kind == PackKind.HANDOUT_LARGE,
            "title": title_for(pack.kind, content),
            "made_on": print_date(timezone.localdate()),
            "stylesheet": print_static("css/pdf.css"),
            "language": _language_tag(),
        },
    )


def _language_tag() -> str:
    """The language as PDF readers expect it: en-GB, not Django's en-gb."""
    language, _dash, region = translation.get_language().partition("-")
    return f"{language}-{region.upper()}" if region else language


class _LayoutProgress(logging.Handler):
    """Turns WeasyPrint's reports of its steps ("Step 5 - Creating layout - Page 3") into
    the pack's progress, for this thread's render only."""

    STEP = re.compile(r"Step (\d)(?: - Creating layout - Page (\d+))?")

    def __init__(self, report: Callable[[int, str], None], expected_pages: int):
        super().__init__()
        self.report = report
        self.expected_pages = max(expected_pages, 1)
        self.thread = threading.get_ident()
        self.last = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        match = self.STEP.match(record.getMessage())
        if not match:
            return
        step, page = int(match[1]), int(match[2] or 0)
        if step < 5:
            percent, words = 25 + 3 * step, _("Putting the pages together")
        elif step == 5:
            percent = 40 + min(45, 45 * page // self.expected_pages)
            words = _("Laying out page %(page)s") % {"page": page}
        else:
            percent, words = 90, _("Writing the PDF")
        # A database write every few per cent, not one for every page.
        if percent >= self.last + 4 or (step >= 6 and self.last < 90):
            self.last = percent
            self.report(percent, words)


def render_pdf(
    pack: Pack,
    content: dict,
    *,
    progress: Callable[[int, str], None] = lambda percent, step: None,
    expected_pages: int = 12,
) -> RenderedPack:
    html = render_html(pack, content)
    fetcher = PackFetcher(pack.programme_id)
    reporter = _LayoutProgress(progress, expected_pages)
    steps = logging.getLogger("weasyprint.progress")
    steps.addHandler(reporter)
    # A laid-out pack is half a million objects for 200 pages, held together in cycles and
    # all alive until the PDF is written. Python's full garbage collections go through them
    # all, again and again as they grow: about a seventh of a long pack's render, to free
    # next to nothing. So the collector waits, and runs once at the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).render()
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", finisher=_finish_tags)
        pages = len(document.pages)
        del document
    finally:
        steps.removeHandler(reporter)
        if collecting:
            gc.enable()
        gc.collect()
    return RenderedPack(pdf=pdf, pages=pages, requested_urls=fetcher.requested)


# --- Asking for a pack, and making it ---


def _progress(pack_id: int, percent: int, step: str) -> None:
    Pack.objects.filter(pk=pack_id, status=PackStatus.RENDERING).update(
        progress=percent, step=step, updated_at=timezone.now()
    )


def pack_render(*, pack_id: int) -> Pack | None:
    """Make the pack's PDF and keep it. Safe to run again at any point: a pack made already
    is left alone, and a half-written file from a render that died is written over."""
    with transaction.atomic():
        pack = (
            # Only the pack's row is locked (PostgreSQL locks no row on the nullable side of
            # the join to a session).
            Pack.objects.select_for_update(of=("self",))
            .select_related("programme", "session__workshop__programme", "workshop__programme")
            .filter(pk=pack_id)
            .first()
        )
        if pack is None:
            logger.info("Pack %s has gone; nothing to make.", pack_id)
            return None
        if pack.is_ready:
            return pack
        if pack.attempts >= MAX_ATTEMPTS:
            # Each try got as far as killing its worker or running out of time.
            pack.status = PackStatus.FAILED
            pack.error = _("It is too big to make in one go.")
            pack.save()
            return pack
        pack.status = PackStatus.RENDERING
        pack.started_at = timezone.now()
        pack.attempts += 1
        pack.progress = 5
        pack.step = _("Gathering the group's work")
        pack.error = ""
        pack.save()
    content, digest = current_content(pack.kind, pack.programme, pack.session, pack.workshop)
    if digest != pack.content_hash:
        # Something changed after it was asked for (a reflection hidden, say): this pack
        # would be filed under a hash that is not what it holds.
        pack_failed(
            pack_id=pack_id,
            error=_("Something in it changed while it was waiting. Ask for the latest."),
        )
        return None
    _progress(pack_id, 20, _("Putting the pages together"))
    last_time = (
        Pack.objects.filter(
            programme_id=pack.programme_id,
            session_id=pack.session_id,
            workshop_id=pack.workshop_id,
            kind=pack.kind,
            status=PackStatus.READY,
        )
        .exclude(pk=pack_id)
        .values_list("pages", flat=True)
        .first()
    )
    rendered = render_pdf(
        pack,
        content,
        progress=lambda percent, step: _progress(pack_id, percent, step),
        expected_pages=last_time or 12,
    )
    _progress(pack_id, 95, _("Saving the PDF"))
    with transaction.atomic():
        pack = Pack.objects.select_for_update().filter(pk=pack_id).first()
        if pack is None or pack.is_ready:
            return pack
        name = pack_path(pack, "")
        storage = pack.file.storage
        if storage.exists(name):
            storage.delete(name)
        pack.file.save(name, ContentFile(rendered.pdf), save=False)
        pack.status = PackStatus.READY
        pack.progress = 100
        pack.step = ""
        pack.pages = rendered.pages
        pack.size = len(rendered.pdf)
        pack.finished_at = timezone.now()
        pack.save()
        # Read by make bench; a worker replaced for its memory (--max-memory-per-child)
        # takes its own peak with it.
        logger.warning(
            "Pack %s made: %s pages; this worker process's peak memory %.0f MB",
            pack_id,
            rendered.pages,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        )
        # Older packs of the same thing hold what may since have been hidden or removed:
        # they go, files and all, now that this one is here.
        for older in Pack.objects.filter(
            programme_id=pack.programme_id,
            session_id=pack.session_id,
            workshop_id=pack.workshop_id,
            kind=pack.kind,
            requested_at__lte=pack.requested_at,
            status__in=[PackStatus.READY, PackStatus.FAILED],
        ).exclude(pk=pack.pk):
            older.delete()
    return pack


def pack_failed(*, pack_id: int, error: str) -> None:
    Pack.objects.filter(pk=pack_id).exclude(status=PackStatus.READY).update(
        status=PackStatus.FAILED, error=error, step="", updated_at=timezone.now()
    )
