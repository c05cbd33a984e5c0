"""Home: the workshops, with create, open, sample, import, rename, duplicate, trash and restore."""
import streamlit as st

import datetime as dt

from cxcore import backup, measurement, sample, workshops
from cxcore import path as guided_path
from cxui import chrome, confirm, feedback, routing, session
from cxui.text import plain

routing.through_app()  # a first visit straight to this URL still runs app.py
conn = session.db()
IMPORT_LIMIT_MB = backup.MAX_BYTES // 1024 // 1024


def resume_page(workshop_id: int) -> str:
    """Where a returning planner picks up: the first step with nothing in it yet."""
    started = guided_path.progress(conn, workshop_id).started_keys
    step = next((s for s in guided_path.STEPS if s.key not in started), guided_path.STEPS[0])
    return f"pages/{step.key}.py"


def open_and_go(workshop_id: int | None) -> None:
    """Open the workshop and go to its next step; None (a refused action) shows why."""
    if workshop_id is None:
        feedback.show_flash()
    else:
        session.open_workshop(workshop_id)
        st.switch_page(resume_page(workshop_id))


def details_form(workshop: workshops.Workshop) -> None:
    with st.form(f"home_details_{workshop.id}", border=False):
        title = st.text_input("Title", value=workshop.title, max_chars=workshops.TITLE_MAX)
        organisation = st.text_input("Organisation", value=workshop.organisation,
                                     max_chars=workshops.NAME_MAX)
        facilitator = st.text_input("Facilitator", value=workshop.facilitator,
                                    max_chars=workshops.NAME_MAX)
        if st.form_submit_button("Save details", icon=":material/save:"):
            if feedback.attempt(workshops.update_details, workshop.id, title, organisation,
                                facilitator, done="Details saved")[0]:
                st.rerun()
            feedback.show_flash()


def new_workshop_form() -> None:
    with st.form("home_new_workshop", clear_on_submit=True, border=False):
        title = st.text_input("Title", placeholder="e.g. Onboarding CX strategy, Q1",
                              max_chars=workshops.TITLE_MAX)
        organisation = st.text_input("Organisation", max_chars=workshops.NAME_MAX)
        facilitator = st.text_input("Facilitator", max_chars=workshops.NAME_MAX)
        if st.form_submit_button("Create workshop", type="primary", icon=":material/add:"):
            open_and_go(feedback.run(workshops.create, title, organisation, facilitator,
                                     done="Workshop created"))


def import_form() -> None:
    upload_key = f"home_import_{st.session_state.setdefault('home_import_round', 0)}"
    upload = st.file_uploader("JSON backup", type=["json"], key=upload_key,
                              max_upload_size=IMPORT_LIMIT_MB,
                              help=f"A backup exported from this app, up to {IMPORT_LIMIT_MB} MB.")
    if upload is not None and st.button("Import as a new workshop", type="primary"):
        new_id = feedback.run(backup.import_bytes, upload.getvalue(), done="Backup imported")
        if new_id is not None:
            st.session_state.home_import_round += 1
        open_and_go(new_id)


def review_note(workshop_id: int) -> str:
    """When the next quarterly (or other cadence) review is due, in words; empty if unknown."""
    due = measurement.next_review_due(conn, workshop_id)
    if due is None:
        return ""
    when = f"{due.day} {due:%b %Y}"
    if due < dt.date.today():
        return f":red[:material/event_busy: review overdue since {when}]"
    return f":material/event: next review due {when}"


