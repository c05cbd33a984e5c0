"""The SQLite store: schema migrations, connection settings, write transactions."""
from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlite_utils

from cxcore import challenge
from cxcore import db as store


def pragmas(database) -> dict[str, object]:
    return {name: database.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "journal_mode", "busy_timeout")}


def challenge_whos(database) -> list[str]:
    return [row["who"] for row in database["challenges"].rows]


def test_a_fresh_database_has_every_table_and_a_record_of_each_migration(db):
    assert db.table_names() == [
        "_sqlite_migrations", "workshops", "settings", "statements", "goals", "personas",
        "empathy_notes", "stakeholders", "challenges", "journeys", "journey_stages",
        "journey_entries", "touchpoints", "why_analyses", "why_answers", "brainstorms",
        "provocations", "ideas", "votes", "scores", "cards", "actions", "readings", "reviews",
        "card_ratings", "live_timers", "rooms", "room_activities", "participants", "room_items",
        "room_votes", "room_ratings", "room_ready", "app_secrets", "access_failures",
        "recycle", "sqlite_sequence",
    ]
    assert db.execute("SELECT id, migration_set, name FROM _sqlite_migrations").fetchall() == [
        (1, "cxcore", "0001_workshops"),
        (2, "cxcore", "0002_settings"),
        (3, "cxcore", "0003_statements"),
        (4, "cxcore", "0004_goals"),
        (5, "cxcore", "0005_personas"),
        (6, "cxcore", "0006_stakeholders"),
        (7, "cxcore", "0007_challenges"),
        (8, "cxcore", "0008_journeys"),
        (9, "cxcore", "0009_touchpoints"),
        (10, "cxcore", "0010_whys"),
        (11, "cxcore", "0011_brainstorms"),
        (12, "cxcore", "0012_cards"),
        (13, "cxcore", "0013_actions"),
        (14, "cxcore", "0014_measurement"),
        (15, "cxcore", "0015_live_room"),
        (16, "cxcore", "0016_readings_unique"),
        (17, "cxcore", "0017_recycle"),
    ]


def test_the_tables_have_the_columns_the_exports_rely_on(db):
    assert db["workshops"].columns_dict == {
        "id": int, "title": str, "organisation": str, "facilitator": str, "created": str,
        "updated": str, "status": str, "trashed_at": str,
    }
    assert db["challenges"].columns_dict == {
        "id": int, "workshop_id": int, "who": str, "what": str, "why": str, "chosen": int,
    }
    assert [(fk.column, fk.other_table) for fk in db["challenges"].foreign_keys] == [
        ("workshop_id", "workshops")]


def test_applying_the_migrations_again_changes_nothing(db):
    before = list(db["_sqlite_migrations"].rows)
    with store.write(db):
        store.migrations.apply(db)
    assert list(db["_sqlite_migrations"].rows) == before


def test_every_connection_has_foreign_keys_wal_and_a_busy_timeout(db, db_path):
    second, third = store.connect(db_path), store.connect(db_path, migrate=False)
    expected = {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": store.BUSY_TIMEOUT_MS}
    assert [pragmas(d) for d in (db, second, third)] == [expected, expected, expected]
    assert store.BUSY_TIMEOUT_MS >= 10_000


def test_an_in_memory_database_gets_the_same_schema_and_foreign_keys(db):
    memory = store.connect(":memory:")
    assert memory.table_names() == db.table_names()
    assert pragmas(memory) == {"foreign_keys": 1, "journal_mode": "memory",
                               "busy_timeout": store.BUSY_TIMEOUT_MS}


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError, match="^FOREIGN KEY constraint failed$"):
        db["challenges"].insert({"workshop_id": 404, "who": "Nobody"})
    assert list(db["challenges"].rows) == []


def test_connect_creates_the_folder_for_a_new_database_file(tmp_path):
    path = tmp_path / "new" / "folder" / "workshops.db"
    store.connect(str(path))
    assert path.is_file()


@pytest.mark.parametrize("environment, expected", [
    ("/somewhere/else.db", "/somewhere/else.db"),
    ("", str(store.DEFAULT_DB_PATH)),
    (None, str(store.DEFAULT_DB_PATH)),
])
def test_the_database_path_comes_from_cx_db_or_defaults_to_the_data_folder(
        monkeypatch, environment, expected):
    if environment is None:
        monkeypatch.delenv("CX_DB", raising=False)
    else:
        monkeypatch.setenv("CX_DB", environment)
    assert store.database_path() == expected


def test_a_write_commits_so_other_connections_see_it(db, db_path, make_workshop):
    workshop_id = make_workshop()
    with store.write(db):
        db["challenges"].insert({"workshop_id": workshop_id, "who": "Students"})
    assert db.conn.in_transaction is False
    assert challenge_whos(store.connect(db_path)) == ["Students"]


def test_a_write_rolls_back_everything_when_an_exception_escapes(db, make_workshop):
    workshop_id = make_workshop()
    with pytest.raises(RuntimeError, match="^power cut$"):
        with store.write(db):
            db["challenges"].insert({"workshop_id": workshop_id, "who": "Students"})
            db["challenges"].insert({"workshop_id": workshop_id, "who": "Savers"})
            raise RuntimeError("power cut")
    assert db.conn.in_transaction is False
    assert challenge_whos(db) == []


