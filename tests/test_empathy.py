"""Empathy maps: notes in Think / Feel / Say / Do, added, edited, moved and deleted."""
from __future__ import annotations

import re

import pytest

from cxcore import empathy, personas
from cxcore.empathy import Note
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


@pytest.fixture
def persona(db, make_workshop) -> tuple[int, int]:
    workshop_id = make_workshop()
    return workshop_id, personas.add_persona(db, workshop_id, "Margaret")


def texts(db, workshop_id: int, persona_id: int) -> dict[str, list[str]]:
    board = empathy.board(db, workshop_id, persona_id)
    return {quadrant: [n.text for n in notes] for quadrant, notes in board.items()}


def test_an_empty_map_has_four_empty_quadrants(db, persona):
    assert empathy.board(db, *persona) == {"think": [], "feel": [], "say": [], "do": []}


def test_notes_are_added_to_the_end_of_their_quadrant_cleaned(db, persona):
    workshop_id, persona_id = persona
    first = empathy.add_note(db, workshop_id, persona_id, "say", "  Can I speak\u202e to someone? ")
    second = empathy.add_note(db, workshop_id, persona_id, "say", "I sent that already")
    third = empathy.add_note(db, workshop_id, persona_id, "do", "Queues on Tuesdays")
    assert empathy.board(db, workshop_id, persona_id) == {
        "think": [], "feel": [],
        "say": [Note(first, persona_id, "say", "Can I speak to someone?", 1),
                Note(second, persona_id, "say", "I sent that already", 2)],
        "do": [Note(third, persona_id, "do", "Queues on Tuesdays", 1)]}


@pytest.mark.parametrize("quadrant, text, message", [
    ("say", "", "A note cannot be empty."),
    ("say", " \x00 ", "A note cannot be empty."),
    ("say", "x" * 301, "A note is too long: 301 characters, the limit is 300."),
    ("hear", "Adverts", "Unknown quadrant: hear. Use think, feel, say or do."),
])
def test_a_bad_note_is_refused_and_nothing_is_added(db, persona, quadrant, text, message):
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        empathy.add_note(db, *persona, quadrant, text)
    assert list(db["empathy_notes"].rows) == []


def test_a_note_for_a_persona_of_another_workshop_is_refused(db, make_workshop, persona):
    _, persona_id = persona
    other = make_workshop("Other")
    with pytest.raises(NotFoundError, match=f"^There is no persona with id {persona_id}\\.$"):
        empathy.add_note(db, other, persona_id, "say", "Hello")
    assert list(db["empathy_notes"].rows) == []


def test_editing_a_note_changes_only_its_text(db, persona):
    workshop_id, persona_id = persona
    note = empathy.add_note(db, workshop_id, persona_id, "think", "Online is risky")
    empathy.edit_note(db, workshop_id, note, "Online banking is risky for me")
    assert empathy.get_note(db, workshop_id, note) == Note(
        note, persona_id, "think", "Online banking is risky for me", 1)
    with pytest.raises(ValidationError, match=r"^A note cannot be empty\.$"):
        empathy.edit_note(db, workshop_id, note, "  ")
    assert empathy.get_note(db, workshop_id, note).text == "Online banking is risky for me"


def test_moving_a_note_puts_it_at_the_end_of_the_other_quadrant(db, persona):
    workshop_id, persona_id = persona
    moving = empathy.add_note(db, workshop_id, persona_id, "say", "I feel ignored")
    empathy.add_note(db, workshop_id, persona_id, "say", "Call me back")
    empathy.add_note(db, workshop_id, persona_id, "feel", "Anxious")
    empathy.move_note(db, workshop_id, moving, "feel")
    assert texts(db, workshop_id, persona_id) == {
        "think": [], "feel": ["Anxious", "I feel ignored"], "say": ["Call me back"], "do": []}
    empathy.move_note(db, workshop_id, moving, "feel")  # already there: nothing changes
    assert texts(db, workshop_id, persona_id)["feel"] == ["Anxious", "I feel ignored"]


def test_moving_to_an_unknown_quadrant_is_refused(db, persona):
    note = empathy.add_note(db, *persona, "say", "Hello")
    with pytest.raises(ValidationError, match=r"^Unknown quadrant: see\. "):
        empathy.move_note(db, persona[0], note, "see")
    assert empathy.get_note(db, persona[0], note).quadrant == "say"


def test_deleting_a_note_removes_only_that_note(db, persona):
    workshop_id, persona_id = persona
    ids = [empathy.add_note(db, workshop_id, persona_id, "do", t) for t in ("A", "B", "C")]
    empathy.delete_note(db, workshop_id, ids[1])
    assert texts(db, workshop_id, persona_id)["do"] == ["A", "C"]
    with pytest.raises(NotFoundError, match=f"^There is no note with id {ids[1]}\\.$"):
        empathy.delete_note(db, workshop_id, ids[1])


def test_a_note_of_another_workshop_cannot_be_changed_through_this_one(db, make_workshop,
                                                                       persona):
    note = empathy.add_note(db, *persona, "say", "Hello")
    other = make_workshop("Other")
    for change in (lambda: empathy.edit_note(db, other, note, "X"),
                   lambda: empathy.move_note(db, other, note, "do"),
                   lambda: empathy.delete_note(db, other, note)):
        with pytest.raises(NotFoundError, match=f"^There is no note with id {note}\\.$"):
            change()
    assert empathy.get_note(db, persona[0], note) == Note(note, persona[1], "say", "Hello", 1)


def test_each_persona_has_its_own_map_and_note_count(db, persona):
    workshop_id, margaret = persona
    leo = personas.add_persona(db, workshop_id, "Leo")
    empathy.add_note(db, workshop_id, margaret, "say", "Call me")
    empathy.add_note(db, workshop_id, leo, "do", "Uses the app")
    empathy.add_note(db, workshop_id, leo, "do", "Freezes his card")
    assert texts(db, workshop_id, margaret)["do"] == []
    assert texts(db, workshop_id, leo)["do"] == ["Uses the app", "Freezes his card"]
    assert empathy.note_counts(db, workshop_id) == {margaret: 1, leo: 2}


def test_has_content_once_a_note_exists(db, make_workshop, persona):
    workshop_id, persona_id = persona
    seen = [empathy.has_content(db, workshop_id)]
    note = empathy.add_note(db, workshop_id, persona_id, "feel", "Worried")
    seen.append(empathy.has_content(db, workshop_id))
    empathy.delete_note(db, workshop_id, note)
    seen.append(empathy.has_content(db, workshop_id))
    assert seen == [False, True, False]
    assert empathy.has_content(db, make_workshop("Other")) is False
