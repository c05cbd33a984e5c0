"""The implementation plan: actions with a department, owner, due date and status, each serving
an experience design card and/or a goal, and the plan seen department by department.

The advice the page gives: start where leaders already back CX. ``where_to_start`` names the
one or two departments with champions on the stakeholder map.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import rows, workshops
from .goals import format_date
from .text import ValidationError

TITLE_MAX = 200
NAME_MAX = 80
STATUSES = ("planned", "in_progress", "done", "blocked")
STATUS_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done",
                 "blocked": "Blocked"}
TEXT_FIELDS = {"title": ("Action", TITLE_MAX), "department": ("Department", NAME_MAX),
               "owner": ("Owner", NAME_MAX)}
LINK_TABLES = {"card_id": ("cards", "card"), "goal_id": ("goals", "goal")}
rows.register(
    "actions", **{field: rows.text(label, limit, required=field == "title")
                  for field, (label, limit) in TEXT_FIELDS.items()},
    due=rows.date("Due date"), position=rows.position(),
    status=rows.choice("Status", STATUSES, "The status is planned, in progress, done or blocked."))
NO_DEPARTMENT = "No department yet"
START_WITH = 2


@dataclass(frozen=True)
class Action:
    id: int
    title: str
    department: str = ""
    owner: str = ""
    due: str | None = None
    status: str = "planned"
    card_id: int | None = None
    goal_id: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def due_label(self) -> str:
        return format_date(self.due)


@dataclass(frozen=True)
class DepartmentPlan:
    name: str
    champions: list[str]
    gatekeepers: list[str]
    actions: list[Action]
    start_here: bool = False


def is_overdue(action: Action, today: dt.date) -> bool:
    """Due before ``today`` and not done (an action without a due date is never overdue)."""
    return (action.due is not None and action.status != "done"
            and dt.date.fromisoformat(action.due) < today)


def where_to_start(departments: Sequence) -> list[str]:
    """One or two departments whose leaders already back CX: most champions first, then the
    fewest gatekeepers, then by name. Departments without a champion are never suggested."""
    backed = [d for d in departments if d.champions]
    backed.sort(key=lambda d: (-len(d.champions), len(d.gatekeepers), d.name.casefold()))
    return [d.name for d in backed[:START_WITH]]


def department_plans(departments: Sequence, actions: Sequence[Action]) -> list[DepartmentPlan]:
    """Every department of the stakeholder map or of an action, with its champions, gatekeepers
    and actions. Names match whatever their letter case; the suggested starting departments come
    first, then the rest by name, then actions with no department."""
    start = {name.casefold() for name in where_to_start(departments)}
    plans: dict[str, DepartmentPlan] = {}
    for d in departments:
        plans[d.name.casefold()] = DepartmentPlan(d.name, list(d.champions),
                                                  list(d.gatekeepers), [],
                                                  d.name.casefold() in start)
    loose: list[Action] = []
    for action in actions:
        key = action.department.casefold()
        if not key:
            loose.append(action)
            continue
        plans.setdefault(key, DepartmentPlan(action.department, [], [], []))
        plans[key].actions.append(action)
    ordered = sorted(plans.values(), key=lambda p: (not p.start_here, p.name.casefold()))
    return ordered + ([DepartmentPlan(NO_DEPARTMENT, [], [], loose)] if loose else [])


# ---- reading

def list_actions(db: sqlite_utils.Database, workshop_id: int) -> list[Action]:
    rows = db["actions"].rows_where("workshop_id = ?", [workshop_id], order_by="position, id")
    return [_action(row) for row in rows]


def get_action(db: sqlite_utils.Database, workshop_id: int, action_id: int) -> Action:
    return _action(_get_row(db, workshop_id, action_id))


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["actions"].count_where("workshop_id = ?", [workshop_id]) > 0


# ---- writing

def add_action(db: sqlite_utils.Database, workshop_id: int, title: str, department: str = "",
               owner: str = "", due: object = None, status: str = "planned",
               card_id: int | None = None, goal_id: int | None = None) -> int:
    given = {"title": title, "department": department, "owner": owner, "due": due,
             "status": status}
    values = {field: rows.clean("actions", field, value) for field, value in given.items()}
    with store.write(db):
        workshops.get(db, workshop_id)
        values["card_id"] = _clean_link(db, workshop_id, "card_id", card_id)
        values["goal_id"] = _clean_link(db, workshop_id, "goal_id", goal_id)
        position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM actions"
                              " WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        row_id = db["actions"].insert({"workshop_id": workshop_id, "position": position,
                                       **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_field(db: sqlite_utils.Database, workshop_id: int, action_id: int, field: str,
                 value: object) -> None:
    """Change one field: title, department, owner, due, status, card_id or goal_id."""
    if field in (*TEXT_FIELDS, "due", "status"):
        cleaned = rows.clean("actions", field, value)
    elif field not in LINK_TABLES:
        raise ValidationError(f"Unknown field of an action: {field}.")
    with store.write(db):
        _get_row(db, workshop_id, action_id)
        if field in LINK_TABLES:
            cleaned = _clean_link(db, workshop_id, field, value)
        workshops.update_owned(db, "actions", workshop_id, action_id, "action", {field: cleaned})


def delete_action(db: sqlite_utils.Database, workshop_id: int, action_id: int) -> None:
    with store.write(db):
        _get_row(db, workshop_id, action_id)
        db.execute("DELETE FROM actions WHERE id = ?", [action_id])
        workshops.touch(db, workshop_id)


def _clean_link(db: sqlite_utils.Database, workshop_id: int, field: str,
                value: object) -> int | None:
    """None, or the id of a card/goal of this workshop."""
    if value is None:
        return None
    table, name = LINK_TABLES[field]
    return workshops.owned_row(db, table, workshop_id, value, name)["id"]


def _action(row: dict) -> Action:
    return Action(id=row["id"], title=row["title"], department=row["department"],
                  owner=row["owner"], due=row["due"], status=row["status"],
                  card_id=row["card_id"], goal_id=row["goal_id"])


def _get_row(db: sqlite_utils.Database, workshop_id: int, action_id: int) -> dict:
    return workshops.owned_row(db, "actions", workshop_id, action_id, "action")


# ---- PDF

def pdf_section(report, db: sqlite_utils.Database, workshop_id: int,
                today: dt.date | None = None) -> None:
    from . import stakeholders

    today = today or dt.date.today()
    departments = stakeholders.departments(db, workshop_id)
    start = where_to_start(departments)
    if start:
        report.paragraph("Start with " + " and ".join(start) + ": their leaders already back "
                         "the customer experience work.", italic=True)
    for plan in department_plans(departments, list_actions(db, workshop_id)):
        if not plan.actions:
            continue
        report.subheading(plan.name + ("  (start here)" if plan.start_here else ""))
        # the stakeholder map names people as gatekeepers: only in a copy that includes it
        if getattr(report, "names_stakeholders", True) and (plan.champions or plan.gatekeepers):
            report.paragraph(f"Champions: {', '.join(plan.champions) or '—'}.  "
                             f"Gatekeepers: {', '.join(plan.gatekeepers) or '—'}.", muted=True)
        rows = [[a.title, a.owner or "—", a.due_label,
                 a.status_label + (" (overdue)" if is_overdue(a, today) else "")]
                for a in plan.actions]
        report.table(["Action", "Owner", "Due", "Status"], rows, widths=(88, 34, 24, 28))
