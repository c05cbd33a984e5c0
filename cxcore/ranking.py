"""Pure rules of the brainstorm's converge phase: weighted scores, ranking and dot budgets.

No database here: the functions take plain values and are tested on their own.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .text import ValidationError

CRITERIA = ("customer_value", "business_value", "feasibility")
CRITERION_LABELS = {"customer_value": "Customer value", "business_value": "Business value",
                    "feasibility": "Feasibility"}
ANONYMOUS = "Anonymous"


@dataclass(frozen=True)
class Candidate:
    """One idea as the ranking sees it: its scores (1-5 or None per criterion) and dots."""
    idea_id: int
    scores: tuple[int | None, int | None, int | None] = (None, None, None)
    votes: int = 0


@dataclass(frozen=True)
class Ranked:
    rank: int
    idea_id: int
    score: float | None
    votes: int


def weighted_score(scores: Sequence[int | None], weights: Sequence[float]) -> float | None:
    """sum(weight * score) / sum(weight) over the criteria that have a score.

    None when no criterion with a weight above zero has been scored yet.
    """
    pairs = [(w, s) for w, s in zip(weights, scores) if s is not None and w > 0]
    total = sum(w for w, _ in pairs)
    if not total:
        return None
    return round(sum(w * s for w, s in pairs) / total, 2)


def rank(candidates: Iterable[Candidate], weights: Sequence[float]) -> list[Ranked]:
    """Best first: by weighted score, then by votes; unscored ideas last (by votes).

    Ideas level on both share a rank ("1, 2, 2, 4"); among them the older idea is listed first.
    """
    scored = [(c, weighted_score(c.scores, weights)) for c in candidates]

    def key(item: tuple[Candidate, float | None]) -> tuple:
        candidate, score = item
        return (score is None, -(score or 0), -candidate.votes)

    ordered = sorted(scored, key=lambda item: (*key(item), item[0].idea_id))
    result: list[Ranked] = []
    for position, (candidate, score) in enumerate(ordered, start=1):
        level = result and key(ordered[position - 2]) == key((candidate, score))
        result.append(Ranked(result[-1].rank if level else position, candidate.idea_id,
                             score, candidate.votes))
    return result


def same_voter(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def dots_used(votes: Iterable[tuple[str, int]], voter: str) -> int:
    """Dots ``voter`` has placed, from (voter, dots) pairs; names match ignoring case."""
    return sum(dots for name, dots in votes if same_voter(name, voter))


def remaining_dots(votes: Iterable[tuple[str, int]], voter: str, budget: int) -> int:
    return max(budget - dots_used(votes, voter), 0)


def check_vote(votes: Iterable[tuple[str, int]], voter: str, dots: int, budget: int) -> None:
    """Refuse a vote that would take ``voter`` past the budget of dots."""
    if dots < 1:
        raise ValidationError("A vote places at least one dot.")
    votes = list(votes)
    left = remaining_dots(votes, voter, budget)
    if dots > left:
        placed = budget - left
        name = next((known for known in voter_totals(votes) if same_voter(known, voter)), voter)
        raise ValidationError(
            f"{name} has used {placed} of {budget} dots"
            + (f" and has {left} left: cannot place {dots}." if left else
               ": no dots left. Take a dot back from another idea first."))


def voter_totals(votes: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Dots placed per voter (first spelling of each name), in order of first vote."""
    totals: dict[str, int] = {}
    for name, dots in votes:
        known = next((k for k in totals if same_voter(k, name)), name)
        totals[known] = totals.get(known, 0) + dots
    return totals


def next_anonymous(voters: Iterable[str]) -> str:
    """The first free "Anonymous N" name."""
    taken = {v.strip().casefold() for v in voters}
    number = 1
    while f"{ANONYMOUS} {number}".casefold() in taken:
        number += 1
    return f"{ANONYMOUS} {number}"


def check_budget_change(votes: Iterable[tuple[str, int]], budget: int) -> None:
    """Refuse a smaller budget than a voter has already used."""
    over = {name: used for name, used in voter_totals(votes).items() if used > budget}
    if over:
        name, used = max(over.items(), key=lambda item: item[1])
        raise ValidationError(f"{name} has already placed {used} dots: the budget cannot go "
                              f"below {used} unless dots are taken back first.")


def group_by_theme(themes: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Idea ids per theme, themes in alphabetical order and ideas without one last ("")."""
    groups: dict[str, list[int]] = {}
    for idea_id, theme in themes:
        groups.setdefault(theme, []).append(idea_id)
    return dict(sorted(groups.items(), key=lambda item: (item[0] == "", item[0].casefold())))
