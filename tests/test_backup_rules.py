"""A backup obeys the rules typed input obeys: one bad file per rule, each refused with one line
naming the table, row and field, and the typed-input path refusing the same value with the
same message."""
from __future__ import annotations

import base64
import copy
import io
import json
import re
from collections.abc import Callable

import pytest
from PIL import Image

from cxcore import (backup, brainstorm, cards, empathy, goals, ideas, journeys, measurement,
                    personas, plan, portraits, sample, stakeholders, statements, touchpoints,
                    whys)
from cxcore import db as store
from cxcore.backup import BackupError
from cxcore.text import ValidationError

RATING = {"id": 1, "card_id": 1, "rater": "Ana", "customer_value": 4, "business_value": 3,
          "created": "2026-10-14T12:00:00+00:00"}


def _valid_document() -> dict:
    """The sample exported through the core, with a room card rating so every table has a row."""
    database = store.connect(":memory:")
    document = backup.export_document(database, sample.create_sample(database))
    document["tables"]["card_ratings"] = [dict(RATING)]
    database.close()
    return document


VALID = _valid_document()


def snapshot(db) -> dict[str, list[dict]]:
    return {table: list(db[table].rows) for table in ["workshops", *store.artefact_tables(db)]}


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (13, 110, 110)).save(buffer, format="PNG")
    return buffer.getvalue()


def data_url(data: bytes, kind: str = "png") -> str:
    return f"data:image/{kind};base64," + base64.b64encode(data).decode("ascii")


def why_chain(levels: int) -> list[dict]:
    """The sample's answers and a new chain of ``levels`` answers under analysis 2."""
    chain = [{"id": 100 + n, "analysis_id": 2, "parent_id": 99 + n if n else None,
              "text": f"Because {n}", "evidence_source": "", "evidence_figure": "",
              "status": "unverified", "position": 1} for n in range(levels)]
    return VALID["tables"]["why_answers"] + chain


# (table, row index, field, bad value, the message typed input gets for it)
FIELD_CASES = [
    ("reviews", 0, "held", "9999-12-31", "The review date must be a year from 2000 to 2100."),
    ("actions", 0, "due", "soon", "Due date must be a date, like 2027-06-30."),
    ("goals", 0, "deadline", "next year", "Deadline must be a date, like 2027-06-30."),
    ("readings", 0, "taken", "yesterday", "The date must be a date, like 2027-06-30."),
    ("readings", 0, "taken", "0001-01-01", "The date must be a year from 2000 to 2100."),
    ("readings", 0, "taken", " ", "The date of the reading cannot be empty."),
    ("statements", 0, "created", "whenever", "Created must be a date and time from 2000 to "
     "2100, like 2026-10-14T09:30:00+00:00."),
    ("goals", 0, "baseline", 1e13, "Baseline must be an ordinary number, like 18 or 12.5."),
    ("brainstorms", 0, "weight_customer", 11, "The weight of customer value must be from 0 to "
     "10."),
    ("brainstorms", 0, "dots_per_voter", 0, "Dots per voter must be from 1 to 20, not 0."),
    ("stakeholders", 0, "support", 11, "Support must be from 0 to 10, not 11."),
    ("touchpoints", 0, "importance", 0, "Importance to the goals must be from 1 to 5, not 0."),
    ("scores", 0, "feasibility", 6, "Feasibility must be from 1 to 5, not 6."),
    ("cards", 0, "business_value", 0, "Business value must be from 1 to 5, not 0."),
    ("card_ratings", 0, "customer_value", 9, "Customer value must be from 1 to 5, not 9."),
    ("journey_stages", 0, "emotion", 3, "Emotion score must be from -2 to 2, not 3."),
    ("votes", 0, "dots", 21, "Dots must be from 1 to 20, not 21."),
    ("empathy_notes", 0, "position", -1, "Position must be from 0 to 1000000000, not -1."),
    ("statements", 0, "kind", "slogan", "Unknown kind of statement: slogan. Use vision, mission "
     "or success."),
    ("goals", 0, "metric", "ebitda", "Unknown metric: ebitda. Choose one of NPS, Churn rate, "
     "Customer lifetime value, CSAT, CES, Retention, Custom metric."),
    ("goals", 0, "metric_kind", "vibes", "The kind of metric is customer feedback or "
     "operational."),
    ("empathy_notes", 0, "quadrant", "smell", "Unknown quadrant: smell. Use think, feel, say or "
     "do."),
    ("journey_entries", 0, "lane", "backstage", "Unknown lane: backstage. Choose one of: "
     "Actions, Needs, Thoughts and feelings, Touchpoints, Systems, Processes, Pain points, "
     "Opportunities."),
    ("touchpoints", 0, "channel", "fax", "Choose a channel from the list, not 'fax'."),
    ("why_answers", 0, "status", "maybe", "Choose unverified, proven or disproven."),
    ("brainstorms", 0, "technique", "six_hats", "Unknown technique: six_hats."),
    ("brainstorms", 0, "phase", "judge", "Unknown phase: judge."),
    ("cards", 0, "status", "shipped", "Unknown status: shipped."),
    ("actions", 0, "status", "someday", "The status is planned, in progress, done or blocked."),
    ("reviews", 0, "decision", "pivot", "The decision is to stay the course or to shift."),
    ("personas", 0, "name", "n" * 81, "Name is too long: 81 characters, the limit is 80."),
    ("personas", 0, "name", " \u202e", "Name cannot be empty."),
    ("goals", 0, "statement", "s" * 301, "The goal is too long: 301 characters, the limit is "
     "300."),
    ("empathy_notes", 0, "text", "", "A note cannot be empty."),
    ("journey_entries", 0, "author", "a" * 61, "The author is too long: 61 characters, the "
     "limit is 60."),
    ("why_answers", 0, "text", "", "Write the answer to “why?” first."),
    ("ideas", 0, "text", "i" * 301, "The idea is too long: 301 characters, the limit is 300."),
    ("settings", 0, "name", "", "Setting name cannot be empty."),
    ("goals", 0, "social", 2, "Social must be 1 (yes) or 0 (no)."),
    ("challenges", 0, "chosen", -1, "Chosen must be 1 (yes) or 0 (no)."),
    ("personas", 0, "image", "a picture", "The picture must be an image in a data URL "
     "(data:image/webp;base64,...)."),
    ("personas", 0, "image", "data:image/png;base64,!!!", "The picture is not valid base64."),
    ("personas", 0, "image", data_url(b"GIF89a not really"), portraits.NOT_AN_IMAGE),
    ("personas", 0, "image", data_url(png(8000, 5001)), "The image has too many pixels: "
     "8000 x 5001; the limit is 16 megapixels and 10,000 pixels on a side."),
]


