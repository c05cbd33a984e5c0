"""Cleaning and checking the text people type, before anything is stored."""
from __future__ import annotations

import unicodedata


class ValidationError(ValueError):
    """Input that cannot be stored; the message is shown to the user as it is."""


# Characters that are never wanted in stored text: C0/C1 controls (but tab and newline),
# bidi overrides that can disguise text, and the byte-order mark.
_UNWANTED = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)} | {chr(0x7F)} | {
    chr(c) for c in range(0x80, 0xA0)} | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


# Format characters that show nothing on their own (kept inside text: emoji need the joiner).
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060"


def clean_text(value: object, *, field: str, max_length: int, required: bool = False,
               multiline: bool = False) -> str:
    """Return ``value`` normalised (NFC, no control characters, trimmed) or raise ValidationError."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text.")
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch not in _UNWANTED)
    if not multiline:
        text = " ".join(text.split())
    text = text.strip()
    if required and not text.strip(_INVISIBLE):
        raise ValidationError(f"{field} cannot be empty.")
    if len(text) > max_length:
        raise ValidationError(f"{field} is too long: {len(text)} characters, the limit is {max_length}.")
    return text


def clean_int(value: object, *, field: str, low: int, high: int) -> int:
    """Return ``value`` as an int within [low, high] or raise ValidationError."""
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or isinstance(value, float) and not value.is_integer()):  # also NaN and infinity
        raise ValidationError(f"{field} must be a whole number from {low} to {high}.")
    if not low <= int(value) <= high:
        raise ValidationError(f"{field} must be from {low} to {high}, not {int(value)}.")
    return int(value)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut at a word with an ellipsis.

    A single word longer than the limit is cut inside it (there is no word break to use)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.-–—") + "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 voter", "2 voters"."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
