"""Downloads built when the user clicks, not on every rerun: exports and posters."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from cxcore import db as store
from cxcore import journeys, personas, posters
from cxcore.journeys import Journey
from cxcore.personas import Persona

from .text import plain

PDF = "application/pdf"


def built_later(builder: Callable[..., Any], workshop_id: int, *args: Any) -> Callable[[], Any]:
    """Download callables run on another thread at click time: each opens its own connection."""
    path = store.database_path()
    return lambda: builder(store.connect(path, migrate=False), workshop_id, *args)


def file_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "workshop"


def journey_poster_button(workshop_id: int, journey: Journey, key: str,
                          label: str = "Poster (A3 PDF)") -> None:
    """The journey map on one A3 landscape page, for the wall."""
    st.download_button(plain(label), built_later(posters.journey_poster, workshop_id,
                                                 journey.id),
                       file_name=f"journey-{file_stem(journey.label)}.pdf", mime=PDF,
                       icon=":material/wallpaper:", on_click="ignore", key=key,
                       help="One A3 landscape page with the whole map, to print for the wall.")


def persona_poster_button(workshop_id: int, persona: Persona, key: str,
                          label: str | None = None) -> None:
    """The persona (and their empathy map) on one A3 landscape page."""
    st.download_button(plain(label or persona.name), built_later(posters.persona_poster,
                                                                 workshop_id, persona.id),
                       file_name=f"persona-{file_stem(persona.name)}.pdf", mime=PDF,
                       icon=":material/wallpaper:", on_click="ignore", key=key,
                       help="One A3 landscape page: picture, needs, pain points, quotes and "
                            "the empathy map, to print for the wall.")


def poster_shelf(conn, workshop_id: int) -> None:
    """Every journey map and persona as a poster download, for the Export page."""
    found_journeys = journeys.list_journeys(conn, workshop_id)
    found_personas = personas.list_personas(conn, workshop_id)
    if not found_journeys and not found_personas:
        st.caption("Posters appear here once the workshop has a journey map or a persona.")
        return
    left, right = st.columns(2)
    with left:
        st.markdown("**Journey maps**")
        for journey in found_journeys:
            journey_poster_button(workshop_id, journey, key=f"poster_journey_{journey.id}",
                                  label=journey.label)
    with right:
        st.markdown("**Personas**")
        for persona in found_personas:
            persona_poster_button(workshop_id, persona, key=f"poster_persona_{persona.id}")
