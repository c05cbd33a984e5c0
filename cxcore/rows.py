"""Row rules: what each field of an artefact table may hold, written once.

The module that owns a table registers a rule for each of its fields (``register``). Its edit
functions clean what people type through that rule (``clean``), and a backup import checks
every imported value with the same rule, then the rules across rows (``check_rows``: the 5 Whys
tree's shape, merges inside one brainstorm, one final statement of each kind...). A rule returns the cleaned value or raises
ValidationError with a message for people; the import puts the table, row and field in front.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .text import _INVISIBLE, ValidationError, clean_int, clean_text, shorten

FIRST_YEAR, LAST_YEAR = 2000, 2100
NUMBER_LIMIT = 1e12
POSITION_MAX = 1_000_000_000


class RowError(ValidationError):
    """A rule across rows that one row breaks: ``index`` and ``field`` say where."""

    def __init__(self, index: int, field: str, message: str) -> None:
        super().__init__(message)
        self.index, self.field = index, field


@dataclass(frozen=True)
class Rule:
    """One field's rule: ``check(value, label)`` returns the cleaned value or raises."""
    label: str
    check: Callable[[object, str], object]

    def __call__(self, value: object, label: str | None = None) -> object:
        return self.check(value, label or self.label)


TableCheck = Callable[[list[dict]], None]
_RULES: dict[str, dict[str, Rule]] = {}
_TABLE_CHECKS: dict[str, list[TableCheck]] = {}


def register(table: str, **rules: Rule) -> None:
    """The rules of some of ``table``'s fields (called by the module that owns the table)."""
    _RULES.setdefault(table, {}).update(rules)


def register_check(table: str, check: TableCheck) -> None:
    """A rule over all of ``table``'s rows of one workshop; it raises RowError."""
    if check not in _TABLE_CHECKS.setdefault(table, []):
        _TABLE_CHECKS[table].append(check)


def fields_with_rules(table: str) -> set[str]:
    return set(_RULES.get(table, {}))


def has_rule(table: str, field: str) -> bool:
    return field in _RULES.get(table, {})


def clean(table: str, field: str, value: object, label: str | None = None) -> object:
    """``value`` cleaned by the rule of ``table.field``, or ValidationError."""
    return _RULES[table][field](value, label)


def check_rows(table: str, rows: list[dict]) -> None:
    """Every rule across the rows of ``table`` (rows as in a backup, with their ids)."""
    for check in _TABLE_CHECKS.get(table, ()):
        check(rows)


# ---- the kinds of rule

def text(label: str, max_length: int, *, required: bool | str = False,
         multiline: bool = False) -> Rule:
    """Text cleaned as typed; ``required`` may be the message for an empty value."""
    def check(value: object, field: str) -> str:
        cleaned = clean_text(value, field=field, max_length=max_length,
                             required=required is True, multiline=multiline)
        if isinstance(required, str) and not cleaned.strip(_INVISIBLE):
            raise ValidationError(required)
        return cleaned
    return Rule(label, check)


def whole(label: str, low: int, high: int, *, optional: bool = False) -> Rule:
    def check(value: object, field: str) -> int | None:
        if value is None and optional:
            return None
        return clean_int(value, field=field, low=low, high=high)
    return Rule(label, check)


def position() -> Rule:
    return whole("Position", 0, POSITION_MAX)


def _empty(field: str, required: bool | str) -> None:
    """Refuse an empty value of a required field (``required`` may be the message)."""
    if required:
        raise ValidationError(required if isinstance(required, str) else
                              f"{field} cannot be empty.")


def number(label: str, *, low: float = -NUMBER_LIMIT, high: float = NUMBER_LIMIT,
           required: bool | str = False) -> Rule:
    def check(value: object, field: str) -> float | None:
        cleaned = clean_number(value, field=field)
        if cleaned is None:
            return _empty(field, required)
        if not low <= cleaned <= high:
            raise ValidationError(f"{field} must be from {low:g} to {high:g}.")
        return cleaned
    return Rule(label, check)


def date(label: str, *, required: bool | str = False) -> Rule:
    def check(value: object, field: str) -> str | None:
        cleaned = clean_date(value, field=field)
        return _empty(field, required) if cleaned is None else cleaned
    return Rule(label, check)


def timestamp(label: str) -> Rule:
    """When a row was made (set by the app, never typed): empty, or an ISO date and time."""
    def check(value: object, field: str) -> str:
        if value in (None, ""):
            return ""
        try:
            moment = dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            moment = None
        if moment is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValidationError(f"{field} must be a date and time from {FIRST_YEAR} to "
                                  f"{LAST_YEAR}, like 2026-10-14T09:30:00+00:00.")
        return value  # type: ignore[return-value]
    return Rule(label, check)


def choice(label: str, options: Collection[str], message: str) -> Rule:
    """One of ``options``; ``message`` may name the value refused as ``{value}`` (or
    ``{value!r}``)."""
    def check(value: object, field: str) -> str:
        if not isinstance(value, str) or value not in options:
            raise ValidationError(message.replace("{value!r}", shorten(repr(value), 40))
                                  .replace("{value}", shorten(str(value), 40)))
        return value
    return Rule(label, check)


def flag(label: str) -> Rule:
    """Yes or no, stored as 1 or 0."""
    def check(value: object, field: str) -> int:
        if isinstance(value, bool) or value in (0, 1) and isinstance(value, int):
            return int(value)  # type: ignore[arg-type]
        raise ValidationError(f"{field} must be 1 (yes) or 0 (no).")
    return Rule(label, check)


# ---- numbers and dates as people type them (goals, plan and measurement use these)

def clean_number(value: object, *, field: str) -> float | None:
    """A number typed or picked (``"12.5"``, ``"12,5"``, 12) or None when left empty."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"{field} must be a number, like 18 or 12.5.") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{field} must be a number, like 18 or 12.5.")
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise ValidationError(f"{field} must be an ordinary number, like 18 or 12.5.")
    return float(value)


def clean_date(value: object, *, field: str) -> str | None:
    """A date (or ISO text ``YYYY-MM-DD``) from 2000 to 2100 as ISO text, or None when empty."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(f"{field} must be a date, like 2027-06-30.") from None
    if not isinstance(value, dt.date):
        raise ValidationError(f"{field} must be a date, like 2027-06-30.")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(f"{field} must be a year from {FIRST_YEAR} to {LAST_YEAR}.")
    return value.isoformat()