def _case_id(case: tuple) -> str:
    table, index, field, value, _ = case
    return f"{table}.{field}={str(value)[:20]}"


def broken(table: str, index: int, field: str, value: object) -> dict:
    document = copy.deepcopy(VALID)
    document["tables"][table][index][field] = value
    return document


def assert_refused(db, document: object, message: str) -> None:
    before = snapshot(db)
    data = document if isinstance(document, bytes) else json.dumps(document).encode("utf-8")
    with pytest.raises(BackupError, match=f"^{re.escape(message)}$"):
        backup.import_bytes(db, data)
    assert "\n" not in message
    assert snapshot(db) == before
    assert db["workshops"].count == 1


@pytest.fixture
def db_with_workshop(db, make_workshop):
    make_workshop()
    return db


def test_the_valid_document_imports(db):
    workshop_id = backup.import_document(db, copy.deepcopy(VALID))
    assert backup.export_document(db, workshop_id)["tables"] == VALID["tables"]


@pytest.mark.parametrize("case", FIELD_CASES, ids=map(_case_id, FIELD_CASES))
def test_a_backup_breaking_a_field_rule_is_refused_naming_table_row_and_field(
        db_with_workshop, case):
    table, index, field, value, message = case
    assert_refused(db_with_workshop, broken(table, index, field, value),
                   f"tables.{table}[{index}].{field}: {message}")


def changed(table: str, index: int, **values: object) -> list[dict]:
    """The valid document's rows of ``table`` with one row changed."""
    rows = copy.deepcopy(VALID["tables"][table])
    rows[index].update(values)
    return rows


