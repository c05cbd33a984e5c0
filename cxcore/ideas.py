"""The ideas of a brainstorm: capture, edit, score, dot-vote and merge duplicates."""
from __future__ import annotations

import sqlite_utils

from . import db as store
from . import ranking, rows, workshops
from .brainstorm import (DOTS_MAX, IDEA_FIELDS, NAME_MAX, _MAX, _owned_row, _update, board,
                         get_brainstorm)
from .text import ValidationError

MERGED_ALREADY = "That idea was merged into another: work on the idea it was merged into."
SAME_IDEA = "Pick two different ideas to merge."
OTHER_BRAINSTORM = "Only ideas of the same brainstorm can be merged."
rows.register("ideas", position=rows.position(), created=rows.timestamp("Created"),
              **{name: rows.text(label, _MAX[name], required=name == "text")
                 for name, label in IDEA_FIELDS.items()})
rows.register("votes", voter=rows.text("The voter's name", NAME_MAX, required=True),
              dots=rows.whole("Dots", 1, DOTS_MAX))
rows.register("scores", **{c: rows.whole(ranking.CRITERION_LABELS[c], 1, 5, optional=True)
                           for c in ranking.CRITERIA})


def check_idea_rows(ideas: list[dict]) -> None:
    """A merged idea points at a different idea of its brainstorm that is not merged itself
    (a merge keeps the chain one step long). Raises RowError for the first that does not."""
    by_id = {row["id"]: row for row in ideas}
    for index, row in enumerate(ideas):
        kept = by_id.get(row.get("merged_into_id"))
        if kept is None:
            continue
        if kept is row:
            raise rows.RowError(index, "merged_into_id", SAME_IDEA)
        if kept.get("brainstorm_id") != row.get("brainstorm_id"):
            raise rows.RowError(index, "merged_into_id", OTHER_BRAINSTORM)
        if kept.get("merged_into_id") is not None:
            raise rows.RowError(index, "merged_into_id", MERGED_ALREADY)


rows.register_check("ideas", check_idea_rows)


