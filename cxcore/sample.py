"""The bundled sample workshop: a retail bank's CX strategy workshop, kept as a JSON backup."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from . import backup

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_workshop.json"


def create_sample(db: sqlite_utils.Database) -> int:
    """Import a fresh copy of the sample workshop and return its id."""
    return backup.import_bytes(db, SAMPLE_PATH.read_bytes())