ANSWERS = len(VALID["tables"]["why_answers"])
ROW_CASES = [
    pytest.param("why_answers", why_chain(31), f"tables.why_answers[{ANSWERS + 30}].parent_id: "
                 "An analysis goes at most 30 levels of “why?” deep.", id="why chain 31 deep"),
    pytest.param("why_answers", why_chain(1500), f"tables.why_answers[{ANSWERS + 30}].parent_id: "
                 "An analysis goes at most 30 levels of “why?” deep.", id="why chain 1500 deep"),
    pytest.param("why_answers", list(reversed(why_chain(1500))),
                 "tables.why_answers[1469].parent_id: An analysis goes at most 30 levels of "
                 "“why?” deep.", id="why chain 1500 deep, deepest first"),
    pytest.param("why_answers", changed("why_answers", 0, parent_id=5),
                 "tables.why_answers[0].parent_id: The answers go round in a loop: an answer "
                 "cannot sit beneath itself.", id="answers in a loop"),
    pytest.param("why_answers", changed("why_answers", 0, parent_id=1),
                 "tables.why_answers[0].parent_id: The answers go round in a loop: an answer "
                 "cannot sit beneath itself.", id="an answer under itself"),
    pytest.param("why_answers", changed("why_answers", 9, parent_id=1),
                 "tables.why_answers[9].parent_id: That answer belongs to another analysis.",
                 id="an answer under another analysis's answer"),
    pytest.param("brainstorms", changed("brainstorms", 0, weight_customer=0, weight_business=0,
                                        weight_feasibility=0),
                 "tables.brainstorms[0].weight_feasibility: At least one criterion needs a "
                 "weight above zero.", id="a brainstorm with every weight zero"),
    pytest.param("cards", changed("cards", 3, solves="", status="validated"),
                 "tables.cards[3].status: Card 4 is still a draft: write all four parts before "
                 "marking it validated.", id="a validated card with a part missing"),
    pytest.param("cards", changed("cards", 0, status="retired", retired_reason=""),
                 "tables.cards[0].retired_reason: The reason to retire the card cannot be "
                 "empty.", id="a retired card without a reason"),
    pytest.param("statements", [*VALID["tables"]["statements"], {
        **VALID["tables"]["statements"][-1], "id": 99, "final": 1}],
                 f"tables.statements[{len(VALID['tables']['statements'])}].final: Only one "
                 f"{statements.LABELS[VALID['tables']['statements'][-1]['kind']]} statement can "
                 "be the final one.", id="two final statements of a kind"),
    pytest.param("challenges", changed("challenges", 1, chosen=1),
                 "tables.challenges[1].chosen: Only one challenge can be the chosen one.",
                 id="two chosen challenges"),
    pytest.param("journeys", changed("journeys", 1, persona_id=1),
                 "tables.journeys[1].persona_id: That persona already has a journey.",
                 id="two journeys for one persona"),
    pytest.param("ideas", changed("ideas", 0, merged_into_id=1),
                 "tables.ideas[0].merged_into_id: Pick two different ideas to merge.",
                 id="an idea merged into itself"),
    pytest.param("ideas", changed("ideas", 0, merged_into_id=13),
                 "tables.ideas[0].merged_into_id: Only ideas of the same brainstorm can be "
                 "merged.", id="an idea merged into another brainstorm's idea"),
    pytest.param("ideas", changed("ideas", 0, merged_into_id=9),
                 "tables.ideas[0].merged_into_id: That idea was merged into another: work on "
                 "the idea it was merged into.", id="an idea merged into a merged idea"),
]


@pytest.mark.parametrize("table, rows, message", ROW_CASES)
def test_a_backup_breaking_a_rule_across_rows_is_refused(db_with_workshop, table, rows,
                                                         message):
    document = copy.deepcopy(VALID)
    document["tables"][table] = copy.deepcopy(rows)
    assert_refused(db_with_workshop, document, message)


@pytest.mark.parametrize("constant", ["Infinity", "-Infinity", "NaN"])
def test_a_backup_with_a_number_json_does_not_allow_is_refused(db_with_workshop, constant):
    data = json.dumps(VALID).replace('"value": 18.0', f'"value": {constant}', 1).encode()
    assert constant.encode() in data
    assert_refused(db_with_workshop, data,
                   f"The file is not valid JSON: {constant} is not a number JSON allows.")


def test_an_imported_picture_is_stored_as_the_upload_thumbnail(db):
    document = broken("personas", 0, "image", data_url(png(1200, 900)))
    workshop_id = backup.import_document(db, document)
    stored = personas.list_personas(db, workshop_id)[0].image
    assert stored.startswith(portraits.DATA_URL_PREFIX)
    thumbnail = Image.open(io.BytesIO(portraits.data_url_bytes(stored)))
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (256, 256))


