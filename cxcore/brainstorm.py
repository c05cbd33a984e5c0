"""Brainstorms: a prompt, a technique, ideas gathered (diverge) then merged, voted, scored (converge)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import sqlite_utils

from . import db as store
from . import ranking, rows, whys, workshops
from .text import ValidationError, plural, shorten

PROMPT_MAX = 500
IDEA_MAX = 300
NAME_MAX = 60
THEME_MAX = 60
MAX_PROVOCATIONS = 3
WEIGHT_MAX = 10
PHASES = ("diverge", "converge")
IDEA_FIELDS = {"text": "The idea", "flipped": "The flip", "author": "The author",
               "theme": "The theme"}
_MAX = {"text": IDEA_MAX, "flipped": IDEA_MAX, "author": NAME_MAX, "theme": THEME_MAX}
DOTS_MAX = 20


@dataclass(frozen=True)
class Technique:
    key: str
    label: str
    help: str
    idea_label: str


TECHNIQUES = {t.key: t for t in (
    Technique("classic", "Classic",
              "Go for quantity: every idea counts and nobody judges yet. Scoring comes later, "
              "for all of them.", "Idea"),
    Technique("what_if", "What if?",
              "Write three 'what if ...?' questions that bend the usual limits, then gather "
              "ideas under each one.", "Idea"),
    Technique("wrong_way", "Wrong way",
              "Think up the worst possible way to handle the prompt, then turn each bad idea "
              "around into its opposite: the flip is often the useful idea.", "Bad idea"),
    Technique("risky", "Risky options",
              "Aim at what matters most and welcome the wild ideas. Leave the name empty to "
              "add an idea anonymously.", "Idea"),
)}


@dataclass(frozen=True)
class Brainstorm:
    id: int
    prompt: str
    technique: str
    phase: str
    source_why_id: int | None
    source_entry_id: int | None
    source_challenge_id: int | None
    dots_per_voter: int
    weight_customer: float
    weight_business: float
    weight_feasibility: float
    created: str

    @property
    def weights(self) -> tuple[float, float, float]:
        return (self.weight_customer, self.weight_business, self.weight_feasibility)

    @property
    def headline(self) -> str:
        short = shorten(self.prompt, 70)
        return f"{TECHNIQUES[self.technique].label} · {short}"


@dataclass(frozen=True)
class Idea:
    id: int
    text: str
    flipped: str = ""
    author: str = ""
    theme: str = ""
    provocation_id: int | None = None
    merged_into_id: int | None = None
    scores: tuple[int | None, int | None, int | None] = (None, None, None)
    votes: int = 0
    promoted: bool = False


@dataclass(frozen=True)
class Provocation:
    id: int
    text: str


@dataclass(frozen=True)
class Board:
    """Everything one brainstorm's page shows, read in a handful of queries."""
    brainstorm: Brainstorm
    provocations: list[Provocation]
    ideas: list[Idea]
    votes: list[tuple[str, int]] = field(default_factory=list)

    @cached_property
    def live_ideas(self) -> list[Idea]:
        return [i for i in self.ideas if i.merged_into_id is None]

    def ranking(self) -> list[ranking.Ranked]:
        return list(self._ranking)

    @cached_property
    def _ranking(self) -> tuple[ranking.Ranked, ...]:
        # a board is read once per rerun and never changes: rank its ideas once
        return tuple(ranking.rank([ranking.Candidate(i.id, i.scores, i.votes)
                                   for i in self.live_ideas], self.brainstorm.weights))

    @cached_property
    def _by_id(self) -> dict[int, Idea]:
        return {i.id: i for i in self.ideas}

    def idea(self, idea_id: int) -> Idea:
        return self._by_id[idea_id]


@dataclass(frozen=True)
class PromptSource:
    kind: str  # "challenge", "why" or "entry"
    id: int
    text: str

    @property
    def label(self) -> str:
        return f"{SOURCE_NAMES[self.kind]}: {self.text}"


SOURCE_NAMES = {"challenge": "Focusing challenge", "why": "5 Whys root cause",
                "entry": "Journey opportunity"}
