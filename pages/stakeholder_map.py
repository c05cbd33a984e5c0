"""Stakeholder map: support and influence of each stakeholder, four quadrants, how to engage."""
import streamlit as st

from cxcore import stakeholders as sh
from cxui import chrome, confirm, edit_mode, entry, feedback, session
from cxui import stakeholder_views as views

KEY = "stakeholder_map"
conn, workshop = chrome.begin_step(KEY)
NEW = {"name": "stakeholder_map_new_name", "department": "stakeholder_map_new_department",
       "support": "stakeholder_map_new_support", "influence": "stakeholder_map_new_influence"}
SELECTED = "stakeholder_map_selected"
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "CX work crosses departments, so it needs people who can open doors. Add the people "
        "and groups whose backing matters, then score each one from 0 to 10 on **support** "
        "(how much they back better customer experience) and **influence** (how much they can "
        "move decisions and budgets). The map sorts them into four groups, each with its own "
        "way of engaging them.\n\n"
        "A score exactly on the midpoint counts as high: with the usual midpoint of 5, a 5 "
        "is on the upper half. *Example:* the head of lending scores support 3 and influence "
        "9, a gatekeeper: find out what worries her before the plan reaches her desk.")

people = sh.list_stakeholders(conn, workshop.id)
midpoint = sh.get_midpoint(conn, workshop.id)
known_departments = list(dict.fromkeys([*sh.DEPARTMENTS, *(p.department for p in people
                                                           if p.department)]))
ids = [p.id for p in people]
if st.session_state.get(SELECTED) not in ids:
    st.session_state[SELECTED] = ids[0] if ids else None


def add_stakeholder() -> None:
    values = {field: st.session_state.get(key) for field, key in NEW.items()}
    values["department"] = values["department"] or ""
    new_id = feedback.run(sh.add_stakeholder, workshop.id, done="Stakeholder added",
                          **{k: v if v is not None else 5 for k, v in values.items()})
    if new_id is not None:
        st.session_state[NEW["name"]] = ""
        st.session_state[SELECTED] = new_id


def edit_panels() -> None:
    with st.container(border=True):
        st.markdown("##### :material/person_add: Add a stakeholder")
        with entry.entry_form(NEW["name"]):  # Enter adds; leaving the box saves nothing
            st.text_input("Person or group", key=NEW["name"], max_chars=sh.NAME_MAX,
                          placeholder="e.g. Head of lending")
            st.selectbox("Department", known_departments, index=None, key=NEW["department"],
                         accept_new_options=True, placeholder="Choose or type a department")
            left, right = st.columns(2)
            left.slider("Support", sh.SCORE_MIN, sh.SCORE_MAX, 5, key=NEW["support"])
            right.slider("Influence", sh.SCORE_MIN, sh.SCORE_MAX, 5, key=NEW["influence"])
            st.form_submit_button("Add stakeholder", type="primary", icon=":material/add:",
                                  on_click=add_stakeholder, key="stakeholder_map_add")

    if people:
        with st.container(border=True):
            st.markdown("##### :material/tune: Edit one stakeholder")
            names = {p.id: f"{p.name} ({p.department})" if p.department else p.name
                     for p in people}
            st.selectbox("Stakeholder", ids, format_func=names.get, key=SELECTED)
            person = next(p for p in people if p.id == st.session_state[SELECTED])
            st.markdown(f"{views.badge(person.quadrant)} {sh.STRATEGIES[person.quadrant]}")
            left, right = st.columns(2)
            with left:
                feedback.bound(st.slider, "Support", f"stakeholder_map_support_{person.id}",
                               person.support, sh.update_field, workshop.id, person.id,
                               "support", min_value=sh.SCORE_MIN, max_value=sh.SCORE_MAX)
            with right:
                feedback.bound(st.slider, "Influence", f"stakeholder_map_influence_{person.id}",
                               person.influence, sh.update_field, workshop.id, person.id,
                               "influence", min_value=sh.SCORE_MIN, max_value=sh.SCORE_MAX)
            with st.expander("Name, department and notes", icon=":material/edit:"):
                feedback.bound(st.text_input, "Person or group",
                               f"stakeholder_map_name_{person.id}", person.name, sh.update_field,
                               workshop.id, person.id, "name", max_chars=sh.NAME_MAX)
                feedback.bound(st.selectbox, "Department", f"stakeholder_map_dept_{person.id}",
                               person.department, sh.update_field, workshop.id, person.id,
                               "department", options=list(dict.fromkeys(
                                   [person.department, *known_departments])),
                               accept_new_options=True)
                feedback.bound(st.text_area, "Notes", f"stakeholder_map_notes_{person.id}",
                               person.notes, sh.update_field, workshop.id, person.id, "notes",
                               max_chars=sh.NOTES_MAX, height=90)
                confirm.delete_button("Delete this stakeholder", confirm.Deletion(
                    workshop.id, "stakeholders", person.id, sh.delete_stakeholder,
                    "Stakeholder deleted"), key="stakeholder_map_delete")

def four_ways(per_row: int) -> None:
    grouped = sh.by_quadrant(people)
    points = sh.map_points(people)  # the chart's numbers: this is its key
    st.subheader("The four ways to engage", anchor=False)
    order = (sh.GATEKEEPER, sh.CHAMPION, sh.BYSTANDER, sh.SUPPORTER)
    for start in range(0, len(order), per_row):
        for column, quadrant in zip(st.columns(per_row), order[start:start + per_row]):
            with column.container(border=True):
                group = grouped[quadrant]
                st.markdown(f"{views.badge(quadrant)} **{len(group)}**")
                st.caption(sh.STRATEGIES[quadrant])
                st.markdown(views.numbered_names(points, quadrant) or "*Nobody yet.*")


chart_column, side = st.columns([3, 2], gap="large")
with side:
    if editing:
        edit_panels()
    else:  # the room's view: the map and the four ways side by side
        four_ways(per_row=1)
with chart_column:
    if people:
        st.plotly_chart(views.quadrant_chart(people, midpoint, big=session.presenting()),
                        key="stakeholder_map_chart", config={"displayModeBar": False})
    else:
        st.info("No stakeholders yet. Add the first one on the right: the map fills in as "
                "you go.", icon=":material/groups:")

if editing:
    four_ways(per_row=2)

if people:
    by_table, by_department = st.tabs([":material/table_rows: All stakeholders by quadrant",
                                       ":material/apartment: By department"])
    with by_table:
        st.dataframe(views.quadrant_table(people), hide_index=True, width="stretch",
                     key="stakeholder_map_table")
    with by_department:
        st.caption("Each department's champions to lean on and gatekeepers to win over.")
        st.dataframe(views.department_table(sh.departments(conn, workshop.id)),
                     hide_index=True, width="stretch", key="stakeholder_map_departments")

if editing:
    with st.expander("Map settings", icon=":material/settings:"):
        feedback.bound(st.number_input, "Midpoint (a score this high or higher counts as high)",
                       "stakeholder_map_midpoint", midpoint, sh.set_midpoint, workshop.id,
                       min_value=1, max_value=sh.SCORE_MAX, step=1)

chrome.end_step(KEY)
