"""Workshops: create, list, rename, duplicate, trash, restore and delete for good."""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from .text import ValidationError, clean_text

TITLE_MAX = 120
NAME_MAX = 120
# A workshop that a backup import is still writing: status 'trashed' with this in trashed_at,
# so that it cannot be opened, and in neither list (cxcore.importer).
IMPORTING = "importing"


class NotFoundError(LookupError):
    """No workshop (or artefact) with that id."""


@dataclass(frozen=True)
class Workshop:
    id: int
    title: str
    organisation: str
    facilitator: str
    created: str
    updated: str
    status: str
    trashed_at: str | None = None

    @property
    def is_trashed(self) -> bool:
        return self.status == "trashed"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _clean_fields(title: str, organisation: str, facilitator: str) -> dict[str, str]:
    return {
        "title": clean_text(title, field="Title", max_length=TITLE_MAX, required=True),
        "organisation": clean_text(organisation, field="Organisation", max_length=NAME_MAX),
        "facilitator": clean_text(facilitator, field="Facilitator", max_length=NAME_MAX),
    }


def create(db: sqlite_utils.Database, title: str, organisation: str = "",
           facilitator: str = "") -> int:
    fields = _clean_fields(title, organisation, facilitator)
    stamp = now()
    with store.write(db):
        cursor = db.execute(
            "INSERT INTO workshops (title, organisation, facilitator, created, updated, status)"
            " VALUES (?, ?, ?, ?, ?, 'active')",
            [fields["title"], fields["organisation"], fields["facilitator"], stamp, stamp])
    return cursor.lastrowid


def get(db: sqlite_utils.Database, workshop_id: int) -> Workshop:
    rows = list(db["workshops"].rows_where("id = ?", [workshop_id]))
    if not rows:
        raise NotFoundError(f"There is no workshop with id {workshop_id}.")
    return Workshop(**rows[0])


def owned_row(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: object,
              noun: str) -> dict:
    """Row ``row_id`` of an artefact table, if it belongs to this workshop; else NotFoundError."""
    if isinstance(row_id, bool) or not isinstance(row_id, int):
        raise NotFoundError(f"There is no {noun} with id {row_id}.")
    rows = list(db[table].rows_where("id = ? AND workshop_id = ?", [row_id, workshop_id]))
    if not rows:
        raise NotFoundError(f"There is no {noun} with id {row_id}.")
    return rows[0]


@dataclass
class Expectation:
    """The value an editor was drawn with; after the save, what another edit had put there."""
    old: object
    overwritten: bool = False
    found: object = None
    saved: object = None


_expected: ContextVar[Expectation | None] = ContextVar("expected_value", default=None)


@contextlib.contextmanager
def expecting(old: object) -> Iterator[Expectation]:
    """Save an edit made on ``old``: ``update_owned`` compares, inside its write transaction,
    the stored value with ``old`` and notes in the yielded Expectation when another tab or
    person changed it meanwhile. The edit is saved all the same (the person typing is the one
    acting now; the note tells them what they replaced)."""
    check = Expectation(old)
    token = _expected.set(check)
    try:
        yield check
    finally:
        _expected.reset(token)


def same_value(stored: object, drawn: object) -> bool:
    """Whether a stored value is the one an editor shows: NULL and "" alike, 3 and 3.0 alike,
    a date and its ISO text alike."""
    if stored in (None, "") and drawn in (None, ""):
        return True
    return stored == drawn or str(stored) == str(drawn)


def _note_overwrite(row: dict, values: dict) -> None:
    check = _expected.get()
    if check is None or not values:
        return
    column, new = next(iter(values.items()))  # the edited field comes first
    if not same_value(row[column], check.old) and not same_value(row[column], new):
        check.overwritten, check.found, check.saved = True, row[column], new


def update_owned(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: object,
                 noun: str, values: dict) -> None:
    """Write already-cleaned ``values`` to one artefact row of this workshop, in one transaction
    (under ``expecting``, noting a value changed since the editor was drawn)."""
    with store.write(db):
        _note_overwrite(owned_row(db, table, workshop_id, row_id, noun), values)
        db[table].update(row_id, values)
        touch(db, workshop_id)


def delete_owned(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: object,
                 noun: str) -> None:
    """Delete one artefact row of this workshop (its children go by ON DELETE CASCADE)."""
    with store.write(db):
        owned_row(db, table, workshop_id, row_id, noun)
        db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        touch(db, workshop_id)


def find(db: sqlite_utils.Database, workshop_id: object) -> Workshop | None:
    """The workshop for an id that came from outside (a URL, a widget), or None."""
    try:
        return get(db, int(workshop_id))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, NotFoundError):
        return None


def list_workshops(db: sqlite_utils.Database, *, trashed: bool = False) -> list[Workshop]:
    status = "trashed" if trashed else "active"
    return [Workshop(**row) for row in db["workshops"].rows_where(
        "status = ? AND trashed_at IS NOT ?", [status, IMPORTING],
        order_by="updated DESC, id DESC")]


def last_worked_on(db: sqlite_utils.Database) -> Workshop | None:
    """The active workshop updated most recently (where a fresh visit picks up), or None."""
    active = list_workshops(db)
    return active[0] if active else None


def update_details(db: sqlite_utils.Database, workshop_id: int, title: str,
                   organisation: str, facilitator: str) -> None:
    """Rename a workshop and set who runs it and for which organisation."""
    fields = _clean_fields(title, organisation, facilitator)
    with store.write(db):
        get(db, workshop_id)
        db.execute("UPDATE workshops SET title = ?, organisation = ?, facilitator = ?,"
                   " updated = ? WHERE id = ?",
                   [fields["title"], fields["organisation"], fields["facilitator"], now(),
                    workshop_id])


def rename(db: sqlite_utils.Database, workshop_id: int, title: str) -> None:
    current = get(db, workshop_id)
    update_details(db, workshop_id, title, current.organisation, current.facilitator)


def touch(db: sqlite_utils.Database, workshop_id: int) -> None:
    """Mark a workshop as just edited; call inside the write that changed it."""
    db.execute("UPDATE workshops SET updated = ? WHERE id = ?", [now(), workshop_id])


def duplicate(db: sqlite_utils.Database, workshop_id: int, title: str | None = None) -> int:
    """A deep copy of the workshop and every artefact, e.g. for next quarter's run."""
    from . import backup  # backup builds on this module

    document = backup.export_document(db, workshop_id)
    source = document["workshop"]
    suffix = " (copy)"  # shorten a long title so that the copy's title still fits
    default = source["title"][:TITLE_MAX - len(suffix)].rstrip() + suffix
    source["title"] = clean_text(title or default, field="Title", max_length=TITLE_MAX,
                                 required=True)
    return backup.import_document(db, document)


def move_to_trash(db: sqlite_utils.Database, workshop_id: int) -> None:
    with store.write(db):
        get(db, workshop_id)
        db.execute("UPDATE workshops SET status = 'trashed', trashed_at = ? WHERE id = ?",
                   [now(), workshop_id])


def restore(db: sqlite_utils.Database, workshop_id: int) -> None:
    with store.write(db):
        get(db, workshop_id)
        db.execute("UPDATE workshops SET status = 'active', trashed_at = NULL WHERE id = ?",
                   [workshop_id])


def delete_for_good(db: sqlite_utils.Database, workshop_id: int) -> None:
    """Delete a trashed workshop and all its artefacts. Active workshops go to the trash first."""
    with store.write(db):
        workshop = get(db, workshop_id)
        if not workshop.is_trashed:
            raise ValidationError("Move the workshop to the trash before deleting it for good.")
        db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])
