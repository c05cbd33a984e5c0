"""The measurement page through AppTest: enter a reading, import CSV, log a review."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from cxcore import goals, measurement, sample, workshops
from tests.apptest_support import fresh_db, open_app, texts


@pytest.fixture
def churn(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    goal = goals.add_goal(conn, wid, "Cut student churn", "churn", unit="%", baseline=12,
                          target=8, deadline="2027-06-30")
    return conn, wid, goal


def test_entering_a_reading_saves_it_and_shows_progress_and_the_chart(app_db_path, churn):
    conn, wid, goal = churn
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    assert len(at.get("plotly_chart")) == 0
    at.date_input(key="measure_date").set_value(dt.date(2026, 10, 1))
    at.number_input(key="measure_value").set_value(10)
    at.button(key="measure_add").click().run()
    assert [(r.taken, r.value) for r in measurement.list_readings(conn, wid, goal)] == [
        ("2026-10-01", 10.0)]
    assert [m.value for m in at.metric][:4] == ["12 %", "10 %", "8 %", "50 %"]
    assert len(at.get("plotly_chart")) == 1
    assert not at.exception


def test_pasted_csv_is_checked_bad_lines_are_shown_and_saved_only_on_confirmation(app_db_path, churn):
    conn, wid, goal = churn
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    at.text_area(key="measure_csv").input("date,value\n2026-01-01,12\nsoon,11\n2026-02-01,11.5")
    at.button(key="measure_check").click().run()
    assert "1 line(s) cannot be used" in texts(at)
    assert at.dataframe[-1].value.to_dict("records") == [
        {"Line": 3, "Text": "soon,11", "Why": "The date must be a date, like 2027-06-30."}]
    assert measurement.list_readings(conn, wid) == []
    at.button(key="measure_save").click().run()
    assert [(r.taken, r.value) for r in measurement.list_readings(conn, wid, goal)] == [
        ("2026-01-01", 12.0), ("2026-02-01", 11.5)]
    assert at.text_area(key="measure_csv").value == ""


def test_logging_a_review_and_changing_the_cadence(app_db_path, churn):
    conn, wid, goal = churn
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    at.date_input(key="review_held").set_value(dt.date(2026, 8, 28))
    at.text_area(key="review_works").input("Campus campaign landed")
    at.radio(key="review_decision").set_value("shift")
    at.button(key="review_log").click().run()
    [review] = measurement.list_reviews(conn, wid)
    assert (review.held, review.works, review.decision) == ("2026-08-28", "Campus campaign landed",
                                                            "shift")
    assert at.text_area(key="review_works").value == ""
    at.selectbox(key="review_cadence").set_value(6).run()
    assert measurement.cadence(conn, wid) == 6
    assert "28 Feb 2027" in [m.value.replace("\u00a0", " ") for m in at.metric]


def test_an_empty_review_is_refused_and_nothing_is_logged(app_db_path, churn):
    conn, wid, _ = churn
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    at.button(key="review_log").click().run()
    assert [e.value for e in at.error] == [
        "Write what works, what does not, or a note before logging the review."]
    assert measurement.list_reviews(conn, wid) == []


def test_without_goals_the_page_points_to_the_goals_step(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    assert "Set goals first" in texts(at)


def test_the_sample_shows_a_year_of_readings_and_two_reviews(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    assert [m.value for m in at.metric][:4] == ["18 points", "28 points", "35 points",
                                                "58.8 %"]
    assert "Review log (2)" in texts(at)


def test_readings_in_percent_show_as_numbers_with_the_unit_in_the_header(app_db_path, churn):
    """The unit once went into the number format ("%g %"), where "%" is a printf directive:
    every cell of the table showed an error instead of its value."""
    conn, wid, goal = churn
    measurement.add_reading(conn, wid, goal, "2026-10-01", 10.5)
    at = open_app(app_db_path, page="pages/measurement.py", workshop_id=wid)
    [table] = at.get("dataframe")
    value_column = json.loads(table.proto.columns)["Value"]
    assert value_column["type_config"]["format"] % 10.5 == "10.5"  # printf, as the table does
    assert value_column["label"] == "Value (%)"
