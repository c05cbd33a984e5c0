"""Brainstorms in the database: sources, techniques, ideas, votes, scores, merging, the PDF."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from cxcore import brainstorm, challenge, ideas, pdf
from cxcore.brainstorm import Idea, PromptSource, Provocation
from cxcore.ranking import Ranked
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


def add_sources(db, workshop_id: int) -> dict[str, int]:
    """A chosen challenge, a why tree with one root cause, a journey opportunity."""
    ids = {"challenge": challenge.add_draft(db, workshop_id, "Home buyers",
                                            "get a decision in one sitting", "they can bid")}
    analysis = db["why_analyses"].insert({"workshop_id": workshop_id,
                                          "problem": "Applications stall"}).last_pk
    answer = {"workshop_id": workshop_id, "analysis_id": analysis, "status": "proven"}
    top = db["why_answers"].insert({**answer, "text": "Documents are re-sent"}).last_pk
    ids["why"] = db["why_answers"].insert({**answer, "parent_id": top,
                                           "text": "The portal loses uploads"}).last_pk
    db["why_answers"].insert({**answer, "parent_id": top, "status": "disproven",
                              "text": "Customers are careless"})
    journey = db["journeys"].insert({"workshop_id": workshop_id, "title": "Margaret"}).last_pk
    stage = db["journey_stages"].insert({"workshop_id": workshop_id, "journey_id": journey,
                                         "name": "Accept"}).last_pk
    entry = {"workshop_id": workshop_id, "stage_id": stage}
    db["journey_entries"].insert({**entry, "lane": "pain_points", "text": "Waiting"})
    ids["entry"] = db["journey_entries"].insert({**entry, "lane": "opportunities",
                                                 "text": "Track the application live"}).last_pk
    return ids


def test_prompt_sources_are_the_chosen_challenge_root_causes_and_opportunities(db,
                                                                                make_workshop):
    wid = make_workshop()
    ids = add_sources(db, wid)
    assert brainstorm.prompt_sources(db, wid) == [
        PromptSource("challenge", ids["challenge"],
                     "Home buyers can get a decision in one sitting so that they can bid."),
        PromptSource("why", ids["why"], "The portal loses uploads"),
        PromptSource("entry", ids["entry"], "Track the application live")]


def test_only_root_causes_under_the_whys_rule_are_offered_as_prompts(db, make_workshop):
    """A proven answer under a disproven or an unverified one is not a root cause."""
    wid = make_workshop()
    analysis = db["why_analyses"].insert({"workshop_id": wid, "problem": "Stalls"}).last_pk
    answer = {"workshop_id": wid, "analysis_id": analysis}
    wrong = db["why_answers"].insert({**answer, "text": "Blurry photos",
                                      "status": "disproven"}).last_pk
    db["why_answers"].insert({**answer, "parent_id": wrong, "text": "Photos compressed",
                              "status": "proven"})
    open_question = db["why_answers"].insert({**answer, "text": "Advisers disagree",
                                              "status": "unverified"}).last_pk
    db["why_answers"].insert({**answer, "parent_id": open_question, "text": "No shared list",
                              "status": "proven"})
    proven = db["why_answers"].insert({**answer, "text": "Checklist comes late",
                                       "status": "proven"}).last_pk
    assert brainstorm.prompt_sources(db, wid) == [
        PromptSource("why", proven, "Checklist comes late")]


def test_the_sample_offers_its_one_proven_root_cause_and_not_the_disproven_branch(db):
    from cxcore import sample

    wid = sample.create_sample(db)
    offered = [s.text for s in brainstorm.prompt_sources(db, wid) if s.kind == "why"]
    assert offered == ["The checklist is built by the underwriting engine, which only runs "
                       "after submission"]


@pytest.mark.parametrize("source, expected", [
    ("why", "From the 5 Whys: The portal loses uploads"),
    ("entry", "From the journey map: Track the application live"),
    ("challenge", "From the focusing challenge: Home buyers can get a decision in one sitting "
                  "so that they can bid."),
    (None, None),
])
def test_a_brainstorm_created_from_each_source_links_back_to_it(db, make_workshop, source,
                                                                expected):
    wid = make_workshop()
    ids = add_sources(db, wid)
    refs = {f"source_{source}_id": ids[source]} if source else {}
    bid = brainstorm.create_brainstorm(db, wid, "  How might we stop re-sends? ", "what_if",
                                       **refs)
    created = brainstorm.get_brainstorm(db, wid, bid)
    assert (created.prompt, created.technique, created.phase, created.dots_per_voter,
            created.weights) == ("How might we stop re-sends?", "what_if", "diverge", 3,
                                 (1.0, 1.0, 1.0))
    assert brainstorm.source_link(db, created) == expected
    assert brainstorm.has_content(db, wid)


@pytest.mark.parametrize("prompt, technique, refs, error", [
    ("", "classic", {}, ValidationError),
    ("x" * 501, "classic", {}, ValidationError),
    ("Fine", "mindmap", {}, ValidationError),
    ("Fine", "classic", {"source_why_id": 999}, NotFoundError),
])
def test_a_bad_brainstorm_is_refused_and_nothing_is_created(db, make_workshop, prompt,
                                                           technique, refs, error):
    wid = make_workshop()
    with pytest.raises(error):
        brainstorm.create_brainstorm(db, wid, prompt, technique, **refs)
    assert brainstorm.list_brainstorms(db, wid) == []


def test_a_source_from_another_workshop_is_refused(db, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    ids = add_sources(db, theirs)
    with pytest.raises(NotFoundError):
        brainstorm.create_brainstorm(db, mine, "Prompt", source_entry_id=ids["entry"])


def test_the_phase_switches_between_diverge_and_converge(db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt")
    brainstorm.set_phase(db, wid, bid, "converge")
    assert brainstorm.get_brainstorm(db, wid, bid).phase == "converge"
    with pytest.raises(ValidationError):
        brainstorm.set_phase(db, wid, bid, "judge")
    brainstorm.set_phase(db, wid, bid, "diverge")
    assert brainstorm.get_brainstorm(db, wid, bid).phase == "diverge"


def test_what_if_ideas_sit_under_at_most_three_provocations(db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt", "what_if")
    first, *_ = [brainstorm.add_provocation(db, wid, bid, f"What if {n}?") for n in "abc"]
    with pytest.raises(ValidationError, match="works with 3 provocations"):
        brainstorm.add_provocation(db, wid, bid, "What if d?")
    idea = ideas.add_idea(db, wid, bid, "Upload once", provocation_id=first)
    current = brainstorm.board(db, wid, bid)
    assert current.provocations == [Provocation(first, "What if a?"),
                                    Provocation(first + 1, "What if b?"),
                                    Provocation(first + 2, "What if c?")]
    assert current.ideas == [Idea(idea, "Upload once", provocation_id=first)]


def test_wrong_way_ideas_keep_the_bad_idea_and_its_flip(db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt", "wrong_way")
    idea = ideas.add_idea(db, wid, bid, "Ask for every document twice", author="Sam")
    ideas.update_idea(db, wid, idea, "flipped", "Ask for each document once, ever")
    assert brainstorm.board(db, wid, bid).ideas == [Idea(
        idea, "Ask for every document twice", flipped="Ask for each document once, ever",
        author="Sam")]


@pytest.mark.parametrize("text, author", [("", ""), ("   ", ""), ("x" * 301, ""),
                                          ("Fine", "n" * 61)])
def test_an_empty_or_overlong_idea_is_refused_and_nothing_is_added(db, make_workshop, text,
                                                                   author):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt")
    with pytest.raises(ValidationError):
        ideas.add_idea(db, wid, bid, text, author=author)
    assert brainstorm.board(db, wid, bid).ideas == []


def three_scored_ideas(db, wid):
    bid = brainstorm.create_brainstorm(db, wid, "Prompt")
    one, two, three = (ideas.add_idea(db, wid, bid, text) for text in ("A", "B", "C"))
    brainstorm.set_phase(db, wid, bid, "converge")
    for idea, values in ((one, (2, 2, 2)), (two, (5, 5, 1))):
        for criterion, value in zip(("customer_value", "business_value", "feasibility"), values):
            ideas.set_score(db, wid, idea, criterion, value)
    return bid, one, two, three


def test_scores_and_weights_rank_the_ideas(db, make_workshop):
    wid = make_workshop()
    bid, one, two, three = three_scored_ideas(db, wid)
    assert brainstorm.board(db, wid, bid).ranking() == [
        Ranked(1, two, 3.67, 0), Ranked(2, one, 2.0, 0), Ranked(3, three, None, 0)]
    brainstorm.set_weight(db, wid, bid, "feasibility", 10)
    assert brainstorm.board(db, wid, bid).ranking() == [
        Ranked(1, one, 2.0, 0), Ranked(2, two, 1.67, 0), Ranked(3, three, None, 0)]


@pytest.mark.parametrize("criterion, weight", [("feasibility", -1), ("feasibility", 11),
                                               ("speed", 1)])
def test_a_weight_out_of_range_is_refused(db, make_workshop, criterion, weight):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt")
    with pytest.raises(ValidationError):
        brainstorm.set_weight(db, wid, bid, criterion, weight)
    assert brainstorm.get_brainstorm(db, wid, bid).weights == (1.0, 1.0, 1.0)


def test_the_last_weight_above_zero_cannot_be_zeroed(db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "Prompt")
    brainstorm.set_weight(db, wid, bid, "customer_value", 0)
    brainstorm.set_weight(db, wid, bid, "business_value", 0)
    with pytest.raises(ValidationError, match="At least one criterion"):
        brainstorm.set_weight(db, wid, bid, "feasibility", 0)
    assert brainstorm.get_brainstorm(db, wid, bid).weights == (0.0, 0.0, 1.0)


def test_votes_respect_each_voters_budget_named_or_anonymous(db, make_workshop):
    wid = make_workshop()
    bid, one, two, _ = three_scored_ideas(db, wid)
    brainstorm.set_dots_per_voter(db, wid, bid, 2)
    ideas.cast_vote(db, wid, one, "Ana", 2)
    ideas.cast_vote(db, wid, two, "Anonymous 1")
    ideas.cast_vote(db, wid, two, "anonymous 1")
    with pytest.raises(ValidationError, match="Ana has used 2 of 2 dots"):
        ideas.cast_vote(db, wid, two, "ana")
    with pytest.raises(ValidationError, match="budget cannot go below 2"):
        brainstorm.set_dots_per_voter(db, wid, bid, 1)
    current = brainstorm.board(db, wid, bid)
    assert current.votes == [("Ana", 2), ("Anonymous 1", 2)]
    assert [(i.id, i.votes) for i in current.ideas] == [(one, 2), (two, 2), (one + 2, 0)]
    ideas.take_back_vote(db, wid, one, "ANA")
    ideas.cast_vote(db, wid, two, "Ana")
    assert brainstorm.board(db, wid, bid).votes == [("Ana", 1), ("Anonymous 1", 2), ("Ana", 1)]


def test_merging_moves_votes_and_missing_scores_to_the_kept_idea(db, make_workshop):
    wid = make_workshop()
    bid, one, two, three = three_scored_ideas(db, wid)
    ideas.set_score(db, wid, one, "feasibility", None)
    ideas.cast_vote(db, wid, one, "Ana")
    ideas.cast_vote(db, wid, two, "Ana")
    ideas.cast_vote(db, wid, two, "Ben", 2)
    ideas.merge(db, wid, two, one)
    current = brainstorm.board(db, wid, bid)
    assert current.ideas == [Idea(one, "A", scores=(2, 2, 1), votes=4),
                             Idea(two, "B", merged_into_id=one),
                             Idea(three, "C")]
    assert list(db["votes"].rows_where(select="idea_id, voter, dots", order_by="id")) == [
        {"idea_id": one, "voter": "Ana", "dots": 2}, {"idea_id": one, "voter": "Ben", "dots": 2}]
    assert current.ranking() == [Ranked(1, one, 1.67, 4), Ranked(2, three, None, 0)]


def test_merging_a_kept_idea_carries_its_own_duplicates_along(db, make_workshop):
    wid = make_workshop()
    bid, one, two, three = three_scored_ideas(db, wid)
    ideas.merge(db, wid, two, one)
    ideas.merge(db, wid, one, three)
    assert [(i.id, i.merged_into_id) for i in brainstorm.board(db, wid, bid).ideas] == [
        (one, three), (two, three), (three, None)]


@pytest.mark.parametrize("pair, message", [
    ("same", "Pick two different ideas"), ("merged", "was merged into another")])
def test_a_bad_merge_is_refused(db, make_workshop, pair, message):
    wid = make_workshop()
    bid, one, two, three = three_scored_ideas(db, wid)
    ideas.merge(db, wid, two, one)
    duplicate, keep = (one, one) if pair == "same" else (three, two)
    with pytest.raises(ValidationError, match=message):
        ideas.merge(db, wid, duplicate, keep)


def test_themes_are_set_one_idea_at_a_time(db, make_workshop):
    wid = make_workshop()
    bid, one, two, three = three_scored_ideas(db, wid)
    ideas.update_idea(db, wid, one, "theme", " Speed ")
    ideas.update_idea(db, wid, three, "theme", "Speed")
    with pytest.raises(ValidationError):
        ideas.update_idea(db, wid, two, "theme", "t" * 61)
    assert brainstorm.themes(brainstorm.board(db, wid, bid)) == {"Speed": [one, three],
                                                                 "": [two]}


def test_an_idea_of_another_workshop_cannot_be_touched(db, make_workshop):
    mine = make_workshop("Mine")
    theirs = make_workshop("Theirs")
    bid, one, _, _ = three_scored_ideas(db, theirs)
    before = brainstorm.board(db, theirs, bid)
    for attempt in (lambda: ideas.cast_vote(db, mine, one, "Ana"),
                    lambda: ideas.set_score(db, mine, one, "feasibility", 3),
                    lambda: ideas.update_idea(db, mine, one, "text", "Hijack")):
        with pytest.raises(NotFoundError):
            attempt()
    assert brainstorm.board(db, theirs, bid) == before


def test_the_pdf_shows_the_ranking_table(db, make_workshop):
    wid = make_workshop()
    bid, one, two, _ = three_scored_ideas(db, wid)
    report = pdf.Report("Test")
    report.add_page()
    brainstorm.pdf_section(report, db, wid)
    text = PdfReader(io.BytesIO(bytes(report.output()))).pages[0].extract_text()
    assert "Classic brainstorm: Prompt" in text
    assert "3.67" in text and "2.00" in text
