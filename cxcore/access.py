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
        if not typed or not hmac.compare_digest(typed.upper().encode(), expected.upper().encode()):
            db["access_failures"].insert({"kind": "passphrase", "at": now})
            raise ValidationError("That is not the facilitator passphrase.")
