"""5 Whys: from a problem to its proven root causes, as a tree of answers with evidence."""
import streamlit as st

from cxcore import brainstorm, whys
from cxcore import path as guided_path
from cxui import chrome, confirm, edit_mode, entry, feedback, graph
from cxui.text import plain

KEY = "five_whys"
conn, workshop = chrome.begin_step(KEY)
CAN_BRAINSTORM = "brainstorm" in [s.key for s in guided_path.STEPS]
NEW_PROBLEM, NEW_SOURCE = "five_whys_new_problem", "five_whys_new_source"
ANSWER = {"text": "five_whys_answer_text", "evidence_source": "five_whys_answer_source",
          "evidence_figure": "five_whys_answer_figure"}
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "Start from one specific problem, often a pain point from the journey map. Ask "
        "**why does this happen?** and write every answer the room offers: a why can have "
        "several answers, so the chain grows into a tree. Then ask why of each answer, and keep "
        "going until the answers stop being useful: usually about five levels, never a fixed "
        "number.\n\n"
        "Every answer carries its **evidence**: where the data comes from and what it shows. "
        "Mark an answer **proven** only when the data backs it, **disproven** when the data "
        "says otherwise. Disproven branches stay on the board, greyed, so nobody re-argues them.\n\n"
        "**The root cause rule is strict.** An answer counts only when it is proven *and* every "
        "answer above it is proven too. A root cause is an answer that counts with nothing "
        "proven beneath it. A proven answer under an unverified one waits until the answer "
        "above it is proven; anything under a disproven answer never counts. A root cause can "
        "then become the prompt of a brainstorm.")


def start_analysis() -> None:
    source = st.session_state.get(NEW_SOURCE)
    problem = st.session_state.get(NEW_PROBLEM, "") or (sources.get(source, "").split(": ", 1)[-1])
    ok, new_id = feedback.attempt(whys.create_analysis, workshop.id, problem, source,
                                  done="Analysis started")
    if ok:
        st.session_state[NEW_PROBLEM] = ""
        st.session_state.five_whys_analysis = new_id


def add_answer(analysis_id: int, parent_id: int | None) -> None:
    values = {field: st.session_state.get(key, "") for field, key in ANSWER.items()}
    if feedback.attempt(whys.add_answer, workshop.id, analysis_id, parent_id, **values,
                        done="Answer added")[0]:
        for key in ANSWER.values():
            st.session_state[key] = ""


def confirm_row(label: str, target: tuple[str, int], action, done: str, key: str) -> None:
    table = {"answer": "why_answers", "analysis": "why_analyses"}[target[0]]
    confirm.delete_button(label, confirm.Deletion(workshop.id, table, target[1], action, done),
                          key=key)


analyses = {a.id: a for a in whys.list_analyses(conn, workshop.id)}
sources = dict(whys.pain_points(conn, workshop.id))
pick, new = st.columns([3, 2], gap="large", vertical_alignment="bottom")


def new_analysis_form() -> None:
    with entry.entry_form(NEW_PROBLEM):  # Enter starts it; leaving the box saves nothing
        st.text_input("Problem statement", key=NEW_PROBLEM, max_chars=whys.PROBLEM_MAX,
                      placeholder="e.g. Card activation calls peak on Mondays")
        if sources:
            st.selectbox("From a journey pain point (optional)", [None, *sources],
                         key=NEW_SOURCE, format_func=lambda e: "None" if e is None else sources[e])
        st.form_submit_button("Start analysis", key="five_whys_start", icon=":material/add:",
                              type="primary", on_click=start_analysis)


if editing or not analyses:
    with new, st.expander("Start a new analysis", icon=":material/add_circle:",
                          expanded=not analyses):
        new_analysis_form()
if not analyses:
    pick.info("No analysis yet. Write a problem statement to start the first one.",
              icon=":material/info:")
    chrome.end_step(KEY)  # across the whole page, not squeezed into the column
    st.stop()
with pick:
    if st.session_state.get("five_whys_analysis") not in analyses:
        st.session_state.five_whys_analysis = next(iter(analyses))
    if editing or len(analyses) > 1:  # one analysis: its problem below is enough
        st.selectbox(f"Analysis ({len(analyses)})", list(analyses), key="five_whys_analysis",
                     format_func=lambda a: analyses[a].problem,
                     label_visibility="visible" if editing else "collapsed")
    analysis = analyses[st.session_state.five_whys_analysis]
    answers = whys.list_answers(conn, workshop.id, analysis.id)
    rows = whys.tree(answers)
    causes = whys.root_causes(answers)
with st.container(border=True):
    problem, levels, count, found = st.columns([4, 1, 1, 1], vertical_alignment="center")
    problem.caption("THE PROBLEM")
    problem.markdown(f"### {plain(analysis.problem)}")
    if analysis.source_stage:
        problem.markdown(f":blue-badge[:material/route: From the journey map: "
                         f"{plain(analysis.source_stage)}]")
    levels.metric("Levels of why", whys.depth(answers),
                  help="Usually about five levels, never a fixed number.")
    count.metric("Answers", len(rows))
    found.metric("Proven root causes", len(causes))

