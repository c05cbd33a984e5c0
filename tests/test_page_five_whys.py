"""The 5 Whys page through AppTest: analyses, answers via the picker, statuses, root causes."""
from __future__ import annotations

from cxcore import sample, whys, workshops
from tests.apptest_support import fresh_db, open_app, texts

PAGE = "pages/five_whys.py"


def add_answer(at, text, source="", figure=""):
    at.text_input(key="five_whys_answer_text").input(text)
    at.text_input(key="five_whys_answer_source").input(source)
    at.text_input(key="five_whys_answer_figure").input(figure)
    at.button(key="five_whys_add").click().run()


def test_the_sample_shows_the_tree_as_text_with_its_root_cause_marked(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    shown = texts(at)
    assert "### Mortgage application stalls while customers re-send documents" in shown
    assert ("- The checklist is built by the underwriting engine, which only runs after "
            "submission :green-badge[proven] :orange-badge[:material/star: root cause]") in shown
    assert "- :gray[Customers upload blurry photos that the system cannot read] " \
           ":gray-badge[disproven]" in shown
    assert [(m.label, m.value) for m in at.metric] == [
        ("Levels of why", "5"), ("Answers", "8"), ("Proven root causes", "1")]
    assert at.subheader[-1].value == "Root causes (1)"


def test_creating_an_analysis_answering_it_and_proving_a_root_cause(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "No analysis yet" in texts(at)
    at.text_input(key="five_whys_new_problem").input("Card activation calls peak on Mondays")
    at.button(key="five_whys_start").click().run()
    [analysis] = whys.list_analyses(conn, wid)
    assert analysis.problem == "Card activation calls peak on Mondays"

    add_answer(at, "Cards arrive on Saturdays", "Courier data", "70% delivered Sat")
    [first] = whys.list_answers(conn, wid, analysis.id)
    at.selectbox(key=f"five_whys_pick_{analysis.id}").set_value(first.id).run()
    assert "##### Why? Cards arrive on Saturdays" in texts(at)
    add_answer(at, "The print run is batched on Thursdays")
    second = whys.list_answers(conn, wid, analysis.id)[1]
    assert (second.parent_id, second.text) == (first.id, "The print run is batched on Thursdays")

    at.radio(key=f"five_whys_status_{first.id}").set_value("proven").run()
    assert whys.list_answers(conn, wid, analysis.id)[0].status == "proven"
    shown = texts(at)
    assert ":orange-badge[:material/star: root cause] Cards arrive on Saturdays" in shown
    assert at.subheader[-1].value == "Root causes (1)"


def test_editing_evidence_saves_it_and_an_emptied_answer_is_refused(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    aid = whys.create_analysis(conn, wid, "Stalls")
    answer = whys.add_answer(conn, wid, aid, None, "Docs re-sent")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"five_whys_pick_{aid}").set_value(answer).run()
    at.text_input(key=f"five_whys_evidence_figure_{answer}").input("41% sent back").run()
    at.text_input(key=f"five_whys_text_{answer}").input("   ").run()
    assert [e.value for e in at.error] == ["An answer cannot be empty: delete it instead."]
    assert whys.list_answers(conn, wid, aid) == [
        whys.Answer(answer, None, "Docs re-sent", "", "41% sent back", "unverified", 1)]


def test_an_empty_answer_is_refused_with_a_message(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    aid = whys.create_analysis(conn, wid, "Stalls")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_answer(at, "", "CRM")
    assert [e.value for e in at.error] == ["Write the answer to “why?” first."]
    assert whys.list_answers(conn, wid, aid) == []


def test_deleting_an_answer_asks_first_then_removes_its_subtree(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    aid = whys.create_analysis(conn, wid, "Stalls")
    top = whys.add_answer(conn, wid, aid, None, "Top")
    whys.add_answer(conn, wid, aid, top, "Child")
    keep = whys.add_answer(conn, wid, aid, None, "Other")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"five_whys_pick_{aid}").set_value(top).run()
    at.button(key=f"five_whys_delete_{top}").click().run()
    assert len(whys.list_answers(conn, wid, aid)) == 3
    assert "Delete this answer? The answer beneath it goes with it." in texts(at)
    at.button(key=f"five_whys_delete_{top}_yes").click().run()
    assert [a.id for a in whys.list_answers(conn, wid, aid)] == [keep]
    assert not at.exception


def test_an_analysis_from_a_journey_pain_point_says_where_it_came_from(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    stage = conn["journey_stages"].insert({"workshop_id": wid, "name": "Accept"}).last_pk
    conn["journey_entries"].insert({"workshop_id": wid, "stage_id": stage, "lane": "pain_points",
                                    "text": "Documents re-sent"})
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key="five_whys_new_source").select_index(1)  # in the form: sent on Start
    at.button(key="five_whys_start").click().run()
    assert [a.problem for a in whys.list_analyses(conn, wid)] == ["Documents re-sent"]
    assert ":blue-badge[:material/route: From the journey map: Accept]" in texts(at)


def test_a_root_cause_starts_a_brainstorm_with_it_as_the_prompt(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    aid = whys.create_analysis(conn, wid, "Stalls")
    answer = whys.add_answer(conn, wid, aid, None, "No checklist before submission")
    whys.set_status(conn, wid, answer, "proven")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key=f"five_whys_brainstorm_{answer}").click().run()
    assert not at.exception
    assert at.title[0].value == "Brainstorm"
    rows = [(r["prompt"], r["technique"], r["source_why_id"]) for r in conn["brainstorms"].rows]
    assert rows == [("No checklist before submission", "classic", answer)]
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert ":green-badge[:material/lightbulb: Brainstorm started]" in texts(at)


def columns_around(block, label: str, depth: int = 0) -> int | None:
    """How many columns hold the page link ``label`` (None if it is not under ``block``)."""
    for child in getattr(block, "children", {}).values():
        if getattr(child, "type", None) == "page_link" and child.proto.label == label:
            return depth
        inner = columns_around(child, label, depth + (getattr(child, "type", None) == "column"))
        if inner is not None:
            return inner
    return None


def test_back_and_next_span_the_page_when_there_is_no_analysis_yet(app_db_path):
    wid = workshops.create(fresh_db(app_db_path), "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "No analysis yet" in texts(at)
    assert [columns_around(at.main, label) for label in (
        "Back: Touchpoint review", "Next step: Brainstorm")] == [1, 1]
