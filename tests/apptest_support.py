"""Helpers for page tests: the real app from ``app.py`` on a temporary database."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from cxcore import db as store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(db_path: str, page: str | None = None, workshop_id: int | None = None,
             present: bool = False) -> AppTest:
    """Run the app as a browser would, optionally with a workshop open and on ``page``.

    The caller sets ``CX_DB`` to ``db_path`` (monkeypatch.setenv) so the app uses that file.
    """
    at = AppTest.from_file(APP, default_timeout=30)
    if workshop_id is not None:
        at.query_params["w"] = str(workshop_id)
    if present:
        at.query_params["present"] = "1"
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """All the text a user reads on the page (markdown, captions, titles, alerts), joined."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + \
        [e.value for e in at.title] + [e.value for e in at.subheader] + \
        [e.value for e in at.info] + [e.value for e in at.error] + [e.value for e in at.success] + \
        [e.value for e in at.warning]
    return "\n".join(str(p).replace("\\", "") for p in parts)


def fresh_db(path: str):
    return store.connect(path)


def add_entry(at: AppTest, key: str, text: str) -> AppTest:
    """Type into a new-entry box (``cxui.entry``) and press its Add button."""
    at.text_input(key=key).input(text)
    return at.button(key=f"{key}_add").click().run()
