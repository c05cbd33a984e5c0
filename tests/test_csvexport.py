"""The CSV export: formula neutralising, exact CSV bytes and the zip of tables."""
from __future__ import annotations

import io
import zipfile

import pytest

from cxcore import challenge, csvexport, sample, workshops

BOM = b"\xef\xbb\xbf"


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
    ("=1+1", "'=1+1"),
    ("+44 20 7946 0000", "'+44 20 7946 0000"),
    ("-2 points", "'-2 points"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("\0=1+1", "'\0=1+1"),
    ("plain text", "plain text"),
    ("a = b + c - d @ e", "a = b + c - d @ e"),
    (" =1+1", " =1+1"),
    ("'=already quoted", "'=already quoted"),
    ("", ""),
    (42, 42),
    (-5, -5),
    (-2.5, -2.5),
    (0, 0),
    (None, None),
])
def test_neutralise_quotes_only_text_that_a_spreadsheet_would_run(value, expected):
    assert csvexport.neutralise(value) == expected


def test_table_csv_is_utf8_with_a_bom_crlf_lines_and_quoting_where_needed():
    rows = [
        {"id": 1, "who": "Students, new", "what": 'say "hi"', "why": "line one\nline two",
         "chosen": 1},
        {"id": 2, "who": "=HYPERLINK(\"http://x\")", "what": None, "why": "Zo\u00eb \u2014 \u03a9",
         "chosen": 0},
        {"id": 3, "who": "-1", "what": "", "why": "plain", "chosen": -1},
    ]
    assert csvexport.table_csv(rows, ["id", "who", "what", "why", "chosen"]) == (
        BOM
        + b"id,who,what,why,chosen\r\n"
        + b'1,"Students, new","say ""hi""","line one\nline two",1\r\n'
        + b"2,\"'=HYPERLINK(\"\"http://x\"\")\",,Zo\xc3\xab \xe2\x80\x94 \xce\xa9,0\r\n"
        + b"3,'-1,,plain,-1\r\n"
    )


def test_table_csv_writes_only_the_columns_asked_for_in_their_order():
    rows = [{"b": 2, "a": 1, "secret": "x"}, {"a": 3}]
    assert csvexport.table_csv(rows, ["a", "b"]) == BOM + b"a,b\r\n1,2\r\n3,\r\n"


def test_table_csv_of_no_rows_is_just_the_header():
    assert csvexport.table_csv([], ["id", "name"]) == BOM + b"id,name\r\n"


def test_the_zip_holds_one_readable_csv_per_table_each_with_a_bom(db):
    from cxcore import tables

    workshop_id = sample.create_sample(db)
    files = unzip(csvexport.export_zip(db, workshop_id))
    assert list(files) == [f"{t.key}.csv" for t in tables.all_tables(db, workshop_id)]
    assert [name for name, data in files.items() if not data.startswith(BOM)] == []


CHALLENGE_HEADER = b"Challenge,Who,Can (do what),So that (why),Chosen\r\n"


def test_the_challenges_csv_byte_for_byte(db, make_workshop):
    workshop_id = make_workshop()
    challenge.add_draft(db, workshop_id, "First-time buyers, under 30",
                        'get a "yes" in principle on their phone', "they can bid with confidence")
    challenge.add_draft(db, workshop_id, "Zo\u00eb's caf\u00e9 owners", "pay suppliers",
                        "cash flow stays \u2265 0")
    challenge.add_draft(db, workshop_id, who="Students")
    files = unzip(csvexport.export_zip(db, workshop_id))
    assert files["challenges.csv"] == (
        BOM + CHALLENGE_HEADER
        + b'"First-time buyers, under 30 can get a ""yes"" in principle on their phone so that '
          b'they can bid with confidence.","First-time buyers, under 30",'
          b'"get a ""yes"" in principle on their phone",they can bid with confidence,Yes\r\n'
        + b"Zo\xc3\xab's caf\xc3\xa9 owners can pay suppliers so that cash flow stays "
          b"\xe2\x89\xa5 0.,Zo\xc3\xab's caf\xc3\xa9 owners,pay suppliers,"
          b"cash flow stays \xe2\x89\xa5 0,\r\n"
        + "Students can … so that …,Students,,,\r\n".encode()
    )