drawing, text_view = st.columns([3, 2], gap="large")
with drawing:
    clicked = graph.clicked_answer(
        graph.why_graph(analysis.problem, rows, whys.layout(answers)),
        "five_whys_last_click")
    st.caption(":green[■] proven · :blue[■] unverified · :gray[■] disproven (and all beneath "
               "it) · :orange[■] gold border: root cause · click an answer to edit it")
with text_view, st.container(border=True):
    st.markdown("**:material/account_tree: The tree as text**")
    st.markdown(graph.outline(analysis.problem, rows))

by_id = {row.answer.id: row for row in rows}
pick_key = f"five_whys_pick_{analysis.id}"
if clicked is not None:
    st.session_state[pick_key] = graph.answer_id(clicked)
if st.session_state.get(pick_key) not in (None, *by_id):
    st.session_state[pick_key] = None


def answer_box() -> None:
    st.markdown("**:material/edit_note: Answer or edit**")
    chosen_id = st.selectbox(
        "Pick the problem or an answer (or click it in the graph)", [None, *by_id], key=pick_key,
        format_func=lambda a: "The problem itself" if a is None else graph.pick_label(by_id[a]))
    if chosen_id is not None:
        row = by_id[chosen_id]
        text, source, figure = st.columns([3, 2, 2])
        for column, field in ((text, "text"), (source, "evidence_source"),
                              (figure, "evidence_figure")):
            with column:
                feedback.bound(st.text_input, whys.FIELDS[field][0],
                               f"five_whys_{field}_{chosen_id}", getattr(row.answer, field),
                               whys.update_answer, workshop.id, chosen_id, field,
                               max_chars=whys.FIELDS[field][1])
        feedback.bound(st.radio, "Status", f"five_whys_status_{chosen_id}", row.answer.status,
                       whys.set_status, workshop.id, chosen_id, options=whys.STATUSES,
                       horizontal=True, format_func=str.capitalize)
        below = len(whys.beneath(answers, chosen_id))
        confirm_row(f"Delete this answer{f' and the {below} beneath it' if below else ''}",
                    ("answer", chosen_id), whys.delete_answer, "Answer deleted",
                    f"five_whys_delete_{chosen_id}")
    asked = analysis.problem if chosen_id is None else by_id[chosen_id].answer.text
    st.markdown(f"##### Why? {plain(asked)}")
    with entry.entry_form(ANSWER["text"]):  # Enter adds; leaving a box saves nothing
        text, source, figure = st.columns([3, 2, 2])
        text.text_input("Answer", key=ANSWER["text"], max_chars=whys.TEXT_MAX,
                        placeholder="Because …")
        source.text_input("Evidence source", key=ANSWER["evidence_source"],
                          max_chars=whys.SOURCE_MAX, placeholder="e.g. Mortgage CRM, Q3")
        figure.text_input("Evidence figure", key=ANSWER["evidence_figure"],
                          max_chars=whys.FIGURE_MAX, placeholder="e.g. 41% sent back for documents")
        st.form_submit_button("Add answer", key="five_whys_add", type="primary",
                              icon=":material/subdirectory_arrow_right:", on_click=add_answer,
                              args=(analysis.id, chosen_id))


if editing:
    with st.container(border=True):
        answer_box()

st.subheader(f"Root causes ({len(causes)})", anchor=False)
if not causes:
    st.caption("None yet: a root cause is a proven answer with nothing proven beneath it, "
               "and every answer above it proven too.")
started = whys.brainstorms_from(conn, workshop.id)
for cause in causes:
    with st.container(border=True):
        words, act = st.columns([4, 1], vertical_alignment="center")
        words.markdown(f":orange-badge[:material/star: root cause] {plain(cause.text)}")
        if cause.evidence:
            words.caption(plain(cause.evidence))
        with act:
            if cause.id in started:
                st.markdown(":green-badge[:material/lightbulb: Brainstorm started]")
                if CAN_BRAINSTORM:
                    st.page_link("pages/brainstorm.py", label="Open the brainstorm",
                                 icon=":material/arrow_forward:")
            elif not CAN_BRAINSTORM:
                st.caption("The brainstorm step is not available yet.")
            elif st.button("Brainstorm from this", key=f"five_whys_brainstorm_{cause.id}",
                           icon=":material/lightbulb:", width="stretch"):
                ok, _ = feedback.attempt(brainstorm.create_brainstorm, workshop.id,
                                         prompt=cause.text, technique="classic",
                                         source_why_id=cause.id, done="Brainstorm started")
                if ok:
                    st.switch_page("pages/brainstorm.py")
                st.rerun()

if editing:
    with st.expander("Edit or delete this analysis", icon=":material/settings:"):
        feedback.bound(st.text_input, "Problem statement", f"five_whys_problem_{analysis.id}",
                       analysis.problem, whys.update_problem, workshop.id, analysis.id,
                       max_chars=whys.PROBLEM_MAX)
        confirm_row("Delete this analysis and all its answers", ("analysis", analysis.id),
                    whys.delete_analysis, "Analysis deleted", "five_whys_delete_analysis")

chrome.end_step(KEY)
