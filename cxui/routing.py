"""Every run goes through app.py, even a deep link opened first after the server starts.

Until the first ``st.navigation`` call in a process, Streamlit still believes in the old
``pages/`` folder router (``PagesManager.uses_pages_directory`` is set from the folder's
existence), so it runs ``pages/<name>.py`` on its own, without app.py: no navigation, no open
workshop from ``?w=``. A page that finds itself run that way switches the old router off and
reruns, which runs app.py, which sends the same URL to the same page.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_app() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
