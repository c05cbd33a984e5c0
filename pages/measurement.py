"""Measurement and review: readings per goal against baseline and target, and the review log."""
import datetime as dt

import streamlit as st

from cxcore import goals, measurement
from cxui import chrome, confirm, edit_mode, feedback
from cxui import measurement_views as views
from cxui.text import message, plain

KEY = "measurement"
conn, workshop = chrome.begin_step(KEY)
PREVIEW = "measure_preview"
today = dt.date.today()
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "A goal only steers the work if someone looks at the number. Record each goal's metric "
        "as it comes in (a date and a value), one at a time or by pasting a CSV with the columns "
        "`date,value`. The chart sets the readings against where you started and where you aim "
        "to be, and the deadline. Progress is the share of the way from baseline to target; it "
        "goes below 0 % when the metric moves the wrong way and past 100 % when the target is "
        "beaten. A target below the baseline (churn) works the same way.\n\n"
        "Then meet at a steady rhythm (quarterly unless you choose otherwise): what works, what "
        "does not, and a decision to stay the course or to shift. One reading per date: a new "
        "value for a date replaces the old one.")

all_goals = goals.list_goals(conn, workshop.id)
if not all_goals:
    st.info("Set goals first: readings belong to a goal.", icon=":material/info:")
    st.page_link("pages/smirc_goals.py", label="Go to SMIRC goals", icon=":material/track_changes:")
    chrome.end_step(KEY)
    st.stop()


def add_one(goal_id: int) -> None:
    replaced = feedback.run(measurement.add_reading, workshop.id, goal_id,
                            st.session_state.get("measure_date"),
                            st.session_state.get("measure_value"), done=None)
    if replaced is not None:
        st.toast("Reading replaced" if replaced else "Reading added",
                 icon=":material/check_circle:")
        st.session_state.measure_value = None


def preview(text: str) -> None:
    parsed = feedback.run(lambda _db, t: measurement.parse_readings_csv(t), text, done=None)
    st.session_state[PREVIEW] = parsed


def save_preview(goal_id: int) -> None:
    parsed = st.session_state.get(PREVIEW)
    counts = feedback.run(measurement.save_readings, workshop.id, goal_id, parsed.good,
                          done=None)
    if counts is not None:
        st.toast(f"{counts[0]} added, {counts[1]} replaced", icon=":material/check_circle:")
        st.session_state[PREVIEW] = None
        st.session_state.measure_csv = ""


def log_review() -> None:
    state = st.session_state
    ok, _ = feedback.attempt(measurement.add_review, workshop.id, state.get("review_held"),
                             state.get("review_works", ""), state.get("review_not", ""),
                             state.get("review_decision", "stay"), state.get("review_notes", ""),
                             done="Review logged")
    if ok:
        for key in ("review_works", "review_not", "review_notes"):
            state[key] = ""


