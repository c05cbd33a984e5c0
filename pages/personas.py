"""Personas: one to five customer groups as people, with worked examples and an AI prompt pack."""
import streamlit as st

from cxcore import empathy, personas, portraits
from cxui import chrome, confirm, downloads, edit_mode, entry, feedback, persona_views

KEY = "personas"
conn, workshop = chrome.begin_step(KEY)
EDITING = "personas_editing"
NEW_NAME = "personas_new_name"
UPLOAD_ROUND = "personas_upload_round"
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "A persona stands for a group of customers who share a situation, habits and goals. "
        "Give each one a name and a face so the room can talk about *Harold* or *Sam* instead "
        "of \"segment B\". Keep to **one to five**: enough to cover the customers who matter "
        "most, few enough to remember. Ground them in what customers really do and say (use "
        "real quotes from interviews or surveys), and treat them as a tool, not a rule: real "
        "people do not always behave like their persona.\n\n"
        "*Stuck?* Start from a worked example below and edit it into your own customers, or "
        "use the AI prompt pack to check your personas against your customer data.")


def add_persona(name: str) -> bool:
    ok, new_id = feedback.attempt(personas.add_persona, workshop.id, name, done="Persona added")
    if ok:
        st.session_state[EDITING] = new_id
    return ok


def add_starters(example: str) -> None:
    ok, ids = feedback.attempt(personas.add_starters, workshop.id, example,
                               done="Three example personas added: edit them into your own")
    if ok and ids:
        st.session_state[EDITING] = ids[0]


def upload_picture(persona_id: int, key: str) -> None:
    upload = st.session_state.get(key)
    if upload is not None:
        feedback.attempt(personas.set_image, workshop.id, persona_id, upload.getvalue(),
                         done="Picture saved")
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def starter_buttons() -> None:
    columns = st.columns(len(personas.STARTERS))
    for column, (example, (label, people)) in zip(columns, personas.STARTERS.items()):
        column.button(f"{label}: {', '.join(p['name'] for p in people)}",
                      key=f"personas_starter_{example}", icon=":material/auto_awesome:",
                      width="stretch", on_click=add_starters, args=(example,))


items = personas.list_personas(conn, workshop.id)
warning = personas.limit_warning(len(items))
if warning:
    st.warning(warning, icon=":material/warning:")

if not items:
    with st.container(border=True):
        st.markdown("#### :material/auto_awesome: Start from a worked example")
        st.caption("One click adds three personas with typical details, for you to edit.")
        starter_buttons()
else:
    persona_views.persona_cards(items, empathy.note_counts(conn, workshop.id))
    with st.popover("Posters for the wall", icon=":material/wallpaper:"):
        st.caption("Each persona with their empathy map on one A3 landscape page.")
        for persona in items:
            downloads.persona_poster_button(workshop.id, persona,
                                            key=f"personas_poster_{persona.id}")
if not editing:
    edit_mode.hint("add or change personas")


def add_form() -> None:
    st.subheader("Add a persona", anchor=False)
    entry.new_entry("Name", NEW_NAME, add_persona, max_chars=personas.NAME_MAX,
                    placeholder="e.g. Margaret", add_label="Add persona")
    if len(items) >= personas.PERSONA_SOFT_LIMIT:
        st.caption(f":orange[:material/warning: You already have {len(items)}: more than "
                   f"{personas.PERSONA_SOFT_LIMIT} is allowed, but hard to keep in mind.]")
    if items:
        with st.expander("Worked examples", icon=":material/auto_awesome:"):
            starter_buttons()


def edit_persona(persona: personas.Persona) -> None:
    prefix = f"personas_{persona.id}"
    persona_views.persona_header(persona, picture_width=72)
    for field in ("name", "segment"):
        limit = personas.NAME_MAX if field == "name" else personas.SEGMENT_MAX
        feedback.bound(st.text_input, personas.LABELS[field], f"{prefix}_{field}",
                       getattr(persona, field), personas.update_field, workshop.id,
                       persona.id, field, max_chars=limit)
    for field in personas.LONG_FIELDS:
        feedback.bound(st.text_area, personas.LABELS[field], f"{prefix}_{field}",
                       getattr(persona, field), personas.update_field, workshop.id,
                       persona.id, field, max_chars=personas.FIELD_MAX, height=90)
    upload_key = f"{prefix}_upload_{st.session_state.get(UPLOAD_ROUND, 0)}"
    st.file_uploader(f"Picture (PNG, JPEG or WebP, up to {portraits.MAX_UPLOAD_MB} MB)",
                     key=upload_key, type=["png", "jpg", "jpeg", "webp"],
                     max_upload_size=portraits.MAX_UPLOAD_MB, on_change=upload_picture,
                     args=(persona.id, upload_key))
    picture, delete = st.columns(2)
    if persona.image:
        picture.button("Remove picture", key=f"{prefix}_remove_image", icon=":material/hide_image:",
                       on_click=confirm.delete_now, args=(confirm.Deletion(
                           workshop.id, "personas", persona.id, personas.remove_image,
                           "Picture removed", column="image"),))
    confirm.delete_button("Delete persona", confirm.Deletion(
        workshop.id, "personas", persona.id, personas.delete_persona, "Persona deleted"),
        key=f"{prefix}_delete", place=delete, keep_button=True, border=True)


def edit_form() -> None:
    st.subheader("Edit a persona", anchor=False)
    if not items:
        st.caption("Add a persona or a worked example first.")
    else:
        ids = [p.id for p in items]
        if st.session_state.get(EDITING) not in ids:
            st.session_state[EDITING] = ids[0]
        by_id = {p.id: p for p in items}
        chosen = st.selectbox("Persona to edit", ids, key=EDITING,
                              format_func=lambda pid: by_id[pid].name)
        with st.container(border=True):
            st.caption("Every change is saved as you make it.")
            edit_persona(by_id[chosen])

def prompt_pack() -> None:
    st.markdown(
        "Copy this text (the copy button is at its top right) into the AI tool your "
        "organisation approves, together with your customer data. It asks what an analyst "
        "would ask, and lists your current personas for the tool to critique. "
        "**This app sends nothing anywhere:** the text only leaves when you paste it.")
    st.code(personas.prompt_pack(conn, workshop.id), language=None, wrap_lines=True)


if editing:
    add_column, edit_column = st.columns([1, 2], gap="large")
    with add_column:
        add_form()
    with edit_column:
        edit_form()
    with st.expander("AI prompt pack: check your personas against your data",
                     icon=":material/smart_toy:"):
        prompt_pack()
chrome.end_step(KEY)
