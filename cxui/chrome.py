"""Page chrome: the look, projector mode, and the guided header and footer of every step."""
from __future__ import annotations

import streamlit as st
import sqlite_utils

from cxcore import challenge, room, workshops
from cxcore import path as guided_path

from . import confirm, edit_mode, feedback, room_views, routing, session, timer
from .text import plain

LAST_STEP_KEY = "last_step_shown"

# Static styling only: no user text ever goes into these strings.
BASE_CSS = """<style>
.block-container {padding-top: 3.6rem; max-width: 1280px;}
[data-testid="stMetricValue"] {font-size: 1.6rem;}
[data-testid="stToastContainer"] {top: auto !important; bottom: 1rem !important;
  right: 50% !important; left: auto !important; transform: translateX(50%);
  pointer-events: none;}
[data-testid="stToast"] {pointer-events: auto; width: auto !important; min-width: 0 !important;
  padding: 0.3rem 0.9rem !important;}
.st-key-timer_chime_player {display: none;}
</style>"""

PROJECTOR_CSS = """<style>
html {font-size: 22px;}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], footer {display: none !important;}
.block-container {max-width: 100% !important; padding: 0.8rem 2.5rem 2rem 2.5rem !important;}
.stMarkdown p, .stMarkdown li, [data-testid="stCaptionContainer"] {font-size: 1.15rem;}
h1 {font-size: 1.9rem !important; padding: 0 !important;}
[data-testid="stVerticalBlock"] {gap: 0.6rem;}
.st-key-step_header h4 {padding: 0 !important;}
.st-key-step_header [data-testid="stCaptionContainer"] {font-size: 0.8rem;}
</style>"""


PARTICIPANT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], footer {display: none !important;}
.block-container {max-width: 640px !important; padding: 1rem 1rem 3rem 1rem !important;}
.stButton button, .stFormSubmitButton button {min-height: 3rem; font-size: 1.1rem;}
</style>"""


def apply_participant_look() -> None:
    """Phone first: no sidebar, one narrow column, big touch targets."""
    st.html(BASE_CSS)
    st.html(PARTICIPANT_CSS)


def apply_look() -> None:
    st.html(BASE_CSS)
    if session.presenting():
        st.html(PROJECTOR_CSS)


def sidebar(conn: sqlite_utils.Database) -> None:
    """The open workshop, its progress, and the projector switch."""
    with st.sidebar:
        workshop = session.current_workshop(conn)
        if workshop:
            progress = guided_path.progress(conn, workshop.id)
            st.caption("Open workshop")
            st.markdown(f"**{plain(workshop.title)}**")
            st.progress(progress.percent / 100, text=progress.label)
            with st.container(border=True):
                room_views.shell_panel(conn, workshop.id)
            confirm.recently_deleted(conn, workshop.id)
        st.toggle("Projector mode", key="projector_toggle", value=session.presenting(),
                  on_change=lambda: session.set_presenting(st.session_state.projector_toggle),
                  help="Large type and the whole screen for the step; also ?present=1 in the URL.")


def _require_workshop(conn: sqlite_utils.Database) -> workshops.Workshop:
    workshop = session.current_workshop(conn)
    if workshop is None:
        st.info("Open or create a workshop first: this step belongs to one.",
                icon=":material/info:")
        st.page_link("pages/workshops.py", label="Go to your workshops", icon=":material/home:")
        st.stop()
    return workshop


def begin_step(key: str) -> tuple[sqlite_utils.Database, workshops.Workshop]:
    """Draw the guided header of a step page and return the connection and open workshop.

    Without an open workshop the page says so, links home and stops. With the big clock on,
    the page is the big clock until its Back.
    """
    routing.through_app()
    conn = session.db()
    workshop = _require_workshop(conn)
    st.session_state[LAST_STEP_KEY] = key
    step = guided_path.step(key)
    position = [s.key for s in guided_path.STEPS].index(key) + 1
    where = f"{step.phase.upper()} · STEP {position} OF {len(guided_path.STEPS)}"
    if timer.showing_big_clock():
        timer.big_clock(workshop.id, f"{where} · {step.title}")
        st.stop()
    if session.presenting():
        _projector_header(conn, workshop, step, f"{where} · {plain(workshop.title)}",
                          _back_of(key))
    else:
        _desk_header(workshop, step, f"{where} · {plain(workshop.title)}",
                     guided_path.progress(conn, workshop.id))
    if guided_path.is_after_challenge(key):
        chosen = challenge.chosen_challenge(conn, workshop.id)
        if chosen and session.presenting():  # one line: the room knows it by now
            st.markdown(f":blue[:material/flag: **Our challenge:** {plain(chosen.sentence)}]")
        elif chosen:
            st.info(f"**Our challenge:** {plain(chosen.sentence)}", icon=":material/flag:")
    feedback.show_flash()
    confirm.show_undo()
    return conn, workshop


def _desk_header(workshop: workshops.Workshop, step: guided_path.Step, where: str, progress: guided_path.Progress) -> None:
    main, side = st.columns([5, 2], vertical_alignment="top")
    with main:
        st.caption(where)
        st.title(step.title, anchor=False)
        st.markdown(f"*{step.purpose}*")
    with side:
        timer.timer_widget(workshop.id)
        edit_mode.switch(step.key)
        st.progress(progress.percent / 100, text=progress.label)


def _projector_header(conn: sqlite_utils.Database, workshop: workshops.Workshop,
                      step: guided_path.Step, where: str, back: tuple[str, str]) -> None:
    """One row: where we are and the title (the purpose in its tooltip), the timer, Edit,
    Back and Exit projector; the room's line under them when a room is open."""
    with st.container(key="step_header"):
        title, clock, tools = st.columns([6, 2.6, 3.6], vertical_alignment="center")
        with title:
            st.caption(where)
            st.title(step.title, anchor=False, help=step.purpose)
        with clock:
            timer.timer_widget(workshop.id)
        with tools:
            with st.container(horizontal=True, vertical_alignment="center",
                              horizontal_alignment="right"):
                edit_mode.switch(step.key)
                _back_link(*back)
                st.page_link("pages/workshops.py", label="Home", icon=":material/home:")
                _exit_projector()
            status = room.status(conn, workshop.id)
            if status.is_open:  # no sidebar on the projector: the room's line sits here
                st.page_link("pages/live_room.py", label=status.line, icon=":material/groups:")


