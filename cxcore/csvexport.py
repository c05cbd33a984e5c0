"""The CSV export: a zip with one readable CSV per artefact, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import sqlite_utils

from . import tables

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table_csv(rows: list[dict], columns: list[str]) -> bytes:
    """One table as CSV bytes: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF."""
    return readable_csv(list(columns), [[row.get(c) for c in columns] for row in rows])


def readable_csv(columns: list[str], rows: list[list]) -> bytes:
    """Rows of values under a header: dates as ISO text, nothing as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else value.isoformat()
                         if isinstance(value, dt.date) else neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_zip(db: sqlite_utils.Database, workshop_id: int,
               today: dt.date | None = None) -> bytes:
    """One CSV per readable table (see ``cxcore.tables``), named after it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables.all_tables(db, workshop_id, today):
            archive.writestr(f"{table.key}.csv", readable_csv(list(table.columns), table.rows))
    return out.getvalue()
