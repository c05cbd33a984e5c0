"""The JSON backup: export, import, and a clear one-line message for every bad file."""
from __future__ import annotations

import copy
import json
import re

import pytest

from cxcore import backup, challenge, sample, workshops
from cxcore import db as store
from cxcore.backup import BackupError


def sample_document() -> dict:
    return json.loads(sample.SAMPLE_PATH.read_text(encoding="utf-8"))


def snapshot(db) -> dict[str, list[dict]]:
    return {table: list(db[table].rows) for table in ["workshops", *store.artefact_tables(db)]}


def a_backup(**changes) -> dict:
    """A small valid backup document; keyword arguments replace its top-level keys."""
    document = {
        "format": "cx-strategy-workshop",
        "version": 1,
        "workshop": {"title": "Imported", "organisation": "Harbour Bank",
                     "facilitator": "Priya Raman", "created": "2026-01-05T10:00:00+00:00",
                     "updated": "2026-01-06T10:00:00+00:00"},
        "tables": {"challenges": [a_row()]},
    }
    document.update(changes)
    return document


def a_row(**changes) -> dict:
    row = {"id": 1, "who": "Students", "what": "open an account", "why": "they stay",
           "chosen": 1}
    row.update(changes)
    return row


def with_rows(*rows: dict, table: str = "challenges") -> bytes:
    return as_bytes(a_backup(tables={table: list(rows)}))


