"""The journey map in a real browser: capture, the hand-off to the 5 Whys, projector and phone."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cxcore import db as store
from cxcore import journeys, sample, workshops
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser
PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
               "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_page(page, base: str, route: str) -> None:
    """Open ``route``; the app root goes first. On a fresh server Streamlit runs a deep link
    as a v1 pages/ script, without app.py, until app.py has run once (it sees pages/)."""
    page.goto(base)
    wait_for_app(page)
    page.goto(f"{base}/{route}")
    wait_for_app(page)
    page.get_by_label("Stage", exact=True).wait_for()  # widgets load lazily


def choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox; a click during a rerun may not open it, so retry."""
    target = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        page.get_by_label(label, exact=True).click()
        try:
            target.wait_for(timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    target.click()
    wait_for_app(page)


def test_fill_a_stage_and_send_a_pain_point_to_the_five_whys(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Browser journey")
    persona = conn["personas"].insert({"workshop_id": wid, "name": "Margaret"}).last_pk
    journey_id = journeys.create_journey(conn, wid, persona, "Mortgage")
    open_page(page, base, f"journey_map?w={wid}")
    choose(page, "Stage", "2. Accept")
    choose(page, "Lane", "Pain points")
    box = page.get_by_label("New entry: type and press Enter")
    box.fill("Documents asked for twice")
    box.press("Enter")
    expect(box).to_have_value("", timeout=30_000)  # the rerun that saved it has cleared it
    wait_for_app(page)
    no_exceptions(page)
    accept = journeys.get_journey(conn, wid, journey_id).stages[1]
    assert [(e.lane, e.text) for e in accept.entries] == [
        ("pain_points", "Documents asked for twice")]
    assert page.get_by_text("Documents asked for twice").first.is_visible()

    choose(page, "Entry", "Accept · Pain points · Documents asked for twice")
    page.get_by_role("button", name="Send to 5 Whys").click()
    page.wait_for_url("**/five_whys?**")
    wait_for_app(page)
    no_exceptions(page)
    assert page.get_by_role("heading", name="5 Whys").count() >= 1
    assert page.get_by_text("Documents asked for twice").first.is_visible()
    [row] = conn.execute("SELECT problem, source_entry_id FROM why_analyses "
                         "WHERE workshop_id = ?", [wid]).fetchall()
    assert row == ("Documents asked for twice", accept.entries[0].id)


def test_projector_screenshot_shows_the_whole_grid(server, page):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    open_page(page, base, f"journey_map?w={wid}&present=1")
    no_exceptions(page)
    page.get_by_text("CUSTOMER · LINE OF VISIBILITY · ORGANISATION").wait_for(state="visible")
    page.get_by_text("In 5 Whys").first.wait_for(state="visible")
    screenshot(page, "journey_map-projector")


def test_a_phone_opens_one_stage_at_a_time(server, chromium):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    context = chromium.new_context(viewport=PHONE, user_agent=PHONE_AGENT, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    try:
        open_page(page, base, f"journey_map?w={wid}")
        no_exceptions(page)
        assert page.get_by_text("Stage 1 of 5").is_visible()
        page.get_by_role("button", name="Next").click()
        wait_for_app(page)
        assert page.get_by_text("Stage 2 of 5").is_visible()
        assert page.get_by_text("Mortgage application stalls while customers re-send "
                                "documents").first.is_visible()
        screenshot(page, "journey_map-phone")
        page.get_by_text("Whole journey").click()
        wait_for_app(page)
        screenshot(page, "journey_map-phone-grid")
    finally:
        context.close()


def test_on_a_narrow_screen_the_whole_journey_keeps_its_stages_side_by_side(server, page):
    """Without a phone's user agent the grid view opens; its columns must not stack (that
    would part every entry from its stage): the grid scrolls sideways instead."""
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    page.set_viewport_size(PHONE)
    open_page(page, base, f"journey_map?w={wid}")
    no_exceptions(page)
    heads = [page.get_by_text(name, exact=True).first.bounding_box()
             for name in ("1. Attract", "2. Accept", "3. Adopt")]
    assert len({round(box["y"]) for box in heads}) == 1
    assert heads[0]["x"] < heads[1]["x"] < heads[2]["x"]
    assert page.locator(".st-key-journey_grid").evaluate(
        "grid => grid.scrollWidth > grid.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "journey_map-narrow-grid")
