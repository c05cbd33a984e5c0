"""The guided path: five phases and their steps, in the order a workshop runs them.

Only steps that have a page are listed; each names its page file (``pages/<key>.py``), its
purpose, the rule that says whether it has content, and how it appears in the PDF.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from . import challenge

PHASES = ("Direction", "Understand", "Map", "Design", "Plan and measure")

ContentRule = Callable[[sqlite_utils.Database, int], bool]
# Draws the step's section of the PDF summary with the helpers of ``cxcore.pdf.Report``.
PdfSection = Callable[[object, sqlite_utils.Database, int], None]


@dataclass(frozen=True)
class Step:
    key: str
    phase: str
    title: str
    purpose: str
    icon: str
    has_content: ContentRule
    pdf_section: PdfSection | None = None


STEPS: tuple[Step, ...] = (
    Step("focusing_challenge", "Map", "Focusing challenge",
         "Agree one sentence that says who we help, to do what, and why it matters.",
         ":material/center_focus_strong:", challenge.has_content, challenge.pdf_section),
)

CHALLENGE_STEP = "focusing_challenge"


def step(key: str) -> Step:
    for candidate in STEPS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def steps_in_phase(phase: str) -> list[Step]:
    return [s for s in STEPS if s.phase == phase]


def neighbours(key: str) -> tuple[Step | None, Step | None]:
    """The steps before and after ``key`` on the path."""
    index = [s.key for s in STEPS].index(key)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after


def is_after_challenge(key: str) -> bool:
    """Steps after the focusing challenge keep it in view at the top of the page."""
    keys = [s.key for s in STEPS]
    return CHALLENGE_STEP in keys and keys.index(key) > keys.index(CHALLENGE_STEP)


@dataclass(frozen=True)
class Progress:
    started: int
    total: int
    started_keys: frozenset[str]

    @property
    def percent(self) -> int:
        return round(100 * self.started / self.total) if self.total else 0

    @property
    def label(self) -> str:
        return f"{self.started} of {self.total} steps started"


def progress(db: sqlite_utils.Database, workshop_id: int) -> Progress:
    started = frozenset(s.key for s in STEPS if s.has_content(db, workshop_id))
    return Progress(len(started), len(STEPS), started)
