"""The live room through the app: the facilitator's console and a participant's phone page."""
from __future__ import annotations

from cxcore import brainstorm, participation, room, workshops
from tests.apptest_support import fresh_db, open_app, texts


def brainstorm_room(path: str) -> tuple[int, int, room.Room]:
    conn = fresh_db(path)
    wid = workshops.create(conn, "Live workshop")
    bid = brainstorm.create_brainstorm(conn, wid, "How might we stop re-sent documents?")
    return wid, bid, room.open_room(conn, wid)


def button(at, label):
    [found] = [b for b in at.button if b.label == label]
    return found


def test_the_console_opens_the_room_and_shows_its_code_and_qr_code(app_db_path):
    wid = workshops.create(fresh_db(app_db_path), "Live workshop")
    at = open_app(app_db_path, page="pages/live_room.py", workshop_id=wid)
    button(at, "Open to the room").click().run()
    current = room.open_room_for(fresh_db(app_db_path), wid)
    assert current is not None
    assert current.code in texts(at)
    assert f"/join?code={current.code}" in texts(at)
    assert [type(e).__name__ for e in at.main if type(e).__name__ == "Image"] == ["Image"]


def test_the_console_starts_an_activity_reveals_it_and_counts_hidden_items_only(app_db_path):
    wid, bid, current = brainstorm_room(app_db_path)
    at = open_app(app_db_path, page="pages/live_room.py", workshop_id=wid)
    labels = [o for o in at.selectbox(key="room_target").options]
    at.selectbox(key="room_target").select_index(
        [i for i, label in enumerate(labels) if label.startswith("Brainstorm")][0]).run()
    button(at, "Start this activity").click().run()
    token = participation.join(fresh_db(app_db_path), current.code, "Ana")
    participation.add_item(fresh_db(app_db_path), token, "A secret idea")
    at.run()
    assert "1 added, hidden until you reveal" in texts(at)
    assert "A secret idea" not in texts(at)
    button(at, "Reveal").click().run()
    assert "A secret idea" in texts(at)
    assert [i.text for i in brainstorm.board(fresh_db(app_db_path), wid, bid).ideas] == [
        "A secret idea"]


def participant_app(path: str, token: str, page: str | None = None):
    from streamlit.testing.v1 import AppTest

    from tests.apptest_support import APP

    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["p"] = token
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_participant_joins_by_code_and_adds_an_idea_that_stays_hidden(app_db_path):
    wid, bid, current = brainstorm_room(app_db_path)
    room.start_activity(fresh_db(app_db_path), wid, current.id, "ideas", brainstorm_id=bid)
    at = open_app(app_db_path, page="pages/join.py")
    at.text_input(key="join_code").input(current.code.lower())
    at.text_input(key="join_name").input("Ben")
    at.button[0].click().run()
    token = at.session_state["participant_token"]
    assert at.query_params["p"] == [token] or at.query_params["p"] == token
    assert "How might we stop re-sent documents?" in texts(at)
    at.text_area(key="room_new_text").input("Scan documents in the app")
    [add] = [b for b in at.button if b.label == "Add"]
    add.click().run()
    assert "Scan documents in the app" in texts(at)
    assert "Hidden until the facilitator reveals: 1 added so far." in texts(at)
    assert brainstorm.board(fresh_db(app_db_path), wid, bid).ideas == []


def test_a_participant_sees_only_the_join_page_whatever_url_they_type(app_db_path):
    wid, bid, current = brainstorm_room(app_db_path)
    token = participation.join(fresh_db(app_db_path), current.code, "Cy")
    at = participant_app(app_db_path, token)
    at.switch_page("pages/join.py").run()
    assert "Room " + current.code in texts(at)
    assert "Live workshop" not in texts(at)
    assert not [b for b in at.button if b.label == "Open the sample workshop"]


def test_a_wrong_code_gets_a_clear_message_and_no_identity(app_db_path):
    brainstorm_room(app_db_path)
    at = open_app(app_db_path, page="pages/join.py")
    at.text_input(key="join_code").input("ZZZZZZ")
    at.button[0].click().run()
    assert "No open room has that code" in texts(at)
    assert at.session_state["participant_token"] is None


def test_another_device_gets_the_join_page_until_it_gives_the_passphrase(app_db_path,
                                                                          monkeypatch):
    from cxcore import access

    monkeypatch.setenv("CX_TREAT_LOCAL_AS_REMOTE", "1")
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "harbour-42")
    workshops.create(fresh_db(app_db_path), "Live workshop")
    at = open_app(app_db_path)
    assert [t.value for t in at.title] == ["Join the workshop"]
    at.text_input(key="join_passphrase").input("wrong").run()
    assert "That is not the facilitator passphrase." in texts(at)
    at.text_input(key="join_passphrase").input("harbour-42").run()
    at.switch_page("pages/workshops.py").run()
    assert [t.value for t in at.title] == ["CX strategy workshops"]
    assert access.passphrase(fresh_db(app_db_path)) == "harbour-42"


def test_a_participant_votes_within_the_budget_and_is_told_past_it(app_db_path):
    wid, bid, current = brainstorm_room(app_db_path)
    conn = fresh_db(app_db_path)
    activity = room.start_activity(conn, wid, current.id, "ideas", brainstorm_id=bid)
    token = participation.join(conn, current.code, "Dee")
    for text in ("One", "Two"):
        participation.add_item(conn, token, text)
    room.set_state(conn, wid, activity, "revealed")
    room.set_state(conn, wid, activity, "voting")
    at = participant_app(app_db_path, token)
    dots = [b for b in at.button if b.label == "Add a dot"]
    dots[0].click().run()
    [b for b in at.button if b.label == "Add a dot"][0].click().run()
    [b for b in at.button if b.label == "Add a dot"][1].click().run()
    assert "0 of 3 dots left" in texts(at)
    [b for b in at.button if b.label == "Add a dot"][1].click().run()
    assert "You have placed all 3 of your dots: take one back to move it." in texts(at)
