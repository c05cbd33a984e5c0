"""Saving from widget callbacks: a toast when it worked, a clear message when it did not."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from cxcore.backup import BackupError
from cxcore.text import ValidationError
from cxcore.workshops import Expectation, NotFoundError, expecting

from . import session
from .text import plain

FLASH_KEY = "flash_error"
OVERWRITE_KEY = "flash_overwritten"
EXPECTED_ERRORS = (ValidationError, BackupError, NotFoundError)


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
    try:
        result = action(session.db(), *args, **kwargs)
    except EXPECTED_ERRORS as error:
        st.session_state[FLASH_KEY] = str(error)
        return False, None
    if done:
        st.toast(done, icon=":material/check_circle:")
    return True, result


def show_flash() -> None:
    """Show (once) the message of the last refused edit."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.error(message, icon=":material/error:")
    overwritten = st.session_state.pop(OVERWRITE_KEY, None)
    if overwritten:
        st.warning(plain(overwritten), icon=":material/sync_problem:")


def bound(widget: Callable[..., Any], label: str, key: str, stored: Any,
          save: Callable[..., Any], *args: Any, done: str = "Saved", **widget_kwargs: Any) -> Any:
    """A widget that shows the stored value and saves each change as it is made.

    ``save(db, *args, value)`` is called from the widget's callback; if it is refused the widget
    goes back to the stored value, so a bad edit changes nothing.
    """
    st.session_state[key] = stored

    def on_change() -> None:
        with expecting(stored) as check:
            ok, _ = attempt(save, *args, st.session_state[key], done=done)
        if not ok:
            st.session_state[key] = stored
        elif check.overwritten:
            st.session_state[OVERWRITE_KEY] = overwritten_message(check)
            st.toast("This field had been changed elsewhere: see the note at the top.",
                     icon=":material/sync_problem:")

    return widget(label, key=key, on_change=on_change, **widget_kwargs)


def overwritten_message(check: Expectation) -> str:
    """Tell the second tab that its edit replaced someone else's (the value is still saved)."""
    def shown(value: object) -> str:
        return "(empty)" if value in (None, "") else f"“{value}”"
    return ("This field was changed in another tab or by someone else: it was "
            f"{shown(check.found)}, you replaced it with {shown(check.saved)}.")
