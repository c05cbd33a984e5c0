"""The JSON backup: a versioned document holding one whole workshop.

Ids inside a document are local to it: each table's rows are numbered 1..n in id order and
references are rewritten to match, so exporting an imported backup gives the same document.
"""
from __future__ import annotations

import json
import math
from typing import Any

import sqlite_utils

from . import db as store
from . import importer
from . import rows as row_rules
from . import workshops
# The modules that own the artefact tables register their row rules when imported.
from . import (brainstorm, cards, challenge, empathy, goals, ideas, journeys,  # noqa: F401
               measurement, personas, plan, settings, stakeholders, statements, touchpoints,
               whys)
from .text import ValidationError, clean_text

FORMAT = "cx-strategy-workshop"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 1_000_000  # a persona thumbnail is stored as a data URL
WORKSHOP_FIELDS = ("title", "organisation", "facilitator", "created", "updated")
_TYPES = {"TEXT": (str,), "INTEGER": (int,), "REAL": (int, float)}
_TYPE_WORDS = {"TEXT": "text", "INTEGER": "a whole number", "REAL": "a number"}


class BackupError(ValueError):
    """A file that is not a usable backup; the message says what is wrong and where."""


def export_document(db: sqlite_utils.Database, workshop_id: int) -> dict[str, Any]:
    workshop = workshops.get(db, workshop_id)
    tables: dict[str, list[dict[str, Any]]] = {}
    local_ids: dict[str, dict[int, int]] = {}
    for table in store.artefact_tables(db):
        rows = list(db[table].rows_where("workshop_id = ?", [workshop_id], order_by="id"))
        local_ids[table] = {row["id"]: number for number, row in enumerate(rows, start=1)}
        tables[table] = rows
    for table, rows in tables.items():
        refs = _references(db, table)
        for row in rows:
            del row["workshop_id"]
            row["id"] = local_ids[table][row["id"]]
            for column, other in refs.items():
                if row[column] is not None:
                    row[column] = local_ids[other].get(row[column])
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": {field: getattr(workshop, field) for field in WORKSHOP_FIELDS},
        "tables": tables,
    }


def export_json(db: sqlite_utils.Database, workshop_id: int) -> str:
    return json.dumps(export_document(db, workshop_id), ensure_ascii=False, indent=2) + "\n"


