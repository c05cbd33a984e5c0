"""The linked chain: threads from pain point to reading, built from plain rows, and their breaks."""
from __future__ import annotations

from cxcore import chain, sample
from cxcore.chain import Break, ChainData, GraphEdge, Link, Thread


def answer(id, parent, text, status="proven", analysis=1):
    return {"id": id, "analysis_id": analysis, "parent_id": parent, "text": text,
            "status": status, "position": id}


def idea(id, brainstorm, text, flipped=""):
    return {"id": id, "brainstorm_id": brainstorm, "text": text, "flipped": flipped,
            "merged_into_id": None}


def full_data(**changes) -> ChainData:
    """One complete thread: pain point 1 -> root cause 3 -> idea 10 -> card 20 -> action 30 ->
    goal 40 -> its latest reading."""
    rows = dict(
        analyses=[{"id": 1, "problem": "Applications stall", "source_entry_id": 5,
                   "entry_text": "Mortgage application stalls"}],
        answers=[answer(2, None, "Documents asked late"), answer(3, 2, "No checklist up front"),
                 answer(4, 3, "Nobody owns it", "unverified")],
        brainstorms=[{"id": 7, "source_why_id": 3, "top_idea_id": 11}],
        ideas=[idea(10, 7, "Checklist in the app"), idea(11, 7, "Call every applicant")],
        cards=[{"id": 20, "idea_id": 10, "new_experience": "A document checklist",
                "status": "validated"}],
        actions=[{"id": 30, "title": "Build the checklist", "card_id": 20, "goal_id": 40}],
        goals=[{"id": 40, "statement": "Lift mortgage NPS"}],
        readings=[{"goal_id": 40, "taken": "2026-10-01", "value": 27.0, "unit": "points"},
                  {"goal_id": 40, "taken": "2026-11-01", "value": 28.0, "unit": "points"}])
    return ChainData(**{**rows, **changes})


PAIN = Link("pain_point", 1, "Mortgage application stalls")
CAUSE = Link("root_cause", 3, "No checklist up front")
IDEA = Link("idea", 10, "Checklist in the app")
CARD = Link("card", 20, "A document checklist")
ACTION = Link("action", 30, "Build the checklist")
GOAL = Link("goal", 40, "Lift mortgage NPS")
READING = Link("reading", 40, "28 points on 1 Nov 2026")


def test_a_complete_thread_runs_from_pain_point_to_the_latest_reading():
    found = chain.build_threads(full_data())
    assert found == [Thread((PAIN, CAUSE, IDEA, CARD, ACTION, GOAL, READING))]
    assert chain.broken(found) == []


def test_a_root_cause_with_no_brainstorm_is_a_break():
    found = chain.build_threads(full_data(brainstorms=[], ideas=[], cards=[], actions=[],
                                          goals=[], readings=[]))
    assert found == [Thread((PAIN, CAUSE), ("no_brainstorm",))]
    assert chain.broken(found) == [Break("no_brainstorm", CAUSE)]


def test_a_root_cause_whose_brainstorm_has_no_ideas_yet_is_a_break():
    found = chain.build_threads(full_data(brainstorms=[{"id": 7, "source_why_id": 3,
                                                        "top_idea_id": None}],
                                          ideas=[], cards=[], actions=[], goals=[],
                                          readings=[]))
    assert found == [Thread((PAIN, CAUSE), ("no_idea",))]
    assert [b.message for b in chain.broken(found)] == [
        "Brainstorm on this root cause has no ideas yet: No checklist up front"]


def test_without_a_card_the_thread_follows_the_top_ranked_idea_and_calls_out_the_gap():
    found = chain.build_threads(full_data(cards=[], actions=[], goals=[], readings=[]))
    top = Link("idea", 11, "Call every applicant")
    assert found == [Thread((PAIN, CAUSE, top), ("no_card",))]
    assert [b.message for b in chain.broken(found)] == [
        "Top idea not written up as a card yet: Call every applicant"]


