"""CX vision, mission and success strategy statements: drafts, and one final per kind.

The mission statement is built from three prompts (what every customer experiences, what we
promise, how it moves the business forward); its text follows the prompts until someone edits
the text by hand.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError

KINDS = ("vision", "mission", "success")
LABELS = {"vision": "CX vision", "mission": "CX mission", "success": "Success strategy"}
TEXT_MAX = 1200
PROMPT_MAX = 300
FIELDS = {"vision": "The CX vision statement", "mission": "The CX mission statement",
          "success": "The success strategy statement"}
PROMPTS = ("prompt_experience", "prompt_promise", "prompt_business")
PROMPT_LABELS = {
    "prompt_experience": "What every customer should experience",
    "prompt_promise": "What we promise",
    "prompt_business": "How this moves the business forward",
}

rows.register(
    "statements",
    kind=rows.choice("Kind", KINDS, "Unknown kind of statement: {value}. Use vision, mission "
                     "or success."),
    text=rows.text("The statement", TEXT_MAX, required=True, multiline=True),
    **{prompt: rows.text(label, PROMPT_MAX) for prompt, label in PROMPT_LABELS.items()},
    final=rows.flag("Final"), created=rows.timestamp("Created"))


def check_statement_rows(statements: list[dict]) -> None:
    """As marking one final does: at most one final statement of each kind."""
    seen: set[str] = set()
    for index, row in enumerate(statements):
        if row.get("final"):
            if row.get("kind") in seen:
                raise rows.RowError(index, "final", f"Only one {LABELS[row['kind']]} statement "
                                                    "can be the final one.")
            seen.add(row.get("kind"))


rows.register_check("statements", check_statement_rows)


@dataclass(frozen=True)
class Statement:
    id: int
    kind: str
    text: str
    prompt_experience: str = ""
    prompt_promise: str = ""
    prompt_business: str = ""
    final: bool = False

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def compose_mission(experience: str, promise: str, business: str) -> str:
    """The mission as one statement from its three prompts; an empty prompt is left out."""
    def part(text: str) -> str:
        return " ".join(text.split()).rstrip(".")
    sentences = []
    if part(experience):
        sentences.append(f"Every customer {part(experience)}.")
    if part(promise):
        sentences.append(f"We promise {part(promise)}.")
    if part(business):
        sentences.append(f"This matters because {part(business)}.")
    return " ".join(sentences)


def list_statements(db: sqlite_utils.Database, workshop_id: int,
                    kind: str | None = None) -> list[Statement]:
    """Statements of the workshop (of one kind if given): in kind order, then oldest first."""
    where, args = "workshop_id = ?", [workshop_id]
    if kind is not None:
        where, args = where + " AND kind = ?", args + [_check_kind(kind)]
    rows = db["statements"].rows_where(where, args, order_by="id")
    found = [_statement(row) for row in rows]
    return sorted(found, key=lambda s: KINDS.index(s.kind))


def final_statements(db: sqlite_utils.Database, workshop_id: int) -> dict[str, str]:
    """The final text of each kind that has one, keyed by kind in the order vision, mission,
    success (for the PDF's first page)."""
    return {s.kind: s.text for s in list_statements(db, workshop_id) if s.final}


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["statements"].count_where("workshop_id = ?", [workshop_id]) > 0


def add_draft(db: sqlite_utils.Database, workshop_id: int, kind: str, text: str) -> int:
    """A new draft of a vision or success statement (or a mission written directly)."""
    kind = _check_kind(kind)
    cleaned = rows.clean("statements", "text", text, FIELDS[kind])
    return _insert(db, workshop_id, {"kind": kind, "text": cleaned})


def add_mission_draft(db: sqlite_utils.Database, workshop_id: int, experience: str = "",
                      promise: str = "", business: str = "") -> int:
    """A mission draft from its three prompts; its text is the composed statement."""
    prompts = _clean_prompts(dict(zip(PROMPTS, (experience, promise, business))))
    if not any(prompts.values()):
        raise ValidationError("Answer at least one of the three prompts to build the mission.")
    text = compose_mission(*prompts.values())
    return _insert(db, workshop_id, {"kind": "mission", "text": text, **prompts})


def update_text(db: sqlite_utils.Database, workshop_id: int, statement_id: int,
                text: str) -> None:
    row = _get_row(db, workshop_id, statement_id)
    cleaned = rows.clean("statements", "text", text, FIELDS[row["kind"]])
    _update(db, workshop_id, statement_id, {"text": cleaned})


def update_prompt(db: sqlite_utils.Database, workshop_id: int, statement_id: int, prompt: str,
                  value: str) -> None:
    """Change one mission prompt. The text is rebuilt unless it was edited by hand."""
    if prompt not in PROMPTS:
        raise ValidationError(f"Unknown prompt of the mission: {prompt}.")
    changes = _clean_prompts({prompt: value})
    with store.write(db):
        row = _get_row(db, workshop_id, statement_id)
        if row["kind"] != "mission":
            raise ValidationError("Only the mission statement is built from prompts.")
        prompts = {p: row[p] for p in PROMPTS}
        if row["text"] == compose_mission(*prompts.values()):
            prompts.update(changes)
            changes["text"] = compose_mission(*prompts.values()) or row["text"]
        _update(db, workshop_id, statement_id, changes)


def rebuild_mission(db: sqlite_utils.Database, workshop_id: int, statement_id: int) -> None:
    """Replace a mission's text with the statement composed from its prompts."""
    with store.write(db):
        row = _get_row(db, workshop_id, statement_id)
        text = compose_mission(*(row[p] for p in PROMPTS))
        if row["kind"] != "mission" or not text:
            raise ValidationError("Answer the mission's prompts first, then rebuild it from "
                                  "them.")
        _update(db, workshop_id, statement_id, {"text": text})


def mark_final(db: sqlite_utils.Database, workshop_id: int, statement_id: int,
               final: bool = True) -> None:
    """Make a statement the final one of its kind (the previous final becomes a draft again),
    or with ``final=False`` turn it back into a draft."""
    with store.write(db):
        row = _get_row(db, workshop_id, statement_id)
        if final:
            db.execute("UPDATE statements SET final = (id = ?) WHERE workshop_id = ? AND kind = ?",
                       [statement_id, workshop_id, row["kind"]])
        else:
            db.execute("UPDATE statements SET final = 0 WHERE id = ?", [statement_id])
        workshops.touch(db, workshop_id)


def delete(db: sqlite_utils.Database, workshop_id: int, statement_id: int) -> None:
    with store.write(db):
        _get_row(db, workshop_id, statement_id)
        db.execute("DELETE FROM statements WHERE id = ?", [statement_id])
        workshops.touch(db, workshop_id)


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    statements = list_statements(db, workshop_id)
    for kind in KINDS:
        of_kind = [s for s in statements if s.kind == kind]
        if not of_kind:
            continue
        final = next((s for s in of_kind if s.final), None)
        report.subheading(f"{LABELS[kind]} statement")
        if final:
            report.paragraph(final.text)
        else:
            report.paragraph("No final statement yet.", muted=True)
        drafts = [s.text for s in of_kind if not s.final]
        if drafts:
            report.paragraph("Earlier drafts:", muted=True)
            report.bullets(drafts)


def _check_kind(kind: str) -> str:
    return rows.clean("statements", "kind", kind)


def _clean_prompts(prompts: dict[str, str]) -> dict[str, str]:
    return {name: rows.clean("statements", name, value) for name, value in prompts.items()}


def _statement(row: dict) -> Statement:
    return Statement(id=row["id"], kind=row["kind"], text=row["text"],
                     prompt_experience=row["prompt_experience"],
                     prompt_promise=row["prompt_promise"],
                     prompt_business=row["prompt_business"], final=bool(row["final"]))


def _insert(db: sqlite_utils.Database, workshop_id: int, values: dict) -> int:
    with store.write(db):
        workshops.get(db, workshop_id)
        row_id = db["statements"].insert(
            {"workshop_id": workshop_id, "created": workshops.now(), **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def _update(db: sqlite_utils.Database, workshop_id: int, statement_id: int,
            values: dict) -> None:
    workshops.update_owned(db, "statements", workshop_id, statement_id, "statement", values)


def _get_row(db: sqlite_utils.Database, workshop_id: int, statement_id: int) -> dict:
    return workshops.owned_row(db, "statements", workshop_id, statement_id, "statement")
