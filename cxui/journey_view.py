"""Display of a journey map: the stage-by-lane grid, one stage on its own, the emotion curve.

Display elements only (markdown, plotly): the page does the editing, one item at a time.
"""
from __future__ import annotations


import plotly.graph_objects as go
import streamlit as st

from cxcore import journeys
from cxcore.journeys import Entry, Journey, Stage

from .text import chart_text, plain

LANE_ICONS = {"actions": ":material/directions_walk:", "needs": ":material/checklist:",
              "thoughts": ":material/chat_bubble:", "touchpoints": ":material/touch_app:",
              "systems": ":material/dns:", "processes": ":material/account_tree:",
              "pain_points": ":red[:material/heart_broken:]",
              "opportunities": ":green[:material/lightbulb:]"}

EMOTION_ICONS = {-2: ":red[:material/sentiment_very_dissatisfied:]",
                 -1: ":orange[:material/sentiment_dissatisfied:]",
                 0: ":gray[:material/sentiment_neutral:]",
                 1: ":green[:material/sentiment_satisfied:]",
                 2: ":green[:material/sentiment_very_satisfied:]"}
EMOTION_COLOURS = {-2: "#dc2626", -1: "#f97316", 0: "#6b7280", 1: "#16a34a", 2: "#15803d"}


def emotion_text(score: int | None) -> str:
    """The feeling as an icon and its words, for markdown and segmented controls."""
    if score is None:
        return ":gray[:material/help_outline:] Not scored"
    return f"{EMOTION_ICONS[score]} {journeys.EMOTIONS[score]}"


# Static styling only (no user text): tinted bands above and below the line of visibility.
# On a narrow screen the grid keeps its stage columns side by side and scrolls sideways,
# instead of stacking every column (which would separate entries from their stage).
GRID_CSS = """<style>
.st-key-journey_above {background: rgba(13, 110, 110, 0.06); border-radius: 0.6rem;
  padding: 0.4rem 0.5rem;}
.st-key-journey_below {background: rgba(108, 117, 125, 0.08); border-radius: 0.6rem;
  padding: 0.4rem 0.5rem;}
.journey-line {display: flex; align-items: center; gap: 0.8rem; margin: 0.2rem 0;
  color: #c2410c; font-weight: 700; letter-spacing: 0.08em; font-size: 0.85rem;}
.journey-line::before, .journey-line::after {content: ""; flex: 1;
  border-top: 3px dashed #f97316;}
@media (max-width: 640px) {
  .st-key-journey_grid {overflow-x: auto;}
  .st-key-journey_grid [data-testid="stHorizontalBlock"] {flex-wrap: nowrap !important;
    min-width: max-content !important;}
  .st-key-journey_grid [data-testid="stColumn"] {flex: 0 0 10rem !important;
    width: 10rem !important; min-width: 10rem !important;}
  .st-key-journey_grid [data-testid="stColumn"]:first-child {flex-basis: 6.5rem !important;
    width: 6.5rem !important; min-width: 6.5rem !important;}
  .st-key-journey_above, .st-key-journey_below {min-width: max-content !important;}
  .st-key-journey_grid > div:has(.journey-line) {position: sticky; left: 0;}
}
</style>"""
LINE_OF_VISIBILITY = ('<div class="journey-line">▲ CUSTOMER · LINE OF VISIBILITY · '
                      'ORGANISATION ▼</div>')
PROJECTOR_GRID_CSS = """<style>
.st-key-journey_grid .stMarkdown p, .st-key-journey_grid .stMarkdown li {font-size: 0.88rem;
  line-height: 1.25;}
.st-key-journey_grid .stMarkdown li {margin: 0 0 0.1rem 0; padding: 0;}
.st-key-journey_grid [data-testid="stVerticalBlock"] {gap: 0.3rem;}
.st-key-journey_grid [data-testid="stCaptionContainer"] {font-size: 0.85rem;}
</style>"""


def style(presenting: bool) -> None:
    st.html(GRID_CSS)
    if presenting:
        st.html(PROJECTOR_GRID_CSS)


def line_of_visibility() -> None:
    st.html(LINE_OF_VISIBILITY)


