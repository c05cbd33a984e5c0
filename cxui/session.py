"""Per-session state: the database connection for this rerun, the open workshop, projector mode.

The open workshop lives in ``st.session_state`` and in the URL (``?w=ID``), so a refresh or a
shared link comes back to it; ``?present=1`` turns projector mode on the same way.
"""
from __future__ import annotations

import streamlit as st
import sqlite_utils

from cxcore import db as store
from cxcore import workshops

WORKSHOP_KEY = "workshop_id"
PARTICIPANT_KEY = "participant_token"
FACILITATOR_KEY = "facilitator_signed_in"
TICKET_KEY = "facilitator_ticket_to_write"
PRESENT_KEY = "present"


@st.cache_resource
def _prepared(path: str) -> str:
    """Run the migrations once per database file and process (setup only, no connection kept)."""
    store.connect(path).close()
    return path


def db() -> sqlite_utils.Database:
    """A fresh connection for this rerun; connections are never shared between sessions.

    A database that cannot be written (read-only, full disk) opens for reading; one that cannot
    be opened at all raises ``cxcore.errors.StoreError``, whose message the shell shows.
    """
    path = _prepared(store.database_path())
    return store.connect(path, migrate=False)


def sync_with_url() -> None:
    """Session state and query parameters agree: the URL wins when it names something."""
    params = st.query_params
    if "w" in params:
        st.session_state[WORKSHOP_KEY] = params["w"]
    elif st.session_state.get(WORKSHOP_KEY) is not None:
        params["w"] = str(st.session_state[WORKSHOP_KEY])
    if "present" in params:
        st.session_state[PRESENT_KEY] = params["present"] == "1"
    if st.session_state.get(PRESENT_KEY):
        params["present"] = "1"
    elif "present" in params:
        del params["present"]


def current_workshop(conn: sqlite_utils.Database) -> workshops.Workshop | None:
    """The open workshop, or None (and the stale id forgotten) if it is gone or in the trash."""
    workshop = workshops.find(conn, st.session_state.get(WORKSHOP_KEY))
    if workshop is None or workshop.is_trashed:
        close_workshop()
        return None
    return workshop


def open_workshop(workshop_id: int) -> None:
    st.session_state[WORKSHOP_KEY] = workshop_id
    st.query_params["w"] = str(workshop_id)


def close_workshop() -> None:
    st.session_state[WORKSHOP_KEY] = None
    if "w" in st.query_params:
        del st.query_params["w"]


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY))


def set_presenting(on: bool) -> None:
    st.session_state[PRESENT_KEY] = on
    if on:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def participant_token(conn: sqlite_utils.Database) -> str | None:
    """This session's live-room token, if it belongs to an open room (``?p=`` keeps it across a
    refresh); a token of an ended room is forgotten."""
    from cxcore import participation

    token = st.query_params.get("p") or st.session_state.get(PARTICIPANT_KEY)
    if token and participation.is_participant(conn, token):
        st.session_state[PARTICIPANT_KEY] = token
        st.query_params["p"] = token
        return token
    st.session_state[PARTICIPANT_KEY] = None
    if "p" in st.query_params:
        del st.query_params["p"]
    return None


def is_facilitator(conn: sqlite_utils.Database | None = None) -> bool:
    """The console is for this machine (Streamlit reports no address for loopback), for a
    session that gave the facilitator passphrase, or for a browser holding a valid ticket
    cookie from an earlier sign-in (so a refresh or a new tab stays signed in)."""
    from cxcore import access

    address = st.context.ip_address  # None on loopback (and not a str under AppTest)
    if not isinstance(address, str):
        address = None
    if access.is_local(address or "127.0.0.1") or st.session_state.get(FACILITATOR_KEY):
        return True
    ticket = st.context.cookies.get(access.TICKET_COOKIE)
    if ticket and access.ticket_is_valid(conn or db(), ticket):
        st.session_state[FACILITATOR_KEY] = True
        return True
    return False


def remember_facilitator(conn: sqlite_utils.Database) -> None:
    """After the passphrase: this session is the facilitator's, and the browser gets a ticket."""
    from cxcore import access

    st.session_state[FACILITATOR_KEY] = True
    st.session_state[TICKET_KEY] = access.facilitator_ticket(conn)


def write_ticket_cookie() -> None:
    """Hand a fresh ticket to the browser once (a cookie scoped to this app, 12 hours).
    Only the ticket, which the server made, goes into the script: never user text."""
    from cxcore import access

    ticket = st.session_state.pop(TICKET_KEY, None)
    if not ticket or not all(c.isalnum() or c == "." for c in ticket):
        return
    st.html(f"<script>parent.document.cookie = '{access.TICKET_COOKIE}={ticket}; path=/; "
            f"max-age={access.TICKET_HOURS * 3600}; SameSite=Strict';</script>",
            unsafe_allow_javascript=True)


def become_participant(token: str) -> None:
    st.session_state[PARTICIPANT_KEY] = token
    st.query_params.clear()
    st.query_params["p"] = token
