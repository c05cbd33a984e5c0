"""Journey maps: the 5 A's, stages that move and go, entries in lanes, emotions, and hand-offs."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from cxcore import journeys, pdf, sample
from cxcore.journeys import Entry, Stage
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError

A5 = ["Attract", "Accept", "Adopt", "Amplify", "Advance"]


def add_persona(db, workshop_id: int, name: str) -> int:
    """Personas belong to another step; a plain row is all a journey needs."""
    return db["personas"].insert({"workshop_id": workshop_id, "name": name}).last_pk


def stage_names(db, workshop_id: int, journey_id: int) -> list[str]:
    return [s.name for s in journeys.get_journey(db, workshop_id, journey_id).stages]


def cells(db, workshop_id: int, journey_id: int) -> list[tuple[str, str, list[str]]]:
    """(stage, lane, texts) for every non-empty cell, in the journey's order."""
    journey = journeys.get_journey(db, workshop_id, journey_id)
    return [(s.name, lane, [e.text for e in s.cell(lane)])
            for s in journey.stages for lane in journeys.LANES if s.cell(lane)]


@pytest.fixture
def workshop_id(make_workshop) -> int:
    return make_workshop()


@pytest.fixture
def journey_id(db, workshop_id) -> int:
    return journeys.create_journey(db, workshop_id, add_persona(db, workshop_id, "Margaret"),
                                   "Taking out a mortgage")


def stage_id(db, workshop_id, journey_id, name: str) -> int:
    return next(s.id for s in journeys.get_journey(db, workshop_id, journey_id).stages
                if s.name == name)


def test_a_new_journey_starts_with_the_five_as_and_their_guiding_questions(
        db, workshop_id, journey_id):
    journey = journeys.get_journey(db, workshop_id, journey_id)
    assert journey.label == "Margaret's journey: Taking out a mortgage"
    assert [(s.name, s.question, s.emotion, s.entries) for s in journey.stages] == [
        (name, question, None, ()) for name, question in journeys.DEFAULT_STAGES]
    assert [name for name, _ in journeys.DEFAULT_STAGES] == A5
    assert journeys.has_content(db, workshop_id)


def test_a_journey_without_a_persona_is_allowed_and_labelled_so(db, workshop_id):
    first = journeys.create_journey(db, workshop_id)
    second = journeys.create_journey(db, workshop_id, title="Branch visits")
    assert [j.label for j in journeys.list_journeys(db, workshop_id)] == [
        "No persona yet", "No persona yet: Branch visits"]
    assert [j.id for j in journeys.list_journeys(db, workshop_id)] == [first, second]


def test_a_persona_has_at_most_one_journey(db, workshop_id, journey_id):
    margaret = journeys.get_journey(db, workshop_id, journey_id).persona_id
    with pytest.raises(ValidationError, match="Margaret already has a journey"):
        journeys.create_journey(db, workshop_id, margaret)
    other = journeys.create_journey(db, workshop_id)
    with pytest.raises(ValidationError, match="Margaret already has a journey"):
        journeys.set_persona(db, workshop_id, other, margaret)
    assert journeys.personas_without_journey(db, workshop_id) == {}
    assert len(journeys.list_journeys(db, workshop_id)) == 2


def test_a_persona_of_another_workshop_cannot_be_used(db, make_workshop, workshop_id):
    elsewhere = add_persona(db, make_workshop("Other"), "Leo")
    with pytest.raises(NotFoundError):
        journeys.create_journey(db, workshop_id, elsewhere)
    assert journeys.list_journeys(db, workshop_id) == []


def test_persona_names_and_the_ones_still_without_a_journey(db, workshop_id, journey_id):
    leo = add_persona(db, workshop_id, "Leo")
    unnamed = add_persona(db, workshop_id, "")
    assert list(journeys.persona_names(db, workshop_id).values()) == [
        "Margaret", "Leo", f"Persona {unnamed}"]
    assert journeys.personas_without_journey(db, workshop_id) == {
        leo: "Leo", unnamed: f"Persona {unnamed}"}


