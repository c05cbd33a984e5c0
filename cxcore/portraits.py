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

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 7,000 x 6,000: any real photo, no decompression bomb
THUMBNAIL_PX = 256
ACCEPTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
DATA_URL_PREFIX = "data:image/webp;base64,"
NOT_AN_IMAGE = "That file is not a PNG, JPEG or WebP image: choose a photo or a drawing."
# Calm, readable backgrounds for initials (white text on each passes contrast checks).
AVATAR_COLOURS = ((13, 110, 110), (52, 84, 160), (122, 63, 145), (160, 72, 45),
                  (46, 112, 60), (90, 98, 110))


def thumbnail_data_url(data: bytes) -> str:
    """Check an uploaded image and return it as a square WebP thumbnail in a data URL."""
    image = _open_checked(data)
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    square = ImageOps.fit(image, (THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    square.save(buffer, format="WEBP", quality=82)
    return DATA_URL_PREFIX + base64.b64encode(buffer.getvalue()).decode("ascii")


def _open_checked(data: bytes) -> Image.Image:
    if not data:
        raise ValidationError("The file is empty: choose a PNG, JPEG or WebP image.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"The image is too large: {len(data) / 1024 / 1024:.1f} MB, "
                              f"the limit is {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind = image.format
            if kind not in ACCEPTED_FORMATS:
                raise ValidationError(_refused_format(kind))
            _check_pixels(image.width, image.height)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"The image has too many pixels: the limit is "
                              f"{MAX_PIXELS // 1_000_000} megapixels.") from None
    except (OSError, SyntaxError, ValueError):  # not an image, or a damaged one
        raise ValidationError(NOT_AN_IMAGE) from None
    return image


def _refused_format(kind: str | None) -> str:
    if kind is None:
        return NOT_AN_IMAGE
    return f"{kind} images are not accepted: upload a PNG, JPEG or WebP image."


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ValidationError(f"The image has too many pixels: {width} x {height}, the limit "
                              f"is {MAX_PIXELS // 1_000_000} megapixels.")


def data_url_bytes(data_url: str) -> bytes | None:
    """The image inside a stored thumbnail's data URL, or None if it holds no usable image.

    Stored text can come from an imported backup, so it is checked like an upload.
    """
    if not data_url.startswith("data:image/") or ";base64," not in data_url:
        return None
    try:
        data = base64.b64decode(data_url.split(";base64,", 1)[1], validate=True)
        _open_checked(data)
    except (ValueError, ValidationError):  # binascii.Error is a ValueError
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