_SOURCE_LINKS = {"challenge": "From the focusing challenge", "why": "From the 5 Whys",
                 "entry": "From the journey map"}


def _weight_rule(criterion: str) -> rows.Rule:
    label = f"The weight of {ranking.CRITERION_LABELS[criterion].lower()}"
    return rows.Rule(label, lambda value, field: _clean_weight(value, field))


def _clean_weight(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not 0 <= value <= WEIGHT_MAX:  # also NaN
        raise ValidationError(f"{field} must be from 0 to {WEIGHT_MAX}.")
    return float(value)


rows.register(
    "brainstorms", prompt=rows.text("The prompt", PROMPT_MAX, required=True),
    technique=rows.choice("Technique", TECHNIQUES, "Unknown technique: {value}."),
    phase=rows.choice("Phase", PHASES, "Unknown phase: {value}."),
    dots_per_voter=rows.whole("Dots per voter", 1, DOTS_MAX),
    **{"weight_" + c.split("_")[0]: _weight_rule(c) for c in ranking.CRITERIA},
    created=rows.timestamp("Created"))
WEIGHTED = "At least one criterion needs a weight above zero."


def check_brainstorm_rows(brainstorms: list[dict]) -> None:
    """Ranking needs a weight above zero on at least one criterion (missing: the default 1)."""
    columns = ["weight_" + c.split("_")[0] for c in ranking.CRITERIA]
    for index, row in enumerate(brainstorms):
        if not any(row.get(column, 1) for column in columns):
            raise rows.RowError(index, columns[-1], WEIGHTED)


rows.register_check("brainstorms", check_brainstorm_rows)
rows.register("provocations", position=rows.position(),
              text=rows.text("The provocation", IDEA_MAX, required=True))
# ---- reading

def list_brainstorms(db: sqlite_utils.Database, workshop_id: int) -> list[Brainstorm]:
    return [Brainstorm(**{k: v for k, v in row.items() if k != "workshop_id"})
            for row in db["brainstorms"].rows_where("workshop_id = ?", [workshop_id],
                                                    order_by="id")]


def get_brainstorm(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int) -> Brainstorm:
    found = [b for b in list_brainstorms(db, workshop_id) if b.id == brainstorm_id]
    if not found:
        raise workshops.NotFoundError(f"There is no brainstorm with id {brainstorm_id}.")
    return found[0]


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["brainstorms"].count_where("workshop_id = ?", [workshop_id]) > 0


def board(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int) -> Board:
    brainstorm = get_brainstorm(db, workshop_id, brainstorm_id)
    provocations = [Provocation(r["id"], r["text"]) for r in db.query(
        "SELECT id, text FROM provocations WHERE brainstorm_id = ? ORDER BY position, id",
        [brainstorm_id])]
    votes = [(r["voter"], r["dots"]) for r in db.query(
        "SELECT v.voter, v.dots FROM votes v JOIN ideas i ON i.id = v.idea_id"
        " WHERE i.brainstorm_id = ? ORDER BY v.id", [brainstorm_id])]
    rows = db.query("""
        SELECT i.*, s.customer_value, s.business_value, s.feasibility,
            (SELECT COALESCE(SUM(dots), 0) FROM votes v WHERE v.idea_id = i.id) AS dots,
            EXISTS (SELECT 1 FROM cards c WHERE c.idea_id = i.id) AS promoted
        FROM ideas i LEFT JOIN scores s ON s.idea_id = i.id
        WHERE i.brainstorm_id = ? ORDER BY i.position, i.id""", [brainstorm_id])
    ideas = [Idea(id=r["id"], text=r["text"], flipped=r["flipped"], author=r["author"],
                  theme=r["theme"], provocation_id=r["provocation_id"],
                  merged_into_id=r["merged_into_id"],
                  scores=(r["customer_value"], r["business_value"], r["feasibility"]),
                  votes=r["dots"], promoted=bool(r["promoted"])) for r in rows]
    return Board(brainstorm, provocations, ideas, votes)


def themes(current: Board) -> dict[str, list[int]]:
    """Ideas still in the ranking, by theme ("" holds those without one)."""
    return ranking.group_by_theme((i.id, i.theme) for i in current.live_ideas)


def prompt_sources(db: sqlite_utils.Database, workshop_id: int) -> list[PromptSource]:
    """What a new brainstorm can start from: the chosen challenge, root causes, opportunities."""
    from . import challenge

    sources = []
    chosen = challenge.chosen_challenge(db, workshop_id)
    if chosen:
        sources.append(PromptSource("challenge", chosen.id, chosen.sentence))
    for analysis in whys.list_analyses(db, workshop_id):  # the one root-cause rule, in whys
        sources += [PromptSource("why", answer.id, answer.text) for answer in
                    whys.root_causes(whys.list_answers(db, workshop_id, analysis.id))]
    sources += [PromptSource("entry", r["id"], r["text"]) for r in db.query(
        "SELECT id, text FROM journey_entries WHERE workshop_id = ? AND lane = 'opportunities'"
        " AND text != '' ORDER BY id", [workshop_id])]
    return sources


def source_link(db: sqlite_utils.Database, brainstorm: Brainstorm) -> str | None:
    """Where the prompt came from, e.g. "From the 5 Whys: <root cause>"; None for free text."""
    from .challenge import sentence

    if brainstorm.source_why_id is not None:
        found = [r["text"] for r in db.query("SELECT text FROM why_answers WHERE id = ?",
                                             [brainstorm.source_why_id])]
        return f"{_SOURCE_LINKS['why']}: {found[0]}" if found else None
    if brainstorm.source_entry_id is not None:
        found = [r["text"] for r in db.query("SELECT text FROM journey_entries WHERE id = ?",
                                             [brainstorm.source_entry_id])]
        return f"{_SOURCE_LINKS['entry']}: {found[0]}" if found else None
    if brainstorm.source_challenge_id is not None:
        found = [sentence(r["who"], r["what"], r["why"]) for r in db.query(
            "SELECT who, what, why FROM challenges WHERE id = ?", [brainstorm.source_challenge_id])]
        return f"{_SOURCE_LINKS['challenge']}: {found[0]}" if found else None
    return None


# ---- writing

def create_brainstorm(db: sqlite_utils.Database, workshop_id: int, prompt: str,
                      technique: str = "classic", *, source_why_id: int | None = None,
                      source_entry_id: int | None = None,
                      source_challenge_id: int | None = None) -> int:
    prompt = rows.clean("brainstorms", "prompt", prompt)
    technique = rows.clean("brainstorms", "technique", technique)
    with store.write(db):
        workshops.get(db, workshop_id)
        for table, ref in (("why_answers", source_why_id), ("journey_entries", source_entry_id),
                           ("challenges", source_challenge_id)):
            if ref is not None:
                _owned_row(db, table, workshop_id, ref)
        row_id = db["brainstorms"].insert({
            "workshop_id": workshop_id, "prompt": prompt, "technique": technique,
            "source_why_id": source_why_id, "source_entry_id": source_entry_id,
            "source_challenge_id": source_challenge_id, "created": workshops.now()}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def delete_brainstorm(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int) -> None:
    with store.write(db):
        _owned_row(db, "brainstorms", workshop_id, brainstorm_id)
        db.execute("DELETE FROM brainstorms WHERE id = ?", [brainstorm_id])
        workshops.touch(db, workshop_id)


def set_phase(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int, phase: str) -> None:
    _update(db, workshop_id, "brainstorms", brainstorm_id,
            {"phase": rows.clean("brainstorms", "phase", phase)})


def set_weight(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int, criterion: str,
               weight: float) -> None:
    if criterion not in ranking.CRITERIA:
        raise ValidationError(f"Unknown criterion: {criterion}.")
    column = "weight_" + criterion.split("_")[0]
    weight = rows.clean("brainstorms", column, weight)
    with store.write(db):
        current = get_brainstorm(db, workshop_id, brainstorm_id)
        others = [w for c, w in zip(ranking.CRITERIA, current.weights) if c != criterion]
        if weight == 0 and not any(others):
            raise ValidationError(WEIGHTED)
        _update(db, workshop_id, "brainstorms", brainstorm_id, {column: weight})


def set_dots_per_voter(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int,
                       dots: int) -> None:
    dots = rows.clean("brainstorms", "dots_per_voter", dots)
    with store.write(db):
        ranking.check_budget_change(board(db, workshop_id, brainstorm_id).votes, dots)
        _update(db, workshop_id, "brainstorms", brainstorm_id, {"dots_per_voter": dots})


def add_provocation(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int,
                    text: str) -> int:
    text = rows.clean("provocations", "text", text)
    with store.write(db):
        count = db["provocations"].count_where("brainstorm_id = ?", [brainstorm_id])
        if get_brainstorm(db, workshop_id, brainstorm_id).technique != "what_if":
            raise ValidationError("Provocations belong to a What if? brainstorm.")
        if count >= MAX_PROVOCATIONS:
            raise ValidationError(f"A What if? brainstorm works with {MAX_PROVOCATIONS} "
                                  "provocations: delete one to write another.")
        row_id = db["provocations"].insert({"workshop_id": workshop_id, "text": text,
                                            "brainstorm_id": brainstorm_id,
                                            "position": count}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def delete_provocation(db: sqlite_utils.Database, workshop_id: int, provocation_id: int) -> None:
    """Delete a provocation; its ideas stay, no longer under it."""
    with store.write(db):
        _owned_row(db, "provocations", workshop_id, provocation_id)
        db.execute("DELETE FROM provocations WHERE id = ?", [provocation_id])
        workshops.touch(db, workshop_id)


def _owned_row(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: int) -> dict:
    return workshops.owned_row(db, table, workshop_id, row_id,
                               table.rstrip("s").replace("_", " "))


def _update(db: sqlite_utils.Database, workshop_id: int, table: str, row_id: int,
            values: dict) -> None:
    workshops.update_owned(db, table, workshop_id, row_id, table.rstrip("s").replace("_", " "),
                           values)


def ranking_rows(current: Board, limit: int | None = None) -> list[dict]:
    """The ranking as rows for a table: rank, idea, theme, score, dots, card."""
    rows = []
    for place in current.ranking()[:limit]:
        idea = current.idea(place.idea_id)
        rows.append({"Rank": place.rank, "Idea": idea.flipped or idea.text, "Theme": idea.theme,
                     "Score": place.score, "Dots": place.votes,
                     "Card": "Card created" if idea.promoted else ""})
    return rows


def _draw_ranking(report, rows: list[dict]) -> None:
    from . import pdfcharts

    scored = [r for r in rows if r["Score"] is not None]
    pdfcharts.bar_chart(report, [(f"{r['Rank']}. {r['Idea']}", r["Score"]) for r in scored],
                        5, "Weighted score (1-5)")


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    for item in list_brainstorms(db, workshop_id):
        current = board(db, workshop_id, item.id)
        report.subheading(f"{TECHNIQUES[item.technique].label} brainstorm: {item.prompt}")
        link = source_link(db, item)
        live = len(current.live_ideas)
        merged = len(current.ideas) - live
        counts = (f"{plural(live, 'idea')}" + (f" ({merged} merged as duplicates)" if merged else "")
                  + f" from {plural(len(ranking.voter_totals(current.votes)), 'voter')}"
                  if current.votes else f"{plural(live, 'idea')}, no votes yet")
        if link:
            report.paragraph(link.rstrip("."), muted=True)
        report.paragraph(counts[0].upper() + counts[1:] + ".", muted=True)
        rows = ranking_rows(current, 15)
        if not rows:
            continue
        report.table(["Rank", "Idea", "Theme", "Score", "Dots", "Card"],
                     [[r["Rank"], r["Idea"], r["Theme"],
                       "—" if r["Score"] is None else f"{r['Score']:.2f}", r["Dots"], r["Card"]]
                      for r in rows], widths=(12, 80, 30, 16, 14, 22))
        if any(r["Score"] is not None for r in rows):
            _draw_ranking(report, rows)
            report.paragraph("Long ideas are shortened in the chart: the table above has each "
                             "one in full, by rank.", muted=True)
