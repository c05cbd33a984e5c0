"""The focusing challenge, "(Who) can (do what) so that (why)", and the guided path's progress."""
from __future__ import annotations

import re

import pytest

from cxcore import challenge, workshops
from cxcore import path as guided_path
from cxcore.challenge import Challenge
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


def chosen_flags(db, workshop_id: int) -> list[tuple[str, bool]]:
    return [(c.who, c.chosen) for c in challenge.list_challenges(db, workshop_id)]


@pytest.mark.parametrize("who, what, why, expected", [
    ("Students", "open an account", "they bank with us",
     "Students can open an account so that they bank with us."),
    ("Students.", "open an account.", "they bank with us.",
     "Students can open an account so that they bank with us."),
    ("  Students ", " open an account ", " they bank with us ",
     "Students can open an account so that they bank with us."),
    ("", "open an account", "they bank with us",
     "… can open an account so that they bank with us."),
    ("Students", "", "they bank with us", "Students can … so that they bank with us."),
    ("Students", "open an account", "", "Students can open an account so that …"),
    ("Students", "open an account", "   ", "Students can open an account so that …"),
    ("", "", "", "… can … so that …"),
])
def test_the_challenge_sentence_shows_missing_parts_as_an_ellipsis(who, what, why, expected):
    assert challenge.sentence(who, what, why) == expected


def test_a_challenge_is_complete_when_all_three_parts_are_written():
    assert [Challenge(1, *parts, chosen=False).is_complete for parts in [
        ("Students", "open an account", "they bank with us"),
        ("Students", "open an account", ""),
        ("", "", ""),
    ]] == [True, False, False]


def test_the_first_draft_is_chosen_automatically_and_later_ones_are_not(db, make_workshop):
    workshop_id = make_workshop()
    first = challenge.add_draft(db, workshop_id, "Students", "open an account", "they stay")
    second = challenge.add_draft(db, workshop_id, who="Savers")
    assert challenge.list_challenges(db, workshop_id) == [
        Challenge(first, "Students", "open an account", "they stay", chosen=True),
        Challenge(second, "Savers", "", "", chosen=False),
    ]
    assert challenge.chosen_challenge(db, workshop_id) == challenge.list_challenges(
        db, workshop_id)[0]


def test_drafts_belong_to_their_own_workshop(db, make_workshop):
    one, two = make_workshop("One"), make_workshop("Two")
    challenge.add_draft(db, one, who="Students")
    challenge.add_draft(db, two, who="Savers")
    assert [chosen_flags(db, one), chosen_flags(db, two)] == [
        [("Students", True)], [("Savers", True)]]


def test_a_draft_is_cleaned_before_it_is_stored(db, make_workshop):
    workshop_id = make_workshop()
    challenge.add_draft(db, workshop_id, " Stu\u202edents\x00 ", "Cafe\u0301\tvisits", "")
    [draft] = challenge.list_challenges(db, workshop_id)
    assert (draft.who, draft.what, draft.why) == ("Students", "Caf\u00e9 visits", "")


@pytest.mark.parametrize("parts, message", [
    pytest.param(("", "", ""), "Write at least one part of the challenge.", id="all empty"),
    pytest.param((" ", "\u202e", "\x00"), "Write at least one part of the challenge.",
                 id="only blanks and unwanted characters"),
    pytest.param(("w" * 201, "", ""), "Who is too long: 201 characters, the limit is 200.",
                 id="who too long"),
    pytest.param(("", "w" * 201, ""),
                 "Can (do what) is too long: 201 characters, the limit is 200.",
                 id="what too long"),
    pytest.param(("", "", "w" * 201),
                 "So that (why) is too long: 201 characters, the limit is 200.",
                 id="why too long"),
    pytest.param((5, "", ""), "Who must be text.", id="not text"),
])
def test_a_bad_draft_is_refused_and_nothing_is_stored(db, make_workshop, parts, message):
    workshop_id = make_workshop()
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        challenge.add_draft(db, workshop_id, *parts)
    assert challenge.list_challenges(db, workshop_id) == []


