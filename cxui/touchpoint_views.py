"""Views of the touchpoint review: the priority chart and the sortable tables."""
from __future__ import annotations


import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from cxcore import touchpoints as tp
from .text import chart_text

CHART_LIMIT = 25
LINE_WIDTH = 32
INK = "#212529"  # chart text in near-black: grey labels wash out on a projector


def priority_chart(points: list[tp.Touchpoint], *, big: bool = False) -> go.Figure:
    """The touchpoints with the highest priority as horizontal bars, coloured by channel."""
    ranked = sorted(points, key=lambda p: (-p.priority, p.id))[:CHART_LIMIT]
    frame = pd.DataFrame({
        "Touchpoint": bar_labels(ranked),
        "Name": [chart_text(p.name) for p in ranked],
        "Priority": [p.priority for p in ranked],
        "Channel": [chart_text(p.channel_label) for p in ranked],
        "Vision": [p.consistency for p in ranked], "Needs": [p.meets_needs for p in ranked],
        "Importance": [p.importance for p in ranked]})
    fig = px.bar(frame, x="Priority", y="Touchpoint", color="Channel", orientation="h",
                 hover_data={"Touchpoint": False, "Name": True, "Vision": True, "Needs": True,
                             "Importance": True},
                 color_discrete_sequence=px.colors.qualitative.Safe)
    text = {"size": 19 if big else 14, "color": INK}  # on each part: Streamlit's theme
    fig.update_layout(                                 # overrides the layout's font
        yaxis={"categoryorder": "array", "categoryarray": frame["Touchpoint"].tolist()[::-1],
               "title": None, "automargin": True, "tickfont": text},
        xaxis={"range": [0, 40], "tickfont": text,
               "title": {"text": "Priority (0 none to 40 most urgent)", "font": text}},
        height=max(280, (58 if big else 44) * len(ranked) + 120),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.25, "title": None, "font": text},
        font=text, plot_bgcolor="white")
    return fig


def _wrapped(text: str) -> list[str]:
    """A name on at most two lines of LINE_WIDTH characters, cut at a word with "…" beyond."""
    lines = textwrap.wrap(text, LINE_WIDTH, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LINE_WIDTH, placeholder="…")]
    return lines


def bar_labels(points: list[tp.Touchpoint]) -> list[str]:
    """One label per bar, each different: touchpoints that share a name get " (2)", " (3)"...
    so that plotly draws them as separate bars instead of stacking them. A long name wraps onto
    a second line (the whole name is in the hover). Escaped, because plotly reads tags such as
    <b> or <a> in labels as markup."""
    labels: list[str] = []
    for point in points:
        base = label = point.name
        count = 1
        while label in labels:
            count += 1
            label = f"{base} ({count})"
        labels.append(label)
    return ["<br>".join(chart_text(line) for line in _wrapped(label)) for label in labels]


def touchpoint_table(points: list[tp.Touchpoint], stages: dict[int, str]) -> pd.DataFrame:
    rows = [{"Priority": p.priority, "Channel": p.channel_label, "Touchpoint": p.name,
             "Journey stage": stages.get(p.stage_id, ""), "Vision": p.consistency,
             "Needs": p.meets_needs, "Importance": p.importance, "Notes": p.notes}
            for p in sorted(points, key=lambda p: (-p.priority, p.id))]
    return pd.DataFrame(rows, columns=["Priority", "Channel", "Touchpoint", "Journey stage",
                                       "Vision", "Needs", "Importance", "Notes"])


def channel_table(summaries: list[tp.ChannelSummary]) -> pd.DataFrame:
    rows = [{"Rank": rank, "Channel": s.label, "Touchpoints": s.count,
             "Average priority": round(s.mean_priority, 1),
             "Importance": round(s.importance, 1), "Vision": round(s.consistency, 1),
             "Needs": round(s.meets_needs, 1)} for rank, s in enumerate(summaries, start=1)]
    return pd.DataFrame(rows, columns=["Rank", "Channel", "Touchpoints", "Average priority",
                                       "Importance", "Vision", "Needs"])
