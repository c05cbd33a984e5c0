"""SMIRC goals: cards with their five checks, one goal edited at a time, advice for the set."""
import datetime as dt

import streamlit as st

from cxcore import goals
from cxui import chrome, confirm, edit_mode, entry, feedback
from cxui.text import plain

KEY = "smirc_goals"
conn, workshop = chrome.begin_step(KEY)
EDITING = "smirc_editing"
edit_on = edit_mode.editing(KEY)

if edit_on:
    st.expander("How this step works", icon=":material/help:").markdown(
        "A goal turns the vision into something the team can steer by. Give each goal a "
        "metric, where it stands today (baseline), where it should get to (target), by when, "
        "and **because**: the business result it serves. Then test it against five checks:\n\n"
        "- **Social**: people across the organisation know it and understand it.\n"
        "- **Measurable**: worked out for you, it needs a metric, a target and a deadline.\n"
        "- **Inspiring**: people want to work towards it.\n"
        "- **Relevant**: it serves the organisation's goals and the CX vision.\n"
        "- **Contextual**: it fits where the experience stands today and what the team can do "
        "in the time.\n\n"
        "Mix what customers tell you (feedback metrics such as NPS, CSAT, CES) with what they "
        "do (operational metrics such as churn, retention, lifetime value), and keep the list "
        "short.\n\n*Example:* Improve NPS by 20% within 6 months, because this leads to more "
        "purchases per customer.")


def quick_add(text: str) -> bool:
    ok, new_id = feedback.attempt(goals.add_goal, workshop.id, text, done="Goal added")
    if ok:
        st.session_state[EDITING] = new_id
    return ok


def add_example() -> None:
    new_id = feedback.run(goals.add_example, workshop.id, done="Example goal added")
    if new_id is not None:
        st.session_state[EDITING] = new_id


def badges(goal: goals.Goal) -> str:
    return " ".join(f":green-badge[:material/check: {name[0].upper()}]" if ok else
                    f":gray-badge[{name[0].upper()}]" for name, ok in goal.checks.items())


def numbers(goal: goals.Goal) -> str:
    kind = goals.KINDS[goal.metric_kind].lower()
    metric = f"**{plain(goal.metric_label)}** · {kind}" if goal.metric_label else \
        ":gray[No metric yet]"
    path = f"{plain(goals.format_number(goal.baseline, goal.unit))} → " \
           f"{plain(goals.format_number(goal.target, goal.unit))}"
    due = f"by {goals.format_date(goal.deadline)}" if goal.deadline else ":gray[no deadline]"
    return f"{metric}  \n:material/flag: {path} · :material/event: {due}"


def goal_card(number: int, goal: goals.Goal) -> None:
    editing = st.session_state.get(EDITING) == goal.id
    with st.container(border=True, height="stretch"):
        passed = sum(goal.checks.values())
        st.markdown(f"{badges(goal)} &nbsp; :gray[Goal {number} · {passed} of 5 checks]")
        st.markdown(f"**{plain(goal.statement)}**")
        st.markdown(numbers(goal))
        if goal.because:
            st.markdown(f"_Because {plain(goal.because)}_")
        elif not goal.reason:
            st.markdown(":orange[No “because” yet]")
        if edit_on:
            st.button("Editing" if editing else "Edit", key=f"smirc_edit_{goal.id}",
                      icon=":material/edit:", disabled=editing,
                      on_click=st.session_state.__setitem__, args=(EDITING, goal.id))


def field(widget, label: str, goal: goals.Goal, name: str, stored, **kwargs) -> None:
    feedback.bound(widget, label, f"smirc_{name}_{goal.id}", stored, goals.update_field,
                   workshop.id, goal.id, name, **kwargs)