def parse(data: bytes | str) -> dict[str, Any]:
    """Read the bytes of a backup file into a document, or raise BackupError."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise BackupError(f"The file is too large: {math.ceil(len(data) / 1024 / 1024)} "
                              f"MB, the limit is {MAX_BYTES // 1024 // 1024} MB.")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BackupError(f"The file is not UTF-8 text (byte {error.start}).") from None
    if not data.strip():
        raise BackupError("The file is empty.")
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
        json.dumps(document, ensure_ascii=False).encode("utf-8")  # no lone \ud800 escapes
    except BackupError:  # Infinity or NaN
        raise
    except json.JSONDecodeError as error:
        raise BackupError(f"The file is not valid JSON: line {error.lineno}, column "
                          f"{error.colno}: {error.msg}.") from None
    except UnicodeEncodeError as error:
        raise BackupError(f"The file holds text that is not valid Unicode: an unpaired "
                          f"\\u{ord(error.object[error.start]):04x} escape.") from None
    except RecursionError:
        raise BackupError("The file is not a workshop backup: it is nested too deeply.") from None
    except ValueError:  # an integer of more than 4300 digits
        raise BackupError("The file is not a workshop backup: a number has too many "
                          "digits.") from None
    return document


def _refuse_constant(name: str) -> None:
    raise BackupError(f"The file is not valid JSON: {name} is not a number JSON allows.")


def import_bytes(db: sqlite_utils.Database, data: bytes | str) -> int:
    return import_document(db, parse(data))


def import_document(db: sqlite_utils.Database, document: object) -> int:
    """Create a new workshop from a backup document; return its id.

    The whole document is checked first; then it is written in short transactions that never
    keep other people's edits waiting long (``cxcore.importer``). A refused row or a database
    error leaves nothing behind.
    """
    workshop, tables = _validate(db, document)
    if "readings" in tables:  # a backup of a database the first release let hold two per date
        tables = {**tables, "readings": measurement.merge_same_date(tables["readings"])}
    order = store.artefact_tables(db)
    references = {table: _references(db, table) for table in order}
    in_order = {table: tables[table] for table in order if tables.get(table)}
    try:
        return importer.create_workshop(db, workshop, in_order, references)
    except importer.RowRefused as error:
        raise BackupError(str(error)) from None


def _references(db: sqlite_utils.Database, table: str) -> dict[str, str]:
    return {fk.column: fk.other_table for fk in db[table].foreign_keys
            if fk.other_table != "workshops"}


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _validate(db: sqlite_utils.Database, document: object) -> tuple[dict, dict]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        detail = f" (its format is {found!r})" if isinstance(found, str) else ""
        raise BackupError(f"This is not a CX workshop backup{detail}: expected format {FORMAT!r}.")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BackupError(f"version: expected a whole number, got {_describe(version)}.")
    if version > VERSION:
        raise BackupError(f"This backup is version {version}, newer than this app reads "
                          f"(up to {VERSION}). Update the app to import it.")
    workshop = document.get("workshop")
    if not isinstance(workshop, dict):
        raise BackupError(f"workshop: expected an object, got {_describe(workshop)}.")
    cleaned = {}
    for field in ("title", "organisation", "facilitator"):
        try:
            cleaned[field] = clean_text(workshop.get(field, ""), field=f"workshop.{field}",
                                        max_length=workshops.TITLE_MAX,
                                        required=field == "title")
        except ValidationError as error:
            raise BackupError(str(error)) from None
    created = workshop.get("created")
    cleaned["created"] = created if isinstance(created, str) and len(created) <= 40 else None
    tables = document.get("tables", {})
    if not isinstance(tables, dict):
        raise BackupError(f"tables: expected an object, got {_describe(tables)}.")
    known = store.artefact_tables(db)
    for name in tables:
        if name not in known:
            raise BackupError(f"tables.{name}: this app has no such table.")
    ids = {}
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise BackupError(f"tables.{name}: expected a list, got {_describe(rows)}.")
        ids[name] = _validate_rows(db, name, rows)
    for name, rows in tables.items():
        for column, other in _references(db, name).items():
            for index, row in enumerate(rows):
                target = row.get(column)
                if target is not None and target not in ids.get(other, set()):
                    raise BackupError(f"tables.{name}[{index}].{column}: refers to {other} "
                                      f"id {target}, which is not in the backup.")
    return cleaned, tables


def _validate_rows(db: sqlite_utils.Database, name: str, rows: list) -> set[int]:
    """Check each row's fields against the column types, then against the rules of the module
    that owns the table (the rules typed input obeys), and the rules across the rows."""
    columns = {c.name: c for c in db[name].columns if c.name != "workshop_id"}
    refs = _references(db, name)
    seen: set[int] = set()
    for index, row in enumerate(rows):
        where = f"tables.{name}[{index}]"
        if not isinstance(row, dict):
            raise BackupError(f"{where}: expected an object, got {_describe(row)}.")
        for key, value in row.items():
            column = columns.get(key)
            if column is None:
                raise BackupError(f"{where}.{key}: {name} has no such field.")
            _check_type(where, key, value, column, nullable=not column.notnull or key in refs)
            if key != "id" and key not in refs:
                row[key] = _apply_rule(where, name, key, value)
        row_id = row.get("id")
        if row_id in seen:
            raise BackupError(f"{where}.id: id {row_id} appears twice.")
        if row_id is None:
            raise BackupError(f"{where}.id: every row needs an id.")
        seen.add(row_id)
    try:
        row_rules.check_rows(name, rows)
    except row_rules.RowError as error:
        raise BackupError(f"tables.{name}[{error.index}].{error.field}: {error}") from None
    return seen


def _check_type(where: str, key: str, value: object, column, *, nullable: bool) -> None:
    if value is None and nullable:
        return
    allowed = _TYPES.get(column.type.upper(), (str, int, float))
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise BackupError(f"{where}.{key}: expected "
                          f"{_TYPE_WORDS.get(column.type.upper(), 'a value')}, "
                          f"got {_describe(value)}.")
    if isinstance(value, int) and not -2**63 <= value < 2**63:
        raise BackupError(f"{where}.{key}: the number is too large to store.")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise BackupError(f"{where}.{key}: the text is too long ({len(value)} characters).")


def _apply_rule(where: str, table: str, key: str, value: object) -> object:
    """The value as the owning module's rule cleans it; a column without a rule (a test
    catches those) gets the cleaning every text gets."""
    try:
        if row_rules.has_rule(table, key):
            return row_rules.clean(table, key, value)
        if isinstance(value, str):
            return clean_text(value, field=key, max_length=MAX_TEXT, multiline=True)
        return value
    except ValidationError as error:
        raise BackupError(f"{where}.{key}: {error}") from None
