"""Design cards in a real browser: fill a card part by part, and how the page looks."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cxcore import cards, sample, workshops
from cxcore import db as store
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def open_cards(page, base: str, query: str) -> None:
    """Open the page by its URL. A first visit to a deep link sometimes runs the page file
    alone (Streamlit's old pages/ mode: no app.py, so no open workshop); loading it again
    goes through app.py. The heading proves which one ran."""
    page.goto(base)
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Experience design cards")
    for _ in range(3):
        page.goto(f"{base}/design_cards?{query}")
        wait_for_app(page)
        try:
            heading.wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            continue
    assert heading.count(), "the design cards page did not open through app.py"


def test_a_card_is_filled_in_the_page_and_saved_part_by_part(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Cards in the browser")
    open_cards(page, base, f"w={wid}")
    page.get_by_role("button", name="Blank card").click()
    wait_for_app(page)
    values = ["Zoë's checklist before applying", "customers re-sending papers",
              "checklist rules run up front", "offers in days"]
    for part, value in zip(cards.PARTS, values):
        field = page.get_by_label(f"{cards.LEADS[part]} … ({cards.PROMPTS[part]})")
        field.fill(value)
        field.press("Tab")
        wait_for_app(page)
    [card] = cards.list_cards(conn, wid)
    assert (card.sentence, card.is_draft) == (cards.sentence(*values), False)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Zoë's checklist before applying").first.is_visible()


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_the_sample_cards(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    open_cards(page, base, f"w={wid}{'&present=1' if present else ''}")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"design_cards-{name}")
