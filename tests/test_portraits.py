"""Persona pictures: every check happens on the header, before a single pixel is decoded, and
a picture costs bounded memory however it is made."""
from __future__ import annotations

import base64
import functools
import io
import re
import struct
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path

import pytest
from PIL import Image

from cxcore import backup, portraits
from cxcore.text import ValidationError
from tests.apptest_support import fresh_db, open_app

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = "That {} image is damaged or incomplete: save it again, or choose another picture."
NOT_A_DATA_URL = "The picture is not an image in a data URL (data:image/...;base64,...)."
LIMITS = "the limit is 16 megapixels and 10,000 pixels on a side."


def encoded(kind: str, size: tuple[int, int], mode: str = "RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 40, 40) if mode != "L" else 90).save(buffer, format=kind,
                                                                      **options)
    return buffer.getvalue()


@functools.cache
def grey_png(width: int, height: int) -> bytes:
    """A black greyscale PNG written directly: tiny however many pixels it claims."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    squeeze = zlib.compressobj(9)
    row = bytes(width + 1)  # the filter byte, then one byte per pixel
    pixels = b"".join(squeeze.compress(row * min(height - done, 1_000_000 // len(row) + 1))
                      for done in range(0, height, 1_000_000 // len(row) + 1))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", pixels + squeeze.flush()) + chunk(b"IEND", b""))


def thumbnail(data_url: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(data_url.split(";base64,", 1)[1])))


def refused(data: bytes | str) -> str:
    with pytest.raises(ValidationError) as caught:
        portraits.thumbnail_data_url(data)
    return str(caught.value)


@pytest.mark.parametrize("size", [(1, 40_000_000), (6300, 6300), (10_001, 10), (4001, 4000)])
def test_a_png_too_large_in_pixels_is_refused_with_its_size(size):
    assert refused(grey_png(*size)) == f"The image has too many pixels: {size[0]} x {size[1]}; {LIMITS}"


def test_the_size_is_refused_from_the_header_alone_before_any_decoding():
    png = grey_png(6300, 6300)
    header_only = png[:png.index(b"IDAT") + 4]  # signature and IHDR, no pixel data
    assert refused(header_only) == f"The image has too many pixels: 6300 x 6300; {LIMITS}"


def test_a_truncated_jpeg_is_called_damaged_not_a_wrong_kind_of_file():
    photo = encoded("JPEG", (800, 600))
    assert refused(photo[:len(photo) // 2]) == DAMAGED.format("JPEG")


def test_a_truncated_webp_is_called_damaged():
    picture = encoded("WEBP", (800, 600))
    assert refused(picture[:len(picture) // 2]) == DAMAGED.format("WebP")


PEAK_MEMORY = """
import re, sys
from cxcore import portraits
data = open(sys.argv[1], "rb").read()
try:
    portraits.thumbnail_data_url(data)
    outcome = "accepted"
except portraits.ValidationError:
    outcome = "refused"
status = open("/proc/self/status").read()  # VmHWM: this process's peak, not its parent's
print(outcome, int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def outcome_and_peak_megabytes(tmp_path: Path, data: bytes) -> tuple[str, int]:
    """Check a picture in a process of its own and report what it cost at the peak."""
    picture = tmp_path / "picture"
    picture.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", PEAK_MEMORY, str(picture)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    outcome, megabytes = done.stdout.split()
    return outcome, int(megabytes)


@pytest.mark.parametrize("make, expected", [
    pytest.param(lambda: grey_png(1, 40_000_000), "refused", id="strip of 40 Mpx"),
    pytest.param(lambda: grey_png(6300, 6300), "refused", id="6300 x 6300 PNG"),
    pytest.param(lambda: encoded("PNG", (4000, 4000), "RGBA"), "accepted",
                 id="largest PNG accepted"),
    pytest.param(lambda: encoded("JPEG", (8000, 6000)), "accepted", id="48-megapixel photo"),
])
def test_a_picture_costs_at_most_about_150_mb_to_check(tmp_path, make, expected):
    data = make()
    assert len(data) <= portraits.MAX_UPLOAD_BYTES
    outcome, megabytes = outcome_and_peak_megabytes(tmp_path, data)
    assert outcome == expected
    assert megabytes < (60 if outcome == "refused" else 160)


def test_a_large_photo_is_decoded_at_a_smaller_scale_and_still_fills_the_thumbnail():
    made = thumbnail(portraits.thumbnail_data_url(encoded("JPEG", (8000, 6000))))
    assert (made.format, made.size) == ("WEBP", (256, 256))


def test_a_photo_taken_sideways_is_turned_upright():
    picture = Image.new("RGB", (300, 200), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 150, 200))  # red on the left as stored
    exif = picture.getexif()
    exif[0x0112] = 6  # the camera was turned: show it rotated 90 degrees clockwise
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif.tobytes(), quality=95)
    made = thumbnail(portraits.thumbnail_data_url(buffer.getvalue())).convert("RGB")
    red, _, blue = made.getpixel((128, 10))
    assert red > 200 and blue < 60  # the red half is now on top
    red, _, blue = made.getpixel((128, 245))
    assert red < 60 and blue > 200


def test_a_palette_picture_with_transparency_keeps_it():
    picture = Image.new("P", (600, 600), 0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", transparency=0)
    made = thumbnail(portraits.thumbnail_data_url(buffer.getvalue()))
    assert made.mode == "RGBA" and made.getpixel((128, 128))[3] == 0


def test_a_data_url_from_a_backup_is_checked_and_re_encoded_like_an_upload():
    png = encoded("PNG", (640, 480))
    made = portraits.thumbnail_data_url("data:image/png;base64," + base64.b64encode(png).decode())
    assert made.startswith(portraits.DATA_URL_PREFIX)
    assert (thumbnail(made).format, thumbnail(made).size) == ("WEBP", (256, 256))


@pytest.mark.parametrize("data_url, message", [
    ("https://example.com/face.png", NOT_A_DATA_URL),
    ("data:image/png;base64,!!!", NOT_A_DATA_URL),
    ("data:text/html;base64,PGI+", NOT_A_DATA_URL),
    ("data:image/png;base64," + base64.b64encode(b"plain text").decode(), portraits.NOT_AN_IMAGE),
    ("data:image/png;base64," + "A" * (8 * 1024 * 1024),
     "The image is too large: 6.0 MB, the limit is 5 MB."),
    ("data:image/png;base64," + base64.b64encode(grey_png(6300, 6300)).decode(),
     f"The image has too many pixels: 6300 x 6300; {LIMITS}"),
])
def test_a_bad_data_url_is_refused_with_a_message(data_url, message):
    assert refused(data_url) == message


def test_every_upload_limit_comes_from_the_core(app_db_path):
    from cxcore import personas, workshops

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    backup_mb = backup.MAX_BYTES // 1024 // 1024
    assert config["server"]["maxUploadSize"] == max(backup_mb, portraits.MAX_UPLOAD_MB)
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    personas.add_persona(conn, wid, "Leo")
    at = open_app(app_db_path, page="pages/personas.py", workshop_id=wid)
    [box] = at.get("file_uploader")
    assert box.proto.max_upload_size_mb == portraits.MAX_UPLOAD_MB
    assert re.search(r"up to (\d+) MB", box.label).group(1) == str(portraits.MAX_UPLOAD_MB)
    home = open_app(app_db_path)
    [import_box] = home.get("file_uploader")
    assert import_box.proto.max_upload_size_mb == backup_mb
    assert f"up to {backup_mb} MB" in import_box.proto.help
