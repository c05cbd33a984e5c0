"""The journey map page through AppTest, from app.py, as a facilitator would use it."""
from __future__ import annotations

import pytest

from cxcore import journeys, sample, workshops
from tests.apptest_support import add_entry, fresh_db, open_app, texts

PAGE = "pages/journey_map.py"


@pytest.fixture
def bank(app_db_path) -> tuple[int, int]:
    """A workshop with one persona, Margaret, and no journey yet: (workshop id, persona id)."""
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    persona = conn["personas"].insert({"workshop_id": wid, "name": "Margaret"}).last_pk
    return wid, persona


def only_journey(app_db_path: str, wid: int) -> journeys.Journey:
    [journey] = journeys.list_journeys(fresh_db(app_db_path), wid)
    return journey


def test_a_journey_is_created_for_a_persona_with_the_five_as(app_db_path, bank):
    wid, persona = bank
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "Start a journey map" in texts(at)
    at.selectbox(key="journey_new_persona").select(persona)
    at.text_input(key="journey_new_title").input("Taking out a mortgage")
    at.button(key="journey_create").click().run()
    assert not at.exception
    journey = only_journey(app_db_path, wid)
    assert (journey.persona_id, journey.title, [s.name for s in journey.stages]) == (
        persona, "Taking out a mortgage", ["Attract", "Accept", "Adopt", "Amplify", "Advance"])
    assert at.selectbox(key="journey_pick").value == journey.id
    shown = texts(at)
    assert [n for n in ("1. Attract", "5. Advance", "Thoughts and feelings") if n not in shown] \
        == []


def test_typing_an_entry_and_pressing_enter_adds_it_to_the_chosen_cell_and_clears_the_box(
        app_db_path, bank):
    wid, persona = bank
    jid = journeys.create_journey(fresh_db(app_db_path), wid, persona)
    accept = only_journey(app_db_path, wid).stages[1]
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_stage").select(accept.id)
    at.selectbox(key="journey_lane").select("pain_points")
    add_entry(at, "journey_new", "Documents asked for twice")
    add_entry(at, "journey_new", "Nobody calls back")
    assert not at.exception
    assert at.text_input(key="journey_new").value == ""
    stage = journeys.get_journey(fresh_db(app_db_path), wid, jid).stages[1]
    assert [(e.lane, e.text) for e in stage.entries] == [
        ("pain_points", "Documents asked for twice"), ("pain_points", "Nobody calls back")]
    assert "- Documents asked for twice\n- Nobody calls back" in texts(at)


def test_an_empty_entry_is_refused_with_a_message(app_db_path, bank):
    wid, persona = bank
    journeys.create_journey(fresh_db(app_db_path), wid, persona)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_entry(at, "journey_new", "   ")
    assert [e.value for e in at.error] == ["Entry cannot be empty."]
    assert only_journey(app_db_path, wid).entries == []


def test_the_emotion_of_a_stage_is_set_from_the_stage_tools(app_db_path, bank):
    wid, persona = bank
    journeys.create_journey(fresh_db(app_db_path), wid, persona)
    adopt = only_journey(app_db_path, wid).stages[2]
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_stage").select(adopt.id).run()
    at.button_group(key=f"journey_emotion_{adopt.id}").set_value(-1).run()
    assert not at.exception
    assert [s.emotion for s in only_journey(app_db_path, wid).stages] == [None, None, -1, None, None]
    assert ":orange[:material/sentiment_dissatisfied:] Unhappy" in texts(at)


def test_a_stage_moves_right_with_its_entries_and_is_removed_after_confirming(app_db_path, bank):
    wid, persona = bank
    conn = fresh_db(app_db_path)
    journeys.create_journey(conn, wid, persona)
    attract = only_journey(app_db_path, wid).stages[0]
    journeys.add_entry(conn, wid, attract.id, "actions", "Sees a leaflet")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_stage").select(attract.id).run()
    at.button(key="journey_right").click().run()
    journey = only_journey(app_db_path, wid)
    assert [(s.name, [e.text for e in s.entries]) for s in journey.stages[:2]] == [
        ("Accept", []), ("Attract", ["Sees a leaflet"])]
    at.button(key="journey_remove").click().run()
    assert len(only_journey(app_db_path, wid).stages) == 5  # nothing removed before confirming
    assert "Delete this stage? Its journey entry goes with it." in texts(at)
    at.button(key="journey_remove_yes").click().run()
    assert [s.name for s in only_journey(app_db_path, wid).stages] == [
        "Accept", "Adopt", "Amplify", "Advance"]


def test_a_pain_point_is_sent_to_the_five_whys_which_opens_with_the_problem(app_db_path, bank):
    wid, persona = bank
    conn = fresh_db(app_db_path)
    journeys.create_journey(conn, wid, persona)
    accept = only_journey(app_db_path, wid).stages[1]
    pain = journeys.add_entry(conn, wid, accept.id, "pain_points", "Documents asked for twice")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_entry").select(pain).run()
    assert not [b for b in at.button if b.key == "journey_to_brainstorm"]
    at.button(key="journey_to_whys").click().run()
    assert not at.exception
    [analysis] = conn.execute("SELECT id, problem, source_entry_id FROM why_analyses").fetchall()
    assert analysis[1:] == ("Documents asked for twice", pain)
    assert at.title[0].value == "5 Whys"
    assert "Documents asked for twice" in texts(at)
    at.switch_page(PAGE).run()
    assert "- Documents asked for twice :violet-badge[:material/account_tree: In 5 Whys]" in \
        texts(at)


