"""A bookmark or a shared link opens its page of its workshop, even as the very first visit
after the server starts (no warm-up through the home page)."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import sample
from tests.browser_support import PROJECTOR, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


def test_a_deep_link_as_the_first_visit_after_start_up_opens_that_page_of_that_workshop(
        chromium, tmp_path):
    db_path = str(tmp_path / "cold.db")
    workshop_id = sample.create_sample(store.connect(db_path))
    with streamlit_server(db_path) as base:
        context = chromium.new_context(viewport=PROJECTOR)
        page = context.new_page()
        page.goto(f"{base}/journey_map?w={workshop_id}&present=1")
        wait_for_app(page)
        main = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        assert "Open or create a workshop first" not in main
        assert page.get_by_role("heading", name="Journey map").count() == 1
        assert f"w={workshop_id}" in page.url and "present=1" in page.url
        page.reload()
        wait_for_app(page)
        assert page.get_by_role("heading", name="Journey map").count() == 1
        assert f"w={workshop_id}" in page.url
        context.close()