def add_idea(db: sqlite_utils.Database, workshop_id: int, brainstorm_id: int, text: str, *,
             author: str = "", flipped: str = "", provocation_id: int | None = None) -> int:
    values = {name: rows.clean("ideas", name, value)
              for name, value in (("text", text), ("author", author), ("flipped", flipped))}
    with store.write(db):
        get_brainstorm(db, workshop_id, brainstorm_id)
        if provocation_id is not None:
            if _owned_row(db, "provocations", workshop_id, provocation_id)["brainstorm_id"] \
                    != brainstorm_id:
                raise ValidationError("That provocation belongs to another brainstorm.")
        position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM ideas"
                              " WHERE brainstorm_id = ?", [brainstorm_id]).fetchone()[0]
        row_id = db["ideas"].insert({
            "workshop_id": workshop_id, "brainstorm_id": brainstorm_id, **values,
            "provocation_id": provocation_id, "position": position,
            "created": workshops.now()}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_idea(db: sqlite_utils.Database, workshop_id: int, idea_id: int, name: str,
                value: str) -> None:
    """Change one field of an idea: text, flipped, author or theme."""
    if name not in IDEA_FIELDS:
        raise ValidationError(f"Unknown field of an idea: {name}.")
    cleaned = rows.clean("ideas", name, value)
    _update(db, workshop_id, "ideas", idea_id, {name: cleaned})


def delete_idea(db: sqlite_utils.Database, workshop_id: int, idea_id: int) -> None:
    with store.write(db):
        _owned_row(db, "ideas", workshop_id, idea_id)
        db.execute("UPDATE ideas SET merged_into_id = NULL WHERE merged_into_id = ?", [idea_id])
        db.execute("DELETE FROM ideas WHERE id = ?", [idea_id])
        workshops.touch(db, workshop_id)


def set_score(db: sqlite_utils.Database, workshop_id: int, idea_id: int, criterion: str,
              value: int | None) -> None:
    if criterion not in ranking.CRITERIA:
        raise ValidationError(f"Unknown criterion: {criterion}.")
    value = rows.clean("scores", criterion, value)
    with store.write(db):
        _live_idea(db, workshop_id, idea_id)
        db.execute(f"INSERT INTO scores (workshop_id, idea_id, {criterion}) VALUES (?, ?, ?)"
                   f" ON CONFLICT (idea_id) DO UPDATE SET {criterion} = excluded.{criterion}",
                   [workshop_id, idea_id, value])
        workshops.touch(db, workshop_id)


def cast_vote(db: sqlite_utils.Database, workshop_id: int, idea_id: int, voter: str,
              dots: int = 1) -> None:
    """Place ``dots`` of ``voter``'s budget on an idea; refused past the budget."""
    voter = rows.clean("votes", "voter", voter)
    dots = rows.clean("votes", "dots", dots)
    with store.write(db):
        idea = _live_idea(db, workshop_id, idea_id)
        current = board(db, workshop_id, idea["brainstorm_id"])
        ranking.check_vote(current.votes, voter, dots, current.brainstorm.dots_per_voter)
        _add_dots(db, workshop_id, idea_id, voter, dots)
        workshops.touch(db, workshop_id)


def take_back_vote(db: sqlite_utils.Database, workshop_id: int, idea_id: int, voter: str) -> None:
    """Take one of ``voter``'s dots off an idea."""
    voter = rows.clean("votes", "voter", voter)
    with store.write(db):
        _owned_row(db, "ideas", workshop_id, idea_id)
        row = _vote_row(db, idea_id, voter)
        if row is None:
            raise ValidationError(f"{voter} has no dot on this idea.")
        if row["dots"] > 1:
            db.execute("UPDATE votes SET dots = dots - 1 WHERE id = ?", [row["id"]])
        else:
            db.execute("DELETE FROM votes WHERE id = ?", [row["id"]])
        workshops.touch(db, workshop_id)


def merge(db: sqlite_utils.Database, workshop_id: int, duplicate_id: int, keep_id: int) -> None:
    """Merge a duplicate into the idea kept: its votes and scores move there; it stays on record."""
    if duplicate_id == keep_id:
        raise ValidationError(SAME_IDEA)
    with store.write(db):
        duplicate = _live_idea(db, workshop_id, duplicate_id)
        if _live_idea(db, workshop_id, keep_id)["brainstorm_id"] != duplicate["brainstorm_id"]:
            raise ValidationError(OTHER_BRAINSTORM)
        for vote in list(db["votes"].rows_where("idea_id = ?", [duplicate_id], order_by="id")):
            db.execute("DELETE FROM votes WHERE id = ?", [vote["id"]])
            _add_dots(db, workshop_id, keep_id, vote["voter"], vote["dots"])
        _carry_scores(db, workshop_id, duplicate_id, keep_id)
        db.execute("UPDATE ideas SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?",
                   [keep_id, duplicate_id, duplicate_id])
        workshops.touch(db, workshop_id)


def _carry_scores(db: sqlite_utils.Database, workshop_id: int, from_id: int, to_id: int) -> None:
    """The kept idea keeps its own scores and takes the duplicate's where it has none."""
    moved = list(db["scores"].rows_where("idea_id = ?", [from_id]))
    if not moved:
        return
    db.execute("DELETE FROM scores WHERE idea_id = ?", [from_id])
    kept = list(db["scores"].rows_where("idea_id = ?", [to_id]))
    values = {c: (kept[0][c] if kept and kept[0][c] is not None else moved[0][c])
              for c in ranking.CRITERIA}
    db.execute("DELETE FROM scores WHERE idea_id = ?", [to_id])
    db["scores"].insert({"workshop_id": workshop_id, "idea_id": to_id, **values})


def place_dots(db: sqlite_utils.Database, workshop_id: int, idea_id: int, voter: str,
               dots: int) -> None:
    """Add dots that were already checked against their own budget (the live room's)."""
    with store.write(db):
        _add_dots(db, workshop_id, idea_id, voter, dots)
        workshops.touch(db, workshop_id)


def _add_dots(db: sqlite_utils.Database, workshop_id: int, idea_id: int, voter: str,
              dots: int) -> None:
    row = _vote_row(db, idea_id, voter)
    if row is None:
        db["votes"].insert({"workshop_id": workshop_id, "idea_id": idea_id, "voter": voter,
                            "dots": dots})
    else:
        db.execute("UPDATE votes SET dots = dots + ? WHERE id = ?", [dots, row["id"]])


def _vote_row(db: sqlite_utils.Database, idea_id: int, voter: str) -> dict | None:
    return next((r for r in db["votes"].rows_where("idea_id = ?", [idea_id], order_by="id")
                 if ranking.same_voter(r["voter"], voter)), None)


def _live_idea(db: sqlite_utils.Database, workshop_id: int, idea_id: int) -> dict:
    row = _owned_row(db, "ideas", workshop_id, idea_id)
    if row["merged_into_id"] is not None:
        raise ValidationError(MERGED_ALREADY)
    return row
