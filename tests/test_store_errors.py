"""The store when the database is busy, read-only or on a full disk, and imports in batches."""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from cxcore import backup, challenge, importer, sample, workshops
from cxcore import db as store
from cxcore.errors import StoreBusy, StoreError, StoreFull, StoreReadOnly, storage_problem
from tests.store_support import fill, make_read_only, small_disk, write_lock_held


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_BUSY_TIMEOUT_MS", "100")


def titles(db: sqlite_utils.Database, trashed: bool = False) -> list[str]:
    return [w.title for w in workshops.list_workshops(db, trashed=trashed)]


def all_workshops(db: sqlite_utils.Database) -> list[tuple[str, str, str | None]]:
    return [(r["title"], r["status"], r["trashed_at"]) for r in db["workshops"].rows]


# ---- busy ----

def test_a_write_while_another_connection_holds_the_lock_is_refused_as_busy(
        db, db_path, make_workshop, short_busy_timeout):
    wid = make_workshop("Kept")
    db = store.connect(db_path)  # opened after the timeout was set
    with write_lock_held(db_path), pytest.raises(StoreBusy) as refused:
        workshops.rename(db, wid, "Lost")
    assert str(refused.value) == StoreBusy.message
    assert isinstance(refused.value.__cause__, sqlite3.OperationalError)
    assert (titles(db), db.conn.in_transaction) == (["Kept"], False)


def test_the_busy_timeout_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CX_BUSY_TIMEOUT_MS", "250")
    assert store.busy_timeout_ms() == 250
    assert store.connect(":memory:").execute("PRAGMA busy_timeout").fetchone() == (250,)
    monkeypatch.delenv("CX_BUSY_TIMEOUT_MS")
    assert store.busy_timeout_ms() == store.BUSY_TIMEOUT_MS == 15_000


def test_a_new_process_opens_the_database_while_another_connection_writes(
        db_path, make_workshop, short_busy_timeout):
    """A server starting up while an import writes: checking the migrations takes no lock."""
    make_workshop("Kept")
    listing = ("from cxcore import db, workshops; "
               f"print([w.title for w in workshops.list_workshops(db.connect({db_path!r}))])")
    with write_lock_held(db_path):
        started = subprocess.run([sys.executable, "-c", listing], capture_output=True,
                                 text=True, cwd=Path(__file__).resolve().parent.parent)
    assert (started.returncode, started.stdout, started.stderr) == (0, "['Kept']\n", "")


# ---- errors that are not about the store stay as they are ----

def test_a_refused_constraint_is_not_a_store_error(db, make_workshop):
    wid = make_workshop()
    with pytest.raises(sqlite3.IntegrityError), store.write(db):
        db.execute("INSERT INTO settings (workshop_id, name) VALUES (?, NULL)", [wid])


def test_a_mistake_in_a_query_is_not_a_store_error(db):
    with pytest.raises(sqlite3.OperationalError, match="no such table: missing"), \
            store.write(db):
        db.execute("SELECT * FROM missing")


# ---- read-only ----

def test_a_write_on_a_read_only_connection_is_refused_as_read_only(db_path, make_workshop):
    """SQLite's own read-only mode: the real SQLITE_READONLY, which root cannot bypass."""
    wid = make_workshop("Kept")
    read_only = sqlite_utils.Database(sqlite3.connect(
        f"{Path(db_path).as_uri()}?mode=ro", uri=True, isolation_level=None))
    with pytest.raises(StoreReadOnly, match="^The database is read-only: nothing can be "
                                            "saved.$"):
        workshops.rename(read_only, wid, "Lost")
    assert titles(read_only) == ["Kept"]


@pytest.fixture
def disk(tmp_path: Path):
    with small_disk(tmp_path / "disk", "4m") as folder:
        yield folder


def database_with_one_workshop(folder: Path) -> tuple[str, int]:
    """A database in ``folder`` holding the workshop "Kept", closed: (path, workshop id)."""
    path = str(folder / "cx.db")
    with contextlib.closing(store.connect(path)) as db:
        return path, workshops.create(db, "Kept")


@pytest.mark.parametrize("spoil, problem", [(make_read_only, StoreReadOnly), (fill, StoreFull)],
                         ids=["read-only disk", "full disk"])
def test_a_database_that_cannot_be_written_still_reads_and_a_write_says_why(
        disk, spoil, problem):
    path, wid = database_with_one_workshop(disk)
    spoil(disk)
    assert type(storage_problem(path)) is problem
    db = store.connect(path)
    assert titles(db) == ["Kept"]
    with pytest.raises(problem, match=f"^{re.escape(problem.message)}$"):
        challenge.add_draft(db, wid, who="Students")
    with pytest.raises(problem):
        workshops.create(db, "New")
    db = store.connect(path)
    assert (titles(db), challenge.list_challenges(db, wid)) == (["Kept"], [])