def test_a_thumbnail_made_by_an_upload_survives_a_round_trip_byte_for_byte(db, make_workshop):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret")
    personas.set_image(db, workshop_id, persona_id, png(640, 480))
    document = backup.export_document(db, workshop_id)
    copied = backup.export_document(db, backup.import_document(db, copy.deepcopy(document)))
    assert copied["tables"]["personas"] == document["tables"]["personas"]


# ---- typed input refuses the same values with the same message

def _goal(db, wid):
    return goals.add_goal(db, wid, "Lift NPS", "nps")


def _action(db, wid):
    return plan.add_action(db, wid, "Ship the checklist")


def _stage(db, wid):
    return journeys.get_journey(db, wid, journeys.create_journey(db, wid)).stages[0].id


def _brainstorm(db, wid):
    return brainstorm.create_brainstorm(db, wid, "Faster decisions")


def _idea(db, wid):
    return ideas.add_idea(db, wid, _brainstorm(db, wid), "Checklist")


# (table, field, the bad value of FIELD_CASES, how a person would type it)
TYPED: list[tuple[str, str, object, Callable]] = [
    ("reviews", "held", "9999-12-31",
     lambda db, w, v: measurement.add_review(db, w, v, works="NPS up")),
    ("actions", "due", "soon", lambda db, w, v: plan.update_field(db, w, _action(db, w), "due", v)),
    ("goals", "deadline", "next year",
     lambda db, w, v: goals.update_field(db, w, _goal(db, w), "deadline", v)),
    ("readings", "taken", "yesterday",
     lambda db, w, v: measurement.add_reading(db, w, _goal(db, w), v, 3)),
    ("readings", "taken", "0001-01-01",
     lambda db, w, v: measurement.add_reading(db, w, _goal(db, w), v, 3)),
    ("readings", "taken", " ", lambda db, w, v: measurement.add_reading(db, w, _goal(db, w), v, 3)),
    ("goals", "baseline", 1e13,
     lambda db, w, v: goals.update_field(db, w, _goal(db, w), "baseline", v)),
    ("brainstorms", "weight_customer", 11,
     lambda db, w, v: brainstorm.set_weight(db, w, _brainstorm(db, w), "customer_value", v)),
    ("brainstorms", "dots_per_voter", 0,
     lambda db, w, v: brainstorm.set_dots_per_voter(db, w, _brainstorm(db, w), v)),
    ("stakeholders", "support", 11,
     lambda db, w, v: stakeholders.add_stakeholder(db, w, "Aisha", support=v)),
    ("touchpoints", "importance", 0,
     lambda db, w, v: touchpoints.add_touchpoint(db, w, "website", "Calculator", importance=v)),
    ("scores", "feasibility", 6,
     lambda db, w, v: ideas.set_score(db, w, _idea(db, w), "feasibility", v)),
    ("cards", "business_value", 0,
     lambda db, w, v: cards.set_value(db, w, cards.add_card(db, w, "C"), "business_value", v)),
    ("journey_stages", "emotion", 3, lambda db, w, v: journeys.set_emotion(db, w, _stage(db, w), v)),
    ("votes", "dots", 21, lambda db, w, v: ideas.cast_vote(db, w, _idea(db, w), "Tom", v)),
    ("statements", "kind", "slogan", lambda db, w, v: statements.add_draft(db, w, v, "Be kind")),
    ("goals", "metric", "ebitda", lambda db, w, v: goals.add_goal(db, w, "Lift it", v)),
    ("goals", "metric_kind", "vibes",
     lambda db, w, v: goals.update_field(db, w, _goal(db, w), "metric_kind", v)),
    ("empathy_notes", "quadrant", "smell",
     lambda db, w, v: empathy.add_note(db, w, personas.add_persona(db, w, "Sam"), v, "Hmm")),
    ("journey_entries", "lane", "backstage",
     lambda db, w, v: journeys.add_entry(db, w, _stage(db, w), v, "Queue")),
    ("touchpoints", "channel", "fax", lambda db, w, v: touchpoints.add_touchpoint(db, w, v, "Fax")),
    ("why_answers", "status", "maybe", lambda db, w, v: whys.set_status(db, w, whys.add_answer(
        db, w, whys.create_analysis(db, w, "Stalls"), None, "Docs"), v)),
    ("brainstorms", "technique", "six_hats",
     lambda db, w, v: brainstorm.create_brainstorm(db, w, "P", v)),
    ("brainstorms", "phase", "judge",
     lambda db, w, v: brainstorm.set_phase(db, w, _brainstorm(db, w), v)),
    ("cards", "status", "shipped",
     lambda db, w, v: cards.set_status(db, w, cards.add_card(db, w, "C"), v)),
    ("actions", "status", "someday",
     lambda db, w, v: plan.update_field(db, w, _action(db, w), "status", v)),
    ("reviews", "decision", "pivot",
     lambda db, w, v: measurement.add_review(db, w, "2026-05-29", works="Yes", decision=v)),
    ("personas", "name", "n" * 81, lambda db, w, v: personas.add_persona(db, w, v)),
    ("personas", "name", " \u202e", lambda db, w, v: personas.add_persona(db, w, v)),
    ("goals", "statement", "s" * 301, lambda db, w, v: goals.add_goal(db, w, v)),
    ("empathy_notes", "text", "",
     lambda db, w, v: empathy.add_note(db, w, personas.add_persona(db, w, "Sam"), "think", v)),
    ("journey_entries", "author", "a" * 61,
     lambda db, w, v: journeys.add_entry(db, w, _stage(db, w), "actions", "Calls", author=v)),
    ("why_answers", "text", "",
     lambda db, w, v: whys.add_answer(db, w, whys.create_analysis(db, w, "Stalls"), None, v)),
    ("ideas", "text", "i" * 301, lambda db, w, v: ideas.add_idea(db, w, _brainstorm(db, w), v)),
]


