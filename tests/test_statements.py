"""Vision, mission and success strategy statements: drafts, composition, one final per kind."""
from __future__ import annotations

import pytest

from cxcore import sample, statements, workshops
from cxcore.statements import Statement
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


def finals(db, workshop_id: int) -> list[tuple[str, str, bool]]:
    return [(s.kind, s.text, s.final) for s in statements.list_statements(db, workshop_id)]


@pytest.mark.parametrize("experience, promise, business, expected", [
    ("gets a clear answer", "to keep fees visible", "trust brings more business",
     "Every customer gets a clear answer. We promise to keep fees visible. "
     "This matters because trust brings more business."),
    ("gets a clear answer.", " to keep fees  visible. ", "trust brings more business.",
     "Every customer gets a clear answer. We promise to keep fees visible. "
     "This matters because trust brings more business."),
    ("gets a clear answer", "", "", "Every customer gets a clear answer."),
    ("", "to keep fees visible", "", "We promise to keep fees visible."),
    ("", "", "trust brings more business", "This matters because trust brings more business."),
    ("", "  ", "", ""),
])
def test_the_mission_is_composed_from_its_three_prompts_leaving_out_empty_ones(
        experience, promise, business, expected):
    assert statements.compose_mission(experience, promise, business) == expected


def test_a_mission_draft_keeps_its_prompts_and_the_composed_text(db, make_workshop):
    wid = make_workshop()
    sid = statements.add_mission_draft(db, wid, "feels known", "to answer fast", "they stay")
    assert statements.list_statements(db, wid) == [Statement(
        sid, "mission", "Every customer feels known. We promise to answer fast. "
        "This matters because they stay.", "feels known", "to answer fast", "they stay", False)]


def test_changing_a_prompt_rebuilds_the_mission_until_its_text_is_edited_by_hand(
        db, make_workshop):
    wid = make_workshop()
    sid = statements.add_mission_draft(db, wid, "feels known", "to answer fast", "they stay")
    statements.update_prompt(db, wid, sid, "prompt_business", "they bring friends")
    assert statements.list_statements(db, wid)[0].text == (
        "Every customer feels known. We promise to answer fast. "
        "This matters because they bring friends.")
    statements.update_text(db, wid, sid, "Our own words for the mission.")
    statements.update_prompt(db, wid, sid, "prompt_promise", "to be fair")
    edited = statements.list_statements(db, wid)[0]
    assert (edited.text, edited.prompt_promise) == ("Our own words for the mission.", "to be fair")
    statements.rebuild_mission(db, wid, sid)
    assert statements.list_statements(db, wid)[0].text == (
        "Every customer feels known. We promise to be fair. "
        "This matters because they bring friends.")


def test_a_mission_needs_at_least_one_prompt_and_only_missions_have_prompts(db, make_workshop):
    wid = make_workshop()
    with pytest.raises(ValidationError, match="Answer at least one of the three prompts"):
        statements.add_mission_draft(db, wid, " ", "", "")
    vision = statements.add_draft(db, wid, "vision", "A bank people like.")
    with pytest.raises(ValidationError, match="Only the mission statement"):
        statements.update_prompt(db, wid, vision, "prompt_promise", "to be fair")
    with pytest.raises(ValidationError, match="Unknown prompt"):
        statements.update_prompt(db, wid, vision, "text", "x")
    assert finals(db, wid) == [("vision", "A bank people like.", False)]


def test_marking_a_draft_final_unmarks_the_previous_final_of_the_same_kind_only(
        db, make_workshop):
    wid = make_workshop()
    first = statements.add_draft(db, wid, "vision", "First vision.")
    second = statements.add_draft(db, wid, "vision", "Second vision.")
    success = statements.add_draft(db, wid, "success", "Success.")
    statements.mark_final(db, wid, success)
    statements.mark_final(db, wid, first)
    statements.mark_final(db, wid, second)
    assert finals(db, wid) == [("vision", "First vision.", False),
                               ("vision", "Second vision.", True),
                               ("success", "Success.", True)]
    statements.mark_final(db, wid, second, final=False)
    assert finals(db, wid) == [("vision", "First vision.", False),
                               ("vision", "Second vision.", False),
                               ("success", "Success.", True)]


