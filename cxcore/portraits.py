"""Persona pictures: uploaded images checked and shrunk to a thumbnail, or an initials avatar.

An upload is trusted for nothing: its format is read from the bytes (not the file name), its
size in bytes and in pixels is capped before it is decoded, and what is stored is a fresh
re-encoding, never the uploaded bytes.
"""
from __future__ import annotations

import base64
import io
import math
import warnings
import zlib

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .text import ValidationError

MAX_UPLOAD_MB = 5  # the upload box, its help text and the check below all use this number
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# What a picture may cost to decode: 16 megapixels is at most about 130 MB of memory. A JPEG
# is decoded at 1/2 to 1/8 scale (still larger than the thumbnail), so a photo from any camera
# passes; a PNG or WebP is decoded whole.
MAX_PIXELS = 16_000_000
MAX_SIDE = 10_000  # a 1 x 16,000,000 strip is no photo, and slow to decode row by row
_LIMITS = f"the limit is {MAX_PIXELS // 1_000_000} megapixels and {MAX_SIDE:,} pixels on a side"
THUMBNAIL_PX = 256
ACCEPTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
DATA_URL_PREFIX = "data:image/webp;base64,"
NOT_AN_IMAGE = "That file is not a PNG, JPEG or WebP image: choose a photo or a drawing."
NOT_A_DATA_URL = "The picture is not an image in a data URL (data:image/...;base64,...)."
_ORIENTATION = 0x0112  # EXIF: how the camera was held
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}
# Calm, readable backgrounds for initials (white text on each passes contrast checks).
AVATAR_COLOURS = ((13, 110, 110), (52, 84, 160), (122, 63, 145), (160, 72, 45),
                  (46, 112, 60), (90, 98, 110))


def thumbnail_data_url(data: bytes | str) -> str:
    """Check a picture and return it re-encoded as a square WebP thumbnail in a data URL.

    ``data`` is an upload's bytes or a data URL (a picture inside an imported backup); anything
    that is not a usable PNG, JPEG or WebP picture within the limits raises ValidationError.
    """
    if isinstance(data, str):
        data = _data_url_payload(data)
    image = _open_checked(data)
    orientation = image.getexif().get(_ORIENTATION, 1)
    square = _centre_square(image)
    if square.mode not in ("RGB", "RGBA"):
        square = square.convert("RGBA" if "A" in square.getbands() else "RGB")
    square = square.resize((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS)
    # A centred square is the same crop before or after turning the picture upright, so the
    # turn is done on the thumbnail rather than on the full-size picture.
    if orientation in _TRANSPOSE:
        square = square.transpose(_TRANSPOSE[orientation])
    buffer = io.BytesIO()
    square.save(buffer, format="WEBP", quality=82)
    return DATA_URL_PREFIX + base64.b64encode(buffer.getvalue()).decode("ascii")


def _centre_square(image: Image.Image) -> Image.Image:
    """The middle square of the picture, shrunk by a whole factor to no less than twice the
    thumbnail's size: a large picture is never copied or converted at full size."""
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    box = (left, top, left + side, top + side)
    if image.mode in ("1", "P"):  # palette pictures cannot be averaged
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    factor = side // (2 * THUMBNAIL_PX)
    return image.reduce(factor, box) if factor > 1 else image.crop(box)


def _data_url_payload(data_url: str) -> bytes:
    if not data_url.startswith("data:image/") or ";base64," not in data_url[:100]:
        raise ValidationError(NOT_A_DATA_URL)
    encoded = data_url.split(";base64,", 1)[1]
    if len(encoded) > (MAX_UPLOAD_BYTES + 2) // 3 * 4:
        raise ValidationError(_too_large(len(encoded) * 3 // 4))
    try:
        return base64.b64decode(encoded, validate=True)
    except ValueError:  # binascii.Error is a ValueError
        raise ValidationError(NOT_A_DATA_URL) from None


def _too_large(size: int) -> str:
    return (f"The image is too large: {size / 1024 / 1024:.1f} MB, "
            f"the limit is {MAX_UPLOAD_MB} MB.")


def _open_checked(data: bytes) -> Image.Image:
    """The picture decoded, once its header has shown a size this app is willing to decode."""
    if not data:
        raise ValidationError("The file is empty: choose a PNG, JPEG or WebP image.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_too_large(len(data)))
    image = _open_header(data)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError):  # e.g. a file cut short
        raise ValidationError(_damaged(image.format)) from None
    return image


def _open_header(data: bytes) -> Image.Image:
    """Read only the header: the format and the size in pixels, checked before any decoding."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"The image has too many pixels: {_LIMITS}.") from None
    except (OSError, SyntaxError, ValueError):  # not an image, or one cut short in its header
        kind = _format_by_signature(data)
        raise ValidationError(_damaged(kind) if kind else NOT_AN_IMAGE) from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_refused_format(image.format))
    width, height = image.size
    image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))  # a JPEG only: decode at a smaller scale
    _check_pixels(width, height, image.width * image.height)
    return image


def _format_by_signature(data: bytes) -> str | None:
    """The accepted format the first bytes announce, if any."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _damaged(kind: str) -> str:
    return (f"That {ACCEPTED_FORMATS[kind]} image is damaged or incomplete: save it again, "
            f"or choose another picture.")


def _refused_format(kind: str | None) -> str:
    if kind is None:
        return NOT_AN_IMAGE
    return f"{kind} images are not accepted: upload a PNG, JPEG or WebP image."


def _check_pixels(width: int, height: int, decoded: int) -> None:
    if max(width, height) > MAX_SIDE or decoded > MAX_PIXELS:
        raise ValidationError(f"The image has too many pixels: {width} x {height}; {_LIMITS}.")


def data_url_bytes(data_url: str) -> bytes | None:
    """The image inside a stored thumbnail's data URL, or None if it holds no usable image.

    Stored text can come from an imported backup, so it is checked like an upload.
    """
    try:
        data = _data_url_payload(data_url)
        _open_checked(data)
    except ValidationError:
        return None
    return data


def initials(name: str) -> str:
    """Up to two capital letters from a name: "Margaret Ellis" -> "ME"; nothing -> "?"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_png(name: str, size: int = THUMBNAIL_PX) -> bytes:
    """A round avatar with the name's initials, its colour fixed by the name."""
    colour = AVATAR_COLOURS[zlib.crc32(name.encode("utf-8")) % len(AVATAR_COLOURS)]
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=colour)
    font = ImageFont.load_default(size=math.floor(size * 0.4))
    draw.text((size / 2, size / 2), initials(name), fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def is_thumbnail(data: bytes) -> bool:
    """Whether ``data`` is already what ``thumbnail_data_url`` stores: one square WebP image of
    THUMBNAIL_PX that decodes (a backup's picture is then kept byte for byte)."""
    if len(data) > MAX_UPLOAD_BYTES:
        return False
    try:
        image = Image.open(io.BytesIO(data))
        if (image.format != "WEBP" or image.size != (THUMBNAIL_PX, THUMBNAIL_PX)
                or getattr(image, "n_frames", 1) != 1):
            return False
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True
