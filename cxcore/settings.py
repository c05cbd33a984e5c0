"""Per-workshop settings kept as name/value text pairs in the ``settings`` table.

Each step that needs a setting reads it with a default and converts the text itself; the
setting's owner validates the value before calling ``set_value``.
"""
from __future__ import annotations

import sqlite_utils

from . import db as store
from . import rows, workshops

NAME_MAX = 60
VALUE_MAX = 500
rows.register("settings", name=rows.text("Setting name", NAME_MAX, required=True),
              value=rows.text("Setting value", VALUE_MAX))


def get(db: sqlite_utils.Database, workshop_id: int, name: str, default: str = "") -> str:
    """The stored value of ``name`` for the workshop, or ``default`` when it was never set."""
    row = db.execute("SELECT value FROM settings WHERE workshop_id = ? AND name = ?",
                     [workshop_id, name]).fetchone()
    return default if row is None else row[0]


def set_value(db: sqlite_utils.Database, workshop_id: int, name: str, value: str) -> None:
    """Store ``value`` under ``name`` for the workshop (insert or replace)."""
    name = rows.clean("settings", "name", name)
    value = rows.clean("settings", "value", value)
    with store.write(db):
        workshops.get(db, workshop_id)
        db.execute("INSERT INTO settings (workshop_id, name, value) VALUES (?, ?, ?)"
                   " ON CONFLICT (workshop_id, name) DO UPDATE SET value = excluded.value",
                   [workshop_id, name, value])
        workshops.touch(db, workshop_id)