def test_a_draft_for_a_missing_workshop_is_refused(db):
    with pytest.raises(NotFoundError, match=r"^There is no workshop with id 404\.$"):
        challenge.add_draft(db, 404, who="Students")
    assert list(db["challenges"].rows) == []


def test_choosing_a_draft_leaves_exactly_one_chosen(db, make_workshop):
    workshop_id = make_workshop()
    ids = [challenge.add_draft(db, workshop_id, who=who) for who in ("A", "B", "C")]
    challenge.choose(db, workshop_id, ids[2])
    assert chosen_flags(db, workshop_id) == [("A", False), ("B", False), ("C", True)]
    challenge.choose(db, workshop_id, ids[1])
    assert chosen_flags(db, workshop_id) == [("A", False), ("B", True), ("C", False)]
    challenge.choose(db, workshop_id, ids[1])
    assert chosen_flags(db, workshop_id) == [("A", False), ("B", True), ("C", False)]


def test_choosing_in_one_workshop_leaves_the_others_alone(db, make_workshop):
    one, two = make_workshop("One"), make_workshop("Two")
    challenge.add_draft(db, one, who="A")
    later = challenge.add_draft(db, one, who="B")
    challenge.add_draft(db, two, who="X")
    challenge.choose(db, one, later)
    assert [chosen_flags(db, one), chosen_flags(db, two)] == [
        [("A", False), ("B", True)], [("X", True)]]


def test_updating_a_part_changes_only_that_part(db, make_workshop):
    workshop_id = make_workshop()
    draft = challenge.add_draft(db, workshop_id, "Students", "open an account", "they stay")
    challenge.update_part(db, workshop_id, draft, "what", "  open an account\u202e online ")
    assert challenge.list_challenges(db, workshop_id) == [
        Challenge(draft, "Students", "open an account online", "they stay", chosen=True)]


def test_a_part_can_be_emptied(db, make_workshop):
    workshop_id = make_workshop()
    draft = challenge.add_draft(db, workshop_id, "Students", "open an account", "they stay")
    challenge.update_part(db, workshop_id, draft, "why", "")
    assert challenge.list_challenges(db, workshop_id)[0].sentence == (
        "Students can open an account so that …")


@pytest.mark.parametrize("part, value, error, message", [
    ("where", "here", ValidationError, "Unknown part of the challenge: where."),
    ("id", "7", ValidationError, "Unknown part of the challenge: id."),
    ("why", "w" * 201, ValidationError,
     "So that (why) is too long: 201 characters, the limit is 200."),
])
def test_a_bad_update_is_refused_and_changes_nothing(db, make_workshop, part, value, error,
                                                     message):
    workshop_id = make_workshop()
    draft = challenge.add_draft(db, workshop_id, "Students", "open an account", "they stay")
    before = challenge.list_challenges(db, workshop_id)
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        challenge.update_part(db, workshop_id, draft, part, value)
    assert challenge.list_challenges(db, workshop_id) == before


@pytest.mark.parametrize("change", [
    pytest.param(lambda db, w, c: challenge.update_part(db, w, c, "who", "X"), id="update"),
    pytest.param(lambda db, w, c: challenge.choose(db, w, c), id="choose"),
    pytest.param(lambda db, w, c: challenge.delete(db, w, c), id="delete"),
])
def test_a_challenge_of_another_workshop_cannot_be_changed_through_this_one(
        db, make_workshop, change):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    challenge.add_draft(db, mine, who="Mine")
    their_draft = challenge.add_draft(db, theirs, who="Theirs")
    with pytest.raises(NotFoundError, match=f"^There is no challenge with id {their_draft}\\.$"):
        change(db, mine, their_draft)
    assert [chosen_flags(db, mine), chosen_flags(db, theirs)] == [
        [("Mine", True)], [("Theirs", True)]]