def as_bytes(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def without(document: dict, *path: str) -> dict:
    document = copy.deepcopy(document)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return document


def test_exporting_an_imported_sample_gives_the_same_document(db):
    sample_id = sample.create_sample(db)
    first = backup.export_json(db, sample_id)
    again_id = backup.import_bytes(db, first.encode("utf-8"))
    second = backup.export_json(db, again_id)

    assert again_id != sample_id
    first_document, second_document = json.loads(first), json.loads(second)
    assert second_document == {**first_document, "workshop": {
        **first_document["workshop"], "updated": second_document["workshop"]["updated"]}}


def test_the_exported_sample_matches_the_bundled_sample_file(db):
    exported = backup.export_document(db, sample.create_sample(db))
    bundled = sample_document()
    assert set(bundled["tables"]) <= set(exported["tables"])
    assert exported == {
        **bundled,
        "workshop": {**bundled["workshop"], "updated": exported["workshop"]["updated"]},
        "tables": {table: bundled["tables"].get(table, []) for table in exported["tables"]},
    }


def test_an_export_lists_every_artefact_table_even_when_empty(db, make_workshop):
    document = backup.export_document(db, make_workshop("Empty", "Bank", "Priya"))
    assert document == {
        "format": "cx-strategy-workshop",
        "version": 1,
        "workshop": {"title": "Empty", "organisation": "Bank", "facilitator": "Priya",
                     "created": document["workshop"]["created"],
                     "updated": document["workshop"]["created"]},
        "tables": {table: [] for table in store.artefact_tables(db)},
    }


def test_ids_in_a_backup_are_numbered_from_one_within_the_workshop(db, make_workshop):
    other = make_workshop("Other")
    challenge.add_draft(db, other, who="Not exported")
    workshop_id = make_workshop("Mine")
    challenge.add_draft(db, workshop_id, who="Students")
    challenge.add_draft(db, workshop_id, who="Savers", what="save", why="they retire well")
    assert backup.export_document(db, workshop_id)["tables"]["challenges"] == [
        {"id": 1, "who": "Students", "what": "", "why": "", "chosen": 1},
        {"id": 2, "who": "Savers", "what": "save", "why": "they retire well", "chosen": 0},
    ]


def test_references_between_tables_are_rewritten_to_local_ids_and_back(db, make_workshop):
    make_workshop("Padding, so ids in the database differ from the local ones")
    persona_rows = [{"id": 1, "name": "Sam", "position": 0},
                    {"id": 2, "name": "Ana", "position": 1}]
    document = a_backup(tables={
        "personas": persona_rows,
        "empathy_notes": [{"id": 1, "persona_id": 2, "quadrant": "feel", "text": "rushed"}],
        "why_answers": [{"id": 1, "parent_id": None, "text": "root"},
                        {"id": 2, "parent_id": 1, "text": "deeper"}],
    })
    imported = backup.import_document(db, document)
    tables = backup.export_document(db, imported)["tables"]
    assert [(n["persona_id"], n["text"]) for n in tables["empathy_notes"]] == [(2, "rushed")]
    assert [(a["parent_id"], a["text"]) for a in tables["why_answers"]] == [
        (None, "root"), (1, "deeper")]
    [note] = db["empathy_notes"].rows_where("workshop_id = ?", [imported])
    assert db["personas"].get(note["persona_id"])["name"] == "Ana"


def test_an_import_is_a_new_active_workshop_keeping_its_created_date(db):
    workshop_id = backup.import_bytes(db, as_bytes(a_backup()))
    workshop = workshops.get(db, workshop_id)
    assert (workshop.title, workshop.organisation, workshop.facilitator, workshop.created,
            workshop.status, workshop.trashed_at) == (
        "Imported", "Harbour Bank", "Priya Raman", "2026-01-05T10:00:00+00:00", "active", None)
    assert workshop.updated != "2026-01-06T10:00:00+00:00"


@pytest.mark.parametrize("data", [
    pytest.param(b"\xef\xbb\xbf" + as_bytes(a_backup()), id="UTF-8 with a byte-order mark"),
    pytest.param(as_bytes(a_backup()).decode("utf-8"), id="text rather than bytes"),
    pytest.param(json.dumps(a_backup(), indent=2).encode("ascii"), id="ASCII with escapes"),
])
def test_a_backup_imports_from_any_reasonable_encoding(db, data):
    workshop_id = backup.import_bytes(db, data)
    assert backup.export_document(db, workshop_id)["tables"]["challenges"] == [a_row()]


@pytest.mark.parametrize("document, expected", [
    pytest.param(without(a_backup(), "tables"), [], id="no tables at all"),
    pytest.param(a_backup(tables={}), [], id="empty tables"),
    pytest.param(a_backup(tables={"challenges": [{"id": 7, "who": "Students"}]}),
                 [{"id": 1, "who": "Students", "what": "", "why": "", "chosen": 0}],
                 id="missing fields take their defaults"),
])
def test_a_sparse_backup_imports(db, document, expected):
    workshop_id = backup.import_document(db, document)
    assert backup.export_document(db, workshop_id)["tables"]["challenges"] == expected


@pytest.mark.parametrize("workshop, expected", [
    pytest.param({"title": " Zoe\u0308\u202e "}, ("Zo\u00eb", "", ""), id="cleaned like typing"),
    pytest.param({"title": "T", "organisation": None}, ("T", "", ""), id="null is empty"),
])
def test_the_workshop_details_of_a_backup_are_cleaned(db, workshop, expected):
    imported = workshops.get(db, backup.import_document(db, a_backup(workshop=workshop)))
    assert (imported.title, imported.organisation, imported.facilitator) == expected


def test_a_created_date_that_is_not_text_is_replaced_by_now(db):
    workshop = workshops.get(db, backup.import_document(
        db, a_backup(workshop={"title": "T", "created": 20260105})))
    assert workshop.created == workshop.updated


def test_the_json_export_keeps_non_ascii_text_readable_and_ends_with_a_newline(db):
    workshop_id = workshops.create(db, "Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u6771\u4eac \U0001F680")
    text = backup.export_json(db, workshop_id)
    assert text.endswith("}\n")
    assert '"title": "Zo\u00eb\'s caf\u00e9 \u2014 \u03a9 \u6771\u4eac \U0001F680"' in text


def test_exporting_a_missing_workshop_raises_not_found(db):
    with pytest.raises(workshops.NotFoundError, match=r"^There is no workshop with id 404\.$"):
        backup.export_document(db, 404)


MALFORMED = [
    pytest.param(b"not json", "The file is not valid JSON: line 1, column 1: Expecting value.",
                 id="not JSON"),
    pytest.param(b'{"format": "cx-strategy-workshop",\n "version": 1,,}',
                 "The file is not valid JSON: line 2, column 15: Expecting property name "
                 "enclosed in double quotes.", id="a JSON syntax error"),
    pytest.param(b"", "The file is empty.", id="empty file"),
    pytest.param(b" \n\t ", "The file is empty.", id="only whitespace"),
    pytest.param(b"\xef\xbb\xbf", "The file is empty.", id="only a byte-order mark"),
    pytest.param(b'{"title": "caf\xe9"}', "The file is not UTF-8 text (byte 14).",
                 id="not UTF-8"),
    pytest.param(b"\xff\xfe{\x00}\x00", "The file is not UTF-8 text (byte 0).",
                 id="UTF-16"),
    pytest.param(b" " * (backup.MAX_BYTES + 1), "The file is too large: 21 MB, the limit is 20 MB.",
                 id="too large"),
    pytest.param(b"[" * 100_000, "The file is not a workshop backup: it is nested too deeply.",
                 id="nested too deeply"),
    pytest.param(b'{"version": ' + b"9" * 5000 + b"}",
                 "The file is not a workshop backup: a number has too many digits.",
                 id="a number with too many digits"),
    pytest.param(as_bytes(a_backup()).replace(b"Students", b"Stu\\ud800dents"),
                 "The file holds text that is not valid Unicode: an unpaired \\ud800 escape.",
                 id="an unpaired surrogate escape"),
    pytest.param(as_bytes([a_backup()]),
                 "This is not a CX workshop backup: expected format 'cx-strategy-workshop'.",
                 id="a list at top level"),
    pytest.param(b'"cx-strategy-workshop"',
                 "This is not a CX workshop backup: expected format 'cx-strategy-workshop'.",
                 id="a string at top level"),
    pytest.param(as_bytes(without(a_backup(), "format")),
                 "This is not a CX workshop backup: expected format 'cx-strategy-workshop'.",
                 id="no format"),
    pytest.param(as_bytes(a_backup(format="trello-board")),
                 "This is not a CX workshop backup (its format is 'trello-board'): "
                 "expected format 'cx-strategy-workshop'.", id="wrong format"),
    pytest.param(as_bytes(a_backup(version=2)),
                 "This backup is version 2, newer than this app reads (up to 1). "
                 "Update the app to import it.", id="version too new"),
    pytest.param(as_bytes(a_backup(version="1")),
                 "version: expected a whole number, got text.", id="version as text"),
    pytest.param(as_bytes(a_backup(version=1.5)),
                 "version: expected a whole number, got a number.", id="version a fraction"),
    pytest.param(as_bytes(a_backup(version=0)),
                 "version: expected a whole number, got a number.", id="version zero"),
    pytest.param(as_bytes(a_backup(version=True)),
                 "version: expected a whole number, got true/false.", id="version true"),
    pytest.param(as_bytes(without(a_backup(), "version")),
                 "version: expected a whole number, got nothing (null).", id="no version"),
    pytest.param(as_bytes(without(a_backup(), "workshop")),
                 "workshop: expected an object, got nothing (null).", id="no workshop"),
    pytest.param(as_bytes(a_backup(workshop="Imported")),
                 "workshop: expected an object, got text.", id="workshop as text"),
    pytest.param(as_bytes(without(a_backup(), "workshop", "title")),
                 "workshop.title cannot be empty.", id="missing title"),
    pytest.param(as_bytes(a_backup(workshop={"title": "\u202e "})),
                 "workshop.title cannot be empty.", id="a title of only unwanted characters"),
    pytest.param(as_bytes(a_backup(workshop={"title": 7})),
                 "workshop.title must be text.", id="title as a number"),
    pytest.param(as_bytes(a_backup(workshop={"title": "t" * 121})),
                 "workshop.title is too long: 121 characters, the limit is 120.",
                 id="title too long"),
    pytest.param(as_bytes(a_backup(workshop={"title": "T", "facilitator": ["Priya"]})),
                 "workshop.facilitator must be text.", id="facilitator as a list"),
    pytest.param(as_bytes(a_backup(tables=[])),
                 "tables: expected an object, got a list.", id="tables as a list"),
    pytest.param(as_bytes(a_backup(tables=None)),
                 "tables: expected an object, got nothing (null).", id="tables null"),
    pytest.param(as_bytes(a_backup(tables={"challenges": [], "flipcharts": []})),
                 "tables.flipcharts: this app has no such table.", id="table unknown"),
    pytest.param(as_bytes(a_backup(tables={"workshops": []})),
                 "tables.workshops: this app has no such table.", id="the workshops table"),
    pytest.param(as_bytes(a_backup(tables={"_sqlite_migrations": []})),
                 "tables._sqlite_migrations: this app has no such table.",
                 id="the migrations table"),
    pytest.param(as_bytes(a_backup(tables={"challenges": {"1": a_row()}})),
                 "tables.challenges: expected a list, got an object.", id="rows not a list"),
    pytest.param(with_rows(a_row(), "Students can"),
                 "tables.challenges[1]: expected an object, got text.", id="a row not an object"),
    pytest.param(with_rows(a_row(who=5)),
                 "tables.challenges[0].who: expected text, got a number.",
                 id="a field of the wrong type"),
    pytest.param(with_rows(a_row(chosen="yes")),
                 "tables.challenges[0].chosen: expected a whole number, got text.",
                 id="text for a whole number"),
    pytest.param(with_rows(a_row(chosen=True)),
                 "tables.challenges[0].chosen: expected a whole number, got true/false.",
                 id="a boolean for a whole number"),
    pytest.param(with_rows(a_row(chosen=1.0)),
                 "tables.challenges[0].chosen: expected a whole number, got a number.",
                 id="a fraction for a whole number"),
    pytest.param(with_rows({"id": 1, "taken": "2026-01-01", "value": "high"}, table="readings"),
                 "tables.readings[0].value: expected a number, got text.",
                 id="text for a number"),
    pytest.param(with_rows(a_row(why=None)),
                 "tables.challenges[0].why: expected text, got nothing (null).",
                 id="null for a required field"),
    pytest.param(with_rows(a_row(colour="red")),
                 "tables.challenges[0].colour: challenges has no such field.",
                 id="an unknown field"),
    pytest.param(with_rows(a_row(workshop_id=1)),
                 "tables.challenges[0].workshop_id: challenges has no such field.",
                 id="a workshop_id field"),
    pytest.param(with_rows(a_row(), a_row(id=2), a_row(id=1)),
                 "tables.challenges[2].id: id 1 appears twice.", id="duplicate id"),
    pytest.param(with_rows(a_row(), without(a_row(), "id")),
                 "tables.challenges[1].id: every row needs an id.", id="a row missing its id"),
    pytest.param(with_rows(a_row(id=None)),
                 "tables.challenges[0].id: every row needs an id.", id="a null id"),
    pytest.param(with_rows(a_row(id="1")),
                 "tables.challenges[0].id: expected a whole number, got text.", id="id as text"),
    pytest.param(with_rows(a_row(chosen=2**63)),
                 "tables.challenges[0].chosen: the number is too large to store.",
                 id="a number too large for SQLite"),
    pytest.param(with_rows(a_row(who="w" * (backup.MAX_TEXT + 1))),
                 f"tables.challenges[0].who: the text is too long ({backup.MAX_TEXT + 1} "
                 "characters).", id="text too long"),
    pytest.param(with_rows({"id": 1, "persona_id": 9, "quadrant": "feel"}, table="empathy_notes"),
                 "tables.empathy_notes[0].persona_id: refers to personas id 9, which is not in "
                 "the backup.", id="a dangling reference"),
    pytest.param(with_rows(a_row(chosen=5)),
                 "tables.challenges[0].chosen: Chosen must be 1 (yes) or 0 (no).",
                 id="a flag that is neither yes nor no"),
    pytest.param(with_rows({"id": 1, "taken": "2026-01-01"}, table="readings"),
                 "tables.readings[0]: a value is not allowed "
                 "(NOT NULL constraint failed: readings.value).", id="a required field missing"),
    pytest.param(as_bytes(a_backup(tables={
        "brainstorms": [{"id": 1}],
        "ideas": [{"id": 1, "brainstorm_id": 1}],
        "scores": [{"id": 1, "idea_id": 1}, {"id": 2, "idea_id": 1}],
    })), "tables.scores[1].idea_id: a value is not allowed "
         "(UNIQUE constraint failed: scores.idea_id).", id="a UNIQUE reference shared"),
]


@pytest.mark.parametrize("data, message", MALFORMED)
def test_a_malformed_backup_is_refused_with_one_clear_line_and_nothing_changes(
        db, data, message):
    sample.create_sample(db)
    before = snapshot(db)
    with pytest.raises(BackupError, match=f"^{re.escape(message)}$"):
        backup.import_bytes(db, data)
    assert "\n" not in message
    assert snapshot(db) == before
    assert db.conn.in_transaction is False


def test_a_backup_error_is_a_value_error():
    assert issubclass(BackupError, ValueError)


def test_imported_text_is_cleaned_like_typed_text(db):
    document = {"format": backup.FORMAT, "version": 1, "workshop": {"title": "Imported"},
                "tables": {"challenges": [{"id": 1, "who": "Stu\u202edents\x07 ", "what": "",
                                           "why": "", "chosen": 1}]}}
    workshop_id = backup.import_document(db, document)
    assert [c.who for c in challenge.list_challenges(db, workshop_id)] == ["Students"]


def test_the_sample_shows_every_step_of_the_guided_path(db):
    from cxcore import path as guided_path

    progress = guided_path.progress(db, sample.create_sample(db))
    assert (progress.started_keys, progress.percent) == (
        frozenset(s.key for s in guided_path.STEPS), 100)


def test_the_sample_has_a_complete_chain_from_pain_point_to_reading(db):
    from cxcore import chain

    threads = chain.build_threads(chain.read_chain(db, sample.create_sample(db)))
    complete = [t for t in threads if not t.breaks and [link.kind for link in t.links] == list(
        chain.KINDS)]
    assert complete, "no thread runs from a pain point all the way to a reading"
