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


# ---- Open to the room, from the step pages

import pytest  # noqa: E402

from cxcore import cards, journeys, personas, sample  # noqa: E402


def sample_room_setup(path: str) -> tuple[int, dict]:
    """The sample workshop, and the first brainstorm, persona and journey stage it holds."""
    conn = fresh_db(path)
    wid = sample.create_sample(conn)
    first_stage = journeys.list_journeys(conn, wid)[0].stages[0]
    return wid, {"ideas": {"brainstorm_id": brainstorm.list_brainstorms(conn, wid)[-1].id},
                 "empathy": {"persona_id": personas.list_personas(conn, wid)[0].id},
                 "journey": {"stage_id": first_stage.id, "lane": journeys.LANES[0]},
                 "ratings": {}}


@pytest.mark.parametrize("page, kind, key", [
    ("pages/brainstorm.py", "ideas", "brainstorm_room"),
    ("pages/empathy_maps.py", "empathy", "empathy_room"),
    ("pages/journey_map.py", "journey", "journey_room"),
    ("pages/design_cards.py", "ratings", "cards_room"),
])
def test_open_to_the_room_on_a_step_starts_its_activity_and_goes_to_the_console(
        app_db_path, page, kind, key):
    wid, ids = sample_room_setup(app_db_path)
    at = open_app(app_db_path, page=page, workshop_id=wid)
    assert room.open_room_for(fresh_db(app_db_path), wid) is None
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    conn = fresh_db(app_db_path)
    current = room.open_room_for(conn, wid)
    assert room.status(conn, wid).runs(kind, **ids[kind])
    assert at.title[0].value == "Live room"
    assert current.code in texts(at)
    # back on the step, the button has become a link to the running room
    at.switch_page(page).run()
    assert [b for b in at.button if b.key == key] == []
    assert f"In the room now · {current.code}" in [link.label for link in at.get("page_link")]


def test_the_journey_button_opens_the_stage_and_lane_chosen_above_it(app_db_path):
    wid, _ = sample_room_setup(app_db_path)
    conn = fresh_db(app_db_path)
    journey = journeys.list_journeys(conn, wid)[0]
    at = open_app(app_db_path, page="pages/journey_map.py", workshop_id=wid)
    at.selectbox(key="journey_stage").set_value(journey.stages[2].id).run()
    at.selectbox(key="journey_lane").set_value("pain_points").run()
    at.button(key="journey_room").click().run()
    activity = room.get_activity(conn, room.open_room_for(conn, wid).activity_id)
    assert (activity.kind, activity.stage_id, activity.lane) == (
        "journey", journey.stages[2].id, "pain_points")


def test_the_sidebar_shows_the_rooms_line_while_a_room_is_open(app_db_path):
    wid, ids = sample_room_setup(app_db_path)
    conn = fresh_db(app_db_path)
    opened = room.open_to_room(conn, wid, "ideas", **ids["ideas"])
    participation.join(conn, opened.code, "Ana")
    at = open_app(app_db_path, page="pages/statements.py", workshop_id=wid)
    assert f"Room {opened.code} · 1 person · Brainstorm ideas · collecting" in [
        c.value for c in at.sidebar.caption]


def test_design_cards_show_the_rooms_mean_and_spread_beside_the_facilitators_rating(
        app_db_path):
    wid, _ = sample_room_setup(app_db_path)
    conn = fresh_db(app_db_path)
    opened = room.open_to_room(conn, wid, "ratings")
    card = [c for c in cards.list_cards(conn, wid) if not c.is_retired][0]
    for name, (customer, business) in {"Ana": (5, 2), "Ben": (3, 4)}.items():
        token = participation.join(conn, opened.code, name)
        participation.rate(conn, token, card.id, "customer_value", customer)
        participation.rate(conn, token, card.id, "business_value", business)
    room.set_state(conn, wid, opened.activity_id, "revealed")
    at = open_app(app_db_path, page="pages/design_cards.py", workshop_id=wid)
    at.selectbox(key="cards_selected").set_value(card.id).run()
    captions = [c.value for c in at.caption]
    assert ("The room: customer 4.0 (range 3-5, 2 ratings); business 3.0 (range 2-4, 2 ratings)"
            in [c.split(" ", 1)[1] for c in captions if c.startswith(":material/groups:")])
    assert "The room's mean: 4.0 (range 3-5, 2 ratings)" in captions
    assert "The room's mean: 3.0 (range 2-4, 2 ratings)" in captions