def test_renaming_adding_and_removing_stages(db, workshop_id, journey_id):
    journeys.rename_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, "Attract"),
                          "  Discover ")
    new = journeys.add_stage(db, workshop_id, journey_id, "Leave", "Why would they go?")
    journeys.set_question(db, workshop_id, new, "What makes them leave?")
    journeys.remove_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, "Amplify"))
    journey = journeys.get_journey(db, workshop_id, journey_id)
    assert [s.name for s in journey.stages] == ["Discover", "Accept", "Adopt", "Advance", "Leave"]
    assert journey.stages[-1].question == "What makes them leave?"


def test_removing_a_stage_removes_its_entries(db, workshop_id, journey_id):
    accept = stage_id(db, workshop_id, journey_id, "Accept")
    journeys.add_entry(db, workshop_id, accept, "actions", "Books an appointment")
    journeys.add_entry(db, workshop_id, stage_id(db, workshop_id, journey_id, "Adopt"),
                       "needs", "Updates")
    journeys.remove_stage(db, workshop_id, accept)
    assert cells(db, workshop_id, journey_id) == [("Adopt", "needs", ["Updates"])]
    assert db["journey_entries"].count == 1


def test_the_last_stage_cannot_be_removed(db, workshop_id, journey_id):
    for name in A5[:-1]:
        journeys.remove_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, name))
    with pytest.raises(ValidationError, match="at least one stage"):
        journeys.remove_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, "Advance"))
    assert stage_names(db, workshop_id, journey_id) == ["Advance"]


def test_moving_a_stage_left_and_right_keeps_its_entries(db, workshop_id, journey_id):
    adopt = stage_id(db, workshop_id, journey_id, "Adopt")
    journeys.add_entry(db, workshop_id, adopt, "pain_points", "Calls go unanswered")
    journeys.set_emotion(db, workshop_id, adopt, -1)
    journeys.move_stage(db, workshop_id, adopt, -1)
    journeys.move_stage(db, workshop_id, adopt, -1)
    assert stage_names(db, workshop_id, journey_id) == [
        "Adopt", "Attract", "Accept", "Amplify", "Advance"]
    journeys.move_stage(db, workshop_id, adopt, 1)
    journey = journeys.get_journey(db, workshop_id, journey_id)
    assert [s.name for s in journey.stages] == ["Attract", "Adopt", "Accept", "Amplify", "Advance"]
    assert journey.stages[1] == Stage(adopt, "Adopt", journeys.DEFAULT_STAGES[2][1], -1, (
        Entry(journey.stages[1].entries[0].id, adopt, "pain_points", "Calls go unanswered"),))


@pytest.mark.parametrize("name, step, message", [
    ("Attract", -1, "Attract is already the first stage."),
    ("Advance", 1, "Advance is already the last stage."),
    ("Adopt", 2, "A stage moves one place left or right at a time."),
])
def test_a_stage_cannot_move_past_the_ends_or_jump(db, workshop_id, journey_id, name, step,
                                                   message):
    with pytest.raises(ValidationError, match=message):
        journeys.move_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, name), step)
    assert stage_names(db, workshop_id, journey_id) == A5


@pytest.mark.parametrize("name, message", [
    ("", "Stage name cannot be empty."),
    ("   ", "Stage name cannot be empty."),
    ("x" * 61, "Stage name is too long: 61 characters, the limit is 60."),
])
def test_bad_stage_names_are_refused_and_change_nothing(db, workshop_id, journey_id, name,
                                                        message):
    with pytest.raises(ValidationError, match=message):
        journeys.rename_stage(db, workshop_id, stage_id(db, workshop_id, journey_id, "Adopt"),
                              name)
    with pytest.raises(ValidationError, match=message):
        journeys.add_stage(db, workshop_id, journey_id, name)
    assert stage_names(db, workshop_id, journey_id) == A5


def test_entries_are_added_to_cells_in_order_edited_and_deleted(db, workshop_id, journey_id):
    accept = stage_id(db, workshop_id, journey_id, "Accept")
    first = journeys.add_entry(db, workshop_id, accept, "actions", " Books an appointment ")
    journeys.add_entry(db, workshop_id, accept, "actions", "Uploads payslips")
    thought = journeys.add_entry(db, workshop_id, accept, "thoughts", "Zoë\u0301 feels \u202eignored")
    journeys.update_entry(db, workshop_id, first, "Books a branch appointment")
    assert cells(db, workshop_id, journey_id) == [
        ("Accept", "actions", ["Books a branch appointment", "Uploads payslips"]),
        ("Accept", "thoughts", ["Zoë́ feels ignored"])]
    journeys.delete_entry(db, workshop_id, thought)
    journeys.delete_entry(db, workshop_id, first)
    assert cells(db, workshop_id, journey_id) == [("Accept", "actions", ["Uploads payslips"])]