def test_a_read_only_database_that_needs_an_update_cannot_be_opened(disk):
    path = str(disk / "cx.db")
    with contextlib.closing(sqlite3.connect(path)) as old:
        old.execute("CREATE TABLE old (id INTEGER)")  # no migrations applied yet
    make_read_only(disk)
    with pytest.raises(StoreReadOnly, match="made by an older version of the app"):
        store.connect(path)


def test_no_database_can_be_made_in_a_read_only_folder(disk):
    make_read_only(disk)
    with pytest.raises(StoreReadOnly):
        store.connect(str(disk / "cx.db"))


# ---- full disk ----

def test_an_import_that_does_not_fit_on_the_disk_says_so_and_leaves_nothing(disk):
    path = str(disk / "cx.db")
    db = store.connect(path)
    sample.create_sample(db)
    ideas = [{"id": i, "brainstorm_id": 1, "text": f"{i} " + "x" * 280}
             for i in range(1, 15_001)]  # 4.4 MB on a 4 MB disk
    document = {"format": backup.FORMAT, "version": 1, "workshop": {"title": "Too big"},
                "tables": {"brainstorms": [{"id": 1, "prompt": "Why"}], "ideas": ideas}}
    before = all_workshops(db)
    with pytest.raises(StoreFull):
        backup.import_document(db, document)
    assert all_workshops(store.connect(path)) == before


# ---- imports in batches ----

@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    monkeypatch.setattr(importer, "BATCH_CHARS", 3_000)


def test_an_import_made_in_many_small_batches_exports_the_same_document(db, small_batches):
    document = json.loads(sample.SAMPLE_PATH.read_text(encoding="utf-8"))
    workshop_id = backup.import_document(db, json.loads(json.dumps(document)))
    exported = backup.export_document(db, workshop_id)
    assert exported["tables"] == {**dict.fromkeys(exported["tables"], []),
                                  **document["tables"]}
    assert titles(db) == [document["workshop"]["title"]]


def test_between_batches_other_writers_get_in_and_the_import_is_in_no_list(
        db, db_path, make_workshop, small_batches, short_busy_timeout, monkeypatch):
    """Between two batches the write lock is free (an edit with a 0.1 s timeout goes through)
    and the workshop being imported is in neither list and cannot be opened."""
    kept = make_workshop("Kept")
    seen = []
    pause = importer.time.sleep

    def edit_during_the_pause(seconds: float) -> None:
        other = store.connect(db_path)
        challenge.add_draft(other, kept, who=f"Edit {len(seen)}")
        seen.append((titles(other), titles(other, trashed=True)))
        pause(seconds)

    monkeypatch.setattr(importer.time, "sleep", edit_during_the_pause)
    document = json.loads(sample.SAMPLE_PATH.read_text(encoding="utf-8"))
    workshop_id = backup.import_document(db, document)
    assert len(seen) > 10
    assert set(map(str, seen)) == {str((["Kept"], []))}
    assert len(challenge.list_challenges(db, kept)) == len(seen)
    assert titles(db) == [document["workshop"]["title"], "Kept"]
    assert workshops.get(db, workshop_id).status == "active"


def test_a_row_refused_in_a_later_batch_leaves_nothing_behind(db, small_batches):
    """SQLite's own constraints still hold (the backup's checks come first, in backup.py)."""
    sample.create_sample(db)
    before = all_workshops(db)
    rows = [{"id": i, "who": f"Who {i}", "chosen": 0} for i in range(1, 21)]
    rows[17]["chosen"] = 5
    with pytest.raises(importer.RowRefused, match=r"^tables\.challenges\[17\]: a value is not "
                                                  r"allowed \(CHECK constraint failed"):
        importer.create_workshop(db, {"title": "Bad", "organisation": "", "facilitator": ""},
                                 {"challenges": rows}, {})
    assert all_workshops(db) == before
    assert [r["who"] for r in db["challenges"].rows_where("who LIKE 'Who %'")] == []


def test_an_import_left_behind_by_a_crash_is_removed_by_the_next_import(db):
    stamp = workshops.now()
    db["workshops"].insert_all([
        {"title": "Crashed", "created": stamp, "updated": "2020-01-01T00:00:00+00:00",
         "status": "trashed", "trashed_at": workshops.IMPORTING},
        {"title": "Still importing", "created": stamp, "updated": stamp,
         "status": "trashed", "trashed_at": workshops.IMPORTING}])
    backup.import_document(db, {"format": backup.FORMAT, "version": 1,
                                "workshop": {"title": "New"}})
    assert all_workshops(db) == [("Still importing", "trashed", workshops.IMPORTING),
                                 ("New", "active", None)]
    assert (titles(db), titles(db, trashed=True)) == (["New"], [])

