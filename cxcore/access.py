"""Who may open the facilitator's console: the machine that runs the app, or anyone with the
facilitator passphrase. Participants on the same network who type the bare address get the
join page instead.

The passphrase is ``CX_FACILITATOR_PASSWORD`` when set; otherwise one is made on first start,
kept in the database and shown on the facilitator's own (local) screen.
``CX_TREAT_LOCAL_AS_REMOTE=1`` makes this machine count as another device (for tests, or a
kiosk that should ask too).
"""
from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import time

import sqlite_utils

from . import db as store
from .text import ValidationError

PASSPHRASE_NAME = "facilitator_passphrase"
FAILURES_PER_MINUTE = 10
_WORDS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def is_local(address: str | None) -> bool:
    """True for a browser on the machine that runs the app (loopback), unless switched off."""
    if os.environ.get("CX_TREAT_LOCAL_AS_REMOTE") == "1" or not address:
        return False
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def passphrase(db: sqlite_utils.Database) -> str:
    """The facilitator passphrase (made and stored on first use when the environment sets none)."""
    configured = os.environ.get("CX_FACILITATOR_PASSWORD")
    if configured:
        return configured
    row = db.execute("SELECT value FROM app_secrets WHERE name = ?", [PASSPHRASE_NAME]).fetchone()
    if row:
        return row[0]
    made = "-".join("".join(secrets.choice(_WORDS) for _ in range(4)) for _ in range(3))
    with store.write(db):
        db.execute("INSERT OR IGNORE INTO app_secrets (name, value) VALUES (?, ?)",
                   [PASSPHRASE_NAME, made])
    return db.execute("SELECT value FROM app_secrets WHERE name = ?", [PASSPHRASE_NAME]).fetchone()[0]


def passphrase_is_configured() -> bool:
    return bool(os.environ.get("CX_FACILITATOR_PASSWORD"))


def check_passphrase(db: sqlite_utils.Database, given: object) -> None:
    """Accept the right passphrase; refuse a wrong one (and more than 10 tries a minute)."""
    now = time.time()
    with store.write(db):
        db.execute("DELETE FROM access_failures WHERE at < ?", [now - 60])
        failures = db.execute("SELECT COUNT(*) FROM access_failures WHERE kind = 'passphrase'"
                              ).fetchone()[0]
        if failures >= FAILURES_PER_MINUTE:
            raise ValidationError("Too many wrong passphrases just now: wait a minute.")
        expected = passphrase(db)
        typed = given.strip() if isinstance(given, str) else ""
        wrong = not typed or not hmac.compare_digest(typed.upper().encode(),
                                                     expected.upper().encode())
        if wrong:  # recorded before raising: an exception inside the write rolls it back
            db["access_failures"].insert({"kind": "passphrase", "at": now})
    if wrong:
        raise ValidationError("That is not the facilitator passphrase.")


def join_url(code: str, *, public_url: str | None, browser_url: str | None,
             network_address: str | None) -> str:
    """The link phones open to join: ``CX_PUBLIC_URL`` when set, else the address the
    facilitator's browser used, with ``localhost`` swapped for this machine's network address."""
    from urllib.parse import urlsplit

    if public_url:
        return f"{public_url.rstrip('/')}/join?code={code}"
    parts = urlsplit(browser_url or "http://localhost:8501")
    host = parts.hostname or "localhost"
    if is_loopback_name(host) and network_address:
        host = network_address
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme or 'http'}://{host}{port}/join?code={code}"


def is_loopback_name(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_address() -> str | None:
    """This machine's first non-loopback IPv4 address, as other devices on the network see it
    (read from the host name; no packet is sent)."""
    import socket

    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = info[4][0]
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def qr_png(url: str, scale: int = 12) -> bytes:
    """A QR code of the join link as PNG bytes (segno, pure Python)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


# ---- staying signed in: a signed ticket the browser keeps as a cookie

TICKET_SECRET_NAME = "facilitator_ticket_key"
TICKET_HOURS = 12
TICKET_COOKIE = "cx_facilitator"


def _secret(db: sqlite_utils.Database) -> bytes:
    """The key that signs tickets: made once, kept in the database (never exported)."""
    row = db.execute("SELECT value FROM app_secrets WHERE name = ?", [TICKET_SECRET_NAME]
                     ).fetchone()
    if row is None:
        with store.write(db):
            db.execute("INSERT OR IGNORE INTO app_secrets (name, value) VALUES (?, ?)",
                       [TICKET_SECRET_NAME, secrets.token_urlsafe(32)])
        row = db.execute("SELECT value FROM app_secrets WHERE name = ?", [TICKET_SECRET_NAME]
                         ).fetchone()
    return row[0].encode()


def _signature(db: sqlite_utils.Database, expires: int) -> str:
    # The passphrase is part of what is signed: changing it signs every device out.
    message = f"{expires}:{passphrase(db)}".encode()
    return hmac.new(_secret(db), message, "sha256").hexdigest()


def facilitator_ticket(db: sqlite_utils.Database, now: float | None = None) -> str:
    """A ticket for a device that gave the passphrase: valid for 12 hours."""
    expires = int((time.time() if now is None else now) + TICKET_HOURS * 3600)
    return f"{expires}.{_signature(db, expires)}"


def ticket_is_valid(db: sqlite_utils.Database, ticket: object, now: float | None = None) -> bool:
    if not isinstance(ticket, str) or ticket.count(".") != 1:
        return False
    expires, signature = ticket.split(".")
    if not expires.isdigit() or len(expires) > 12:
        return False
    if int(expires) < (time.time() if now is None else now):
        return False
    return hmac.compare_digest(signature.encode(), _signature(db, int(expires)).encode())
