"""Experience design cards: "We believe [new experience] will solve [need] enabled by
[solution] resulting in [result]", rated on customer and business value, ranked, and plotted.

A card is a draft until all four parts are written. A draft can be kept and edited, but only a
complete card can be marked validated or turned into a business case. Retiring needs a reason;
retired cards stay on record.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import placement, rows, workshops
from .text import ValidationError, shorten

PART_MAX = 400
REASON_MAX = 400
HEADLINE_MAX = 60
PARTS = ("new_experience", "solves", "enabled_by", "resulting_in")
LEADS = {"new_experience": "We believe", "solves": "will solve",
         "enabled_by": "enabled by", "resulting_in": "resulting in"}
PROMPTS = {"new_experience": "the new experience",
           "solves": "the customer need and the organisation's issue or opportunity",
           "enabled_by": "the full solution", "resulting_in": "the new attitude, behaviour or result"}
STATUSES = ("exploring", "validated", "business_case", "retired")
STATUS_LABELS = {"exploring": "Exploring", "validated": "Validated",
                 "business_case": "Business case", "retired": "Retired"}
NEEDS_COMPLETE = ("validated", "business_case")
VALUES = ("customer_value", "business_value")
VALUE_LABELS = {"customer_value": "Customer value", "business_value": "Business value"}
SAME_SPOT_STEP = 0.22  # cards rated alike sit around their spot, corner to corner
MIDPOINT = 3  # 3 to 5 count as high: the matrix lines sit at 2.5, between 2 and 3
QUADRANTS = {(True, True): "Top priorities", (True, False): "Customer delighters",
             (False, True): "Business builders", (False, False): "Rethink"}
RATER_MAX = 60


def _part_label(part: str) -> str:
    label = f"“{LEADS[part]} …” ({PROMPTS[part]})"
    return label[0].upper() + label[1:]


VALUE_RULES = {value: rows.whole(VALUE_LABELS[value], 1, 5, optional=True) for value in VALUES}
rows.register("cards", **{part: rows.text(_part_label(part), PART_MAX) for part in PARTS},
              **VALUE_RULES,
              status=rows.choice("Status", STATUSES, "Unknown status: {value}."),
              retired_reason=rows.text("The reason to retire the card", REASON_MAX),
              created=rows.timestamp("Created"))
RETIRE_REASON = "The reason to retire the card cannot be empty."


def still_draft(number: int, status: str) -> str:
    return (f"Card {number} is still a draft: write all four parts before marking it "
            f"{STATUS_LABELS[status].lower()}.")


def check_card_rows(cards: list[dict]) -> None:
    """As typed: a validated card or business case has all four parts; a retired card its
    reason (cards are numbered in the order of the backup, which is the order they were made)."""
    for index, row in enumerate(cards):
        status = row.get("status", "exploring")
        if status in NEEDS_COMPLETE and not all(row.get(part) for part in PARTS):
            raise rows.RowError(index, "status", still_draft(index + 1, status))
        if status == "retired" and not row.get("retired_reason"):
            raise rows.RowError(index, "retired_reason", RETIRE_REASON)


rows.register_check("cards", check_card_rows)
# Ratings the live room published: each person's, kept beside the card's own rating.
rows.register("card_ratings", **VALUE_RULES, rater=rows.text("The rater", RATER_MAX),
              created=rows.timestamp("Created"))


@dataclass(frozen=True)
class Card:
    id: int
    number: int  # 1..n within the workshop, in the order the cards were made
    idea_id: int | None
    new_experience: str
    solves: str
    enabled_by: str
    resulting_in: str
    customer_value: int | None
    business_value: int | None
    status: str
    retired_reason: str = ""
    idea_text: str | None = None
    brainstorm_prompt: str | None = None
    root_cause: str | None = None

    @property
    def is_draft(self) -> bool:
        return not all(getattr(self, part) for part in PARTS)

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"

    @property
    def headline(self) -> str:
        return shorten(self.new_experience or "Blank card", HEADLINE_MAX)

    @property
    def sentence(self) -> str:
        return sentence(*(getattr(self, part) for part in PARTS))

    @property
    def total_value(self) -> int:
        return (self.customer_value or 0) + (self.business_value or 0)

    @property
    def is_rated(self) -> bool:
        return self.customer_value is not None and self.business_value is not None

    @property
    def quadrant(self) -> str | None:
        if not self.is_rated:
            return None
        return quadrant(self.customer_value, self.business_value)  # type: ignore[arg-type]

    @property
    def lineage(self) -> str:
        """Where the card came from, e.g. 'From idea "…" in brainstorm "…" from root cause "…"'."""
        if self.idea_text is None:
            return ""
        text = f"From idea “{self.idea_text}”"
        if self.root_cause is not None and self.brainstorm_prompt == self.root_cause:
            return text + f" in the brainstorm on root cause “{self.root_cause}”"
        if self.brainstorm_prompt is not None:
            text += f" in brainstorm “{self.brainstorm_prompt}”"
        if self.root_cause is not None:
            text += f" from root cause “{self.root_cause}”"
        return text


def sentence(new_experience: str, solves: str, enabled_by: str, resulting_in: str) -> str:
    """The card as one sentence; a missing part shows as an ellipsis."""
    parts = (new_experience, solves, enabled_by, resulting_in)
    words = [f"{LEADS[name]} {value.strip().rstrip('.') or '…'}" for name, value in zip(PARTS, parts)]
    return ", ".join([" ".join(words[:2]), *words[2:]]) + ("." if resulting_in.strip() else "")


def quadrant(customer_value: int, business_value: int) -> str:
    return QUADRANTS[(customer_value >= MIDPOINT, business_value >= MIDPOINT)]


def rank(cards: list[Card]) -> list[Card]:
    """Best first: complete cards by customer + business value (ties: customer value, then
    card number), then drafts, then retired cards, each group ordered the same way."""
    def key(card: Card) -> tuple[int, int, int, int]:
        group = 2 if card.is_retired else 1 if card.is_draft else 0
        return group, -card.total_value, -(card.customer_value or 0), card.number
    return sorted(cards, key=key)


# ---- reading

_SELECT = """
SELECT c.*, CASE WHEN i.id IS NULL THEN NULL
                 WHEN i.flipped != '' THEN i.flipped ELSE i.text END AS idea_text,
       b.prompt AS brainstorm_prompt, w.text AS root_cause