@pytest.mark.parametrize("lane, text, message", [
    ("feelings", "Happy", "Unknown lane: feelings."),
    ("actions", "", "Entry cannot be empty."),
    ("actions", " \n\t ", "Entry cannot be empty."),
    ("actions", "x" * 201, "Entry is too long: 201 characters, the limit is 200."),
    ("actions", 42, "Entry must be text."),
])
def test_bad_entries_are_refused_and_change_nothing(db, workshop_id, journey_id, lane, text,
                                                    message):
    accept = stage_id(db, workshop_id, journey_id, "Accept")
    keep = journeys.add_entry(db, workshop_id, accept, "needs", "A clear timeline")
    with pytest.raises(ValidationError, match=message):
        journeys.add_entry(db, workshop_id, accept, lane, text)
    if lane == "actions":
        with pytest.raises(ValidationError, match=message):
            journeys.update_entry(db, workshop_id, keep, text)
    assert cells(db, workshop_id, journey_id) == [("Accept", "needs", ["A clear timeline"])]


@pytest.mark.parametrize("score", [-2, -1, 0, 1, 2, None])
def test_the_emotion_score_is_kept_from_minus_two_to_plus_two(db, workshop_id, journey_id,
                                                              score):
    adopt = stage_id(db, workshop_id, journey_id, "Adopt")
    journeys.set_emotion(db, workshop_id, adopt, 1)
    journeys.set_emotion(db, workshop_id, adopt, score)
    assert [s.emotion for s in journeys.get_journey(db, workshop_id, journey_id).stages] == [
        None, None, score, None, None]


@pytest.mark.parametrize("score, message", [
    (3, "Emotion score must be from -2 to 2, not 3."),
    (-3, "Emotion score must be from -2 to 2, not -3."),
    (1.5, "Emotion score must be a whole number from -2 to 2."),
    ("2", "Emotion score must be a whole number from -2 to 2."),
])
def test_an_emotion_outside_the_range_is_refused(db, workshop_id, journey_id, score, message):
    adopt = stage_id(db, workshop_id, journey_id, "Adopt")
    journeys.set_emotion(db, workshop_id, adopt, -1)
    with pytest.raises(ValidationError, match=message):
        journeys.set_emotion(db, workshop_id, adopt, score)
    assert journeys.get_journey(db, workshop_id, journey_id).stages[2].emotion == -1


def test_emotion_labels_name_the_feeling_or_say_not_scored():
    assert [journeys.emotion_label(s) for s in (-2, 0, 2, None)] == [
        "Very unhappy", "Neutral", "Delighted", "Not scored"]


def test_everything_belongs_to_its_own_workshop(db, make_workshop, workshop_id, journey_id):
    other = make_workshop("Other")
    accept = stage_id(db, workshop_id, journey_id, "Accept")
    entry = journeys.add_entry(db, workshop_id, accept, "actions", "Books")
    for call in (lambda: journeys.add_entry(db, other, accept, "actions", "Sneaky"),
                 lambda: journeys.update_entry(db, other, entry, "Sneaky"),
                 lambda: journeys.delete_entry(db, other, entry),
                 lambda: journeys.rename_stage(db, other, accept, "Sneaky"),
                 lambda: journeys.remove_stage(db, other, accept),
                 lambda: journeys.move_stage(db, other, accept, 1),
                 lambda: journeys.set_emotion(db, other, accept, 2),
                 lambda: journeys.add_stage(db, other, journey_id, "Sneaky"),
                 lambda: journeys.rename_journey(db, other, journey_id, "Sneaky"),
                 lambda: journeys.delete_journey(db, other, journey_id)):
        with pytest.raises(NotFoundError):
            call()
    assert cells(db, workshop_id, journey_id) == [("Accept", "actions", ["Books"])]
    assert journeys.list_journeys(db, other) == []


