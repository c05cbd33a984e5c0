"""Plan and measure in a real browser: add readings and see the chart, open the chain, and look
at the three pages on a projector and a phone."""
from __future__ import annotations

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


def test_adding_a_goals_readings_draws_the_chart_then_the_chain_opens(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Student churn")
    goal = goals.add_goal(conn, wid, "Cut student churn", "churn", unit="%", baseline=12,
                          target=8, deadline="2027-06-30")
    open_page(page, base, f"measurement?w={wid}")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    page.get_by_label("CSV: date,value").fill("date,value\n2026-09-01,11.4\n2026-10-01,10.9")
    page.get_by_role("button", name="Check the readings").click()
    wait_for_app(page)
    page.get_by_role("button", name="Save 2 reading(s)").click()
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    no_exceptions(page)
    assert [(r.taken, r.value) for r in measurement.list_readings(conn, wid, goal)] == [
        ("2026-09-01", 11.4), ("2026-10-01", 10.9)]
    assert "27.5 %" in page.locator('[data-testid="stMetric"]').all_inner_texts()[3]
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
