"""The live room on a phone and on the projector: what each screen draws from a RoomView.

Every view here draws only what ``cxcore.participation`` put in the RoomView it was given:
hidden items and other people's votes are not in it, so they cannot reach the page.
"""
from __future__ import annotations

import time

import streamlit as st

from cxcore import cards, empathy, livetimer, participation, room
from cxcore.timer import mmss

from . import feedback, session
from .text import plain



def watch(room_id: int, workshop_id: int, seen: tuple, *, every: float = 1.0) -> None:
    """Poll the room's cheap version number; redraw the whole page only when it changed.
    The shared countdown ticks here too."""
    @st.fragment(run_every=every)
    def poll() -> None:
        conn = session.db()
        timer = livetimer.get(conn, workshop_id)
        if timer.running or timer.remaining(time.time()) < timer.duration:
            left = timer.remaining(time.time())
            st.markdown(f"#### :material/timer: {'Time is up' if left <= 0 else mmss(left)}")
        if room.version(conn, room_id) != seen:
            st.rerun()

    poll()


def open_to_room(conn, workshop_id: int, kind: str, *, key: str, **ids) -> None:
    """A step page's **Open to the room**: opens the room if needed, puts this step's activity
    in front of it and goes to the Live room console. While exactly this activity runs, a link
    back to the console shows instead, so a second click cannot restart it."""
    status = room.status(conn, workshop_id)
    if status.runs(kind, **ids):
        st.page_link("pages/live_room.py", label=f"In the room now · {status.code}",
                     icon=":material/groups:")
        return
    if st.button("Open to the room", key=key, icon=":material/groups:",
                 help="Participants add to this from their phones; hidden until you reveal."):
        ok, _ = feedback.attempt(room.open_to_room, workshop_id, kind,
                                 done="The room follows within seconds", **ids)
        if ok:
            st.switch_page("pages/live_room.py")


def shell_panel(conn, workshop_id: int) -> None:
    """The shell's "Live room" line: the room's code, how many people, what runs; a link to it."""
    status = room.status(conn, workshop_id)
    st.page_link("pages/live_room.py", label="Live room", icon=":material/groups:")
    st.caption(status.line if status.is_open else "No room open: let the room join from their "
                                                  "phones.")


def ready_line(view: participation.RoomView) -> str:
    return f"{view.ready} of {view.participants} done"


def item_lines(items: list[participation.Item], *, quadrants: bool = False) -> str:
    lines = []
    for item in items:
        where = f"**{empathy.LABELS[item.quadrant]}** · " if quadrants and item.quadrant else ""
        who = f" — {plain(item.author)}" if item.author else ""
        lines.append(f"- {where}{plain(item.text)}{who}")
    return "\n".join(lines)


def spread_text(stats: tuple | None) -> str:
    if stats is None:
        return "hidden until the facilitator reveals"
    customer, business = stats
    return (f"customer {customer.label if customer else '—'}; "
            f"business {business.label if business else '—'}")


# ---- the participant's phone

def flash_slot() -> None:
    """The last refused action's message, in a container that is drawn every time: a message
    that comes and goes then does not shift the list below it, so a redraw never shows a stale
    copy of a card or its buttons next to the new one."""
    with st.container():
        feedback.show_flash()


def participant(view: participation.RoomView, token: str) -> None:
    activity = view.activity
    st.caption(f"Room {view.room.code}" + (f" · you are {plain(view.name)}" if view.name else ""))
    if view.needs_name:
        name_form(token)
        return
    if activity is None:
        st.info("You are in. Wait for the facilitator to open an activity: this page follows "
                "by itself.", icon=":material/hourglass_top:")
        return
    st.subheader(plain(view.prompt), anchor=False)
    if activity.anonymous:
        st.caption(":material/visibility_off: Anonymous: your name is not saved with what you "
                   "add.")
    if activity.kind == "ratings":
        ratings(view, token)
    elif activity.state == "voting" or (activity.kind == "ideas" and activity.state == "closed"):
        voting(view, token)
    else:
        items(view, token)
    if activity.state != "closed":
        # Bound to the stored answer: starting the vote clears everyone's "done".
        feedback.bound(st.toggle, "I'm done", f"room_ready_{activity.id}", view.is_ready,
                       participation.set_ready, token, done=None)


def name_form(token: str) -> None:
    with st.form("room_name", clear_on_submit=False):
        st.text_input("Your name", key="room_name_text", max_chars=participation.NAME_MAX,
                      placeholder="First name is enough")
        if st.form_submit_button("Continue", type="primary", width="stretch"):
            feedback.run(participation.set_name, token, st.session_state.room_name_text,
                         done=None)
            st.rerun()


def _add(token: str, quadrant: str, provocation: int | None) -> None:
    state = st.session_state
    # No toast: on a phone it would cover the question; the item shows under "Yours".
    ok, _ = feedback.attempt(participation.add_item, token, state.get("room_new_text", ""),
                             quadrant=quadrant, provocation_id=provocation, done=None)
    if ok:
        state["room_new_text"] = ""


