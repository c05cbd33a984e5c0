"""The statements page through AppTest: write and finalise a vision, build the mission."""
from __future__ import annotations

from cxcore import statements, workshops
from tests.apptest_support import fresh_db, open_app, texts


def test_writing_a_vision_and_marking_it_final_shows_it_on_top(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    assert "No final statement yet" in texts(at)
    at.text_area(key="statements_new_vision").input("Customers feel looked after.").run()
    at.button(key="statements_add_vision").click().run()
    [vision] = statements.list_statements(conn, wid)
    assert (vision.kind, vision.text, vision.final) == (
        "vision", "Customers feel looked after.", False)
    assert at.text_area(key="statements_new_vision").value == ""
    at.button(key=f"statements_final_{vision.id}").click().run()
    assert statements.final_statements(conn, wid) == {"vision": "Customers feel looked after."}
    assert "Final" in texts(at) and not at.exception


def test_an_empty_vision_is_refused_with_a_message(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    at.button(key="statements_add_vision").click().run()
    assert [e.value for e in at.error] == ["The CX vision statement cannot be empty."]
    assert statements.list_statements(conn, wid) == []


def test_building_the_mission_from_its_prompts_previews_and_saves_it(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    at.text_input(key="statements_new_prompt_experience").input("gets a clear answer")
    at.text_input(key="statements_new_prompt_promise").input("to keep fees visible")
    at.text_input(key="statements_new_prompt_business").input("trust brings business").run()
    composed = ("Every customer gets a clear answer. We promise to keep fees visible. "
                "This matters because trust brings business.")
    assert composed in texts(at)
    at.button(key="statements_add_mission").click().run()
    [mission] = statements.list_statements(conn, wid)
    assert (mission.kind, mission.text) == ("mission", composed)
    at.button(key=f"statements_edit_{mission.id}").click().run()
    at.text_area(key=f"statements_text_{mission.id}").input("We keep our word.").run()
    assert statements.list_statements(conn, wid)[0].text == "We keep our word."
    at.button(key=f"statements_rebuild_{mission.id}").click().run()
    assert statements.list_statements(conn, wid)[0].text == composed


def test_marking_a_second_draft_final_makes_the_first_a_draft_again(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    first = statements.add_draft(conn, wid, "success", "First.")
    second = statements.add_draft(conn, wid, "success", "Second.")
    statements.mark_final(conn, wid, first)
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    at.button(key=f"statements_final_{second}").click().run()
    assert [(s.text, s.final) for s in statements.list_statements(conn, wid)] == [
        ("First.", False), ("Second.", True)]
    at.button(key=f"statements_delete_{first}").click().run()
    assert [s.text for s in statements.list_statements(conn, wid)] == ["Second."]
