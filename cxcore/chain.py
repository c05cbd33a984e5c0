"""The linked chain: pain point -> 5 Whys root cause -> idea -> card -> action -> goal -> reading.

``read_chain`` reads everything in a few queries into plain rows; ``build_threads`` (pure) follows
every thread from its earliest link; ``layout`` (pure) places the links in left-to-right layers
for the graph. A thread is one row of the table: one path through the links, so a card with two
actions makes two threads. Breaks called out: a root cause with no brainstorm or no idea, an idea
that never became a card, a card with no action, an action serving no goal, a goal with no
readings.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils

from . import brainstorm, whys
from .goals import format_date, format_number
from .text import shorten

KINDS = ("pain_point", "root_cause", "idea", "card", "action", "goal", "reading")
KIND_LABELS = {"pain_point": "Pain point", "root_cause": "Root cause", "idea": "Idea",
               "card": "Card", "action": "Action", "goal": "Goal", "reading": "Latest reading"}
BREAKS = {
    "no_root_cause": "5 Whys with no proven root cause yet",
    "no_brainstorm": "Root cause with no brainstorm yet",
    "no_idea": "Brainstorm on this root cause has no ideas yet",
    "no_card": "Top idea not written up as a card yet",
    "no_action": "Card with no action in the plan",
    "no_goal": "Action serving no goal",
    "no_reading": "Goal with no readings yet",
}
# which column a break leaves empty (where the graph draws its placeholder)
BREAK_COLUMN = {"no_root_cause": "root_cause", "no_brainstorm": "idea", "no_idea": "idea", "no_card": "card",
                "no_action": "action", "no_goal": "goal", "no_reading": "reading"}


@dataclass(frozen=True)
class Link:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class Break:
    kind: str
    link: Link

    @property
    def message(self) -> str:
        return f"{BREAKS[self.kind]}: {self.link.label}"


@dataclass(frozen=True)
class Thread:
    links: tuple[Link, ...]
    breaks: tuple[str, ...] = ()

    def get(self, kind: str) -> Link | None:
        return next((link for link in self.links if link.kind == kind), None)


@dataclass(frozen=True)
class ChainData:
    """Plain rows: everything the builder needs, nothing read lazily."""
    analyses: list[dict] = field(default_factory=list)   # id, problem, source_entry_id, entry_text
    answers: list[dict] = field(default_factory=list)    # id, analysis_id, parent_id, text, status
    brainstorms: list[dict] = field(default_factory=list)  # id, source_why_id, top_idea_id
    ideas: list[dict] = field(default_factory=list)      # id, brainstorm_id, text, merged_into_id
    cards: list[dict] = field(default_factory=list)      # id, idea_id, new_experience, status
    actions: list[dict] = field(default_factory=list)    # id, title, card_id, goal_id
    goals: list[dict] = field(default_factory=list)      # id, statement
    readings: list[dict] = field(default_factory=list)   # goal_id, taken, value, unit


# ---- reading

def read_chain(db: sqlite_utils.Database, workshop_id: int) -> ChainData:
    def rows(sql: str) -> list[dict]:
        return list(db.query(sql, [workshop_id]))

    brainstorms = rows("SELECT id, source_why_id FROM brainstorms WHERE workshop_id = ?"
                       " ORDER BY id")
    for row in brainstorms:
        ranked = brainstorm.board(db, workshop_id, row["id"]).ranking()
        row["top_idea_id"] = ranked[0].idea_id if ranked else None
    return ChainData(
        analyses=rows("SELECT a.id, a.problem, a.source_entry_id, e.text AS entry_text"
                      " FROM why_analyses a LEFT JOIN journey_entries e ON e.id ="
                      " a.source_entry_id WHERE a.workshop_id = ? ORDER BY a.id"),
        answers=rows("SELECT id, analysis_id, parent_id, text, status, position FROM why_answers"
                     " WHERE workshop_id = ? ORDER BY id"),
        brainstorms=brainstorms,
        ideas=rows("SELECT id, brainstorm_id, text, flipped, merged_into_id FROM ideas"
                   " WHERE workshop_id = ? ORDER BY position, id"),
        cards=rows("SELECT id, idea_id, new_experience, status FROM cards WHERE workshop_id = ?"
                   " ORDER BY id"),
        actions=rows("SELECT id, title, card_id, goal_id FROM actions WHERE workshop_id = ?"
                     " ORDER BY position, id"),
        goals=rows("SELECT id, statement FROM goals WHERE workshop_id = ? ORDER BY position, id"),
        readings=rows("SELECT r.goal_id, r.taken, r.value, g.unit FROM readings r JOIN goals g"
                      " ON g.id = r.goal_id WHERE r.workshop_id = ? ORDER BY r.taken, r.id"))


def threads(db: sqlite_utils.Database, workshop_id: int) -> list[Thread]:
    return build_threads(read_chain(db, workshop_id))


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    """Started once the plan links an action to a card or a goal."""
    return db.execute("SELECT 1 FROM actions WHERE workshop_id = ? AND (card_id IS NOT NULL"
                      " OR goal_id IS NOT NULL) LIMIT 1", [workshop_id]).fetchone() is not None


# ---- building (pure)

def build_threads(data: ChainData) -> list[Thread]:
    """Every thread, from analyses first, then cards, actions and goals no thread reached."""
    walk = _Walk(data)
    for analysis in data.analyses:
        walk.analysis(analysis)
    for card in data.cards:
        if card["id"] not in walk.seen_cards:
            walk.card((), card)
    for action in data.actions:
        if action["id"] not in walk.seen_actions:
            walk.action((), action)
    for goal in data.goals:
        if goal["id"] not in walk.seen_goals:
            walk.goal((), goal)
    return walk.found


def broken(found: Iterable[Thread]) -> list[Break]:
    """Each break once, in the order the threads meet them."""
    result: list[Break] = []
    for thread in found:
        for kind in thread.breaks:
            column = KINDS.index(BREAK_COLUMN[kind])
            last = [link for link in thread.links if KINDS.index(link.kind) < column][-1]
            item = Break(kind, last)
            if item not in result:
                result.append(item)
    return result


def _short(text: str, limit: int = 90) -> str:
    return shorten(text, limit)


class _Walk:
    """Follows links downstream, appending one Thread per path it finishes."""

    def __init__(self, data: ChainData) -> None:
        self.data = data
        self.found: list[Thread] = []
        self.seen_cards: set[int] = set()
        self.seen_actions: set[int] = set()
        self.seen_goals: set[int] = set()
        self.goals = {g["id"]: g for g in data.goals}
        self.latest: dict[int, dict] = {}
        for reading in data.readings:  # oldest first: the last one kept is the latest
            self.latest[reading["goal_id"]] = reading

    def end(self, links: tuple[Link, ...], *breaks: str) -> None:
        self.found.append(Thread(links, breaks))

    def analysis(self, row: dict) -> None:
        start = Link("pain_point", row["id"], _short(row["entry_text"] or row["problem"]))
        answers = [whys.Answer(a["id"], a["parent_id"], a["text"], status=a["status"],
                               position=a["position"])
                   for a in self.data.answers if a["analysis_id"] == row["id"]]
        causes = whys.root_causes(answers)
        if not causes:
            self.end((start,), "no_root_cause")
        for cause in causes:
            self.root_cause((start, Link("root_cause", cause.id, _short(cause.text))))

    def root_cause(self, links: tuple[Link, ...]) -> None:
        sessions = [b for b in self.data.brainstorms if b["source_why_id"] == links[-1].id]
        if not sessions:
            return self.end(links, "no_brainstorm")
        for session in sessions:
            ideas = [i for i in self.data.ideas if i["brainstorm_id"] == session["id"]]
            carded = [i for i in ideas
                      if any(c["idea_id"] == i["id"] for c in self.data.cards)]
            top = [i for i in ideas if i["id"] == session.get("top_idea_id")]
            if not ideas:
                self.end(links, "no_idea")
            for idea in carded or top or ideas[:1]:
                self.idea(links + (Link("idea", idea["id"],
                                        _short(idea["flipped"] or idea["text"])),))

    def idea(self, links: tuple[Link, ...]) -> None:
        cards = [c for c in self.data.cards if c["idea_id"] == links[-1].id]
        if not cards:
            return self.end(links, "no_card")
        for card in cards:
            self.card(links, card)

    def card(self, links: tuple[Link, ...], card: dict) -> None:
        self.seen_cards.add(card["id"])
        links += (Link("card", card["id"], _short(card["new_experience"] or "Blank card")),)
        actions = [a for a in self.data.actions if a["card_id"] == card["id"]]
        if not actions:  # a retired card is stopped on purpose: no action is expected
            return self.end(links, *(() if card.get("status") == "retired" else ("no_action",)))
        for action in actions:
            self.action(links, action)

    def action(self, links: tuple[Link, ...], action: dict) -> None:
        self.seen_actions.add(action["id"])
        links += (Link("action", action["id"], _short(action["title"])),)
        goal = self.goals.get(action["goal_id"])
        if goal is None:
            return self.end(links, "no_goal")
        self.goal(links, goal)

    def goal(self, links: tuple[Link, ...], goal: dict) -> None:
        self.seen_goals.add(goal["id"])
        links += (Link("goal", goal["id"], _short(goal["statement"])),)
        reading = self.latest.get(goal["id"])
        if reading is None:
            return self.end(links, "no_reading")
        label = (f"{format_number(reading['value'], reading.get('unit', ''))} on "
                 f"{format_date(reading['taken'])}")
        self.end(links + (Link("reading", goal["id"], label.replace("\u00a0", " ")),))


# ---- the graph (pure)

@dataclass(frozen=True)
class GraphNode:
    id: str
    kind: str
    label: str
    x: float
    y: float
    placeholder: bool = False


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    broken: bool = False


def node_key(link: Link) -> str:
    return f"{link.kind}:{link.id}"


def layout(found: list[Thread], x_gap: float = 260, y_gap: float = 90
           ) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Links in columns by kind (left to right) and each thread on a row of its own, so a thread
    reads as one line; a link shared by several threads sits on the row of the first. A break
    adds a placeholder in the column it leaves empty, joined by a broken edge."""
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []

    def place(key: str, kind: str, label: str, row: int, placeholder: bool = False) -> None:
        if key not in nodes:
            nodes[key] = GraphNode(key, kind, label, KINDS.index(kind) * x_gap, row * y_gap,
                                   placeholder)

    for row, thread in enumerate(found):
        for link in thread.links:
            place(node_key(link), link.kind, link.label, row)
        for before, after in zip(thread.links, thread.links[1:]):
            edge = GraphEdge(node_key(before), node_key(after))
            if edge not in edges:
                edges.append(edge)
        for kind in thread.breaks:
            column = BREAK_COLUMN[kind]
            gap = f"missing:{row}:{column}"
            place(gap, column, BREAKS[kind], row, placeholder=True)
            edges.append(GraphEdge(node_key(thread.links[-1]), gap, broken=True))
    return list(nodes.values()), edges


