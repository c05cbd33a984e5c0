"""SMIRC goals: Social, Measurable, Inspiring, Relevant, Contextual.

Measurable is worked out (a metric, a target and a deadline are all set); the group ticks the
other four. Advice is computed from the whole set of goals.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .text import ValidationError, shorten

METRICS = {"nps": "NPS", "churn": "Churn rate", "clv": "Customer lifetime value",
           "csat": "CSAT", "ces": "CES", "retention": "Retention", "custom": "Custom metric"}
DEFAULT_KIND = {"nps": "feedback", "csat": "feedback", "ces": "feedback",
                "churn": "operational", "retention": "operational", "clv": "operational"}
KINDS = {"feedback": "Customer feedback", "operational": "Operational"}
CHECKS = ("social", "measurable", "inspiring", "relevant", "contextual")
TICKED = ("social", "inspiring", "relevant", "contextual")
CHECK_LABELS = {"social": "Social", "measurable": "Measurable", "inspiring": "Inspiring",
                "relevant": "Relevant", "contextual": "Contextual"}
CHECK_HELP = {
    "social": "Shared and understood across the organisation, not only by the CX team.",
    "measurable": "Worked out for you: a metric, a target and a deadline are all set.",
    "inspiring": "People want to work towards it.",
    "relevant": "It serves the organisation's goals and the CX vision.",
    "contextual": "It fits where the customer experience stands today and what the team "
                  "can do in the time.",
}
MAX_METRICS = 5
STATEMENT_MAX = 300
TEXT_MAX = 300
NAME_MAX = 80
UNIT_MAX = 30
TEXT_FIELDS = {"statement": STATEMENT_MAX, "because": TEXT_MAX, "custom_metric": NAME_MAX,
               "unit": UNIT_MAX}
NUMBER_FIELDS = ("baseline", "target")
FIELD_LABELS = {"statement": "The goal", "because": "Because", "custom_metric": "Metric name",
                "unit": "Unit", "baseline": "Baseline", "target": "Target",
                "deadline": "Deadline", "metric": "Metric", "metric_kind": "Kind of metric"}
EXAMPLE = {"statement": "Improve NPS by 20% within 6 months", "metric": "nps",
           "unit": "points", "because": "this leads to more purchases per customer"}
_BECAUSE = re.compile(r"\bbecause\b[\s,:]*(\S.*)", re.IGNORECASE | re.DOTALL)
STANDING_ADVICE = ("A metric is a measurement, not an outcome: it tells you whether the "
                   "experience changed, it is not the change itself. Aim at the experience and "
                   "watch the number.")
TEXT_RULES = {field: rows.text(FIELD_LABELS[field], limit, required=field == "statement")
              for field, limit in TEXT_FIELDS.items()}
rows.register(
    "goals", **TEXT_RULES,
    metric=rows.choice("Metric", ("", *METRICS), "Unknown metric: {value}. Choose one of "
                       f"{', '.join(METRICS.values())}."),
    metric_kind=rows.choice("Kind of metric", KINDS,
                            "The kind of metric is customer feedback or operational."),
    baseline=rows.number("Baseline"), target=rows.number("Target"),
    deadline=rows.date("Deadline"), position=rows.position(),
    **{check: rows.flag(CHECK_LABELS[check]) for check in TICKED})


@dataclass(frozen=True)
class Goal:
    id: int
    statement: str
    metric: str = ""
    custom_metric: str = ""
    metric_kind: str = "feedback"
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    deadline: str | None = None
    because: str = ""
    social: bool = False
    inspiring: bool = False
    relevant: bool = False
    contextual: bool = False

    @property
    def metric_label(self) -> str:
        """The metric's name as people say it; a custom metric's own name; "" if none."""
        if self.metric == "custom":
            return self.custom_metric
        return METRICS.get(self.metric, "")

    @property
    def reason(self) -> str:
        """The business reason: the "because" field, else what the statement says after its
        own "because" ("Improve NPS, because fans buy more" -> "fans buy more"); "" if none."""
        if self.because:
            return self.because
        found = _BECAUSE.search(self.statement)
        return found.group(1).strip() if found else ""

    @property
    def measurable(self) -> bool:
        return is_measurable(self.metric_label, self.target, self.deadline)

    @property
    def checks(self) -> dict[str, bool]:
        """Each SMIRC check in order, passed or not."""
        return {name: self.measurable if name == "measurable" else getattr(self, name)
                for name in CHECKS}


def is_measurable(metric_label: str, target: float | None, deadline: str | None) -> bool:
    """A goal is measurable when it names a metric, a target and a deadline."""
    return bool(metric_label.strip()) and target is not None and bool(deadline)


def format_number(value: float | None, unit: str = "") -> str:
    """18.0 -> "18", 4.9 with unit "out of 7" -> "4.9 out of 7"; nothing -> "—"."""
    if value is None:
        return "—"
    shown = f"{value:g}" if abs(value) < 1e15 else f"{value:.6g}"
    return f"{shown} {unit}".strip() if unit else shown


def format_date(iso: str | None) -> str:
    """"2027-09-30" -> "30 Sep 2027" (kept on one line); nothing -> "—"."""
    if not iso:
        return "—"
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}".replace(" ", "\u00a0")


def advice(goals: list[Goal]) -> list[str]:
    """What to reconsider in the whole set of goals; the standing advice comes last."""
    measured = [g for g in goals if g.metric_label]
    kinds = {g.metric_kind for g in measured}
    messages = []
    if "feedback" not in kinds:
        messages.append("No customer feedback metric yet (such as NPS, CSAT or CES): add one "
                        "so you hear how customers feel, not only what they do.")
    if "operational" not in kinds:
        messages.append("No operational metric yet (such as churn, retention or customer "
                        "lifetime value): add one so you see what customers actually do.")
    distinct = {g.metric_label.casefold() for g in measured}
    if len(distinct) > MAX_METRICS:
        messages.append(f"{len(distinct)} different metrics is more than a team can watch "
                        f"closely (keep it to {MAX_METRICS} or fewer): drop the ones nobody "
                        f"will act on.")
    for goal in goals:
        if not goal.reason:
            messages.append(f"\u201c{_short(goal.statement)}\u201d has no \u201cbecause\u201d: "
                            f"say which business result it serves.")
    return messages + [STANDING_ADVICE]


def list_goals(db: sqlite_utils.Database, workshop_id: int) -> list[Goal]:
    rows = db["goals"].rows_where("workshop_id = ?", [workshop_id], order_by="position, id")
    return [_goal(row) for row in rows]


def get_goal(db: sqlite_utils.Database, workshop_id: int, goal_id: int) -> Goal:
    return _goal(_get_row(db, workshop_id, goal_id))


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["goals"].count_where("workshop_id = ?", [workshop_id]) > 0


def add_goal(db: sqlite_utils.Database, workshop_id: int, statement: str, metric: str = "", *,
             custom_metric: str = "", metric_kind: str | None = None, unit: str = "",
             baseline: object = None, target: object = None, deadline: object = None,
             because: str = "") -> int:
    """A new goal; the metric's kind defaults to the usual kind of that metric."""
    given = {"statement": statement, "metric": metric or "", "custom_metric": custom_metric,
             "unit": unit, "because": because, "baseline": baseline, "target": target,
             "deadline": deadline}
    values = {field: rows.clean("goals", field, value) for field, value in given.items()}
    values["metric_kind"] = rows.clean("goals", "metric_kind", metric_kind or DEFAULT_KIND.get(
        values["metric"], "feedback"))
    with store.write(db):
        workshops.get(db, workshop_id)
        position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM goals"
                              " WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        row_id = db["goals"].insert({"workshop_id": workshop_id, "position": position,
                                     **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def add_example(db: sqlite_utils.Database, workshop_id: int) -> int:
    """The worked example: improve NPS by 20% within 6 months, because of more purchases."""
    six_months = dt.date.today() + dt.timedelta(days=183)
    return add_goal(db, workshop_id, **EXAMPLE, deadline=six_months)


