"""Implementation plan: actions by department, overdue ones flagged, edited one at a time."""
import datetime as dt

import streamlit as st

from cxcore import cards, goals, plan, stakeholders
from cxui import chrome, confirm, edit_mode, entry, feedback, plan_views
from cxui.text import plain

KEY = "implementation_plan"
conn, workshop = chrome.begin_step(KEY)
PICK = "plan_pick"
today = dt.date.today()
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "Each experience design card and each goal needs people who make it happen. Write the "
        "actions as short, concrete jobs, give each an **owner** in a **department** and a **due "
        "date**, and say which card or goal it moves. Keep the status current as work goes on: "
        "actions past their date that are not done are flagged.\n\n"
        "Do not try to change every department at once. Begin with one or two where the leaders "
        "already back the customer experience work (the champions on the stakeholder map), show "
        "results there, then take them to the gatekeepers.")


def quick_add(title: str) -> bool:
    ok, new_id = feedback.attempt(plan.add_action, workshop.id, title, done="Action added")
    if ok:
        st.session_state[PICK] = new_id
    return ok


actions = plan.list_actions(conn, workshop.id)
departments = stakeholders.departments(conn, workshop.id)
card_names = {c.id: f"Card {c.number}: {c.headline}" for c in cards.list_cards(conn, workshop.id)}
goal_names = {g.id: f"Goal {n}: {g.statement}"
              for n, g in enumerate(goals.list_goals(conn, workshop.id), start=1)}
overdue = [a for a in actions if plan.is_overdue(a, today)]

counts = st.columns(5)
for column, (label, value) in zip(counts, (
        ("Actions", len(actions)),
        ("In progress", sum(a.status == "in_progress" for a in actions)),
        ("Done", sum(a.status == "done" for a in actions)),
        ("Blocked", sum(a.status == "blocked" for a in actions)),
        ("Overdue", len(overdue)))):
    with column.container(border=True):
        st.metric(label, value)

start = plan.where_to_start(departments)
if start:
    st.success(f"**Where to start:** {plain(' and '.join(start))}. Leaders there already back "
               "the customer experience: win there first, then bring the others along.",
               icon=":material/rocket_launch:")
elif not departments:
    st.caption("Place people on the stakeholder map to see each department's champions and "
               "gatekeepers here.")
for action in overdue:
    st.error(f"**Overdue:** {plain(action.title)} (due {action.due_label}, "
             f"{action.status_label.lower()})", icon=":material/alarm:")



def edit_panel() -> None:
    with st.container(border=True):
        st.subheader("Add an action", anchor=False)
        entry.new_entry("New action", "plan_new", quick_add, max_chars=plan.TITLE_MAX,
                        placeholder="Type the action and press Enter")
        ids = [a.id for a in actions]
        if st.session_state.get(PICK) not in ids:
            st.session_state[PICK] = None
        titles = {a.id: a.title for a in actions}
        picked = st.selectbox("Edit an action", [None, *ids], key=PICK,
                              placeholder="Choose an action…",
                              format_func=lambda i: "—" if i is None else titles[i])
        current = next((a for a in actions if a.id == picked), None)
        if current:
            plan_views.editor(workshop.id, current,
                              [d.name for d in departments] + [a.department for a in actions],
                              card_names, goal_names)
            confirm.delete_button("Delete action", confirm.Deletion(
                workshop.id, "actions", current.id, plan.delete_action, "Action deleted",
                (PICK,)), key="plan_delete")
board, side = st.columns([3, 2], gap="large") if editing else (st.container(), None)
if side:
    with side:
        edit_panel()
per_row = 2 if editing else 3  # the room's view: the departments across the screen
with board:
    by_department, table = st.tabs([":material/apartment: By department",
                                    ":material/table: All actions"])
    with by_department:
        plans = plan.department_plans(departments, actions)
        if not plans:
            st.caption("No actions yet. Type the first one on the right." if editing else
                       "No actions yet.")
        places = st.columns(per_row)
        for number, department in enumerate(plans):
            with places[number % per_row]:
                plan_views.department_card(department, today)
    with table:
        if actions:
            plan_views.actions_table(actions, card_names, goal_names, today)
        else:
            st.caption("No actions yet.")

chrome.end_step(KEY)
