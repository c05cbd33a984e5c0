"""Plain words for what a deletion takes with it: "Its 3 votes and its score go with it"."""
from __future__ import annotations

import re

NOUNS = {"statements": "statement", "goals": "goal", "personas": "persona",
         "empathy_notes": "empathy note", "stakeholders": "stakeholder",
         "challenges": "focusing challenge", "journeys": "journey", "journey_stages": "stage",
         "journey_entries": "journey entry", "touchpoints": "touchpoint",
         "why_analyses": "5 Whys analysis", "why_answers": "answer", "brainstorms": "brainstorm",
         "provocations": "provocation", "ideas": "idea", "votes": "vote", "scores": "score",
         "cards": "card", "actions": "action", "readings": "reading", "reviews": "review",
         "card_ratings": "room rating", "settings": "setting"}
PLURALS = {"journey entry": "journey entries", "5 Whys analysis": "5 Whys analyses"}
LABEL_COLUMNS = ("text", "title", "name", "problem", "prompt", "statement", "new_experience",
                 "what", "voter", "held", "taken")
LEADS = {"cards": "We believe ", "challenges": "How might we help "}
LABEL_MAX = 40


def noun(table: str) -> str:
    return NOUNS.get(table, table.rstrip("s").replace("_", " "))


def count(n: int, table: str) -> str:
    word = noun(table)
    return f"{n} {PLURALS.get(word, word + 's')}" if n != 1 else f"1 {word}"


def label(table: str, row: dict) -> str:
    """A short quote of the row, e.g. “We believe a named adviser…”."""
    text = next((str(row[c]) for c in LABEL_COLUMNS if row.get(c) not in (None, "")), "")
    text = " ".join((LEADS.get(table, "") + text).split())
    return "“" + (text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 1].rstrip() + "…") + "”"


def describe(table: str, row: dict) -> str:
    """The row as the recycle list names it: 'Idea “Video calls”'."""
    return f"{noun(table).capitalize()} {label(table, row)}"


def flags(table: str, row: dict) -> list[str]:
    """What the row itself stands for, beyond its text."""
    if table == "challenges" and row["chosen"]:
        return ["it is the chosen focusing challenge"]
    if table == "statements" and row["final"]:
        return [f"it is the final {row['kind']} statement"]
    return []


def goes_with(table: str, root: dict, rows: dict[str, dict]) -> list[str]:
    """The rows deleted with ``root`` (``rows``: every deleted row by table, root included)."""
    phrases = ["its picture"] if table == "personas" and root["image"] else []
    for other, deleted in rows.items():
        n = len(deleted) - (other == table)
        if n and other == table:
            phrases.append(f"the {count(n, other)} beneath it".replace("the 1 ", "the "))
        elif n:
            phrases.append("its " + (count(n, other) if n > 1 else noun(other)))
    return phrases


def unlinks(unlinked: list[tuple[str, dict]]) -> list[str]:
    """The rows that keep living but lose their link, as (table, row)."""
    by_table: dict[str, list[dict]] = {}
    for table, row in unlinked:
        by_table.setdefault(table, []).append(row)
    return [f"the {noun(table)} {label(table, rows[0])} loses its link" if len(rows) == 1
            else f"{count(len(rows), table)} lose their link" for table, rows in by_table.items()]


def question(table: str, flagged: list[str], goes: list[str], unlinked: list[str]) -> str | None:
    """The confirmation: "Delete this idea? Its 3 votes and its score go with it, and the card
    “We believe…” loses its link." None when nothing else depends on the row."""
    if not (flagged or goes or unlinked):
        return None
    parts = [f"Delete this {noun(table)}?"] + [_sentence(f) + "." for f in flagged]
    if goes:
        verb = "go" if len(goes) > 1 or _plural(goes[0]) else "goes"
        parts.append(_sentence(f"{_and(goes)} {verb} with it") +
                     (f", and {_and(unlinked)}." if unlinked else "."))
    elif unlinked:
        parts.append(_sentence(_and(unlinked)) + ".")
    return " ".join(parts)


def _plural(phrase: str) -> bool:
    return re.match(r"(its|the) \d+ ", phrase) is not None


def _and(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
