"""Saving from widget callbacks: a toast when it worked, a clear message when it did not."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from cxcore.backup import BackupError
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError

from . import session, text

FLASH_KEY = "flash_error"
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
        st.error(text.message(message), icon=":material/error:")


def bound(widget: Callable[..., Any], label: str, key: str, stored: Any,
          save: Callable[..., Any], *args: Any, done: str = "Saved", **widget_kwargs: Any) -> Any:
    """A widget that shows the stored value and saves each change as it is made.

    ``save(db, *args, value)`` is called from the widget's callback; if it is refused the widget
    goes back to the stored value, so a bad edit changes nothing.
    """
    st.session_state[key] = stored

    def on_change() -> None:
        ok, _ = attempt(save, *args, st.session_state[key], done=done)
        if not ok:
            st.session_state[key] = stored

    return widget(label, key=key, on_change=on_change, **widget_kwargs)
