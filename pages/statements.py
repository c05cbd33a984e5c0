"""CX vision, mission and success strategy statements: drafts, one final per kind."""
import streamlit as st

from cxcore import statements
from cxui import chrome, confirm, edit_mode, feedback
from cxui.text import plain

KEY = "statements"
conn, workshop = chrome.begin_step(KEY)
editing = edit_mode.editing(KEY)

EXPLAIN = {
    "vision": "The vision is the hopeful picture: in a paragraph, how should customers feel "
              "when they deal with you? It is allowed to be broad and ambitious; the mission "
              "and the goals turn it into something people can act on.",
    "mission": "The mission is the promise the brand makes to every customer, in words that "
               "everyone in the organisation can repeat and act on. Answer the three prompts; "
               "the app joins them into one statement that you can then polish by hand.",
    "success": "The success strategy links the organisation's own goals to the CX outcomes "
               "that will serve them, and names the metrics that will show the outcomes are "
               "happening.",
}
EXAMPLES = {
    "vision": "A coastal bank: *People who bank with us feel known and looked after, so money "
              "decisions feel manageable at every stage of life, in a branch or on a phone.*",
    "mission": "A coastal bank answered: every customer *gets a clear answer the first time "
               "they ask*; we promise *to keep fees visible and decisions quick*; this matters "
               "because *customers who trust us bring more of their banking to us*.",
    "success": "A coastal bank: *To grow deposits by 2027, we will make opening and keeping an "
               "account effortless: account-opening effort (CES) improves from 4.9 to 5.8 out "
               "of 7 and twelve-month retention from 86 % to 90 %.*",
}
PLACEHOLDERS = {"prompt_experience": "e.g. gets a clear answer the first time they ask",
                "prompt_promise": "e.g. to keep fees visible and decisions quick",
                "prompt_business": "e.g. customers who trust us bring more of their banking"}
NEW_TEXT = {kind: f"statements_new_{kind}" for kind in ("vision", "success")}
NEW_PROMPT = {p: f"statements_new_{p}" for p in statements.PROMPTS}


def add_text_draft(kind: str) -> None:
    text = st.session_state.get(NEW_TEXT[kind], "")
    if feedback.attempt(statements.add_draft, workshop.id, kind, text, done="Draft added")[0]:
        st.session_state[NEW_TEXT[kind]] = ""


def add_mission_draft() -> None:
    values = [st.session_state.get(key, "") for key in NEW_PROMPT.values()]
    if feedback.attempt(statements.add_mission_draft, workshop.id, *values,
                        done="Mission draft added")[0]:
        for key in NEW_PROMPT.values():
            st.session_state[key] = ""


def set_editing(statement_id: int | None) -> None:
    st.session_state.statements_editing = statement_id


def final_cards(found: list[statements.Statement]) -> None:
    columns = st.columns(3)
    for column, kind in zip(columns, statements.KINDS):
        final = next((s for s in found if s.kind == kind and s.final), None)
        with column.container(border=True, height="stretch"):
            st.caption(f"{statements.LABELS[kind].upper()} STATEMENT")
            if final:
                st.markdown(plain(final.text))
            else:
                st.markdown(":gray[No final statement yet: mark a draft as final.]")


def write_form(kind: str) -> None:
    st.markdown(f"**Write a draft of the {statements.FIELDS[kind][4:]}**")
    if kind == "mission":
        for prompt, key in NEW_PROMPT.items():
            st.text_input(statements.PROMPT_LABELS[prompt], key=key,
                          placeholder=PLACEHOLDERS[prompt], max_chars=statements.PROMPT_MAX,
                          live=True, persist_state="session")
        preview = statements.compose_mission(*(st.session_state.get(k, "")
                                               for k in NEW_PROMPT.values()))
        st.markdown(f"> {plain(preview) if preview else ':gray[The mission appears here.]'}")
        st.button("Add mission draft", type="primary", icon=":material/add:",
                  key="statements_add_mission", on_click=add_mission_draft)
        return
    st.text_area(f"{statements.LABELS[kind]} statement", key=NEW_TEXT[kind], height=120,
                 max_chars=statements.TEXT_MAX, persist_state="session",
                 label_visibility="collapsed", placeholder="Write it in a sentence or two")
    st.button("Add draft", type="primary", icon=":material/add:", key=f"statements_add_{kind}",
              on_click=add_text_draft, args=(kind,))


def editor(item: statements.Statement) -> None:
    feedback.bound(st.text_area, "Statement", f"statements_text_{item.id}", item.text,
                   statements.update_text, workshop.id, item.id,
                   max_chars=statements.TEXT_MAX, height=120)
    if item.kind == "mission":
        for prompt in statements.PROMPTS:
            feedback.bound(st.text_input, statements.PROMPT_LABELS[prompt],
                           f"statements_{prompt}_{item.id}", getattr(item, prompt),
                           statements.update_prompt, workshop.id, item.id, prompt,
                           max_chars=statements.PROMPT_MAX)
        st.button("Rebuild from the prompts", icon=":material/refresh:",
                  key=f"statements_rebuild_{item.id}", on_click=feedback.run,
                  args=(statements.rebuild_mission, workshop.id, item.id))
    st.button("Done", key=f"statements_done_{item.id}", on_click=set_editing, args=(None,))


def draft_card(item: statements.Statement) -> None:
    with st.container(border=True):
        badge = ":green-badge[:material/verified: Final] " if item.final else \
            ":gray-badge[Draft] "
        st.markdown(f"{badge}{plain(item.text)}")
        if not editing:
            return
        if st.session_state.get("statements_editing") == item.id:
            editor(item)
            return
        final, edit, delete = st.columns(3)
        final.button("Draft again" if item.final else "Mark final",
                     key=f"statements_final_{item.id}", width="stretch",
                     icon=":material/undo:" if item.final else ":material/verified:",
                     on_click=feedback.run, args=(statements.mark_final, workshop.id, item.id),
                     kwargs={"final": not item.final,
                             "done": "Back to draft" if item.final else "Marked final"})
        edit.button("Edit", key=f"statements_edit_{item.id}", icon=":material/edit:",
                    width="stretch", on_click=set_editing, args=(item.id,))
        confirm.delete_button("Delete", confirm.Deletion(
            workshop.id, "statements", item.id, statements.delete, "Statement deleted"),
            key=f"statements_delete_{item.id}", place=delete, width="stretch")


def kind_tab(kind: str, found: list[statements.Statement]) -> None:
    if editing:
        left, right = st.columns([2, 3], gap="large")
        with left:
            st.markdown(EXPLAIN[kind])
            st.caption(f"Example: {EXAMPLES[kind]}")
            write_form(kind)
    else:
        right = st.container()
    with right:  # the room's view leaves out the final one: it is in its card above
        of_kind = [s for s in found if s.kind == kind and (editing or not s.final)]
        st.markdown(f"**Drafts ({len(of_kind)})**" if editing else
                    f"**Other drafts ({len(of_kind)})**")
        if not of_kind:
            st.caption("No drafts yet. Write the first one on the left." if editing else
                       "No drafts yet.")
        for item in sorted(of_kind, key=lambda s: not s.final):
            draft_card(item)


found = statements.list_statements(conn, workshop.id)
final_cards(found)
for kind, tab in zip(statements.KINDS, st.tabs(
        [":material/visibility: Vision", ":material/campaign: Mission",
         ":material/trending_up: Success strategy"])):
    with tab:
        kind_tab(kind, found)

chrome.end_step(KEY)