def test_deleting_a_journey_removes_its_stages_and_entries(db, workshop_id, journey_id):
    journeys.add_entry(db, workshop_id, stage_id(db, workshop_id, journey_id, "Accept"),
                       "actions", "Books")
    journeys.delete_journey(db, workshop_id, journey_id)
    assert (journeys.list_journeys(db, workshop_id), db["journey_stages"].count,
            db["journey_entries"].count) == ([], 0, 0)
    assert not journeys.has_content(db, workshop_id)


def test_a_pain_point_sent_to_the_five_whys_starts_a_linked_analysis(db, workshop_id,
                                                                      journey_id):
    from cxcore import whys

    accept = stage_id(db, workshop_id, journey_id, "Accept")
    pain = journeys.add_entry(db, workshop_id, accept, "pain_points", "Documents re-sent")
    analysis_id = journeys.send_to_whys(db, workshop_id, pain)
    row = db["why_analyses"].get(analysis_id)
    assert (row["workshop_id"], row["problem"], row["source_entry_id"]) == (
        workshop_id, "Documents re-sent", pain)
    [entry] = journeys.get_journey(db, workshop_id, journey_id).entries
    assert entry == Entry(pain, accept, "pain_points", "Documents re-sent", in_whys=True)
    assert [a.problem for a in whys.list_analyses(db, workshop_id)] == ["Documents re-sent"]


def test_an_opportunity_sent_to_the_brainstorm_becomes_its_prompt(db, workshop_id, journey_id):
    pytest.importorskip("cxcore.brainstorm", reason="the brainstorm step is not written yet")
    adopt = stage_id(db, workshop_id, journey_id, "Adopt")
    idea = journeys.add_entry(db, workshop_id, adopt, "opportunities", "Status tracker")
    brainstorm_id = journeys.send_to_brainstorm(db, workshop_id, idea)
    row = db["brainstorms"].get(brainstorm_id)
    assert (row["prompt"], row["technique"], row["source_entry_id"]) == (
        "Status tracker", "classic", idea)
    [entry] = journeys.get_journey(db, workshop_id, journey_id).entries
    assert (entry.in_brainstorm, entry.in_whys) == (True, False)


def test_sending_a_pain_point_again_opens_its_analysis_instead_of_a_duplicate(
        db, workshop_id, journey_id):
    accept = stage_id(db, workshop_id, journey_id, "Accept")
    pain = journeys.add_entry(db, workshop_id, accept, "pain_points", "Documents re-sent")
    first = journeys.send_to_whys(db, workshop_id, pain)
    assert journeys.send_to_whys(db, workshop_id, pain) == first
    assert db.execute("SELECT id, problem, source_entry_id FROM why_analyses").fetchall() == [
        (first, "Documents re-sent", pain)]


def test_sending_an_opportunity_again_opens_its_brainstorm_instead_of_a_duplicate(
        db, workshop_id, journey_id):
    pytest.importorskip("cxcore.brainstorm", reason="the brainstorm step is not written yet")
    adopt = stage_id(db, workshop_id, journey_id, "Adopt")
    idea = journeys.add_entry(db, workshop_id, adopt, "opportunities", "Status tracker")
    first = journeys.send_to_brainstorm(db, workshop_id, idea)
    assert journeys.send_to_brainstorm(db, workshop_id, idea) == first
    assert db.execute("SELECT id, prompt, source_entry_id FROM brainstorms").fetchall() == [
        (first, "Status tracker", idea)]


@pytest.mark.parametrize("lane", [lane for lane in journeys.LANES if lane != "pain_points"])
def test_only_pain_points_can_go_to_the_five_whys(db, workshop_id, journey_id, lane):
    entry = journeys.add_entry(db, workshop_id, stage_id(db, workshop_id, journey_id, "Adopt"),
                               lane, "Something")
    with pytest.raises(ValidationError, match="Only pain points can go to the 5 Whys"):
        journeys.send_to_whys(db, workshop_id, entry)
    assert db["why_analyses"].count == 0


