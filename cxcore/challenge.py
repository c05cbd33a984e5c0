"""The focusing challenge: "(Who) can (do what) so that (why)"."""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError

PART_MAX = 200
PARTS = ("who", "what", "why")
LABELS = {"who": "Who", "what": "can (do what)", "why": "so that (why)"}
rows.register("challenges", chosen=rows.flag("Chosen"),
              **{part: rows.text(LABELS[part].capitalize(), PART_MAX) for part in PARTS})


def check_challenge_rows(challenges: list[dict]) -> None:
    """As choosing one does: at most one chosen challenge."""
    chosen = [index for index, row in enumerate(challenges) if row.get("chosen")]
    if len(chosen) > 1:
        raise rows.RowError(chosen[1], "chosen", "Only one challenge can be the chosen one.")


rows.register_check("challenges", check_challenge_rows)


@dataclass(frozen=True)
class Challenge:
    id: int
    who: str
    what: str
    why: str
    chosen: bool

    @property
    def sentence(self) -> str:
        return sentence(self.who, self.what, self.why)

    @property
    def is_complete(self) -> bool:
        return all((self.who, self.what, self.why))


def sentence(who: str, what: str, why: str) -> str:
    """The challenge as one sentence; missing parts show as an ellipsis."""
    def part(text: str) -> str:
        return text.strip().rstrip(".") or "…"
    ending = "." if why.strip() else ""
    return f"{part(who)} can {part(what)} so that {part(why)}{ending}"


def list_challenges(db: sqlite_utils.Database, workshop_id: int) -> list[Challenge]:
    return [Challenge(id=r["id"], who=r["who"], what=r["what"], why=r["why"],
                      chosen=bool(r["chosen"]))
            for r in db["challenges"].rows_where("workshop_id = ?", [workshop_id], order_by="id")]


def chosen_challenge(db: sqlite_utils.Database, workshop_id: int) -> Challenge | None:
    return next((c for c in list_challenges(db, workshop_id) if c.chosen), None)


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["challenges"].count_where("workshop_id = ?", [workshop_id]) > 0


def _clean(who: str, what: str, why: str) -> dict[str, str]:
    return {name: rows.clean("challenges", name, value)
            for name, value in zip(PARTS, (who, what, why))}


def add_draft(db: sqlite_utils.Database, workshop_id: int, who: str = "", what: str = "",
              why: str = "") -> int:
    values = _clean(who, what, why)
    if not any(values.values()):
        raise ValidationError("Write at least one part of the challenge.")
    with store.write(db):
        workshops.get(db, workshop_id)
        first = not has_content(db, workshop_id)
        row_id = db["challenges"].insert(
            {"workshop_id": workshop_id, **values, "chosen": int(first)}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_part(db: sqlite_utils.Database, workshop_id: int, challenge_id: int, part: str,
                value: str) -> None:
    if part not in PARTS:
        raise ValidationError(f"Unknown part of the challenge: {part}.")
    cleaned = _clean(**{p: value if p == part else "" for p in PARTS})[part]
    workshops.update_owned(db, "challenges", workshop_id, challenge_id, "challenge",
                           {part: cleaned})


def choose(db: sqlite_utils.Database, workshop_id: int, challenge_id: int) -> None:
    """Make one draft the workshop's challenge; the others stay as drafts."""
    with store.write(db):
        _get_row(db, workshop_id, challenge_id)
        db.execute("UPDATE challenges SET chosen = (id = ?) WHERE workshop_id = ?",
                   [challenge_id, workshop_id])
        workshops.touch(db, workshop_id)


def delete(db: sqlite_utils.Database, workshop_id: int, challenge_id: int) -> None:
    workshops.delete_owned(db, "challenges", workshop_id, challenge_id, "challenge")


def _get_row(db: sqlite_utils.Database, workshop_id: int, challenge_id: int) -> dict:
    return workshops.owned_row(db, "challenges", workshop_id, challenge_id, "challenge")


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    challenges = list_challenges(db, workshop_id)
    chosen = next((c for c in challenges if c.chosen), None)
    if chosen:
        report.subheading("The workshop's challenge")
        report.paragraph(chosen.sentence)
    drafts = [c.sentence for c in challenges if not c.chosen]
    if drafts:
        report.subheading("Other drafts")
        report.bullets(drafts)
