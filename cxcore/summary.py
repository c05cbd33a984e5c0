"""The executive summary: the strategy on a page, for the PDF and the Markdown export alike.

Each block names the guided-path step whose section holds the detail, so the PDF can point to
its page and the Markdown to its heading. What depends on the date ("overdue", "on track",
the next review) is worked out for ``today``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from . import cards, challenge, goals, measurement, plan, stakeholders, statements, whys
from .goals import format_date, format_number

TOP_CARDS = 3
MAX_ACTIONS = 12


@dataclass(frozen=True)
class Block:
    title: str
    step: str  # the step whose section has the detail
    lines: tuple[str, ...]


def _date(iso: str | None) -> str:
    return format_date(iso).replace("\u00a0", " ")


def challenge_block(db: sqlite_utils.Database, workshop_id: int) -> Block | None:
    chosen = challenge.chosen_challenge(db, workshop_id)
    return Block("Focusing challenge", "focusing_challenge", (chosen.sentence,)) if chosen \
        else None


def direction_block(db: sqlite_utils.Database, workshop_id: int) -> Block | None:
    final = statements.final_statements(db, workshop_id)
    lines = tuple(f"{statements.LABELS[kind]}: {final[kind]}" for kind in ("vision", "mission")
                  if kind in final)
    return Block("Vision and mission", "statements", lines) if lines else None


def goal_line(number: int, goal: goals.Goal, readings: list[measurement.Reading],
              today: dt.date) -> str:
    unit = goal.unit
    latest = (f"latest {format_number(readings[-1].value, unit)} on {_date(readings[-1].taken)}"
              if readings else "no reading yet")
    deadline = f" by {_date(goal.deadline)}" if goal.deadline else ""
    standing = measurement.standing(goal.baseline, goal.target, goal.deadline, readings, today)
    metric = f"{goal.metric_label}: " if goal.metric_label else ""
    return (f"Goal {number}: {goal.statement.rstrip('.')}. {metric}baseline "
            f"{format_number(goal.baseline, unit)}, {latest}, target "
            f"{format_number(goal.target, unit)}{deadline}. {standing}.")


def goals_block(db: sqlite_utils.Database, workshop_id: int, today: dt.date) -> Block | None:
    by_goal = measurement.readings_by_goal(db, workshop_id)
    lines = tuple(goal_line(n, g, by_goal.get(g.id, []), today)
                  for n, g in enumerate(goals.list_goals(db, workshop_id), start=1))
    return Block("Goals", "smirc_goals", lines) if lines else None


def root_cause_block(db: sqlite_utils.Database, workshop_id: int) -> Block | None:
    lines = []
    for analysis in whys.list_analyses(db, workshop_id):
        lines += [f"{cause.text} (problem: {analysis.problem})" for cause in
                  whys.root_causes(whys.list_answers(db, workshop_id, analysis.id))]
    return Block("Proven root causes", "five_whys", tuple(lines)) if lines else None


def card_line(place: int, card: cards.Card) -> str:
    values = ", ".join(f"{cards.VALUE_LABELS[v].lower()} {getattr(card, v) or '–'}/5"
                       for v in cards.VALUES)
    return (f"{place}. Card {card.number}: {card.new_experience or 'Blank card'} "
            f"({values}; {cards.STATUS_LABELS[card.status].lower()}).")


def cards_block(db: sqlite_utils.Database, workshop_id: int) -> Block | None:
    ranked = [c for c in cards.rank(cards.list_cards(db, workshop_id)) if not c.is_retired]
    lines = tuple(card_line(place, c) for place, c in enumerate(ranked[:TOP_CARDS], start=1))
    return Block("Top design cards", "design_cards", lines) if lines else None


def action_line(department: str, action: plan.Action, today: dt.date) -> str:
    owner = action.owner or "no owner yet"
    due = f"due {_date(action.due)}" if action.due else "no date yet"
    overdue = ", OVERDUE" if plan.is_overdue(action, today) else ""
    return f"{department}: {action.title} ({owner}; {due}; {action.status_label.lower()}{overdue})"


def plan_block(db: sqlite_utils.Database, workshop_id: int, today: dt.date) -> Block | None:
    departments = plan.department_plans(stakeholders.departments(db, workshop_id),
                                        plan.list_actions(db, workshop_id))
    pairs = [(d.name, a) for d in departments for a in d.actions]
    if not pairs:
        return None
    overdue = [p for p in pairs if plan.is_overdue(p[1], today)]
    shown = overdue + [p for p in pairs if p not in overdue]
    lines = [f"{len(pairs)} actions in {len({name for name, _ in pairs})} departments; "
             f"{len(overdue)} overdue."]
    lines += [action_line(name, action, today) for name, action in
              sorted(shown[:MAX_ACTIONS], key=shown.index)]
    if len(shown) > MAX_ACTIONS:
        lines.append(f"… and {len(shown) - MAX_ACTIONS} more actions in the plan.")
    return Block("The plan by department", "implementation_plan", tuple(lines))


def review_block(db: sqlite_utils.Database, workshop_id: int, today: dt.date) -> Block | None:
    due = measurement.next_review_due(db, workshop_id)
    if due is None:
        return None
    cadence = measurement.CADENCES[measurement.cadence(db, workshop_id)].lower()
    when = _date(due.isoformat())
    line = (f"The next review was due on {when}: it is overdue." if due < today
            else f"The next review is due on {when}.")
    return Block("Next review", "measurement", (f"{line} Reviews are held {cadence}.",))


def summary(db: sqlite_utils.Database, workshop_id: int, today: dt.date,
            steps: set[str] | frozenset[str] | None = None) -> list[Block]:
    """The summary's blocks, leaving out those whose step is not in ``steps`` (None: all)."""
    blocks = [challenge_block(db, workshop_id), direction_block(db, workshop_id),
              goals_block(db, workshop_id, today), root_cause_block(db, workshop_id),
              cards_block(db, workshop_id), plan_block(db, workshop_id, today),
              review_block(db, workshop_id, today)]
    return [b for b in blocks if b is not None and (steps is None or b.step in steps)]
