"""New-entry boxes in a real browser: one click does one thing and nothing half-typed is saved.

Text typed into a "new" box and left there is a draft: clicking Back moves on at the first
click and saves nothing; the draft is back in the box when the page is shown again; Enter and
the Add button each add it.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cxcore import db as store
from cxcore import brainstorm, personas, plan, sample, stakeholders, whys, workshops
from tests.browser_support import wait_for_app

pytestmark = pytest.mark.browser


def open_page(page, base: str, route: str) -> None:
    page.goto(f"{base}/{route}")
    wait_for_app(page)


def click_and_wait(page, locator) -> None:
    locator.click()
    wait_for_app(page)


def test_a_half_typed_action_is_a_draft_back_moves_on_first_click_and_enter_or_add_adds(
        server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = sample.create_sample(conn)
    before = [a.title for a in plan.list_actions(conn, wid)]
    open_page(page, base, f"implementation_plan?w={wid}")
    box = page.get_by_label("New action")
    for _ in range(3):
        box.fill("Half-typed action")
        click_and_wait(page, page.get_by_role("link", name="Back: Experience design cards"))
        assert page.get_by_role("heading", name="Experience design cards").count() == 1
        click_and_wait(page, page.get_by_role("link", name="Next step: Implementation plan"))
        expect(box).to_have_value("Half-typed action")
    assert [a.title for a in plan.list_actions(conn, wid)] == before

    box.press("Enter")
    expect(box).to_have_value("")  # the box empties once the action is saved
    assert [a.title for a in plan.list_actions(conn, wid)] == [*before, "Half-typed action"]
    box.fill("Added with the button")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(box).to_have_value("")
    assert [a.title for a in plan.list_actions(conn, wid)] == [
        *before, "Half-typed action", "Added with the button"]


def test_a_persona_name_is_added_with_enter_and_a_half_typed_idea_is_not_saved(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Enter adds")
    open_page(page, base, f"personas?w={wid}")
    name_box = page.get_by_test_id("stForm").get_by_label("Name", exact=True)  # not the editor's
    name_box.fill("Tia")
    name_box.press("Enter")
    expect(name_box).to_have_value("")
    assert [p.name for p in personas.list_personas(conn, wid)] == ["Tia"]

    item = brainstorm.create_brainstorm(conn, wid, "How might we stop re-sent documents?")
    open_page(page, base, f"brainstorm?w={wid}")
    page.get_by_label("Idea").fill("Half-typed idea")
    click_and_wait(page, page.get_by_role("link", name="Back: 5 Whys"))
    assert page.get_by_role("heading", name="5 Whys").count() == 1
    assert brainstorm.board(conn, wid, item).ideas == []


def test_enter_adds_a_stakeholder_and_starts_a_5_whys_analysis(server, page):
    base, db_path = server
    conn = store.connect(db_path)
    wid = workshops.create(conn, "Enter everywhere")
    open_page(page, base, f"stakeholder_map?w={wid}")
    name = page.get_by_test_id("stForm").get_by_label("Person or group")
    name.fill("Tom Becker")
    name.press("Enter")
    expect(name).to_have_value("")
    assert [p.name for p in stakeholders.list_stakeholders(conn, wid)] == ["Tom Becker"]

    open_page(page, base, f"five_whys?w={wid}")
    problem_box = page.get_by_test_id("stForm").get_by_label("Problem statement")
    problem_box.fill("Card activation calls peak on Mondays")
    problem_box.press("Enter")
    expect(problem_box).to_have_value("")
    assert [a.problem for a in whys.list_analyses(conn, wid)] == [
        "Card activation calls peak on Mondays"]
