"""The app works offline: a walk through every page loads nothing that fails (no web font host,
no CDN) and leaves the browser console free of errors."""
from __future__ import annotations

import pytest

from cxcore import db as store
from cxcore import path as guided_path
from cxcore import sample
from tests.browser_support import wait_for_app

pytestmark = pytest.mark.browser
PAGES = (*(step.title for step in guided_path.STEPS), "Live room", "Export", "Workshops")


def test_a_walk_through_every_page_has_no_failed_request_and_no_console_error(server, page):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    failed: list[str] = []
    errors: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(
        f"{response.url} {response.status}"))
    page.on("console", lambda message: message.type == "error" and errors.append(
        f"{page.url}: {message.text[:200]}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.goto(f"{base}/?w={wid}")  # then page to page as a user does, through the sidebar
    wait_for_app(page)
    for title in PAGES:
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title,
                                                               exact=True).click()
        wait_for_app(page)
        page.wait_for_timeout(1500)  # components (graphs, charts) finish drawing
    assert failed == []
    assert errors == []
