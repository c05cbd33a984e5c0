"""The Empathy maps page through AppTest: quick capture by Enter, edit, move, delete."""
from __future__ import annotations

import pytest

from cxcore import empathy, personas, sample, workshops
from tests.apptest_support import add_entry, fresh_db, open_app, texts

PAGE = "pages/empathy_maps.py"


def board_texts(conn, wid: int, pid: int) -> dict[str, list[str]]:
    return {q: [n.text for n in notes] for q, notes in empathy.board(conn, wid, pid).items()}


@pytest.fixture
def margaret(app_db_path) -> tuple[int, int]:
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    return wid, personas.add_persona(conn, wid, "Margaret")


def test_without_personas_the_page_points_to_the_personas_step(app_db_path):
    wid = workshops.create(fresh_db(app_db_path), "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "An empathy map belongs to a persona: add your personas first." in texts(at)
    assert not at.text_input


def test_a_note_typed_and_entered_lands_in_its_quadrant_and_the_box_clears(app_db_path, margaret):
    wid, pid = margaret
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_entry(at, "empathy_new_say", "Can I speak to someone?")
    add_entry(at, "empathy_new_say", "I sent that already")
    assert board_texts(fresh_db(app_db_path), wid, pid) == {
        "think": [], "feel": [], "say": ["Can I speak to someone?", "I sent that already"],
        "do": []}
    assert at.text_input(key="empathy_new_say").value == ""
    assert "- Can I speak to someone?\n- I sent that already" in texts(at)


def test_a_blank_note_is_refused_with_a_message(app_db_path, margaret):
    wid, pid = margaret
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_entry(at, "empathy_new_do", "  \u202e ")
    assert [e.value for e in at.error] == ["A note cannot be empty."]
    assert board_texts(fresh_db(app_db_path), wid, pid)["do"] == []


def test_a_note_can_be_edited_moved_and_deleted_one_at_a_time(app_db_path, margaret):
    wid, pid = margaret
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_entry(at, "empathy_new_say", "I feel forgotten")
    [note] = empathy.board(fresh_db(app_db_path), wid, pid)["say"]
    at.selectbox(key="empathy_note").select(note.id).run()
    at.selectbox(key=f"empathy_move_{note.id}").select("feel").run()
    assert board_texts(fresh_db(app_db_path), wid, pid) == {
        "think": [], "feel": ["I feel forgotten"], "say": [], "do": []}
    at.text_input(key=f"empathy_edit_{note.id}").input("Forgotten by the bank").run()
    assert board_texts(fresh_db(app_db_path), wid, pid)["feel"] == ["Forgotten by the bank"]
    at.button(key=f"empathy_delete_{note.id}").click().run()
    assert not at.exception
    assert board_texts(fresh_db(app_db_path), wid, pid) == {
        "think": [], "feel": [], "say": [], "do": []}


def test_each_persona_of_the_sample_shows_its_own_board(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    leo = personas.list_personas(conn, wid)[1]
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "Queues at the branch on Tuesday mornings" in texts(at)
    at.selectbox(key="empathy_persona").select(leo.id).run()
    shown = texts(at)
    assert "Checks his balance several times a day" in shown
    assert "Queues at the branch on Tuesday mornings" not in shown
    add_entry(at, "empathy_new_think", "Cash is old-fashioned")
    assert board_texts(conn, wid, leo.id)["think"][-1] == "Cash is old-fashioned"
