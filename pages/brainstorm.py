"""Brainstorm: gather ideas without judging (diverge), then merge, vote, score and rank (converge)."""
import streamlit as st

from cxcore import brainstorm, cards, challenge, ideas, ranking
from cxui import brainstorm_views as views
from cxui import chrome, confirm, edit_mode, entry, feedback, room_views, session
from cxui.text import plain

KEY = "brainstorm"
conn, workshop = chrome.begin_step(KEY)
CURRENT = "brainstorm_current_id"
TECH = brainstorm.TECHNIQUES
editing = edit_mode.editing(KEY)
compact = session.presenting() and not editing  # the room's view: the board first

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "Start from a proven root cause, the focusing challenge or a journey opportunity. "
        "**Diverge** first: collect ideas quickly and judge none of them; the timer in the "
        "header keeps the pace. Then **converge**: merge ideas that say the same thing, group "
        "them into themes, give everyone a few dots to vote with, and score each idea on "
        "customer value, business value and feasibility. The best ideas become experience "
        "design cards.")


def create() -> None:
    state = st.session_state
    source = state.get("brainstorm_new_source")
    refs = {f"source_{source.kind}_id": source.id} if source else {}
    ok, new_id = feedback.attempt(brainstorm.create_brainstorm, workshop.id,
                                  state.get("brainstorm_new_prompt", ""),
                                  state.get("brainstorm_new_technique") or "classic", **refs,
                                  done="Brainstorm created")
    if ok:
        state[CURRENT] = new_id
        state["brainstorm_new_prompt"] = ""
        state["brainstorm_new_source"] = None


def fill_prompt() -> None:
    source = st.session_state.get("brainstorm_new_source")
    st.session_state["brainstorm_new_prompt"] = source.text if source else ""


def new_brainstorm_form() -> None:
    sources = brainstorm.prompt_sources(conn, workshop.id)
    st.selectbox("Start from", [None, *sources], key="brainstorm_new_source",
                 format_func=lambda s: "Free text" if s is None else views.short(s.label, 110),
                 on_change=fill_prompt)
    st.text_area("Prompt", key="brainstorm_new_prompt", max_chars=brainstorm.PROMPT_MAX,
                 placeholder="e.g. How might we stop customers re-sending documents?", height=80)
    technique = st.segmented_control("Technique", list(TECH), key="brainstorm_new_technique",
                                     format_func=lambda t: TECH[t].label, required=True,
                                     default="classic")
    st.caption(TECH[technique or "classic"].help)
    st.button("Create brainstorm", type="primary", icon=":material/add:", on_click=create,
              key="brainstorm_create")


items = brainstorm.list_brainstorms(conn, workshop.id)
if not items:
    with st.container(border=True):
        st.subheader("Start a brainstorm", anchor=False)
        new_brainstorm_form()
    chrome.end_step(KEY)
    st.stop()

by_id = {b.id: b for b in items}
number = {b.id: n for n, b in enumerate(items, start=1)}
if st.session_state.get(CURRENT) not in by_id:
    st.session_state[CURRENT] = items[-1].id
st.session_state["brainstorm_pick"] = st.session_state[CURRENT]
# The room's view: brainstorm, room and phase in one row, the prompt under it, then the board.
pick, new, *tools = st.columns([3, 1.3, 1.4] if compact else [3, 1],
                               vertical_alignment="center" if compact else "bottom")
pick.selectbox("Brainstorm", list(by_id), key="brainstorm_pick",
               format_func=lambda i: f"{number[i]}. {by_id[i].headline}",
               on_change=lambda: st.session_state.__setitem__(
                   CURRENT, st.session_state.brainstorm_pick),
               label_visibility="collapsed" if compact else "visible")
if editing:
    with new.popover("New brainstorm", icon=":material/add:", width="stretch"):
        new_brainstorm_form()

current = brainstorm.board(conn, workshop.id, st.session_state[CURRENT])
item = current.brainstorm


def source_caption() -> None:
    """Where the prompt came from; the chosen challenge is in the header already."""
    chosen = challenge.chosen_challenge(conn, workshop.id)
    if chosen and item.source_challenge_id == chosen.id:
        st.caption(":material/link: From the focusing challenge (shown above)")
    elif link := brainstorm.source_link(conn, item):
        st.caption(f":material/link: {plain(link)}")


