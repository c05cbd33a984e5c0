"""A delete button that asks once, inline, before anything is removed; and one that asks only
when something else goes with the item, and offers Undo.

No ``st.dialog``: AppTest cannot drive dialogs, and an inline question keeps the page testable.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from cxcore import recycle

from . import feedback
from .text import plain


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


# ---- deleting an artefact: ask when something depends on it, offer Undo either way

ASK_KEY = "delete_asking"
QUESTION_KEY = "delete_question"
UNDO_KEY = "delete_undo"
UNDO_SECONDS = 30
# Static styling only: the notice floats at the foot of the screen, where the click was made,
# like a toast that holds a button (st.toast cannot).
UNDO_CSS = """<style>
.st-key-undo_notice {position: fixed; bottom: 1.2rem; right: 1.2rem; z-index: 999990;
  width: min(24rem, calc(100vw - 2.4rem)); background: #ffffff;
  box-shadow: 0 6px 20px rgba(0, 0, 0, 0.2);}
</style>"""


@dataclass(frozen=True)
class Deletion:
    """One artefact row to delete through ``cxcore.recycle`` (``action``: the step's delete),
    or with ``column`` one field that ``action`` empties (a persona's picture)."""
    workshop_id: int
    table: str
    row_id: int
    action: Callable[..., Any] | None
    done: str
    also_forget: tuple[str, ...] = ()
    column: str | None = None


def delete_button(label: str, deletion: Deletion, *, key: str, place: Any = None,
                  icon: str = ":material/delete:", width: str = "content",
                  keep_button: bool = False, border: bool = False) -> None:
    """Draw ``label``. A click deletes at once, with Undo, when nothing else goes with the row;
    otherwise it asks first, saying what goes with it (Cancel / Delete). Keys: ``key``,
    ``{key}_yes``, ``{key}_no``. ``place`` is where the button goes; the question is drawn here.
    """
    asking = st.session_state.get(ASK_KEY) == (deletion.table, deletion.row_id)
    if keep_button or not asking:
        (place or st).button(label, key=key, icon=icon, width=width,
                             on_click=ask_or_delete, args=(deletion,))
    if not asking:
        return
    with st.container(border=border):
        st.warning(plain(st.session_state.get(QUESTION_KEY, "")), icon=":material/warning:")
        no, yes = st.columns(2)
        no.button("Cancel", key=f"{key}_no", width="stretch", on_click=forget, args=(ASK_KEY,))
        yes.button("Delete", key=f"{key}_yes", type="primary", width="stretch",
                   on_click=delete_now, args=(deletion,))


def ask_or_delete(deletion: Deletion) -> None:
    ok, question = feedback.attempt(recycle.question, deletion.workshop_id, deletion.table,
                                    deletion.row_id, done=None)
    if ok and question:
        st.session_state[ASK_KEY] = (deletion.table, deletion.row_id)
        st.session_state[QUESTION_KEY] = question
    elif ok:
        delete_now(deletion)


def delete_now(deletion: Deletion) -> None:
    forget(ASK_KEY)
    where = (deletion.workshop_id, deletion.table, deletion.row_id)
    token = feedback.run(recycle.clear, *where, deletion.column, deletion.action,
                         done=None) if deletion.column else \
        feedback.run(recycle.delete, *where, deletion.action, done=None)
    if token is None:
        return
    for key in deletion.also_forget:
        st.session_state.pop(key, None)
    st.session_state[UNDO_KEY] = {"token": token, "workshop_id": deletion.workshop_id,
                                  "done": deletion.done, "at": time.monotonic()}


def show_undo() -> None:
    """"Idea deleted. [Undo]" for UNDO_SECONDS after a deletion, floating at the screen's foot."""
    last = st.session_state.get(UNDO_KEY)
    if not last or time.monotonic() - last["at"] > UNDO_SECONDS:
        st.session_state.pop(UNDO_KEY, None)
        return
    st.html(UNDO_CSS)
    with st.container(border=True, key="undo_notice", horizontal=True,
                      vertical_alignment="center"):
        st.markdown(f":material/delete: {plain(last['done'])}.", width="stretch")
        st.button("Undo", icon=":material/undo:", key="undo_notice_undo", on_click=undo,
                  args=(last,))
        st.button("", icon=":material/close:", help="Hide", key="undo_notice_hide",
                  on_click=st.session_state.pop, args=(UNDO_KEY, None))


def undo(last: dict) -> None:
    st.session_state.pop(UNDO_KEY, None)  # done, or refused with the reason shown
    restore(last["workshop_id"], last["token"])


def recently_deleted(conn: Any, workshop_id: int) -> None:
    """"Recently deleted (3)": what this workshop can still get back, each with Restore."""
    deleted = recycle.recently_deleted(conn, workshop_id)
    if not deleted:
        return
    with st.expander(f"Recently deleted ({len(deleted)})", icon=":material/restore_from_trash:"):
        for item in deleted:
            text, button = st.columns([3, 2], vertical_alignment="center")
            text.caption(f"{plain(item.label)} · {item.created[:16].replace('T', ' ')} UTC")
            button.button("Restore", key=f"recycle_restore_{item.token}", width="stretch",
                          on_click=restore, args=(workshop_id, item.token))


def restore(workshop_id: int, token: int) -> None:
    message = feedback.run(recycle.restore, workshop_id, token, done=None)
    if message:
        st.toast(message, icon=":material/restore_from_trash:")
        st.session_state.pop(UNDO_KEY, None)
