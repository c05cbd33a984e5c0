"""The linked chain: every thread from pain point to the latest reading, and where it breaks."""
import pandas as pd
import streamlit as st

from cxcore import chain
from cxui import chrome, edit_mode
from cxui.chain_view import chain_graph, legend, thread_steps
from cxui.text import plain

KEY = "linked_chain"
conn, workshop = chrome.begin_step(KEY)

if edit_mode.editing(KEY):  # the page has no forms: Edit shows the explanation
    st.expander("How this step works", icon=":material/help:").markdown(
        "Every step so far hands something to the next: a pain point on the journey is traced "
        "to a proven root cause, the root cause is brainstormed into ideas, the best idea is "
        "written up as a card, the card gets actions in the plan, the actions serve a goal, and "
        "the goal's readings show whether anything changed. This page follows each of those "
        "threads from end to end, so the room can see why each action exists and what it is "
        "meant to move.\n\n"
        "A thread that stops early is called out in red: that is the next conversation to have.")

found = chain.threads(conn, workshop.id)
gaps = chain.broken(found)
complete = [t for t in found if t.get("pain_point") and t.get("reading")]

counts = st.columns(3)
for column, (label, value) in zip(counts, (("Threads", len(found)),
                                           ("Complete, pain point to reading", len(complete)),
                                           ("Broken links", len(gaps)))):
    with column.container(border=True):
        st.metric(label, value)

if not found:
    st.info("Nothing to follow yet: the chain fills in as the 5 Whys, brainstorm, cards, plan "
            "and goals are worked on.", icon=":material/info:")
    chrome.end_step(KEY)
    st.stop()

st.markdown(legend())

graph_tab, table_tab = st.tabs([":material/account_tree: Graph", ":material/table: Table"])
with graph_tab:
    chain_graph(found)
    st.caption("Left to right: pain point, root cause, idea, card, action, goal, latest "
               "reading. Red dashed boxes mark a link that is missing.")
with table_tab:
    rows = chain.table_rows(found)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={"Gaps": st.column_config.TextColumn(width="medium")})

st.subheader("Follow one thread", anchor=False)
names = {n: " → ".join(link.label[:30] for link in t.links[:2]) + (" …" if len(t.links) > 2 else "")
         for n, t in enumerate(found)}
picked = st.selectbox("Thread", list(names), format_func=lambda n: f"{n + 1}. {names[n]}",
                      key="chain_thread")
st.markdown(thread_steps(found[picked]))

st.subheader(f"Broken threads ({len(gaps)})", anchor=False)
if not gaps:
    st.success("Every thread runs through to its readings.", icon=":material/check_circle:")
for gap in gaps:
    st.markdown(f":red-badge[:material/link_off: {chain.BREAKS[gap.kind]}] "
                f"{plain(gap.link.label)}")

chrome.end_step(KEY)
