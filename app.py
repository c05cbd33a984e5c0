"""The app's entry point: page config, the open workshop, navigation. Run: streamlit run app.py"""
import streamlit as st

from cxcore import path as guided_path
from cxui import chrome, session

st.set_page_config(page_title="CX Strategy Workshop", page_icon=":material/hub:",
                   layout="wide", initial_sidebar_state="auto")
session.sync_with_url()
chrome.apply_look()

pages = {"Workshop": [st.Page("pages/workshops.py", title="Workshops", icon=":material/home:",
                              default=True)]}
for phase in guided_path.PHASES:
    steps = guided_path.steps_in_phase(phase)
    if steps:
        pages[phase] = [st.Page(f"pages/{s.key}.py", title=s.title, icon=s.icon) for s in steps]
pages["Share"] = [st.Page("pages/export.py", title="Export", icon=":material/download:")]

navigation = st.navigation(pages, position="hidden" if session.presenting() else "sidebar",
                           expanded=True)
chrome.sidebar(session.db())
navigation.run()
