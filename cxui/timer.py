"""The countdown timer, usable from every step: it ticks in a fragment, not a page rerun."""
from __future__ import annotations

import time

import streamlit as st

from cxcore.timer import MAX_MINUTES, MIN_MINUTES, Timer, mmss

STATE_KEY = "timer"
MINUTES_KEY = "timer_minutes"
_COLOURS = {"normal": "primary", "amber": "orange", "red": "red", "done": "red"}


def _timer() -> Timer:
    return st.session_state.setdefault(STATE_KEY, Timer())


def _start() -> None:
    st.session_state[STATE_KEY] = _timer().start(time.time())


def _pause() -> None:
    st.session_state[STATE_KEY] = _timer().pause(time.time())


def _reset() -> None:
    st.session_state[STATE_KEY] = _timer().reset(st.session_state.get(MINUTES_KEY))


def timer_widget() -> None:
    """mm:ss with its colour, and a popover with minutes, start/pause and reset."""
    timer = _timer()
    st.session_state.setdefault(MINUTES_KEY, int(timer.duration // 60))

    @st.fragment(run_every=1.0 if timer.running else None)
    def face() -> None:
        current = _timer()
        now = time.time()
        level = current.level(now)
        label = "Time's up" if level == "done" else mmss(current.remaining(now))
        st.markdown(f"#### :{_COLOURS[level]}[:material/timer: {label}]")

    clock, controls = st.columns([3, 2], vertical_alignment="center")
    with clock:
        face()
    with controls.popover("Timer", icon=":material/tune:", help="Set, start, pause or reset it",
                          width="stretch"):
        st.number_input("Minutes", min_value=MIN_MINUTES, max_value=MAX_MINUTES, step=1,
                        key=MINUTES_KEY, on_change=_reset)
        left, right = st.columns(2)
        if timer.running:
            left.button("Pause", icon=":material/pause:", on_click=_pause, key="timer_pause",
                        width="stretch")
        else:
            left.button("Start", icon=":material/play_arrow:", on_click=_start,
                        key="timer_start", type="primary", width="stretch")
        right.button("Reset", icon=":material/restart_alt:", on_click=_reset, key="timer_reset",
                     width="stretch")
