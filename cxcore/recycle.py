"""Recently deleted artefacts: delete with a way back, and say what goes with a deletion.

``delete`` snapshots, in the transaction that deletes, the row, every row that goes with it
through ON DELETE CASCADE and every reference that ON DELETE SET NULL clears, and keeps the
snapshot as JSON in the ``recycle`` table (not an artefact table: never in backups or exports).
``restore`` puts the rows back with their ids and re-sets the cleared references. An id taken
since (SQLite hands the highest id out again) gets a new id, and the references are moved with
it; a UNIQUE slot taken since, or a parent deleted since, refuses cleanly.
``dependents`` and ``question`` say in plain words what a deletion takes with it.
Only artefact tables are followed: the live room's state is not restored.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import recycle_words as words
from . import workshops
from .recycle_words import describe, noun
from .text import ValidationError

KEEP_PER_WORKSHOP = 50
KEEP_DAYS = 7

# One row per workshop (or per kind) may carry these flags; a restored row gives its flag up
# when another row holds it now.
ONE_PER = {"challenges": ("chosen", ()), "statements": ("final", ("kind",))}


class RestoreConflict(ValidationError):
    """The deleted rows cannot come back as they were; nothing was changed."""


@dataclass(frozen=True)
class Reference:
    table: str
    column: str
    target: str
    on_delete: str


@dataclass(frozen=True)
class Deleted:
    token: int
    created: str
    label: str


@dataclass
class Snapshot:
    table: str
    row_id: int
    rows: dict[str, dict[int, dict]]
    cleared: list[tuple[str, int, str, int]]  # (table, id, column, the id it pointed at)
    field: tuple[str, object] | None = None  # an emptied field (column, value), not a deletion

    def to_json(self) -> str:
        return json.dumps({"table": self.table, "id": self.row_id, "cleared": self.cleared,
                           "rows": {t: list(rows.values()) for t, rows in self.rows.items()},
                           "field": self.field})

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        rows = {t: {r["id"]: r for r in listed} for t, listed in data["rows"].items()}
        field = tuple(data["field"]) if data.get("field") else None
        return cls(data["table"], data["id"], rows, [tuple(c) for c in data["cleared"]], field)

    @property
    def root(self) -> dict:
        return self.rows[self.table][self.row_id]


def references(db: sqlite_utils.Database) -> list[Reference]:
    """Every foreign key from one artefact table to another, with what a deletion does."""
    tables = set(store.artefact_tables(db))
    return [Reference(table, row[3], row[2], row[6].upper())
            for table in sorted(tables)
            for row in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()
            if row[2] in tables]


def _rows(db: sqlite_utils.Database, table: str, column: str, values: list[int]) -> list[dict]:
    if not values:
        return []
    marks = ", ".join("?" * len(values))
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE [{column}] IN ({marks}) ORDER BY id",
                        values)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def snapshot(db: sqlite_utils.Database, table: str, row_id: int) -> Snapshot:
    """What deleting row ``row_id`` of ``table`` takes and clears, read before it happens."""
    refs = references(db)
    doomed: dict[str, dict[int, dict]] = {}
    queue = [(table, [row_id])]
    while queue:
        current, ids = queue.pop()
        fresh = [r for r in _rows(db, current, "id", ids) if r["id"] not in doomed.get(current, {})]
        doomed.setdefault(current, {}).update({r["id"]: r for r in fresh})
        for ref in refs:
            if ref.target == current and ref.on_delete == "CASCADE" and fresh:
                children = _rows(db, ref.table, ref.column, [r["id"] for r in fresh])
                queue.append((ref.table, [r["id"] for r in children]))
    cleared = [(ref.table, r["id"], ref.column, r[ref.column])
               for ref in refs if ref.on_delete == "SET NULL" and doomed.get(ref.target)
               for r in _rows(db, ref.table, ref.column, list(doomed[ref.target]))
               if r["id"] not in doomed.get(ref.table, {})]
    return Snapshot(table, row_id, {t: rows for t, rows in doomed.items() if rows}, cleared)


def delete(db: sqlite_utils.Database, workshop_id: int, table: str, row_id: object,
           action: Callable[[sqlite_utils.Database, int, int], object] | None = None) -> int:
    """Delete one artefact row of this workshop, keeping a way back; returns the Undo token.

    ``action(db, workshop_id, row_id)`` is the step's own delete (with its rules, e.g. only a
    draft card may go); without it the row is deleted as it is. Both run in this transaction.
    """
    with store.write(db):
        _check_table(db, table)
        workshops.owned_row(db, table, workshop_id, row_id, noun(table))
        taken = snapshot(db, table, row_id)  # type: ignore[arg-type]
        if action is None:
            db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        else:
            action(db, workshop_id, row_id)  # type: ignore[arg-type]
        if db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row_id]).fetchone():
            raise RuntimeError(f"{action} did not delete {table} {row_id}")  # a bug, not input
        workshops.touch(db, workshop_id)
        return _keep(db, workshop_id, describe(taken.table, taken.root), taken)


def clear(db: sqlite_utils.Database, workshop_id: int, table: str, row_id: object, column: str,
          action: Callable[[sqlite_utils.Database, int, int], object]) -> int:
    """Empty one field with the step's own ``action`` (e.g. remove a persona's picture),
    keeping a way back; returns the Undo token."""
    with store.write(db):
        _check_table(db, table)
        row = workshops.owned_row(db, table, workshop_id, row_id, noun(table))
        action(db, workshop_id, row_id)  # type: ignore[arg-type]
        label = f"{FIELD_NOUNS.get(column, column).capitalize()} of {describe(table, row)}"
        return _keep(db, workshop_id, label, Snapshot(table, row["id"], {}, [],
                                                      (column, row[column])))


FIELD_NOUNS = {"image": "picture"}


def _keep(db: sqlite_utils.Database, workshop_id: int, label: str, taken: Snapshot) -> int:
    token = db.execute(
        "INSERT INTO recycle (workshop_id, created, label, snapshot) VALUES (?, ?, ?, ?)",
        [workshop_id, workshops.now(), label, taken.to_json()]).lastrowid
    prune(db, workshop_id)
    return token


def _check_table(db: sqlite_utils.Database, table: str) -> None:
    if table not in store.artefact_tables(db):
        raise ValidationError(f"Unknown kind of item: {table}.")


def prune(db: sqlite_utils.Database, workshop_id: int, today: dt.datetime | None = None) -> None:
    """Forget deletions older than KEEP_DAYS, and all but the newest KEEP_PER_WORKSHOP."""
    cutoff = (today or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=KEEP_DAYS)
    with store.write(db):
        db.execute("DELETE FROM recycle WHERE workshop_id = ? AND created < ?",
                   [workshop_id, cutoff.isoformat(timespec="seconds")])
        db.execute("DELETE FROM recycle WHERE workshop_id = ? AND id NOT IN (SELECT id FROM"
                   " recycle WHERE workshop_id = ? ORDER BY id DESC LIMIT ?)",
                   [workshop_id, workshop_id, KEEP_PER_WORKSHOP])


def recently_deleted(db: sqlite_utils.Database, workshop_id: int) -> list[Deleted]:
    """What this workshop can still get back, newest first."""
    return [Deleted(*row) for row in db.execute(
        "SELECT id, created, label FROM recycle WHERE workshop_id = ? ORDER BY id DESC",
        [workshop_id]).fetchall()]


def restore(db: sqlite_utils.Database, workshop_id: int, token: object) -> str:
    """Put a deletion back as it was; returns what to tell the user (e.g. "Idea restored")."""
    with store.write(db):
        row = _entry(db, workshop_id, token)
        taken = Snapshot.from_json(row["snapshot"])
        if taken.field:
            return _refill(db, workshop_id, taken, row)
        db.execute("PRAGMA defer_foreign_keys = ON")
        notes = _free_single_flags(db, workshop_id, taken)
        gone = _deleted_since(db, workshop_id, row["id"])
        moved = _insert_rows(db, workshop_id, taken, row["label"], gone)
        _relink(db, workshop_id, taken, moved, gone)
        _refuse_broken_links(db, taken, row["label"])
        db.execute("DELETE FROM recycle WHERE id = ?", [row["id"]])
        workshops.touch(db, workshop_id)
    return " ".join([f"{noun(taken.table).capitalize()} restored."] + notes)


def _refill(db: sqlite_utils.Database, workshop_id: int, taken: Snapshot, entry: dict) -> str:
    column, value = taken.field  # type: ignore[misc]
    found = db.execute(f"SELECT [{column}] FROM [{taken.table}] WHERE id = ? AND workshop_id = ?",
                       [taken.row_id, workshop_id]).fetchone()
    what = FIELD_NOUNS.get(column, column)
    if found is None:
        raise RestoreConflict(f"{entry['label']} cannot be restored: the {noun(taken.table)} "
                              "was deleted since. Restore that first.")
    if found[0] not in (None, ""):
        raise RestoreConflict(f"{entry['label']} cannot be restored: a new {what} was added "
                              f"since. Remove that one first.")
    db.execute(f"UPDATE [{taken.table}] SET [{column}] = ? WHERE id = ?", [value, taken.row_id])
    db.execute("DELETE FROM recycle WHERE id = ?", [entry["id"]])
    workshops.touch(db, workshop_id)
    return f"{what.capitalize()} restored."


def _entry(db: sqlite_utils.Database, workshop_id: int, token: object) -> dict:
    if isinstance(token, bool) or not isinstance(token, int):
        raise workshops.NotFoundError("That deletion cannot be undone any more.")
    rows = list(db["recycle"].rows_where("id = ? AND workshop_id = ?", [token, workshop_id]))
    if not rows:
        raise workshops.NotFoundError("That deletion cannot be undone any more "
                                      "(it was restored already, or is too old).")
    return rows[0]


def _free_single_flags(db: sqlite_utils.Database, workshop_id: int, taken: Snapshot) -> list[str]:
    """A restored chosen challenge or final statement becomes a draft if another took its place."""
    notes = []
    for table, (flag, scope) in ONE_PER.items():
        for row in taken.rows.get(table, {}).values():
            if not row[flag]:
                continue
            where = " AND ".join([f"[{flag}] = 1", "workshop_id = ?"] + [f"[{c}] = ?" for c in scope])
            params = [workshop_id] + [row[c] for c in scope]
            if db.execute(f"SELECT 1 FROM [{table}] WHERE {where}", params).fetchone():
                row[flag] = 0
                notes.append(f"It is back as a draft: another {noun(table)} is the "
                             f"{flag} one now.")
    return notes


def _deleted_since(db: sqlite_utils.Database, workshop_id: int, token: int) -> set:
    """(table, id) of the rows that later deletions in this workshop took: a row with such an
    id now is a newer one that SQLite gave the same id, not the one a snapshot points at."""
    gone: set[tuple[str, int]] = set()
    for (text,) in db.execute("SELECT snapshot FROM recycle WHERE workshop_id = ? AND id > ?",
                              [workshop_id, token]).fetchall():
        gone.update((table, row["id"]) for table, rows in json.loads(text)["rows"].items()
                    for row in rows)
    return gone


def _insert_rows(db: sqlite_utils.Database, workshop_id: int, taken: Snapshot, label: str,
                 gone: set) -> dict:
    """Insert every row, parents first; a row whose id was taken since gets a new one.

    Returns {(table, old id): new id} for the rows that moved.
    """
    moved: dict[tuple[str, int], int] = {}
    links = {(ref.table, ref.column): ref for ref in references(db)}
    for table in store.artefact_tables(db):
        for row in taken.rows.get(table, {}).values():
            row = {column: _target(db, workshop_id, taken, moved, links[(table, column)], value,
                                   label, gone) if (table, column) in links and value is not None
                   else value for column, value in row.items()}
            if db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row["id"]]).fetchone():
                old = row.pop("id")
                moved[(table, old)] = _insert(db, table, row, label)
            else:
                _insert(db, table, row, label)
    return moved


def _target(db: sqlite_utils.Database, workshop_id: int, taken: Snapshot, moved: dict,
            ref: Reference, value: int, label: str, gone: set) -> int | None:
    """Where a restored row's reference points now. A link to something deleted since is
    dropped (as that deletion would have done); a missing owner refuses the restore."""
    if (ref.target, value) in moved:
        return moved[(ref.target, value)]
    if value in taken.rows.get(ref.target, {}):
        return value
    found = db.execute(f"SELECT workshop_id FROM [{ref.target}] WHERE id = ?", [value]).fetchone()
    if found and found[0] == workshop_id and (ref.target, value) not in gone:
        return value
    if ref.on_delete == "SET NULL":
        return None
    raise RestoreConflict(f"{label} cannot be restored: the {noun(ref.target)} it belongs to "
                          "was deleted since. Restore that first.")


def _insert(db: sqlite_utils.Database, table: str, row: dict, label: str) -> int:
    columns = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" * len(row))
    try:
        return db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})",
                          list(row.values())).lastrowid
    except sqlite3.IntegrityError as error:
        raise RestoreConflict(f"{label} cannot be restored: {_taken_slot(table, error)}") from None


def _taken_slot(table: str, error: sqlite3.IntegrityError) -> str:
    text = str(error)
    if text.startswith("UNIQUE constraint failed:"):
        columns = [c.strip().split(".")[-1].replace("_id", "").replace("_", " ")
                   for c in text.split(":", 1)[1].split(",")]
        return (f"another {noun(table)} with the same {' and '.join(columns)} "
                "was added since. Delete or change that one first.")
    return f"it no longer fits what is there now ({text})."


def _relink(db: sqlite_utils.Database, workshop_id: int, taken: Snapshot, moved: dict,
            gone: set) -> None:
    """Point what the deletion unlinked back at the restored rows, where still unlinked; and
    move references within the restored rows that were inserted before their target moved."""
    links = {(ref.table, ref.column): ref.target for ref in references(db)}
    for table, row_id, column, target_id in taken.cleared:
        if (table, row_id) in gone:
            continue
        target = moved.get((links[(table, column)], target_id), target_id)
        db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ? AND workshop_id = ?"
                   f" AND [{column}] IS NULL", [target, row_id, workshop_id])
    for (table, old), new in moved.items():
        for (referrer, column), target in links.items():
            if target == table and referrer in taken.rows:
                ids = [moved.get((referrer, i), i) for i in taken.rows[referrer]]
                marks = ", ".join("?" * len(ids))
                db.execute(f"UPDATE [{referrer}] SET [{column}] = ? WHERE [{column}] = ?"
                           f" AND id IN ({marks})", [new, old, *ids])


def _refuse_broken_links(db: sqlite_utils.Database, taken: Snapshot, label: str) -> None:
    """A last check before COMMIT: a deferred foreign key that fails there would leave the
    transaction open instead of rolling it back."""
    for table in taken.rows:
        if db.execute(f"PRAGMA foreign_key_check([{table}])").fetchone():
            raise RestoreConflict(f"{label} cannot be restored: it refers to something that "
                                  "is gone now.")


# ---- what goes with a deletion, for the confirmation

def dependents(db: sqlite_utils.Database, workshop_id: int, table: str,
               row_id: object) -> list[str]:
    """What goes with a deletion, in plain words: ["its 3 votes", "its score", "the card “We
    believe…” loses its link"], or ["it is the chosen focusing challenge"]. Empty: nothing."""
    return [phrase for group in _words(db, workshop_id, table, row_id) for phrase in group]


def question(db: sqlite_utils.Database, workshop_id: int, table: str,
             row_id: object) -> str | None:
    """"Delete this idea? Its 3 votes and its score go with it, and the card “We believe…”
    loses its link." None when nothing else depends on the row."""
    return words.question(table, *_words(db, workshop_id, table, row_id))


def _words(db: sqlite_utils.Database, workshop_id: int, table: str,
           row_id: object) -> tuple[list[str], list[str], list[str]]:
    """(what the row is, what goes with it, what loses its link)."""
    _check_table(db, table)
    row = workshops.owned_row(db, table, workshop_id, row_id, noun(table))
    taken = snapshot(db, table, row_id)  # type: ignore[arg-type]
    unlinked = [(t, _rows(db, t, "id", [i])[0]) for t, i, _column, _target in taken.cleared]
    return (words.flags(table, row), words.goes_with(taken.table, taken.root, taken.rows),
            words.unlinks(unlinked))
