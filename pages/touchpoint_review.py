"""Touchpoint review: rate each touchpoint and name the one channel to work on first."""
import streamlit as st

from cxcore import touchpoints as tp
from cxui import chrome, confirm, edit_mode, entry, feedback, session
from cxui import touchpoint_views as views
from cxui.text import plain

KEY = "touchpoint_review"
conn, workshop = chrome.begin_step(KEY)
NEW = {"channel": "touchpoint_review_new_channel",
       "custom_channel": "touchpoint_review_new_custom",
       "name": "touchpoint_review_new_name", "stage_id": "touchpoint_review_new_stage"}
SELECTED = "touchpoint_review_selected"
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "List the places where customers meet the organisation, channel by channel, and tie "
        "each to a journey stage where it fits. Then rate every touchpoint from 1 to 5 three "
        "times: how **consistent** it is with the CX vision, how well it **meets the "
        "customer's needs**, and how **important** it is to the goals.\n\n"
        "**Priority** = importance × ((5 − consistency) + (5 − meets needs)), from 0 to 40: "
        "important touchpoints that fall short come first. The channel whose touchpoints "
        "average the highest priority is the one to work on first (on a tie, the channel with "
        "more touchpoints). Fix one channel at a time rather than everything at once.")

points = tp.list_touchpoints(conn, workshop.id)
stages = tp.stage_choices(conn, workshop.id)
ids = [p.id for p in points]
if st.session_state.get(SELECTED) not in ids:
    st.session_state[SELECTED] = ids[0] if ids else None


def stage_label(stage_id: int) -> str:
    return stages.get(stage_id, "Unknown stage")


def add_touchpoint() -> None:
    values = {field: st.session_state.get(key) for field, key in NEW.items()}
    values["custom_channel"] = values["custom_channel"] or ""
    new_id = feedback.run(tp.add_touchpoint, workshop.id, done="Touchpoint added", **values)
    if new_id is not None:
        st.session_state[NEW["name"]] = ""
        st.session_state[SELECTED] = new_id


first = tp.fix_first(points)
if first:
    with st.container(border=True):
        st.markdown(f":red-badge[:material/priority_high: Work on first] "
                    f"**{plain(first.label)}**")
        st.markdown(plain(first.reason))
        st.caption("One channel at a time: fix this one, rate again, then move to the next.")
elif points:
    st.success("Every touchpoint meets the vision and the customers' needs: no channel "
               "stands out.", icon=":material/verified:")



def edit_panels() -> None:
    with st.container(border=True):
        st.markdown("##### :material/add_location_alt: Add a touchpoint")
        st.selectbox("Channel", list(tp.CHANNELS), format_func=tp.CHANNELS.get,
                     key=NEW["channel"])
        if st.session_state[NEW["channel"]] == "custom":
            st.text_input("Custom channel", key=NEW["custom_channel"],
                          max_chars=tp.CUSTOM_MAX, placeholder="e.g. Partner branches")
        with entry.entry_form(NEW["name"]):  # Enter adds; leaving the box saves nothing
            st.text_input("Touchpoint", key=NEW["name"], max_chars=tp.NAME_MAX,
                          placeholder="e.g. Mortgage document upload")
            st.selectbox("Journey stage (optional)", list(stages), format_func=stage_label,
                         index=None, placeholder="No journey stage", key=NEW["stage_id"])
            st.form_submit_button("Add touchpoint", type="primary", icon=":material/add:",
                                  on_click=add_touchpoint, key="touchpoint_review_add")

    if points:
        with st.container(border=True):
            st.markdown("##### :material/star_rate: Rate one touchpoint")
            names = {p.id: f"{p.channel_label} · {p.name}" for p in points}
            st.selectbox("Touchpoint", ids, format_func=names.get, key=SELECTED)
            point = next(p for p in points if p.id == st.session_state[SELECTED])
            st.markdown(f":orange-badge[Priority {point.priority} of 40]")
            for field, label in tp.RATINGS.items():
                feedback.bound(st.slider, label, f"touchpoint_review_{field}_{point.id}",
                               getattr(point, field), tp.update_field, workshop.id, point.id,
                               field, min_value=tp.RATING_MIN, max_value=tp.RATING_MAX)
            with st.expander("Name, channel, stage and notes", icon=":material/edit:"):
                feedback.bound(st.text_input, "Touchpoint", f"touchpoint_review_name_{point.id}",
                               point.name, tp.update_field, workshop.id, point.id, "name",
                               max_chars=tp.NAME_MAX)
                feedback.bound(st.selectbox, "Channel", f"touchpoint_review_channel_{point.id}",
                               point.channel, tp.update_field, workshop.id, point.id, "channel",
                               options=list(tp.CHANNELS), format_func=tp.CHANNELS.get)
                if point.channel == "custom":
                    feedback.bound(st.text_input, "Custom channel",
                                   f"touchpoint_review_custom_{point.id}", point.custom_channel,
                                   tp.update_field, workshop.id, point.id, "custom_channel",
                                   max_chars=tp.CUSTOM_MAX)
                feedback.bound(st.selectbox, "Journey stage", f"touchpoint_review_stage_{point.id}",
                               point.stage_id, tp.update_field, workshop.id, point.id,
                               "stage_id", options=list(stages), format_func=stage_label,
                               placeholder="No journey stage")
                feedback.bound(st.text_area, "Notes", f"touchpoint_review_notes_{point.id}",
                               point.notes, tp.update_field, workshop.id, point.id, "notes",
                               max_chars=tp.NOTES_MAX, height=90)
                confirm.delete_button("Delete this touchpoint", confirm.Deletion(
                    workshop.id, "touchpoints", point.id, tp.delete_touchpoint,
                    "Touchpoint deleted"), key="touchpoint_review_delete")

def channels_ranked() -> None:
    st.dataframe(views.channel_table(tp.channel_summaries(points)), hide_index=True,
                 width="stretch", key="touchpoint_review_channels")


chart_column, side = st.columns([3, 2], gap="large")
with side:
    if editing:
        edit_panels()
    elif points:  # the room's view: the chart and the channels ranked side by side
        st.markdown("##### Channels ranked")
        channels_ranked()
with chart_column:
    if points:
        st.markdown("##### Touchpoints by priority")
        st.plotly_chart(views.priority_chart(points, big=session.presenting()),
                        key="touchpoint_review_chart", config={"displayModeBar": False})
        if len(points) > views.CHART_LIMIT:
            st.caption(f"The {views.CHART_LIMIT} highest priorities; all {len(points)} are in "
                       "the table below.")
    else:
        st.info("No touchpoints yet. Add the first one on the right, e.g. the website's "
                "mortgage calculator.", icon=":material/touch_app:")

if points and not editing:
    with st.expander("All touchpoints", icon=":material/table_rows:"):
        st.dataframe(views.touchpoint_table(points, stages), hide_index=True, width="stretch",
                     key="touchpoint_review_table")
elif points:
    by_channel, every_point = st.tabs([":material/leaderboard: Channels ranked",
                                       ":material/table_rows: All touchpoints"])
    with by_channel:
        channels_ranked()
    with every_point:
        st.caption("Click a column heading to sort by it.")
        st.dataframe(views.touchpoint_table(points, stages), hide_index=True, width="stretch",
                     key="touchpoint_review_table")

chrome.end_step(KEY)
