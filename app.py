"""The app's entry point: page config, who is asking, the open workshop, navigation.

Run: streamlit run app.py

A participant of the live room (or anyone on another device who has not given the facilitator
passphrase) gets a navigation that holds the join page alone, whatever URL they type; the
facilitator's console is everything else.
"""
from pathlib import Path

import streamlit as st

from cxcore import path as guided_path
from cxui import chrome, feedback, session

FAVICON = Path(__file__).parent / "cxui" / "favicon.png"  # a file: no web font host, works offline
st.set_page_config(page_title="CX Strategy Workshop", page_icon=FAVICON, layout="wide",
                   initial_sidebar_state="auto")
feedback.show_store_banner()  # read-only database or full disk: pages show, nothing saves
conn = feedback.connection_or_stop()
if session.participant_token(conn) or not session.is_facilitator(conn):
    # Every URL of the console answers with the join page here: no "page not found", no way in.
    urls = ["workshops", *(s.key for s in guided_path.STEPS), "live_room", "export", "join"]
    chrome.apply_participant_look()
    with feedback.store_errors_shown():
        st.navigation([st.Page("pages/join.py", title="Join the room", url_path=url,
                               default=url == "workshops") for url in urls],
                      position="hidden").run()
    st.stop()

session.sync_with_url()
chrome.apply_look()
session.write_ticket_cookie()  # once, right after a sign-in with the passphrase
pages = {"Workshop": [st.Page("pages/workshops.py", title="Workshops", icon=":material/home:",
                              default=True)]}
for phase in guided_path.PHASES:
    steps = guided_path.steps_in_phase(phase)
    if steps:
        pages[phase] = [st.Page(f"pages/{s.key}.py", title=s.title, icon=s.icon) for s in steps]
pages["Share"] = [st.Page("pages/live_room.py", title="Live room", icon=":material/groups:"),
                  st.Page("pages/export.py", title="Export", icon=":material/download:"),
                  st.Page("pages/join.py", title="Join the room", icon=":material/group_add:",
                          visibility="hidden")]

navigation = st.navigation(pages, position="hidden" if session.presenting() else "sidebar",
                           expanded=True)
chrome.sidebar(conn)
with feedback.store_errors_shown():
    navigation.run()
