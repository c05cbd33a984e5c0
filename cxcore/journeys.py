"""Journey maps: one per persona, stages (the 5 A's by default) and short entries in lanes.

Above the line of visibility sit the customer's lanes and an emotion score per stage; below
it, the organisation's lanes. A pain point can go to the 5 Whys, an opportunity to a brainstorm.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError

TITLE_MAX = 120
STAGE_NAME_MAX = 60
QUESTION_MAX = 200
ENTRY_MAX = 200
AUTHOR_MAX = 60
NO_PERSONA = "No persona yet"

CUSTOMER_LANES = ("actions", "needs", "thoughts")
ORGANISATION_LANES = ("touchpoints", "systems", "processes", "pain_points", "opportunities")
LANES = CUSTOMER_LANES + ORGANISATION_LANES
LANE_LABELS = {"actions": "Actions", "needs": "Needs", "thoughts": "Thoughts and feelings",
               "touchpoints": "Touchpoints", "systems": "Systems", "processes": "Processes",
               "pain_points": "Pain points", "opportunities": "Opportunities"}

DEFAULT_STAGES = (
    ("Attract", "How do people first come across us?"),
    ("Accept", "How do they begin doing business with us?"),
    ("Adopt", "What is it like to deal with us along the way?"),
    ("Amplify", "How are they left feeling once it is done?"),
    ("Advance", "How do we stay in touch and grow the relationship?"),
)
EMOTIONS = {-2: "Very unhappy", -1: "Unhappy", 0: "Neutral", 1: "Happy", 2: "Delighted"}
rows.register("journeys", title=rows.text("Title", TITLE_MAX))


def check_journey_rows(journeys: list[dict]) -> None:
    """As typed: a persona has at most one journey."""
    seen: set[int] = set()
    for index, row in enumerate(journeys):
        persona = row.get("persona_id")
        if persona in seen:
            raise rows.RowError(index, "persona_id", "That persona already has a journey.")
        if persona is not None:
            seen.add(persona)


rows.register_check("journeys", check_journey_rows)
rows.register("journey_stages", name=rows.text("Stage name", STAGE_NAME_MAX, required=True),
              question=rows.text("Question", QUESTION_MAX),
              emotion=rows.whole("Emotion score", -2, 2, optional=True),
              position=rows.position())
rows.register("journey_entries",
              lane=rows.choice("Lane", LANES, "Unknown lane: {value}. Choose one of: "
                               f"{', '.join(LANE_LABELS.values())}."),
              text=rows.text("Entry", ENTRY_MAX, required=True), position=rows.position(),
              author=rows.text("The author", AUTHOR_MAX))


@dataclass(frozen=True)
class Entry:
    id: int
    stage_id: int
    lane: str
    text: str
    in_whys: bool = False
    in_brainstorm: bool = False
    author: str = ""  # who added it from the live room ("Anonymous" if the room was)


@dataclass(frozen=True)
class Stage:
    id: int
    name: str
    question: str
    emotion: int | None
    entries: tuple[Entry, ...] = ()

    def cell(self, lane: str) -> list[Entry]:
        return [e for e in self.entries if e.lane == lane]


@dataclass(frozen=True)
class Journey:
    id: int
    persona_id: int | None
    persona_name: str | None
    title: str
    stages: tuple[Stage, ...] = ()

    @property
    def label(self) -> str:
        """How pickers and headings name the journey: the persona's, else the title."""
        who = f"{self.persona_name}'s journey" if self.persona_name else NO_PERSONA
        return f"{who}: {self.title}" if self.title else who

    @property
    def entries(self) -> list[Entry]:
        return [e for s in self.stages for e in s.entries]


def emotion_label(score: int | None) -> str:
    return "Not scored" if score is None else EMOTIONS[score]


# ---- reading

def persona_names(db: sqlite_utils.Database, workshop_id: int) -> dict[int, str]:
    """The workshop's personas, id to name, in their order (unnamed ones get a placeholder)."""
    rows = db.execute("SELECT id, name FROM personas WHERE workshop_id = ? ORDER BY position, id",
                      [workshop_id]).fetchall()
    return {pid: name or f"Persona {pid}" for pid, name in rows}


def _linked(db: sqlite_utils.Database, table: str, workshop_id: int) -> set[int]:
    rows = db.execute(f"SELECT source_entry_id FROM {table} WHERE workshop_id = ? "
                      "AND source_entry_id IS NOT NULL", [workshop_id]).fetchall()
    return {r[0] for r in rows}