def test_deleting_a_draft_removes_only_that_draft(db, make_workshop):
    workshop_id = make_workshop()
    ids = [challenge.add_draft(db, workshop_id, who=who) for who in ("A", "B", "C")]
    challenge.delete(db, workshop_id, ids[1])
    assert chosen_flags(db, workshop_id) == [("A", True), ("C", False)]


def test_deleting_the_chosen_draft_leaves_none_chosen(db, make_workshop):
    workshop_id = make_workshop()
    ids = [challenge.add_draft(db, workshop_id, who=who) for who in ("A", "B")]
    challenge.delete(db, workshop_id, ids[0])
    assert chosen_flags(db, workshop_id) == [("B", False)]
    assert challenge.chosen_challenge(db, workshop_id) is None


def test_editing_a_challenge_marks_the_workshop_as_updated(db, make_workshop):
    workshop_id = make_workshop()
    db.execute("UPDATE workshops SET updated = '2000-01-01T00:00:00+00:00'")
    challenge.add_draft(db, workshop_id, who="Students")
    assert workshops.get(db, workshop_id).updated > "2000-01-01T00:00:00+00:00"


def test_has_content_once_a_draft_exists_and_not_after_the_last_is_deleted(db, make_workshop):
    workshop_id, other = make_workshop("Mine"), make_workshop("Other")
    seen = [challenge.has_content(db, workshop_id)]
    draft = challenge.add_draft(db, workshop_id, who="Students")
    seen.append(challenge.has_content(db, workshop_id))
    challenge.delete(db, workshop_id, draft)
    seen.append(challenge.has_content(db, workshop_id))
    assert seen == [False, True, False]
    assert challenge.has_content(db, other) is False


def test_progress_of_a_workshop_without_a_challenge(db, make_workshop):
    progress = guided_path.progress(db, make_workshop())
    assert progress == guided_path.Progress(started=0, total=len(guided_path.STEPS),
                                            started_keys=frozenset())
    assert (progress.label, progress.percent) == (
        f"0 of {len(guided_path.STEPS)} steps started", 0)


def test_progress_of_a_workshop_with_a_challenge(db, make_workshop):
    workshop_id = make_workshop()
    challenge.add_draft(db, workshop_id, who="Students")
    progress = guided_path.progress(db, workshop_id)
    total = len(guided_path.STEPS)
    assert progress == guided_path.Progress(started=1, total=total,
                                            started_keys=frozenset({"focusing_challenge"}))
    assert (progress.label, progress.percent) == (
        f"1 of {total} steps started", round(100 / total))


@pytest.mark.parametrize("started, total, label, percent", [
    (0, 14, "0 of 14 steps started", 0),
    (7, 14, "7 of 14 steps started", 50),
    (1, 3, "1 of 3 steps started", 33),
    (2, 3, "2 of 3 steps started", 67),
    (14, 14, "14 of 14 steps started", 100),
    (0, 0, "0 of 0 steps started", 0),
])
def test_the_progress_label_and_percentage(started, total, label, percent):
    progress = guided_path.Progress(started, total, frozenset())
    assert (progress.label, progress.percent) == (label, percent)


def test_the_focusing_challenge_is_a_step_of_the_map_phase():
    step = guided_path.step("focusing_challenge")
    assert (step.key, step.phase, step.title, step.has_content, step.pdf_section) == (
        "focusing_challenge", "Map", "Focusing challenge", challenge.has_content,
        challenge.pdf_section)
    assert step in guided_path.steps_in_phase("Map")
    assert [s.phase for s in guided_path.STEPS] == sorted(
        (s.phase for s in guided_path.STEPS), key=guided_path.PHASES.index)


def test_an_unknown_step_raises_key_error():
    with pytest.raises(KeyError, match="no_such_step"):
        guided_path.step("no_such_step")


def test_steps_after_the_focusing_challenge_keep_it_in_view():
    keys = [s.key for s in guided_path.STEPS]
    after = keys[keys.index("focusing_challenge") + 1:]
    assert [key for key in keys if guided_path.is_after_challenge(key)] == after