FROM cards c
LEFT JOIN ideas i ON i.id = c.idea_id
LEFT JOIN brainstorms b ON b.id = i.brainstorm_id
LEFT JOIN why_answers w ON w.id = b.source_why_id
WHERE c.workshop_id = ? ORDER BY c.id"""


def list_cards(db: sqlite_utils.Database, workshop_id: int) -> list[Card]:
    """The workshop's cards in the order they were made, each with its lineage."""
    cards = []
    for number, row in enumerate(db.query(_SELECT, [workshop_id]), start=1):
        cards.append(Card(
            id=row["id"], number=number, idea_id=row["idea_id"],
            **{part: row[part] for part in PARTS},
            customer_value=row["customer_value"], business_value=row["business_value"],
            status=row["status"], retired_reason=row["retired_reason"],
            idea_text=row["idea_text"], brainstorm_prompt=row["brainstorm_prompt"],
            root_cause=row["root_cause"]))
    return cards


def get_card(db: sqlite_utils.Database, workshop_id: int, card_id: int) -> Card:
    for card in list_cards(db, workshop_id):
        if card.id == card_id:
            return card
    raise workshops.NotFoundError(f"There is no card with id {card_id}.")


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["cards"].count_where("workshop_id = ?", [workshop_id]) > 0


@dataclass(frozen=True)
class IdeaChoice:
    id: int
    text: str
    brainstorm_prompt: str


