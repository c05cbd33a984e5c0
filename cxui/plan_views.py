"""Views of the implementation plan: department cards, the action table, the action editor."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cxcore import plan

from . import feedback
from .text import plain

STATUS_BADGES = {"planned": ":blue-badge[Planned]", "in_progress": ":orange-badge[In progress]",
                 "done": ":green-badge[:material/check: Done]",
                 "blocked": ":red-badge[:material/block: Blocked]"}
OVERDUE_BADGE = ":red-badge[:material/alarm: Overdue]"


def action_line(action: plan.Action, today: dt.date) -> str:
    overdue = f" {OVERDUE_BADGE}" if plan.is_overdue(action, today) else ""
    owner = f" · {plain(action.owner)}" if action.owner else ""
    due = f" · due {action.due_label}" if action.due else ""
    return f"- {STATUS_BADGES[action.status]}{overdue} {plain(action.title)}:gray[{owner}{due}]"


def department_card(department: plan.DepartmentPlan, today: dt.date) -> None:
    with st.container(border=True):
        start = " :green-badge[:material/rocket_launch: Start here]" if department.start_here \
            else ""
        st.markdown(f"**{plain(department.name)}**{start}")
        people = [f":green-badge[:material/star: {plain(n)}]" for n in department.champions] + \
            [f":red-badge[:material/front_hand: {plain(n)}]" for n in department.gatekeepers]
        if people:
            st.markdown(" ".join(people))
        if department.actions:
            st.markdown("\n".join(action_line(a, today) for a in department.actions))
        else:
            st.caption("No actions yet.")


def actions_table(actions: list[plan.Action], card_names: dict, goal_names: dict,
                  today: dt.date) -> None:
    frame = pd.DataFrame([{
        "Action": a.title, "Department": a.department, "Owner": a.owner,
        "Due": dt.date.fromisoformat(a.due) if a.due else None,
        "Status": a.status_label, "Overdue": "⚠ overdue" if plan.is_overdue(a, today) else "",
        "Card": card_names.get(a.card_id, ""), "Goal": goal_names.get(a.goal_id, ""),
    } for a in actions])
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={"Due": st.column_config.DateColumn(format="D MMM YYYY"),
                                "Action": st.column_config.TextColumn(width="large")})


def editor(workshop_id: int, action: plan.Action, departments: list[str], card_names: dict,
           goal_names: dict) -> None:
    def field(widget, label: str, name: str, stored, **kwargs) -> None:
        feedback.bound(widget, label, f"plan_{name}_{action.id}", stored, plan.update_field,
                       workshop_id, action.id, name, **kwargs)

    field(st.text_input, "Action", "title", action.title, max_chars=plan.TITLE_MAX)
    options = sorted({"", action.department, *departments}, key=str.casefold)
    left, right = st.columns(2)
    with left:
        field(st.selectbox, "Department", "department", action.department, options=options,
              accept_new_options=True, format_func=lambda d: d or "—")
    with right:
        field(st.text_input, "Owner", "owner", action.owner, max_chars=plan.NAME_MAX)
    due, status = st.columns(2)
    with due:
        field(st.date_input, "Due date", "due",
              dt.date.fromisoformat(action.due) if action.due else None,
              min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
    with status:
        field(st.selectbox, "Status", "status", action.status, options=list(plan.STATUSES),
              format_func=plan.STATUS_LABELS.get)
    field(st.selectbox, "Serves the card", "card_id", action.card_id,
          options=[None, *card_names], format_func=lambda c: card_names.get(c, "—"))
    field(st.selectbox, "Serves the goal", "goal_id", action.goal_id,
          options=[None, *goal_names], format_func=lambda g: goal_names.get(g, "—"))
