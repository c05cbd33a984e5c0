"""The implementation plan: actions, overdue detection, departments and where to start."""
from __future__ import annotations

import datetime as dt

import pytest

from cxcore import cards, goals, plan, stakeholders, workshops
from cxcore.plan import Action, DepartmentPlan
from cxcore.stakeholders import Department
from cxcore.text import ValidationError

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("due,status,overdue", [
    ("2026-11-21", "planned", True),
    ("2026-11-21", "in_progress", True),
    ("2026-11-21", "blocked", True),
    ("2026-11-21", "done", False),
    ("2026-11-22", "planned", False),
    ("2027-01-01", "planned", False),
    (None, "planned", False),
])
def test_an_action_is_overdue_only_when_its_due_date_has_passed_and_it_is_not_done(
        due, status, overdue):
    assert plan.is_overdue(Action(1, "Brief advisers", due=due, status=status), TODAY) is overdue


def department(name, champions=(), gatekeepers=()):
    return Department(name, list(champions), [], list(gatekeepers), [])


def test_where_to_start_names_at_most_two_departments_with_champions_most_backed_first():
    departments = [department("Billing", gatekeepers=["Graham"]),
                   department("Marketing", ["Aisha"]),
                   department("Sales", ["Tom"], ["Ann"]),
                   department("Technology", ["Ravi", "Mo"])]
    assert plan.where_to_start(departments) == ["Technology", "Marketing"]
    assert plan.where_to_start([department("Billing", gatekeepers=["Graham"])]) == []


def test_department_plans_group_actions_by_department_whatever_the_case_start_here_first():
    departments = [department("Billing", gatekeepers=["Graham"]), department("Marketing", ["Aisha"])]
    actions = [Action(1, "Fee notices", department="billing"),
               Action(2, "Campus campaign", department="Marketing"),
               Action(3, "Chatbot pilot", department="Customer support"),
               Action(4, "Someone should own this")]
    assert plan.department_plans(departments, actions) == [
        DepartmentPlan("Marketing", ["Aisha"], [], [actions[1]], True),
        DepartmentPlan("Billing", [], ["Graham"], [actions[0]], False),
        DepartmentPlan("Customer support", [], [], [actions[2]], False),
        DepartmentPlan(plan.NO_DEPARTMENT, [], [], [actions[3]], False),
    ]


def test_adding_and_editing_an_action_saves_every_field(db, make_workshop):
    wid = make_workshop()
    goal = goals.add_goal(db, wid, "Lift NPS", "nps")
    card = cards.add_card(db, wid, "A document checklist")
    action = plan.add_action(db, wid, "  Brief advisers  ", "Sales", "Tom", "2027-01-31",
                             goal_id=goal)
    plan.update_field(db, wid, action, "status", "in_progress")
    plan.update_field(db, wid, action, "due", dt.date(2027, 2, 28))
    plan.update_field(db, wid, action, "card_id", card)
    assert plan.list_actions(db, wid) == [Action(action, "Brief advisers", "Sales", "Tom",
                                                 "2027-02-28", "in_progress", card, goal)]
    plan.delete_action(db, wid, action)
    assert plan.list_actions(db, wid) == []


@pytest.mark.parametrize("field,value,message", [
    ("title", "   ", "Action cannot be empty."),
    ("title", "x" * 201, "Action is too long: 201 characters, the limit is 200."),
    ("status", "finished", "The status is planned, in progress, done or blocked."),
    ("due", "31/01/2027", "Due date must be a date, like 2027-06-30."),
    ("colour", "red", "Unknown field of an action: colour."),
])
def test_bad_edits_are_refused_with_a_message_and_change_nothing(db, make_workshop, field, value,
                                                                  message):
    wid = make_workshop()
    action = plan.add_action(db, wid, "Brief advisers")
    before = plan.list_actions(db, wid)
    with pytest.raises(ValidationError) as error:
        plan.update_field(db, wid, action, field, value)
    assert str(error.value) == message
    assert plan.list_actions(db, wid) == before


def test_an_action_cannot_serve_a_goal_of_another_workshop(db, make_workshop):
    mine, theirs = make_workshop(), make_workshop("Other")
    their_goal = goals.add_goal(db, theirs, "Their goal")
    with pytest.raises(workshops.NotFoundError):
        plan.add_action(db, mine, "Brief advisers", goal_id=their_goal)
    assert plan.list_actions(db, mine) == []


def test_the_plan_reads_departments_from_the_stakeholder_map(db, make_workshop):
    wid = make_workshop()
    stakeholders.add_stakeholder(db, wid, "Aisha", department="Marketing", support=9, influence=9)
    plan.add_action(db, wid, "Campus campaign", "marketing")
    [marketing] = plan.department_plans(stakeholders.departments(db, wid),
                                        plan.list_actions(db, wid))
    assert (marketing.name, marketing.champions, marketing.start_here,
            [a.title for a in marketing.actions]) == ("Marketing", ["Aisha"], True,
                                                      ["Campus campaign"])
