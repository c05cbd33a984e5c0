"""Views of the stakeholder map: the plotly quadrant chart and the tables beside it."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cxcore import stakeholders as sh

from .text import chart_text

COLOURS = sh.COLOURS
BADGES = {sh.CHAMPION: "green", sh.SUPPORTER: "blue", sh.GATEKEEPER: "red",
          sh.BYSTANDER: "gray"}
ICONS = {sh.CHAMPION: ":material/star:", sh.SUPPORTER: ":material/thumb_up:",
         sh.GATEKEEPER: ":material/warning:", sh.BYSTANDER: ":material/campaign:"}


_esc = chart_text


def badge(quadrant: str) -> str:
    return f":{BADGES[quadrant]}-badge[{ICONS[quadrant]} {sh.LABELS[quadrant]}]"


def quadrant_chart(people: list[sh.Stakeholder], midpoint: int, *, big: bool = False) -> go.Figure:
    """Support across, influence up; the split sits half a step below the midpoint because a
    score equal to the midpoint counts as high."""
    split = midpoint - 0.5
    fig = go.Figure()
    areas = {sh.CHAMPION: (split, 10.5, split, 10.5), sh.SUPPORTER: (split, 10.5, -0.5, split),
             sh.GATEKEEPER: (-0.5, split, split, 10.5), sh.BYSTANDER: (-0.5, split, -0.5, split)}
    for q, (x0, x1, y0, y1) in areas.items():
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line_width=0,
                      fillcolor=COLOURS[q], opacity=0.07, layer="below")
        fig.add_annotation(x=x1 - 0.15 if x0 >= split else x0 + 0.15, y=y1 - 0.2,
                           xanchor="right" if x0 >= split else "left", yanchor="top",
                           text=f"<b>{sh.LABELS[q]}s</b>", showarrow=False,
                           font={"color": COLOURS[q], "size": 18 if big else 14})
    fig.add_vline(x=split, line_color="#9e9e9e", line_dash="dash")
    fig.add_hline(y=split, line_color="#9e9e9e", line_dash="dash")
    for q in sh.QUADRANTS:
        group = [p for p in people if p.quadrant == q]
        fig.add_trace(go.Scatter(
            x=[p.support for p in group], y=[p.influence for p in group],
            text=[_esc(sh.short_name(p.name)) for p in group],
            customdata=[[_esc(p.name), _esc(p.department)] for p in group],
            mode="markers+text", name=sh.LABELS[q],
            textposition=["top center" if p.influence >= midpoint else "bottom center"
                          for p in group],
            marker={"size": 16 if big else 13, "color": COLOURS[q],
                    "line": {"width": 1, "color": "white"}},
            textfont={"size": 15 if big else 12},
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                          "Support %{x} · Influence %{y}<extra></extra>"))
    axis = {"range": [-0.5, 10.5], "dtick": 1, "zeroline": False, "showgrid": False}
    fig.update_layout(xaxis={**axis, "title": "Support for CX work →"},
                      yaxis={**axis, "title": "Influence →"},
                      height=640 if big else 480, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.15}, plot_bgcolor="white")
    return fig


def quadrant_table(people: list[sh.Stakeholder]) -> pd.DataFrame:
    """One row per stakeholder, grouped by quadrant in map order."""
    rows = [{"Quadrant": sh.LABELS[q], "Name": p.name, "Department": p.department,
             "Support": p.support, "Influence": p.influence, "Notes": p.notes}
            for q, group in sh.by_quadrant(people).items() for p in group]
    return pd.DataFrame(rows, columns=["Quadrant", "Name", "Department", "Support",
                                       "Influence", "Notes"])


def department_table(departments: list[sh.Department]) -> pd.DataFrame:
    rows = [{"Department": d.name, "Champions": ", ".join(d.champions) or "—",
             "Gatekeepers": ", ".join(d.gatekeepers) or "—",
             "Supporters": ", ".join(d.supporters) or "—",
             "Bystanders": ", ".join(d.bystanders) or "—"} for d in departments]
    return pd.DataFrame(rows, columns=["Department", "Champions", "Gatekeepers", "Supporters",
                                       "Bystanders"])
