"""Readable tables of a workshop for spreadsheets: one per artefact, names instead of ids.

The XLSX and CSV writers both take these tables, so each column is defined once, here. Every
value is built from the step modules' own functions (rankings, quadrants, priorities, overdue,
root causes) and is a str, int, float, ``datetime.date`` or None; flags read "Yes" or "".
Anything that depends on the date ("overdue", "on track") is worked out for ``today``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from . import brainstorm, cards, challenge, empathy, goals, journeys, measurement, personas
from . import plan, ranking, stakeholders, statements, touchpoints, whys, workshops
from . import path as guided_path


@dataclass(frozen=True)
class Table:
    key: str      # the CSV file's name and the sheet's order
    title: str    # the sheet's name (at most 31 characters)
    step: str     # the guided-path step it belongs to ("" for the workshop itself)
    columns: tuple[str, ...]
    rows: list[list]


def _yes(flag: bool) -> str:
    return "Yes" if flag else ""


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def workshop_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    w = workshops.get(db, workshop_id)
    progress = guided_path.progress(db, workshop_id)
    return Table("workshop", "Workshop", "", ("Title", "Organisation", "Facilitator", "Created",
                                             "Updated", "Progress"),
                 [[w.title, w.organisation, w.facilitator, _date(w.created), _date(w.updated),
                   progress.label]])


def statement_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[statements.LABELS[s.kind], s.text, _yes(s.final)]
            for s in statements.list_statements(db, workshop_id)]
    return Table("statements", "Statements", "statements", ("Statement", "Text", "Final"), rows)


def goal_table(db: sqlite_utils.Database, workshop_id: int, today: dt.date) -> Table:
    by_goal = measurement.readings_by_goal(db, workshop_id)
    rows = []
    for number, g in enumerate(goals.list_goals(db, workshop_id), start=1):
        readings = by_goal.get(g.id, [])
        latest = readings[-1] if readings else None
        rows.append([number, g.statement, g.metric_label, goals.KINDS[g.metric_kind], g.unit,
                     g.baseline, g.target, _date(g.deadline), g.because,
                     *(_yes(g.checks[c]) for c in goals.CHECKS),
                     latest.value if latest else None, _date(latest.taken) if latest else None,
                     measurement.progress(g.baseline, g.target, readings),
                     measurement.standing(g.baseline, g.target, g.deadline, readings, today)])
    columns = ("Goal number", "Goal", "Metric", "Metric kind", "Unit", "Baseline", "Target",
               "Deadline", "Because", *(goals.CHECK_LABELS[c] for c in goals.CHECKS),
               "Latest reading", "Latest reading date", "Progress to target (%)", "On track")
    return Table("goals", "Goals", "smirc_goals", columns, rows)


def persona_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[p.name, *(getattr(p, f) for f in personas.TEXT_FIELDS[1:]), _yes(bool(p.image))]
            for p in personas.list_personas(db, workshop_id)]
    columns = (*personas.LABELS.values(), "Own picture")
    return Table("personas", "Personas", "personas", columns, rows)


def empathy_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = []
    for p in personas.list_personas(db, workshop_id):
        for quadrant, notes in empathy.board(db, workshop_id, p.id).items():
            rows += [[p.name, empathy.LABELS[quadrant], note.text, note.author]
                     for note in notes]
    return Table("empathy_notes", "Empathy maps", "empathy_maps",
                 ("Persona", "Quadrant", "Note", "Added by"), rows)


def stakeholder_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[s.name, s.department, s.support, s.influence, s.quadrant_label,
             stakeholders.STRATEGIES[s.quadrant], s.notes]
            for s in stakeholders.list_stakeholders(db, workshop_id)]
    return Table("stakeholders", "Stakeholders", "stakeholder_map",
                 ("Name", "Department", "Support", "Influence", "Quadrant", "Strategy", "Notes"),
                 rows)


def challenge_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[c.sentence, c.who, c.what, c.why, _yes(c.chosen)]
            for c in challenge.list_challenges(db, workshop_id)]
    return Table("challenges", "Focusing challenge", "focusing_challenge",
                 ("Challenge", "Who", "Can (do what)", "So that (why)", "Chosen"), rows)


def _persona(journey: journeys.Journey) -> str:
    return journey.persona_name or journeys.NO_PERSONA


def stage_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[_persona(j), j.label, number, s.name, s.question, s.emotion,
             journeys.emotion_label(s.emotion)]
            for j in journeys.list_journeys(db, workshop_id)
            for number, s in enumerate(j.stages, start=1)]
    return Table("journey_stages", "Journey stages", "journey_map",
                 ("Persona", "Journey", "Stage number", "Stage", "Question", "Emotion score",
                  "Emotion"), rows)


def entry_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = []
    for j in journeys.list_journeys(db, workshop_id):
        for number, s in enumerate(j.stages, start=1):
            for lane in journeys.LANES:
                side = "Customer" if lane in journeys.CUSTOMER_LANES else "Organisation"
                rows += [[_persona(j), j.label, number, s.name, journeys.LANE_LABELS[lane], side,
                          e.text, _yes(e.in_whys), _yes(e.in_brainstorm), e.author]
                         for e in s.cell(lane)]
    return Table("journey_entries", "Journey entries", "journey_map",
                 ("Persona", "Journey", "Stage number", "Stage", "Lane", "Side", "Entry",
                  "In 5 Whys", "In brainstorm", "Added by"), rows)


def touchpoint_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    points = touchpoints.list_touchpoints(db, workshop_id)
    first = touchpoints.fix_first(points)
    stages = touchpoints.stage_choices(db, workshop_id)
    rows = [[p.channel_label, p.name, stages.get(p.stage_id, ""), p.consistency, p.meets_needs,
             p.importance, p.priority,
             _yes(first is not None and p.channel_label.casefold() == first.label.casefold()),
             p.notes] for p in sorted(points, key=lambda p: (-p.priority, p.id))]
    return Table("touchpoints", "Touchpoints", "touchpoint_review",
                 ("Channel", "Touchpoint", "Journey stage", *touchpoints.RATINGS.values(),
                  "Priority (0-40)", "Channel to fix first", "Notes"), rows)


STANDING_LABELS = {whys.ROOT_CAUSE: "Root cause", whys.PROVEN: "Proven",
                   whys.WAITING: "Proven, waits for the answer above",
                   whys.UNVERIFIED: "Unverified", whys.DISPROVEN: "Disproven",
                   whys.RULED_OUT: "Under a disproven answer"}


def why_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = []
    for analysis in whys.list_analyses(db, workshop_id):
        for row in whys.tree(whys.list_answers(db, workshop_id, analysis.id)):
            a = row.answer
            rows.append([analysis.problem, analysis.source_stage or "", row.level, a.text,
                         a.evidence_source, a.evidence_figure, a.status.capitalize(),
                         STANDING_LABELS[row.standing], _yes(row.standing == whys.ROOT_CAUSE)])
    return Table("why_answers", "5 Whys", "five_whys",
                 ("Problem", "Journey stage", "Level", "Answer", "Evidence source",
                  "Evidence figure", "Status", "Standing", "Root cause"), rows)


def brainstorm_tables(db: sqlite_utils.Database, workshop_id: int) -> list[Table]:
    sessions, ideas, votes = [], [], []
    for item in brainstorm.list_brainstorms(db, workshop_id):
        board = brainstorm.board(db, workshop_id, item.id)
        technique = brainstorm.TECHNIQUES[item.technique].label
        sessions.append([item.prompt, technique, item.phase.capitalize(),
                         brainstorm.source_link(db, item) or "", len(board.live_ideas),
                         len(ranking.voter_totals(board.votes)), item.dots_per_voter,
                         *item.weights])
        places = {place.idea_id: place for place in board.ranking()}
        provocations = {p.id: p.text for p in board.provocations}
        for idea in board.ideas:
            place = places.get(idea.id)
            merged = board.idea(idea.merged_into_id).text if idea.merged_into_id else ""
            ideas.append([item.prompt, place.rank if place else None, idea.text, idea.flipped,
                          provocations.get(idea.provocation_id, ""), idea.theme, idea.author,
                          *idea.scores, place.score if place else None, idea.votes, merged,
                          _yes(idea.promoted)])
        votes += _vote_rows(db, item, board)
    criteria = tuple(ranking.CRITERION_LABELS.values())
    return [
        Table("brainstorms", "Brainstorms", "brainstorm",
              ("Prompt", "Technique", "Phase", "Source", "Ideas", "Voters", "Dots per voter",
               *(f"Weight: {c.lower()}" for c in criteria)), sessions),
        Table("ideas", "Ideas", "brainstorm",
              ("Brainstorm", "Rank", "Idea", "Flipped", "Provocation", "Theme", "Author",
               *criteria, "Weighted score", "Dots", "Merged into", "On a card"), ideas),
        Table("votes", "Votes", "brainstorm", ("Brainstorm", "Idea", "Voter", "Dots"), votes),
    ]


def _vote_rows(db: sqlite_utils.Database, item: brainstorm.Brainstorm,
               board: brainstorm.Board) -> list[list]:
    rows = db.query("SELECT v.idea_id, v.voter, v.dots FROM votes v JOIN ideas i ON"
                    " i.id = v.idea_id WHERE i.brainstorm_id = ? ORDER BY v.id", [item.id])
    return [[item.prompt, board.idea(r["idea_id"]).text, r["voter"], r["dots"]] for r in rows]


def card_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[place, c.number, *(getattr(c, part) for part in cards.PARTS), c.customer_value,
             c.business_value, c.quadrant or "", cards.STATUS_LABELS[c.status],
             _yes(c.is_draft), c.retired_reason, c.idea_text or ""]
            for place, c in enumerate(cards.rank(cards.list_cards(db, workshop_id)), start=1)]
    return Table("cards", "Design cards", "design_cards",
                 ("Rank", "Card number", *(cards.LEADS[p].capitalize() for p in cards.PARTS),
                  "Customer value", "Business value", "Quadrant", "Status", "Draft",
                  "Retired because", "From idea"), rows)


def card_rating_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    """The live room's ratings of the cards, one row per person and card ("Anonymous" when the
    room rated anonymously); the cards sheet keeps the facilitator's own rating."""
    numbers = {c.id: (c.number, c.headline) for c in cards.list_cards(db, workshop_id)}
    rows = [[*numbers.get(r["card_id"], ("", "")), r["rater"], r["customer_value"],
             r["business_value"]]
            for r in db.query("SELECT card_id, rater, customer_value, business_value"
                              " FROM card_ratings WHERE workshop_id = ? ORDER BY id",
                              [workshop_id])]
    return Table("card_ratings", "Room card ratings", "design_cards",
                 ("Card number", "Card", "Rated by", "Customer value", "Business value"), rows)


