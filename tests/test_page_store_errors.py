"""Pages when the database is busy, read-only or on a full disk: a message, never a traceback,
and the typed text stays in its box."""
from __future__ import annotations

from pathlib import Path

import pytest

from cxcore import sample, statements, workshops
from cxcore import db as store
from cxcore import path as guided_path
from cxcore.errors import StoreBusy, StoreFull, StoreReadOnly
from tests.apptest_support import fresh_db, open_app
from tests.store_support import fill, make_read_only, small_disk, write_lock_held

PAGES = ["pages/workshops.py", *(f"pages/{s.key}.py" for s in guided_path.STEPS),
         "pages/live_room.py", "pages/export.py"]


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_BUSY_TIMEOUT_MS", "100")


def editing_a_vision(app_db_path: str):
    """The statements page with the editor of one vision draft open: (app, workshop, draft)."""
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    draft = statements.add_draft(conn, wid, "vision", "Customers feel looked after.")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    at.button(key=f"statements_edit_{draft}").click().run()
    return at, wid, draft


def texts_of(at, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


def test_an_edit_while_the_database_is_busy_says_so_keeps_the_text_and_saves_nothing(
        app_db_path, short_busy_timeout):
    at, wid, draft = editing_a_vision(app_db_path)
    box = f"statements_text_{draft}"
    with write_lock_held(app_db_path):
        at.text_area(key=box).input("Customers feel known.").run()
        assert texts_of(at, "error") == [StoreBusy.message]
        assert at.text_area(key=box).value == "Customers feel known."
        assert [s.text for s in statements.list_statements(fresh_db(app_db_path), wid)] == [
            "Customers feel looked after."]
        at.run()  # a rerun (another click anywhere) keeps the typed text
        assert at.text_area(key=box).value == "Customers feel known."
        assert not at.exception
    at.button(key=f"{box}__save_again").click().run()
    assert [s.text for s in statements.list_statements(fresh_db(app_db_path), wid)] == [
        "Customers feel known."]
    assert texts_of(at, "error") == []
    assert at.text_area(key=box).value == "Customers feel known."
    assert [b.key for b in at.button if b.key.endswith("__save_again")] == []


def test_an_edit_refused_as_invalid_still_goes_back_to_the_stored_text(app_db_path):
    at, wid, draft = editing_a_vision(app_db_path)
    box = f"statements_text_{draft}"
    at.text_area(key=box).input("   ").run()
    assert texts_of(at, "error") == ["The CX vision statement cannot be empty."]
    assert at.text_area(key=box).value == "Customers feel looked after."


def test_a_new_entry_while_the_database_is_busy_stays_in_its_box(app_db_path,
                                                                    short_busy_timeout):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    with write_lock_held(app_db_path):
        at.text_area(key="statements_new_vision").input("Customers feel known.").run()
        at.button(key="statements_add_vision").click().run()
    assert texts_of(at, "error") == [StoreBusy.message]
    assert at.text_area(key="statements_new_vision").value == "Customers feel known."
    assert statements.list_statements(conn, wid) == []
    at.button(key="statements_add_vision").click().run()
    assert [s.text for s in statements.list_statements(conn, wid)] == ["Customers feel known."]


def test_every_page_shows_while_another_writer_holds_the_database(app_db_path,
                                                                  short_busy_timeout):
    wid = sample.create_sample(fresh_db(app_db_path))
    with write_lock_held(app_db_path):
        for page in PAGES:
            at = open_app(app_db_path, page=page, workshop_id=wid)
            assert not at.exception, page
