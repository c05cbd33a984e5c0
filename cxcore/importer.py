"""Writing a checked backup into the database in short turns, so that nobody waits behind it.

A 19 MB backup is a hundred thousand rows. Written in one transaction it holds SQLite's single
write lock for seconds, and every edit made meanwhile waits (and fails after the busy timeout).
Here the rows go in by ``executemany`` in transactions of at most ``BATCH_ROWS`` rows or
``BATCH_CHARS`` characters, with a pause after each as long as it took (SQLite's busy handler
polls, so a waiting writer needs a gap to get in). Until the last turn the new workshop is
marked as being imported (``workshops.IMPORTING``): it is in no list and cannot be opened. If
anything fails it is removed; one left behind by a crash is removed by the next import.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, groupby
from typing import Any

import sqlite_utils

from . import db as store
from . import workshops
from .errors import StoreError

BATCH_ROWS = 2000
BATCH_CHARS = 2_000_000
LONGEST_PAUSE_S = 0.25
STALE_AFTER = dt.timedelta(minutes=10)  # an import that made no progress for this long died

Rows = dict[str, list[dict[str, Any]]]
References = dict[str, dict[str, str]]  # table -> {column: table it refers to}


class RowRefused(ValueError):
    """SQLite refused one row of the backup; ``where`` names it as ``tables.NAME[INDEX]``."""

    def __init__(self, where: str, error: sqlite3.IntegrityError) -> None:
        super().__init__(f"{where}: a value is not allowed ({error}).")


@dataclass
class _Import:
    workshop_id: int
    references: References
    new_ids: dict[str, dict[int, int]] = field(default_factory=dict)
    # (table, column, index in the backup, new row id, backup id it refers to)
    deferred: list[tuple[str, str, int, int, int]] = field(default_factory=list)


def create_workshop(db: sqlite_utils.Database, workshop: dict[str, Any], tables: Rows,
                    references: References) -> int:
    """A new workshop holding ``tables`` (checked rows in the backup's own ids, in the order
    parents first); returns its id. Raises ``RowRefused`` or ``StoreError``; then nothing stays.
    """
    state = _Import(_begin(db, workshop), references)
    try:
        # chain() is lazy: the reference turns are made once every row is in.
        _take_turns(db, state, chain(_insert_turns(state, tables), _reference_turns(state),
                                     [_finish]))
    except BaseException:
        _discard(db, state.workshop_id)
        raise
    return state.workshop_id


def _begin(db: sqlite_utils.Database, workshop: dict[str, Any]) -> int:
    stale = (dt.datetime.now(dt.timezone.utc) - STALE_AFTER).isoformat(timespec="seconds")
    for row in db.execute("SELECT id FROM workshops WHERE status = 'trashed' AND trashed_at = ?"
                          " AND updated < ?", [workshops.IMPORTING, stale]).fetchall():
        _remove(db, row[0])
    stamp = workshops.now()
    with store.write(db):
        return db.execute(
            "INSERT INTO workshops (title, organisation, facilitator, created, updated, status,"
            " trashed_at) VALUES (?, ?, ?, ?, ?, 'trashed', ?)",
            [workshop["title"], workshop["organisation"], workshop["facilitator"],
             workshop.get("created") or stamp, stamp, workshops.IMPORTING]).lastrowid


def _finish(db: sqlite_utils.Database, state: _Import) -> None:
    db.execute("UPDATE workshops SET status = 'active', trashed_at = NULL WHERE id = ?",
               [state.workshop_id])


def _discard(db: sqlite_utils.Database, workshop_id: int) -> None:
    """Remove a failed import; if even that fails (busy, still full), the next import will."""
    with contextlib.suppress(StoreError):
        _remove(db, workshop_id)


def _remove(db: sqlite_utils.Database, workshop_id: int) -> None:
    """Delete a workshop being imported, table by table on the indexed ``workshop_id``.

    Its rows refer only to each other, so foreign keys are off meanwhile: cascading deletes
    look up every reference, and most reference columns have no index (removing 10,000 ideas
    that way takes half a minute). Rows are not zeroed either (Debian builds SQLite with
    secure_delete on): that would need as much free space again, and a full disk is one reason
    to be here.
    """
    secure_delete = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = FAST")
    db.execute("PRAGMA foreign_keys = OFF")  # no effect inside a caller's transaction
    try:
        with store.write(db):
            for table in db.table_names():
                if "workshop_id" in db[table].columns_dict:
                    db.execute(f"DELETE FROM [{table}] WHERE workshop_id = ?", [workshop_id])
            db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])
    finally:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA secure_delete = {int(secure_delete)}")


Turn = Callable[[sqlite_utils.Database, _Import], None]


def _take_turns(db: sqlite_utils.Database, state: _Import, turns: Iterable[Turn]) -> None:
    """Each turn in a write transaction of its own, after a pause as long as the last one
    (none inside a caller's transaction: the lock would be held through the pause)."""
    last = 0.0
    for turn in turns:
        if not db.conn.in_transaction:
            time.sleep(min(last, LONGEST_PAUSE_S))
        started = time.perf_counter()
        with store.write(db):
            turn(db, state)
            workshops.touch(db, state.workshop_id)  # the import is alive (see STALE_AFTER)
        last = time.perf_counter() - started


def _insert_turns(state: _Import, tables: Rows) -> Iterator[Turn]:
    """Turns that insert every row, tables in order, each at most one batch."""
    batch: list[tuple[str, int, list[dict[str, Any]]]] = []
    rows_in = chars_in = 0
    for table, rows in tables.items():
        start = 0
        for index, row in enumerate(rows):
            size = _chars(row)
            if rows_in and (rows_in == BATCH_ROWS or chars_in + size > BATCH_CHARS):
                if index > start:
                    batch.append((table, start, rows[start:index]))
                yield _insert_turn(batch)
                batch, rows_in, chars_in, start = [], 0, 0, index
            rows_in, chars_in = rows_in + 1, chars_in + size
        if start < len(rows):
            batch.append((table, start, rows[start:]))
    if batch:
        yield _insert_turn(batch)


def _chars(row: dict[str, Any]) -> int:
    return 16 + sum(len(value) for value in row.values() if isinstance(value, str))


def _insert_turn(batch: list[tuple[str, int, list[dict[str, Any]]]]) -> Turn:
    def turn(db: sqlite_utils.Database, state: _Import) -> None:
        for table, start, rows in batch:
            _insert_rows(db, state, table, start, rows)
    return turn


def _insert_rows(db: sqlite_utils.Database, state: _Import, table: str, start: int,
                 rows: list[dict[str, Any]]) -> None:
    """Insert rows under new ids after the table's highest; references to rows already in go
    in at once, the others (forward or in a cycle) wait for ``_reference_turns``."""
    next_id = db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]
    mapping = state.new_ids.setdefault(table, {})
    numbered = list(enumerate(rows, start=start))
    for columns, same_columns in groupby(numbered, key=lambda pair: [k for k in pair[1]
                                                                     if k != "id"]):
        group = list(same_columns)
        values = []
        for offset, (index, row) in enumerate(group):
            values.append(_values(state, table, index, row, columns, next_id + offset))
            mapping[row["id"]] = next_id + offset
        names = ", ".join(f"[{c}]" for c in ["id", "workshop_id", *columns])
        try:
            db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES "
                                f"({', '.join('?' * (len(columns) + 2))})", values)
        except sqlite3.IntegrityError as error:
            done = db.execute(f"SELECT count(*) FROM [{table}] WHERE id >= ?",
                              [next_id]).fetchone()[0]
            index = group[done][0]
            raise RowRefused(_where(state, table, index, error), error) from None
        next_id += len(group)


