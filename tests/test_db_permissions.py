"""The database holds people's names and a company's plans: only its owner may read it."""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cxcore import db as store
from cxcore import workshops


@pytest.fixture(autouse=True)
def usual_umask():
    """The umask most systems start with (022): without care, files come out world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(folder: Path) -> dict[str, int]:
    return {path.name: mode(path) for path in sorted(folder.iterdir())}


def test_a_new_database_in_a_new_folder_is_private_with_its_wal_and_shm_files(tmp_path):
    folder = tmp_path / "cx" / "data"
    database = store.connect(str(folder / "workshops.db"))
    workshops.create(database, "Onboarding review")
    assert mode(folder) == 0o700
    assert modes(folder) == {"workshops.db": 0o600, "workshops.db-shm": 0o600,
                             "workshops.db-wal": 0o600}
    database.close()


def test_a_new_database_in_a_folder_the_user_chose_leaves_the_folder_as_it_was(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    database = store.connect(str(folder / "team.db"))
    workshops.create(database, "Onboarding review")
    assert mode(folder) == 0o755
    assert modes(folder) == {"team.db": 0o600, "team.db-shm": 0o600, "team.db-wal": 0o600}
    database.close()


def test_an_existing_database_the_user_chose_keeps_the_mode_they_gave_it(tmp_path):
    path = tmp_path / "team.db"
    sqlite3.connect(path).close()
    path.chmod(0o640)  # shared with a group on purpose
    store.connect(str(path)).close()
    assert mode(path) == 0o640


def test_the_apps_own_data_folder_and_a_database_an_older_version_left_there_become_private(
        tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "sample_workshop.json").write_text("{}")
    old = data / "workshops.db"
    older = sqlite3.connect(old)
    older.execute("PRAGMA journal_mode = WAL")
    older.execute("CREATE TABLE t (x)")  # leaves -wal and -shm files while it stays open
    monkeypatch.setattr(store, "DEFAULT_DB_PATH", old)
    monkeypatch.delenv("CX_DB", raising=False)
    database = store.connect()
    assert mode(data) == 0o700
    assert modes(data) == {"sample_workshop.json": 0o644, "workshops.db": 0o600,
                           "workshops.db-shm": 0o600, "workshops.db-wal": 0o600}
    database.close()
    older.close()
