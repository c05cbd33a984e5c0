"""User text in a real browser: a workshop whose every field holds Markdown, HTML and KaTeX
shows it, on every page, as the characters typed: no link, no picture loaded from elsewhere,
no formula, no bold from the user's text."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import path as guided_path
from cxui.text import WORD_JOINER
from tests.browser_support import screenshot, wait_for_app
from tests.escaping_support import PAYLOAD, create_payload_workshop, fitting

pytestmark = pytest.mark.browser

PAGES = ["workshops", *(step.key for step in guided_path.STEPS), "live_room", "export"]
# What the payload becomes wherever it is read as Markdown or HTML.
RENDERED = """() => ({
  links: [...document.querySelectorAll('[href*="x.invalid"], [*|href*="x.invalid"]')]
           .map(e => e.outerHTML.slice(0, 120)),
  pictures: [...document.querySelectorAll('[src*="x.invalid"]')].map(e => e.outerHTML),
  formulas: [...document.querySelectorAll('.katex, .katex-display')].map(e => e.textContent),
  marks: [...document.querySelectorAll('strong, b, em, i, code, span[class*="colored"]')]
           .filter(e => ['bold', 'tag', 'u', 'code', 'red'].includes(e.textContent.trim()))
           .map(e => e.outerHTML.slice(0, 120)),
})"""


@pytest.fixture(scope="module")
def payload_workshop(server):
    base, db_path = server
    return base, create_payload_workshop(store.connect(db_path))


def open_page(page, base: str, key: str, workshop_id: int) -> None:
    """A step URL served before app.py has set up navigation can lose its ?w= (see
    test_browser_direction.open_step): then the entry page is loaded first, and the step again."""
    url = f"{base}/{key}?w={workshop_id}" if key != "workshops" else f"{base}/?w={workshop_id}"
    page.goto(url)
    wait_for_app(page)
    if PAYLOAD not in visible_text(page):
        page.goto(f"{base}/?w={workshop_id}")
        wait_for_app(page)
        page.goto(url)
        wait_for_app(page)


def visible_text(page) -> str:
    """The page's text as a reader sees it (the invisible word joiners that keep addresses
    from turning into links are not part of what one reads)."""
    return page.evaluate("() => document.body.innerText").replace(WORD_JOINER, "")


@pytest.mark.parametrize("key", PAGES)
def test_every_page_shows_user_text_as_typed(payload_workshop, page, key):
    base, workshop_id = payload_workshop
    open_page(page, base, key, workshop_id)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert PAYLOAD in visible_text(page)
    assert page.evaluate(RENDERED) == {"links": [], "pictures": [], "formulas": [], "marks": []}
    assert "bold link red" not in visible_text(page)  # the payload, rendered, reads like this


def test_the_goal_unit_on_the_measurement_page_shows_as_typed(payload_workshop, page):
    base, workshop_id = payload_workshop
    open_page(page, base, "measurement", workshop_id)
    metrics = page.locator('[data-testid="stMetricValue"]')
    shown = [metrics.nth(i).inner_text().replace(WORD_JOINER, "") for i in range(3)]
    unit = fitting("goals", "unit", PAYLOAD)  # as much of the payload as a unit may hold
    assert shown == [f"{value} {unit}" for value in (18, 28, 35)]
    assert page.get_by_text(f"Value ({unit})").count() == 1
    screenshot(page, "escaping-measurement")
