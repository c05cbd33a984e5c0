"""Views of a 5 Whys tree: the agraph graph (fixed, computed positions) and an indented outline.

User text reaches the graph as node labels, which vis-network draws on a canvas, and as the
hover title of a node whose label is shortened; titles are always built by ``hover_title``.
"""
from __future__ import annotations

import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from cxcore import whys
from cxcore.text import shorten

from .text import plain

PROBLEM_NODE = "problem"
LABEL_MAX = 110
NODE_LABEL_MAX = 60  # four lines in a node; the whole text is in its hover title
INERT_BRACKETS = str.maketrans({"<": "‹", ">": "›"})
SPREAD = (1.15, 1.45)  # whys.layout's gaps widened for nodes drawn at FONT_SIZE
FONT_SIZE = 23  # canvas units, drawn at about 0.9:1 on a 1920 projector: 20 px or more
GOLD = "#e0a800"
# standing -> (fill, border, font colour, hover title)
LOOK = {
    whys.ROOT_CAUSE: ("#c8e6c9", GOLD, "#1b3d1f", "Proven · root cause"),
    whys.PROVEN: ("#c8e6c9", "#2e7d32", "#1b3d1f", "Proven"),
    whys.WAITING: ("#e8f5e9", "#8aa88c", "#4a5d4b", "Proven, waiting for the answer above"),
    whys.UNVERIFIED: ("#e3ecf7", "#5b7fa6", "#24364d", "Unverified"),
    whys.DISPROVEN: ("#f1f1f1", "#d0d0d0", "#a0a0a0", "Disproven"),
    whys.RULED_OUT: ("#f1f1f1", "#d0d0d0", "#a0a0a0", "Under a disproven answer"),
}
BADGES = {
    whys.ROOT_CAUSE: ":green-badge[proven] :orange-badge[:material/star: root cause]",
    whys.PROVEN: ":green-badge[proven]",
    whys.WAITING: ":green-badge[proven] :gray-badge[waits for the answer above]",
    whys.UNVERIFIED: ":blue-badge[unverified]",
    whys.DISPROVEN: ":gray-badge[disproven]",
    whys.RULED_OUT: ":gray-badge[under a disproven answer]",
}
GREYED = (whys.DISPROVEN, whys.RULED_OUT)


def node_id(answer_id: int | None) -> str:
    return PROBLEM_NODE if answer_id is None else f"a{answer_id}"


def answer_id(node: object) -> int | None:
    """The answer id behind a clicked node id; None for the problem or anything else."""
    text = str(node or "")
    return int(text[1:]) if text.startswith("a") and text[1:].isdigit() else None


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """At most ``limit`` characters, cut at a word."""
    return shorten(text, limit)


def hover_title(kind: str, text: str, limit: int) -> str:
    """The node's hover text: its kind, and the whole text when the label is shortened.

    vis-network shows a title as plain text (``innerText``), so ``html.escape`` would show
    "&lt;" to the room. But streamlit-agraph also parses every title with ``innerHTML`` (into
    a detached element that a double click hands to ``window.open``), so a title must never
    hold a tag: angle brackets become look-alike quotation marks, which no parser reads as
    markup. It always starts with the fixed kind, so it can never be a ``javascript:`` URL.
    """
    whole = f": {text}" if len(text) > limit else ""
    return f"{kind}{whole}".translate(INERT_BRACKETS)


def fixed_config(height: int, *, zoom: bool) -> Config:
    """A graph with fixed positions across the page's width. Streamlit-agraph sends a ``groups``
    option of null, which vis-network rejects with console errors: it is left out."""
    config = Config(height=height, width=1000, directed=True, physics=False,
                    hierarchical=False,
                    interaction={"dragNodes": False, "zoomView": zoom, "hover": True})
    config.width = "100%"
    del config.groups
    return config


def _node(row: whys.TreeRow, x: float, y: float) -> Node:
    fill, border, font, title = LOOK[row.standing]
    prefix = "★ ROOT CAUSE\n" if row.standing == whys.ROOT_CAUSE else ""
    text = row.answer.text
    return Node(id=node_id(row.answer.id), title=hover_title(title, text, NODE_LABEL_MAX),
                label=prefix + short_label(text, NODE_LABEL_MAX), shape="box", x=x, y=y, size=20,
                borderWidth=5 if prefix else 2,
                color={"background": fill, "border": border,
                       "highlight": {"background": fill, "border": "#0d6e6e"}},
                font={"color": font, "size": FONT_SIZE, "face": "sans-serif"},
                widthConstraint={"maximum": 200}, margin=10)


def why_graph(problem: str, rows: list[whys.TreeRow],
              positions: dict[int | None, tuple[float, float]]) -> str | None:
    """Draw the tree with the problem on top; returns the id of the node last clicked."""
    positions = {key: (x * SPREAD[0], y * SPREAD[1]) for key, (x, y) in positions.items()}
    px, py = positions[None]
    nodes = [Node(id=PROBLEM_NODE, title=hover_title("The problem", problem, NODE_LABEL_MAX),
                  label=short_label(problem, NODE_LABEL_MAX), shape="box", x=px, y=py, size=20,
                  borderWidth=2,
                  color={"background": "#0d6e6e", "border": "#0a5252"},
                  font={"color": "#ffffff", "size": FONT_SIZE, "face": "sans-serif"},
                  widthConstraint={"maximum": 220}, margin=12)]
    edges = []
    for row in rows:
        x, y = positions[row.answer.id]
        nodes.append(_node(row, x, y))
        greyed = row.standing in GREYED
        edges.append(Edge(source=node_id(row.answer.parent_id), target=node_id(row.answer.id),
                          color="#cfcfcf" if greyed else "#8c9aa6", dashes=greyed, width=2))
    levels = max((r.level for r in rows), default=0)
    return agraph(nodes=nodes, edges=edges,
                  config=fixed_config(int(200 + 140 * SPREAD[1] * levels), zoom=False))


def outline(problem: str, rows: list[whys.TreeRow]) -> str:
    """The tree as nested Markdown bullets, for the phone and for reading aloud."""
    lines = [f"**{plain(problem)}**", ""]
    for row in rows:
        text = plain(row.answer.text)
        text = f":gray[{text}]" if row.standing in GREYED else text
        evidence = f"  \n:gray[*{plain(row.answer.evidence)}*]" if row.answer.evidence else ""
        lines.append(f"{'    ' * (row.level - 1)}- {text} {BADGES[row.standing]}{evidence}")
    return "\n".join(lines)


def pick_label(row: whys.TreeRow) -> str:
    """An answer in the picker: indented by level, with its status."""
    return f"{'· ' * (row.level - 1)}{short_label(row.answer.text)} ({row.answer.status})"


def clicked_answer(value: str | None, key: str) -> str | None:
    """The node id of a new click on the graph since the last rerun, else None."""
    if value is None or st.session_state.get(key) == value:
        return None
    st.session_state[key] = value
    return value
