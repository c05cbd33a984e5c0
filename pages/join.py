"""Join the live room from a phone: the code (or the QR link), a name, then the open activity."""
import streamlit as st

from cxcore import access, participation, room
from cxui import feedback, room_views, routing, session

routing.through_app()
conn = session.db()
token = session.participant_token(conn)


def join() -> None:
    state = st.session_state
    ok, new_token = feedback.attempt(participation.join, state.get("join_code", ""),
                                     state.get("join_name", ""), done=None)
    if ok:
        session.become_participant(new_token)


def sign_in() -> None:
    if feedback.attempt(access.check_passphrase, st.session_state.get("join_passphrase", ""),
                        done="Signed in as the facilitator")[0]:
        session.remember_facilitator(session.db())


if token is None:
    st.title("Join the workshop", anchor=False)
    st.caption("Type the code on the facilitator's screen, or open the link of its QR code.")
    feedback.show_flash()
    st.session_state.setdefault("join_code", st.query_params.get("code", ""))
    with st.form("join_form", border=False):
        st.text_input("Room code", key="join_code", max_chars=12, placeholder="e.g. K7PX4M")
        st.text_input("Your name", key="join_name", max_chars=participation.NAME_MAX,
                      placeholder="Leave empty if the activity is anonymous")
        st.form_submit_button("Join", type="primary", width="stretch", on_click=join)
    if not session.is_facilitator(conn):
        with st.expander("I am the facilitator", icon=":material/key:"):
            st.text_input("Facilitator passphrase", key="join_passphrase", type="password",
                          on_change=sign_in)
            st.caption("It is shown on the facilitator's own screen, in the Live room page.")
    if st.session_state.get(session.FACILITATOR_KEY):
        st.page_link("pages/workshops.py", label="Open the console", icon=":material/home:")
    st.stop()

try:
    view = participation.participant_view(conn, token)
except participation.RoomEnded as ended:
    st.info(str(ended), icon=":material/door_open:")
    st.stop()
room_views.participant(view, token)
room_views.watch(view.room.id, view.room.workshop_id, room.version(conn, view.room.id))
