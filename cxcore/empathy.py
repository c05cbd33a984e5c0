"""Empathy maps: for each persona, notes on what they think, feel, say and do."""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import personas, rows, workshops

QUADRANTS = ("think", "feel", "say", "do")
LABELS = {"think": "Think", "feel": "Feel", "say": "Say", "do": "Do"}
PROMPTS = {"think": "What occupies their mind, said or not?",
           "feel": "What worries or delights them?",
           "say": "What do they tell us and others?",
           "do": "What do we see them do?"}
NOTE_MAX = 300
AUTHOR_MAX = 60
rows.register(
    "empathy_notes",
    quadrant=rows.choice("Quadrant", QUADRANTS, "Unknown quadrant: {value}. Use think, feel, "
                         "say or do."),
    text=rows.text("A note", NOTE_MAX, required=True), position=rows.position(),
    author=rows.text("The author", AUTHOR_MAX))


@dataclass(frozen=True)
class Note:
    id: int
    persona_id: int
    quadrant: str
    text: str
    position: int
    author: str = ""  # who added it from the live room ("Anonymous" if the room was)


Board = dict[str, list[Note]]


def board(db: sqlite_utils.Database, workshop_id: int, persona_id: int) -> Board:
    """The persona's notes by quadrant, in the order they were added."""
    quadrants: Board = {q: [] for q in QUADRANTS}
    for row in db["empathy_notes"].rows_where(
            "workshop_id = ? AND persona_id = ?", [workshop_id, persona_id],
            order_by="position, id", select="id, persona_id, quadrant, text, position, author"):
        quadrants[row["quadrant"]].append(Note(**row))
    return quadrants


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["empathy_notes"].count_where("workshop_id = ?", [workshop_id]) > 0


def _clean_note(text: object) -> str:
    return rows.clean("empathy_notes", "text", text)


def _check_quadrant(quadrant: str) -> str:
    return rows.clean("empathy_notes", "quadrant", quadrant)


def _next_position(db: sqlite_utils.Database, persona_id: int, quadrant: str) -> int:
    return db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM empathy_notes "
                      "WHERE persona_id = ? AND quadrant = ?", [persona_id, quadrant]).fetchone()[0]


def add_note(db: sqlite_utils.Database, workshop_id: int, persona_id: int, quadrant: str,
             text: str, *, author: str = "") -> int:
    """Add a note at the end of a quadrant of the persona's map (``author``: who added it in
    the live room, or "Anonymous")."""
    cleaned, quadrant = _clean_note(text), _check_quadrant(quadrant)
    author = rows.clean("empathy_notes", "author", author)
    with store.write(db):
        personas.get_persona(db, workshop_id, persona_id)
        note_id = db["empathy_notes"].insert({
            "workshop_id": workshop_id, "persona_id": persona_id, "quadrant": quadrant,
            "text": cleaned, "author": author,
            "position": _next_position(db, persona_id, quadrant)}).last_pk
        workshops.touch(db, workshop_id)
    return note_id


def get_note(db: sqlite_utils.Database, workshop_id: int, note_id: int) -> Note:
    rows = list(db["empathy_notes"].rows_where(
        "id = ? AND workshop_id = ?", [note_id, workshop_id],
        select="id, persona_id, quadrant, text, position, author"))
    if not rows:
        raise workshops.NotFoundError(f"There is no note with id {note_id}.")
    return Note(**rows[0])


def edit_note(db: sqlite_utils.Database, workshop_id: int, note_id: int, text: str) -> None:
    cleaned = _clean_note(text)
    workshops.update_owned(db, "empathy_notes", workshop_id, note_id, "note", {"text": cleaned})


def move_note(db: sqlite_utils.Database, workshop_id: int, note_id: int,
              quadrant: str) -> None:
    """Move a note to the end of another quadrant (moving to its own quadrant changes nothing)."""
    quadrant = _check_quadrant(quadrant)
    with store.write(db):
        note = get_note(db, workshop_id, note_id)
        if note.quadrant == quadrant:
            return
        db.execute("UPDATE empathy_notes SET quadrant = ?, position = ? WHERE id = ?",
                   [quadrant, _next_position(db, note.persona_id, quadrant), note_id])
        workshops.touch(db, workshop_id)


def delete_note(db: sqlite_utils.Database, workshop_id: int, note_id: int) -> None:
    with store.write(db):
        get_note(db, workshop_id, note_id)
        db.execute("DELETE FROM empathy_notes WHERE id = ?", [note_id])
        workshops.touch(db, workshop_id)


def note_counts(db: sqlite_utils.Database, workshop_id: int) -> dict[int, int]:
    """How many notes each persona's map holds, by persona id."""
    return dict(db.execute("SELECT persona_id, COUNT(*) FROM empathy_notes WHERE workshop_id = ?"
                           " GROUP BY persona_id", [workshop_id]).fetchall())


def _cell(notes: list[Note]) -> str:
    return "\n".join(f"• {note.text}" for note in notes) or "—"


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    """Each persona's map as a 2x2 grid: Think | Feel above, Say | Do below."""
    for persona in personas.list_personas(db, workshop_id):
        notes = board(db, workshop_id, persona.id)
        if not any(notes.values()):
            continue
        report.subheading(persona.name)
        for left, right in (("think", "feel"), ("say", "do")):
            report.table([LABELS[left], LABELS[right]],
                         [[_cell(notes[left]), _cell(notes[right])]], widths=(1, 1))
