"""The Streamlit shell: session state, page chrome and the timer. Pages import from here."""
