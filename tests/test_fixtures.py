"""Databases made by every released schema opened with today's code: nothing lost, every page
and every export works. The fixtures are built by ``tests/fixtures/make_fixtures.py``; each
test works on a copy, so the committed files never change.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from cxcore import backup, csvexport, markdown, measurement, pdf, tables, workshops, xlsx
from cxcore import db as store
from cxcore import path as guided_path
from tests.apptest_support import APP
from tests.test_schema_migrations import unique_indexes

FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures").glob("schema_*.db"))
FIRST_RELEASE = "schema_0014_measurement_5c8eea7"  # 0014 before UNIQUE (goal_id, taken)
PAGES = {"pages/workshops.py": "CX strategy workshops",
         **{f"pages/{s.key}.py": s.title for s in guided_path.STEPS},
         "pages/live_room.py": "Live room", "pages/export.py": "Export"}
NOTE = "Also recorded for this date: {} (one reading per date is kept: the later entry)."


def test_there_is_a_fixture_for_each_release_of_the_schema():
    assert [path.stem for path in FIXTURES] == [
        "schema_0014_measurement", FIRST_RELEASE, "schema_0015_live_room"]


@pytest.fixture(params=FIXTURES, ids=lambda path: path.stem)
def old_db(request, tmp_path, monkeypatch) -> Path:
    """A copy of one fixture, which the app under AppTest uses too (through ``CX_DB``)."""
    copy = tmp_path / "old.db"
    shutil.copyfile(request.param, copy)
    monkeypatch.setenv("CX_DB", str(copy))
    return copy


def tables_as_stored(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows, read with plain sqlite3 (no migration runs)."""
    conn = sqlite3.connect(path)
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != '_sqlite_migrations' ORDER BY name")]
    stored = {}
    for name in names:
        columns = [column[1] for column in conn.execute(f"PRAGMA table_info([{name}])")]
        stored[name] = (columns, rows(conn, name, columns))
    conn.close()
    return stored


def rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    listed = ", ".join(f"[{column}]" for column in columns)
    return conn.execute(f"SELECT {listed} FROM [{table}] ORDER BY rowid").fetchall()


def readings_merged(readings: list[tuple]) -> list[tuple]:
    """The rule of migration 0016, worked out here on its own: per goal and date the highest id
    is kept, with the other values (oldest first) in its note."""
    by_date: dict[tuple, list[tuple]] = {}
    for row in sorted(readings):  # (id, workshop_id, goal_id, taken, value)
        by_date.setdefault((row[2], row[3]), []).append(row)
    kept = []
    for *earlier, last in by_date.values():
        values = ", ".join(f"{row[4]:g}" for row in earlier)
        kept.append((*last, NOTE.format(values) if earlier else ""))
    return sorted(kept)


def only_workshop(path: Path) -> int:
    [workshop] = workshops.list_workshops(store.connect(str(path)))
    return workshop.id


def test_opening_an_old_database_keeps_every_row_and_merges_readings_that_share_a_date(old_db):
    before = tables_as_stored(old_db)
    store.connect(str(old_db)).close()
    conn = sqlite3.connect(old_db)
    after = {name: rows(conn, name, columns) for name, (columns, _) in before.items()}
    readings_after = rows(conn, "readings",
                          ["id", "workshop_id", "goal_id", "taken", "value", "note"])
    unique = unique_indexes(conn)
    conn.close()
    assert unique == [["goal_id", "taken"]]
    assert before["readings"][0] == ["id", "workshop_id", "goal_id", "taken", "value"]
    assert {name: len(kept) for name, kept in after.items() if name != "readings"} == {
        name: len(stored) for name, (_, stored) in before.items() if name != "readings"}
    assert {name: kept for name, kept in after.items() if name != "readings"} == {
        name: stored for name, (_, stored) in before.items() if name != "readings"}
    assert readings_after == readings_merged(before["readings"][1])


def test_the_first_release_held_two_readings_on_one_date_and_opens_with_the_later_one(tmp_path):
    copy = tmp_path / "first.db"
    shutil.copyfile(FIXTURES[[p.stem for p in FIXTURES].index(FIRST_RELEASE)], copy)
    database = store.connect(str(copy))
    wid = only_workshop(copy)
    assert measurement.list_readings(database, wid) == [
        measurement.Reading("2026-01-31", 21.0, 1),
        measurement.Reading("2026-03-31", 26.5, 3, NOTE.format("24"))]
    readable = tables.reading_table(database, wid)
    assert (readable.columns, [row[2:] for row in readable.rows]) == (
        ("Goal", "Metric", "Date", "Value", "Unit", "Note"),
        [[dt.date(2026, 1, 31), 21.0, "points", ""],
         [dt.date(2026, 3, 31), 26.5, "points", NOTE.format("24")]])
    assert measurement.add_reading(database, wid, 1, "2026-03-31", 27) is True
    assert [(r.id, r.taken, r.value) for r in measurement.list_readings(database, wid)] == [
        (1, "2026-01-31", 21.0), (3, "2026-03-31", 27.0)]


def test_every_page_of_an_old_database_renders(old_db):
    wid = only_workshop(old_db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["w"] = str(wid)
    at.run()
    shown = {}
    for page in PAGES:
        at.switch_page(page).run()
        shown[page] = [e.value for e in at.exception] or at.title[0].value
    assert shown == PAGES


def test_the_measurement_page_shows_the_value_merged_on_upgrade(tmp_path, monkeypatch):
    copy = tmp_path / "first.db"
    shutil.copyfile(FIXTURES[[p.stem for p in FIXTURES].index(FIRST_RELEASE)], copy)
    monkeypatch.setenv("CX_DB", str(copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["w"] = str(only_workshop(copy))
    at.run()
    at.switch_page("pages/measurement.py").run()
    assert not at.exception
    assert at.dataframe[0].value.astype(str).to_dict("records") == [
        {"Date": "2026-03-31", "Value": "26.5", "Note": NOTE.format("24")},
        {"Date": "2026-01-31", "Value": "21.0", "Note": ""}]


def test_every_export_of_an_old_database_works_and_its_backup_restores_on_a_new_one(
        old_db, tmp_path):
    database = store.connect(str(old_db))
    wid = only_workshop(old_db)
    first = backup.export_json(database, wid)
    new = store.connect(str(tmp_path / "new.db"))
    again = backup.export_json(new, backup.import_bytes(new, first.encode("utf-8")))
    first_document, second_document = json.loads(first), json.loads(again)
    assert second_document == {**first_document, "workshop": {
        **first_document["workshop"], "updated": second_document["workshop"]["updated"]}}

    with zipfile.ZipFile(io.BytesIO(csvexport.export_zip(database, wid))) as archive:
        readings_csv = archive.read("readings.csv").decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(readings_csv)))) == 1 + len(
        first_document["tables"]["readings"])
    book = load_workbook(io.BytesIO(xlsx.build_xlsx(database, wid)))
    assert book["Readings"].max_row == 1 + len(first_document["tables"]["readings"])
    title = first_document["workshop"]["title"]
    assert title in markdown.build_markdown(database, wid)
    report = PdfReader(io.BytesIO(pdf.build_pdf(database, wid)))
    assert title in report.pages[0].extract_text()
