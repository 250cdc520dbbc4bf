"""Turn an uploaded photo into clean files that are safe to store and show.

Young people photograph the workshop's sticky-note wall on their phones. Phone photos carry GPS
positions, device names and other metadata that must never reach the store, and an upload can
be anything at all, so nothing of the original file is kept: only its pixels, re-encoded.
"""

import io
import re
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# Phones take photos of 12 to 24 megapixels; more is refused from the file's header, before
# a single pixel is decoded (a 49-megapixel PNG took 440 MB and 2 s of the web process).
MAX_PIXELS = 25_000_000
MAX_EDGE = 2000
THUMB_EDGE = 480

_FORMATS = ("JPEG", "PNG", "WEBP")
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RESAMPLE = Image.Resampling.LANCZOS

# A tag name ends at whitespace, "/" or ">"; requiring that keeps chance matches inside
# compressed pixel data rare while still catching anything a browser would read as markup.
_MARKUP = re.compile(rb"<(?:html|script|body|svg|iframe|!doctype)[\s/>]", re.IGNORECASE)
# Markup smuggled into a photo sits in its header (a comment) or after its end; only those
# ends are searched, so a chance match in a big photo's pixel data cannot refuse it.
_MARKUP_SEARCH_BYTES = 64 * 1024

# Pillow reports unreadable input through many exception types, depending on the plugin.
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError, TypeError)


class ImageRefused(ValueError):
    """The upload cannot be stored; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class ProcessedImage:
    """A photo and its thumbnail, re-encoded from pixels with no metadata."""

    content: bytes
    thumbnail: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int


def process_upload(upload: Any) -> ProcessedImage:
    """Check an upload and re-encode it, or raise ImageRefused saying why it was not taken.

    `upload` is a Django UploadedFile or any binary file object.
    """
    data = _read_capped(upload)
    if not data:
        raise ImageRefused(gettext("This file is empty. Please choose a photo."))
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        _check_webp_header(data)
    image = _open(data)
    _check_pixels(image.width, image.height)
    if image.format == "PNG":
        _check_png_ends_at_iend(data)
    if _MARKUP.search(data[:_MARKUP_SEARCH_BYTES]) or _MARKUP.search(data[-_MARKUP_SEARCH_BYTES:]):
        raise _hidden_content()
    if image.format in _JPEG_FORMATS:
        image.draft("RGB", _draft_size(image.width, image.height))
    _load(image)
    return _re_encode(image)


def _read_capped(upload: Any) -> bytes:
    """Read the whole upload, but never more than one byte past the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _too_big()
    seek = getattr(upload, "seek", None)
    if callable(seek):
        with suppress(OSError, ValueError):
            seek(0)
    chunks: list[bytes] = []
    remaining = MAX_UPLOAD_BYTES + 1
    while remaining > 0:
        chunk = upload.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_big()
    return data


@contextmanager
def _bomb_warnings_as_errors() -> Iterator[None]:
    """Make Pillow's decompression-bomb warning stop the work instead of only being logged.

    Warning filters are process-wide; if another thread resets them, Pillow's limit is still
    above MAX_PIXELS, so _check_pixels refuses the same images anyway.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _open(data: bytes) -> Image.Image:
    """Let Pillow decide what the bytes are, reading only the headers."""
    with _bomb_warnings_as_errors():
        try:
            return Image.open(io.BytesIO(data), formats=_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except Image.UnidentifiedImageError as exc:
            raise _wrong_type() from exc
        except _DECODE_ERRORS as exc:
            raise _damaged() from exc


def _load(image: Image.Image) -> None:
    """Decode the pixels, turning any decoding failure into a refusal."""
    with _bomb_warnings_as_errors():
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except _DECODE_ERRORS as exc:
            raise _damaged() from exc


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()


def _check_webp_header(data: bytes) -> None:
    """Check a WebP's RIFF length and canvas size before Pillow's decoder allocates the canvas."""
    if len(data) < 30:
        raise _damaged()
    riff_end = struct.unpack_from("<I", data, 4)[0] + 8
    if riff_end < len(data):
        raise _hidden_content()
    if riff_end > len(data):
        raise _damaged()
    size = _webp_canvas_size(data)
    if size is not None:
        _check_pixels(*size)


def _webp_canvas_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first WebP chunk, as the WebP container spec lays them out."""
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = struct.unpack_from("<I", data, 21)[0]
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _check_png_ends_at_iend(data: bytes) -> None:
    """Refuse a PNG that stops early or has anything after its IEND chunk."""
    position = len(_PNG_SIGNATURE)
    while position + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        position += 12 + length
        if kind == b"IEND":
            if position < len(data):
                raise _hidden_content()
            if position > len(data):
                raise _damaged()
            return
    raise _damaged()


def _draft_size(width: int, height: int) -> tuple[int, int]:
    """The smallest size a JPEG may be decoded at and still fill MAX_EDGE on its long edge."""
    if width >= height:
        return MAX_EDGE, max(1, height * MAX_EDGE // width)
    return max(1, width * MAX_EDGE // height), MAX_EDGE


def _re_encode(image: Image.Image) -> ProcessedImage:
    """Upright, shrink and re-encode the pixels, keeping nothing else from the original file."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except _DECODE_ERRORS as exc:
        raise _damaged() from exc
    transparent = image.has_transparency_data
    if transparent:
        image = _convert(image, "LA" if image.mode == "LA" else "RGBA")
    else:
        image = _convert(image, "RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE), _RESAMPLE)
    photo = _pixels_only(image)
    thumb = photo.copy()
    thumb.thumbnail((THUMB_EDGE, THUMB_EDGE), _RESAMPLE)
    if transparent:
        content_type, extension = "image/png", "png"
    else:
        content_type, extension = "image/jpeg", "jpg"
    return ProcessedImage(
        content=_encode(photo, transparent),
        thumbnail=_encode(thumb, transparent),
        content_type=content_type,
        extension=extension,
        width=photo.width,
        height=photo.height,
        thumb_width=thumb.width,
        thumb_height=thumb.height,
    )


def _convert(image: Image.Image, mode: str) -> Image.Image:
    """Convert to an output mode, scaling 16-bit greyscale down rather than clipping it to white."""
    if image.mode == mode:
        return image
    if image.mode == "I" or image.mode.startswith("I;16"):
        image = image.convert("I").point(lambda value: value / 256)
    return image.convert(mode)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A fresh image holding only the pixels, so no info, EXIF, ICC profile or comment is saved."""
    bare = Image.new(image.mode, image.size)
    bare.paste(image)
    return bare


def _encode(image: Image.Image, as_png: bool) -> bytes:
    buffer = io.BytesIO()
    if as_png:
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def _too_big() -> ImageRefused:
    return ImageRefused(
        gettext("This photo is too big. Please choose one under %(limit)d MB.")
        % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
    )


def _too_many_pixels() -> ImageRefused:
    return ImageRefused(
        gettext("This photo has too many pixels for us to open. Please choose a smaller one.")
    )


def _wrong_type() -> ImageRefused:
    return ImageRefused(gettext("We can only take photos saved as JPEG, PNG or WebP."))


def _damaged() -> ImageRefused:
    return ImageRefused(
        gettext("We couldn't open this photo. It may be damaged. Please try another one.")
    )


def _hidden_content() -> ImageRefused:
    return ImageRefused(
        gettext(
            "This file has something hidden in it that is not part of a photo. "
            "Please choose a different photo."
        )
    )