def list_journeys(db: sqlite_utils.Database, workshop_id: int) -> list[Journey]:
    names = persona_names(db, workshop_id)
    whys, storms = _linked(db, "why_analyses", workshop_id), _linked(db, "brainstorms", workshop_id)
    entries: dict[int, list[Entry]] = {}
    for r in db["journey_entries"].rows_where("workshop_id = ?", [workshop_id],
                                              order_by="position, id"):
        entries.setdefault(r["stage_id"], []).append(Entry(
            r["id"], r["stage_id"], r["lane"], r["text"], r["id"] in whys, r["id"] in storms,
            r["author"]))
    stages: dict[int, list[Stage]] = {}
    for r in db["journey_stages"].rows_where("workshop_id = ?", [workshop_id],
                                             order_by="position, id"):
        stages.setdefault(r["journey_id"], []).append(Stage(
            r["id"], r["name"], r["question"], r["emotion"], tuple(entries.get(r["id"], ()))))
    return [Journey(r["id"], r["persona_id"], names.get(r["persona_id"]), r["title"],
                    tuple(stages.get(r["id"], ())))
            for r in db["journeys"].rows_where("workshop_id = ?", [workshop_id], order_by="id")]


def get_journey(db: sqlite_utils.Database, workshop_id: int, journey_id: int) -> Journey:
    for journey in list_journeys(db, workshop_id):
        if journey.id == journey_id:
            return journey
    raise workshops.NotFoundError(f"There is no journey with id {journey_id}.")


def personas_without_journey(db: sqlite_utils.Database, workshop_id: int) -> dict[int, str]:
    taken = {j.persona_id for j in list_journeys(db, workshop_id)}
    return {pid: name for pid, name in persona_names(db, workshop_id).items() if pid not in taken}


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["journeys"].count_where("workshop_id = ?", [workshop_id]) > 0


# ---- journeys

def _check_persona(db: sqlite_utils.Database, workshop_id: int, persona_id: int | None,
                   journey_id: int | None = None) -> None:
    if persona_id is None:
        return
    names = persona_names(db, workshop_id)
    if persona_id not in names:
        raise workshops.NotFoundError(f"There is no persona with id {persona_id}.")
    clash = db.execute("SELECT id FROM journeys WHERE workshop_id = ? AND persona_id = ? "
                       "AND id IS NOT ?", [workshop_id, persona_id, journey_id]).fetchone()
    if clash:
        raise ValidationError(f"{names[persona_id]} already has a journey: open it instead.")


def create_journey(db: sqlite_utils.Database, workshop_id: int, persona_id: int | None = None,
                   title: str = "") -> int:
    """A new journey with the 5 A's as its stages; a persona has at most one journey."""
    title = rows.clean("journeys", "title", title)
    with store.write(db):
        workshops.get(db, workshop_id)
        _check_persona(db, workshop_id, persona_id)
        journey_id = db["journeys"].insert({"workshop_id": workshop_id, "persona_id": persona_id,
                                            "title": title}).last_pk
        db["journey_stages"].insert_all(
            {"workshop_id": workshop_id, "journey_id": journey_id, "name": name,
             "question": question, "position": position}
            for position, (name, question) in enumerate(DEFAULT_STAGES))
        workshops.touch(db, workshop_id)
    return journey_id


def rename_journey(db: sqlite_utils.Database, workshop_id: int, journey_id: int,
                   title: str) -> None:
    title = rows.clean("journeys", "title", title)
    _update(db, workshop_id, "journeys", journey_id, title=title)


def set_persona(db: sqlite_utils.Database, workshop_id: int, journey_id: int,
                persona_id: int | None) -> None:
    with store.write(db):
        _check_persona(db, workshop_id, persona_id, journey_id)
        _update(db, workshop_id, "journeys", journey_id, persona_id=persona_id)


def delete_journey(db: sqlite_utils.Database, workshop_id: int, journey_id: int) -> None:
    with store.write(db):
        _row(db, workshop_id, "journeys", journey_id)
        db.execute("DELETE FROM journeys WHERE id = ?", [journey_id])
        workshops.touch(db, workshop_id)


# ---- stages

def _stage_ids(db: sqlite_utils.Database, journey_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM journey_stages WHERE journey_id = ? "
                                     "ORDER BY position, id", [journey_id]).fetchall()]


def _renumber(db: sqlite_utils.Database, ids: list[int]) -> None:
    for position, stage_id in enumerate(ids):
        db.execute("UPDATE journey_stages SET position = ? WHERE id = ?", [position, stage_id])


def add_stage(db: sqlite_utils.Database, workshop_id: int, journey_id: int, name: str,
              question: str = "") -> int:
    """A new stage at the end of the journey."""
    name = rows.clean("journey_stages", "name", name)
    question = rows.clean("journey_stages", "question", question)
    with store.write(db):
        _row(db, workshop_id, "journeys", journey_id)
        stage_id = db["journey_stages"].insert({
            "workshop_id": workshop_id, "journey_id": journey_id, "name": name,
            "question": question, "position": len(_stage_ids(db, journey_id))}).last_pk
        workshops.touch(db, workshop_id)
    return stage_id


