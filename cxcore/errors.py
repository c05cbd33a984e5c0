"""What went wrong with the database itself, in words a user can act on.

SQLite reports a busy database, a full disk or a read-only file as ``sqlite3.OperationalError``
with codes such as "database is locked" or "disk I/O error". ``cxcore.db`` turns those into a
``StoreError`` (``StoreBusy``, ``StoreFull``, ``StoreReadOnly``) whose message the shell shows
as it is. Every other sqlite3 error (a constraint, a bug in a query) is left alone.
"""
from __future__ import annotations

import os
import sqlite3

LOW_SPACE_BYTES = 1024 * 1024  # less than this free next to the database counts as full

# Primary result codes (the low byte of an extended code) and what they mean for a user.
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_DISK = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR,
         sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


class StoreError(Exception):
    """The database could not do what was asked; nothing was saved. The message says why."""

    message = "The database could not be read or written: nothing was saved."
    banner = message

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class StoreBusy(StoreError):
    """Another writer held the database longer than the busy timeout."""

    message = "The workshop is busy (someone else is saving): nothing was saved, try again."
    banner = message


class StoreFull(StoreError):
    """The disk that holds the database has no room left."""

    message = "The disk is full, nothing was saved. Free some space and try again."
    banner = "The disk is full: nothing can be saved until some space is freed."


class StoreReadOnly(StoreError):
    """The database file, its folder or its file system cannot be written."""

    message = "The database is read-only: nothing can be saved."
    banner = message


def storage_problem(path: str) -> StoreError | None:
    """Why nothing can be written at ``path`` (a read-only file or folder, a full disk), if so.

    Judged from the file system, so it holds for root too when the file system is read-only
    (root ignores file modes, but not a read-only mount).
    """
    if not path or path == ":memory:":
        return None
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return None  # connect() creates it
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        return StoreReadOnly()
    stats = os.statvfs(folder)
    # f_blocks 0: a file system that reports no sizes (some FUSE and network mounts)
    if stats.f_blocks and stats.f_bavail * stats.f_frsize < LOW_SPACE_BYTES:
        return StoreFull()
    return None


def store_error(error: sqlite3.Error, path: str) -> StoreError | None:
    """The StoreError that ``error`` stands for, or None when it is not about the store."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in _BUSY:
        return StoreBusy()
    if primary not in _DISK:
        return None
    # "disk I/O error" or "unable to open" can mean a full disk or a read-only file: ask the
    # file system, then fall back to what SQLite said.
    problem = storage_problem(path)
    if problem is not None:
        return problem
    if primary == sqlite3.SQLITE_FULL:
        return StoreFull()
    if primary == sqlite3.SQLITE_READONLY:
        return StoreReadOnly()
    return StoreError(f"The database could not be read or written ({error}): nothing was saved.")
