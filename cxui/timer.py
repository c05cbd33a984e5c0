"""The countdown timer, usable from every step: it ticks in a fragment, not a page rerun.

The timer is the workshop's, stored in the database (``cxcore.livetimer``): a refresh, a second
tab, the projector and every phone in the live room show the same countdown.
"""
from __future__ import annotations

import time

import streamlit as st

from cxcore import livetimer
from cxcore.timer import MAX_MINUTES, MIN_MINUTES, Timer, mmss

from . import feedback, session

MINUTES_KEY = "timer_minutes"
_COLOURS = {"normal": "primary", "amber": "orange", "red": "red", "done": "red"}


def _change(workshop_id: int, how, *args) -> None:
    feedback.run(livetimer.change, workshop_id, how, *args, done=None)


def _reset(workshop_id: int) -> None:
    _change(workshop_id, Timer.reset, st.session_state.get(MINUTES_KEY))


def face(workshop_id: int) -> None:
    """mm:ss in its colour, read from the database each second while it runs."""
    running = livetimer.get(session.db(), workshop_id).running

    @st.fragment(run_every=1.0 if running else None)
    def tick() -> None:
        current = livetimer.get(session.db(), workshop_id)
        now = time.time()
        level = current.level(now)
        label = "Time's up" if level == "done" else mmss(current.remaining(now))
        st.markdown(f"#### :{_COLOURS[level]}[:material/timer: {label}]")
        if current.running != running:  # started or paused in another tab: tick or stop
            st.rerun()

    tick()


def timer_widget(workshop_id: int) -> None:
    """The face, and a popover with minutes, start/pause and reset."""
    timer = livetimer.get(session.db(), workshop_id)
    st.session_state.setdefault(MINUTES_KEY, int(timer.duration // 60))
    clock, controls = st.columns([3, 2], vertical_alignment="center")
    with clock:
        face(workshop_id)
    with controls.popover("Timer", icon=":material/tune:", help="Set, start, pause or reset it",
                          width="stretch"):
        st.number_input("Minutes", min_value=MIN_MINUTES, max_value=MAX_MINUTES, step=1,
                        key=MINUTES_KEY, on_change=_reset, args=(workshop_id,))
        left, right = st.columns(2)
        if timer.running:
            left.button("Pause", icon=":material/pause:", key="timer_pause", width="stretch",
                        on_click=lambda: _change(workshop_id, Timer.pause, time.time()))
        else:
            left.button("Start", icon=":material/play_arrow:", key="timer_start", type="primary",
                        width="stretch",
                        on_click=lambda: _change(workshop_id, Timer.start, time.time()))
        right.button("Reset", icon=":material/restart_alt:", key="timer_reset", width="stretch",
                     on_click=_reset, args=(workshop_id,))
