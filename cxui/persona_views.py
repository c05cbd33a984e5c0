"""Display elements for personas and empathy maps: cards and the 2x2 board (no inputs here)."""
from __future__ import annotations

import streamlit as st

from cxcore import empathy, personas
from cxcore.empathy import Board
from cxcore.personas import Persona

from .text import plain

QUADRANT_ICONS = {"think": ":material/psychology_alt:", "feel": ":material/favorite:",
                  "say": ":material/record_voice_over:", "do": ":material/directions_run:"}
TWO_COLUMNS_FROM = 6
QUADRANT_COLOURS = {"think": "blue", "feel": "red", "say": "green", "do": "orange"}


def persona_header(persona: Persona, picture_width: int = 88) -> None:
    """Picture (or initials avatar), name and segment side by side."""
    picture, title = st.columns([picture_width, 320], vertical_alignment="center")
    picture.image(personas.picture(persona), width=picture_width)
    title.markdown(f"#### {plain(persona.name)}")
    if persona.segment:
        title.markdown(f":blue-badge[{plain(persona.segment)}]")


def persona_card(persona: Persona, notes: int = 0) -> None:
    with st.container(border=True):
        persona_header(persona)
        filled = persona.filled()
        for label, text in filled:
            st.markdown(f"**{label}**  \n{plain(text)}")
        if not filled:
            st.caption("No details yet: choose this persona under *Edit a persona*.")
        if notes:
            st.caption(f":material/psychology: {notes} empathy notes")


def persona_cards(items: list[Persona], counts: dict[int, int], per_row: int = 3) -> None:
    """Personas as cards, a row of ``per_row`` at a time (they stack on a phone)."""
    for start in range(0, len(items), per_row):
        row = items[start:start + per_row]
        for column, persona in zip(st.columns(per_row), row):
            with column:
                persona_card(persona, counts.get(persona.id, 0))


def _quadrant(quadrant: str, notes: list) -> None:
    with st.container(border=True):
        colour = QUADRANT_COLOURS[quadrant]
        st.markdown(f"### :{colour}[{QUADRANT_ICONS[quadrant]} {empathy.LABELS[quadrant]}] "
                    f":gray-badge[{len(notes)}]")
        if len(notes) > TWO_COLUMNS_FROM:  # a full quadrant stays on one projector screen
            half = (len(notes) + 1) // 2
            for column, part in zip(st.columns(2), (notes[:half], notes[half:])):
                column.markdown("\n".join(f"- {plain(note.text)}" for note in part))
        elif notes:
            st.markdown("\n".join(f"- {plain(note.text)}" for note in notes))
        else:
            st.caption(empathy.PROMPTS[quadrant])


def empathy_board(notes: Board) -> None:
    """Think | Feel above, Say | Do below."""
    for left, right in (("think", "feel"), ("say", "do")):
        columns = st.columns(2)
        for column, quadrant in zip(columns, (left, right)):
            with column:
                _quadrant(quadrant, notes[quadrant])