def test_final_statements_gives_the_final_text_of_each_kind_in_path_order(db, make_workshop):
    wid = make_workshop()
    success = statements.add_draft(db, wid, "success", "Grow by keeping customers.")
    statements.add_draft(db, wid, "vision", "A draft vision.")
    mission = statements.add_mission_draft(db, wid, promise="to be fair")
    statements.mark_final(db, wid, success)
    statements.mark_final(db, wid, mission)
    assert statements.final_statements(db, wid) == {
        "mission": "We promise to be fair.", "success": "Grow by keeping customers."}
    assert list(statements.final_statements(db, wid)) == ["mission", "success"]


def test_the_sample_has_a_final_statement_of_each_kind_and_an_earlier_draft(db):
    wid = sample.create_sample(db)
    assert list(statements.final_statements(db, wid)) == ["vision", "mission", "success"]
    drafts = [s for s in statements.list_statements(db, wid) if not s.final]
    assert [(s.kind, s.text) for s in drafts] == [
        ("vision", "To be the friendliest bank on the coast.")]
    mission = next(s for s in statements.list_statements(db, wid, "mission"))
    assert mission.text == statements.compose_mission(
        mission.prompt_experience, mission.prompt_promise, mission.prompt_business)


@pytest.mark.parametrize("kind, text, message", [
    ("vision", "", "The CX vision statement cannot be empty."),
    ("success", "   \n ", "The success strategy statement cannot be empty."),
    ("vision", "x" * 1201, "The CX vision statement is too long: 1201 characters, the limit "
                           "is 1200."),
    ("values", "We value people.", "Unknown kind of statement: values."),
])
def test_bad_statements_are_refused_and_nothing_is_stored(db, make_workshop, kind, text,
                                                          message):
    wid = make_workshop()
    with pytest.raises(ValidationError) as refused:
        statements.add_draft(db, wid, kind, text)
    assert str(refused.value).startswith(message)
    assert statements.list_statements(db, wid) == []
    assert not statements.has_content(db, wid)


def test_odd_unicode_is_cleaned_before_it_is_stored(db, make_workshop):
    wid = make_workshop()
    sid = statements.add_draft(db, wid, "vision", "  Caf\u0065\u0301 \u202eclients\u0000 \n"
                                                  "feel welcome ")
    assert statements.list_statements(db, wid)[0].text == "Caf\u00e9 clients \nfeel welcome"
    assert statements.has_content(db, wid)
    with pytest.raises(ValidationError):
        statements.update_text(db, wid, sid, "")
    assert statements.list_statements(db, wid)[0].text == "Caf\u00e9 clients \nfeel welcome"


def test_statements_of_another_workshop_cannot_be_changed(db, make_workshop):
    one, two = make_workshop("One"), make_workshop("Two")
    sid = statements.add_draft(db, one, "vision", "Ours.")
    for action in (lambda: statements.mark_final(db, two, sid),
                   lambda: statements.update_text(db, two, sid, "Theirs."),
                   lambda: statements.delete(db, two, sid)):
        with pytest.raises(NotFoundError):
            action()
    assert finals(db, one) == [("vision", "Ours.", False)]
    statements.delete(db, one, sid)
    assert statements.list_statements(db, one) == []


def test_adding_a_statement_touches_the_workshop(db, make_workshop):
    wid = make_workshop()
    before = workshops.get(db, wid).updated
    db.execute("UPDATE workshops SET updated = '2000-01-01T00:00:00+00:00' WHERE id = ?", [wid])
    statements.add_draft(db, wid, "vision", "A vision.")
    assert workshops.get(db, wid).updated >= before