def table_rows(found: list[Thread]) -> list[dict[str, str]]:
    """One row per thread: a column per kind ("" where the thread has no link) and its breaks."""
    return [{**{KIND_LABELS[kind]: (link.label if (link := t.get(kind)) else "")
                for kind in KINDS},
             "Gaps": "; ".join(BREAKS[b] for b in t.breaks)} for t in found]


def compact_rows(found: list[Thread]) -> list[list[str]]:
    """The threads as table rows, a cell left blank where the thread shares it (and every link
    before it) with the row above, so a pain point shared by five threads is printed once."""
    rows: list[list[str]] = []
    previous: list[str] = []
    for thread in found:
        cells = [(link.label if (link := thread.get(k)) else "—") for k in KINDS]
        shared = 0
        while (shared < len(cells) - 1 and cells[shared] != "—"
               and previous[shared:shared + 1] == [cells[shared]]):
            shared += 1
        rows.append([""] * shared + cells[shared:])
        previous = cells
    return rows


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    found = threads(db, workshop_id)
    report.paragraph("Each row follows one thread from a journey pain point to the latest "
                     "reading of the goal it moves. A dash marks a link not made yet; a blank "
                     "cell is the same link as in the row above.", muted=True)
    report.table([KIND_LABELS[k] for k in KINDS], compact_rows(found),
                 widths=(40, 40, 40, 40, 40, 36, 25))
    gaps = broken(found)
    if gaps:
        report.subheading("Broken threads")
        report.bullets([gap.message for gap in gaps])
