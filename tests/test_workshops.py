"""Workshops: create, list, rename, duplicate, trash, restore and delete for good."""
from __future__ import annotations

import re

import pytest

from cxcore import backup, challenge, workshops
from cxcore import db as store
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError, Workshop


class Timestamp:
    """Equal to any timestamp in the form ``workshops.now()`` gives (UTC, to the second)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", other) is not None

    def __repr__(self) -> str:
        return "<a timestamp>"


STAMP = Timestamp()


def titles(db, *, trashed: bool = False) -> list[str]:
    return [w.title for w in workshops.list_workshops(db, trashed=trashed)]


def set_updated(db, workshop_id: int, stamp: str) -> None:
    db.execute("UPDATE workshops SET updated = ? WHERE id = ?", [stamp, workshop_id])


def snapshot(db) -> dict[str, list[dict]]:
    """Every row of the workshops table and of every artefact table."""
    return {table: list(db[table].rows) for table in ["workshops", *store.artefact_tables(db)]}


def rows_of(db, workshop_id: int) -> dict[str, list[dict]]:
    """The workshop's own row and its rows in every artefact table, ids and stamps included."""
    return {"workshops": list(db["workshops"].rows_where("id = ?", [workshop_id])),
            **{table: list(db[table].rows_where("workshop_id = ?", [workshop_id]))
               for table in store.artefact_tables(db)}}


def add_drafts(db, workshop_id: int, *whos: str) -> list[int]:
    return [challenge.add_draft(db, workshop_id, who=who, what="do it", why="it helps")
            for who in whos]


def test_a_new_workshop_is_active_and_stored_with_its_details(db):
    workshop_id = workshops.create(db, "Onboarding review", "Harbour Bank", "Priya Raman")
    workshop = workshops.get(db, workshop_id)
    assert workshop == Workshop(id=workshop_id, title="Onboarding review",
                                organisation="Harbour Bank", facilitator="Priya Raman",
                                created=STAMP, updated=STAMP, status="active", trashed_at=None)
    assert workshop.created == workshop.updated
    assert workshop.is_trashed is False


def test_organisation_and_facilitator_are_optional(db):
    workshop = workshops.get(db, workshops.create(db, "Just a title"))
    assert (workshop.title, workshop.organisation, workshop.facilitator) == ("Just a title", "", "")


@pytest.mark.parametrize("typed, stored", [
    pytest.param(("  Q3   review ", " Harbour\tBank ", "Priya\nRaman"),
                 ("Q3 review", "Harbour Bank", "Priya Raman"), id="whitespace tidied"),
    pytest.param(("Zoe\u0308's cafe\u0301", "Caf\u00e9", "Zo\u00eb"),
                 ("Zo\u00eb's caf\u00e9", "Caf\u00e9", "Zo\u00eb"), id="NFC normalisation"),
    pytest.param(("Review\u202e3Q", "Bank\u2066\u2069", "\ufeffPriya"),
                 ("Review3Q", "Bank", "Priya"), id="bidi controls and BOM stripped"),
    pytest.param(("Review\x00\x07\x1b", "Bank\x85", "Priya\x7f"),
                 ("Review", "Bank", "Priya"), id="control characters stripped"),
    pytest.param(("\u6771\u4eac \U0001F680 \u03a9", "", ""),
                 ("\u6771\u4eac \U0001F680 \u03a9", "", ""), id="other unicode kept"),
])
def test_the_details_typed_are_cleaned_before_they_are_stored(db, typed, stored):
    workshop = workshops.get(db, workshops.create(db, *typed))
    assert (workshop.title, workshop.organisation, workshop.facilitator) == stored


