"""Live room: the join code, QR code and link for the room, the activity it works on, its
state (collecting, revealed, voting, closed) and what the room has added."""
import os

import streamlit as st

from cxcore import access, participation, room
from cxui import chrome, confirm, feedback, room_views, session
from cxui.text import address_link, exact, plain

conn, workshop = chrome.begin_room_page()
presenting = session.presenting()
current = room.open_room_for(conn, workshop.id)

if current is None:
    st.markdown("Let the room take part from their phones: open the room, and everyone joins "
                "with a short code or the QR code. What they add stays hidden until you reveal "
                "it, and lands in the workshop like everything else.")
    st.button("Open to the room", type="primary", icon=":material/groups:", key="room_open",
              on_click=feedback.run, args=(room.open_room, workshop.id),
              kwargs={"done": "The room is open"})
    st.stop()

link = access.join_url(current.code, public_url=os.environ.get("CX_PUBLIC_URL"),
                       browser_url=st.context.url, network_address=access.network_address())
code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
with code_col:
    st.caption("JOIN AT")
    st.markdown(f"### {address_link(link)}")
    st.caption("ROOM CODE")
    st.markdown(f"# :primary[{current.code}]")
    if access.is_loopback_name(link.split("//")[1].split(":")[0].split("/")[0]):
        st.caption("Phones cannot reach localhost: serve on the network "
                   "(`streamlit run app.py --server.address 0.0.0.0`) or set CX_PUBLIC_URL.")
with qr_col:
    st.image(access.qr_png(link), width=320, caption="Scan to join")

view = participation.facilitator_view(conn, workshop.id,
                                      moderation=not presenting and bool(
                                          st.session_state.get("room_moderate")))
activity = view.activity
if activity is not None:
    st.subheader(f"{room.KINDS[activity.kind]}: {plain(view.prompt)}", anchor=False)
    st.markdown(f":blue-badge[{room.STATE_LABELS[activity.state]}] "
                + (":orange-badge[Hidden until reveal]" if activity.hidden else "")
                + (" :gray-badge[Anonymous]" if activity.anonymous else ""))
room_views.board(view)

if activity is not None:
    moves = {"revealed": ("Reveal", ":material/visibility:"),
             "voting": ("Start the dot vote", ":material/how_to_vote:"),
             "closed": ("Close", ":material/lock:")}
    buttons = st.columns(max(len(activity.next_states), 1) + 1)
    for place, state in zip(buttons, activity.next_states):
        label, icon = moves[state]
        place.button(label, icon=icon, key=f"room_state_{state}", type="primary",
                     width="stretch", on_click=feedback.run,
                     args=(room.set_state, workshop.id, activity.id, state),
                     kwargs={"done": label})
    with st.expander("Activity settings", icon=":material/tune:"):
        feedback.bound(st.toggle, "Hidden until reveal", "room_opt_hidden", activity.hidden,
                       room.set_option, workshop.id, activity.id, "hidden",
                       help="Participants see only their own items; this screen only counts.")
        feedback.bound(st.toggle, "Anonymous", "room_opt_anonymous", activity.anonymous,
                       room.set_option, workshop.id, activity.id, "anonymous",
                       help="No name is asked for or saved with what people add.")
        if activity.kind == "ideas":
            feedback.bound(st.number_input, "Dots per person", "room_opt_budget",
                           activity.dot_budget, room.set_option, workshop.id, activity.id,
                           "dot_budget", min_value=1, max_value=20, step=1)
            feedback.bound(st.number_input, "Most dots on one idea", "room_opt_cap",
                           activity.dot_cap, room.set_option, workshop.id, activity.id,
                           "dot_cap", min_value=1, max_value=20, step=1)
    if not presenting and activity.state == "collecting":
        st.toggle("Moderate: show me the hidden items (not for the projector)",
                  key="room_moderate")
        for item in view.moderation:
            line, hide, delete = st.columns([6, 1, 1], vertical_alignment="center")
            line.markdown(("~~" if item.status == "hidden" else "") + plain(item.text)
                          + ("~~ (hidden)" if item.status == "hidden" else ""))
            hide.button("Show" if item.status == "hidden" else "Hide",
                        key=f"room_mod_hide_{item.id}", on_click=feedback.run,
                        args=(participation.moderate, workshop.id, item.id,
                              "show" if item.status == "hidden" else "hide"))
            delete.button("Delete", key=f"room_mod_del_{item.id}", on_click=feedback.run,
                          args=(participation.moderate, workshop.id, item.id, "delete"))

with st.container(border=True):
    st.markdown("**Put an activity in front of the room**")
    choices = room.targets(conn, workshop.id)
    chosen = st.selectbox("Activity", range(len(choices)), key="room_target",
                          format_func=lambda i: choices[i].label)
    hidden = st.toggle("Hidden until reveal", value=True, key="room_new_hidden")
    anonymous = st.toggle("Anonymous", value=False, key="room_new_anonymous")
    if chosen is not None:
        target = choices[chosen]
        st.button("Start this activity", icon=":material/play_arrow:", key="room_start",
                  on_click=feedback.run,
                  args=(room.start_activity, workshop.id, current.id, target.kind),
                  kwargs={**target.ids, "hidden": hidden, "anonymous": anonymous,
                          "done": "The room follows within seconds"})

if not presenting:
    st.caption(f"From another device the console asks for the facilitator passphrase: "
               f"**{exact(access.passphrase(conn))}**")
confirm.confirm_button("End the room", key="room_end", state_key="room_end_asking",
                       item_id=current.id,
                       question="End the room? The code stops working at once; what the room "
                                "added and nobody revealed yet is kept in the workshop.",
                       action=room.end_room, args=(workshop.id, current.id), done="Room ended",
                       icon=":material/door_front:", yes_label="Yes, end it")
room_views.watch(current.id, workshop.id, room.version(conn, current.id), every=1.5)
