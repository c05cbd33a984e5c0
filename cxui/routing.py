"""Every run goes through app.py, even a deep link opened first after the server starts.

Until the first ``st.navigation`` call in a process, Streamlit still believes in the old
``pages/`` folder router (``PagesManager.uses_pages_directory`` is set from the folder's
existence), so it runs ``pages/<name>.py`` on its own, without app.py: no navigation, no open
workshop from ``?w=``. A page that finds itself run that way switches the old router off and
runs app.py in its place, in the same run (so a click that caused the run is not lost); app.py
sends the same URL to the same page.
"""
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def through_app() -> None:
    """Call first on every page."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(APP, run_name="__main__")
        st.stop()
