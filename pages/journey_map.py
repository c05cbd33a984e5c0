"""Journey map: one per persona, the 5 A's as stages, lanes above and below the line."""
import streamlit as st

from cxcore import journeys
from cxcore import path as guided_path
from cxui import chrome, confirm, downloads, edit_mode, entry, feedback, journey_view, room_views, session
from cxui.text import plain

KEY = "journey_map"
LANE_HINTS = {"actions": "e.g. Compares rates on a comparison site",
              "needs": "e.g. To know what the monthly payment will be",
              "thoughts": "e.g. Worried the paperwork will take weeks",
              "touchpoints": "e.g. Rate comparison page on our website",
              "systems": "e.g. Mortgage calculator, CRM",
              "processes": "e.g. Document check by the back office",
              "pain_points": "e.g. Has to send the same payslip twice",
              "opportunities": "e.g. Show the monthly payment on the first page"}
conn, workshop = chrome.begin_step(KEY)
presenting = session.presenting()
editing = edit_mode.editing(KEY)
journey_view.style(presenting)
TARGETS = {"five_whys": "pages/five_whys.py", "brainstorm": "pages/brainstorm.py"}
target = st.session_state.pop("journey_goto", None)
if target in TARGETS and target in {s.key for s in guided_path.STEPS}:
    st.switch_page(TARGETS[target])

if editing and not presenting:  # on the projector the grid gets the room
    st.expander("How this step works", icon=":material/help:").markdown(
        "Walk through the relationship from one persona's point of view, stage by stage. The "
        "stages start as the **5 A's**: Attract, Accept, Adopt, Amplify and Advance; rename, "
        "add, remove or reorder them to fit your business.\n\n"
        "**Above the line of visibility** is what the customer lives: what they do, what they "
        "need, what goes through their head, and how they feel (from -2 to +2). **Below it** "
        "is what the organisation runs to serve them: touchpoints, systems and processes, "
        "and where it hurts or could be better. Send a pain point to the **5 Whys** to find "
        "its root cause, or an opportunity to a **brainstorm**.")


def create_journey() -> None:
    persona = st.session_state.get("journey_new_persona")
    ok, new_id = feedback.attempt(journeys.create_journey, workshop.id, persona,
                                  st.session_state.get("journey_new_title", ""),
                                  done="Journey created with the 5 A's")
    if ok:
        st.session_state.journey_pick = new_id
        st.session_state.journey_new_title = ""


def new_journey_form(free: dict[int, str]) -> None:
    options = [*free, None]
    if st.session_state.get("journey_new_persona") not in options:
        st.session_state.journey_new_persona = options[0]
    st.selectbox("Persona", options, key="journey_new_persona",
                 format_func=lambda p: free.get(p, journeys.NO_PERSONA))
    st.text_input("Title (optional)", key="journey_new_title", max_chars=journeys.TITLE_MAX,
                  placeholder="e.g. Taking out a first mortgage")
    st.button("Create journey", type="primary", icon=":material/add:", key="journey_create",
              on_click=create_journey)
    if not free:
        st.caption("Every persona already has a journey; this one starts without a persona.")


all_journeys = journeys.list_journeys(conn, workshop.id)
free_personas = journeys.personas_without_journey(conn, workshop.id)
if not all_journeys:
    with st.container(border=True):
        st.subheader("Start a journey map", anchor=False)
        st.caption("One journey per persona. It starts with the 5 A's; change them as you go.")
        new_journey_form(free_personas)
    chrome.end_step(KEY)
    st.stop()

by_id = {j.id: j for j in all_journeys}
if st.session_state.get("journey_pick") not in by_id:
    st.session_state.journey_pick = all_journeys[0].id
# On the projector the journey, the view and the capture box share one row above the grid.
pick, views, *rest = st.columns([2.6, 1.1, 1.6, 1.6, 3.4, 1.7] if presenting else
                                [2.6, 2.4, 1.3, 1.1] if editing else [3, 2.4],
                                vertical_alignment="bottom")
labels = "collapsed" if presenting else "visible"
pick.selectbox("Journey", list(by_id), key="journey_pick", format_func=lambda j: by_id[j].label,
               label_visibility=labels)
journey = by_id[st.session_state.journey_pick]
phone = "Mobi" in st.context.headers.get("User-Agent", "")  # phones start on one stage
view_names = ({"grid": ":material/view_column:", "stage": ":material/view_agenda:"} if presenting
              else {"grid": ":material/view_column: Whole journey",
                    "stage": ":material/view_agenda: One stage"})
