"""SQLite storage: connections, write transactions and the schema migrations.

Conventions every artefact table follows (the exports and duplication rely on them):
- ``id INTEGER PRIMARY KEY`` and ``workshop_id`` referencing ``workshops(id) ON DELETE CASCADE``;
- references to other artefact tables are nullable ``INTEGER`` columns with a foreign key;
- columns are TEXT, INTEGER or REAL with a default, so an older backup imports cleanly.
"""
from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from . import errors

BUSY_TIMEOUT_MS = 15_000  # CX_BUSY_TIMEOUT_MS overrides it (tests use a short one)
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


def busy_timeout_ms() -> int:
    """How long a write waits for another writer: ``CX_BUSY_TIMEOUT_MS``, else 15 s."""
    return int(os.environ.get("CX_BUSY_TIMEOUT_MS") or BUSY_TIMEOUT_MS)


@contextlib.contextmanager
def _store_errors(path: Callable[[], str]) -> Iterator[None]:
    """A busy, full or read-only database raises ``errors.StoreError`` with a user's message."""
    try:
        yield
    except sqlite3.Error as error:
        problem = errors.store_error(error, path())
        if problem is None:
            raise
        raise problem from error


def _raises_store_errors(open_database: Callable[..., sqlite_utils.Database]
                         ) -> Callable[..., sqlite_utils.Database]:
    @functools.wraps(open_database)
    def wrapper(path: str | None = None, **options) -> sqlite_utils.Database:
        with _store_errors(lambda: path or database_path()):
            return open_database(path, **options)
    return wrapper


@_raises_store_errors
def connect(path: str | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open a connection in autocommit mode with WAL, foreign keys and a busy timeout.

    Open one per unit of work (a Streamlit rerun, a CLI call): connections are cheap and are
    never shared between threads that write.
    """
    path = path or database_path()
    if errors.storage_problem(path) and os.path.exists(path):
        return _connect_read_only(path, migrate=migrate)
    if path != ":memory:":
        _create_private(Path(path))
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")  # the one that counts
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
    with _migrate_lock:
        if migrations_pending(db):  # a read first: no write lock when there is nothing to do
            with write(db):
                migrations.apply(db)
        if path != ":memory:":
            _migrated_paths.add(path)


@contextlib.contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes fails with "database is locked" under
    concurrent writers whatever the timeout; taking the lock first makes writers queue.
    Nested calls join the outer transaction. A busy, full or read-only database raises a
    ``errors.StoreError`` and the transaction is rolled back: nothing is saved.
    """
    if db.conn.in_transaction:
        yield db
        return
    with _store_errors(lambda: _file_of(db)):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


def _file_of(db: sqlite_utils.Database) -> str:
    """The main database file of a connection ('' in memory)."""
    try:
        return db.execute("PRAGMA database_list").fetchone()[2] or ""
    except sqlite3.Error:
        return ""


def _connect_read_only(path: str, *, migrate: bool) -> sqlite_utils.Database:
    """Open a database that cannot be written (read-only file, folder or disk, or a full disk)
    for reading: every page still shows, and a write raises ``StoreReadOnly`` or ``StoreFull``.

    A WAL database needs its ``-shm`` index; where that cannot be created (a read-only folder, a
    full disk) the file is opened as immutable, which is safe only when no ``-wal`` file holds
    changes the main file lacks: otherwise SQLite's own error stands.
    """
    try:
        conn = _open_uri(path, "mode=ro")
    except sqlite3.OperationalError:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        conn = _open_uri(path, "immutable=1")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if migrate and migrations_pending(db):
        raise errors.StoreReadOnly("The database is read-only and was made by an older version "
                                   "of the app: make it writable so that it can be updated.")
    return db


def _open_uri(path: str, mode: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{mode}", uri=True,
                           timeout=busy_timeout_ms() / 1000, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here if unreadable
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def migrations_pending(db: sqlite_utils.Database) -> bool:
    from . import schema  # noqa: F401  (registers the migrations)

    return bool(migrations.pending(db))


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
