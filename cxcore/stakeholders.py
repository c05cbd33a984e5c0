"""The stakeholder map: who supports CX work, who can sway it, and how to engage each of them.

Support and influence are whole numbers from 0 to 10. The map is split at a midpoint (5 unless
the workshop sets ``stakeholder_midpoint``); a score exactly on the midpoint counts as HIGH
(``score >= midpoint``), so with the default 5 the high side is 5..10 and the low side 0..4.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from . import db as store
from . import placement, rows, settings, workshops
from .text import ValidationError, clean_int, shorten

NAME_MAX = 120
DEPARTMENT_MAX = 80
NOTES_MAX = 2000
SCORE_MIN, SCORE_MAX = 0, 10
DEFAULT_MIDPOINT = 5
MIDPOINT_SETTING = "stakeholder_midpoint"
DEPARTMENTS = ("Marketing", "Sales", "Customer support", "Product management", "Billing",
               "Technology")
FIELDS = ("name", "department", "support", "influence", "notes")
rows.register(
    "stakeholders", name=rows.text("Name", NAME_MAX, required=True),
    department=rows.text("Department", DEPARTMENT_MAX),
    support=rows.whole("Support", SCORE_MIN, SCORE_MAX),
    influence=rows.whole("Influence", SCORE_MIN, SCORE_MAX),
    notes=rows.text("Notes", NOTES_MAX, multiline=True))

CHAMPION, SUPPORTER, GATEKEEPER, BYSTANDER = "champion", "supporter", "gatekeeper", "bystander"
QUADRANTS = (CHAMPION, SUPPORTER, GATEKEEPER, BYSTANDER)
LABELS = {CHAMPION: "Champion", SUPPORTER: "Supporter", GATEKEEPER: "Gatekeeper",
          BYSTANDER: "Bystander"}
STRATEGIES = {
    CHAMPION: "Keep them close as partners: they back the work and can bring others with them.",
    SUPPORTER: "Invite them onto the project team; their goodwill turns into hands-on help.",
    GATEKEEPER: "The biggest risk: learn what worries them, and ask champions to help win "
                "them over.",
    BYSTANDER: "Keep them informed through broad updates such as newsletters and town halls.",
}


@dataclass(frozen=True)
class Stakeholder:
    id: int
    name: str
    department: str
    support: int
    influence: int
    notes: str
    quadrant: str

    @property
    def quadrant_label(self) -> str:
        return LABELS[self.quadrant]


@dataclass(frozen=True)
class Department:
    name: str
    champions: list[str]
    supporters: list[str]
    gatekeepers: list[str]
    bystanders: list[str]


def quadrant(support: int, influence: int, midpoint: int = DEFAULT_MIDPOINT) -> str:
    """The quadrant of a stakeholder; a score equal to the midpoint counts as high."""
    high_support, high_influence = support >= midpoint, influence >= midpoint
    if high_support:
        return CHAMPION if high_influence else SUPPORTER
    return GATEKEEPER if high_influence else BYSTANDER


def get_midpoint(db: sqlite_utils.Database, workshop_id: int) -> int:
    stored = settings.get(db, workshop_id, MIDPOINT_SETTING, str(DEFAULT_MIDPOINT))
    try:
        value = int(stored)
    except ValueError:
        return DEFAULT_MIDPOINT
    return value if 1 <= value <= SCORE_MAX else DEFAULT_MIDPOINT


def set_midpoint(db: sqlite_utils.Database, workshop_id: int, value: object) -> None:
    """Move the split of the map; from 1 to 10 so that every quadrant can still be reached."""
    midpoint = clean_int(value, field="Midpoint", low=1, high=SCORE_MAX)
    settings.set_value(db, workshop_id, MIDPOINT_SETTING, str(midpoint))


def list_stakeholders(db: sqlite_utils.Database, workshop_id: int) -> list[Stakeholder]:
    midpoint = get_midpoint(db, workshop_id)
    return [_from_row(row, midpoint) for row in db["stakeholders"].rows_where(
        "workshop_id = ?", [workshop_id], order_by="id")]


def _from_row(row: dict, midpoint: int) -> Stakeholder:
    return Stakeholder(id=row["id"], name=row["name"], department=row["department"],
                       support=row["support"], influence=row["influence"], notes=row["notes"],
                       quadrant=quadrant(row["support"], row["influence"], midpoint))


def by_quadrant(stakeholders: Iterable[Stakeholder]) -> dict[str, list[Stakeholder]]:
    """Stakeholders per quadrant (every quadrant present, in map order), each list by name."""
    grouped: dict[str, list[Stakeholder]] = {q: [] for q in QUADRANTS}
    for person in stakeholders:
        grouped[person.quadrant].append(person)
    return {q: sorted(people, key=lambda p: (p.name.casefold(), p.id))
            for q, people in grouped.items()}


def departments(db: sqlite_utils.Database, workshop_id: int) -> list[Department]:
    """Each named department with its stakeholders by quadrant, sorted by department name.

    Departments that differ only in letter case are one department (shown as first written);
    stakeholders without a department belong to none.
    """
    groups: dict[str, list[Stakeholder]] = {}
    spelling: dict[str, str] = {}
    for person in list_stakeholders(db, workshop_id):
        if person.department:
            key = person.department.casefold()
            spelling.setdefault(key, person.department)
            groups.setdefault(key, []).append(person)
    result = []
    for key in sorted(groups, key=lambda k: (k, spelling[k])):
        grouped = {q: [p.name for p in people] for q, people in by_quadrant(groups[key]).items()}
        result.append(Department(spelling[key], grouped[CHAMPION], grouped[SUPPORTER],
                                 grouped[GATEKEEPER], grouped[BYSTANDER]))
    return result


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["stakeholders"].count_where("workshop_id = ?", [workshop_id]) > 0


def _clean_field(field: str, value: object) -> object:
    if field in FIELDS:
        return rows.clean("stakeholders", field, value)
    raise ValidationError(f"A stakeholder has no field called {field}.")


def add_stakeholder(db: sqlite_utils.Database, workshop_id: int, name: str,
                    department: str = "", support: int = 5, influence: int = 5,
                    notes: str = "") -> int:
    values = {f: _clean_field(f, v) for f, v in zip(
        FIELDS, (name, department, support, influence, notes))}
    with store.write(db):
        workshops.get(db, workshop_id)
        row_id = db["stakeholders"].insert({"workshop_id": workshop_id, **values}).last_pk
        workshops.touch(db, workshop_id)
    return row_id


def update_field(db: sqlite_utils.Database, workshop_id: int, stakeholder_id: int, field: str,
                 value: object) -> None:
    """Change one field of one stakeholder (the page saves each edit as it is made)."""
    cleaned = _clean_field(field, value)
    workshops.update_owned(db, "stakeholders", workshop_id, stakeholder_id, "stakeholder",
                           {field: cleaned})


def delete_stakeholder(db: sqlite_utils.Database, workshop_id: int, stakeholder_id: int) -> None:
    with store.write(db):
        _require(db, workshop_id, stakeholder_id)
        db.execute("DELETE FROM stakeholders WHERE id = ?", [stakeholder_id])
        workshops.touch(db, workshop_id)


def _require(db: sqlite_utils.Database, workshop_id: int, stakeholder_id: int) -> None:
    workshops.owned_row(db, "stakeholders", workshop_id, stakeholder_id, "stakeholder")


def short_name(name: str, limit: int = 22) -> str:
    """The part of a name before the first comma, cut to fit a label on a chart."""
    return shorten(name.split(",")[0].strip() or name, limit)


@dataclass(frozen=True)
class MapPoint:
    """A person on the map: their number in the key, and where the marker sits."""
    number: int
    person: Stakeholder
    x: float
    y: float


SAME_SPOT_STEP = 0.22


def map_points(people: Iterable[Stakeholder]) -> list[MapPoint]:
    """Everyone numbered in map order (quadrant, then name), so that the chart shows numbers
    that never run into each other and the key gives the names. People on the same spot are
    set around it, so that no marker hides another."""
    ordered = [p for group in by_quadrant(people).values() for p in group]
    spots: dict[tuple[int, int], list[Stakeholder]] = {}
    for person in ordered:
        spots.setdefault((person.support, person.influence), []).append(person)
    points = []
    for number, person in enumerate(ordered, start=1):
        group = spots[(person.support, person.influence)]
        dx, dy = placement.around(group.index(person), len(group), SAME_SPOT_STEP)
        points.append(MapPoint(number, person, person.support + dx, person.influence + dy))
    return points


# ---- PDF

COLOURS = {CHAMPION: "#2e7d32", SUPPORTER: "#1565c0", GATEKEEPER: "#c62828",
           BYSTANDER: "#757575"}


def _quadrant_figure(people: list[Stakeholder], midpoint: int):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 5.6))
    ax.set_xlim(-0.5, 10.5)
    ax.set_ylim(-0.5, 10.5)
    ax.axvline(midpoint - 0.5, color="#999999", linewidth=1)
    ax.axhline(midpoint - 0.5, color="#999999", linewidth=1)
    corners = {CHAMPION: (10.3, 10.3, "right"), SUPPORTER: (10.3, -0.3, "right"),
               GATEKEEPER: (-0.3, 10.3, "left"), BYSTANDER: (-0.3, -0.3, "left")}
    for q, (x, y, align) in corners.items():
        ax.text(x, y, LABELS[q], ha=align, va="top" if y > 5 else "bottom",
                color=COLOURS[q], fontsize=11, fontweight="bold", alpha=0.8)
    for point in map_points(people):  # numbers, not names: the tables give the names
        ax.scatter(point.x, point.y, s=190, color=COLOURS[point.person.quadrant],
                   edgecolors="white", linewidths=1, zorder=3)
        ax.annotate(str(point.number), (point.x, point.y), ha="center", va="center",
                    fontsize=7, color="white", fontweight="bold", zorder=4)
    ax.set_xlabel("Support for CX (0-10)")
    ax.set_ylabel("Influence (0-10)")
    ax.set_xticks(range(0, 11))
    ax.set_yticks(range(0, 11))
    fig.tight_layout()
    return fig


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    people = list_stakeholders(db, workshop_id)
    midpoint = get_midpoint(db, workshop_id)
    report.paragraph(f"Split at {midpoint}: a score of {midpoint} or more counts as high.",
                     muted=True)
    report.figure(_quadrant_figure(people, midpoint), width=150)
    numbers = {point.person.id: point.number for point in map_points(people)}
    for q, group in by_quadrant(people).items():
        if not group:
            continue
        report.subheading(f"{LABELS[q]}s ({len(group)})")
        report.paragraph(STRATEGIES[q], italic=True)
        report.table(["No.", "Name", "Department", "Support", "Influence", "Notes"],
                     [[numbers[p.id], p.name, p.department, p.support, p.influence, p.notes]
                      for p in group], widths=[10, 40, 30, 19, 20, 55])
