"""The live room opened from the step pages, in real browsers: empathy notes, journey entries
and card ratings from phones; and a facilitator on another device who stays signed in.

As in test_browser_live_room.py, the console's server treats this machine as the facilitator's
and the phones' server (same database) treats it as another device."""
from __future__ import annotations

import pytest

from cxcore import cards, db as store, journeys, personas, room, sample
from tests.browser_support import PHONE, PROJECTOR, screenshot, streamlit_server, wait_for_app
from tests.test_browser_live_room import join, main_text, wait_for_text

pytestmark = pytest.mark.browser
REMOTE = {"CX_TREAT_LOCAL_AS_REMOTE": "1", "CX_FACILITATOR_PASSWORD": "harbour-42"}


def open_from_step(projector, base: str, page: str, workshop_id: int) -> None:
    projector.goto(f"{base}/{page}?w={workshop_id}&present=1")
    wait_for_app(projector)
    projector.get_by_role("button", name="Open to the room").click()
    wait_for_text(projector, "ROOM CODE")
    wait_for_app(projector)


def test_empathy_journey_and_ratings_run_from_their_step_pages_to_the_phones(chromium, tmp_path):
    db_path = str(tmp_path / "live.db")
    conn = store.connect(db_path)
    workshop_id = sample.create_sample(conn)
    persona = personas.list_personas(conn, workshop_id)[0]
    stage = journeys.list_journeys(conn, workshop_id)[0].stages[1]
    with streamlit_server(db_path) as console, \
            streamlit_server(db_path, REMOTE, log_name="phones.log") as phones_base:
        projector = chromium.new_context(viewport=PROJECTOR).new_page()
        open_from_step(projector, console, "empathy_maps", workshop_id)
        code = room.open_room_for(conn, workshop_id).code
        wait_for_text(projector, "0 added, hidden until you reveal")

        phones = [chromium.new_context(viewport=PHONE).new_page() for _ in range(2)]
        for phone, name in zip(phones, ("Ana", "Ben")):
            join(phone, phones_base, code, name)
        ana, ben = phones
        wait_for_text(ana, f"What does {persona.name} think, feel, say and do?")
        ana.get_by_role("radio", name="Feel").click()
        wait_for_app(ana)
        ana.get_by_label("Your note").fill("Anxious about the paperwork")
        ana.get_by_role("button", name="Add").click()
        wait_for_text(ana, "Anxious about the paperwork")
        ana.get_by_text("I'm done").click()
        screenshot(ana, "live_room_phone_empathy")
        wait_for_text(projector, "1 added, hidden until you reveal")
        wait_for_text(projector, "1 of 2 done")
        assert "Anxious about the paperwork" not in projector.content()
        screenshot(projector, "live_room_projector_empathy_hidden")
        projector.get_by_role("button", name="Reveal").click()
        wait_for_text(projector, "Anxious about the paperwork")
        wait_for_text(ben, "Anxious about the paperwork", timeout=5_000)
        assert [dict(r) for r in conn.query(
            "SELECT persona_id, quadrant, author FROM empathy_notes WHERE text = ?",
            ["Anxious about the paperwork"])] == [
            {"persona_id": persona.id, "quadrant": "feel", "author": "Ana"}]

        # the journey map's button opens the stage and lane chosen above it
        projector.goto(f"{console}/journey_map?w={workshop_id}&present=1")
        wait_for_app(projector)
        projector.get_by_label("Stage", exact=True).first.click()
        projector.get_by_role("option", name=f"2. {stage.name}").click()
        wait_for_app(projector)
        projector.get_by_label("Lane", exact=True).first.click()
        projector.get_by_role("option", name=journeys.LANE_LABELS["pain_points"]).click()
        wait_for_app(projector)
        projector.get_by_role("button", name="Open to the room").click()
        wait_for_text(projector, "ROOM CODE")
        wait_for_text(ben, f"{stage.name}: {journeys.LANE_LABELS['pain_points']}", timeout=5_000)
        ben.get_by_label("Your entry").fill("Has to post the signed form")
        ben.get_by_role("button", name="Add").click()
        wait_for_text(ben, "Has to post the signed form")
        screenshot(ben, "live_room_phone_journey")
        projector.get_by_role("button", name="Reveal").click()
        wait_for_text(projector, "Has to post the signed form")
        assert [dict(r) for r in conn.query(
            "SELECT stage_id, lane, author FROM journey_entries WHERE text = ?",
            ["Has to post the signed form"])] == [
            {"stage_id": stage.id, "lane": "pain_points", "author": "Ben"}]

        # the cards' button: two phones rate the first card; the facilitator sees the spread
        open_from_step(projector, console, "design_cards", workshop_id)
        card = [c for c in cards.rank(cards.list_cards(conn, workshop_id))
                if not c.is_retired and not c.is_draft][0]  # the phones list it first
        for phone, (customer, business) in ((ana, ("5", "2")), (ben, ("3", "4"))):
            wait_for_text(phone, f"Card {card.number}.", timeout=5_000)
            for which, value in zip(cards.VALUES, (customer, business)):
                phone.get_by_role("radiogroup", name=cards.VALUE_LABELS[which]).first.get_by_role(
                    "radio", name=value, exact=True).click()
                wait_for_app(phone)
        screenshot(ana, "live_room_phone_ratings")
        projector.get_by_role("button", name="Reveal").click()
        wait_for_text(projector, "customer 4.0 (range 3-5, 2 ratings)")
        projector.goto(f"{console}/design_cards?w={workshop_id}")
        wait_for_app(projector)
        assert ("The room: customer 4.0 (range 3-5, 2 ratings); business 3.0 (range 2-4, "
                "2 ratings)") in main_text(projector)
        screenshot(projector, "live_room_design_cards_with_room_ratings")


def test_a_facilitator_on_another_device_stays_signed_in_after_a_refresh_and_in_a_new_tab(
        chromium, tmp_path):
    db_path = str(tmp_path / "live.db")
    workshop_id = sample.create_sample(store.connect(db_path))
    with streamlit_server(db_path, REMOTE) as base:
        laptop = chromium.new_context(viewport=PROJECTOR)
        tab = laptop.new_page()
        tab.goto(f"{base}/live_room?w={workshop_id}")
        wait_for_app(tab)
        assert "Join the workshop" in main_text(tab)
        tab.get_by_text("I am the facilitator").click()
        tab.get_by_label("Facilitator passphrase").fill("harbour-42")
        tab.get_by_label("Facilitator passphrase").press("Enter")
        wait_for_text(tab, "Open to the room")  # the page asked for is now the console's
        tab.reload()
        wait_for_app(tab)
        assert "Open to the room" in main_text(tab)
        assert "Join the workshop" not in main_text(tab)
        second = laptop.new_page()
        second.goto(f"{base}/brainstorm?w={workshop_id}")
        wait_for_app(second)
        assert "Brainstorm" in main_text(second) and "Join the workshop" not in main_text(second)

        stranger = chromium.new_context(viewport=PHONE).new_page()
        stranger.goto(f"{base}/live_room?w={workshop_id}")
        wait_for_app(stranger)
        assert "Join the workshop" in main_text(stranger)