def phase_switch(labels: str = "visible") -> None:
    feedback.bound(st.segmented_control, "Phase", f"brainstorm_phase_{item.id}", item.phase,
                   brainstorm.set_phase, workshop.id, item.id, options=brainstorm.PHASES,
                   format_func=str.capitalize, required=True, done="Phase changed",
                   label_visibility=labels)


def open_room() -> None:
    room_views.open_to_room(conn, workshop.id, "ideas", key="brainstorm_room",
                            brainstorm_id=item.id)


badge = f":violet-badge[:material/lightbulb: {TECH[item.technique].label}]"
if compact:
    with new:
        open_room()
    with tools[0]:
        phase_switch("collapsed")
    st.markdown(f"### {badge} {plain(item.prompt)}")
    source_caption()
else:
    with st.container(border=True):
        top, phase = st.columns([3, 1], vertical_alignment="center")
        with top:
            st.markdown(f"{badge} {plain(TECH[item.technique].help)}")
            st.markdown(f"### {plain(item.prompt)}")
            source_caption()
            open_room()
        with phase:
            phase_switch()


def add_idea(text: str) -> bool:
    state = st.session_state
    return feedback.attempt(ideas.add_idea, workshop.id, item.id, text,
                            author=state.get("brainstorm_author", ""),
                            provocation_id=state.get(f"brainstorm_under_{item.id}"),
                            done="Idea added")[0]


def add_provocation(text: str) -> bool:
    return feedback.attempt(brainstorm.add_provocation, workshop.id, item.id, text,
                            done="Provocation added")[0]


def capture_row() -> None:
    """The room's view: one row to capture ideas, then the ideas across the screen."""
    under, box, count = st.columns([2, 4, 1] if current.provocations else [0.001, 6, 1],
                                   vertical_alignment="center")
    if current.provocations:
        texts = {p.id: p.text for p in current.provocations}
        under.selectbox("Under", list(texts), key=f"brainstorm_under_{item.id}",
                        format_func=lambda i: views.short(texts[i], 60),
                        label_visibility="collapsed")
    box.text_input(TECH[item.technique].idea_label, key="brainstorm_idea_text",
                   on_change=add_idea, max_chars=brainstorm.IDEA_MAX,
                   label_visibility="collapsed",
                   placeholder=f"{TECH[item.technique].idea_label}: type and press Enter")
    count.markdown(f"**{len(current.ideas)}** ideas")
    views.idea_list(current, columns=3)


def diverge() -> None:
    if compact:
        capture_row()
        return
    capture, listing = st.columns([2, 3], gap="large")
    with capture, st.container(border=True):
        st.subheader("Capture", anchor=False)
        if item.technique == "what_if":
            if len(current.provocations) < brainstorm.MAX_PROVOCATIONS:
                entry.new_entry("A 'what if ...?' provocation", "brainstorm_provocation",
                                add_provocation, max_chars=brainstorm.IDEA_MAX,
                                placeholder="What if documents could never be lost?")
            if current.provocations:
                texts = {p.id: p.text for p in current.provocations}
                st.selectbox("Under", list(texts), key=f"brainstorm_under_{item.id}",
                             format_func=lambda i: views.short(texts[i], 70))
        entry.new_entry(TECH[item.technique].idea_label, "brainstorm_idea_text", add_idea,
                        max_chars=brainstorm.IDEA_MAX,
                        placeholder="Type and press Enter, ready for the next one")
        st.text_input("Your name (optional)", key="brainstorm_author", live=True,
                      persist_state="session", max_chars=brainstorm.NAME_MAX,
                      help="Leave it empty to add ideas anonymously.")
        st.metric("Ideas so far", len(current.ideas))
        st.caption("Scores and votes stay hidden until you switch to Converge.")
    with listing:
        if editing and (item.technique == "wrong_way" or current.ideas):
            edit_one(flip_only=item.technique == "wrong_way")
        views.idea_list(current)


