"""Personas and empathy maps in a real browser: one persona through its map; screenshots."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cxcore import db as store
from cxcore import empathy, personas, sample, workshops
from tests.browser_support import PHONE, ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.browser


TITLES = {"personas": "Personas", "empathy_maps": "Empathy maps"}


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_step(page, base: str, workshop_id: int, key: str, present: bool = False) -> None:
    """Open a step from the home page's sidebar, as a user does, then maybe go projector.

    (A first load straight onto /<key> currently renders a blank page in this environment,
    for every page of the app: see the report. Navigating from the home page works.)
    """
    page.goto(f"{base}/?w={workshop_id}")
    wait_for_app(page)
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=TITLES[key])
    link.dispatch_event("click")  # also on a phone, where the sidebar starts closed
    expect(page).to_have_url(re.compile(f"/{key}\\b"), timeout=60_000)
    expect(page.get_by_role("heading", name=TITLES[key], exact=True).first).to_be_visible(
        timeout=60_000)
    wait_for_app(page)
    if present:
        page.get_by_text("Projector mode").click()
        page.get_by_role("button", name="Exit projector").wait_for(timeout=30_000)
        wait_for_app(page)


def test_a_persona_is_created_and_its_empathy_map_filled_by_pressing_enter(server, page):
    base, db_path = server
    wid = workshops.create(store.connect(db_path), "Browser bank")
    open_step(page, base, wid, "personas")
    page.get_by_placeholder("e.g. Margaret").fill("Margaret")
    page.get_by_role("button", name="Add persona").click()
    wait_for_app(page)
    no_exceptions(page)
    [margaret] = personas.list_personas(store.connect(db_path), wid)
    assert margaret.name == "Margaret"

    open_step(page, base, wid, "empathy_maps")
    typed = {"Think": "Is my rate about to rise?", "Feel": "Anxious about letters",
             "Say": "Can I speak to someone?", "Do": "Visits the branch on Tuesdays"}
    for quadrant, text in typed.items():
        box = page.get_by_label(f"Add to {quadrant}")
        box.fill(text)
        box.press("Enter")
        expect(box).to_have_value("", timeout=30_000)
        wait_for_app(page)
    no_exceptions(page)
    board = empathy.board(store.connect(db_path), wid, margaret.id)
    assert {q: [n.text for n in notes] for q, notes in board.items()} == {
        "think": [typed["Think"]], "feel": [typed["Feel"]], "say": [typed["Say"]],
        "do": [typed["Do"]]}
    for heading in ("Think", "Feel", "Say", "Do"):
        assert page.get_by_role("heading", name=heading).count() == 1
    for text in typed.values():
        expect(page.get_by_text(text, exact=True)).to_be_visible()
    screenshot(page, "empathy_maps-first-persona")


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_personas_and_empathy_maps(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    for key in ("personas", "empathy_maps"):
        open_step(page, base, wid, key, present)
        no_exceptions(page)
        assert ("present=1" in page.url) == present
        screenshot(page, f"{key}-{name}")


def test_a_full_empathy_map_on_the_projector(server, page):
    """Fifteen notes a quadrant: the board must stay readable at 1920x1080."""
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Full board")
    pid = personas.add_persona(conn, wid, "Dana", segment="Saver who mixes branch and digital")
    for quadrant in empathy.QUADRANTS:
        for number in range(1, 16):
            empathy.add_note(conn, wid, pid, quadrant,
                             f"{empathy.LABELS[quadrant]} note {number}: a typical sticky note")
    open_step(page, base, wid, "empathy_maps", present=True)
    no_exceptions(page)
    assert page.get_by_text("Do note 15: a typical sticky note", exact=True).is_visible()
    screenshot(page, "empathy_maps-projector-full")
    # Scrolled to the board, all four quadrants and their 60 notes fit one projector screen.
    think = page.get_by_role("heading", name="Think").first
    think.evaluate("heading => heading.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    notes = [page.get_by_text(f"{label} note {number}: a typical sticky note", exact=True)
             for label in empathy.LABELS.values() for number in range(1, 16)]
    boxes = [note.bounding_box() for note in notes]
    assert all(0 <= box["y"] and box["y"] + box["height"] <= 1080 for box in boxes)
    page.screenshot(path=str(ROOT / "tests" / "screenshots" / "empathy_maps-projector-board.png"))