def editor(goal: goals.Goal) -> None:
    st.subheader("Edit the goal", anchor=False)
    field(st.text_input, "The goal", goal, "statement", goal.statement,
          max_chars=goals.STATEMENT_MAX)
    left, right = st.columns(2)
    with left:
        field(st.selectbox, "Metric", goal, "metric", goal.metric,
              options=["", *goals.METRICS], format_func=lambda m: goals.METRICS.get(m, "—"))
    with right:
        field(st.radio, "Kind of metric", goal, "metric_kind", goal.metric_kind,
              options=list(goals.KINDS), format_func=goals.KINDS.get, horizontal=True)
    if goal.metric == "custom":
        field(st.text_input, "Metric name", goal, "custom_metric", goal.custom_metric,
              max_chars=goals.NAME_MAX)
    unit, baseline, target = st.columns(3)
    with unit:
        field(st.text_input, "Unit", goal, "unit", goal.unit, max_chars=goals.UNIT_MAX,
              placeholder="%, points")
    with baseline:
        field(st.number_input, "Baseline", goal, "baseline", goal.baseline, format="%g")
    with target:
        field(st.number_input, "Target", goal, "target", goal.target, format="%g")
    deadline = dt.date.fromisoformat(goal.deadline) if goal.deadline else None
    field(st.date_input, "Deadline", goal, "deadline", deadline,
          min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
    field(st.text_input, "Because (the business reason)", goal, "because", goal.because,
          max_chars=goals.TEXT_MAX, placeholder="e.g. this leads to more purchases per customer")
    st.markdown("**The checks**")
    measurable = ":green-badge[:material/check: Measurable]" if goal.measurable else \
        ":gray-badge[Not measurable yet]"
    st.markdown(f"{measurable} :gray[{goals.CHECK_HELP['measurable']}]")
    for check in goals.TICKED:
        feedback.bound(st.checkbox, goals.CHECK_LABELS[check], f"smirc_{check}_{goal.id}",
                       getattr(goal, check), goals.set_check, workshop.id, goal.id, check,
                       help=goals.CHECK_HELP[check])
    done, delete = st.columns(2)
    done.button("Done", key="smirc_done", icon=":material/check:", width="stretch",
                on_click=st.session_state.__setitem__, args=(EDITING, None))
    confirm.delete_button("Delete goal", confirm.Deletion(
        workshop.id, "goals", goal.id, goals.delete_goal, "Goal deleted", (EDITING,)),
        key="smirc_delete", place=delete, width="stretch")


def add_panel() -> None:
    st.subheader("Add a goal", anchor=False)
    entry.new_entry("New goal", "smirc_new", quick_add, max_chars=goals.STATEMENT_MAX,
                    placeholder="Type the goal and press Enter")
    st.button("Add the example goal", key="smirc_example", icon=":material/lightbulb:",
              on_click=add_example)
    st.caption("Example: Improve NPS by 20% within 6 months, because this leads to more "
               "purchases per customer.")


all_goals = goals.list_goals(conn, workshop.id)
editing = next((g for g in all_goals if g.id == st.session_state.get(EDITING)), None)
cards, side = st.columns([3, 2], gap="large") if edit_on else (st.container(), st.container())
per_row = 2 if edit_on else 3  # the room's view: the goals across the screen
with side:
    if edit_on:
        with st.container(border=True):
            if editing:
                editor(editing)
            else:
                add_panel()
    st.markdown("**Advice**")
    *warnings, standing = goals.advice(all_goals)
    for message in warnings:
        st.warning(plain(message), icon=":material/lightbulb:")
    st.info(standing, icon=":material/straighten:")
with cards:
    st.subheader(f"Goals ({len(all_goals)})", anchor=False)
    st.caption("S social · M measurable (worked out) · I inspiring · R relevant · "
               "C contextual. Green: passed.")
    if not all_goals:
        st.caption("No goals yet. Type one on the right, or start from the example.")
    for start in range(0, len(all_goals), per_row):
        row = st.columns(per_row)
        for column, (number, goal) in zip(row, enumerate(all_goals[start:start + per_row],
                                                         start=start + 1)):
            with column:
                goal_card(number, goal)
    if editing and edit_on:
        st.button("Add another goal", key="smirc_add_more", icon=":material/add:",
                  on_click=st.session_state.__setitem__, args=(EDITING, None))

chrome.end_step(KEY)
