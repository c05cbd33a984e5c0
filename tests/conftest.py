"""Shared fixtures. Plain fixtures only: a test asks for what it needs by name."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from cxcore import db as store
from cxcore import workshops


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A database file of its own for each test: a real file, so WAL applies."""
    return str(tmp_path / "test.db")


@pytest.fixture
def app_db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database file that the app under AppTest uses too (through ``CX_DB``)."""
    path = str(tmp_path / "app.db")
    monkeypatch.setenv("CX_DB", path)
    return path


@pytest.fixture
def db(db_path: str) -> sqlite_utils.Database:
    database = store.connect(db_path)
    yield database
    database.close()


@pytest.fixture
def make_workshop(db: sqlite_utils.Database) -> Callable[..., int]:
    """Create a workshop in ``db``; returns its id. Every argument has a default."""
    def make(title: str = "Onboarding review", organisation: str = "Harbour Bank",
             facilitator: str = "Priya Raman") -> int:
        return workshops.create(db, title, organisation, facilitator)
    return make


# ---- real browser (Playwright on Debian's Chromium) ----

@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium):
    """The real app served on a free port with its own temporary database.

    One visit to the home page first, so that the tests start once the app has run
    (a deep link as the very first visit is tested on a server of its own).
    """
    from tests.browser_support import streamlit_server, wait_for_app

    db_path = str(tmp_path_factory.mktemp("server") / "browser.db")
    with streamlit_server(db_path) as base:
        warm_up = chromium.new_page()
        warm_up.goto(base)
        wait_for_app(warm_up)
        warm_up.wait_for_selector('[data-testid="stSidebarNav"]', timeout=30_000)
        warm_up.close()
        yield base, db_path


@pytest.fixture(scope="session")
def chromium():
    from tests.browser_support import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page at projector size; tests resize it for the phone."""
    from tests.browser_support import PROJECTOR

    context = chromium.new_context(viewport=PROJECTOR, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
