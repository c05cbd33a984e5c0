"""The presenter view measured in a real browser at projector size (1920x1080, ?present=1):
each step's work starts in the first screen, the challenge is said once, Home and Export have
Back and Exit projector, the timer's controls are whole, the big clock fills the screen and
toasts cover no control."""
from __future__ import annotations

import pytest

from cxcore import challenge, sample
from cxcore import db as store
from cxcore import path as guided_path
from tests.browser_support import PROJECTOR, wait_for_app

pytestmark = pytest.mark.browser
SCREEN = PROJECTOR["height"]
MAIN = '[data-testid="stMain"]'

# What the room looks at on each step: it has to start in the upper half of the first screen.
WORK = {
    "statements": lambda p: p.get_by_text("CX VISION STATEMENT", exact=True),
    "smirc_goals": lambda p: p.get_by_text("Goal 1 ·").first,
    "personas": lambda p: p.get_by_text("Demographic profile", exact=True).first,
    "empathy_maps": lambda p: p.get_by_role("heading", name="Think"),
    "stakeholder_map": lambda p: p.locator('[data-testid="stPlotlyChart"]').first,
    "focusing_challenge": lambda p: p.get_by_text("THE WORKSHOP'S CHALLENGE", exact=True),
    "journey_map": lambda p: p.locator(".st-key-journey_above").get_by_text("Actions",
                                                                             exact=True),
    "touchpoint_review": lambda p: p.locator(".stMarkdownBadge", has_text="Work on first"),
    "five_whys": lambda p: p.get_by_text("THE PROBLEM", exact=True),
    "brainstorm": lambda p: p.get_by_text("What if customers never had to visit a branch?",
                                          exact=True).last,
    "design_cards": lambda p: p.get_by_text("Card 1", exact=True),
    "implementation_plan": lambda p: p.locator('[data-testid="stMetric"]').first,
    "measurement": lambda p: p.locator('[data-testid="stMetric"]').first,
    "linked_chain": lambda p: p.locator('[data-testid="stMetric"]').first,
}


@pytest.fixture(scope="module")
def sample_id(server) -> int:
    return sample.create_sample(store.connect(server[1]))


def open_projector(page, base: str, route: str, workshop_id: int) -> None:
    page.goto(f"{base}/{route}?w={workshop_id}&present=1")
    wait_for_app(page)


def top(locator) -> float:
    return locator.bounding_box()["y"]


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_each_steps_work_starts_in_the_upper_half_of_the_first_screen(server, page, sample_id):
    base, _ = server
    late = {}
    for step in guided_path.STEPS:
        open_projector(page, base, step.key, sample_id)
        where = top(WORK[step.key](page))
        if not where < SCREEN / 2:
            late[step.key] = round(where)
    assert late == {}


def test_the_whole_journey_down_to_its_pain_points_fits_the_first_screen(server, page,
                                                                          sample_id):
    base, _ = server
    open_projector(page, base, "journey_map", sample_id)
    below = page.locator(".st-key-journey_below")
    assert bottom(below.get_by_text("Pain points", exact=True)) <= SCREEN
    assert bottom(page.get_by_label("New entry: type and press Enter")) <= SCREEN


def test_the_brainstorm_idea_box_is_whole_in_the_first_screen(server, page, sample_id):
    base, _ = server
    open_projector(page, base, "brainstorm", sample_id)
    box = page.get_by_role("textbox", name="Idea", exact=True)
    assert 0 <= top(box) and bottom(box) <= SCREEN


def test_the_chosen_challenge_is_shown_once_on_every_later_step(server, page, sample_id):
    base, db_path = server
    sentence = challenge.chosen_challenge(store.connect(db_path), sample_id).sentence
    seen = {}
    for step in guided_path.STEPS:
        if guided_path.is_after_challenge(step.key):
            open_projector(page, base, step.key, sample_id)
            seen[step.key] = page.locator(MAIN).inner_text().count(sentence)
    assert set(seen.values()) == {1}, seen


@pytest.mark.parametrize("step,link", [("brainstorm", "Home"),
                                       ("linked_chain", "Next: Export the summary")])
def test_home_and_export_have_back_and_exit_projector(server, page, sample_id, step, link):
    base, _ = server
    open_projector(page, base, step, sample_id)
    page.get_by_role("link", name=link, exact=True).click()
    page.wait_for_url(lambda url: f"/{step}?" not in url)
    wait_for_app(page)
    assert page.get_by_role("button", name="Exit projector").is_visible()
    back = page.get_by_role("link", name="Back", exact=True)
    assert back.is_visible()
    back.click()
    wait_for_app(page)
    assert f"/{step}?" in page.url and "present=1" in page.url


def whole(locator) -> bool:
    """No label cut short with an ellipsis."""
    return locator.evaluate("b => [...b.querySelectorAll('p, span, div')].every("
                            "e => e.scrollWidth <= e.clientWidth + 1)")


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1366, "height": 768}])
def test_the_timer_button_and_its_controls_show_their_whole_labels(server, page, sample_id,
                                                                    size):
    base, _ = server
    page.set_viewport_size(size)
    open_projector(page, base, "journey_map", sample_id)
    timer = page.get_by_role("button", name="Timer")
    assert whole(timer)
    timer.click()
    for name in ("Start", "Reset", "Big clock"):
        button = page.get_by_role("button", name=name)
        button.wait_for()
        assert whole(button), name


def test_the_big_clock_fills_the_screen_and_back_returns_to_the_step(server, page, sample_id):
    base, _ = server
    open_projector(page, base, "journey_map", sample_id)
    page.get_by_role("button", name="Timer").click()
    page.get_by_role("button", name="Big clock").click()
    wait_for_app(page)
    digits = page.get_by_test_id("cx-big-clock")
    assert digits.inner_text() == "05:00"
    size = digits.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= SCREEN * 0.3  # about 35 cm high on a 2 m wide screen: readable at 10 m
    assert bottom(digits) <= SCREEN
    page.get_by_role("button", name="Back").click()
    wait_for_app(page)
    assert page.get_by_role("heading", name="Journey map").is_visible()


def overlaps(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_a_toast_covers_neither_exit_projector_nor_the_timer(server, page, sample_id):
    base, _ = server
    open_projector(page, base, "journey_map", sample_id)
    box = page.get_by_label("New entry: type and press Enter")
    box.fill("Reads reviews online")
    box.press("Enter")
    toast = page.get_by_test_id("stToast").first
    toast.wait_for()
    covered = [name for name, control in (
        ("Exit projector", page.get_by_role("button", name="Exit projector")),
        ("Timer", page.get_by_role("button", name="Timer")),
        ("Back", page.get_by_role("link", name="Back", exact=True)))
        if overlaps(toast.bounding_box(), control.bounding_box())]
    assert covered == []
