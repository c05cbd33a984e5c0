"""The countdown timer, usable from every step: it ticks in a fragment, not a page rerun.

The timer is the workshop's, stored in the database (``cxcore.livetimer``): a refresh, a second
tab, the projector and every phone in the live room show the same countdown. The big clock is
the same countdown over the whole screen; the chime (off unless switched on, per browser)
plays once when it reaches zero.
"""
from __future__ import annotations

import time

import streamlit as st

from cxcore import chime, livetimer
from cxcore.timer import MAX_MINUTES, MIN_MINUTES, Timer, mmss

from . import feedback, session
from .edit_mode import sticky_toggle

MINUTES_KEY = "timer_minutes"
CHIME_KEY = "timer_chime"
CHIMED_KEY = "timer_chimed_for"
BIG_CLOCK_KEY = "timer_big_clock"
_COLOURS = {"normal": "primary", "amber": "orange", "red": "red", "done": "red"}

# Static styling only: the clock shows digits the app computes, never user text.
BIG_CLOCK_CSS = """<style>
.cx-big-clock-box {container-type: inline-size;}
.cx-big-clock {font-weight: 700; text-align: center; line-height: 1; margin: 2vh 0 3vh 0;
  font-variant-numeric: tabular-nums; font-size: min(33cqw, 62vh); letter-spacing: -0.02em;}
.cx-big-clock.normal {color: #0d6e6e;} .cx-big-clock.amber {color: #c25e00;}
.cx-big-clock.red, .cx-big-clock.done {color: #c62828;}
.cx-big-clock.done {font-size: min(19cqw, 50vh);}
</style>"""


def _change(workshop_id: int, how, *args) -> None:
    feedback.run(livetimer.change, workshop_id, how, *args, done=None)


def _reset(workshop_id: int) -> None:
    _change(workshop_id, Timer.reset, st.session_state.get(MINUTES_KEY))


def _ticking(timer: Timer) -> bool:
    return timer.running and timer.remaining(time.time()) > 0


def _chime_if_due(current: Timer, level: str) -> None:
    """Once per countdown that reaches zero, if this browser switched the chime on."""
    if level != "done" or not current.running or not st.session_state.get(CHIME_KEY):
        return
    if st.session_state.get(CHIMED_KEY) == current.ends_at:
        return
    st.session_state[CHIMED_KEY] = current.ends_at
    with st.container(key="timer_chime_player"):
        st.audio(chime.wav_bytes(), format="audio/wav", autoplay=True)


def _ticker(workshop_id: int, draw) -> None:
    """Run ``draw(timer, level, label)`` now and each second while the countdown runs."""
    ticking = _ticking(livetimer.get(session.db(), workshop_id))

    @st.fragment(run_every=1.0 if ticking else None)
    def tick() -> None:
        current = livetimer.get(session.db(), workshop_id)
        now = time.time()
        level = current.level(now)
        draw(current, level, "Time's up" if level == "done" else mmss(current.remaining(now)))
        if _ticking(current) != ticking:  # reached zero, or started/paused in another tab
            st.rerun()
        _chime_if_due(current, level)

    tick()


def face(workshop_id: int) -> None:
    """mm:ss in its colour, read from the database each second while it runs."""
    _ticker(workshop_id, lambda _, level, label: st.markdown(
        f"#### :{_COLOURS[level]}[:material/timer: {label}]"))


def _controls(workshop_id: int, timer: Timer) -> None:
    if timer.running:
        st.button("Pause", icon=":material/pause:", key="timer_pause", width="stretch",
                  on_click=lambda: _change(workshop_id, Timer.pause, time.time()))
    else:
        st.button("Start", icon=":material/play_arrow:", key="timer_start", type="primary",
                  width="stretch", on_click=lambda: _change(workshop_id, Timer.start, time.time()))
    st.button("Reset", icon=":material/restart_alt:", key="timer_reset", width="stretch",
              on_click=_reset, args=(workshop_id,))


def _chime_switch(widget_key: str) -> None:
    sticky_toggle("Chime at zero", widget_key, bool(st.session_state.get(CHIME_KEY)),
                  lambda on: st.session_state.__setitem__(CHIME_KEY, on),
                  help="This browser plays a short chime when the time is up.")


def timer_widget(workshop_id: int) -> None:
    """The face, and a popover with minutes, start/pause, reset, the big clock and the chime."""
    timer = livetimer.get(session.db(), workshop_id)
    st.session_state.setdefault(MINUTES_KEY, int(timer.duration // 60))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        face(workshop_id)
        with st.popover("Timer", icon=":material/tune:", help="Set, start, pause or reset it",
                        width="content"):
            st.number_input("Minutes", min_value=MIN_MINUTES, max_value=MAX_MINUTES, step=1,
                            key=MINUTES_KEY, on_change=_reset, args=(workshop_id,))
            _controls(workshop_id, timer)
            st.button("Big clock", icon=":material/fullscreen:", key="timer_big", width="stretch",
                      on_click=st.session_state.__setitem__, args=(BIG_CLOCK_KEY, True),
                      help="The countdown over the whole screen, readable across the room")
            _chime_switch("timer_chime_switch")


def showing_big_clock() -> bool:
    return bool(st.session_state.get(BIG_CLOCK_KEY))


def big_clock(workshop_id: int, heading: str) -> None:
    """The countdown over the whole screen, its colour as the small timer's; Back leaves it."""
    st.html(BIG_CLOCK_CSS)
    st.caption(heading)
    _ticker(workshop_id, lambda _, level, label: st.html(
        f'<div class="cx-big-clock-box"><div class="cx-big-clock {level}" '
        f'data-testid="cx-big-clock">{label}</div></div>'))
    timer = livetimer.get(session.db(), workshop_id)
    with st.container(horizontal=True, horizontal_alignment="center"):
        with st.container(width=260):
            _controls(workshop_id, timer)
        with st.container(width=260):
            st.button("Back", icon=":material/arrow_back:", key="timer_big_back",
                      type="secondary", width="stretch",
                      on_click=st.session_state.__setitem__, args=(BIG_CLOCK_KEY, False))
            _chime_switch("timer_chime_switch_big")
