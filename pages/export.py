"""Export the open workshop: PDF summary, Excel workbook, CSV tables, Markdown and a JSON backup,
built at click time."""
import datetime as dt

import streamlit as st

from cxcore import backup, csvexport, markdown, pdf, xlsx
from cxcore import path as guided_path
from cxui import chrome, downloads, routing, session
from cxui.text import plain

routing.through_app()  # a first visit straight to this URL still runs app.py
conn = session.db()
workshop = session.current_workshop(conn)
chrome.presenter_controls(chrome.last_step_page() if workshop else None)
st.title("Export", anchor=False)
if workshop is None:
    st.info("Open a workshop to export it.", icon=":material/info:")
    st.page_link("pages/workshops.py", label="Go to your workshops", icon=":material/home:")
    st.stop()

progress = guided_path.progress(conn, workshop.id)
st.markdown(f"**{plain(workshop.title)}** · {progress.label}")
stem = f"{downloads.file_stem(workshop.title)}-{dt.date.today().isoformat()}"

offered = [s for s in guided_path.STEPS if s.key in progress.started_keys and s.pdf_section]
sections = st.multiselect(
    "Sections in the PDF and the Markdown summary", [s.key for s in offered],
    default=pdf.default_sections(progress), key="export_sections",
    format_func=lambda key: pdf.section_title(guided_path.step(key)))
if "stakeholder_map" in progress.started_keys and "stakeholder_map" not in sections:
    st.caption(":material/visibility_off: The stakeholder map is left out: it names people as "
               "gatekeepers, which is for the core team, not for every reader. Add it above for "
               "a core-team copy.")

pdf_col, xlsx_col, csv_col, md_col, json_col = st.columns(5)
with pdf_col.container(border=True, height="stretch"):
    st.markdown("#### :material/picture_as_pdf: PDF summary")
    st.caption("For stakeholders: an executive summary first, then contents and the chosen "
               "sections. It is built when you click, which takes a few seconds.")
    st.download_button("Download PDF", downloads.built_later(pdf.build_pdf, workshop.id,
                                                                 sections),
                       file_name=f"{stem}.pdf", mime="application/pdf", type="primary",
                       icon=":material/download:", on_click="ignore", key="export_pdf")
with xlsx_col.container(border=True, height="stretch"):
    st.markdown("#### :material/grid_on: Excel workbook")
    st.caption("A sheet per artefact with names, plain words and the derived values (rank, "
               "priority, quadrant, overdue), ready to filter and sort.")
    st.download_button("Download Excel", downloads.built_later(xlsx.build_xlsx,
                                                                   workshop.id),
                       file_name=f"{stem}.xlsx", icon=":material/download:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="export_xlsx")
with csv_col.container(border=True, height="stretch"):
    st.markdown("#### :material/table: CSV tables")
    st.caption("The same readable tables as the workbook, a CSV each, for your BI tool. "
               "Cells that a spreadsheet could run as a formula are neutralised.")
    st.download_button("Download CSV zip", downloads.built_later(csvexport.export_zip,
                                                                     workshop.id),
                       file_name=f"{stem}-csv.zip", mime="application/zip",
                       icon=":material/download:", on_click="ignore", key="export_csv")
with md_col.container(border=True, height="stretch"):
    st.markdown("#### :material/article: Markdown")
    st.caption("The executive summary and the chosen sections as text, to paste into a wiki.")
    st.download_button("Download Markdown", downloads.built_later(
        markdown.build_markdown, workshop.id, sections), file_name=f"{stem}.md",
        mime="text/markdown", icon=":material/download:", on_click="ignore", key="export_md")
with json_col.container(border=True, height="stretch"):
    st.markdown("#### :material/data_object: JSON backup")
    st.caption("The whole workshop in one file. Import it on the Workshops page to restore it "
               "or to move it to another machine.")
    st.download_button("Download JSON backup", downloads.built_later(backup.export_json,
                                                                         workshop.id),
                       file_name=f"{stem}.json", mime="application/json",
                       icon=":material/download:", on_click="ignore", key="export_json")

st.subheader("Posters for the wall", anchor=False)
st.caption("Each journey map and each persona on one A3 landscape page, built when you click.")
downloads.poster_shelf(conn, workshop.id)

st.subheader("What the summary covers", anchor=False)
for step in guided_path.STEPS:
    mark = ":green[:material/check_circle:]" if step.key in progress.started_keys else \
        ":gray[:material/radio_button_unchecked:]"
    st.markdown(f"{mark} **{step.phase}** · {step.title}")