BAD_DETAILS = [
    pytest.param(("", "", ""), "Title cannot be empty.", id="empty title"),
    pytest.param((" \t\n ", "", ""), "Title cannot be empty.", id="blank title"),
    pytest.param(("\u202e\x00\x1b", "", ""), "Title cannot be empty.",
                 id="a title of only unwanted characters"),
    pytest.param(("x" * 121, "", ""), "Title is too long: 121 characters, the limit is 120.",
                 id="overlong title"),
    pytest.param(("Review", "o" * 121, ""),
                 "Organisation is too long: 121 characters, the limit is 120.",
                 id="overlong organisation"),
    pytest.param(("Review", "", "f" * 200),
                 "Facilitator is too long: 200 characters, the limit is 120.",
                 id="overlong facilitator"),
    pytest.param((42, "", ""), "Title must be text.", id="a title that is not text"),
    pytest.param(("Review", ["Bank"], ""), "Organisation must be text.",
                 id="an organisation that is not text"),
]


@pytest.mark.parametrize("details, message", BAD_DETAILS)
def test_creating_a_workshop_with_bad_details_is_refused_and_stores_nothing(
        db, make_workshop, details, message):
    make_workshop()
    before = snapshot(db)
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        workshops.create(db, *details)
    assert snapshot(db) == before


@pytest.mark.parametrize("details, message", BAD_DETAILS)
def test_updating_a_workshop_with_bad_details_is_refused_and_changes_nothing(
        db, make_workshop, details, message):
    workshop_id = make_workshop()
    before = snapshot(db)
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        workshops.update_details(db, workshop_id, *details)
    assert snapshot(db) == before


def test_the_longest_title_allowed_is_stored_whole(db):
    workshop = workshops.get(db, workshops.create(db, "x" * workshops.TITLE_MAX))
    assert workshop.title == "x" * 120


def test_workshops_are_listed_most_recently_updated_first(db, make_workshop):
    ids = {title: make_workshop(title) for title in ("Spring", "Summer", "Autumn")}
    set_updated(db, ids["Spring"], "2026-03-01T09:00:00+00:00")
    set_updated(db, ids["Summer"], "2026-06-01T09:00:00+00:00")
    set_updated(db, ids["Autumn"], "2026-01-01T09:00:00+00:00")
    assert titles(db) == ["Summer", "Spring", "Autumn"]


def test_workshops_updated_in_the_same_second_are_listed_newest_first(db, make_workshop):
    ids = [make_workshop(title) for title in ("First", "Second", "Third")]
    for workshop_id in ids:
        set_updated(db, workshop_id, "2026-03-01T09:00:00+00:00")
    assert titles(db) == ["Third", "Second", "First"]


def test_an_empty_database_lists_no_workshops(db):
    assert workshops.list_workshops(db) == []
    assert workshops.list_workshops(db, trashed=True) == []


def test_getting_a_missing_workshop_raises_not_found(db):
    with pytest.raises(NotFoundError, match=r"^There is no workshop with id 404\.$"):
        workshops.get(db, 404)


@pytest.mark.parametrize("value", ["1", 1, 1.0])
def test_find_accepts_an_id_from_outside(db, make_workshop, value):
    workshop_id = make_workshop()
    assert workshop_id == 1
    assert workshops.find(db, value) == workshops.get(db, 1)


@pytest.mark.parametrize("value", [None, "", "abc", "404", 404, [1], {"id": 1}])
def test_find_returns_none_for_anything_that_is_not_a_workshop_id(db, make_workshop, value):
    make_workshop()
    assert workshops.find(db, value) is None


def test_renaming_changes_only_the_title(db, make_workshop):
    workshop_id = make_workshop("Old name", "Harbour Bank", "Priya Raman")
    before = workshops.get(db, workshop_id)
    workshops.rename(db, workshop_id, "  New\u202e name ")
    assert workshops.get(db, workshop_id) == Workshop(
        id=workshop_id, title="New name", organisation="Harbour Bank",
        facilitator="Priya Raman", created=before.created, updated=STAMP, status="active")


def test_updating_the_details_changes_all_three(db, make_workshop):
    workshop_id = make_workshop("Old name", "Old bank", "Old facilitator")
    created = workshops.get(db, workshop_id).created
    workshops.update_details(db, workshop_id, "New name", "New bank", "")
    assert workshops.get(db, workshop_id) == Workshop(
        id=workshop_id, title="New name", organisation="New bank", facilitator="",
        created=created, updated=STAMP, status="active")


