"""A delete button that asks once, inline, before anything is removed.

No ``st.dialog``: AppTest cannot drive dialogs, and an inline question keeps the page testable.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from . import feedback


def forget(state_key: str, also: Iterable[str] = ()) -> None:
    """Drop the pending question (and any state that pointed at the deleted item)."""
    st.session_state[state_key] = None
    for key in also:
        st.session_state.pop(key, None)


def confirmed(state_key: str, also: tuple[str, ...], action: Callable[..., Any],
              args: tuple[Any, ...], done: str) -> None:
    feedback.run(action, *args, done=done)
    forget(state_key, also)


def confirm_button(label: str, *, key: str, state_key: str, item_id: Any, question: str,
                   action: Callable[..., Any], args: tuple[Any, ...], done: str,
                   icon: str = ":material/delete:", yes_label: str = "Yes, delete",
                   place: Any = None, keep_button: bool = False, border: bool = False,
                   width: str = "content", also_forget: tuple[str, ...] = ()) -> None:
    """Draw ``label``; once clicked, ask ``question`` with "yes_label" / "Keep it" below it.

    ``state_key`` holds the id of the item waiting for an answer (one per page). The yes-button
    runs ``action(db, *args)`` through ``feedback.run`` (toast ``done``), then forgets the
    question and the keys in ``also_forget``; "Keep it" only forgets the question. Keys:
    ``key``, ``{key}_yes``, ``{key}_no``. ``place`` is where the button goes (default: here);
    the question is drawn here. While asking, the button is hidden unless ``keep_button``.
    """
    asking = st.session_state.get(state_key) == item_id
    if keep_button or not asking:
        (place or st).button(label, key=key, icon=icon, width=width,
                             on_click=st.session_state.__setitem__, args=(state_key, item_id))
    if not asking:
        return
    with st.container(border=border):
        st.warning(question, icon=":material/warning:")
        yes, no = st.columns(2)
        yes.button(yes_label, key=f"{key}_yes", type="primary", width="stretch",
                   on_click=confirmed, args=(state_key, also_forget, action, args, done))
        no.button("Keep it", key=f"{key}_no", width="stretch",
                  on_click=forget, args=(state_key,))
