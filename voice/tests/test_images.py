"""Uploaded photos come back as clean re-encoded pixels, or are refused with a plain message."""

import io
import struct
import tracemalloc
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, ImageFile, JpegImagePlugin, PngImagePlugin
from PIL.TiffImagePlugin import IFDRational

from voice.images import (
    MAX_EDGE,
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    THUMB_EDGE,
    ImageRefused,
    ProcessedImage,
    process_upload,
)

TOO_BIG = "This photo is too big. Please choose one under 15 MB."
TOO_MANY_PIXELS = "This photo has too many pixels for us to open. Please choose a smaller one."
WRONG_TYPE = "We can only take photos saved as JPEG, PNG or WebP."
DAMAGED = "We couldn't open this photo. It may be damaged. Please try another one."
HIDDEN = (
    "This file has something hidden in it that is not part of a photo. "
    "Please choose a different photo."
)
EMPTY = "This file is empty. Please choose a photo."

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GPS_IFD = 0x8825
MAKE = 0x010F
MODEL = 0x0110
ORIENTATION = 0x0112
METADATA_KEYS = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Author"}


def _encode(image: Image.Image, image_format: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _refusal(upload: object) -> str:
    with pytest.raises(ImageRefused) as refused:
        process_upload(upload)
    return str(refused.value)


def _near(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    """JPEG is lossy, so colours are compared within a small tolerance."""
    return len(pixel) == len(expected) and all(
        abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True)
    )


def _noise_jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    """A JPEG with plenty of scan data, so cutting it leaves the headers intact."""
    return _encode(Image.effect_noise(size, 64).convert("RGB"), "JPEG", quality=90)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _one_bit_png(width: int, height: int) -> bytes:
    """A black 1-bit PNG written chunk by chunk, compressing one row at a time so that even a
    400-megapixel image costs only a few tens of kilobytes to build."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = bytes(1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    return (
        PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


class _Zeros:
    """A stream of zero bytes, `length` long or endless, counting what is read from it."""

    def __init__(self, length: int | None = None, size: int | None = None) -> None:
        self.length = length
        self.bytes_read = 0
        if size is not None:
            self.size = size

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            raise AssertionError("asked for the whole of an unbounded stream")
        if self.length is not None:
            n = min(n, self.length - self.bytes_read)
        chunk = bytes(min(n, 1 << 20))
        self.bytes_read += len(chunk)
        return chunk


def test_gps_camera_xmp_comment_and_icc_are_all_removed_from_a_jpeg():
    exif = Image.Exif()
    exif[MAKE] = "SecretCam"
    exif[MODEL] = "Pocket 9"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (IFDRational(51, 1), IFDRational(30, 1), IFDRational(4177, 100))
    gps[3] = "W"
    gps[4] = (IFDRational(0, 1), IFDRational(7, 1), IFDRational(3923, 100))
    gps[29] = "2019:07:14"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = _encode(
        Image.new("RGB", (320, 240), (200, 180, 40)),
        "JPEG",
        exif=exif,
        icc_profile=icc,
        comment=b"taken at the children's home",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>',
    )
    latitude_seconds = struct.pack(">II", 4177, 100)
    assert original[original.index(b"Exif\0\0") + 6 :].startswith(b"MM")
    assert b"SecretCam" in original
    assert b"2019:07:14" in original
    assert latitude_seconds in original
    source = Image.open(io.BytesIO(original))
    assert source.getexif().get_ifd(GPS_IFD)[29] == "2019:07:14"
    assert {"exif", "icc_profile", "xmp", "comment"} <= set(source.info)

    result = process_upload(_upload(original))

    for data in (result.content, result.thumbnail):
        cleaned = _decoded(data)
        assert dict(cleaned.getexif()) == {}
        assert cleaned.getexif().get_ifd(GPS_IFD) == {}
        assert METADATA_KEYS.isdisjoint(cleaned.info)
        for secret in (b"SecretCam", b"Pocket 9", b"2019:07:14", latitude_seconds, b"Exif"):
            assert secret not in data
        assert b"children's home" not in data
        assert b"xmpmeta" not in data
        assert b"ICC_PROFILE" not in data
    assert (result.width, result.height) == (320, 240)
    assert _near(_decoded(result.content).getpixel((160, 120)), (200, 180, 40))


def test_text_exif_and_icc_are_removed_from_a_png():
    exif = Image.Exif()
    exif[MAKE] = "SecretCam"
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jo Bloggs")
    text.add_itxt("Comment", "lives on Elm Street")
    image = Image.new("RGBA", (64, 48), (10, 20, 30, 128))
    original = _encode(image, "PNG", pnginfo=text, exif=exif, icc_profile=b"fake-profile")
    assert b"Jo Bloggs" in original
    assert b"SecretCam" in original

    result = process_upload(_upload(original, "wall.png", "image/png"))

    cleaned = _decoded(result.content)
    assert cleaned.format == "PNG"
    assert dict(cleaned.getexif()) == {}
    assert METADATA_KEYS.isdisjoint(cleaned.info)
    assert cleaned.text == {}
    for secret in (b"Jo Bloggs", b"Elm Street", b"SecretCam", b"fake-profile"):
        assert secret not in result.content
        assert secret not in result.thumbnail
    assert cleaned.getpixel((5, 5)) == (10, 20, 30, 128)


def test_exif_orientation_6_turns_a_300x200_photo_upright():
    image = Image.new("RGB", (300, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 200))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    original = _encode(image, "JPEG", exif=exif, quality=95)

    result = process_upload(_upload(original))

    assert (result.width, result.height) == (200, 300)
    assert (result.thumb_width, result.thumb_height) == (200, 300)
    upright = _decoded(result.content)
    assert upright.size == (200, 300)
    assert dict(upright.getexif()) == {}
    assert _near(upright.getpixel((100, 10)), (255, 0, 0))
    assert _near(upright.getpixel((100, 290)), (0, 0, 255))


def test_a_4000x3000_jpeg_is_decoded_small_and_capped_at_2000x1500(monkeypatch):
    drafts = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def recording_draft(self, mode, size):
        result = draft(self, mode, size)
        drafts.append((mode, size, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recording_draft)
    original = _encode(Image.new("RGB", (4000, 3000), (30, 160, 90)), "JPEG")

    result = process_upload(_upload(original))

    assert drafts[0] == ("RGB", (2000, 1500), (2000, 1500))
    assert (result.width, result.height) == (MAX_EDGE, 1500)
    assert (result.thumb_width, result.thumb_height) == (THUMB_EDGE, 360)
    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")
    photo, thumb = _decoded(result.content), _decoded(result.thumbnail)
    assert (photo.format, photo.mode, photo.size) == ("JPEG", "RGB", (2000, 1500))
    assert (thumb.format, thumb.mode, thumb.size) == ("JPEG", "RGB", (480, 360))
    assert photo.info.get("progressive") == 1
    assert _near(photo.getpixel((1000, 750)), (30, 160, 90))


def test_a_small_photo_is_not_upscaled():
    original = _encode(Image.new("RGB", (100, 80), (250, 240, 120)), "PNG")

    result = process_upload(_upload(original, "small.png", "image/png"))

    assert (result.width, result.height) == (100, 80)
    assert (result.thumb_width, result.thumb_height) == (100, 80)
    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")
    assert _decoded(result.content).size == (100, 80)
    assert _decoded(result.thumbnail).size == (100, 80)


def test_a_transparent_png_stays_a_png_with_its_alpha():
    image = Image.new("RGBA", (120, 90), (0, 0, 0, 0))
    image.paste((0, 128, 255, 255), (60, 0, 120, 90))
    original = _encode(image, "PNG")

    result = process_upload(_upload(original, "notes.png", "image/png"))

    assert result == ProcessedImage(
        content=result.content,
        thumbnail=result.thumbnail,
        content_type="image/png",
        extension="png",
        width=120,
        height=90,
        thumb_width=120,
        thumb_height=90,
    )
    for data in (result.content, result.thumbnail):
        assert data.startswith(PNG_SIGNATURE)
        cleaned = _decoded(data)
        assert (cleaned.format, cleaned.mode) == ("PNG", "RGBA")
        assert cleaned.getpixel((10, 10)) == (0, 0, 0, 0)
        assert cleaned.getpixel((100, 10)) == (0, 128, 255, 255)


def test_a_palette_png_with_a_transparent_colour_becomes_an_rgba_png():
    image = Image.new("P", (40, 30), 1)
    image.putpalette([255, 255, 255, 200, 30, 30] + [0] * 762)
    image.paste(0, (0, 0, 20, 30))
    original = _encode(image, "PNG", transparency=0)

    result = process_upload(_upload(original, "notes.png", "image/png"))

    cleaned = _decoded(result.content)
    assert (result.content_type, cleaned.mode) == ("image/png", "RGBA")
    assert cleaned.getpixel((5, 5))[3] == 0
    assert cleaned.getpixel((30, 5)) == (200, 30, 30, 255)


def test_a_webp_is_accepted_and_becomes_a_jpeg():
    original = _encode(Image.new("RGB", (120, 90), (20, 200, 60)), "WEBP", quality=95)

    result = process_upload(_upload(original, "wall.webp", "image/webp"))

    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")
    assert (result.width, result.height) == (120, 90)
    cleaned = _decoded(result.content)
    assert (cleaned.format, cleaned.mode) == ("JPEG", "RGB")
    assert _near(cleaned.getpixel((60, 45)), (20, 200, 60))


def test_a_webp_with_transparency_becomes_a_png():
    original = _encode(Image.new("RGBA", (50, 40), (20, 200, 60, 0)), "WEBP", lossless=True)

    result = process_upload(_upload(original, "wall.webp", "image/webp"))

    cleaned = _decoded(result.content)
    assert (result.content_type, cleaned.mode) == ("image/png", "RGBA")
    assert cleaned.getpixel((25, 20))[3] == 0


def test_a_cmyk_jpeg_is_accepted_and_converted_to_rgb():
    original = _encode(Image.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG", quality=95)
    assert Image.open(io.BytesIO(original)).mode == "CMYK"

    result = process_upload(_upload(original))

    cleaned = _decoded(result.content)
    assert (result.content_type, cleaned.mode, cleaned.size) == ("image/jpeg", "RGB", (64, 48))
    assert _near(cleaned.getpixel((32, 24)), (255, 0, 0))


def test_a_16_bit_greyscale_png_is_scaled_down_not_clipped_to_white():
    original = _encode(Image.new("I;16", (40, 30), 40000), "PNG")

    result = process_upload(_upload(original, "scan.png", "image/png"))

    cleaned = _decoded(result.content)
    assert (result.content_type, cleaned.mode) == ("image/jpeg", "RGB")
    assert _near(cleaned.getpixel((20, 15)), (156, 156, 156), tolerance=2)


def test_a_plain_binary_file_object_is_accepted():
    original = _encode(Image.new("RGB", (30, 20), (1, 2, 3)), "JPEG")

    result = process_upload(io.BytesIO(original))

    assert (result.width, result.height, result.extension) == (30, 20, "jpg")


def test_a_jpeg_with_another_jpeg_after_its_end_gives_one_image():
    first = _encode(Image.new("RGB", (64, 48), (255, 0, 0)), "JPEG")
    second = _encode(Image.new("RGB", (640, 480), (0, 0, 255)), "JPEG")
    motion_photo = first + second
    assert motion_photo.count(b"\xff\xd8") == 2

    result = process_upload(_upload(motion_photo))

    assert (result.width, result.height) == (64, 48)
    assert result.content.count(b"\xff\xd8") == 1
    assert result.content.count(b"\xff\xd9") == 1
    assert result.content.endswith(b"\xff\xd9")
    assert _near(_decoded(result.content).getpixel((32, 24)), (255, 0, 0))


def test_a_multi_picture_jpeg_gives_its_first_picture_only():
    first = Image.new("RGB", (64, 48), (255, 0, 0))
    second = Image.new("RGB", (64, 48), (0, 0, 255))
    original = _encode(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(original)).format == "MPO"

    result = process_upload(_upload(original))

    cleaned = _decoded(result.content)
    assert cleaned.format == "JPEG"
    assert result.content.count(b"\xff\xd8") == 1
    assert _near(cleaned.getpixel((32, 24)), (255, 0, 0))


def test_a_24_megapixel_phone_photo_is_taken():
    photo = process_upload(_upload(_one_bit_png(6000, 4000), "wall.png", "image/png"))

    assert max(photo.width, photo.height) <= 2000
    assert (photo.width, photo.height) == (2000, 1333)


@pytest.mark.parametrize(
    ("width", "height"),
    [(6000, 5000), (7000, 7000), (8000, 8000), (10000, 10000), (20000, 20000)],
    ids=["30-megapixels", "49-megapixels", "64-megapixels", "100-megapixels", "400-megapixels"],
)
def test_a_decompression_bomb_is_refused_from_its_header(monkeypatch, width, height):
    small = _decoded(_one_bit_png(16, 8))
    assert (small.mode, small.size, small.getextrema()) == ("1", (16, 8), (0, 0))
    bomb = _one_bit_png(width, height)
    assert width * height > MAX_PIXELS
    assert len(bomb) < 100_000
    upload = _upload(bomb, "wall.png", "image/png")

    def refuse_to_decode(self):
        raise AssertionError("decoded the pixels of a decompression bomb")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse_to_decode)
    tracemalloc.start()
    try:
        message = _refusal(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message == TOO_MANY_PIXELS
    assert peak < 2 * 1024 * 1024


def test_a_webp_claiming_a_huge_canvas_is_refused_before_pillow_opens_it(monkeypatch):
    canvas = (10000 - 1).to_bytes(3, "little") * 2
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes(4) + canvas
    header = b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x

    def refuse_to_open(*args, **kwargs):
        raise AssertionError("Pillow opened a WebP bomb")

    monkeypatch.setattr(Image, "open", refuse_to_open)

    assert _refusal(_upload(header, "wall.webp", "image/webp")) == TOO_MANY_PIXELS


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        (
            "photo.jpg",
            "image/jpeg",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        ),
        (
            "photo.svg",
            "image/svg+xml",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("photo.gif", "image/gif", _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "GIF")),
        ("photo.jpg", "image/jpeg", b"just some words, not a photo\n"),
        ("photo.bmp", "image/bmp", _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "BMP")),
    ],
    ids=["html-named-jpg", "svg", "gif", "text", "bmp"],
)
def test_anything_but_jpeg_png_or_webp_is_refused(name, content_type, data):
    assert _refusal(_upload(data, name, content_type)) == WRONG_TYPE


def test_a_png_with_html_after_its_end_is_refused():
    png = _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "PNG")
    assert process_upload(_upload(png, "wall.png", "image/png")).width == 20

    upload = _upload(png + b"<html><script>alert(1)</script></html>", "wall.png", "image/png")

    assert _refusal(upload) == HIDDEN


def test_a_png_with_harmless_bytes_after_its_end_is_refused():
    png = _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "PNG")

    assert _refusal(_upload(png + b"\0" * 16, "wall.png", "image/png")) == HIDDEN


@pytest.mark.parametrize(
    "markup",
    [b"<script>alert(1)</script>", b"<SVG onload=alert(1)>", b"<iframe src=x>", b"<BODY>"],
)
def test_a_jpeg_with_markup_anywhere_is_refused(markup):
    in_comment = _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "JPEG", comment=markup)
    in_trailer = _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "JPEG") + markup

    assert _refusal(_upload(in_comment)) == HIDDEN
    assert _refusal(_upload(in_trailer)) == HIDDEN


def test_a_webp_whose_riff_length_does_not_match_the_file_is_refused():
    webp = _encode(Image.new("RGB", (20, 20), (9, 9, 9)), "WEBP")
    assert process_upload(_upload(webp, "wall.webp", "image/webp")).width == 20

    assert _refusal(_upload(webp + b"\0\0\0\0", "wall.webp", "image/webp")) == HIDDEN
    assert _refusal(_upload(webp[:-4], "wall.webp", "image/webp")) == DAMAGED


def test_a_truncated_jpeg_is_refused():
    # Even once WeasyPrint, which tells Pillow to accept truncated images, is loaded.
    import packs.render  # noqa: F401

    jpeg = _noise_jpeg()

    assert _refusal(_upload(jpeg[: len(jpeg) * 6 // 10])) == DAMAGED


def test_a_truncated_png_is_refused():
    png = _encode(Image.effect_noise((200, 150), 64), "PNG")

    assert _refusal(_upload(png[: len(png) // 2], "wall.png", "image/png")) == DAMAGED
    assert _refusal(_upload(png[:-12], "wall.png", "image/png")) == DAMAGED


def test_an_empty_file_is_refused():
    assert _refusal(_upload(b"")) == EMPTY


def test_an_upload_over_15_mb_is_refused_without_reading_it():
    stream = _Zeros(size=MAX_UPLOAD_BYTES + 1)

    assert _refusal(stream) == TOO_BIG
    assert stream.bytes_read == 0


def test_a_stream_with_no_size_is_read_only_one_byte_past_the_limit():
    stream = _Zeros()

    assert _refusal(stream) == TOO_BIG
    assert stream.bytes_read == MAX_UPLOAD_BYTES + 1


def test_a_stream_of_exactly_15_mb_is_not_refused_for_its_size():
    stream = _Zeros(length=MAX_UPLOAD_BYTES)

    assert _refusal(stream) == WRONG_TYPE
    assert stream.bytes_read == MAX_UPLOAD_BYTES