def update_field(db: sqlite_utils.Database, workshop_id: int, goal_id: int, field: str,
                 value: object) -> None:
    """Change one field of a goal. Choosing a metric also sets its usual kind."""
    changes = _clean_change(field, value)
    _update(db, workshop_id, goal_id, changes)


def set_check(db: sqlite_utils.Database, workshop_id: int, goal_id: int, check: str,
              ticked: bool) -> None:
    """Tick or untick Social, Inspiring, Relevant or Contextual."""
    if check == "measurable":
        raise ValidationError("Measurable is worked out from the metric, target and deadline.")
    if not isinstance(check, str) or check not in TICKED:
        raise ValidationError(f"Unknown check: {check}.")
    _update(db, workshop_id, goal_id, {check: rows.clean("goals", check, bool(ticked))})


def delete_goal(db: sqlite_utils.Database, workshop_id: int, goal_id: int) -> None:
    with store.write(db):
        _get_row(db, workshop_id, goal_id)
        db.execute("DELETE FROM goals WHERE id = ?", [goal_id])
        workshops.touch(db, workshop_id)


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    goals = list_goals(db, workshop_id)
    report.paragraph("Checks: S social, M measurable (worked out), I inspiring, R relevant, "
                     "C contextual.", muted=True)
    rows = [[str(n), g.statement, f"{g.metric_label or '—'} ({g.metric_kind})",
             f"{format_number(g.baseline, g.unit)} \u2192 {format_number(g.target, g.unit)}",
             format_date(g.deadline), *("\u2713" if g.checks[c] else "\u2013" for c in CHECKS)]
            for n, g in enumerate(goals, start=1)]
    report.table(["#", "Goal", "Metric", "Baseline \u2192 target", "Deadline",
                  "S", "M", "I", "R", "C"], rows, widths=(6, 50, 29, 28, 26, 7, 7, 7, 7, 7))
    report.subheading("Why each goal matters")
    report.bullets([f"Goal {n}: because {g.reason}" if g.reason else
                    f"Goal {n}: no reason given yet" for n, g in enumerate(goals, start=1)])
    report.subheading("Advice")
    report.bullets(advice(goals))


def _short(text: str, limit: int = 60) -> str:
    return shorten(text, limit)


def _clean_change(field: str, value: object) -> dict:
    if field == "measurable" or field not in FIELD_LABELS:
        raise ValidationError(f"Unknown field of a goal: {field}.")
    if field == "metric":
        metric = rows.clean("goals", "metric", value or "")
        return {"metric": metric, **({"metric_kind": DEFAULT_KIND[metric]}
                                     if metric in DEFAULT_KIND else {})}
    return {field: rows.clean("goals", field, value)}


def _goal(row: dict) -> Goal:
    return Goal(id=row["id"], statement=row["statement"], metric=row["metric"],
                custom_metric=row["custom_metric"], metric_kind=row["metric_kind"],
                unit=row["unit"], baseline=row["baseline"], target=row["target"],
                deadline=row["deadline"], because=row["because"],
                **{check: bool(row[check]) for check in TICKED})


def _update(db: sqlite_utils.Database, workshop_id: int, goal_id: int, values: dict) -> None:
    workshops.update_owned(db, "goals", workshop_id, goal_id, "goal", values)


def _get_row(db: sqlite_utils.Database, workshop_id: int, goal_id: int) -> dict:
    return workshops.owned_row(db, "goals", workshop_id, goal_id, "goal")