def rename_stage(db: sqlite_utils.Database, workshop_id: int, stage_id: int, name: str) -> None:
    name = rows.clean("journey_stages", "name", name)
    _update(db, workshop_id, "journey_stages", stage_id, name=name)


def set_question(db: sqlite_utils.Database, workshop_id: int, stage_id: int,
                 question: str) -> None:
    question = rows.clean("journey_stages", "question", question)
    _update(db, workshop_id, "journey_stages", stage_id, question=question)


def set_emotion(db: sqlite_utils.Database, workshop_id: int, stage_id: int,
                score: int | None) -> None:
    """The customer's feeling at this stage, from -2 (very unhappy) to +2; None clears it."""
    score = rows.clean("journey_stages", "emotion", score)
    _update(db, workshop_id, "journey_stages", stage_id, emotion=score)


def move_stage(db: sqlite_utils.Database, workshop_id: int, stage_id: int, step: int) -> None:
    """Move a stage one place left (-1) or right (+1); its entries go with it."""
    if step not in (-1, 1):
        raise ValidationError("A stage moves one place left or right at a time.")
    with store.write(db):
        stage = _row(db, workshop_id, "journey_stages", stage_id)
        ids = _stage_ids(db, stage["journey_id"])
        index = ids.index(stage_id)
        if not 0 <= index + step < len(ids):
            raise ValidationError(f"{stage['name']} is already the "
                                  f"{'first' if step < 0 else 'last'} stage.")
        ids[index], ids[index + step] = ids[index + step], ids[index]
        _renumber(db, ids)
        workshops.touch(db, workshop_id)


def remove_stage(db: sqlite_utils.Database, workshop_id: int, stage_id: int) -> None:
    """Remove a stage and every entry in it; a journey keeps at least one stage."""
    with store.write(db):
        stage = _row(db, workshop_id, "journey_stages", stage_id)
        ids = _stage_ids(db, stage["journey_id"])
        if len(ids) == 1:
            raise ValidationError("A journey needs at least one stage: add another one first.")
        db.execute("DELETE FROM journey_stages WHERE id = ?", [stage_id])
        _renumber(db, [i for i in ids if i != stage_id])
        workshops.touch(db, workshop_id)


# ---- entries

def _clean_entry(text: str) -> str:
    return rows.clean("journey_entries", "text", text)


def add_entry(db: sqlite_utils.Database, workshop_id: int, stage_id: int, lane: str,
              text: str, *, author: str = "") -> int:
    """Add a short entry at the end of one cell (a stage and a lane); ``author`` is who added
    it in the live room, or "Anonymous"."""
    author = rows.clean("journey_entries", "author", author)
    lane = rows.clean("journey_entries", "lane", lane)
    text = _clean_entry(text)
    with store.write(db):
        _row(db, workshop_id, "journey_stages", stage_id)
        position = db.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM journey_entries "
                              "WHERE stage_id = ? AND lane = ?", [stage_id, lane]).fetchone()[0]
        entry_id = db["journey_entries"].insert({
            "workshop_id": workshop_id, "stage_id": stage_id, "lane": lane, "text": text,
            "author": author, "position": position}).last_pk
        workshops.touch(db, workshop_id)
    return entry_id


def update_entry(db: sqlite_utils.Database, workshop_id: int, entry_id: int, text: str) -> None:
    _update(db, workshop_id, "journey_entries", entry_id, text=_clean_entry(text))


def delete_entry(db: sqlite_utils.Database, workshop_id: int, entry_id: int) -> None:
    with store.write(db):
        _row(db, workshop_id, "journey_entries", entry_id)
        db.execute("DELETE FROM journey_entries WHERE id = ?", [entry_id])
        workshops.touch(db, workshop_id)


def send_to_whys(db: sqlite_utils.Database, workshop_id: int, entry_id: int) -> int:
    """Start a 5 Whys analysis on a pain point; returns the analysis id. A pain point that
    was sent before returns its first analysis instead of starting a duplicate."""
    from . import whys

    with store.write(db):
        entry = _entry_in_lane(db, workshop_id, entry_id, "pain_points", "the 5 Whys")
        earlier = _first_linked(db, "why_analyses", workshop_id, entry_id)
        if earlier is not None:
            return earlier
        return whys.create_analysis(db, workshop_id, problem=entry["text"],
                                    source_entry_id=entry_id)


