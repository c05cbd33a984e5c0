"""The Direction phase in a real browser: add a goal, and look at both pages."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import goals, sample, workshops
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_step(page, url: str, heading: str) -> None:
    """Open a step page and wait for its heading.

    On a fresh server, or right after a file in pages/ changed (others edit this tree while
    the tests run and Streamlit watches it), a step URL can be served without app.py's
    navigation and lose its ?w=; loading the entry page first, and again if needed, gives the
    real page.
    """
    base = url.split("/", 3)
    for _ in range(3):
        page.goto("/".join(base[:3]))  # the entry page runs app.py, which sets up navigation
        wait_for_app(page)
        page.goto(url)
        wait_for_app(page)
        if page.get_by_role("heading", name=heading).count():
            return
    raise AssertionError(f"{url} never showed the heading {heading!r}")


def test_typing_a_goal_and_pressing_enter_adds_it_and_opens_it_for_editing(server, page):
    base, db_path = server
    wid = workshops.create(store.connect(db_path), "Goals in a browser")
    open_step(page, f"{base}/smirc_goals?w={wid}", "SMIRC goals")
    page.get_by_label("New goal").fill("Raise CSAT for branch visits")
    page.get_by_label("New goal").press("Enter")
    wait_for_app(page)
    no_exceptions(page)
    [goal] = goals.list_goals(store.connect(db_path), wid)
    assert goal.statement == "Raise CSAT for branch visits"
    assert page.get_by_label("The goal").input_value() == "Raise CSAT for branch visits"
    page.locator('[data-testid="stCheckbox"]').filter(has_text="Social").click()
    wait_for_app(page)
    assert goals.get_goal(store.connect(db_path), wid, goal.id).social


def switch_edit_on(page) -> None:
    """The projector opens a step on the room's view: its forms wait behind Edit."""
    page.locator('[data-testid="stCheckbox"]').filter(has_text="Edit").click()
    wait_for_app(page)


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_the_direction_pages(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    suffix = "&present=1" if present else ""
    for key, heading in (("statements", "Vision, mission and success"),
                         ("smirc_goals", "SMIRC goals")):
        open_step(page, f"{base}/{key}?w={wid}{suffix}", heading)
        no_exceptions(page)
        screenshot(page, f"{key}-{name}")
    if present:
        switch_edit_on(page)
    page.get_by_role("button", name="Edit", exact=True).first.click()
    wait_for_app(page)
    no_exceptions(page)
    page.get_by_role("checkbox", name="Contextual").scroll_into_view_if_needed()
    screenshot(page, f"smirc_goals-editing-{name}")
    open_step(page, f"{base}/statements?w={wid}{suffix}", "Vision, mission and success")
    if present:
        switch_edit_on(page)
    page.get_by_role("tab", name="Mission").click()
    page.get_by_role("button", name="Add mission draft").scroll_into_view_if_needed()
    screenshot(page, f"statements-mission-{name}")