def _message_for(table: str, field: str, value: object) -> str:
    return next(message for t, _, f, v, message in FIELD_CASES if (t, f, v) == (table, field, value))


@pytest.mark.parametrize("table, field, value, call", TYPED,
                         ids=[_case_id((t, 0, f, v, "")) for t, f, v, _ in TYPED])
def test_typed_input_refuses_the_value_a_backup_is_refused_for_with_the_same_message(
        db, make_workshop, table, field, value, call):
    workshop_id = make_workshop()
    with pytest.raises(ValidationError) as error:
        call(db, workshop_id, value)
    assert str(error.value) == _message_for(table, field, value)


def test_typed_answers_stop_at_the_deepest_level_an_import_allows(db, make_workshop):
    workshop_id = make_workshop()
    analysis = whys.create_analysis(db, workshop_id, "Stalls")
    parent = None
    for level in range(whys.MAX_DEPTH):
        parent = whys.add_answer(db, workshop_id, analysis, parent, f"Because {level}")
    before = whys.list_answers(db, workshop_id, analysis)
    with pytest.raises(ValidationError) as error:
        whys.add_answer(db, workshop_id, analysis, parent, "One more")
    assert str(error.value) == "An analysis goes at most 30 levels of “why?” deep."
    assert whys.list_answers(db, workshop_id, analysis) == before
    assert whys.depth(before) == whys.MAX_DEPTH


def test_every_field_of_every_artefact_table_has_a_rule(db):
    """A new column needs a rule in the module that owns its table (ids and references are
    checked by the import itself)."""
    from cxcore import rows
    without_rule = {}
    for table in store.artefact_tables(db):
        linked = {"id", "workshop_id", *backup._references(db, table)}
        fields = {column.name for column in db[table].columns} - linked
        if fields - rows.fields_with_rules(table):
            without_rule[table] = sorted(fields - rows.fields_with_rules(table))
    assert without_rule == {}


@pytest.mark.parametrize("call, message", [
    pytest.param(lambda db, w, v: goals.update_field(db, w, _goal(db, w), "target", v),
                 "Target must be an ordinary number, like 18 or 12.5.", id="goal target"),
    pytest.param(lambda db, w, v: measurement.add_reading(db, w, _goal(db, w), "2026-01-01", v),
                 "The value must be an ordinary number, like 18 or 12.5.", id="reading"),
    pytest.param(lambda db, w, v: brainstorm.set_weight(db, w, _brainstorm(db, w),
                                                        "feasibility", v),
                 "The weight of feasibility must be from 0 to 10.", id="brainstorm weight"),
])
@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), "inf", "nan"])
def test_typed_numbers_that_are_not_finite_are_refused(db, make_workshop, call, message, value):
    workshop_id = make_workshop()
    with pytest.raises(ValidationError) as error:
        call(db, workshop_id, value)
    assert str(error.value) == message
