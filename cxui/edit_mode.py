"""The Edit switch of each step: the step's work in front, its editing forms behind a switch.

On the projector the room looks at the work (cards, map, board, ranked list, chain), so Edit
starts off there; at a desk a planner is filling the step in, so it starts on. A choice made
with the switch holds for that step in that mode for the session (``st.session_state``, not
the widget, keeps it: widget state is dropped on a page switch).
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from . import session

CHOICES_KEY = "edit_mode_choices"


def _slot(step_key: str) -> str:
    return f"{'projector' if session.presenting() else 'desk'}:{step_key}"


def editing(step_key: str) -> bool:
    """Whether the step's editing forms are shown now."""
    return st.session_state.get(CHOICES_KEY, {}).get(_slot(step_key), not session.presenting())


def sticky_toggle(label: str, widget_key: str, value: bool, remember: Callable[[bool], None],
                  help: str) -> None:
    """A toggle whose value lives outside widget state (a page switch drops widget state)."""
    st.session_state[widget_key] = value
    st.toggle(label, key=widget_key, help=help,
              on_change=lambda: remember(st.session_state[widget_key]))


def _remember(step_key: str, on: bool) -> None:
    st.session_state.setdefault(CHOICES_KEY, {})[_slot(step_key)] = on


def switch(step_key: str) -> None:
    """The Edit toggle, for the step header."""
    sticky_toggle("Edit", f"edit_switch_{step_key}", editing(step_key),
                  lambda on: _remember(step_key, on),
                  help="Show the forms that add and change this step's content. Off shows the "
                       "work alone, as the room sees it; quick-capture boxes stay.")


def hint(what: str) -> None:
    """Where the forms went, while Edit is off."""
    st.caption(f":material/edit: Switch **Edit** on at the top to {what}.")