def workshop_card(workshop: workshops.Workshop, is_open: bool) -> None:
    progress = guided_path.progress(conn, workshop.id)
    with st.container(border=True):
        info, bar, actions = st.columns([5, 3, 3], vertical_alignment="center")
        with info:
            badge = " :green-badge[Open]" if is_open else ""
            st.markdown(f"##### {plain(workshop.title)}{badge}")
            st.caption(" · ".join(plain(part) for part in (
                workshop.organisation, workshop.facilitator and f"facilitated by {workshop.facilitator}",
                f"updated {workshop.updated[:16].replace('T', ' ')}") if part))
        bar.progress(progress.percent / 100, text=progress.label)
        bar.caption(review_note(workshop.id))
        with actions:
            go, more = st.columns([3, 2])
            if go.button("Open", key=f"home_open_{workshop.id}", type="primary", width="stretch",
                         icon=":material/arrow_forward:"):
                open_and_go(workshop.id)
            with more.popover("More", width="stretch"):
                details_form(workshop)
                st.divider()
                st.button("Duplicate for a new run", key=f"home_dup_{workshop.id}",
                          icon=":material/content_copy:", on_click=feedback.run,
                          args=(workshops.duplicate, workshop.id), kwargs={"done": "Duplicated"})
                st.button("Move to trash", key=f"home_trash_{workshop.id}",
                          icon=":material/delete:", on_click=feedback.run,
                          args=(workshops.move_to_trash, workshop.id),
                          kwargs={"done": "Moved to the trash; restore it from the trash below"})


def trash_section(trashed: list[workshops.Workshop]) -> None:
    with st.expander(f"Trash ({len(trashed)})", icon=":material/delete:"):
        if not trashed:
            st.caption("Nothing in the trash.")
        for workshop in trashed:
            text, restore, delete = st.columns([6, 2, 2], vertical_alignment="center")
            text.markdown(f"{plain(workshop.title)}  \n:gray[trashed "
                          f"{(workshop.trashed_at or '')[:16].replace('T', ' ')}]")
            restore.button("Restore", key=f"home_restore_{workshop.id}", width="stretch",
                           icon=":material/restore_from_trash:", on_click=feedback.run,
                           args=(workshops.restore, workshop.id), kwargs={"done": "Restored"})
            confirm.confirm_button(
                "Delete for good", key=f"home_delete_{workshop.id}",
                state_key="home_confirm_delete", item_id=workshop.id, place=delete,
                keep_button=True, border=True, width="stretch", icon=":material/delete_forever:",
                question=f"Delete **{plain(workshop.title)}** and everything in it for good? "
                         "This cannot be undone: export a JSON backup first if you may need it "
                         "again.",
                action=workshops.delete_for_good, args=(workshop.id,),
                done="Workshop deleted for good", yes_label="Yes, delete for good")


chrome.presenter_controls(chrome.last_step_page() if session.current_workshop(conn) else None)
st.title("CX strategy workshops", anchor=False)
st.markdown("Build a customer-experience strategy step by step: direction, customers, "
            "journeys, ideas and a plan, every artefact linked to the next.")
feedback.show_flash()

active = workshops.list_workshops(conn)
current = session.current_workshop(conn)
resume = current or workshops.last_worked_on(conn)  # a fresh session offers the latest one
if resume:
    with st.container(border=True):
        text, action = st.columns([5, 2], vertical_alignment="center")
        progress = guided_path.progress(conn, resume.id)
        text.markdown(f"**Continue where you left off:** {plain(resume.title)}  \n"
                      f":gray[{progress.label}]  \n{review_note(resume.id)}")
        if action.button("Continue", type="primary", icon=":material/play_arrow:",
                         width="stretch", key="home_continue"):
            open_and_go(resume.id)

create, sample_col, import_col = st.columns(3)
with create.popover("New workshop", icon=":material/add:", width="stretch"):
    new_workshop_form()
if sample_col.button("Open the sample workshop", icon=":material/auto_stories:", width="stretch",
                     help="A retail bank's workshop with every step filled in; a fresh copy."):
    open_and_go(feedback.run(sample.create_sample, done="Sample workshop ready"))
with import_col.popover("Import a backup", icon=":material/upload_file:", width="stretch"):
    import_form()

st.subheader(f"Your workshops ({len(active)})", anchor=False)
if not active:
    st.info("No workshops yet. Create one, or open the sample to see a finished workshop.",
            icon=":material/lightbulb:")
for workshop in active:
    workshop_card(workshop, current is not None and current.id == workshop.id)
trash_section(workshops.list_workshops(conn, trashed=True))
