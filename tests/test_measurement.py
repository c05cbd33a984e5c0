"""Measurement and review: CSV import, progress to target, readings, cadence and reviews."""
from __future__ import annotations

import datetime as dt

import pytest

from cxcore import goals, measurement, workshops
from cxcore.measurement import BadRow, ParsedReadings, Reading
from cxcore.text import ValidationError


@pytest.mark.parametrize("text", [
    "date,value\n2026-01-01,18\n2026-02-01,19.5\n",
    "Date, Value\n2026-01-01, 18\n2026-02-01, 19.5",
    "\ufeffDATE,VALUE\r\n2026-01-01,18\r\n2026-02-01,19.5\r\n",
    "value,date\n18,2026-01-01\n19.5,2026-02-01",
    "taken;reading\n2026-01-01;18\n2026-02-01;19,5",
    "date\tvalue\n2026-01-01\t18\n2026-02-01\t19.5",
    '"date","value"\n"2026-01-01","18"\n"2026-02-01","19.5"',
    "2026-01-01,18\n2026-02-01,19.5",
])
def test_header_variants_all_read_the_same_readings(text):
    assert measurement.parse_readings_csv(text) == ParsedReadings(
        [Reading("2026-01-01", 18.0), Reading("2026-02-01", 19.5)], [])


@pytest.mark.parametrize("line,reason", [
    ("31/01/2026,18", "The date must be a date, like 2027-06-30."),
    ("2026-02-30,18", "The date must be a date, like 2027-06-30."),
    ("2026-01-31,eighteen", "The value must be a number, like 18 or 12.5."),
    ("2026-01-31,inf", "The value must be an ordinary number, like 18 or 12.5."),
    ("2026-01-31", "It needs both a date and a value."),
    ("2026-01-31,", "It needs both a date and a value."),
    ("2026-01-01,20", "The date 2026-01-01 is already on line 2."),
])
def test_a_bad_row_is_reported_by_line_number_with_its_reason_and_the_rest_is_kept(line, reason):
    text = f"date,value\n2026-01-01,18\n\n{line}\n2026-03-01,21\n"
    assert measurement.parse_readings_csv(text) == ParsedReadings(
        [Reading("2026-01-01", 18.0), Reading("2026-03-01", 21.0)], [BadRow(4, line, reason)])


@pytest.mark.parametrize("header,missing", [
    ("date,score_of_sorts", "value"), ("when_taken,value", "date"),
    ("month,nps", "date and value")])
def test_a_header_missing_a_column_is_reported_on_its_line_and_nothing_is_read(header, missing):
    assert measurement.parse_readings_csv(f"\n{header}\n2026-01-01,18") == ParsedReadings(
        [], [BadRow(2, header, f"The header needs a {missing} column (columns: date,value).")])


def test_empty_text_gives_nothing_and_oversized_text_is_refused():
    assert measurement.parse_readings_csv(" \n\n") == ParsedReadings([], [])
    with pytest.raises(ValidationError):
        measurement.parse_readings_csv("2026-01-01,1\n" * 20_000)


def readings(*values):
    return [Reading(f"2026-{n:02d}-01", float(v)) for n, v in enumerate(values, start=1)]


@pytest.mark.parametrize("baseline,target,values,expected", [
    (18, 35, (18, 20, 26.5), 50.0),          # NPS rising towards a higher target
    (12, 8, (12, 11, 10), 50.0),             # churn falling towards a lower target
    (12, 8, (12, 13), -25.0),                # churn going the wrong way: below zero
    (12, 8, (9, 7), 125.0),                  # target beaten: past 100, not clamped
    (18, 35, (), None),                      # no readings
    (None, 35, (20,), None),                 # no baseline
    (18, 18, (20,), None),                   # nothing to move
])
def test_progress_to_target_is_the_share_of_the_way_from_baseline_to_target(
        baseline, target, values, expected):
    assert measurement.progress(baseline, target, readings(*values)) == expected


def test_progress_uses_the_latest_reading_by_date_not_by_order():
    assert measurement.progress(0, 10, [Reading("2026-05-01", 8.0),
                                        Reading("2026-01-01", 2.0)]) == 80.0