def test_editing_and_deleting_one_entry_at_a_time(app_db_path, bank):
    wid, persona = bank
    conn = fresh_db(app_db_path)
    journeys.create_journey(conn, wid, persona)
    stage = only_journey(app_db_path, wid).stages[0]
    first = journeys.add_entry(conn, wid, stage.id, "needs", "Low rates")
    journeys.add_entry(conn, wid, stage.id, "needs", "Advice")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_entry").select(first).run()
    at.text_input(key=f"journey_entry_text_{first}").input("A rate she can trust").run()
    assert [e.text for e in only_journey(app_db_path, wid).entries] == ["A rate she can trust",
                                                                    "Advice"]
    at.text_input(key=f"journey_entry_text_{first}").input("x" * 201).run()
    assert [e.text for e in only_journey(app_db_path, wid).entries] == ["A rate she can trust",
                                                                    "Advice"]
    at.button(key="journey_entry_delete").click().run()
    assert [e.text for e in only_journey(app_db_path, wid).entries] == ["Advice"]


def test_one_stage_at_a_time_steps_through_the_stages(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button_group(key="journey_view").set_value("stage").run()
    assert "Stage 1 of 5" in texts(at)
    at.button(key="journey_next").click().run()
    assert "Stage 2 of 5" in texts(at)
    assert "Mortgage application stalls while customers re-send documents" in texts(at)
    assert "Asks her branch about remortgaging" not in texts(at)


def test_the_sample_shows_margarets_journey_with_the_link_to_the_five_whys(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid, present=True)
    margaret = journeys.list_journeys(fresh_db(app_db_path), wid)[0]
    assert at.selectbox(key="journey_pick").value == margaret.id
    assert [e.text for e in margaret.entries if e.in_whys] == [
        "Mortgage application stalls while customers re-send documents"]
    assert ("- Mortgage application stalls while customers re-send documents "
            ":violet-badge[:material/account_tree: In 5 Whys]") in texts(at)


def test_an_opportunity_is_sent_to_a_brainstorm_which_opens_with_it_as_the_prompt(app_db_path,
                                                                                 bank):
    wid, persona = bank
    conn = fresh_db(app_db_path)
    journeys.create_journey(conn, wid, persona)
    adopt = only_journey(app_db_path, wid).stages[2]
    idea = journeys.add_entry(conn, wid, adopt.id, "opportunities", "Text updates at each step")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_entry").select(idea).run()
    assert not [b for b in at.button if b.key == "journey_to_whys"]
    at.button(key="journey_to_brainstorm").click().run()
    assert not at.exception
    rows = conn.execute("SELECT prompt, technique, source_entry_id FROM brainstorms").fetchall()
    assert rows == [("Text updates at each step", "classic", idea)]
    assert at.title[0].value == "Brainstorm"
    assert "Text updates at each step" in texts(at)


def test_a_pain_point_already_in_the_five_whys_opens_its_analysis_without_a_duplicate(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    [sent] = [e for e in journeys.list_journeys(conn, wid)[0].entries if e.in_whys]
    before = conn.execute("SELECT id, problem FROM why_analyses WHERE workshop_id = ? "
                          "ORDER BY id", [wid]).fetchall()
    [(analysis_id,)] = conn.execute("SELECT id FROM why_analyses WHERE source_entry_id = ?",
                                    [sent.id]).fetchall()
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="journey_entry").select(sent.id).run()
    assert at.button(key="journey_to_whys").label == "Open its 5 Whys"
    at.button(key="journey_to_whys").click().run()
    assert not at.exception
    assert at.title[0].value == "5 Whys"
    assert at.session_state["five_whys_analysis"] == analysis_id
    assert conn.execute("SELECT id, problem FROM why_analyses WHERE workshop_id = ? "
                        "ORDER BY id", [wid]).fetchall() == before


def test_stage_names_on_the_emotion_curve_are_shown_as_typed_not_read_as_markup():
    from cxui import journey_view

    stage = journeys.Stage(1, "<b>Pay</b> & go", "", -1)
    figure = journey_view.emotion_chart(journeys.Journey(1, None, None, "", (stage,)), False)
    assert (list(figure.layout.xaxis.ticktext), list(figure.data[0].y)) == (
        ["&lt;b&gt;Pay&lt;/b&gt; &amp; go"], [-1])


def test_the_new_entry_hint_follows_the_chosen_lane(app_db_path, bank):
    wid, persona = bank
    journeys.create_journey(fresh_db(app_db_path), wid, persona)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    hints = {}
    for lane in ("actions", "pain_points"):
        at.selectbox(key="journey_lane").select(lane).run()
        hints[lane] = at.text_input(key="journey_new").placeholder
    assert hints == {"actions": "e.g. Compares rates on a comparison site",
                     "pain_points": "e.g. Has to send the same payslip twice"}
