"""Views of the stakeholder map: the plotly quadrant chart and the tables beside it."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cxcore import stakeholders as sh

from .text import chart_text, plain

COLOURS = sh.COLOURS
BADGES = {sh.CHAMPION: "green", sh.SUPPORTER: "blue", sh.GATEKEEPER: "red",
          sh.BYSTANDER: "gray"}
ICONS = {sh.CHAMPION: ":material/star:", sh.SUPPORTER: ":material/thumb_up:",
         sh.GATEKEEPER: ":material/warning:", sh.BYSTANDER: ":material/campaign:"}


_esc = chart_text
INK = "#212529"  # chart text in near-black: grey labels wash out on a projector


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
    points = sh.map_points(people)
    for q in sh.QUADRANTS:  # numbers on the markers, names in the key: labels never collide
        group = [point for point in points if point.person.quadrant == q]
        fig.add_trace(go.Scatter(
            x=[point.x for point in group], y=[point.y for point in group],
            text=[str(point.number) for point in group],
            customdata=[[_esc(point.person.name), _esc(point.person.department),
                         point.person.support, point.person.influence] for point in group],
            mode="markers+text", name=sh.LABELS[q], textposition="middle center",
            marker={"size": 30 if big else 24, "color": COLOURS[q],
                    "line": {"width": 1, "color": "white"}},
            textfont={"size": 18 if big else 13, "color": "white"},
            hovertemplate="<b>%{text}. %{customdata[0]}</b><br>%{customdata[1]}<br>"
                          "Support %{customdata[2]} · Influence %{customdata[3]}<extra></extra>"))
    axis = {"range": [-0.5, 10.5], "dtick": 1, "zeroline": False, "showgrid": False,
            "tickfont": {"size": 18 if big else 14, "color": INK}}
    title_font = {"size": 20 if big else 15, "color": INK}
    fig.update_layout(xaxis={**axis, "title": {"text": "Support for CX work →",
                                               "font": title_font}},
                      yaxis={**axis, "title": {"text": "Influence →", "font": title_font}},
                      height=640 if big else 480, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.15,
                              "font": {"size": 18 if big else 14, "color": INK}},
                      plot_bgcolor="white")
    return fig


def numbered_names(points: list[sh.MapPoint], quadrant: str) -> str:
    """The key for one quadrant, as Markdown: each person's number on the map, then the name."""
    return ", ".join(f"**{point.number}** {plain(point.person.name)}" for point in points
                     if point.person.quadrant == quadrant)


def quadrant_table(people: list[sh.Stakeholder]) -> pd.DataFrame:
    """One row per stakeholder in map order, numbered as on the map."""
    rows = [{"No.": point.number, "Quadrant": sh.LABELS[point.person.quadrant],
             "Name": point.person.name, "Department": point.person.department,
             "Support": point.person.support, "Influence": point.person.influence,
             "Notes": point.person.notes} for point in sh.map_points(people)]
    return pd.DataFrame(rows, columns=["No.", "Quadrant", "Name", "Department", "Support",
                                       "Influence", "Notes"])


def department_table(departments: list[sh.Department]) -> pd.DataFrame:
    rows = [{"Department": d.name, "Champions": ", ".join(d.champions) or "—",
             "Gatekeepers": ", ".join(d.gatekeepers) or "—",
             "Supporters": ", ".join(d.supporters) or "—",
             "Bystanders": ", ".join(d.bystanders) or "—"} for d in departments]
    return pd.DataFrame(rows, columns=["Department", "Champions", "Gatekeepers", "Supporters",
                                       "Bystanders"])