@pytest.mark.parametrize("reviews,first_readings,months,expected", [
    (["2026-05-29", "2026-08-28"], ["2025-12-01"], 3, dt.date(2026, 11, 28)),
    ([], ["2026-01-31"], 1, dt.date(2026, 2, 28)),
    ([], ["2026-03-15"], 12, dt.date(2027, 3, 15)),
    (["2026-11-30"], [], 3, dt.date(2027, 2, 28)),
    ([], [], 3, None),
])
def test_the_next_review_is_one_cadence_after_the_last_review_or_the_first_reading(
        reviews, first_readings, months, expected):
    assert measurement.review_due(reviews, first_readings, months) == expected


def test_next_review_due_reads_reviews_readings_and_the_cadence_setting(db, make_workshop):
    wid = make_workshop()
    assert measurement.next_review_due(db, wid) is None
    goal = goals.add_goal(db, wid, "Lift NPS", "nps", baseline=18, target=35)
    measurement.add_reading(db, wid, goal, "2026-01-15", 19)
    assert measurement.next_review_due(db, wid) == dt.date(2026, 4, 15)
    measurement.add_review(db, wid, "2026-05-29", works="NPS up", decision="stay")
    measurement.set_cadence(db, wid, 6)
    assert (measurement.cadence(db, wid), measurement.next_review_due(db, wid)) == (
        6, dt.date(2026, 11, 29))


def test_a_new_value_for_a_date_replaces_the_old_one(db, make_workshop):
    wid = make_workshop()
    goal = goals.add_goal(db, wid, "Cut churn", "churn", baseline=12, target=8)
    assert measurement.add_reading(db, wid, goal, dt.date(2026, 1, 1), 12) is False
    assert measurement.add_reading(db, wid, goal, "2026-01-01", "11,5") is True
    assert measurement.save_readings(db, wid, goal, readings(11, 10.5)) == (1, 1)
    assert [(r.taken, r.value) for r in measurement.list_readings(db, wid, goal)] == [
        ("2026-01-01", 11.0), ("2026-02-01", 10.5)]


@pytest.mark.parametrize("taken,value,message", [
    (None, 3, "The date of the reading cannot be empty."),
    ("2026-01-01", None, "The value of the reading cannot be empty."),
    ("2026-01-01", "lots", "The value must be a number, like 18 or 12.5."),
])
def test_a_bad_reading_is_refused_and_nothing_is_saved(db, make_workshop, taken, value, message):
    wid = make_workshop()
    goal = goals.add_goal(db, wid, "Cut churn")
    with pytest.raises(ValidationError) as error:
        measurement.add_reading(db, wid, goal, taken, value)
    assert str(error.value) == message
    assert measurement.list_readings(db, wid) == []


def test_readings_of_another_workshops_goal_are_refused(db, make_workshop):
    mine, theirs = make_workshop(), make_workshop("Other")
    goal = goals.add_goal(db, theirs, "Their goal")
    with pytest.raises(workshops.NotFoundError):
        measurement.save_readings(db, mine, goal, readings(1))
    assert measurement.list_readings(db, theirs) == []


def test_reviews_are_logged_newest_first_and_an_empty_review_is_refused(db, make_workshop):
    wid = make_workshop()
    first = measurement.add_review(db, wid, "2026-05-29", works="NPS up", decision="stay")
    second = measurement.add_review(db, wid, dt.date(2026, 8, 28), not_working="Retention flat",
                                    decision="shift", notes="Move data access to IT")
    assert measurement.list_reviews(db, wid) == [
        measurement.Review(second, "2026-08-28", "", "Retention flat", "shift",
                           "Move data access to IT"),
        measurement.Review(first, "2026-05-29", "NPS up", "", "stay", "")]
    with pytest.raises(ValidationError):
        measurement.add_review(db, wid, "2026-09-01")
    with pytest.raises(ValidationError):
        measurement.add_review(db, wid, "2026-09-01", works="x", decision="pivot")
    with pytest.raises(ValidationError):
        measurement.set_cadence(db, wid, 4)
    measurement.delete_review(db, wid, first)
    assert [r.id for r in measurement.list_reviews(db, wid)] == [second]
