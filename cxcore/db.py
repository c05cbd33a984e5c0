"""SQLite storage: connections, write transactions and the schema migrations.

Conventions every artefact table follows (the exports and duplication rely on them):
- ``id INTEGER PRIMARY KEY`` and ``workshop_id`` referencing ``workshops(id) ON DELETE CASCADE``;
- references to other artefact tables are nullable ``INTEGER`` columns with a foreign key;
- columns are TEXT, INTEGER or REAL with a default, so an older backup imports cleanly.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

BUSY_TIMEOUT_MS = 15_000
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "data" / "workshops.db"

migrations = Migrations("cxcore")

# Shared state of the live room (codes, participant tokens, staged items, the shared timer):
# never part of a workshop's backup, copy or exports.
LIVE_TABLES = frozenset({"live_timers", "rooms", "room_activities", "participants",
                         "room_items", "room_votes", "room_ratings", "room_ready",
                         "app_secrets", "access_failures"})
# Tables with a workshop_id that are not artefacts: the live room's, and the recycle list.
NOT_ARTEFACTS = LIVE_TABLES | {"recycle"}


def database_path() -> str:
    """The database file: ``CX_DB`` from the environment, else ``data/workshops.db``."""
    return os.environ.get("CX_DB") or str(DEFAULT_DB_PATH)


def connect(path: str | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open a connection in autocommit mode with WAL, foreign keys and a busy timeout.

    Open one per unit of work (a Streamlit rerun, a CLI call): connections are cheap and are
    never shared between threads that write.
    """
    path = path or database_path()
    if path != ":memory:":
        _create_private(Path(path))
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if migrate:
        ensure_schema(db, path)
    return db


def _create_private(path: Path) -> None:
    """Make a new database readable by its owner alone: the file 0600, a new folder 0700.

    SQLite gives the -wal and -shm files the main file's mode. A folder the user chose is left
    as it is (it may be shared on purpose); the app's own ``data/`` folder, and a database file
    left there by an older version, are made private.
    """
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not folder.is_dir():  # a file has the folder's name
            raise
    own_folder = folder.resolve() == DEFAULT_DB_PATH.parent
    if own_folder:
        _chmod_if_mine(folder, 0o700)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if own_folder:
            for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                _chmod_if_mine(name, 0o600)
    except OSError:  # e.g. a read-only folder: sqlite3 reports it as it always has
        pass


def _chmod_if_mine(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # missing, or another user's: leave it
        status = path.stat()
        if status.st_uid == os.getuid() and stat.S_IMODE(status.st_mode) != mode:
            path.chmod(mode)


_migrated_paths: set[str] = set()
_migrate_lock = threading.Lock()


def ensure_schema(db: sqlite_utils.Database, path: str = ":memory:") -> None:
    """Apply pending migrations once per process and database file."""
    if path != ":memory:" and path in _migrated_paths:
        return
    from . import schema  # noqa: F401  (registers the migrations)

    with _migrate_lock:
        with write(db):
            migrations.apply(db)
        if path != ":memory:":
            _migrated_paths.add(path)


@contextlib.contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes fails with "database is locked" under
    concurrent writers whatever the timeout; taking the lock first makes writers queue.
    Nested calls join the outer transaction.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def artefact_tables(db: sqlite_utils.Database) -> list[str]:
    """Tables that hold a workshop's artefacts, parents before the tables that refer to them."""
    tables = [t for t in db.table_names()
              if t != "workshops" and t not in NOT_ARTEFACTS
              and not t.startswith(("_", "sqlite_"))
              and "workshop_id" in db[t].columns_dict]
    deps = {t: {fk.other_table for fk in db[t].foreign_keys
                if fk.other_table in tables and fk.other_table != t} for t in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = sorted(t for t in tables if t not in ordered and deps[t] <= set(ordered))
        if not ready:  # a reference cycle: imports null references first, so any order works
            ready = sorted(t for t in tables if t not in ordered)
        ordered.extend(ready)
    return ordered