def promotable_ideas(db: sqlite_utils.Database, workshop_id: int) -> list[IdeaChoice]:
    """Ideas that could become a card: written, not merged into another, not on a card yet.

    A wrong-way idea counts only once it has been flipped into its opposite.
    """
    rows = db.query("""
        SELECT i.id, CASE WHEN i.flipped != '' THEN i.flipped ELSE i.text END AS text,
               b.prompt FROM ideas i JOIN brainstorms b ON b.id = i.brainstorm_id
        WHERE i.workshop_id = ? AND i.merged_into_id IS NULL AND i.text != ''
          AND (b.technique != 'wrong_way' OR i.flipped != '')
          AND i.id NOT IN (SELECT idea_id FROM cards WHERE idea_id IS NOT NULL)
        ORDER BY b.id, i.position, i.id""", [workshop_id])
    return [IdeaChoice(row["id"], row["text"], row["prompt"]) for row in rows]


# ---- writing

def _clean_part(part: str, value: object) -> str:
    if part not in PARTS:
        raise ValidationError(f"Unknown part of the card: {part}.")
    return rows.clean("cards", part, value)


def add_card(db: sqlite_utils.Database, workshop_id: int, new_experience: str = "",
             solves: str = "", enabled_by: str = "", resulting_in: str = "") -> int:
    """A new card; every part may be empty (a blank card to fill in)."""
    values = {part: _clean_part(part, value) for part, value in
              zip(PARTS, (new_experience, solves, enabled_by, resulting_in))}
    return _insert(db, workshop_id, values)


def _insert(db: sqlite_utils.Database, workshop_id: int, values: dict) -> int:
    with store.write(db):
        workshops.get(db, workshop_id)
        card_id = db["cards"].insert({"workshop_id": workshop_id, "created": workshops.now(),
                                      **values}).last_pk
        workshops.touch(db, workshop_id)
    return card_id


def create_from_idea(db: sqlite_utils.Database, workshop_id: int, idea_id: int) -> int:
    """A card pre-filled from a promoted idea and linked back to it.

    The new experience is the idea's text (its flipped text for a wrong-way idea); the two
    values come from the idea's brainstorm score when it has one.
    """
    rows = list(db.query("""
        SELECT i.text, i.flipped, b.technique, s.customer_value, s.business_value
        FROM ideas i LEFT JOIN brainstorms b ON b.id = i.brainstorm_id
        LEFT JOIN scores s ON s.idea_id = i.id
        WHERE i.id = ? AND i.workshop_id = ?""", [idea_id, workshop_id]))
    if not rows:
        raise workshops.NotFoundError(f"There is no idea with id {idea_id}.")
    idea = rows[0]
    if idea["technique"] == "wrong_way" and not idea["flipped"]:
        raise ValidationError("Flip this wrong-way idea into its opposite before making it a card.")
    existing = [c for c in list_cards(db, workshop_id) if c.idea_id == idea_id]
    if existing:
        raise ValidationError(f"This idea is already card {existing[0].number}.")
    text = _clean_part("new_experience", (idea["flipped"] or idea["text"])[:PART_MAX])
    return _insert(db, workshop_id, {"new_experience": text, "idea_id": idea_id,
                                     "customer_value": idea["customer_value"],
                                     "business_value": idea["business_value"]})


def update_part(db: sqlite_utils.Database, workshop_id: int, card_id: int, part: str,
                value: str) -> None:
    cleaned = _clean_part(part, value)
    with store.write(db):
        card = get_card(db, workshop_id, card_id)
        if not cleaned and card.status in NEEDS_COMPLETE:
            raise ValidationError(f"A card marked {STATUS_LABELS[card.status].lower()} keeps all "
                                  "four parts. Move it back to exploring before emptying one.")
        workshops.update_owned(db, "cards", workshop_id, card_id, "card", {part: cleaned})


def set_value(db: sqlite_utils.Database, workshop_id: int, card_id: int, which: str,
              value: int | None) -> None:
    """Rate a card 1-5 on customer or business value; None clears the rating."""
    if which not in VALUES:
        raise ValidationError(f"Unknown value: {which}.")
    value = rows.clean("cards", which, value)
    workshops.update_owned(db, "cards", workshop_id, card_id, "card", {which: value})


