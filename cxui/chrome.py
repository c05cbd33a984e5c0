"""Page chrome: the look, projector mode, and the guided header and footer of every step."""
from __future__ import annotations

import streamlit as st
import sqlite_utils

from cxcore import challenge, room, workshops
from cxcore import path as guided_path

from . import confirm, feedback, room_views, routing, session
from .text import plain
from .timer import timer_widget

# Static styling only: no user text ever goes into these strings.
BASE_CSS = """<style>
.block-container {padding-top: 3.6rem; max-width: 1280px;}
[data-testid="stMetricValue"] {font-size: 1.6rem;}
</style>"""

PROJECTOR_CSS = """<style>
html {font-size: 22px;}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], footer {display: none !important;}
.block-container {max-width: 100% !important; padding: 0.8rem 2.5rem 2rem 2.5rem !important;}
.stMarkdown p, .stMarkdown li, [data-testid="stCaptionContainer"] {font-size: 1.15rem;}
h1 {font-size: 2.3rem !important; padding: 0.1rem 0 0.3rem 0 !important;}
[data-testid="stVerticalBlock"] {gap: 0.75rem;}
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

    Without an open workshop the page says so, links home and stops.
    """
    routing.through_app()
    conn = session.db()
    workshop = _require_workshop(conn)
    step = guided_path.step(key)
    position = [s.key for s in guided_path.STEPS].index(key) + 1
    progress = guided_path.progress(conn, workshop.id)
    main, side = st.columns([3, 1], vertical_alignment="top")
    with main:
        st.caption(f"{step.phase.upper()} · STEP {position} OF {len(guided_path.STEPS)} · "
                   f"{plain(workshop.title)}")
        st.title(step.title, anchor=False)
        st.markdown(f"*{step.purpose}*")
    with side:
        timer_widget(workshop.id)
        _exit_projector()
        st.progress(progress.percent / 100, text=progress.label)
        if session.presenting():  # no sidebar on the projector: the room's line sits here
            status = room.status(conn, workshop.id)
            if status.is_open:
                st.page_link("pages/live_room.py", label=status.line, icon=":material/groups:")
    if guided_path.is_after_challenge(key):
        chosen = challenge.chosen_challenge(conn, workshop.id)
        if chosen:
            st.info(f"**Our challenge:** {plain(chosen.sentence)}", icon=":material/flag:")
    feedback.show_flash()
    confirm.show_undo()
    return conn, workshop


def _exit_projector() -> None:
    if session.presenting():
        st.button("Exit projector", icon=":material/close_fullscreen:", width="stretch",
                  on_click=session.set_presenting, args=(False,), key="exit_projector")


def begin_room_page() -> tuple[sqlite_utils.Database, workshops.Workshop]:
    """The live room page's header: title, the open workshop, the timer, Exit projector."""
    routing.through_app()
    conn = session.db()
    workshop = _require_workshop(conn)
    main, side = st.columns([3, 1], vertical_alignment="top")
    with main:
        st.caption(f"LIVE ROOM · {plain(workshop.title)}")
        st.title("Live room", anchor=False)
    with side:
        timer_widget(workshop.id)
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