def entry_markdown(entry: Entry) -> str:
    badges = ""
    if entry.in_whys:
        badges += " :violet-badge[:material/account_tree: In 5 Whys]"
    if entry.in_brainstorm:
        badges += " :blue-badge[:material/lightbulb: In brainstorm]"
    return f"- {plain(entry.text)}{badges}"


def cell_markdown(entries: list[Entry]) -> str:
    return "\n".join(entry_markdown(e) for e in entries)


def lane_title(lane: str) -> str:
    return f"{LANE_ICONS[lane]} **{journeys.LANE_LABELS[lane]}**"


def _cell(entries: list[Entry]) -> None:
    if entries:
        st.markdown(cell_markdown(entries))
    else:
        st.caption("·")


def stage_header(stage: Stage, number: int, compact: bool = False) -> None:
    """The stage's name, guiding question and feeling; compact is one line, the question in
    its tooltip (the projector, where the lanes need the height)."""
    with st.container(border=True):
        if compact:  # the guiding question in the tooltip
            st.markdown(f"**{number}. {plain(stage.name)}** {EMOTION_ICONS.get(stage.emotion, '')}",
                        help=plain(stage.question) or None)
            return
        st.markdown(f"**{number}. {plain(stage.name)}**")
        if stage.question:
            st.caption(plain(stage.question))
        st.markdown(emotion_text(stage.emotion))


def grid(journey: Journey, compact: bool = False) -> None:
    """Stages as columns, lanes as rows, customer lanes above the line of visibility."""
    spec = [1.15] + [2] * len(journey.stages)
    with st.container(key="journey_grid"):
        head = st.columns(spec, gap="small")
        head[0].caption("STAGE")
        for number, (column, stage) in enumerate(zip(head[1:], journey.stages), start=1):
            with column:
                stage_header(stage, number, compact)
        for band, lanes in (("journey_above", journeys.CUSTOMER_LANES),
                            ("journey_below", journeys.ORGANISATION_LANES)):
            if band == "journey_below":
                line_of_visibility()
            with st.container(key=band):
                for lane in lanes:
                    row = st.columns(spec, gap="small")
                    row[0].markdown(lane_title(lane))
                    for column, stage in zip(row[1:], journey.stages):
                        with column:
                            _cell(stage.cell(lane))


def one_stage(stage: Stage, number: int) -> None:
    """A single stage, every lane as a labelled card: reads well on a phone."""
    stage_header(stage, number)
    for band, lanes in (("journey_above", journeys.CUSTOMER_LANES),
                        ("journey_below", journeys.ORGANISATION_LANES)):
        if band == "journey_below":
            line_of_visibility()
        with st.container(key=band):
            for lane in lanes:
                st.markdown(lane_title(lane))
                _cell(stage.cell(lane))


def emotion_chart(journey: Journey, presenting: bool) -> go.Figure:
    """The emotion curve: one point per stage, coloured by feeling; unscored stages are gaps."""
    names = [chart_text(s.name) for s in journey.stages]
    scores = [s.emotion for s in journey.stages]
    size = 20 if presenting else 14
    fig = go.Figure(go.Scatter(
        x=list(range(len(names))), y=scores, mode="lines+markers", connectgaps=False,
        line={"color": "#0d6e6e", "width": 4},
        marker={"size": 20 if presenting else 14, "line": {"width": 2, "color": "white"},
                "color": [EMOTION_COLOURS.get(s, "#9ca3af") for s in scores]},
        hovertext=[journeys.emotion_label(s) for s in scores], hoverinfo="text"))
    fig.add_hrect(y0=0, y1=2.5, fillcolor="#22c55e", opacity=0.07, line_width=0)
    fig.add_hrect(y0=-2.5, y1=0, fillcolor="#ef4444", opacity=0.07, line_width=0)
    fig.update_layout(
        height=360 if presenting else 280, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"size": size}, showlegend=False,
        xaxis={"tickvals": list(range(len(names))), "ticktext": names},
        yaxis={"range": [-2.5, 2.5], "tickvals": list(journeys.EMOTIONS),
               "ticktext": list(journeys.EMOTIONS.values()), "zeroline": True,
               "zerolinecolor": "#9ca3af"})
    return fig