@pytest.mark.parametrize("change", [
    pytest.param(lambda db: workshops.rename(db, 404, "New"), id="rename"),
    pytest.param(lambda db: workshops.update_details(db, 404, "New", "", ""), id="update"),
    pytest.param(lambda db: workshops.duplicate(db, 404), id="duplicate"),
    pytest.param(lambda db: workshops.move_to_trash(db, 404), id="trash"),
    pytest.param(lambda db: workshops.restore(db, 404), id="restore"),
    pytest.param(lambda db: workshops.delete_for_good(db, 404), id="delete"),
])
def test_changing_a_missing_workshop_raises_not_found_and_changes_nothing(
        db, make_workshop, change):
    make_workshop()
    before = snapshot(db)
    with pytest.raises(NotFoundError, match=r"^There is no workshop with id 404\.$"):
        change(db)
    assert snapshot(db) == before


def test_duplicating_copies_every_challenge_and_leaves_the_original_untouched(
        db, make_workshop):
    original_id = make_workshop("Q1 run", "Harbour Bank", "Priya Raman")
    add_drafts(db, original_id, "Students", "Savers", "Home buyers")
    challenge.choose(db, original_id, challenge.list_challenges(db, original_id)[1].id)
    original = backup.export_document(db, original_id)
    original_rows = rows_of(db, original_id)

    copy_id = workshops.duplicate(db, original_id)

    assert copy_id != original_id
    assert backup.export_document(db, original_id) == original
    assert rows_of(db, original_id) == original_rows
    copy = backup.export_document(db, copy_id)
    assert copy == {**original, "workshop": {
        **original["workshop"], "title": "Q1 run (copy)", "updated": copy["workshop"]["updated"]}}
    assert [(c.who, c.chosen) for c in challenge.list_challenges(db, copy_id)] == [
        ("Students", False), ("Savers", True), ("Home buyers", False)]


def test_a_duplicate_is_independent_of_its_original(db, make_workshop):
    original_id = make_workshop("Q1 run")
    add_drafts(db, original_id, "Students")
    copy_id = workshops.duplicate(db, original_id)
    [copied] = challenge.list_challenges(db, copy_id)
    challenge.update_part(db, copy_id, copied.id, "who", "Graduates")
    workshops.rename(db, copy_id, "Q2 run")
    assert [(w.title, [c.who for c in challenge.list_challenges(db, w.id)])
            for w in sorted(workshops.list_workshops(db), key=lambda w: w.id)] == [
        ("Q1 run", ["Students"]), ("Q2 run", ["Graduates"])]


@pytest.mark.parametrize("title, new_title, expected", [
    pytest.param("Q1 run", "Q2 run", "Q2 run", id="a title given is used"),
    pytest.param("Q1 run", "  Q2\u202e run ", "Q2 run", id="a title given is cleaned"),
    pytest.param("Q1 run", None, "Q1 run (copy)", id="no title: the original's plus (copy)"),
    pytest.param("Q1 run", "", "Q1 run (copy)", id="an empty title: the same"),
    pytest.param("x" * 120, None, "x" * 113 + " (copy)", id="a long title is shortened"),
    pytest.param("x" * 112 + " tail123", None, "x" * 112 + " (copy)",
                 id="a space left at the cut is dropped"),
])
def test_the_title_of_a_duplicate(db, make_workshop, title, new_title, expected):
    copy_id = workshops.duplicate(db, make_workshop(title), new_title)
    assert workshops.get(db, copy_id).title == expected
    assert len(expected) <= workshops.TITLE_MAX


def test_a_duplicate_title_that_is_too_long_is_refused_and_nothing_is_copied(db, make_workshop):
    original_id = make_workshop()
    before = snapshot(db)
    with pytest.raises(ValidationError,
                       match=r"^Title is too long: 121 characters, the limit is 120\.$"):
        workshops.duplicate(db, original_id, "t" * 121)
    assert snapshot(db) == before