view = views.segmented_control(
    "View", ["grid", "stage"], key="journey_view", required=True,
    default="stage" if phone else "grid", label_visibility="collapsed",
    format_func=view_names.get, help="The whole journey, or one stage at a time")


def journey_settings() -> None:
    names = journeys.persona_names(conn, workshop.id)
    feedback.bound(st.text_input, "Title", f"journey_title_{journey.id}", journey.title,
                   journeys.rename_journey, workshop.id, journey.id, max_chars=journeys.TITLE_MAX)
    feedback.bound(st.selectbox, "Persona", f"journey_persona_{journey.id}", journey.persona_id,
                   journeys.set_persona, workshop.id, journey.id, options=[*names, None],
                   format_func=lambda p: names.get(p, journeys.NO_PERSONA))
    downloads.journey_poster_button(workshop.id, journey, key="journey_poster")
    confirm.delete_button("Delete journey", confirm.Deletion(
        workshop.id, "journeys", journey.id, journeys.delete_journey, "Journey deleted"),
        key="journey_delete")


if editing and not presenting:
    with rest[0].popover("New journey", icon=":material/add:", width="stretch"):
        new_journey_form(free_personas)
    with rest[1].popover("Journey", icon=":material/settings:", width="stretch"):
        journey_settings()

stages = {s.id: s for s in journey.stages}
stage_ids = list(stages)
if st.session_state.get("journey_stage") not in stages:
    st.session_state.journey_stage = stage_ids[0]


def add_entry(text: str) -> bool:
    return feedback.attempt(journeys.add_entry, workshop.id, st.session_state.journey_stage,
                            st.session_state.journey_lane, text, done="Added")[0]


def step_stage(step: int) -> None:
    index = stage_ids.index(st.session_state.journey_stage) + step
    st.session_state.journey_stage = stage_ids[index % len(stage_ids)]


def capture_box(where, lane, text, room) -> None:
    where.selectbox("Stage", stage_ids, key="journey_stage", label_visibility=labels,
                    format_func=lambda s: f"{stage_ids.index(s) + 1}. {stages[s].name}")
    lane.selectbox("Lane", journeys.LANES, key="journey_lane", label_visibility=labels,
                   format_func=journeys.LANE_LABELS.get)
    with text:
        entry.new_entry("New entry: type and press Enter", "journey_new", add_entry,
                        max_chars=journeys.ENTRY_MAX, label_visibility=labels,
                        placeholder="New entry: type and press Enter" if presenting
                        else LANE_HINTS[st.session_state.journey_lane])
    with room:
        room_views.open_to_room(conn, workshop.id, "journey", key="journey_room",
                                stage_id=st.session_state.journey_stage,
                                lane=st.session_state.journey_lane)


if presenting:
    capture_box(*rest[:4])
else:
    with st.container(border=True):
        where, lane, text = st.columns([2, 2, 5], vertical_alignment="bottom")
        capture_box(where, lane, text, st.container())
if view == "stage":
    current = st.session_state.journey_stage
    with st.container(horizontal=True, vertical_alignment="center"):  # a row, even on a phone
        st.button("Previous", icon=":material/chevron_left:", key="journey_prev",
                  on_click=step_stage, args=(-1,))
        st.caption(f"Stage {stage_ids.index(current) + 1} of {len(stage_ids)}")
        st.button("Next", icon=":material/chevron_right:", key="journey_next",
                  on_click=step_stage, args=(1,))
    journey_view.one_stage(stages[current], stage_ids.index(current) + 1)
else:
    journey_view.grid(journey, compact=presenting)

with st.container(border=True):
    st.markdown("**:material/show_chart: Emotion curve**")
    st.plotly_chart(journey_view.emotion_chart(journey, presenting), width="stretch",
                    config={"displayModeBar": False})


# The step each hand-off opens, and the key that step's page reads to show the new item.
OPEN_KEYS = {"five_whys": "five_whys_analysis", "brainstorm": "brainstorm_current_id"}


def send(action, goto: str) -> None:
    ok, new_id = feedback.attempt(action, workshop.id, st.session_state.journey_entry,
                                  done="Opening it now")
    if ok:
        st.session_state.journey_goto = goto
        st.session_state[OPEN_KEYS[goto]] = new_id


