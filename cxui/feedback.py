"""Saving from widget callbacks: a toast when it worked, a clear message when it did not.

Two kinds of refusal. Bad input (``ValidationError`` and the like) changes nothing and a bound
widget goes back to the stored value. A database that cannot take the change (``StoreError``:
busy, disk full, read-only) saves nothing either, but the widget keeps what was typed, with a
"Save again" button: the input was fine, so the user should not have to type it twice.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import sqlite_utils
import streamlit as st

from cxcore import db as store
from cxcore.backup import BackupError
from cxcore.errors import StoreError, storage_problem
from cxcore.text import ValidationError
from cxcore.workshops import Expectation, NotFoundError, expecting

from . import session, text
from .text import plain

FLASH_KEY = "flash_error"
OVERWRITE_KEY = "flash_overwritten"
UNSAVED_KEY = "unsaved_edits"  # widget key -> (what it saves to, the value typed)
EXPECTED_ERRORS = (ValidationError, BackupError, NotFoundError, StoreError)


def run(action: Callable[..., Any], *args: Any, done: str | None = "Saved",
        **kwargs: Any) -> Any:
    """Call a core function with a fresh connection; report the outcome to the user.

    Returns the function's result, or None when it was refused (the message is kept for
    ``show_flash`` and nothing was changed).
    """
    return attempt(action, *args, done=done, **kwargs)[1]


def attempt(action: Callable[..., Any], *args: Any, done: str | None = "Saved",
            **kwargs: Any) -> tuple[bool, Any]:
    """Like ``run``, and also says whether the action went through."""
    ok, result, _ = _attempt(action, *args, done=done, **kwargs)
    return ok, result


def _attempt(action: Callable[..., Any], *args: Any, done: str | None,
             **kwargs: Any) -> tuple[bool, Any, Exception | None]:
    try:
        result = action(session.db(), *args, **kwargs)
    except EXPECTED_ERRORS as error:
        st.session_state[FLASH_KEY] = str(error)
        return False, None, error
    if done:
        st.toast(done, icon=":material/check_circle:")
    return True, result, None


def show_flash() -> None:
    """Show (once) the message of the last refused edit."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.error(text.message(message), icon=":material/error:")
    overwritten = st.session_state.pop(OVERWRITE_KEY, None)
    if overwritten:
        st.warning(plain(overwritten), icon=":material/sync_problem:")


def bound(widget: Callable[..., Any], label: str, key: str, stored: Any,
          save: Callable[..., Any], *args: Any, done: str = "Saved", **widget_kwargs: Any) -> Any:
    """A widget that shows the stored value and saves each change as it is made.

    ``save(db, *args, value)`` is called from the widget's callback. If the value is refused
    the widget goes back to the stored value, so a bad edit changes nothing. If the database
    could not take it, the widget keeps the typed value (also across reruns and page switches)
    and offers "Save again" until it is saved.
    """
    target = (save.__module__, save.__qualname__, args)
    unsaved = st.session_state.setdefault(UNSAVED_KEY, {})
    kept = unsaved.get(key)
    if kept is not None and (kept[0] != target or kept[1] == stored):
        del unsaved[key]  # another row under the same key, or saved meanwhile
    st.session_state[key] = unsaved[key][1] if key in unsaved else stored

    def on_change() -> None:
        value = st.session_state[key]
        with expecting(stored) as check:
            ok, _, error = _attempt(save, *args, value, done=done)
        if isinstance(error, StoreError):
            unsaved[key] = (target, value)
            return
        unsaved.pop(key, None)
        if not ok:
            st.session_state[key] = stored
        elif check.overwritten:
            st.session_state[OVERWRITE_KEY] = overwritten_message(check)
            st.toast("This field had been changed elsewhere: see the note at the top.",
                     icon=":material/sync_problem:")

    shown = widget(label, key=key, on_change=on_change, **widget_kwargs)
    if key in unsaved:
        st.button("Not saved yet: save again", key=f"{key}__save_again", on_click=on_change,
                  icon=":material/sync_problem:", help="The database could not take this "
                  "change. It stays here until it is saved.")
    return shown


def show_store_banner() -> None:
    """A line at the top of every page when nothing can be saved (read-only, disk full)."""
    problem = storage_problem(store.database_path())
    if problem is not None:
        st.warning(problem.banner, icon=":material/warning:")


def connection_or_stop() -> sqlite_utils.Database:
    """This rerun's connection; if the database cannot be opened, say why and stop."""
    try:
        return session.db()
    except StoreError as error:
        _stop_with(error)


@contextmanager
def store_errors_shown() -> Iterator[None]:
    """Around a page: a database that fails while the page is drawn gets its message, not a
    traceback."""
    try:
        yield
    except StoreError as error:
        _stop_with(error)


def _stop_with(error: StoreError) -> NoReturn:
    st.error(str(error), icon=":material/error:")
    st.stop()


def overwritten_message(check: Expectation) -> str:
    """Tell the second tab that its edit replaced someone else's (the value is still saved)."""
    def shown(value: object) -> str:
        return "(empty)" if value in (None, "") else f"“{value}”"
    return ("This field was changed in another tab or by someone else: it was "
            f"{shown(check.found)}, you replaced it with {shown(check.saved)}.")
