"""Empathy maps: a Think / Feel / Say / Do board per persona, filled by quick capture."""
import functools

import streamlit as st

from cxcore import empathy, personas
from cxui import chrome, confirm, edit_mode, entry, feedback, persona_views, room_views, session

KEY = "empathy_maps"
conn, workshop = chrome.begin_step(KEY)
PERSONA = "empathy_persona"
NOTE = "empathy_note"

if edit_mode.editing(KEY) and not session.presenting():
    with st.expander("How this step works", icon=":material/help:"):
        st.markdown(
            "Pick a persona and imagine a day in their shoes. Fill four boxes: what they "
            "**think** (including what they would not say aloud), what they **feel**, what they "
            "**say** to us and to others, and what they **do**. Type a note and press Enter: "
            "it lands in that box and the field is ready for the next one. Gaps between what "
            "they say and what they do are often where the best insights hide.")

items = personas.list_personas(conn, workshop.id)
if not items:
    st.info("An empathy map belongs to a persona: add your personas first.",
            icon=":material/groups:")
    st.page_link("pages/personas.py", label="Go to Personas", icon=":material/arrow_forward:")
    chrome.end_step(KEY)
    st.stop()

by_id = {p.id: p for p in items}
if st.session_state.get(PERSONA) not in by_id:
    st.session_state[PERSONA] = items[0].id


def capture(quadrant: str, text: str) -> bool:
    return feedback.attempt(empathy.add_note, workshop.id, st.session_state[PERSONA], quadrant,
                            text, done=None)[0]


who, pick = st.columns([3, 2], vertical_alignment="center")
with pick:
    persona_id = st.selectbox("Persona", list(by_id), key=PERSONA,
                              format_func=lambda pid: by_id[pid].name)
    room_views.open_to_room(conn, workshop.id, "empathy", key="empathy_room",
                            persona_id=persona_id)
with who:
    persona_views.persona_header(by_id[persona_id], picture_width=64)

capture_columns = st.columns(4)
for column, quadrant in zip(capture_columns, empathy.QUADRANTS):
    with column:
        entry.new_entry(f"Add to {empathy.LABELS[quadrant]}", f"empathy_new_{quadrant}",
                        functools.partial(capture, quadrant), max_chars=empathy.NOTE_MAX,
                        placeholder=f"{empathy.LABELS[quadrant]}: type, press Enter")

notes = empathy.board(conn, workshop.id, persona_id)
persona_views.empathy_board(notes)

every_note = [note for quadrant in empathy.QUADRANTS for note in notes[quadrant]]


def note_editor() -> None:
    if not every_note:
        st.caption("No notes yet: type one into a box above and press Enter.")
    else:
        by_note = {note.id: note for note in every_note}
        if st.session_state.get(NOTE) not in by_note:
            st.session_state[NOTE] = None
        chosen = st.selectbox(
            "Note", list(by_note), key=NOTE, placeholder="Choose a note",
            format_func=lambda nid: f"{empathy.LABELS[by_note[nid].quadrant]} · "
                                    f"{by_note[nid].text[:70]}")
        if chosen is not None:
            note = by_note[chosen]
            text, where, remove = st.columns([4, 2, 1], vertical_alignment="bottom")
            with text:
                feedback.bound(st.text_input, "Text", f"empathy_edit_{note.id}", note.text,
                               empathy.edit_note, workshop.id, note.id,
                               max_chars=empathy.NOTE_MAX)
            with where:
                feedback.bound(st.selectbox, "Quadrant", f"empathy_move_{note.id}",
                               note.quadrant, empathy.move_note, workshop.id, note.id,
                               done="Note moved", options=empathy.QUADRANTS,
                               format_func=empathy.LABELS.get)
            confirm.delete_button("Delete", confirm.Deletion(
                workshop.id, "empathy_notes", note.id, empathy.delete_note, "Note deleted",
                (NOTE,)), key=f"empathy_delete_{note.id}", place=remove, width="stretch")


if edit_mode.editing(KEY):
    with st.expander("Edit, move or delete a note", icon=":material/edit_note:",
                     expanded=st.session_state.get(NOTE) is not None):
        note_editor()
chrome.end_step(KEY)
