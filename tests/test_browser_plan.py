"""Plan and measure in a real browser: add readings and see the chart, open the chain, and look
at the three pages on a projector and a phone."""
from __future__ import annotations

import datetime as dt

import pytest

from cxcore import db as store
from cxcore import goals, measurement, sample, workshops
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser
PAGES = ("implementation_plan", "measurement", "linked_chain")


def open_page(page, base: str, route: str) -> None:
    page.goto(f"{base}/{route}")
    wait_for_app(page)


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def test_adding_a_goal_entering_readings_draws_the_chart_then_the_chain_opens(
        server, page, tmp_path):
    """The whole loop in the browser: a goal typed on the goals page and given its numbers, a
    reading typed in, more uploaded as a CSV with one bad line (shown by its line number and
    skipped), the chart and the progress, then the chain."""
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Student churn")
    open_page(page, base, f"smirc_goals?w={wid}")
    page.get_by_label("New goal").fill("Cut student churn")
    page.get_by_label("New goal").press("Enter")
    wait_for_app(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Metric").click()
    page.get_by_role("option", name="Churn rate").click()
    wait_for_app(page)
    for label, value in (("Unit", "%"), ("Baseline", "12"), ("Target", "8")):
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_label(label, exact=True).press("Enter")
        wait_for_app(page)
    no_exceptions(page)
    [goal] = goals.list_goals(conn, wid)
    assert (goal.statement, goal.metric_label, goal.metric_kind, goal.unit, goal.baseline,
            goal.target) == ("Cut student churn", "Churn rate", "operational", "%", 12.0, 8.0)

    page.get_by_role("link", name="Measurement and review").first.click()
    wait_for_app(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    page.get_by_label("Value (%)").fill("11")
    page.get_by_label("Value (%)").press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Add reading").click()
    wait_for_app(page)
    csv_file = tmp_path / "churn.csv"
    csv_file.write_text("date,value\n2026-09-01,11.4\nlast month,11.2\n2026-10-01,10.9\n")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(csv_file))
    wait_for_app(page)
    page.get_by_role("button", name="Check the readings").click()
    wait_for_app(page)
    assert "1 line(s) cannot be used" in page.inner_text("body")
    assert measurement.list_readings(conn, wid, goal.id) == [
        measurement.Reading(dt.date.today().isoformat(), 11.0,
                            measurement.list_readings(conn, wid, goal.id)[0].id)]
    page.get_by_role("button", name="Save 2 reading(s)").click()
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    no_exceptions(page)
    assert sorted((r.taken, r.value) for r in measurement.list_readings(conn, wid, goal.id)) == [
        ("2026-09-01", 11.4), ("2026-10-01", 10.9), (dt.date.today().isoformat(), 11.0)]
    latest = max(measurement.list_readings(conn, wid, goal.id), key=lambda r: r.taken)
    progress = f"{measurement.progress(12, 8, [latest]):g} %"
    assert page.locator('[data-testid="stMetric"]').all_inner_texts()[3].endswith(progress)
    page.get_by_role("link", name="Next step: The linked chain").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector('[data-testid="stDataFrame"]')
    no_exceptions(page)
    assert "Goal with no readings" not in page.inner_text("body")


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_the_plan_measurement_and_chain(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    suffix = "&present=1" if present else ""
    for key in PAGES:
        open_page(page, base, f"{key}?w={wid}{suffix}")
        if key == "measurement":
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
        if key == "linked_chain":
            page.wait_for_selector('iframe')
            page.wait_for_timeout(1500)
        no_exceptions(page)
        screenshot(page, f"{key}-{name}")
        main = page.locator('[data-testid="stMain"]')
        main.evaluate("el => el.scrollTo(0, el.scrollHeight / 2.5)")
        page.wait_for_timeout(500)
        screenshot(page, f"{key}-{name}-lower")
        if key == "measurement":
            main.evaluate("el => el.scrollTo(0, 0)")
            page.get_by_role("tab", name="Reviews").click()
            page.get_by_role("heading", name="Review log (2)").wait_for()
            assert "next review due" in page.inner_text("body").lower()
            screenshot(page, f"{key}-reviews-{name}")
