"""The design cards page through AppTest: fill a card, rate it, change status, retire it."""
from __future__ import annotations

from cxcore import cards, sample, workshops
from tests.apptest_support import fresh_db, open_app, texts

PAGE = "pages/design_cards.py"


def test_an_empty_workshop_invites_a_first_card(app_db_path):
    wid = workshops.create(fresh_db(app_db_path), "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "No cards yet. Start a blank card, or make one from a brainstorm idea." in texts(at)
    assert at.button(key="cards_add_from_idea").disabled


def test_a_blank_card_is_filled_part_by_part_then_rated_and_validated(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="cards_add_blank").click().run()
    [card] = cards.list_cards(conn, wid)
    assert at.selectbox(key="cards_selected").value == card.id
    values = ["An app checklist before applying", "customers re-sending papers",
              "checklist rules run up front", "offers in days"]
    for part, value in zip(cards.PARTS, values):
        at.text_area(key=f"cards_edit_{card.id}_{part}").input(value).run()
    at.selectbox(key=f"cards_edit_{card.id}_customer_value").select(5).run()
    at.selectbox(key=f"cards_edit_{card.id}_business_value").select(4).run()
    at.segmented_control(key=f"cards_edit_{card.id}_status").set_value("validated").run()
    assert not at.exception
    saved = cards.get_card(conn, wid, card.id)
    assert (saved.sentence, saved.customer_value, saved.business_value, saved.status) == (
        cards.sentence(*values), 5, 4, "validated")
    assert "Top priorities" in texts(at)


def test_a_draft_cannot_be_marked_validated_from_the_page(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    cid = cards.add_card(conn, wid, "Half a card")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.segmented_control(key=f"cards_edit_{cid}_status").set_value("validated").run()
    assert [e.value for e in at.error] == [
        "Card 1 is still a draft: write all four parts before marking it validated."]
    assert cards.get_card(conn, wid, cid).status == "exploring"
    assert at.segmented_control(key=f"cards_edit_{cid}_status").value == "exploring"


def test_retiring_needs_a_reason_and_then_keeps_the_card_on_record(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    cid = cards.add_card(conn, wid, "A chatbot for every question", "waits", "a bot", "no calls")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="cards_retire").click().run()
    assert [e.value for e in at.error] == ["The reason to retire the card cannot be empty."]
    assert cards.get_card(conn, wid, cid).status == "exploring"
    at.text_input(key="cards_retire_reason").input("Customers wanted a person").run()
    at.button(key="cards_retire").click().run()
    card = cards.get_card(conn, wid, cid)
    assert (card.status, card.retired_reason) == ("retired", "Customers wanted a person")
    assert "Retired because: Customers wanted a person" in texts(at)
    at.button(key="cards_unretire").click().run()
    assert cards.get_card(conn, wid, cid).status == "exploring"


def test_emptying_a_part_of_a_validated_card_is_refused_and_the_field_shows_the_stored_text(
        app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    cid = cards.add_card(conn, wid, "Kept", "a need", "a solution", "a result")
    cards.set_status(conn, wid, cid, "validated")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.text_area(key=f"cards_edit_{cid}_new_experience").input("   ").run()
    assert [e.value for e in at.error] == [
        "A card marked validated keeps all four parts. Move it back to exploring before "
        "emptying one."]
    assert cards.get_card(conn, wid, cid).new_experience == "Kept"
    assert at.text_area(key=f"cards_edit_{cid}_new_experience").value == "Kept"


def test_a_draft_with_nothing_attached_is_deleted_at_once_and_undo_brings_it_back(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    cid = cards.add_card(conn, wid, "Mistake")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="cards_delete").click().run()
    assert cards.list_cards(conn, wid) == []
    at.button(key="undo_notice_undo").click().run()
    assert [c.id for c in cards.list_cards(conn, wid)] == [cid]


def test_the_sample_shows_four_cards_ranked_with_the_retired_one_last(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    shown = texts(at)
    assert "Cards (4)" in shown
    ranking = at.dataframe[0].value
    assert ranking[["Rank", "Card", "Customer", "Business", "Status"]].values.tolist() == [
        [1, 1, 5, 4, "Validated"], [2, 2, 4, 5, "Business case"],
        [3, 3, 4, 2, "Exploring (draft)"], [4, 4, 2, 3, "Retired"]]
    assert "Retired because: In the pilot" in shown
    assert len(at.get("plotly_chart")) == 1


def test_the_card_editor_opens_on_the_first_card_still_in_play_not_a_retired_one(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    kept = cards.add_card(conn, wid)
    retired = cards.add_card(conn, wid)
    cards.retire(conn, wid, retired, "Customers did not want it")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert at.selectbox(key="cards_selected").value == kept