def action_table(db: sqlite_utils.Database, workshop_id: int, today: dt.date) -> Table:
    headlines = {c.id: f"Card {c.number}: {c.new_experience or 'Blank card'}"
                 for c in cards.list_cards(db, workshop_id)}
    goal_names = {g.id: g.statement for g in goals.list_goals(db, workshop_id)}
    rows = [[a.title, a.department, a.owner, _date(a.due), a.status_label,
             _yes(plan.is_overdue(a, today)), headlines.get(a.card_id, ""),
             goal_names.get(a.goal_id, "")] for a in plan.list_actions(db, workshop_id)]
    return Table("actions", "Plan", "implementation_plan",
                 ("Action", "Department", "Owner", "Due", "Status", "Overdue", "Card", "Goal"),
                 rows)


def reading_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    by_goal = measurement.readings_by_goal(db, workshop_id)
    pairs = [(g, r) for g in goals.list_goals(db, workshop_id) for r in by_goal.get(g.id, [])]
    noted = any(r.note for _, r in pairs)  # only where an upgrade merged two readings
    rows = [[g.statement, g.metric_label, _date(r.taken), r.value, g.unit,
             *([r.note] if noted else [])] for g, r in pairs]
    return Table("readings", "Readings", "measurement",
                 ("Goal", "Metric", "Date", "Value", "Unit", *(["Note"] if noted else [])), rows)


def review_table(db: sqlite_utils.Database, workshop_id: int) -> Table:
    rows = [[_date(r.held), r.decision_label, r.works, r.not_working, r.notes]
            for r in measurement.list_reviews(db, workshop_id)]
    return Table("reviews", "Reviews", "measurement",
                 ("Date", "Decision", "What works", "What does not", "Notes"), rows)


def all_tables(db: sqlite_utils.Database, workshop_id: int,
               today: dt.date | None = None) -> list[Table]:
    """Every readable table of the workshop, in the order of the guided path."""
    today = today or dt.date.today()
    return [workshop_table(db, workshop_id), statement_table(db, workshop_id),
            goal_table(db, workshop_id, today), persona_table(db, workshop_id),
            empathy_table(db, workshop_id), stakeholder_table(db, workshop_id),
            challenge_table(db, workshop_id), stage_table(db, workshop_id),
            entry_table(db, workshop_id), touchpoint_table(db, workshop_id),
            why_table(db, workshop_id), *brainstorm_tables(db, workshop_id),
            card_table(db, workshop_id), card_rating_table(db, workshop_id),
            action_table(db, workshop_id, today),
            reading_table(db, workshop_id), review_table(db, workshop_id)]