def test_a_trashed_workshop_leaves_the_list_and_appears_in_the_trash(db, make_workshop):
    keep, bin_ = make_workshop("Keep"), make_workshop("Bin")
    workshops.move_to_trash(db, bin_)
    assert titles(db) == ["Keep"]
    assert titles(db, trashed=True) == ["Bin"]
    trashed = workshops.get(db, bin_)
    assert (trashed.status, trashed.trashed_at, trashed.is_trashed) == ("trashed", STAMP, True)
    assert workshops.get(db, keep).trashed_at is None


def test_a_trashed_workshop_can_be_restored(db, make_workshop):
    workshop_id = make_workshop("Bin")
    add_drafts(db, workshop_id, "Students")
    before = workshops.get(db, workshop_id)
    workshops.move_to_trash(db, workshop_id)
    workshops.restore(db, workshop_id)
    assert workshops.get(db, workshop_id) == before
    assert titles(db) == ["Bin"]
    assert titles(db, trashed=True) == []
    assert [c.who for c in challenge.list_challenges(db, workshop_id)] == ["Students"]


def test_an_active_workshop_cannot_be_deleted_for_good(db, make_workshop):
    workshop_id = make_workshop()
    add_drafts(db, workshop_id, "Students")
    before = snapshot(db)
    with pytest.raises(ValidationError, match=r"^Move the workshop to the trash before "
                                              r"deleting it for good\.$"):
        workshops.delete_for_good(db, workshop_id)
    assert snapshot(db) == before


def test_deleting_for_good_removes_the_workshop_and_all_its_artefacts(db, make_workshop):
    doomed, kept = make_workshop("Doomed"), make_workshop("Kept")
    for workshop_id in (doomed, kept):
        add_drafts(db, workshop_id, f"who of {workshop_id}")
        db["settings"].insert({"workshop_id": workshop_id, "name": "midpoint", "value": "5"})
        persona = db["personas"].insert({"workshop_id": workshop_id, "name": "Sam"}).last_pk
        db["empathy_notes"].insert({"workshop_id": workshop_id, "persona_id": persona,
                                    "quadrant": "feel", "text": "rushed"})
    workshops.move_to_trash(db, doomed)
    workshops.delete_for_good(db, doomed)

    with pytest.raises(NotFoundError):
        workshops.get(db, doomed)
    assert {table: [row["workshop_id"] for row in rows]
            for table, rows in snapshot(db).items() if rows and table != "workshops"} == {
        "challenges": [kept], "settings": [kept], "personas": [kept], "empathy_notes": [kept]}
    assert titles(db) == ["Kept"]
    assert titles(db, trashed=True) == []


def test_an_artefact_of_another_workshop_can_be_neither_updated_nor_deleted(db, make_workshop):
    from cxcore import challenge

    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    their_draft = challenge.add_draft(db, theirs, "Students", "open accounts", "they stay")
    with pytest.raises(workshops.NotFoundError, match=f"^There is no challenge with id {their_draft}.$"):
        workshops.update_owned(db, "challenges", mine, their_draft, "challenge", {"who": "x"})
    with pytest.raises(workshops.NotFoundError):
        workshops.delete_owned(db, "challenges", mine, their_draft, "challenge")
    assert [(c.id, c.who) for c in challenge.list_challenges(db, theirs)] == [
        (their_draft, "Students")]


def test_an_id_too_large_for_sqlite_is_no_such_workshop(db):
    assert workshops.find(db, "9223372036854775808") is None


def test_the_workshop_last_worked_on_is_the_active_one_updated_most_recently(db):
    assert workshops.last_worked_on(db) is None
    first = workshops.create(db, "First")
    second = workshops.create(db, "Second")
    set_updated(db, first, "2026-05-02T10:00:00+00:00")
    set_updated(db, second, "2026-05-01T10:00:00+00:00")
    assert workshops.last_worked_on(db).id == first
    workshops.move_to_trash(db, first)
    assert workshops.last_worked_on(db).id == second