@pytest.mark.parametrize("lane", [lane for lane in journeys.LANES if lane != "opportunities"])
def test_only_opportunities_can_go_to_the_brainstorm(db, workshop_id, journey_id, lane):
    entry = journeys.add_entry(db, workshop_id, stage_id(db, workshop_id, journey_id, "Adopt"),
                               lane, "Something")
    with pytest.raises(ValidationError, match="Only opportunities can go to a brainstorm"):
        journeys.send_to_brainstorm(db, workshop_id, entry)
    assert db["brainstorms"].count == 0


def test_the_pdf_grid_puts_customer_lanes_above_the_line_of_visibility():
    stage = Stage(7, "Accept", "", -2, (
        Entry(1, 7, "actions", "Books"), Entry(2, 7, "pain_points", "Stalls", in_whys=True),
        Entry(3, 7, "pain_points", "Re-sends"), Entry(4, 7, "opportunities", "Tracker",
                                                      in_whys=False, in_brainstorm=True)))
    assert journeys.grid_rows([stage]) == [
        ["Emotion", "Very unhappy (-2)"],
        ["Actions", "• Books"], ["Needs", ""], ["Thoughts and feelings", ""],
        ["LINE OF VISIBILITY", "- - - - - -"],
        ["Touchpoints", ""], ["Systems", ""], ["Processes", ""],
        ["Pain points", "• Stalls [in 5 Whys]\n• Re-sends"],
        ["Opportunities", "• Tracker [in brainstorm]"]]


def test_the_sample_has_a_journey_per_persona_with_the_stalled_application_first(db):
    wid = sample.create_sample(db)
    found = journeys.list_journeys(db, wid)
    assert [(j.persona_name, [s.name for s in j.stages]) for j in found] == [
        ("Margaret", A5), ("Leo", A5), ("Dana", A5)]
    margaret = found[0]
    assert all(1 <= len(s.cell(lane)) <= 3 for s in margaret.stages for lane in journeys.LANES)
    assert all(s.emotion is not None for s in margaret.stages)
    first = min(margaret.entries, key=lambda e: e.id)
    assert (first.lane, margaret.stages[1].name, first.text) == (
        "pain_points", "Accept", "Mortgage application stalls while customers re-send documents")
    assert first in margaret.stages[1].entries
    assert any(e.lane == "opportunities" for e in margaret.entries)


def test_the_pdf_has_the_journey_grid_and_emotion_curve_for_each_journey(db):
    wid = sample.create_sample(db)
    reader = PdfReader(io.BytesIO(pdf.build_pdf(db, wid)))
    titles = [o.title for o in reader.outline]
    start = reader.get_destination_page_number(reader.outline[titles.index("Map: Journey map")])
    end = reader.get_destination_page_number(reader.outline[titles.index("Map: Journey map") + 1])
    pages = reader.pages[start:end]
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    for expected in ("Margaret's journey: Taking out a mortgage",
                     "Leo's journey: Opening a student account on the app",
                     "Dana's journey: Running everyday accounts across branch and app",
                     "Attract Accept Adopt Amplify Advance", "Thoughts and feelings",
                     "Mortgage application stalls while customers re-send documents"):
        assert expected in text
    assert text.count("LINE OF VISIBILITY") == 3
    assert sum(len(p.images) for p in pages) == 3  # one emotion curve per journey


def test_stage_names_and_titles_with_dollar_signs_are_drawn_as_text_in_the_pdf(db, workshop_id):
    journey_id = journeys.create_journey(db, workshop_id, None, r"Costs $\frac$ path")
    first, second = journeys.get_journey(db, workshop_id, journey_id).stages[:2]
    journeys.set_emotion(db, workshop_id, first.id, 1)
    journeys.rename_stage(db, workshop_id, second.id, r"Pay $5 or $\alpha")
    figure = journeys.emotion_figure(journeys.get_journey(db, workshop_id, journey_id))
    figure.canvas.draw()  # a name read as a formula would fail here
    axes = figure.axes[0]
    assert ([t.get_text() for t in axes.get_xticklabels()][:2], axes.get_title(loc="left")) == (
        ["Attract", r"Pay $5 or $\alpha"], r"Emotion curve: No persona yet: Costs $\frac$ path")
    report = pdf.Report("Test")
    report.add_page()
    journeys.pdf_section(report, db, workshop_id)
    assert len(report.output()) > 0
