"""The 5 Whys graph in a real browser: the agraph component draws, on a projector and a phone."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import sample
from tests.browser_support import PHONE, ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def graph_canvas(page):
    frame = page.frame_locator('iframe[title="streamlit_agraph.agraph"]')
    canvas = frame.locator("canvas")
    canvas.wait_for(state="visible", timeout=30_000)
    return canvas


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_the_sample_tree_is_drawn_as_a_graph(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(f"{base}/five_whys?w={wid}{'&present=1' if present else ''}")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    box = graph_canvas(page).bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    assert page.get_by_text("root cause", exact=False).count() >= 1
    screenshot(page, f"five_whys-{name}")
    graph_canvas(page).scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ROOT / "tests" / "screenshots" / f"five_whys-graph-{name}.png"))
