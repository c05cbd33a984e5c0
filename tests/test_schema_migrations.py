"""Migration 0016: one reading per goal and date on every database, whichever release made it.

0014 first shipped without UNIQUE (goal_id, taken) on readings. These tests rebuild that
table as it first shipped (the SQL of commit 5c8eea7) on a database at 0015, the state of
every database made by that release and upgraded since.
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from cxcore import backup, goals, measurement, workshops
from cxcore import db as store
from cxcore import schema  # noqa: F401  (registers the migrations)

NOTE = "Also recorded for this date: {} (one reading per date is kept: the later entry)."


def first_release_database(path: str):
    """A database at 0015 whose readings table is 0014 as it first shipped: no UNIQUE."""
    database = store.connect(path, migrate=False)
    with store.write(database):
        store.migrations.apply(database, stop_before="0016_readings_unique")
        database.execute("DROP TABLE readings")
        database.execute("""
            CREATE TABLE readings (
             id INTEGER PRIMARY KEY,
             workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
             goal_id INTEGER REFERENCES goals(id) ON DELETE CASCADE,
             taken TEXT NOT NULL,
             value REAL NOT NULL
            )""")
        database.execute("CREATE INDEX readings_workshop ON readings(workshop_id)")
    return database


def insert_readings(database, workshop_id: int, *rows: tuple[int, str, float]) -> None:
    with store.write(database):
        for goal_id, taken, value in rows:
            database["readings"].insert({"workshop_id": workshop_id, "goal_id": goal_id,
                                         "taken": taken, "value": value})


def readings(database) -> list[tuple]:
    return database.execute(
        "SELECT id, goal_id, taken, value, note FROM readings ORDER BY id").fetchall()


def unique_indexes(database) -> list[list[str]]:
    return [[column[2] for column in database.execute(f"PRAGMA index_info([{index[1]}])")]
            for index in database.execute("PRAGMA index_list(readings)") if index[2]]


@pytest.fixture
def upgraded(tmp_path):
    """A first-release database holding duplicates, opened (and so upgraded) by today's code.

    Goal 1 has 41 then 44.5 on 31 March, and 40 on 28 February; goal 2 has 7 twice on
    31 March and three readings on 30 April (3, 4, 5).
    """
    path = str(tmp_path / "old.db")
    old = first_release_database(path)
    wid = workshops.create(old, "Onboarding review")
    first, second = goals.add_goal(old, wid, "Lift NPS"), goals.add_goal(old, wid, "Cut churn")
    insert_readings(old, wid, (first, "2026-03-31", 41), (first, "2026-02-28", 40),
                    (second, "2026-03-31", 7), (first, "2026-03-31", 44.5),
                    (second, "2026-03-31", 7), (second, "2026-04-30", 3),
                    (second, "2026-04-30", 4), (second, "2026-04-30", 5))
    old.close()
    return store.connect(path), wid, first, second


def test_readings_that_share_a_date_become_the_later_entry_with_the_others_in_its_note(upgraded):
    database, _, first, second = upgraded
    assert readings(database) == [
        (2, first, "2026-02-28", 40.0, ""),
        (4, first, "2026-03-31", 44.5, NOTE.format("41")),
        (5, second, "2026-03-31", 7.0, NOTE.format("7")),
        (8, second, "2026-04-30", 5.0, NOTE.format("3, 4")),
    ]


def test_the_merged_value_is_read_back_with_the_reading(upgraded):
    database, wid, first, _ = upgraded
    assert measurement.list_readings(database, wid, first) == [
        measurement.Reading("2026-02-28", 40.0, 2),
        measurement.Reading("2026-03-31", 44.5, 4, NOTE.format("41"))]


def test_an_upgraded_database_and_a_new_one_both_refuse_a_second_reading_on_a_date(
        upgraded, db, make_workshop):
    old, wid, first, _ = upgraded
    new_wid = make_workshop()
    new_goal = goals.add_goal(db, new_wid, "Lift NPS")
    insert_readings(db, new_wid, (new_goal, "2026-03-31", 41))
    for database, workshop_id, goal_id in ((old, wid, first), (db, new_wid, new_goal)):
        assert unique_indexes(database) == [["goal_id", "taken"]]
        with pytest.raises(sqlite3.IntegrityError):
            insert_readings(database, workshop_id, (goal_id, "2026-03-31", 50))


def test_a_new_database_keeps_its_own_constraint_and_gets_no_second_index(db):
    assert [index[1] for index in db.execute("PRAGMA index_list(readings)")] == [
        "readings_workshop", "sqlite_autoindex_readings_1"]


def test_adding_a_reading_on_a_repeated_date_replaces_the_one_kept_on_an_upgraded_database(
        upgraded):
    database, wid, first, second = upgraded
    assert measurement.add_reading(database, wid, first, "2026-03-31", 46) is True
    assert readings(database) == [
        (2, first, "2026-02-28", 40.0, ""),
        (4, first, "2026-03-31", 46.0, NOTE.format("41")),
        (5, second, "2026-03-31", 7.0, NOTE.format("7")),
        (8, second, "2026-04-30", 5.0, NOTE.format("3, 4")),
    ]


def a_backup_with_readings(*rows: tuple[int, str, float]) -> bytes:
    """A backup as an older app exported it: readings without a note, two goals."""
    return json.dumps({
        "format": "cx-strategy-workshop", "version": 1,
        "workshop": {"title": "Imported"},
        "tables": {
            "goals": [{"id": 1, "statement": "Lift NPS"}, {"id": 2, "statement": "Cut churn"}],
            "readings": [{"id": number, "goal_id": goal, "taken": taken, "value": value}
                         for number, (goal, taken, value) in enumerate(rows, start=1)],
        },
    }).encode("utf-8")


def test_a_backup_with_two_readings_on_one_date_imports_with_the_later_one_kept(db):
    data = a_backup_with_readings((1, "2026-03-31", 41), (2, "2026-03-31", 7),
                                  (1, "2026-03-31", 44.5))
    wid = backup.import_bytes(db, data)
    first, second = (g.id for g in goals.list_goals(db, wid))
    assert db.execute("SELECT goal_id, taken, value, note FROM readings WHERE workshop_id = ?"
                      " ORDER BY id", [wid]).fetchall() == [
        (second, "2026-03-31", 7.0, ""), (first, "2026-03-31", 44.5, NOTE.format("41"))]


def test_the_merge_keeps_a_note_already_there_and_never_merges_rows_without_a_goal():
    rows = [{"id": 1, "goal_id": 3, "taken": "2026-01-31", "value": 1.25, "note": ""},
            {"id": 2, "goal_id": None, "taken": "2026-01-31", "value": 9.0, "note": ""},
            {"id": 3, "goal_id": None, "taken": "2026-01-31", "value": 9.0, "note": ""},
            {"id": 4, "goal_id": 3, "taken": "2026-01-31", "value": 2.0, "note": "Audited"}]
    assert measurement.merge_same_date(list(reversed(rows))) == [
        rows[1], rows[2], {**rows[3], "note": "Audited\n" + NOTE.format("1.25")}]