def edit_one(flip_only: bool = False) -> None:
    label = "Flip a bad idea" if flip_only else "Edit one idea"
    with st.expander(label, icon=":material/edit:", expanded=flip_only and bool(current.ideas)):
        idea = views.pick_idea(current, f"brainstorm_edit_{item.id}", current.live_ideas)
        if idea is None:
            st.caption("Add an idea first.")
            return
        fields = ["flipped"] if flip_only else ["text", "flipped", "author"]
        for name in fields:
            if name == "flipped" and item.technique != "wrong_way":
                continue
            feedback.bound(st.text_input, brainstorm.IDEA_FIELDS[name],
                           f"brainstorm_{name}_{idea.id}", getattr(idea, name), ideas.update_idea,
                           workshop.id, idea.id, name, max_chars=brainstorm._MAX[name])
        if not flip_only:
            confirm.delete_button("Delete this idea", confirm.Deletion(
                workshop.id, "ideas", idea.id, ideas.delete_idea, "Idea deleted"),
                key="brainstorm_delete_idea")


def group_panel(idea) -> None:
    themes = sorted({i.theme for i in current.ideas if i.theme}, key=str.casefold)
    feedback.bound(st.selectbox, "Theme", f"brainstorm_theme_{idea.id}", idea.theme or None,
                   ideas.update_idea, workshop.id, idea.id, "theme", options=themes,
                   accept_new_options=True, placeholder="Pick a theme or type a new one")
    others = [i for i in current.live_ideas if i.id != idea.id]
    keep = views.pick_idea(current, f"brainstorm_keep_{idea.id}", others,
                           label="It duplicates (merge into)")
    if keep:
        st.button("Merge into that idea", icon=":material/merge:", key="brainstorm_merge",
                  on_click=feedback.run, args=(ideas.merge, workshop.id, idea.id, keep.id),
                  kwargs={"done": "Ideas merged"})


def card_panel(idea) -> None:
    if idea.promoted:
        st.markdown(":green-badge[:material/style: Card created]")
        st.page_link("pages/design_cards.py", label="Open the design cards",
                     icon=":material/arrow_forward:")
    elif st.button("Promote to a design card", type="primary", icon=":material/style:",
                   key="brainstorm_promote"):
        if feedback.attempt(cards.create_from_idea, workshop.id, idea.id, done="Card created")[0]:
            st.switch_page("pages/design_cards.py")
        feedback.show_flash()


def converge() -> None:
    merged = len(current.ideas) - len(current.live_ideas)
    stats = st.columns(4)
    stats[0].metric("Ideas in the ranking", len(current.live_ideas))
    stats[1].metric("Merged duplicates", merged)
    stats[2].metric("Voters", len(ranking.voter_totals(current.votes)))
    stats[3].metric("Dots placed", sum(d for _, d in current.votes))
    board, work = st.columns([3, 2], gap="large") if editing else (st.container(), None)
    with board:
        st.subheader("Ranking", anchor=False)
        views.ranking_table(current)
        views.ranking_chart(current)
        with st.expander("Themes", icon=":material/category:", expanded=True):
            views.theme_summary(current)
    if not editing:
        return
    with work, st.container(border=True):
        st.subheader("One idea at a time", anchor=False)
        idea = views.pick_idea(current, f"brainstorm_focus_{item.id}", current.live_ideas)
        if idea is None:
            st.caption("No ideas yet: switch back to Diverge to collect some.")
            return
        st.markdown(views.idea_line(idea, item.technique).removeprefix("- "))
        st.markdown(views.idea_badges(idea, current))
        score, vote, group, card = st.tabs(["Score", "Vote", "Group", "Card"])
        with score:
            for name, stored in zip(ranking.CRITERIA, idea.scores):
                feedback.bound(st.segmented_control, ranking.CRITERION_LABELS[name],
                               f"brainstorm_score_{idea.id}_{name}", stored, ideas.set_score,
                               workshop.id, idea.id, name, options=[1, 2, 3, 4, 5])
        with vote:
            views.vote_panel(workshop.id, current, idea)
        with group:
            group_panel(idea)
        with card:
            card_panel(idea)
    views.voting_settings(workshop.id, item)


if item.phase == "diverge":
    diverge()
else:
    converge()
    if editing:
        edit_one()
chrome.end_step(KEY)
