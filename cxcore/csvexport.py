"""The CSV export: a zip with one CSV per table, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
import zipfile

import sqlite_utils

from . import backup

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table_csv(rows: list[dict], columns: list[str]) -> bytes:
    """One table as CSV bytes: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else neutralise(row.get(c)) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_zip(db: sqlite_utils.Database, workshop_id: int) -> bytes:
    """``workshop.csv`` plus one CSV per artefact table, ids as in the JSON backup."""
    document = backup.export_document(db, workshop_id)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        workshop = document["workshop"]
        archive.writestr("workshop.csv", table_csv([workshop], list(workshop)))
        for table, rows in document["tables"].items():
            columns = [c for c in db[table].columns_dict if c != "workshop_id"]
            archive.writestr(f"{table}.csv", table_csv(rows, columns))
    return out.getvalue()