def test_the_workshop_csv_byte_for_byte_with_dates_as_iso_dates(db, make_workshop):
    workshop_id = make_workshop("Q3 review, retail", "Harbour Bank", "Priya Raman")
    workshop = workshops.get(db, workshop_id)
    files = unzip(csvexport.export_zip(db, workshop_id))
    assert files["workshop.csv"] == (
        BOM
        + b"Title,Organisation,Facilitator,Created,Updated,Progress\r\n"
        + f'"Q3 review, retail",Harbour Bank,Priya Raman,{workshop.created[:10]},'
          f"{workshop.updated[:10]},0 of 14 steps started\r\n".encode()
    )


def test_an_empty_table_is_exported_as_its_header(db, make_workshop):
    files = unzip(csvexport.export_zip(db, make_workshop()))
    assert (files["challenges.csv"], files["votes.csv"]) == (
        BOM + CHALLENGE_HEADER, BOM + b"Brainstorm,Idea,Voter,Dots\r\n")


def test_text_typed_as_a_formula_is_neutralised_in_the_zip(db, make_workshop):
    workshop_id = make_workshop("=cmd|' /C calc'!A0", "@Bank", "+Priya")
    challenge.add_draft(db, workshop_id, who="=HYPERLINK(\"http://evil\", \"x\")",
                        what="-1 step", why="@risk")
    files = unzip(csvexport.export_zip(db, workshop_id))
    assert files["challenges.csv"] == (
        BOM + CHALLENGE_HEADER
        + b"\"'=HYPERLINK(\"\"http://evil\"\", \"\"x\"\") can -1 step so that @risk.\","
          b"\"'=HYPERLINK(\"\"http://evil\"\", \"\"x\"\")\",'-1 step,'@risk,Yes\r\n"
    )
    workshop = workshops.get(db, workshop_id)
    assert files["workshop.csv"].split(b"\r\n")[1] == (
        f"'=cmd|' /C calc'!A0,'@Bank,'+Priya,{workshop.created[:10]},{workshop.updated[:10]},"
        f"1 of 14 steps started").encode()


def test_a_journey_entry_carries_its_persona_journey_stage_and_lane_in_words(db, make_workshop):
    import datetime as dt

    from cxcore import journeys, personas, plan

    workshop_id = make_workshop()
    persona = personas.add_persona(db, workshop_id, "Leo")
    journey = journeys.create_journey(db, workshop_id, persona, "Opening an account")
    stage = journeys.list_journeys(db, workshop_id)[0].stages[1]
    journeys.add_entry(db, workshop_id, stage.id, "pain_points", "Selfie check fails")
    plan.add_action(db, workshop_id, "Fix the selfie check", "Technology", "Ravi",
                    due="2026-11-30", status="in_progress")
    files = unzip(csvexport.export_zip(db, workshop_id, today=dt.date(2026, 12, 1)))
    assert files["journey_entries.csv"] == (
        BOM + b"Persona,Journey,Stage number,Stage,Lane,Side,Entry,In 5 Whys,In brainstorm,"
          b"Added by\r\n"
        + b"Leo,Leo's journey: Opening an account,2,Accept,Pain points,Organisation,"
          b"Selfie check fails,,,\r\n")
    assert files["actions.csv"] == (
        BOM + b"Action,Department,Owner,Due,Status,Overdue,Card,Goal\r\n"
        + b"Fix the selfie check,Technology,Ravi,2026-11-30,In progress,Yes,,\r\n")
    assert journey == journeys.list_journeys(db, workshop_id)[0].id


def test_exporting_a_missing_workshop_raises_not_found(db):
    with pytest.raises(workshops.NotFoundError, match=r"^There is no workshop with id 404\.$"):
        csvexport.export_zip(db, 404)
