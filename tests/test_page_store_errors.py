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


def seen(at) -> dict[str, list[str]]:
    """What a page shows, by kind of element."""
    assert not at.exception, [e.value for e in at.exception]
    kinds = ("title", "markdown", "caption", "info", "success", "warning", "error", "button")
    return {kind: [str(getattr(e, "label", None) or e.value) for e in getattr(at, kind)]
            for kind in kinds}


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


def test_every_page_shows_the_same_while_another_writer_holds_the_database(
        app_db_path, short_busy_timeout):
    wid = sample.create_sample(fresh_db(app_db_path))
    before = {page: seen(open_app(app_db_path, page=page, workshop_id=wid)) for page in PAGES}
    with write_lock_held(app_db_path):
        for page in PAGES:
            assert seen(open_app(app_db_path, page=page, workshop_id=wid)) == before[page], page


@pytest.fixture
def app_on_small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The sample workshop in a database on a 4 MB disk of its own: (path, disk, workshop id)."""
    with small_disk(tmp_path / "disk", "4m") as disk:
        path = str(disk / "app.db")
        monkeypatch.setenv("CX_DB", path)
        conn = store.connect(path)
        wid = sample.create_sample(conn)
        conn.close()
        yield path, disk, wid


def test_every_page_shows_the_same_from_a_read_only_database_under_a_banner(
        app_on_small_disk):
    path, disk, wid = app_on_small_disk
    before = {page: seen(open_app(path, page=page, workshop_id=wid)) for page in PAGES}
    make_read_only(disk)
    for page in PAGES:
        expected = {**before[page], "warning": [StoreReadOnly.banner, *before[page]["warning"]]}
        assert seen(open_app(path, page=page, workshop_id=wid)) == expected, page


def test_an_edit_on_a_read_only_database_says_so_and_keeps_the_text(app_on_small_disk):
    path, disk, wid = app_on_small_disk
    vision = next(s for s in statements.list_statements(fresh_db(path), wid)
                  if s.kind == "vision")
    make_read_only(disk)
    at = open_app(path, page="pages/statements.py", workshop_id=wid)
    at.button(key=f"statements_edit_{vision.id}").click().run()
    at.text_area(key=f"statements_text_{vision.id}").input("Customers feel known.").run()
    assert texts_of(at, "error") == [StoreReadOnly.message]
    assert at.text_area(key=f"statements_text_{vision.id}").value == "Customers feel known."
    assert [s.text for s in statements.list_statements(fresh_db(path), wid)
            if s.id == vision.id] == [vision.text]


def test_on_a_full_disk_pages_show_and_an_edit_says_the_disk_is_full(app_on_small_disk):
    path, disk, wid = app_on_small_disk
    fill(disk)
    at = open_app(path, page="pages/focusing_challenge.py", workshop_id=wid)
    assert texts_of(at, "warning")[:1] == [StoreFull.banner]
    at = open_app(path, page="pages/statements.py", workshop_id=wid)
    at.text_area(key="statements_new_vision").input("Customers feel known.").run()
    at.button(key="statements_add_vision").click().run()
    assert texts_of(at, "error") == [StoreFull.message]
    assert at.text_area(key="statements_new_vision").value == "Customers feel known."
    assert "Customers feel known." not in [s.text for s in statements.list_statements(
        fresh_db(path), wid)]