def set_status(db: sqlite_utils.Database, workshop_id: int, card_id: int, status: str,
               reason: str = "") -> None:
    """Move a card to a status. Validated and business case need a complete card; retired
    needs a reason (kept on record); any other status forgets the reason."""
    status = rows.clean("cards", "status", status)
    if status == "retired":
        reason = rows.clean("cards", "retired_reason", reason)
        if not reason:
            raise ValidationError(RETIRE_REASON)
    else:
        reason = ""
    with store.write(db):
        card = get_card(db, workshop_id, card_id)
        if status in NEEDS_COMPLETE and card.is_draft:
            raise ValidationError(still_draft(card.number, status))
        db.execute("UPDATE cards SET status = ?, retired_reason = ? WHERE id = ?",
                   [status, reason, card_id])
        workshops.touch(db, workshop_id)


def retire(db: sqlite_utils.Database, workshop_id: int, card_id: int, reason: str) -> None:
    set_status(db, workshop_id, card_id, "retired", reason)


def delete_draft(db: sqlite_utils.Database, workshop_id: int, card_id: int) -> None:
    """Delete a card made by mistake; complete cards are retired instead, to stay on record."""
    with store.write(db):
        card = get_card(db, workshop_id, card_id)
        if not card.is_draft:
            raise ValidationError("Only a draft can be deleted. Retire a complete card instead, "
                                  "with a reason, so it stays on record.")
        db.execute("DELETE FROM cards WHERE id = ?", [card_id])
        workshops.touch(db, workshop_id)


# ---- the value matrix and the PDF

@dataclass(frozen=True)
class MatrixPoint:
    number: int
    headline: str
    business_value: float  # x, nudged apart when several cards share a cell
    customer_value: float  # y
    retired: bool


def matrix_points(cards: list[Card]) -> list[MatrixPoint]:
    """The rated cards as points; cards on the same spot are spread around it a little."""
    cells: dict[tuple[int, int], list[Card]] = {}
    for card in cards:
        if card.is_rated:
            cells.setdefault((card.business_value, card.customer_value), []).append(card)
    points = []
    for (x, y), group in cells.items():
        for index, card in enumerate(group):
            dx, dy = placement.around(index, len(group), SAME_SPOT_STEP)
            points.append(MatrixPoint(card.number, card.headline, x + dx, y + dy,
                                      card.is_retired))
    return sorted(points, key=lambda p: p.number)


def _draw_matrix(report, cards: list[Card]) -> None:
    from . import pdfcharts

    dots = [pdfcharts.Dot(p.number, p.business_value, p.customer_value, p.retired)
            for p in matrix_points(cards)]
    pdfcharts.matrix_chart(report, dots, QUADRANTS, MIDPOINT - 0.5, "Business value (1-5)",
                           "Customer value (1-5)", "Value matrix (grey: retired)")


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    cards = rank(list_cards(db, workshop_id))
    if any(card.is_rated for card in cards):
        report.subheading("Value matrix")
        _draw_matrix(report, cards)
    report.subheading("The cards, ranked")
    for place, card in enumerate(cards, start=1):
        flags = " [RETIRED]" if card.is_retired else " [DRAFT]" if card.is_draft else ""
        report.subheading(f"{place}. Card {card.number}{flags}")
        report.paragraph(card.sentence, muted=card.is_retired)
        values = " · ".join(f"{VALUE_LABELS[v]} {getattr(card, v) or '–'}/5" for v in VALUES)
        report.paragraph(f"{values} · Status: {STATUS_LABELS[card.status]}"
                         + (f" · {card.quadrant}" if card.quadrant else ""), muted=True)
        if card.is_retired:
            report.paragraph(f"Retired because: {card.retired_reason}", italic=True)
        if card.lineage:
            report.paragraph(card.lineage + ".", italic=True, muted=True)
