"""The brainstorm in a real browser: from diverge to a ranked list; projector and phone looks."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cxcore import brainstorm
from cxcore import db as store
from cxcore import sample, workshops
from cxcore.ranking import Ranked
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_page(page, base: str, workshop_id: int, present: bool = False) -> None:
    """Open the brainstorm page of a workshop, retrying from home: on this Streamlit build a
    session whose first run is a deep link can run pages/brainstorm.py without app.py."""
    query = f"w={workshop_id}" + ("&present=1" if present else "")
    for _ in range(4):
        page.goto(f"{base}/brainstorm?{query}")
        wait_for_app(page)
        if page.get_by_role("heading", name="Brainstorm").count():
            page.locator('[data-testid="stSelectbox"] input').first.wait_for(state="visible")
            page.wait_for_timeout(1500)
            return
        page.goto(f"{base}/?{query}")
        wait_for_app(page)
    raise AssertionError("The brainstorm page did not open through app.py")


def test_a_brainstorm_from_diverge_to_a_ranked_list(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Browser brainstorm")
    bid = brainstorm.create_brainstorm(conn, wid, "How might we stop re-sends?")
    open_page(page, base, wid)
    box = page.get_by_placeholder("Type and press Enter, ready for the next one")
    for text in ("Checklist before applying", "Status tracker"):
        box.fill(text)
        box.press("Enter")
        wait_for_app(page)
        expect(box).to_have_value("", timeout=10_000)
    assert [i.text for i in brainstorm.board(conn, wid, bid).ideas] == [
        "Checklist before applying", "Status tracker"]
    page.get_by_text("Converge", exact=True).click()
    wait_for_app(page)
    no_exceptions(page)
    # The picker starts on the first idea in the ranking: score it 5 for customer value.
    page.locator('[data-testid="stButtonGroup"]').filter(has_text="Customer value") \
        .get_by_text("5", exact=True).click()
    wait_for_app(page)
    no_exceptions(page)
    first = brainstorm.board(conn, wid, bid).ideas[0].id
    assert brainstorm.board(conn, wid, bid).ranking() == [Ranked(1, first, 5.0, 0),
                                                           Ranked(2, first + 1, None, 0)]
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1, timeout=10_000)


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_the_sample_brainstorm(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    open_page(page, base, wid, present)
    no_exceptions(page)
    assert page.get_by_text("From the focusing challenge").count() >= 1
    screenshot(page, f"brainstorm-what-if-{name}")
    page.locator('[data-testid="stSelectbox"] input').first.click()
    page.keyboard.type("1. Classic")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("heading", name="Ranking").wait_for(state="visible")
    page.wait_for_timeout(1500)
    no_exceptions(page)
    assert page.get_by_text("From the 5 Whys").count() >= 1
    screenshot(page, f"brainstorm-{name}")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2600})
    page.wait_for_timeout(2000)
    screenshot(page, f"brainstorm-ranking-{name}")