def entry_tools() -> None:
    st.markdown("**:material/edit_note: Edit an entry**")
    entries = {e.id: e for e in journey.entries}
    if st.session_state.get("journey_entry") not in entries:
        st.session_state.journey_entry = None
    st.selectbox("Entry", list(entries), key="journey_entry", index=None,
                 placeholder="Pick an entry to edit, delete or send on",
                 format_func=lambda e: f"{stages[entries[e].stage_id].name} · "
                 f"{journeys.LANE_LABELS[entries[e].lane]} · {entries[e].text}")
    chosen = entries.get(st.session_state.journey_entry)
    if chosen:
        feedback.bound(st.text_input, "Text", f"journey_entry_text_{chosen.id}", chosen.text,
                       journeys.update_entry, workshop.id, chosen.id,
                       max_chars=journeys.ENTRY_MAX)
        delete, onward = st.columns(2)
        confirm.delete_button("Delete entry", confirm.Deletion(
            workshop.id, "journey_entries", chosen.id, journeys.delete_entry, "Entry deleted"),
            key="journey_entry_delete", place=delete, width="stretch")
        if chosen.lane == "pain_points":  # once sent, the same button opens that analysis
            onward.button("Open its 5 Whys" if chosen.in_whys else "Send to 5 Whys",
                          icon=":material/account_tree:", type="primary",
                          key="journey_to_whys", width="stretch", on_click=send,
                          args=(journeys.send_to_whys, "five_whys"))
        elif chosen.lane == "opportunities":
            onward.button("Open its brainstorm" if chosen.in_brainstorm else
                          "Send to brainstorm", icon=":material/lightbulb:", type="primary",
                          key="journey_to_brainstorm", width="stretch", on_click=send,
                          args=(journeys.send_to_brainstorm, "brainstorm"))
        st.markdown(journey_view.entry_markdown(chosen))


def add_stage(name: str) -> bool:
    return feedback.attempt(journeys.add_stage, workshop.id, journey.id, name,
                            done="Stage added")[0]


def stage_tools() -> None:
    stage = stages[st.session_state.journey_stage]
    st.markdown(f"**:material/view_column: Stage: {plain(stage.name)}** "
                "(pick another with *Stage* above)")
    feedback.bound(st.text_input, "Name", f"journey_stage_name_{stage.id}", stage.name,
                   journeys.rename_stage, workshop.id, stage.id,
                   max_chars=journeys.STAGE_NAME_MAX)
    feedback.bound(st.text_input, "Guiding question", f"journey_stage_q_{stage.id}",
                   stage.question, journeys.set_question, workshop.id, stage.id,
                   max_chars=journeys.QUESTION_MAX)
    feedback.bound(st.segmented_control, "How does the customer feel here?",
                   f"journey_emotion_{stage.id}", stage.emotion, journeys.set_emotion,
                   workshop.id, stage.id, options=list(journeys.EMOTIONS),
                   format_func=journey_view.emotion_text)
    position = stage_ids.index(stage.id)
    with st.container(horizontal=True) as row:
        st.button("Move left", icon=":material/arrow_back:", key="journey_left",
                  disabled=position == 0, on_click=feedback.run,
                  args=(journeys.move_stage, workshop.id, stage.id, -1), kwargs={"done": "Moved"})
        st.button("Move right", icon=":material/arrow_forward:", key="journey_right",
                  disabled=position == len(stage_ids) - 1, on_click=feedback.run,
                  args=(journeys.move_stage, workshop.id, stage.id, 1), kwargs={"done": "Moved"})
    confirm.delete_button("Remove", confirm.Deletion(
        workshop.id, "journey_stages", stage.id, journeys.remove_stage, "Stage removed"),
        key="journey_remove", place=row, keep_button=True)
    entry.new_entry("Add a stage: type its name and press Enter", "journey_new_stage",
                    add_stage, max_chars=journeys.STAGE_NAME_MAX)


if editing:
    if presenting:  # the journey's own settings sit with the editing tools on the projector
        with st.popover("Journey settings and new journey", icon=":material/settings:"):
            journey_settings()
            st.divider()
            new_journey_form(free_personas)
    left, right = st.columns(2, gap="large")
    with left, st.container(border=True):
        entry_tools()
    with right, st.container(border=True):
        stage_tools()

chrome.end_step(KEY)