def reading_forms(goal: goals.Goal, readings: list, names: dict[int, str]) -> None:
    with st.container(border=True):
        st.subheader("Add a reading", anchor=False)
        left, right = st.columns(2)
        left.date_input("Date", value=today, key="measure_date",
                        min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        right.number_input(message(views.value_label(goal.unit)), value=None,
                           key="measure_value", format="%g")
        st.button("Add reading", key="measure_add", type="primary", icon=":material/add:",
                  on_click=add_one, args=(goal.id,))
    with st.container(border=True):
        st.subheader("Paste or upload readings", anchor=False)
        st.text_area("CSV: date,value", key="measure_csv", height=110,
                     placeholder="date,value\n2026-01-31,21\n2026-02-28,22")
        upload = st.file_uploader("Or a CSV file", type=["csv", "txt"], key="measure_file",
                                  max_upload_size=views.CSV_UPLOAD_MB)
        st.button("Check the readings", key="measure_check", icon=":material/rule:",
                  on_click=lambda: preview(
                      upload.getvalue().decode("utf-8", "replace") if upload
                      else st.session_state.get("measure_csv", "")))
        parsed = st.session_state.get(PREVIEW)
        if parsed is not None:
            views.bad_rows(parsed)
            if parsed.good:
                st.markdown(f"**{len(parsed.good)} reading(s) ready** for "
                            f"{plain(names[goal.id])}.")
                st.button(f"Save {len(parsed.good)} reading(s)", key="measure_save",
                          type="primary", icon=":material/save:",
                          on_click=save_preview, args=(goal.id,))
            else:
                st.caption("Nothing to save.")
    if readings:
        labels = {r.id: f"{goals.format_date(r.taken)}: {r.value:g}" for r in readings}
        doomed = st.selectbox("Remove a reading", [None, *labels], key="measure_doomed",
                              format_func=lambda i: "Choose…" if i is None else labels[i])
        if doomed:
            confirm.delete_button("Remove reading", confirm.Deletion(
                workshop.id, "readings", doomed, measurement.delete_reading,
                "Reading removed", ("measure_doomed",)), key="measure_remove")


def review_form() -> None:
    with st.container(border=True):
        st.subheader("Log a review", anchor=False)
        st.date_input("Held on", value=today, key="review_held",
                      min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        st.text_area("What works", key="review_works", max_chars=measurement.REVIEW_TEXT_MAX)
        st.text_area("What does not work", key="review_not",
                     max_chars=measurement.REVIEW_TEXT_MAX)
        st.radio("Decision", list(measurement.DECISIONS), key="review_decision",
                 format_func=measurement.DECISIONS.get, horizontal=True)
        st.text_area("Notes", key="review_notes", max_chars=measurement.REVIEW_TEXT_MAX)
        st.button("Log review", key="review_log", type="primary", icon=":material/add:",
                  on_click=log_review)


readings_tab, reviews_tab = st.tabs([":material/monitoring: Readings",
                                     ":material/event_repeat: Reviews"])
with readings_tab:
    names = {g.id: f"Goal {n}: {g.statement}" for n, g in enumerate(all_goals, start=1)}
    goal_id = st.selectbox("Goal", list(names), format_func=names.get, key="measure_goal")
    goal = next(g for g in all_goals if g.id == goal_id)
    readings = measurement.list_readings(conn, workshop.id, goal.id)
    latest = readings[-1] if readings else None
    share = measurement.progress(goal.baseline, goal.target, readings)
    numbers = st.columns(4)
    for column, (label, value) in zip(numbers, (  # a metric's value is Markdown: the unit is not
            ("Baseline", plain(goals.format_number(goal.baseline, goal.unit))),
            ("Latest", plain(goals.format_number(latest.value if latest else None, goal.unit))),
            ("Target", plain(goals.format_number(goal.target, goal.unit))),
            ("Progress to target", views.progress_text(share)))):
        with column.container(border=True):
            st.metric(label, value)
    chart, entry = st.columns([3, 2], gap="large") if editing else (st.container(), None)
    with chart:
        if readings:
            st.plotly_chart(views.trend_chart(goal, readings), key="measure_chart",
                            config={"displayModeBar": False})
            views.readings_table(readings, goal.unit)
        else:
            st.caption("No readings for this goal yet. Add the first one on the right.")
    if editing:
        with entry:
            reading_forms(goal, readings, names)

with reviews_tab:
    cadence = measurement.cadence(conn, workshop.id)
    due = measurement.next_review_due(conn, workshop.id)
    top = st.columns([2, 2, 3])
    with top[0]:
        feedback.bound(st.selectbox, "Review cadence", "review_cadence", cadence,
                       measurement.set_cadence, workshop.id,
                       options=list(measurement.CADENCES), format_func=measurement.CADENCES.get)
    with top[1].container(border=True):
        late = due is not None and due < today
        st.metric("Next review due", goals.format_date(due.isoformat()) if due else "—",
                  delta="overdue" if late else None, delta_color="inverse")
    log, history = st.columns([2, 3], gap="large") if editing else (None, st.container())
    if editing:
        with log:
            review_form()
    with history:
        reviews = measurement.list_reviews(conn, workshop.id)
        st.subheader(f"Review log ({len(reviews)})", anchor=False)
        if not reviews:
            st.caption("No reviews yet.")
        for review in reviews:
            views.review_card(review)

chrome.end_step(KEY)