def test_a_nested_write_joins_the_outer_transaction_and_commits_with_it(
        db, db_path, make_workshop):
    workshop_id = make_workshop()
    other = store.connect(db_path)
    with store.write(db):
        db["challenges"].insert({"workshop_id": workshop_id, "who": "Outer"})
        with store.write(db):
            db["challenges"].insert({"workshop_id": workshop_id, "who": "Inner"})
        assert challenge_whos(other) == []  # the inner block did not commit on its own
    assert challenge_whos(other) == ["Outer", "Inner"]


def test_an_exception_in_a_nested_write_rolls_back_the_outer_one_too(db, make_workshop):
    workshop_id = make_workshop()
    with pytest.raises(ValueError, match="^bad row$"):
        with store.write(db):
            db["challenges"].insert({"workshop_id": workshop_id, "who": "Outer"})
            with store.write(db):
                db["challenges"].insert({"workshop_id": workshop_id, "who": "Inner"})
                raise ValueError("bad row")
    assert challenge_whos(db) == []


def test_a_write_takes_the_write_lock_as_soon_as_it_starts(db, db_path):
    impatient = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with store.write(db):
        with pytest.raises(sqlite3.OperationalError, match="^database is locked$"):
            impatient.execute("BEGIN IMMEDIATE")
    impatient.execute("BEGIN IMMEDIATE")
    impatient.execute("ROLLBACK")


def test_artefact_tables_of_the_schema_list_parents_first(db):
    assert store.artefact_tables(db) == [
        "challenges", "goals", "personas", "reviews", "settings", "stakeholders", "statements",
        "empathy_notes", "journeys", "readings",
        "journey_stages",
        "journey_entries",
        "touchpoints", "why_analyses",
        "why_answers",
        "brainstorms",
        "provocations",
        "ideas",
        "cards", "scores", "votes",
        "actions", "card_ratings",
    ]


def test_the_live_room_tables_are_never_artefacts_so_no_token_reaches_an_export(db):
    assert not set(store.artefact_tables(db)) & store.LIVE_TABLES
    assert {"rooms", "participants", "room_items", "room_votes"} <= store.LIVE_TABLES


def test_every_artefact_table_comes_after_the_tables_it_refers_to(db):
    ordered = store.artefact_tables(db)
    late = [(table, fk.other_table) for table in ordered for fk in db[table].foreign_keys
            if fk.other_table in ordered and fk.other_table != table
            and ordered.index(fk.other_table) > ordered.index(table)]
    assert late == []


def bare_database(*tables: str) -> sqlite_utils.Database:
    """An in-memory database with a workshops table and ``tables`` (CREATE TABLE statements)."""
    database = sqlite_utils.Database(memory=True)
    database.execute("CREATE TABLE workshops (id INTEGER PRIMARY KEY)")
    for sql in tables:
        database.execute(sql)
    return database


OWNED = "id INTEGER PRIMARY KEY, workshop_id INTEGER REFERENCES workshops(id)"


@pytest.mark.parametrize("tables, expected", [
    pytest.param([], [], id="no artefact tables"),
    pytest.param([
        f"CREATE TABLE zz_parent ({OWNED})",
        f"CREATE TABLE aa_child ({OWNED}, parent_id INTEGER REFERENCES zz_parent(id))",
    ], ["zz_parent", "aa_child"], id="a parent comes before its child"),
    pytest.param([
        f"CREATE TABLE c ({OWNED}, b_id INTEGER REFERENCES b(id))",
        f"CREATE TABLE b ({OWNED}, a_id INTEGER REFERENCES a(id))",
        f"CREATE TABLE a ({OWNED})",
    ], ["a", "b", "c"], id="a chain of three"),
    pytest.param([
        f"CREATE TABLE node ({OWNED}, parent_id INTEGER REFERENCES node(id))",
        f"CREATE TABLE leaf ({OWNED})",
    ], ["leaf", "node"], id="a self-reference is no dependency"),
    pytest.param([
        f"CREATE TABLE one ({OWNED}, two_id INTEGER REFERENCES two(id))",
        f"CREATE TABLE two ({OWNED}, one_id INTEGER REFERENCES one(id))",
        f"CREATE TABLE free ({OWNED})",
    ], ["free", "one", "two"], id="a reference cycle still lists every table"),
    pytest.param([
        "CREATE TABLE lookup (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE _private (id INTEGER PRIMARY KEY, workshop_id INTEGER)",
        f"CREATE TABLE notes ({OWNED}, lookup_id INTEGER REFERENCES lookup(id))",
    ], ["notes"], id="only tables with a workshop_id, none starting with an underscore"),
])
def test_artefact_tables_lists_parents_before_the_tables_that_refer_to_them(tables, expected):
    assert store.artefact_tables(bare_database(*tables)) == expected


def test_concurrent_writers_each_with_a_connection_all_succeed(db, db_path, make_workshop):
    workshop_id = make_workshop()
    threads, drafts_each = 8, 20
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        connection = store.connect(db_path)
        try:
            start.wait()
            for draft in range(drafts_each):
                challenge.add_draft(connection, workshop_id, who=f"writer {number}",
                                    what=f"draft {draft}")
        except BaseException as error:  # collected: an exception in a thread is otherwise lost
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert db.execute("SELECT count(*), sum(chosen), count(DISTINCT who || what)"
                      " FROM challenges WHERE workshop_id = ?", [workshop_id]).fetchone() == (
        threads * drafts_each, 1, threads * drafts_each)