def items(view: participation.RoomView, token: str) -> None:
    activity = view.activity
    if activity.takes_items:
        quadrant, provocation = "", None
        if activity.kind == "empathy":
            quadrant = st.segmented_control(
                "Which part of the map?", empathy.QUADRANTS, key="room_quadrant",
                format_func=empathy.LABELS.get, default="think", required=True) or "think"
            st.caption(empathy.PROMPTS[quadrant])
        if view.provocations:
            texts = dict(view.provocations)
            provocation = st.selectbox("Under", list(texts), key="room_provocation",
                                       format_func=lambda i: texts[i])
        label = "A deliberately bad idea" if view.technique == "wrong_way" else \
            {"ideas": "Your idea", "empathy": "Your note", "journey": "Your entry"}[activity.kind]
        with st.form("room_add", clear_on_submit=False, border=False):
            st.text_area(label, key="room_new_text", height=90,
                         max_chars=participation.ITEM_MAX[activity.kind])
            st.form_submit_button("Add", type="primary", width="stretch",
                                  on_click=_add, args=(token, quadrant, provocation))
    else:
        st.info("The facilitator has closed this activity to new items.", icon=":material/lock:")
    flash_slot()
    if view.mine:
        st.markdown(f"**Yours ({len(view.mine)})**")
        st.markdown(item_lines(view.mine, quadrants=activity.kind == "empathy"))
        if activity.state == "collecting":
            edit_mine(view, token)
    if view.shows_items:
        st.markdown(f"**Everyone's ({len(view.items)})**")
        st.markdown(item_lines(view.items, quadrants=activity.kind == "empathy") or "Nothing yet.")
    else:
        st.caption(f":material/visibility_off: Hidden until the facilitator reveals: "
                   f"{view.item_count} added so far.")


def edit_mine(view: participation.RoomView, token: str) -> None:
    with st.expander("Change or delete one of yours", icon=":material/edit:"):
        texts = {i.id: i.text for i in view.mine}
        chosen = st.selectbox("Which one", list(texts), key="room_edit_pick",
                              format_func=lambda i: texts[i][:60])
        if chosen is None:
            return
        feedback.bound(st.text_input, "Text", f"room_edit_{chosen}", texts[chosen],
                       participation.edit_item, token, chosen,
                       max_chars=participation.ITEM_MAX[view.activity.kind])
        st.button("Delete it", icon=":material/delete:", key="room_delete_item",
                  on_click=feedback.run, args=(participation.delete_item, token, chosen),
                  kwargs={"done": "Deleted"})


def voting(view: participation.RoomView, token: str) -> None:
    activity = view.activity
    if activity.state == "voting":
        st.markdown(f"**{view.dots_left} of {activity.dot_budget} dots left** · at most "
                    f"{activity.dot_cap} on one idea")
    else:
        st.info("Voting is closed. Here is how the room voted.", icon=":material/how_to_vote:")
    flash_slot()
    for option in view.votes:
        with st.container(border=True):
            dots = "●" * option.my_dots
            total = "" if option.total is None else f" · {option.total} dots in all"
            st.markdown(f"{plain(option.text)}  \n:primary[{dots}]{total}")
            if activity.state == "voting":
                row = st.container(horizontal=True)  # side by side on a phone too
                row.button("Add a dot", key=f"room_vote_{option.idea_id}",
                            icon=":material/add_circle:", width="stretch",
                            on_click=feedback.run,
                            args=(participation.vote, token, option.idea_id, 1),
                            kwargs={"done": None})
                row.button("Take back", key=f"room_unvote_{option.idea_id}",
                           icon=":material/remove_circle:", width="stretch",
                           disabled=option.my_dots == 0, on_click=feedback.run,
                           args=(participation.vote, token, option.idea_id, -1),
                           kwargs={"done": None})


def ratings(view: participation.RoomView, token: str) -> None:
    activity = view.activity
    flash_slot()
    if not view.ratings:
        st.info("No card is ready to rate yet.", icon=":material/style:")
    for option in view.ratings:
        with st.container(border=True):
            st.markdown(f"**Card {option.number}.** {plain(option.sentence)}")
            if activity.state == "collecting":
                for which, stored in zip(cards.VALUES, option.mine):
                    feedback.bound(st.segmented_control, cards.VALUE_LABELS[which],
                                   f"room_rate_{option.card_id}_{which}", stored,
                                   participation.rate, token, option.card_id, which,
                                   options=[1, 2, 3, 4, 5], done="Rated")
            if option.stats is not None:
                st.caption(f"Room: {spread_text(option.stats)}")


# ---- the projector and the facilitator's screen

def board(view: participation.RoomView) -> None:
    """What the room's screen shows of the open activity: counts while hidden, else items,
    tallies and rating spreads."""
    activity = view.activity
    if activity is None:
        st.info("Nothing is open to the room yet: pick an activity below.",
                icon=":material/hourglass_top:")
        return
    stats = st.columns(3)
    stats[0].metric("People in the room", view.participants)
    stats[1].metric("Done", ready_line(view))
    stats[2].metric("Added", view.item_count)
    if activity.kind == "ratings":
        for option in view.ratings:
            mine = "/".join("—" if v is None else str(v) for v in option.facilitator)
            st.markdown(f"**Card {option.number}.** {plain(option.sentence)}  \n"
                        f"Your rating (customer/business): {mine} · "
                        f"Room: {plain(spread_text(option.stats))}")
        return
    if view.votes:
        ranked = sorted(view.votes, key=lambda o: -(o.total or 0))
        if ranked and ranked[0].total is None:
            st.caption(":material/visibility_off: Votes stay hidden until you close the vote.")
        else:
            st.markdown("\n".join(f"- **{o.total}** · {plain(o.text)}" for o in ranked))
        return
    if view.shows_items:
        st.markdown(item_lines(view.items, quadrants=activity.kind == "empathy")
                    or "Nothing yet.")
    else:
        st.markdown(f"### :material/visibility_off: {view.item_count} added, hidden until you "
                    "reveal")