def test_an_analysis_without_a_proven_root_cause_shows_its_problem_as_a_break():
    data = full_data(analyses=[{"id": 1, "problem": "Selfie check fails", "source_entry_id": None,
                                "entry_text": None}],
                     answers=[answer(2, None, "Low light", "unverified")])
    found = chain.build_threads(data)
    assert found[0] == Thread((Link("pain_point", 1, "Selfie check fails"),), ("no_root_cause",))


def test_cards_actions_and_goals_no_thread_reached_start_threads_of_their_own():
    data = full_data(
        cards=full_data().cards + [{"id": 21, "idea_id": None, "new_experience": "Card wallet",
                                    "status": "exploring"},
                                   {"id": 22, "idea_id": None, "new_experience": "Chatbot",
                                    "status": "retired"}],
        actions=full_data().actions + [{"id": 31, "title": "Fee notices", "card_id": None,
                                        "goal_id": 41},
                                       {"id": 32, "title": "Mystery shop", "card_id": 20,
                                        "goal_id": None}],
        goals=full_data().goals + [{"id": 41, "statement": "Keep households"},
                                   {"id": 42, "statement": "Cut churn"}])
    found = chain.build_threads(data)
    mystery = Link("action", 32, "Mystery shop")
    households = Link("goal", 41, "Keep households")
    assert found == [
        Thread((PAIN, CAUSE, IDEA, CARD, ACTION, GOAL, READING)),
        Thread((PAIN, CAUSE, IDEA, CARD, mystery), ("no_goal",)),
        Thread((Link("card", 21, "Card wallet"),), ("no_action",)),
        Thread((Link("card", 22, "Chatbot"),)),  # retired: stopped on purpose, not broken
        Thread((Link("action", 31, "Fee notices"), households), ("no_reading",)),
        Thread((Link("goal", 42, "Cut churn"),), ("no_reading",)),
    ]
    assert chain.broken(found) == [
        Break("no_goal", mystery), Break("no_action", Link("card", 21, "Card wallet")),
        Break("no_reading", households), Break("no_reading", Link("goal", 42, "Cut churn"))]


def test_the_layout_puts_kinds_in_columns_each_node_once_and_a_placeholder_per_break():
    found = chain.build_threads(full_data(
        actions=full_data().actions + [{"id": 32, "title": "Mystery shop", "card_id": 20,
                                        "goal_id": None}]))
    nodes, edges = chain.layout(found, x_gap=100, y_gap=10)
    assert [(n.id, n.x, n.y, n.placeholder) for n in nodes] == [
        ("pain_point:1", 0, 0, False), ("root_cause:3", 100, 0, False),
        ("idea:10", 200, 0, False), ("card:20", 300, 0, False), ("action:30", 400, 0, False),
        ("goal:40", 500, 0, False), ("reading:40", 600, 0, False),
        ("action:32", 400, 10, False), ("missing:1:goal", 500, 10, True)]
    assert edges[-2:] == [GraphEdge("card:20", "action:32"),
                          GraphEdge("action:32", "missing:1:goal", broken=True)]
    assert len(edges) == 8


def test_table_rows_have_a_column_per_kind_and_the_gaps():
    found = [Thread((ACTION, GOAL), ("no_reading",))]
    assert chain.table_rows(found) == [{
        "Pain point": "", "Root cause": "", "Idea": "", "Card": "", "Action": "Build the checklist",
        "Goal": "Lift mortgage NPS", "Latest reading": "", "Gaps": "Goal with no readings yet"}]


def test_the_sample_has_a_complete_thread_from_journey_entry_1_to_goal_1_readings(db):
    wid = sample.create_sample(db)
    found = chain.threads(db, wid)
    whole = [[(link.kind, link.id) for link in t.links] for t in found if not t.breaks]
    assert [("pain_point", 1), ("root_cause", 4), ("idea", 1), ("card", 1), ("action", 1),
            ("goal", 1), ("reading", 1)] in whole
    assert chain.has_content(db, wid)
