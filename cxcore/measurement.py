"""Measurement and review: readings of each goal's metric over time, progress to target, the
review cadence and the review log.

Decisions kept here so every caller follows them:
- One reading per goal and date. A new value for a date that already has a reading replaces it
  (a corrected figure, not a second measurement). In a pasted CSV, a date that repeats an earlier
  line is reported as a bad row and the first line wins. Two readings on one date that the first
  release let in (in a database or in a backup taken from it) become one: the later entry is
  kept and the other values are written into its note (``merge_same_date``).
- Progress is not clamped: below 0 % means the metric moved away from the target, above 100 %
  means the target was beaten. A target below the baseline (churn) works the same way.
- The next review is due one cadence after the last review; before the first review, one cadence
  after the first reading; with neither there is nothing to review yet (None).
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, settings, workshops
from .goals import format_date, format_number
from .text import ValidationError

CADENCE_SETTING = "review_cadence_months"
DEFAULT_CADENCE = 3
CADENCES = {1: "Monthly", 2: "Every two months", 3: "Quarterly", 6: "Twice a year",
            12: "Yearly"}
DECISIONS = {"stay": "Stay the course", "shift": "Shift"}
REVIEW_TEXT_MAX = 1000
CSV_MAX_CHARS = 200_000
CSV_MAX_ROWS = 2000
DATE_NAMES = ("date", "taken", "day", "when")
VALUE_NAMES = ("value", "reading", "score", "result")
REVIEW_TEXTS = {"works": "What works", "not_working": "What does not work", "notes": "Notes"}
rows.register("readings",
              taken=rows.date("The date", required="The date of the reading cannot be empty."),
              value=rows.number("The value",
                                required="The value of the reading cannot be empty."),
              # values merged into a reading by an upgrade (migration 0016 on main), never typed
              note=rows.text("Note", 10_000, multiline=True))
rows.register("reviews", held=rows.date("The review date", required="The review needs a date."),
              decision=rows.choice("Decision", DECISIONS,
                                   "The decision is to stay the course or to shift."),
              **{name: rows.text(label, REVIEW_TEXT_MAX, multiline=True)
                 for name, label in REVIEW_TEXTS.items()})


@dataclass(frozen=True)
class Reading:
    taken: str  # ISO date
    value: float
    id: int | None = None
    note: str = ""  # values merged into this reading (see ``merge_same_date``)


@dataclass(frozen=True)
class BadRow:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class ParsedReadings:
    good: list[Reading]
    bad: list[BadRow]


@dataclass(frozen=True)
class Review:
    id: int
    held: str
    works: str
    not_working: str
    decision: str
    notes: str

    @property
    def decision_label(self) -> str:
        return DECISIONS[self.decision]


# ---- pure rules

def progress(baseline: float | None, target: float | None,
             readings: Sequence[Reading]) -> float | None:
    """How far the latest reading has come from baseline to target, in percent (unclamped).

    None without readings, without a baseline or target, or when they are equal."""
    if not readings or baseline is None or target is None or target == baseline:
        return None
    latest = max(readings, key=lambda r: r.taken)
    return round(100 * (latest.value - baseline) / (target - baseline), 1)


def standing(baseline: float | None, target: float | None, deadline: str | None,
             readings: Sequence[Reading], today: dt.date) -> str:
    """Whether a goal is on track on ``today``, in words.

    "Target reached" once the latest reading has come all the way; "Missed" when the deadline
    has passed short of it; "On track" when the progress is at least the share of the time
    from the first reading to the deadline that has gone by; else "Behind". "No readings" and
    "No target" when there is nothing to judge by.
    """
    share = progress(baseline, target, readings)
    if not readings:
        return "No readings"
    if share is None:
        return "No target"
    if share >= 100:
        return "Target reached"
    if not deadline:
        return "On track" if share > 0 else "Behind"
    end = dt.date.fromisoformat(deadline)
    if today > end:
        return "Missed"
    start = dt.date.fromisoformat(min(r.taken for r in readings))
    span = (end - start).days
    elapsed = 100 * (today - start).days / span if span > 0 else 100
    return "On track" if share >= elapsed else "Behind"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, kept inside shorter months (31 Jan + 1 -> 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(review_dates: Sequence[str], reading_dates: Sequence[str],
               cadence_months: int) -> dt.date | None:
    """One cadence after the last review, else after the first reading, else None."""
    if review_dates:
        return add_months(dt.date.fromisoformat(max(review_dates)), cadence_months)
    if reading_dates:
        return add_months(dt.date.fromisoformat(min(reading_dates)), cadence_months)
    return None


def parse_readings_csv(text: str) -> ParsedReadings:
    """Readings from CSV text with a date and a value column.

    A header is optional (names like date/taken and value/reading, any case, either order);
    commas, semicolons or tabs separate the columns; blank lines are skipped. Bad rows come back
    with their line number (counting from 1, blank lines included) and the reason."""
    if not isinstance(text, str):
        raise ValidationError("The readings must be text.")
    if len(text) > CSV_MAX_CHARS:
        raise ValidationError(f"That is too much text at once: the limit is {CSV_MAX_CHARS} "
                              f"characters.")
    lines = [(n, line) for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
             if line.strip()]
    if len(lines) > CSV_MAX_ROWS + 1:
        raise ValidationError(f"At most {CSV_MAX_ROWS} readings can be added at once.")
    if not lines:
        return ParsedReadings([], [])
    delimiter = _delimiter(lines[0][1])
    columns = _header(lines[0][1], delimiter)
    if isinstance(columns, BadRow):
        return ParsedReadings([], [BadRow(lines[0][0], lines[0][1], columns.reason)])
    body = lines[1:] if columns else lines
    date_at, value_at = columns or (0, 1)
    return _rows(body, delimiter, date_at, value_at)


def _delimiter(line: str) -> str:
    """Tab, then semicolon (files with decimal commas use it), else comma."""
    return next((d for d in ("\t", ";") if d in line), ",")


def _split(line: str, delimiter: str) -> list[str]:
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def _header(line: str, delimiter: str) -> tuple[int, int] | BadRow | None:
    """Column positions from a header line; None when the line is data; BadRow if a header
    misses a column."""
    cells = [c.casefold() for c in _split(line, delimiter)]
    dates = [i for i, c in enumerate(cells) if c in DATE_NAMES]
    values = [i for i, c in enumerate(cells) if c in VALUE_NAMES]
    if dates and values:
        return dates[0], values[0]
    if dates or values or not any(c[:1].isdigit() for c in cells):
        missing = "value" if dates else "date" if values else "date and value"
        return BadRow(0, line, f"The header needs a {missing} column (columns: date,value).")
    return None


def _rows(body: list[tuple[int, str]], delimiter: str, date_at: int,
          value_at: int) -> ParsedReadings:
    good: list[Reading] = []
    bad: list[BadRow] = []
    first_line: dict[str, int] = {}
    for number, line in body:
        cells = _split(line, delimiter)
        if len(cells) <= max(date_at, value_at) or not cells[date_at] or not cells[value_at]:
            bad.append(BadRow(number, line, "It needs both a date and a value."))
            continue
        try:
            taken = rows.clean("readings", "taken", cells[date_at])
            value = rows.clean("readings", "value", cells[value_at])
        except ValidationError as error:
            bad.append(BadRow(number, line, str(error)))
            continue
        if taken in first_line:
            bad.append(BadRow(number, line, f"The date {taken} is already on line "
                                            f"{first_line[taken]}."))
            continue
        first_line[taken] = number
        good.append(Reading(taken, value))  # type: ignore[arg-type]
    return ParsedReadings(good, bad)


# ---- readings

def list_readings(db: sqlite_utils.Database, workshop_id: int,
                  goal_id: int | None = None) -> list[Reading]:
    """Readings oldest first: of one goal, or of all goals when ``goal_id`` is None."""
    where, params = "workshop_id = ?", [workshop_id]
    if goal_id is not None:
        where, params = where + " AND goal_id = ?", params + [goal_id]
    return [Reading(r["taken"], r["value"], r["id"], r["note"])
            for r in db["readings"].rows_where(where, params, order_by="taken, id")]


def readings_by_goal(db: sqlite_utils.Database, workshop_id: int) -> dict[int, list[Reading]]:
    grouped: dict[int, list[Reading]] = {}
    for r in db["readings"].rows_where("workshop_id = ?", [workshop_id], order_by="taken, id"):
        grouped.setdefault(r["goal_id"], []).append(Reading(r["taken"], r["value"], r["id"],
                                                            r["note"]))
    return grouped


def merge_same_date(rows: Sequence[dict]) -> list[dict]:
    """Readings rows (id, goal_id, taken, value, note) with one row per goal and date.

    Of rows that share a goal and a date, the later entry (the highest id) is kept and the
    values of the others are added to its note, so no figure disappears unseen. Rows come back
    in id order. Rows without a goal or a date are never merged.
    """
    groups: dict[tuple[object, ...], list[dict]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        key = (row.get("goal_id"), row.get("taken"))
        if None in key:
            key = (row["id"],)
        groups.setdefault(key, []).append(row)
    merged = []
    for *earlier, kept in groups.values():
        if earlier:
            kept = {**kept, "note": _merged_note(kept.get("note") or "",
                                                 [r.get("value") for r in earlier])}
        merged.append(kept)
    return sorted(merged, key=lambda r: r["id"])


def _merged_note(note: str, values: list[float | None]) -> str:
    line = (f"Also recorded for this date: {', '.join(format_number(v) for v in values)} "
            f"(one reading per date is kept: the later entry).")
    return f"{note}\n{line}" if note else line


def add_reading(db: sqlite_utils.Database, workshop_id: int, goal_id: int, taken: object,
                value: object) -> bool:
    """Record a reading; returns True when it replaced the value already kept for that date."""
    reading = Reading(rows.clean("readings", "taken", taken),
                      rows.clean("readings", "value", value))
    return save_readings(db, workshop_id, goal_id, [reading]) == (0, 1)


def save_readings(db: sqlite_utils.Database, workshop_id: int, goal_id: int,
                  readings: Sequence[Reading]) -> tuple[int, int]:
    """Save confirmed readings in one transaction; returns (added, replaced)."""
    added = replaced = 0
    with store.write(db):
        _require_goal(db, workshop_id, goal_id)
        for reading in readings:
            cursor = db.execute("UPDATE readings SET value = ? WHERE workshop_id = ? AND"
                                " goal_id = ? AND taken = ?",
                                [reading.value, workshop_id, goal_id, reading.taken])
            if cursor.rowcount:
                replaced += 1
            else:
                db["readings"].insert({"workshop_id": workshop_id, "goal_id": goal_id,
                                       "taken": reading.taken, "value": reading.value})
                added += 1
        workshops.touch(db, workshop_id)
    return added, replaced


def delete_reading(db: sqlite_utils.Database, workshop_id: int, reading_id: int) -> None:
    with store.write(db):
        _owned(db, "readings", workshop_id, reading_id, "reading")
        db.execute("DELETE FROM readings WHERE id = ?", [reading_id])
        workshops.touch(db, workshop_id)


# ---- review cadence and log

def cadence(db: sqlite_utils.Database, workshop_id: int) -> int:
    stored = settings.get(db, workshop_id, CADENCE_SETTING, str(DEFAULT_CADENCE))
    return int(stored) if stored.isdigit() and int(stored) in CADENCES else DEFAULT_CADENCE


def set_cadence(db: sqlite_utils.Database, workshop_id: int, months: object) -> None:
    if isinstance(months, bool) or months not in CADENCES:
        raise ValidationError("The review cadence is 1, 2, 3, 6 or 12 months.")
    settings.set_value(db, workshop_id, CADENCE_SETTING, str(months))


def list_reviews(db: sqlite_utils.Database, workshop_id: int) -> list[Review]:
    """The review log, most recent first."""
    return [Review(r["id"], r["held"], r["works"], r["not_working"], r["decision"], r["notes"])
            for r in db["reviews"].rows_where("workshop_id = ?", [workshop_id],
                                              order_by="held DESC, id DESC")]


def add_review(db: sqlite_utils.Database, workshop_id: int, held: object, works: str = "",
               not_working: str = "", decision: str = "stay", notes: str = "") -> int:
    given = {"works": works, "not_working": not_working, "notes": notes}
    values = {name: rows.clean("reviews", name, value) for name, value in given.items()}
    if not any(values.values()):
        raise ValidationError("Write what works, what does not, or a note before logging "
                              "the review.")
    decision = rows.clean("reviews", "decision", decision)
    held_iso = rows.clean("reviews", "held", held)
    with store.write(db):
        workshops.get(db, workshop_id)
        row_id = db["reviews"].insert({"workshop_id": workshop_id, "held": held_iso,
                                       "decision": decision, **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def delete_review(db: sqlite_utils.Database, workshop_id: int, review_id: int) -> None:
    with store.write(db):
        _owned(db, "reviews", workshop_id, review_id, "review")
        db.execute("DELETE FROM reviews WHERE id = ?", [review_id])
        workshops.touch(db, workshop_id)


def next_review_due(db: sqlite_utils.Database, workshop_id: int) -> dt.date | None:
    """When the next review is due (see the module notes)."""
    reviews = [r[0] for r in db.execute("SELECT held FROM reviews WHERE workshop_id = ?",
                                        [workshop_id])]
    first = db.execute("SELECT MIN(taken) FROM readings WHERE workshop_id = ?",
                       [workshop_id]).fetchone()[0]
    return review_due(reviews, [first] if first else [], cadence(db, workshop_id))


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return (db["readings"].count_where("workshop_id = ?", [workshop_id]) > 0
            or db["reviews"].count_where("workshop_id = ?", [workshop_id]) > 0)


def _require_goal(db: sqlite_utils.Database, workshop_id: int, goal_id: int) -> None:
    _owned(db, "goals", workshop_id, goal_id, "goal")


def _owned(db: sqlite_utils.Database, table: str, workshop_id: int, row_id: object,
           name: str) -> None:
    workshops.owned_row(db, table, workshop_id, row_id, name)


# ---- PDF

def draw_trend(report, goal, readings: Sequence[Reading]) -> None:
    """One goal's readings against its baseline, target and deadline, drawn on the page."""
    from . import pdfcharts

    levels = [pdfcharts.Level(value, f"{label} {format_number(value)}", colour, dash)
              for value, label, colour, dash in ((goal.baseline, "Baseline", (108, 117, 125), 0.6),
                                                 (goal.target, "Target", (46, 125, 50), 2.0))
              if value is not None]
    deadline = (pdfcharts.Marker(dt.date.fromisoformat(goal.deadline),
                                 f"Deadline {format_date(goal.deadline)}", (198, 40, 40))
                if goal.deadline else None)
    pdfcharts.trend_chart(report, [(dt.date.fromisoformat(r.taken), r.value) for r in readings],
                          levels, deadline, goal.unit or goal.metric_label or "value")


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    from . import goals as goal_module

    by_goal = readings_by_goal(db, workshop_id)
    for number, goal in enumerate(goal_module.list_goals(db, workshop_id), start=1):
        readings = by_goal.get(goal.id, [])
        if not readings:
            continue
        share = progress(goal.baseline, goal.target, readings)
        if report.y + 85 > report.page_break_trigger:  # keep the heading with its chart
            report.add_page()
        report.subheading(f"Goal {number}: {goal.statement}")
        report.paragraph(f"{goal.metric_label or 'Metric'}: latest "
                         f"{format_number(readings[-1].value, goal.unit)} on "
                         f"{format_date(readings[-1].taken)}; progress to target "
                         f"{'—' if share is None else f'{share:g} %'}.", muted=True)
        draw_trend(report, goal, readings)
    reviews = list_reviews(db, workshop_id)
    due = next_review_due(db, workshop_id)
    report.subheading("Review log")
    report.paragraph(f"Cadence: {CADENCES[cadence(db, workshop_id)].lower()}. Next review due: "
                     f"{format_date(due.isoformat()) if due else '—'}.", muted=True)
    if reviews:
        report.table(["Date", "Decision", "What works", "What does not", "Notes"],
                     [[format_date(r.held), r.decision_label, r.works, r.not_working, r.notes]
                      for r in reviews], widths=(25, 22, 43, 43, 41))