def send_to_brainstorm(db: sqlite_utils.Database, workshop_id: int, entry_id: int) -> int:
    """Start a classic brainstorm with an opportunity as its prompt; returns its id. An
    opportunity that was sent before returns its first brainstorm instead of a duplicate."""
    from . import brainstorm

    with store.write(db):
        entry = _entry_in_lane(db, workshop_id, entry_id, "opportunities", "a brainstorm")
        earlier = _first_linked(db, "brainstorms", workshop_id, entry_id)
        if earlier is not None:
            return earlier
        return brainstorm.create_brainstorm(db, workshop_id, prompt=entry["text"],
                                            technique="classic", source_entry_id=entry_id)


def _first_linked(db: sqlite_utils.Database, table: str, workshop_id: int,
                  entry_id: int) -> int | None:
    row = db.execute(f"SELECT MIN(id) FROM {table} WHERE workshop_id = ? AND source_entry_id = ?",
                     [workshop_id, entry_id]).fetchone()
    return row[0]


def _entry_in_lane(db: sqlite_utils.Database, workshop_id: int, entry_id: int, lane: str,
                   target: str) -> dict:
    entry = _row(db, workshop_id, "journey_entries", entry_id)
    if entry["lane"] != lane:
        raise ValidationError(f"Only {LANE_LABELS[lane].lower()} can go to {target}; this entry "
                              f"is in {LANE_LABELS[entry['lane']]}.")
    return entry


# ---- shared helpers

_NOUNS = {"journeys": "journey", "journey_stages": "stage", "journey_entries": "entry"}


def _row(db: sqlite_utils.Database, workshop_id: int, table: str, row_id: int) -> dict:
    return workshops.owned_row(db, table, workshop_id, row_id, _NOUNS[table])


def _update(db: sqlite_utils.Database, workshop_id: int, table: str, row_id: int,
            **values: object) -> None:
    workshops.update_owned(db, table, workshop_id, row_id, _NOUNS[table], values)


# ---- the PDF summary

PDF_STAGES_PER_TABLE = 7


def cell_text(entries: list[Entry]) -> str:
    """A cell of the grid as plain text, one entry per line, with where it went next."""
    def line(entry: Entry) -> str:
        links = [label for flag, label in ((entry.in_whys, "in 5 Whys"),
                                           (entry.in_brainstorm, "in brainstorm")) if flag]
        return f"• {entry.text}" + (f" [{', '.join(links)}]" if links else "")
    return "\n".join(line(e) for e in entries)


def grid_rows(stages: tuple[Stage, ...] | list[Stage]) -> list[list[str]]:
    """The grid as table rows: customer lanes, the line of visibility, organisation lanes."""
    rows = [["Emotion"] + ["—" if s.emotion is None else
                           f"{EMOTIONS[s.emotion]} ({s.emotion:+d})" for s in stages]]
    rows += [[LANE_LABELS[lane]] + [cell_text(s.cell(lane)) for s in stages]
             for lane in CUSTOMER_LANES]
    rows.append(["LINE OF VISIBILITY"] + ["- - - - - -"] * len(stages))
    rows += [[LANE_LABELS[lane]] + [cell_text(s.cell(lane)) for s in stages]
             for lane in ORGANISATION_LANES]
    return rows


def emotion_figure(journey: Journey):
    """The emotion curve across the stages as a matplotlib figure (gaps where unscored)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 2.6))
    names = [s.name for s in journey.stages]
    scores = [float("nan") if s.emotion is None else s.emotion for s in journey.stages]
    ax.axhspan(-2.4, 0, color="#fdecea", zorder=0)
    ax.axhspan(0, 2.4, color="#e8f5e9", zorder=0)
    ax.plot(range(len(names)), scores, marker="o", linewidth=2.5, color="#0d6e6e")
    ax.set_xticks(range(len(names)), names, parse_math=False)  # "$" in a name is text
    ax.set_yticks(list(EMOTIONS), list(EMOTIONS.values()))
    ax.set_ylim(-2.4, 2.4)
    ax.set_title(f"Emotion curve: {journey.label}", fontsize=10, loc="left", parse_math=False)
    ax.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    """Each journey on a landscape page of its own: a stage per column, empty lanes left out."""
    for number, journey in enumerate(list_journeys(db, workshop_id)):
        if number:
            report.add_page(orientation="L")
        report.subheading(journey.label)
        report.paragraph("Above the line of visibility: what the customer does, needs, thinks "
                         "and feels. Below it: what the organisation runs to serve them.",
                         muted=True)
        stages = list(journey.stages)
        for start in range(0, len(stages), PDF_STAGES_PER_TABLE):
            chunk = stages[start:start + PDF_STAGES_PER_TABLE]
            label_width = 30
            width = (report.epw - label_width) / len(chunk)
            rows = [row for row in grid_rows(chunk) if any(cell for cell in row[1:])]
            report.table(["Lane"] + [s.name for s in chunk], rows,
                         widths=[label_width] + [width] * len(chunk))
        if any(s.emotion is not None for s in stages):
            report.figure(emotion_figure(journey))
