"""The SMIRC goals page through AppTest: add a goal, fill it in, tick checks, see Measurable."""
from __future__ import annotations

import datetime as dt

from cxcore import goals, sample, workshops
from tests.apptest_support import add_entry, fresh_db, open_app, texts


def test_adding_a_goal_filling_it_in_and_ticking_checks(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=wid)
    add_entry(at, "smirc_new", "Lift NPS for mortgage customers")
    [goal] = goals.list_goals(conn, wid)
    assert goal.statement == "Lift NPS for mortgage customers"
    assert "Not measurable yet" in texts(at)
    at.selectbox(key=f"smirc_metric_{goal.id}").set_value("nps").run()
    at.number_input(key=f"smirc_baseline_{goal.id}").set_value(18).run()
    at.number_input(key=f"smirc_target_{goal.id}").set_value(35).run()
    at.date_input(key=f"smirc_deadline_{goal.id}").set_value(dt.date(2027, 12, 31)).run()
    at.checkbox(key=f"smirc_social_{goal.id}").check().run()
    at.checkbox(key=f"smirc_relevant_{goal.id}").check().run()
    saved = goals.get_goal(conn, wid, goal.id)
    assert (saved.metric_label, saved.metric_kind, saved.baseline, saved.target,
            saved.deadline) == ("NPS", "feedback", 18.0, 35.0, "2027-12-31")
    assert saved.checks == {"social": True, "measurable": True, "inspiring": False,
                            "relevant": True, "contextual": False}
    assert "Not measurable yet" not in texts(at)
    assert any("Measurable" in m.value for m in at.markdown)
    assert not at.exception


def test_the_example_goal_is_added_and_opened_for_editing(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=wid)
    at.button(key="smirc_example").click().run()
    [goal] = goals.list_goals(conn, wid)
    assert goal.statement == "Improve NPS by 20% within 6 months"
    assert at.text_input(key=f"smirc_statement_{goal.id}").value == goal.statement


def test_a_bad_target_or_an_empty_goal_is_refused_and_the_advice_shows(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=wid)
    shown = texts(at)
    assert "No customer feedback metric yet" in shown and "No operational metric yet" in shown
    add_entry(at, "smirc_new", "   ")
    assert [e.value for e in at.error] == ["The goal cannot be empty."]
    assert goals.list_goals(conn, wid) == []


def test_the_sample_goals_show_as_cards_and_one_is_edited_at_a_time(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    first, second, *rest = goals.list_goals(conn, wid)
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=wid)
    assert "Goals (4)" in texts(at) and "Because students who stay" in texts(at)
    assert not at.text_input(key="smirc_new").disabled
    at.button(key=f"smirc_edit_{second.id}").click().run()
    assert [c.key for c in at.checkbox] == [f"smirc_{c}_{second.id}" for c in goals.TICKED]
    at.checkbox(key=f"smirc_inspiring_{second.id}").check().run()
    assert goals.get_goal(conn, wid, second.id).inspiring
    at.text_input(key=f"smirc_statement_{second.id}").input(" ").run()
    assert [e.value for e in at.error] == ["The goal cannot be empty."]
    assert at.text_input(key=f"smirc_statement_{second.id}").value == second.statement
    assert goals.get_goal(conn, wid, second.id).statement == second.statement
    at.button(key="smirc_delete").click().run()
    assert len(goals.list_goals(conn, wid)) == 4
    at.button(key="smirc_delete_yes").click().run()
    assert [g.id for g in goals.list_goals(conn, wid)] == [
        g.id for g in (first, *rest)]


def test_a_goal_whose_statement_already_says_because_is_not_told_it_has_none(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    goals.add_goal(conn, wid, "Cut churn by 10%, because students who stay become savers")
    goals.add_goal(conn, wid, "Lift NPS")
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=wid)
    shown = texts(at)
    assert shown.count("No “because” yet") == 1
    assert [line for line in shown.splitlines() if "has no “because”" in line] == [
        "“Lift NPS” has no “because”: say which business result it serves."]
    assert not at.exception
