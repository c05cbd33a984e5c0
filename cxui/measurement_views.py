"""Views of the measurement step: the trend chart of a goal, the readings import preview, the
review log."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cxcore import goals, measurement

from .text import chart_text, plain

TEAL, GREY, GREEN, RED = "#0d6e6e", "#6c757d", "#2e7d32", "#c62828"
READING_FORMAT = "%g"
# The most a CSV of readings can take: its character limit, at up to 4 bytes a character.
CSV_UPLOAD_MB = math.ceil(measurement.CSV_MAX_CHARS * 4 / 1024 / 1024)


def trend_chart(goal: goals.Goal, readings: list[measurement.Reading]) -> go.Figure:
    """Readings over time, with the baseline and target as lines and the deadline marked."""
    unit = f" ({goal.unit})" if goal.unit else ""
    fig = go.Figure(go.Scatter(
        x=[r.taken for r in readings], y=[r.value for r in readings], mode="lines+markers",
        name="Readings", line={"color": TEAL, "width": 3}, marker={"size": 8},
        hovertemplate="%{x|%d %b %Y}: %{y:g}<extra></extra>"))
    for value, name, colour, dash in ((goal.baseline, "Baseline", GREY, "dot"),
                                      (goal.target, "Target", GREEN, "dash")):
        if value is not None:
            fig.add_hline(y=value, line={"color": colour, "dash": dash, "width": 2},
                          annotation_text=f"{name} {goals.format_number(value)}",
                          annotation_position="top left")
    if goal.deadline:
        fig.add_vline(x=pd.Timestamp(goal.deadline).value / 1e6,
                      line={"color": RED, "dash": "dash", "width": 1.5},
                      annotation_text=f"Deadline {goals.format_date(goal.deadline)}",
                      annotation_position="top left")
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis_title="Date", yaxis_title=chart_text((goal.metric_label or "Value") + unit),
                      showlegend=False, plot_bgcolor="white")
    ends = [r.taken for r in readings] + ([goal.deadline] if goal.deadline else [])
    pad = pd.Timedelta(days=20)
    fig.update_xaxes(showgrid=True, gridcolor="#eee",
                     range=[pd.Timestamp(min(ends)) - pad, pd.Timestamp(max(ends)) + pad])
    fig.update_yaxes(showgrid=True, gridcolor="#eee")
    return fig


def progress_text(share: float | None) -> str:
    if share is None:
        return "—"
    return f"{share:g} %"


def value_label(unit: str) -> str:
    """"Value (unit)" as plain text: escape it before it goes into a widget's label."""
    return f"Value ({unit})" if unit else "Value"


def readings_table(readings: list[measurement.Reading], unit: str) -> None:
    """Newest first. The unit goes in the header (plain text in a table), never into the
    number format: a "%" there is read as a printf directive and every cell shows an error."""
    noted = any(r.note for r in readings)  # values merged on upgrade (measurement.merge_same_date)
    frame = pd.DataFrame([{"Date": dt.date.fromisoformat(r.taken), "Value": r.value,
                           **({"Note": r.note} if noted else {})} for r in reversed(readings)])
    st.dataframe(frame, hide_index=True, width="stretch", height=min(300, 38 + 35 * len(frame)),
                 column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY"),
                                "Value": st.column_config.NumberColumn(
                                    value_label(unit), format=READING_FORMAT)})


def bad_rows(parsed: measurement.ParsedReadings) -> None:
    if parsed.bad:
        st.warning(f"{len(parsed.bad)} line(s) cannot be used and will be skipped:",
                   icon=":material/warning:")
        st.dataframe(pd.DataFrame([{"Line": b.line, "Text": b.text, "Why": b.reason}
                                   for b in parsed.bad]), hide_index=True, width="stretch")


def review_card(review: measurement.Review) -> None:
    with st.container(border=True):
        badge = ":green-badge[:material/check: Stay the course]" if review.decision == "stay" \
            else ":orange-badge[:material/alt_route: Shift]"
        st.markdown(f"**{goals.format_date(review.held)}** {badge}")
        for label, text in (("Works", review.works), ("Does not work", review.not_working),
                            ("Notes", review.notes)):
            if text:
                st.markdown(f":gray[{label}:] {plain(text)}")
