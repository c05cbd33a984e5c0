"""The Personas page through AppTest: add, edit, worked examples, delete, the prompt pack."""
from __future__ import annotations

from cxcore import empathy, personas, sample, workshops
from tests.apptest_support import fresh_db, open_app, texts

PAGE = "pages/personas.py"


def test_adding_a_persona_and_editing_a_field_saves_both(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.text_input(key="personas_new_name").input("Margaret")
    at.button(key="personas_new_name_add").click().run()
    assert not at.exception
    [margaret] = personas.list_personas(conn, wid)
    assert margaret.name == "Margaret" and at.text_input(key="personas_new_name").value == ""
    at.text_area(key=f"personas_{margaret.id}_needs").input("Plain answers about her mortgage")
    at.run()
    assert personas.get_persona(conn, wid, margaret.id).needs == \
        "Plain answers about her mortgage"
    assert "Plain answers about her mortgage" in texts(at)


def test_an_empty_name_is_refused_with_a_message(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="personas_new_name_add").click().run()
    assert [e.value for e in at.error] == ["Name cannot be empty."]
    assert personas.list_personas(conn, wid) == []


def test_clearing_a_name_is_refused_and_the_field_shows_the_stored_name(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    pid = personas.add_persona(conn, wid, "Leo")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.text_input(key=f"personas_{pid}_name").input("").run()
    assert [e.value for e in at.error] == ["Name cannot be empty."]
    assert at.text_input(key=f"personas_{pid}_name").value == "Leo"
    assert personas.get_persona(conn, wid, pid).name == "Leo"


def test_a_worked_example_adds_three_personas_shown_as_cards(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Retail")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="personas_starter_retail").click().run()
    assert [p.name for p in personas.list_personas(conn, wid)] == ["Rosa", "Tom", "Kai"]
    shown = texts(at)
    assert all(name in shown for name in ("Rosa", "Tom", "Kai"))
    assert at.selectbox(key="personas_editing").value == personas.list_personas(conn, wid)[0].id


def test_a_sixth_persona_shows_the_warning(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    for name in ("A", "B", "C", "D", "E"):
        personas.add_persona(conn, wid, name)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert not at.warning
    at.text_input(key="personas_new_name").input("F")
    at.button(key="personas_new_name_add").click().run()
    assert [w.value for w in at.warning] == [personas.limit_warning(6)]


def test_deleting_a_persona_with_an_empathy_map_asks_first_and_cancel_keeps_it(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    keep, drop = personas.add_persona(conn, wid, "Margaret"), personas.add_persona(conn, wid, "Leo")
    empathy.add_note(conn, wid, drop, "feel", "Rushed")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="personas_editing").select(drop).run()
    at.button(key=f"personas_{drop}_delete").click().run()
    assert len(personas.list_personas(conn, wid)) == 2  # nothing deleted before confirming
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Delete this persona? Its empathy note goes with it."]
    at.button(key=f"personas_{drop}_delete_no").click().run()
    assert len(personas.list_personas(conn, wid)) == 2
    at.button(key=f"personas_{drop}_delete").click().run()
    at.button(key=f"personas_{drop}_delete_yes").click().run()
    assert [p.id for p in personas.list_personas(conn, wid)] == [keep]
    assert at.selectbox(key="personas_editing").value == keep


def test_the_prompt_pack_holds_the_sample_personas_and_says_nothing_is_sent(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    [code] = at.code
    assert code.value == personas.prompt_pack(fresh_db(app_db_path), wid)
    assert "Persona 1: Margaret" in code.value and "Persona 3: Dana" in code.value
    assert "This app sends nothing anywhere" in texts(at)
