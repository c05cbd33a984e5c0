"""Deleting with a way back: what goes with a deletion, and restoring it as it was."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from cxcore import (backup, brainstorm, cards, challenge, empathy, goals, ideas, measurement,
                    personas, plan, recycle, statements, whys, workshops)
from cxcore import db as store
from cxcore.text import ValidationError


def artefacts(db, workshop_id: int) -> dict:
    """Every artefact row of the workshop, exactly as a backup holds it."""
    return backup.export_document(db, workshop_id)["tables"]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(out, format="PNG")
    return out.getvalue()


def idea_with_votes_score_and_card(db, wid: int) -> tuple[int, int, int]:
    """A brainstorm whose idea has 3 votes, a score and a card; returns (board, idea, card)."""
    board = brainstorm.create_brainstorm(db, wid, "How might we speed up onboarding?")
    ideas.add_idea(db, wid, board, "A checklist before the visit")
    idea = ideas.add_idea(db, wid, board, "Video calls with an adviser", author="Sam")
    for voter in ("Ana", "Ben", "Cy"):
        ideas.cast_vote(db, wid, idea, voter)
    ideas.set_score(db, wid, idea, "customer_value", 4)
    card = cards.create_from_idea(db, wid, idea)
    return board, idea, card


def test_deleting_an_idea_says_its_votes_score_and_card_link_go_with_it(db, make_workshop):
    wid = make_workshop()
    _, idea, _ = idea_with_votes_score_and_card(db, wid)
    assert recycle.dependents(db, wid, "ideas", idea) == [
        "its 3 votes", "its score", "the card “We believe Video calls with an adviser” loses its link"]
    assert recycle.question(db, wid, "ideas", idea) == (
        "Delete this idea? Its 3 votes and its score go with it, and the card "
        "“We believe Video calls with an adviser” loses its link.")


def test_an_idea_with_nothing_attached_needs_no_question(db, make_workshop):
    wid = make_workshop()
    board = brainstorm.create_brainstorm(db, wid, "Prompt")
    idea = ideas.add_idea(db, wid, board, "Lonely idea")
    assert recycle.dependents(db, wid, "ideas", idea) == []
    assert recycle.question(db, wid, "ideas", idea) is None


def test_restoring_a_deleted_idea_brings_back_its_votes_score_and_card_link(db, make_workshop):
    wid = make_workshop()
    _, idea, card = idea_with_votes_score_and_card(db, wid)
    before = artefacts(db, wid)
    token = recycle.delete(db, wid, "ideas", idea, action=ideas.delete_idea)
    after_delete = artefacts(db, wid)
    assert [i["text"] for i in after_delete["ideas"]] == ["A checklist before the visit"]
    assert (after_delete["votes"], after_delete["scores"]) == ([], [])
    assert cards.get_card(db, wid, card).idea_id is None
    assert recycle.recently_deleted(db, wid)[0].label == "Idea “Video calls with an adviser”"
    assert recycle.restore(db, wid, token) == "Idea restored."
    assert artefacts(db, wid) == before
    assert recycle.recently_deleted(db, wid) == []


def test_a_restore_done_once_cannot_be_done_twice(db, make_workshop):
    wid = make_workshop()
    _, idea, _ = idea_with_votes_score_and_card(db, wid)
    token = recycle.delete(db, wid, "ideas", idea)
    recycle.restore(db, wid, token)
    with pytest.raises(workshops.NotFoundError, match="cannot be undone any more"):
        recycle.restore(db, wid, token)


def test_an_idea_whose_id_was_taken_since_comes_back_under_a_new_id_with_its_links(
        db, make_workshop):
    wid = make_workshop()
    board, idea, card = idea_with_votes_score_and_card(db, wid)
    token = recycle.delete(db, wid, "ideas", idea)
    newcomer = ideas.add_idea(db, wid, board, "Newcomer")
    ideas.cast_vote(db, wid, newcomer, "Ana")
    ideas.set_score(db, wid, newcomer, "customer_value", 2)
    recycle.restore(db, wid, token)
    current = brainstorm.board(db, wid, board)
    back = next(i for i in current.ideas if i.text == "Video calls with an adviser")
    assert newcomer == idea and back.id != idea  # SQLite handed the id out again
    assert sorted((v["voter"], v["idea_id"]) for v in artefacts(db, wid)["votes"]) == sorted(
        [("Ana", back.id), ("Ben", back.id), ("Cy", back.id), ("Ana", newcomer)])
    assert sorted((s["idea_id"], s["customer_value"]) for s in artefacts(db, wid)["scores"]) == \
        sorted([(back.id, 4), (newcomer, 2)])
    assert cards.get_card(db, wid, card).idea_id == back.id


def test_a_deleted_idea_of_a_brainstorm_deleted_since_is_refused_and_changes_nothing(
        db, make_workshop):
    wid = make_workshop()
    board, idea, _ = idea_with_votes_score_and_card(db, wid)
    token = recycle.delete(db, wid, "ideas", idea)
    brainstorm.delete_brainstorm(db, wid, board)
    before = artefacts(db, wid)
    with pytest.raises(recycle.RestoreConflict,
                       match="Idea “Video calls with an adviser” cannot be restored: the "
                             "brainstorm it belongs to was deleted since. Restore that first."):
        recycle.restore(db, wid, token)
    assert artefacts(db, wid) == before
    assert not db.conn.in_transaction
    assert [d.token for d in recycle.recently_deleted(db, wid)] == [token]


def test_the_chosen_challenge_asks_and_comes_back_chosen_with_its_brainstorm_link(
        db, make_workshop):
    wid = make_workshop()
    chosen = challenge.add_draft(db, wid, "first-time buyers", "get a decision fast", "trust")
    board = brainstorm.create_brainstorm(db, wid, "How might we help first-time buyers?",
                                         source_challenge_id=chosen)
    assert recycle.question(db, wid, "challenges", chosen) == (
        "Delete this focusing challenge? It is the chosen focusing challenge. The brainstorm "
        "“How might we help first-time buyers?” loses its link.")
    before = artefacts(db, wid)
    token = recycle.delete(db, wid, "challenges", chosen, action=challenge.delete)
    assert challenge.chosen_challenge(db, wid) is None
    assert brainstorm.get_brainstorm(db, wid, board).source_challenge_id is None
    assert recycle.restore(db, wid, token) == "Focusing challenge restored."
    assert artefacts(db, wid) == before


def test_a_chosen_challenge_restored_after_another_was_chosen_comes_back_as_a_draft(
        db, make_workshop):
    wid = make_workshop()
    first = challenge.add_draft(db, wid, "first-time buyers", "get a decision fast", "trust")
    token = recycle.delete(db, wid, "challenges", first)
    second = challenge.add_draft(db, wid, "students", "open an account", "loyalty")
    assert recycle.restore(db, wid, token) == (
        "Focusing challenge restored. It is back as a draft: another focusing challenge is "
        "the chosen one now.")
    assert second == first  # SQLite handed the id out again
    assert {c.what: c.chosen for c in challenge.list_challenges(db, wid)} == {
        "get a decision fast": False, "open an account": True}


def test_the_final_statement_says_so_before_it_is_deleted(db, make_workshop):
    wid = make_workshop()
    vision = statements.add_draft(db, wid, "vision", "Customers feel looked after.")
    statements.mark_final(db, wid, vision)
    assert recycle.question(db, wid, "statements", vision) == (
        "Delete this statement? It is the final vision statement.")


def test_a_why_answer_takes_the_answers_beneath_it_and_they_all_come_back(db, make_workshop):
    wid = make_workshop()
    analysis = whys.create_analysis(db, wid, "Applications stall")
    top = whys.add_answer(db, wid, analysis, None, "Documents are missing")
    middle = whys.add_answer(db, wid, analysis, top, "Nobody says which ones")
    whys.add_answer(db, wid, analysis, middle, "The checklist is internal")
    whys.add_answer(db, wid, analysis, None, "Valuations are slow")
    board = brainstorm.create_brainstorm(db, wid, "How might we share the checklist?",
                                         source_why_id=middle)
    assert recycle.question(db, wid, "why_answers", top) == (
        "Delete this answer? The 2 answers beneath it go with it, and the brainstorm "
        "“How might we share the checklist?” loses its link.")
    before = artefacts(db, wid)
    token = recycle.delete(db, wid, "why_answers", top, action=whys.delete_answer)
    assert [a.text for a in whys.list_answers(db, wid, analysis)] == ["Valuations are slow"]
    assert brainstorm.get_brainstorm(db, wid, board).source_why_id is None
    recycle.restore(db, wid, token)
    assert artefacts(db, wid) == before


def test_a_persona_takes_its_picture_and_empathy_notes_and_gets_them_back(db, make_workshop):
    wid = make_workshop()
    persona = personas.add_persona(db, wid, "Maya")
    personas.set_image(db, wid, persona, png())
    empathy.add_note(db, wid, persona, "feel", "Nervous about fees")
    empathy.add_note(db, wid, persona, "say", "Just tell me what to bring")
    assert recycle.dependents(db, wid, "personas", persona) == [
        "its picture", "its 2 empathy notes"]
    assert recycle.question(db, wid, "personas", persona) == (
        "Delete this persona? Its picture and its 2 empathy notes go with it.")
    before = artefacts(db, wid)
    token = recycle.delete(db, wid, "personas", persona, action=personas.delete_persona)
    assert (artefacts(db, wid)["personas"], artefacts(db, wid)["empathy_notes"]) == ([], [])
    recycle.restore(db, wid, token)
    assert artefacts(db, wid) == before
    assert personas.get_persona(db, wid, persona).image.startswith("data:image/")


def test_a_reading_has_nothing_attached_and_comes_back(db, make_workshop):
    wid = make_workshop()
    goal = goals.add_goal(db, wid, "Raise NPS", "nps", target=40, deadline="2027-06-30")
    measurement.add_reading(db, wid, goal, "2026-01-31", 21)
    reading = measurement.list_readings(db, wid, goal)[0].id
    assert recycle.question(db, wid, "readings", reading) is None
    before = artefacts(db, wid)
    token = recycle.delete(db, wid, "readings", reading, action=measurement.delete_reading)
    assert artefacts(db, wid)["readings"] == []
    assert recycle.recently_deleted(db, wid)[0].label == "Reading “2026-01-31”"
    recycle.restore(db, wid, token)
    assert artefacts(db, wid) == before


def test_a_reading_whose_date_was_filled_again_since_is_refused_cleanly(db, make_workshop):
    wid = make_workshop()
    goal = goals.add_goal(db, wid, "Raise NPS", "nps", target=40, deadline="2027-06-30")
    measurement.add_reading(db, wid, goal, "2026-01-31", 21)
    reading = measurement.list_readings(db, wid, goal)[0].id
    token = recycle.delete(db, wid, "readings", reading)
    measurement.add_reading(db, wid, goal, "2026-01-31", 25)
    before = artefacts(db, wid)
    with pytest.raises(recycle.RestoreConflict, match=(
            "Reading “2026-01-31” cannot be restored: another reading with the same goal and "
            "taken was added since. Delete or change that one first.")):
        recycle.restore(db, wid, token)
    assert artefacts(db, wid) == before and not db.conn.in_transaction


def test_a_step_rule_still_applies_a_complete_card_cannot_be_deleted(db, make_workshop):
    wid = make_workshop()
    card = cards.add_card(db, wid, "a", "b", "c", "d")
    cards.set_status(db, wid, card, "validated")
    with pytest.raises(ValidationError, match="Only a draft can be deleted"):
        recycle.delete(db, wid, "cards", card, action=cards.delete_draft)
    assert [c.id for c in cards.list_cards(db, wid)] == [card]
    assert recycle.recently_deleted(db, wid) == []


def test_another_workshops_row_and_entry_are_out_of_reach(db, make_workshop):
    mine, theirs = make_workshop(), make_workshop("Theirs")
    board = brainstorm.create_brainstorm(db, theirs, "Prompt")
    idea = ideas.add_idea(db, theirs, board, "Their idea")
    with pytest.raises(workshops.NotFoundError):
        recycle.delete(db, mine, "ideas", idea)
    token = recycle.delete(db, theirs, "ideas", idea)
    with pytest.raises(workshops.NotFoundError):
        recycle.restore(db, mine, token)
    with pytest.raises(ValidationError, match="Unknown kind of item: recycle."):
        recycle.delete(db, mine, "recycle", token)


def test_the_recycle_list_is_not_part_of_backups_and_keeps_the_newest_fifty(db, make_workshop):
    wid = make_workshop()
    board = brainstorm.create_brainstorm(db, wid, "Prompt")
    for n in range(recycle.KEEP_PER_WORKSHOP + 3):
        recycle.delete(db, wid, "ideas", ideas.add_idea(db, wid, board, f"Idea {n}"))
    kept = recycle.recently_deleted(db, wid)
    assert [d.label for d in kept[:2]] == ["Idea “Idea 52”", "Idea “Idea 51”"]
    assert len(kept) == recycle.KEEP_PER_WORKSHOP
    assert "recycle" not in store.artefact_tables(db)
    assert "recycle" not in backup.export_document(db, wid)["tables"]


def test_deletions_older_than_a_week_are_forgotten(db, make_workshop):
    wid = make_workshop()
    board = brainstorm.create_brainstorm(db, wid, "Prompt")
    recycle.delete(db, wid, "ideas", ideas.add_idea(db, wid, board, "Old"))
    recycle.prune(db, wid, today=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=6))
    assert len(recycle.recently_deleted(db, wid)) == 1
    recycle.prune(db, wid, today=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=8))
    assert recycle.recently_deleted(db, wid) == []


def test_a_removed_picture_comes_back_unless_a_new_one_was_added(db, make_workshop):
    wid = make_workshop()
    persona = personas.add_persona(db, wid, "Maya")
    personas.set_image(db, wid, persona, png())
    before = artefacts(db, wid)
    token = recycle.clear(db, wid, "personas", persona, "image", personas.remove_image)
    assert personas.get_persona(db, wid, persona).image == ""
    assert recycle.recently_deleted(db, wid)[0].label == "Picture of Persona “Maya”"
    assert recycle.restore(db, wid, token) == "Picture restored."
    assert artefacts(db, wid) == before
    token = recycle.clear(db, wid, "personas", persona, "image", personas.remove_image)
    personas.set_image(db, wid, persona, png())
    with pytest.raises(recycle.RestoreConflict, match="a new picture was added since"):
        recycle.restore(db, wid, token)


# ---- two tabs on one field: the save notes what it replaced (workshops.expecting)

def test_a_save_over_a_value_changed_since_is_kept_and_notes_what_it_replaced(db, make_workshop):
    wid = make_workshop()
    draft = statements.add_draft(db, wid, "vision", "Drawn with this.")
    statements.update_text(db, wid, draft, "Changed in the other tab.")
    with workshops.expecting("Drawn with this.") as check:
        statements.update_text(db, wid, draft, "Typed here.")
    assert (check.overwritten, check.found, check.saved) == (
        True, "Changed in the other tab.", "Typed here.")
    assert statements.list_statements(db, wid)[0].text == "Typed here."


@pytest.mark.parametrize(("drawn", "stored", "typed"), [
    ("Same text", "Same text", "New text"),  # nobody else changed it
    (None, "", "New text"),                   # an empty box and an empty field are alike
    ("Old", "Both typed this", "Both typed this"),  # the other edit says the same
])
def test_a_save_over_the_value_it_was_drawn_with_notes_nothing(db, make_workshop, drawn, stored,
                                                               typed):
    wid = make_workshop()
    persona = personas.add_persona(db, wid, "Maya", needs=stored)
    with workshops.expecting(drawn) as check:
        personas.update_field(db, wid, persona, "needs", typed)
    assert check.overwritten is False
    assert personas.get_persona(db, wid, persona).needs == typed


def test_a_date_drawn_as_a_date_matches_its_stored_text(db, make_workshop):
    wid = make_workshop()
    action = plan.add_action(db, wid, "Fee notices")
    plan.update_field(db, wid, action, "due", "2027-03-01")
    with workshops.expecting(dt.date(2027, 3, 1)) as check:
        plan.update_field(db, wid, action, "due", "2027-04-01")
    assert check.overwritten is False


def test_a_step_delete_that_deletes_nothing_keeps_no_snapshot(db, make_workshop):
    wid = make_workshop()
    board = brainstorm.create_brainstorm(db, wid, "Prompt")
    idea = ideas.add_idea(db, wid, board, "Stays")
    with pytest.raises(RuntimeError, match="did not delete ideas"):
        recycle.delete(db, wid, "ideas", idea, action=lambda db, wid, row_id: None)
    assert recycle.recently_deleted(db, wid) == [] and not db.conn.in_transaction


def test_a_parent_deleted_later_whose_id_went_to_a_new_row_is_not_taken_for_it(db, make_workshop):
    wid = make_workshop()
    board, idea, _ = idea_with_votes_score_and_card(db, wid)
    idea_token = recycle.delete(db, wid, "ideas", idea)
    recycle.delete(db, wid, "brainstorms", board)
    assert brainstorm.create_brainstorm(db, wid, "A new prompt") == board  # the id, again
    with pytest.raises(recycle.RestoreConflict, match="the brainstorm it belongs to was "
                                                      "deleted since. Restore that first."):
        recycle.restore(db, wid, idea_token)


def test_a_card_deleted_later_whose_id_went_to_a_new_card_is_not_relinked(db, make_workshop):
    wid = make_workshop()
    _, idea, card = idea_with_votes_score_and_card(db, wid)
    idea_token = recycle.delete(db, wid, "ideas", idea)
    recycle.delete(db, wid, "cards", card)
    assert cards.add_card(db, wid, "A new card") == card  # the id, again
    recycle.restore(db, wid, idea_token)
    assert cards.get_card(db, wid, card).idea_id is None
