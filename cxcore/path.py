"""The guided path: five phases and their steps, in the order a workshop runs them.

Only steps that have a page are listed; each names its page file (``pages/<key>.py``), its
purpose, the rule that says whether it has content, and how it appears in the PDF.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from . import cards, challenge
from . import empathy, personas
from . import goals, statements
from . import stakeholders, touchpoints
from . import journeys
from . import whys
from . import brainstorm
from . import chain, measurement, plan

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
    Step("statements", "Direction", "Vision, mission and success",
         "Say where the customer experience is heading, what you promise, and how you will "
         "know it worked.", ":material/explore:", statements.has_content, statements.pdf_section),
    Step("smirc_goals", "Direction", "SMIRC goals",
         "Set a few goals with a metric, a target and a reason, and test each against the "
         "five checks.", ":material/track_changes:", goals.has_content, goals.pdf_section),
    Step("personas", "Understand", "Personas",
         "Picture the customers you serve as one to five people, with their needs and pains.",
         ":material/groups:", personas.has_content, personas.pdf_section),
    Step("empathy_maps", "Understand", "Empathy maps",
         "For each persona, capture what they think, feel, say and do.",
         ":material/psychology:", empathy.has_content, empathy.pdf_section),
    Step("stakeholder_map", "Understand", "Stakeholder map",
         "Place the people whose backing CX needs by support and influence, and plan how to "
         "engage each.", ":material/hub:", stakeholders.has_content, stakeholders.pdf_section),
    Step("focusing_challenge", "Map", "Focusing challenge",
         "Agree one sentence that says who we help, to do what, and why it matters.",
         ":material/center_focus_strong:", challenge.has_content, challenge.pdf_section),
    Step("journey_map", "Map", "Journey map",
         "Follow each persona through the 5 A's: what they do, think and feel above the line, "
         "what we run below it.", ":material/route:", journeys.has_content,
         journeys.pdf_section),
    Step("touchpoint_review", "Map", "Touchpoint review",
         "Rate each touchpoint against the vision, the customer's needs and the goals, and pick "
         "the channel to fix first.", ":material/touch_app:", touchpoints.has_content,
         touchpoints.pdf_section),
    Step("five_whys", "Design", "5 Whys",
         "Ask why a problem happens, level by level, until the evidence proves a root cause.",
         ":material/account_tree:", whys.has_content, whys.pdf_section),
    Step("brainstorm", "Design", "Brainstorm",
         "Gather ideas without judging, then merge, vote and score them to find the best.",
         ":material/lightbulb:", brainstorm.has_content, brainstorm.pdf_section),
    Step("design_cards", "Design", "Experience design cards",
         "Write the best ideas as \"We believe\" cards, rate their value and decide which to pursue.",
         ":material/style:", cards.has_content, cards.pdf_section),
    Step("implementation_plan", "Plan and measure", "Implementation plan",
         "Turn cards and goals into actions with an owner and a date, department by department, "
         "starting where leaders already back CX.", ":material/checklist:", plan.has_content,
         plan.pdf_section),
    Step("measurement", "Plan and measure", "Measurement and review",
         "Record each goal's metric over time against its baseline and target, and review the "
         "plan at a steady rhythm.", ":material/monitoring:", measurement.has_content,
         measurement.pdf_section),
    Step("linked_chain", "Plan and measure", "The linked chain",
         "Follow every thread from a customer's pain point to the numbers that show it moving, "
         "and spot where a thread breaks.", ":material/link:", chain.has_content,
         chain.pdf_section),
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
