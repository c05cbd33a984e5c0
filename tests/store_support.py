"""Real trouble for the database in tests: a held write lock, a read-only or a full disk.

Tests run as root, and root ignores file modes (chmod 0444 changes nothing for it), so a
read-only database is a small tmpfs remounted read-only: the kernel refuses every write with
EROFS, for root too, just as on a read-only volume. A full disk is a tiny tmpfs filled up.
Without permission to mount (an unprivileged container) those tests are skipped, saying so.
"""
from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def write_lock_held(path: str) -> Iterator[None]:
    """Another connection holds the write lock (``BEGIN IMMEDIATE``) until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. "2m") mounted on ``folder``; unmounted at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}): a read-only or "
                    "full disk needs one, since root ignores file modes")
    try:
        yield folder
    finally:
        gc.collect()  # close connections that only the garbage collector still holds
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def make_read_only(folder: Path) -> None:
    gc.collect()  # a file still open for writing (a forgotten connection) blocks the remount
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Write a file into ``folder`` until its disk has no room left."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(handle, b"\0" * 65536)
    except OSError:  # ENOSPC: full
        pass
    try:
        while True:
            os.write(handle, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(handle)
