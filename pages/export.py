"""Export the open workshop: PDF summary, CSV tables and a JSON backup, built at click time."""
import datetime as dt
import re

import streamlit as st

from cxcore import backup, csvexport, pdf
from cxcore import db as store
from cxcore import path as guided_path
from cxui import routing, session
from cxui.text import plain

routing.through_app()  # a first visit straight to this URL still runs app.py
conn = session.db()
workshop = session.current_workshop(conn)
st.title("Export", anchor=False)
if workshop is None:
    st.info("Open a workshop to export it.", icon=":material/info:")
    st.page_link("pages/workshops.py", label="Go to your workshops", icon=":material/home:")
    st.stop()

progress = guided_path.progress(conn, workshop.id)
st.markdown(f"**{plain(workshop.title)}** · {progress.label}")
stem = re.sub(r"[^A-Za-z0-9]+", "-", workshop.title).strip("-").lower()[:60] or "workshop"
stem = f"{stem}-{dt.date.today().isoformat()}"
db_path = store.database_path()


def built_with_own_connection(builder, workshop_id: int):
    """Download callables run on another thread at click time: each opens its own connection."""
    return lambda: builder(store.connect(db_path, migrate=False), workshop_id)


pdf_col, csv_col, json_col = st.columns(3)
with pdf_col.container(border=True, height="stretch"):
    st.markdown("#### :material/picture_as_pdf: PDF summary")
    st.caption("For stakeholders: a cover, contents and a section for every step with content. "
               "It is built when you click, which takes a few seconds for a full workshop.")
    st.download_button("Download PDF", built_with_own_connection(pdf.build_pdf, workshop.id),
                       file_name=f"{stem}.pdf", mime="application/pdf", type="primary",
                       icon=":material/download:", on_click="ignore", key="export_pdf")
with csv_col.container(border=True, height="stretch"):
    st.markdown("#### :material/table: CSV tables")
    st.caption("A zip with one table per artefact, for Excel, LibreOffice or your BI tool. "
               "Cells that a spreadsheet could run as a formula are neutralised.")
    st.download_button("Download CSV zip", built_with_own_connection(csvexport.export_zip,
                                                                     workshop.id),
                       file_name=f"{stem}-csv.zip", mime="application/zip",
                       icon=":material/download:", on_click="ignore", key="export_csv")
with json_col.container(border=True, height="stretch"):
    st.markdown("#### :material/data_object: JSON backup")
    st.caption("The whole workshop in one file. Import it on the Workshops page to restore it "
               "or to move it to another machine.")
    st.download_button("Download JSON backup", built_with_own_connection(backup.export_json,
                                                                         workshop.id),
                       file_name=f"{stem}.json", mime="application/json",
                       icon=":material/download:", on_click="ignore", key="export_json")

st.subheader("What the summary covers", anchor=False)
for step in guided_path.STEPS:
    mark = ":green[:material/check_circle:]" if step.key in progress.started_keys else \
        ":gray[:material/radio_button_unchecked:]"
    st.markdown(f"{mark} **{step.phase}** · {step.title}")