def _values(state: _Import, table: str, index: int, row: dict[str, Any], columns: list[str],
            new_id: int) -> list[Any]:
    values: list[Any] = [new_id, state.workshop_id]
    references = state.references.get(table, {})
    for column in columns:
        value = row[column]
        if column in references and value is not None:
            target = state.new_ids.get(references[column], {}).get(value)
            if target is None:
                state.deferred.append((table, column, index, new_id, value))
            value = target
        values.append(value)
    return values


def _where(state: _Import, table: str, index: int, error: sqlite3.IntegrityError) -> str:
    """``tables.NAME[INDEX]``, with the reference column when a UNIQUE one refused the row."""
    failed = str(error).removeprefix("UNIQUE constraint failed: ").split(", ")
    for column in state.references.get(table, {}):
        if f"{table}.{column}" in failed:
            return f"tables.{table}[{index}].{column}"
    return f"tables.{table}[{index}]"


def _reference_turns(state: _Import) -> Iterator[Turn]:
    """Turns that set the references left out at insert time (known only once all rows are)."""
    for start in range(0, len(state.deferred), BATCH_ROWS):
        yield _set_references(start)


def _set_references(start: int) -> Turn:
    def turn(db: sqlite_utils.Database, state: _Import) -> None:
        for table, column, index, row_id, target in state.deferred[start:start + BATCH_ROWS]:
            try:
                db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?",
                           [state.new_ids[state.references[table][column]][target], row_id])
            except sqlite3.IntegrityError as error:
                raise RowRefused(f"tables.{table}[{index}].{column}", error) from None
    return turn
