"""Stakeholder map and touchpoint review in a real browser: move a point, look at both pages."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import sample, stakeholders as sh
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser

POINTS_JS = """() => {
  const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return plot.data.flatMap(trace => trace.customdata.map((data, i) =>
      [trace.name, data[0], trace.x[i], trace.y[i]]));
}"""


def open_page(page, base: str, route: str) -> None:
    """Visit the home page first: a deep link as the very first request of a fresh server
    lands before the app's navigation is known and loses the workshop."""
    page.goto(base)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stNavSectionHeader"]')
    page.goto(f"{base}/{route}")
    wait_for_app(page)


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def test_moving_the_support_slider_moves_the_point_on_the_chart(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = sample.create_sample(conn)
    target = next(p for p in sh.list_stakeholders(conn, wid) if p.name == "IT architecture board")
    open_page(page, base, f"stakeholder_map?w={wid}")
    page.get_by_role("combobox", name="Stakeholder").click()
    page.get_by_role("option", name="IT architecture board (Technology)").click()
    wait_for_app(page)
    assert ["Gatekeeper", "IT architecture board", 2, 9] in page.evaluate(POINTS_JS)
    # sliders: new stakeholder's support, influence; then the selected one's support
    slider = page.locator('[data-testid="stSlider"]').nth(2).get_by_role("slider")
    for _ in range(6):
        slider.focus()
        slider.press("ArrowRight")
        wait_for_app(page)
    no_exceptions(page)
    assert ["Champion", "IT architecture board", 8, 9] in page.evaluate(POINTS_JS)
    assert [(p.support, p.quadrant) for p in sh.list_stakeholders(conn, wid)
            if p.id == target.id] == [(8, "champion")]


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_the_stakeholder_map_and_touchpoint_review(server, page, viewport, name,
                                                                   present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    suffix = "&present=1" if present else ""
    for key in ("stakeholder_map", "touchpoint_review"):
        open_page(page, base, f"{key}?w={wid}{suffix}")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
        page.wait_for_timeout(800)
        no_exceptions(page)
        screenshot(page, f"{key}-{name}")
