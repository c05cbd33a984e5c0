"""Touchpoint review: rate each touchpoint, find the channel to work on first.

Priority of a touchpoint (pure, 0..40):
    importance * ((5 - consistency) + (5 - meets_needs))
It rises with how much the touchpoint matters to the goals and with how far it falls short of
the CX vision and of the customer's needs; a touchpoint rated 5 and 5 needs no work (0).

The channel to fix first has the highest MEAN priority of its touchpoints (how badly the
channel falls short, whatever its size); ties go to the channel with more touchpoints (more
to gain), then to the channel name in alphabetical order. Each custom channel name is a
channel of its own.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError

NAME_MAX = 160
CUSTOM_MAX = 80
NOTES_MAX = 2000
RATING_MIN, RATING_MAX = 1, 5
CHANNELS = {
    "website": "Website",
    "mobile_app": "Mobile app",
    "in_store": "In-store",
    "customer_support": "Customer support",
    "implementation_support": "Product implementation support",
    "loyalty_programme": "Loyalty programme",
    "referral_programme": "Referral programme",
    "returns_refunds": "Returns and refunds",
    "custom": "Custom",
}
RATINGS = {"consistency": "Consistency with the CX vision",
           "meets_needs": "Meets the customer's needs",
           "importance": "Importance to the goals"}
FIELDS = ("channel", "custom_channel", "name", "stage_id", "consistency", "meets_needs",
          "importance", "notes")
rows.register(
    "touchpoints",
    channel=rows.choice("Channel", CHANNELS, "Choose a channel from the list, not {value!r}."),
    custom_channel=rows.text("Custom channel", CUSTOM_MAX),
    name=rows.text("Touchpoint", NAME_MAX, required=True),
    notes=rows.text("Notes", NOTES_MAX, multiline=True),
    **{field: rows.whole(label, RATING_MIN, RATING_MAX) for field, label in RATINGS.items()})


def priority(importance: int, consistency: int, meets_needs: int) -> int:
    """How urgently a touchpoint needs work: importance times the total shortfall."""
    return importance * ((RATING_MAX - consistency) + (RATING_MAX - meets_needs))


@dataclass(frozen=True)
class Touchpoint:
    id: int
    channel: str
    custom_channel: str
    name: str
    stage_id: int | None
    consistency: int
    meets_needs: int
    importance: int
    notes: str

    @property
    def channel_label(self) -> str:
        if self.channel == "custom":
            return self.custom_channel or CHANNELS["custom"]
        return CHANNELS.get(self.channel, self.channel)

    @property
    def priority(self) -> int:
        return priority(self.importance, self.consistency, self.meets_needs)


@dataclass(frozen=True)
class ChannelSummary:
    label: str
    count: int
    total_priority: int
    importance: float
    consistency: float
    meets_needs: float

    @property
    def mean_priority(self) -> float:
        return self.total_priority / self.count

    @property
    def reason(self) -> str:
        """One sentence that says why this channel comes first."""
        return (f"{self.label}: its touchpoints matter (importance {_num(self.importance)}/5) "
                f"and fall furthest short of the vision ({_num(self.consistency)}/5) and of "
                f"customer needs ({_num(self.meets_needs)}/5), for an average priority of "
                f"{_num(self.mean_priority)} out of 40.")


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def channel_summaries(touchpoints: Iterable[Touchpoint]) -> list[ChannelSummary]:
    """One summary per channel, the channel to fix first at the top (see the module rule)."""
    groups: dict[str, list[Touchpoint]] = {}
    for point in touchpoints:
        groups.setdefault(point.channel_label.casefold(), []).append(point)
    summaries = []
    for points in groups.values():
        n = len(points)
        summaries.append(ChannelSummary(
            label=points[0].channel_label, count=n,
            total_priority=sum(p.priority for p in points),
            importance=sum(p.importance for p in points) / n,
            consistency=sum(p.consistency for p in points) / n,
            meets_needs=sum(p.meets_needs for p in points) / n))
    return sorted(summaries, key=lambda s: (-s.mean_priority, -s.count, s.label.casefold()))


def fix_first(touchpoints: Iterable[Touchpoint]) -> ChannelSummary | None:
    """The channel to work on first, or None when nothing falls short."""
    summaries = channel_summaries(touchpoints)
    return summaries[0] if summaries and summaries[0].total_priority > 0 else None


def list_touchpoints(db: sqlite_utils.Database, workshop_id: int) -> list[Touchpoint]:
    return [Touchpoint(**{f: row[f] for f in ("id", *FIELDS)}) for row in
            db["touchpoints"].rows_where("workshop_id = ?", [workshop_id], order_by="id")]


def stage_choices(db: sqlite_utils.Database, workshop_id: int) -> dict[int, str]:
    """The workshop's journey stages as {stage id: "Journey title · Stage"}, in map order.

    A journey without a title is named after its persona ("Margaret's journey")."""
    rows = db.execute(
        "SELECT s.id, j.title, p.name, s.name FROM journey_stages s"
        " JOIN journeys j ON j.id = s.journey_id LEFT JOIN personas p ON p.id = j.persona_id"
        " WHERE s.workshop_id = ? ORDER BY j.id, s.position, s.id", [workshop_id]).fetchall()

    def journey(title: str, persona: str | None) -> str:
        return title or (f"{persona}'s journey" if persona else "Untitled journey")
    return {sid: f"{journey(title, persona)} · {name or 'Unnamed stage'}"
            for sid, title, persona, name in rows}


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["touchpoints"].count_where("workshop_id = ?", [workshop_id]) > 0


def _clean_field(db: sqlite_utils.Database, workshop_id: int, field: str,
                 value: object) -> object:
    if field in FIELDS and field != "stage_id":
        return rows.clean("touchpoints", field, value)
    if field == "stage_id":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value not in stage_choices(db, workshop_id)):
            raise ValidationError("That journey stage is not part of this workshop.")
        return value
    raise ValidationError(f"A touchpoint has no field called {field}.")


def add_touchpoint(db: sqlite_utils.Database, workshop_id: int, channel: str, name: str,
                   custom_channel: str = "", stage_id: int | None = None,
                   consistency: int = 3, meets_needs: int = 3, importance: int = 3,
                   notes: str = "") -> int:
    given = (channel, custom_channel, name, stage_id, consistency, meets_needs, importance, notes)
    values = {f: _clean_field(db, workshop_id, f, v) for f, v in zip(FIELDS, given)}
    if values["channel"] != "custom":
        values["custom_channel"] = ""
    elif not values["custom_channel"]:
        raise ValidationError("Name the custom channel, e.g. Partner branches.")
    with store.write(db):
        workshops.get(db, workshop_id)
        row_id = db["touchpoints"].insert({"workshop_id": workshop_id, **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_field(db: sqlite_utils.Database, workshop_id: int, touchpoint_id: int, field: str,
                 value: object) -> None:
    """Change one field of one touchpoint (the page saves each edit as it is made)."""
    cleaned = _clean_field(db, workshop_id, field, value)
    with store.write(db):
        current = _get(db, workshop_id, touchpoint_id)
        if field == "custom_channel" and current.channel == "custom" and not cleaned:
            raise ValidationError("A custom channel needs a name.")
        if field == "channel" and cleaned == "custom" and not current.custom_channel:
            raise ValidationError("Name the custom channel first, then choose Custom.")
        workshops.update_owned(db, "touchpoints", workshop_id, touchpoint_id, "touchpoint",
                               {field: cleaned})


def delete_touchpoint(db: sqlite_utils.Database, workshop_id: int, touchpoint_id: int) -> None:
    with store.write(db):
        _get(db, workshop_id, touchpoint_id)
        db.execute("DELETE FROM touchpoints WHERE id = ?", [touchpoint_id])
        workshops.touch(db, workshop_id)


def _get(db: sqlite_utils.Database, workshop_id: int, touchpoint_id: int) -> Touchpoint:
    found = [t for t in list_touchpoints(db, workshop_id) if t.id == touchpoint_id]
    if not found:
        raise workshops.NotFoundError(f"There is no touchpoint with id {touchpoint_id}.")
    return found[0]


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    points = list_touchpoints(db, workshop_id)
    first = fix_first(points)
    report.subheading("The channel to work on first")
    report.paragraph(first.reason if first else "Every touchpoint meets the vision and the "
                     "customers' needs: no channel stands out.")
    report.paragraph("Priority = importance × ((5 − consistency) + (5 − meets needs)), "
                     "from 0 to 40. Work on one channel at a time.", muted=True)
    stages = stage_choices(db, workshop_id)
    ranked = sorted(points, key=lambda p: (-p.priority, p.id))
    report.subheading("Touchpoints by priority")
    report.table(["Channel", "Touchpoint", "Journey stage", "Vision", "Needs", "Importance",
                  "Priority"],
                 [[p.channel_label, p.name, stages.get(p.stage_id, ""), p.consistency,
                   p.meets_needs, p.importance, p.priority] for p in ranked],
                 widths=[30, 42, 34, 14, 14, 24, 16])