def _back_of(key: str) -> tuple[str, str]:
    before, _ = guided_path.neighbours(key)
    if before:
        return f"pages/{before.key}.py", before.title
    return "pages/workshops.py", "Workshops"


def _back_link(page: str, title: str) -> None:
    st.page_link(page, label="Back", icon=":material/arrow_back:", help=f"Back: {title}")


def presenter_controls(back: tuple[str, str] | None) -> None:
    """Back and Exit projector at the top right of a page without the step header (Home,
    Export), so that the projector never leads into a dead end."""
    if not session.presenting():
        return
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="right"):
        if back:
            _back_link(*back)
        _exit_projector()


def last_step_page() -> tuple[str, str]:
    """The step this session showed last (the first step before any), for Back on Home and
    Export."""
    key = st.session_state.get(LAST_STEP_KEY)
    step = guided_path.step(key) if key in {s.key for s in guided_path.STEPS} else \
        guided_path.STEPS[0]
    return f"pages/{step.key}.py", step.title


def _exit_projector() -> None:
    if session.presenting():
        st.button("Exit projector", icon=":material/close_fullscreen:", width="content",
                  on_click=session.set_presenting, args=(False,), key="exit_projector")


def begin_room_page() -> tuple[sqlite_utils.Database, workshops.Workshop]:
    """The live room page's header: title, the open workshop, the timer, Exit projector."""
    routing.through_app()
    conn = session.db()
    workshop = _require_workshop(conn)
    if timer.showing_big_clock():
        timer.big_clock(workshop.id, "LIVE ROOM")
        st.stop()
    main, side = st.columns([3, 1], vertical_alignment="top")
    with main:
        st.caption(f"LIVE ROOM · {plain(workshop.title)}")
        st.title("Live room", anchor=False)
    with side:
        timer.timer_widget(workshop.id)
        _exit_projector()
    feedback.show_flash()
    return conn, workshop


def end_step(key: str) -> None:
    """Back and Next step, at the foot of every step page."""
    before, after = guided_path.neighbours(key)
    st.divider()
    left, _, right = st.columns([2, 3, 2])
    with left:
        if before:
            st.page_link(f"pages/{before.key}.py", label=f"Back: {before.title}",
                         icon=":material/arrow_back:")
        else:
            st.page_link("pages/workshops.py", label="Back: Workshops", icon=":material/arrow_back:")
    with right:
        if after:
            st.page_link(f"pages/{after.key}.py", label=f"Next step: {after.title}",
                         icon=":material/arrow_forward:")
        else:
            st.page_link("pages/export.py", label="Next: Export the summary",
                         icon=":material/arrow_forward:")
