"""Focusing challenge: "(Who) can (do what) so that (why)", several drafts, one chosen."""
import streamlit as st

from cxcore import challenge
from cxui import chrome, confirm, edit_mode, feedback
from cxui.text import plain

KEY = "focusing_challenge"
conn, workshop = chrome.begin_step(KEY)
NEW = {part: f"challenge_new_{part}" for part in challenge.PARTS}
HINTS = {"who": "e.g. First-time home buyers",
         "what": "e.g. get a mortgage decision on their phone in one sitting",
         "why": "e.g. they can make an offer with confidence"}
edit_on = edit_mode.editing(KEY)

if edit_on:
    st.expander("How this step works", icon=":material/help:").markdown(
        "A focusing challenge keeps a room of people on one problem for the rest of the "
        "workshop. Name **who** the change is for, **what** they should be able to do, and "
        "**why** that matters to them. Write a few drafts, read them aloud, then choose the one "
        "the room can rally behind: it stays at the top of every later step.\n\n"
        "*Example:* Students opening their first account can set up their card and app without "
        "visiting a branch so that they start banking with us before they graduate.")


def add_draft() -> None:
    values = {part: st.session_state.get(key, "") for part, key in NEW.items()}
    if feedback.attempt(challenge.add_draft, workshop.id, **values, done="Draft added")[0]:
        for key in NEW.values():
            st.session_state[key] = ""


def stop_editing() -> None:
    st.session_state.challenge_editing = None


drafts = challenge.list_challenges(conn, workshop.id)
chosen = next((c for c in drafts if c.chosen), None)
if chosen:
    with st.container(border=True):
        st.caption("THE WORKSHOP'S CHALLENGE")
        st.markdown(f"### {plain(chosen.sentence)}")



def write_form() -> None:
    st.subheader("Write a draft", anchor=False)
    for part in challenge.PARTS:
        st.text_input(challenge.LABELS[part], key=NEW[part], placeholder=HINTS[part],
                      max_chars=challenge.PART_MAX, live=True, persist_state="session")
    preview = challenge.sentence(*(st.session_state.get(NEW[p], "") for p in challenge.PARTS))
    st.markdown(f"> {plain(preview)}")
    st.button("Add draft", type="primary", icon=":material/add:", on_click=add_draft,
              key="challenge_add")


def read_only_drafts() -> None:
    """The room's view: the chosen challenge once (above), the other drafts under it."""
    others = [d for d in drafts if not d.chosen]
    if not drafts:
        st.caption("No drafts yet.")
        edit_mode.hint("write one")
    elif others:
        st.subheader(f"Other drafts ({len(others)})" if chosen else f"Drafts ({len(drafts)})",
                     anchor=False)
        for draft in others:
            st.container(border=True).markdown(plain(draft.sentence))


def draft_list() -> None:
    st.subheader(f"Drafts ({len(drafts)})", anchor=False)
    if not drafts:
        st.caption("No drafts yet. Write the first one on the left.")
    editing = st.session_state.get("challenge_editing")
    for draft in drafts:
        with st.container(border=True):
            badge = ":green-badge[:material/flag: Chosen] " if draft.chosen else ""
            st.markdown(f"{badge}{plain(draft.sentence)}")
            if editing == draft.id:
                for part in challenge.PARTS:
                    feedback.bound(st.text_input, challenge.LABELS[part],
                                   f"challenge_edit_{draft.id}_{part}", getattr(draft, part),
                                   challenge.update_part, workshop.id, draft.id, part,
                                   max_chars=challenge.PART_MAX)
                st.button("Done", key=f"challenge_done_{draft.id}", on_click=stop_editing)
                continue
            choose, edit, delete = st.columns(3)
            choose.button("Choose", key=f"challenge_choose_{draft.id}", disabled=draft.chosen,
                          icon=":material/flag:", width="stretch", on_click=feedback.run,
                          args=(challenge.choose, workshop.id, draft.id),
                          kwargs={"done": "Challenge chosen"})
            edit.button("Edit", key=f"challenge_edit_{draft.id}", icon=":material/edit:",
                        width="stretch", on_click=st.session_state.__setitem__,
                        args=("challenge_editing", draft.id))
            confirm.delete_button("Delete", confirm.Deletion(
                workshop.id, "challenges", draft.id, challenge.delete, "Challenge deleted"),
                key=f"challenge_delete_{draft.id}", place=delete, width="stretch")


if edit_on:
    write, listing = st.columns([2, 3], gap="large")
    with write:
        write_form()
    with listing:
        draft_list()
else:
    read_only_drafts()
chrome.end_step(KEY)
