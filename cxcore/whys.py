"""5 Whys: a problem statement, a tree of answers to "why?", and the proven root causes.

The rule, kept strict because a root cause must be proven with data: an answer *counts* when it
is proven and so is every answer above it, up to the problem. A root cause is an answer that
counts with no counting answer beneath it. A disproven answer and everything under it never
count (they stay on record, greyed). A proven answer under an unverified one waits: it counts
once the answer above it is proven too.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError

PROBLEM_MAX = 300
TEXT_MAX = 300
SOURCE_MAX = 200
FIGURE_MAX = 200
STATUSES = ("unverified", "proven", "disproven")
FIELDS = {"text": ("Answer", TEXT_MAX), "evidence_source": ("Evidence source", SOURCE_MAX),
          "evidence_figure": ("Evidence figure", FIGURE_MAX)}
USUAL_DEPTH = 5
MAX_DEPTH = 30  # levels of "why?": far past any real analysis, and every walk stays cheap
TOO_DEEP = f"An analysis goes at most {MAX_DEPTH} levels of “why?” deep."
LOOP = "The answers go round in a loop: an answer cannot sit beneath itself."
OTHER_ANALYSIS = "That answer belongs to another analysis."
EMPTY_ANSWER = "Write the answer to “why?” first."
EMPTIED_ANSWER = "An answer cannot be empty: delete it instead."

# How each answer stands under the rule above.
ROOT_CAUSE = "root_cause"  # counts, and nothing proven beneath it
PROVEN = "proven"          # counts, with a proven answer further down
WAITING = "waiting"        # proven, but an answer above it is not proven yet
UNVERIFIED = "unverified"
DISPROVEN = "disproven"
RULED_OUT = "ruled_out"    # under a disproven answer: never counts, whatever its status


@dataclass(frozen=True)
class Analysis:
    id: int
    problem: str
    source_entry_id: int | None
    source_stage: str | None = None  # the journey stage of the linked pain point


@dataclass(frozen=True)
class Answer:
    id: int
    parent_id: int | None
    text: str
    evidence_source: str = ""
    evidence_figure: str = ""
    status: str = "unverified"
    position: int = 0

    @property
    def evidence(self) -> str:
        return " · ".join(part for part in (self.evidence_source, self.evidence_figure) if part)


@dataclass(frozen=True)
class TreeRow:
    answer: Answer
    level: int  # 1 = an answer to the problem itself
    standing: str


rows.register("why_analyses",
              problem=rows.text("The problem", PROBLEM_MAX, required=True),
              created=rows.timestamp("Created"))
rows.register("why_answers",
              text=rows.text("Answer", TEXT_MAX, required=EMPTY_ANSWER),
              **{name: rows.text(label, limit) for name, (label, limit) in FIELDS.items()
                 if name != "text"},
              status=rows.choice("Status", STATUSES, "Choose unverified, proven or disproven."),
              position=rows.position())


def check_answer_rows(answers: list[dict]) -> None:
    """The answers of a backup form trees: each under an answer of its own analysis, no loops,
    at most MAX_DEPTH levels. Raises RowError naming the first answer that breaks this."""
    by_id = {row["id"]: row for row in answers}
    index_of = {row["id"]: index for index, row in enumerate(answers)}
    levels: dict[int, int] = {}
    for row in answers:
        parent = by_id.get(row.get("parent_id"))
        if parent is not None and parent.get("analysis_id") != row.get("analysis_id"):
            raise rows.RowError(index_of[row["id"]], "parent_id", OTHER_ANALYSIS)
        path: list[int] = []
        node: dict | None = row
        while node is not None and node["id"] not in levels:
            if node["id"] in path:
                raise rows.RowError(index_of[node["id"]], "parent_id", LOOP)
            path.append(node["id"])
            node = by_id.get(node.get("parent_id"))
        level = levels[node["id"]] if node is not None else 0
        for answer_id in reversed(path):
            level += 1
            levels[answer_id] = level
            if level > MAX_DEPTH:
                raise rows.RowError(index_of[answer_id], "parent_id", TOO_DEEP)


rows.register_check("why_answers", check_answer_rows)


# ---- the rule and the shape of the tree (pure functions over plain data)

def _children(answers: Sequence[Answer]) -> dict[int | None, list[Answer]]:
    children: dict[int | None, list[Answer]] = {}
    for answer in sorted(answers, key=lambda a: (a.position, a.id)):
        children.setdefault(answer.parent_id, []).append(answer)
    return children


def tree(answers: Sequence[Answer]) -> list[TreeRow]:
    """Every answer reachable from the problem, depth first, with its level and standing."""
    children = _children(answers)
    found: list[TreeRow] = []
    seen: set[int] = set()
    # An explicit stack, not recursion: however deep a stored tree is, the walk cannot overflow.
    stack = [(answer, 1, "proven") for answer in reversed(children.get(None, []))]
    while stack:
        answer, level, chain = stack.pop()
        if answer.id in seen:  # a cycle from an old database: show each answer once
            continue
        seen.add(answer.id)
        below = children.get(answer.id, [])
        standing = _standing(answer, chain, any(c.status == "proven" for c in below))
        found.append(TreeRow(answer, level, standing))
        stack.extend((child, level + 1, _chain_below(chain, standing))
                     for child in reversed(below))
    return found


def _standing(answer: Answer, chain: str, proven_child: bool) -> str:
    """``chain``: "proven" (all above count), "broken" (an unverified link), "ruled_out"."""
    if chain == "ruled_out":
        return RULED_OUT
    if answer.status == "disproven":
        return DISPROVEN
    if answer.status == "unverified":
        return UNVERIFIED
    if chain == "broken":
        return WAITING
    return PROVEN if proven_child else ROOT_CAUSE


def _chain_below(chain: str, standing: str) -> str:
    if chain == "ruled_out" or standing == DISPROVEN:
        return "ruled_out"
    return "proven" if standing in (ROOT_CAUSE, PROVEN) else "broken"


def root_causes(answers: Sequence[Answer]) -> list[Answer]:
    """The proven answers with no proven answer beneath them, in tree order."""
    return [row.answer for row in tree(answers) if row.standing == ROOT_CAUSE]


def beneath(answers: Sequence[Answer], answer_id: int) -> list[int]:
    """The ids of every answer under ``answer_id``, at any depth, in tree order."""
    rows = tree(answers)
    inside: set[int] = {answer_id}
    found = []
    for row in rows:  # depth first: a parent always comes before its children
        if row.answer.parent_id in inside:
            inside.add(row.answer.id)
            found.append(row.answer.id)
    return found


def depth(answers: Sequence[Answer]) -> int:
    """How many levels of "why?" the tree has (0 when nothing is answered yet)."""
    return max((row.level for row in tree(answers)), default=0)


def layout(answers: Sequence[Answer], x_gap: float = 230, y_gap: float = 140
           ) -> dict[int | None, tuple[float, float]]:
    """A layered tree layout: the problem (key None) on top, each level a row below it.

    Leaves take the next free slot from left to right; a parent sits centred over its children.
    """
    rows = tree(answers)
    children: dict[int | None, list[int]] = {}
    for row in rows:
        children.setdefault(row.answer.parent_id, []).append(row.answer.id)
    level = {row.answer.id: row.level for row in rows} | {None: 0}
    order: list[int | None] = [None, *(row.answer.id for row in rows)]  # parents first
    x: dict[int | None, float] = {}
    leaves = [node for node in order[1:] if node not in children] or [None]
    for slot, leaf in enumerate(leaves):
        x[leaf] = slot * x_gap
    for node in reversed(order):  # children before their parent, without recursion
        if node in children:
            x[node] = (x[children[node][0]] + x[children[node][-1]]) / 2
    return {node: (x[node], level[node] * y_gap) for node in order}


# ---- reading

def list_analyses(db: sqlite_utils.Database, workshop_id: int) -> list[Analysis]:
    rows = db.execute(
        "SELECT a.id, a.problem, a.source_entry_id, s.name FROM why_analyses a"
        " LEFT JOIN journey_entries e ON e.id = a.source_entry_id"
        " LEFT JOIN journey_stages s ON s.id = e.stage_id"
        " WHERE a.workshop_id = ? ORDER BY a.id", [workshop_id]).fetchall()
    return [Analysis(id=r[0], problem=r[1], source_entry_id=r[2], source_stage=r[3])
            for r in rows]


def list_answers(db: sqlite_utils.Database, workshop_id: int, analysis_id: int) -> list[Answer]:
    return [Answer(id=r["id"], parent_id=r["parent_id"], text=r["text"],
                   evidence_source=r["evidence_source"], evidence_figure=r["evidence_figure"],
                   status=r["status"], position=r["position"])
            for r in db["why_answers"].rows_where(
                "workshop_id = ? AND analysis_id = ?", [workshop_id, analysis_id],
                order_by="position, id")]


def brainstorms_from(db: sqlite_utils.Database, workshop_id: int) -> dict[int, int]:
    """Answer id -> the first brainstorm started from it."""
    rows = db.execute("SELECT source_why_id, MIN(id) FROM brainstorms WHERE workshop_id = ?"
                      " AND source_why_id IS NOT NULL GROUP BY source_why_id", [workshop_id])
    return dict(rows.fetchall())


def pain_points(db: sqlite_utils.Database, workshop_id: int) -> list[tuple[int, str]]:
    """Journey pain points an analysis can start from: (entry id, "stage: text")."""
    rows = db.execute(
        "SELECT e.id, s.name, e.text FROM journey_entries e"
        " JOIN journey_stages s ON s.id = e.stage_id"
        " WHERE e.workshop_id = ? AND e.lane = 'pain_points' AND e.text != ''"
        " ORDER BY s.journey_id, s.position, e.position, e.id", [workshop_id]).fetchall()
    return [(r[0], f"{r[1]}: {r[2]}") for r in rows]


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["why_analyses"].count_where("workshop_id = ?", [workshop_id]) > 0


# ---- writing

def create_analysis(db: sqlite_utils.Database, workshop_id: int, problem: str,
                    source_entry_id: int | None = None) -> int:
    """Start an analysis from a problem statement, optionally a journey pain point's."""
    problem = rows.clean("why_analyses", "problem", problem)
    with store.write(db):
        workshops.get(db, workshop_id)
        if source_entry_id is not None:
            _get_row(db, "journey_entries", workshop_id, source_entry_id, "journey entry")
        row_id = db["why_analyses"].insert(
            {"workshop_id": workshop_id, "problem": problem, "source_entry_id": source_entry_id,
             "created": workshops.now()}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_problem(db: sqlite_utils.Database, workshop_id: int, analysis_id: int,
                   problem: str) -> None:
    problem = rows.clean("why_analyses", "problem", problem)
    workshops.update_owned(db, "why_analyses", workshop_id, analysis_id, "analysis",
                           {"problem": problem})


def delete_analysis(db: sqlite_utils.Database, workshop_id: int, analysis_id: int) -> None:
    """Delete an analysis and every answer in it."""
    workshops.delete_owned(db, "why_analyses", workshop_id, analysis_id, "analysis")


def add_answer(db: sqlite_utils.Database, workshop_id: int, analysis_id: int,
               parent_id: int | None, text: str, evidence_source: str = "",
               evidence_figure: str = "") -> int:
    """Answer "why?" for the problem (``parent_id`` None) or for an answer of the analysis."""
    values = _clean_fields(text=text, evidence_source=evidence_source,
                           evidence_figure=evidence_figure)
    with store.write(db):
        _get_row(db, "why_analyses", workshop_id, analysis_id, "analysis")
        if parent_id is not None:
            parent = _get_row(db, "why_answers", workshop_id, parent_id, "answer")
            if parent["analysis_id"] != analysis_id:
                raise ValidationError(OTHER_ANALYSIS)
            levels = {row.answer.id: row.level for row in
                      tree(list_answers(db, workshop_id, analysis_id))}
            if levels.get(parent_id, MAX_DEPTH) >= MAX_DEPTH:
                raise ValidationError(TOO_DEEP)
        position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM why_answers"
                              " WHERE analysis_id = ?", [analysis_id]).fetchone()[0]
        row_id = db["why_answers"].insert(
            {"workshop_id": workshop_id, "analysis_id": analysis_id, "parent_id": parent_id,
             **values, "status": "unverified", "position": position}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_answer(db: sqlite_utils.Database, workshop_id: int, answer_id: int, field: str,
                  value: str) -> None:
    """Change an answer's text or its evidence (source or figure)."""
    if field not in FIELDS:
        raise ValidationError(f"Unknown field of an answer: {field}.")
    try:
        cleaned = _clean_fields(**{field: value})[field]
    except ValidationError as error:  # emptying an answer that exists: say what to do instead
        raise ValidationError(EMPTIED_ANSWER if str(error) == EMPTY_ANSWER else str(error)
                              ) from None
    with store.write(db):
        _get_row(db, "why_answers", workshop_id, answer_id, "answer")
        db.execute(f"UPDATE why_answers SET {field} = ? WHERE id = ?", [cleaned, answer_id])
        workshops.touch(db, workshop_id)


def set_status(db: sqlite_utils.Database, workshop_id: int, answer_id: int, status: str) -> None:
    workshops.update_owned(db, "why_answers", workshop_id, answer_id, "answer",
                           {"status": rows.clean("why_answers", "status", status)})


def delete_answer(db: sqlite_utils.Database, workshop_id: int, answer_id: int) -> None:
    """Delete an answer and every answer beneath it."""
    workshops.delete_owned(db, "why_answers", workshop_id, answer_id, "answer")


def _clean_fields(**values: str) -> dict[str, str]:
    return {name: rows.clean("why_answers", name, value) for name, value in values.items()}


def _get_row(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: int,
             noun: str) -> dict:
    return workshops.owned_row(db, table, workshop_id, row_id, noun)


# ---- the PDF summary

STATUS_TAGS = {"unverified": "[UNVERIFIED]", "proven": "[PROVEN]", "disproven": "[DISPROVEN]"}
PDF_INDENT_MM = 6
PDF_INDENT_LEVELS = 12  # deeper answers keep the last indent and say their level: the page ends


def outline_line(row: TreeRow) -> str:
    """One line of the indented text view, e.g. "[PROVEN] ... ★ root cause"."""
    line = f"{STATUS_TAGS[row.answer.status]} {row.answer.text}"
    if row.answer.evidence:
        line += f" (evidence: {row.answer.evidence})"
    notes = {ROOT_CAUSE: " ★ root cause", WAITING: " (waits for the answer above)",
             RULED_OUT: " (under a disproven answer)"}
    return line + notes.get(row.standing, "")


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    from fpdf.enums import XPos, YPos

    for analysis in list_analyses(db, workshop_id):
        report.subheading(f"Problem: {analysis.problem}")
        if analysis.source_stage:
            report.paragraph(f"From the journey map: {analysis.source_stage}", muted=True)
        answers = list_answers(db, workshop_id, analysis.id)
        rows = tree(answers)
        if not rows:
            report.paragraph("No answers yet.", muted=True)
            continue
        for row in rows:
            indent = min(row.level - 1, PDF_INDENT_LEVELS)
            report.set_x(report.l_margin + 3 + PDF_INDENT_MM * indent)
            report.set_text_color(*((150, 150, 150) if row.standing in (DISPROVEN, RULED_OUT)
                                    else (33, 37, 41)))
            deep = f"(level {row.level}) " if indent < row.level - 1 else ""
            report.multi_cell(0, 5.5, deep + outline_line(row), align="L", new_x=XPos.LMARGIN,
                              new_y=YPos.NEXT)
        report.set_text_color(33, 37, 41)
        causes = [a.text for a in root_causes(answers)]
        report.paragraph(f"Levels: {depth(answers)}. Root causes: "
                         f"{'; '.join(causes) if causes else 'none proven yet'}.", italic=True)
