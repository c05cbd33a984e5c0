"""The implementation plan page through AppTest: add an action, edit it, see departments."""
from __future__ import annotations

import datetime as dt

from cxcore import goals, plan, sample, stakeholders, workshops
from cxui.text import plain
from tests.apptest_support import add_entry, fresh_db, open_app, texts


def test_adding_an_action_opens_it_for_editing_and_each_edit_is_saved(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    goal = goals.add_goal(conn, wid, "Lift NPS", "nps")
    stakeholders.add_stakeholder(conn, wid, "Aisha", department="Marketing", support=9,
                                 influence=9)
    at = open_app(app_db_path, page="pages/implementation_plan.py", workshop_id=wid)
    add_entry(at, "plan_new", "Campus campaign")
    [action] = plan.list_actions(conn, wid)
    assert at.selectbox(key="plan_pick").value == action.id
    at.selectbox(key=f"plan_department_{action.id}").set_value("Marketing").run()
    at.text_input(key=f"plan_owner_{action.id}").input("Aisha").run()
    at.date_input(key=f"plan_due_{action.id}").set_value(dt.date(2026, 1, 31)).run()
    at.selectbox(key=f"plan_status_{action.id}").set_value("in_progress").run()
    at.selectbox(key=f"plan_goal_id_{action.id}").set_value(goal).run()
    assert plan.list_actions(conn, wid) == [plan.Action(
        action.id, "Campus campaign", "Marketing", "Aisha", "2026-01-31", "in_progress", None,
        goal)]
    shown = texts(at)
    assert "Where to start:** Marketing. Leaders" in shown
    assert "Overdue:** Campus campaign" in shown
    assert not at.exception


def test_an_empty_action_is_refused_with_a_message(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/implementation_plan.py", workshop_id=wid)
    add_entry(at, "plan_new", "   ")
    assert [e.value for e in at.error] == ["Action cannot be empty."]
    assert plan.list_actions(conn, wid) == []


def test_deleting_an_action_can_be_undone(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    action = plan.add_action(conn, wid, "Fee notices")
    at = open_app(app_db_path, page="pages/implementation_plan.py", workshop_id=wid)
    at.selectbox(key="plan_pick").set_value(action).run()
    at.button(key="plan_delete").click().run()
    assert plan.list_actions(conn, wid) == []
    at.button(key="undo_notice_undo").click().run()
    assert [a.id for a in plan.list_actions(conn, wid)] == [action]


def test_the_sample_plan_shows_departments_the_table_and_the_overdue_action(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    at = open_app(app_db_path, page="pages/implementation_plan.py", workshop_id=wid)
    shown = texts(at)
    assert "Where to start:** Marketing and Sales." in shown
    # The sample's dates are fixed, so which actions are overdue depends on today's date.
    overdue = [a.title for a in plan.list_actions(conn, wid)
               if plan.is_overdue(a, dt.date.today())]
    assert "Brief mortgage advisers on the new checklist and tracker" in overdue
    assert [e.value.split(" (")[0] for e in at.error] == [f"**Overdue:** {plain(t)}"
                                                          for t in overdue]
    [table] = at.dataframe
    assert len(table.value) == 10
    assert [m.value for m in at.metric] == ["10", "3", "2", "1", str(len(overdue))]


def test_text_left_in_the_new_action_box_is_not_saved_until_add(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/implementation_plan.py", workshop_id=wid)
    at.text_input(key="plan_new").input("Half-typed action").run()
    assert plan.list_actions(conn, wid) == []
    assert not at.exception
