"""The linked chain as an agraph graph: fixed left-to-right layers, coloured by kind, red dashed
placeholders where a thread breaks. Node labels are drawn on a canvas; a shortened label has
the whole text in its hover title, escaped (the component turns titles into HTML)."""
from __future__ import annotations

from streamlit_agraph import Edge, Node, agraph

from cxcore import chain

from .graph import FONT_SIZE, fixed_config, hover_title, short_label
from .text import plain

LABEL_MAX = 44  # about three lines of the node's width
X_GAP, Y_GAP = 290, 125  # room for three lines at 20 px on a 1920 projector
# kind -> (fill, border, badge colour of the legend)
COLOURS = {"pain_point": ("#ffe0b2", "#e65100", "orange"),
           "root_cause": ("#fff3cd", "#b8860b", "yellow"),
           "idea": ("#ede7f6", "#6a1b9a", "violet"), "card": ("#e3ecf7", "#1565c0", "blue"),
           "action": ("#e0f2f1", "#0d6e6e", "primary"), "goal": ("#e8f5e9", "#2e7d32", "green"),
           "reading": ("#eeeeee", "#616161", "gray")}
MISSING = ("#ffffff", "#d32f2f")


def _node(node: chain.GraphNode) -> Node:
    fill, border = MISSING if node.placeholder else COLOURS[node.kind][:2]
    kind = "Missing link" if node.placeholder else chain.KIND_LABELS[node.kind]
    return Node(id=node.id, label=short_label(node.label, LABEL_MAX),
                title=hover_title(kind, node.label, LABEL_MAX), shape="box", x=node.x,
                y=node.y, size=18, borderWidth=2, margin=8,
                shapeProperties={"borderDashes": [6, 4]} if node.placeholder else {},
                color={"background": fill, "border": border,
                       "highlight": {"background": fill, "border": "#212529"}},
                font={"color": MISSING[1] if node.placeholder else "#212529",
                      "size": FONT_SIZE, "face": "sans-serif"},
                widthConstraint={"maximum": 250})


def chain_graph(threads: list[chain.Thread]) -> None:
    nodes, edges = chain.layout(threads, x_gap=X_GAP, y_gap=Y_GAP)
    rows = max((n.y for n in nodes), default=0) / Y_GAP + 1
    config = fixed_config(int(70 + 0.92 * Y_GAP * rows), zoom=False)  # drawn at about 0.9:1
    agraph(nodes=[_node(n) for n in nodes],
           edges=[Edge(source=e.source, target=e.target, width=2,
                       color=MISSING[1] if e.broken else "#8c9aa6", dashes=e.broken)
                  for e in edges], config=config)


def legend() -> str:
    """The kinds as coloured badges, matching the graph."""
    return " ".join(f":{COLOURS[kind][2]}-badge[{chain.KIND_LABELS[kind]}]"
                    for kind in chain.KINDS) + " :red-badge[:material/link_off: Missing link]"


def thread_steps(thread: chain.Thread) -> str:
    """One thread top to bottom as Markdown: readable on a phone, where the graph is too small."""
    lines = [f"1. :{COLOURS[link.kind][2]}-badge[{chain.KIND_LABELS[link.kind]}] "
             f"{plain(link.label)}" for link in thread.links]
    lines += [f"1. :red-badge[:material/link_off: {chain.BREAKS[kind]}]" for kind in thread.breaks]
    return "\n".join(lines)
