"""What a participant may do in the room and what each screen sees: hidden items, moderation,
own items, anonymity, dot votes (also under concurrency), card ratings, empathy and journeys,
and what reaches the exports."""
from __future__ import annotations

import io
import threading
import zipfile

import pytest
from pypdf import PdfReader

from cxcore import backup, brainstorm, cards, csvexport, empathy, journeys, participation
from cxcore import pdf, personas, room
from cxcore import db as store
from cxcore.participation import Item, Spread, VoteOption
from cxcore.room import RoomEnded, RoomError
from cxcore.text import ValidationError


def ideas_room(db, workshop_id: int, *names: str, **options):
    """An open room collecting ideas; returns (activity id, brainstorm id, tokens by name)."""
    brainstorm_id = brainstorm.create_brainstorm(db, workshop_id, "How might we onboard faster?")
    opened = room.open_room(db, workshop_id)
    activity_id = room.start_activity(db, workshop_id, opened.id, "ideas",
                                      brainstorm_id=brainstorm_id, **options)
    tokens = {name: participation.join(db, opened.code, name) for name in names}
    return activity_id, brainstorm_id, tokens


def board_ideas(db, workshop_id: int, brainstorm_id: int) -> list[tuple[str, str]]:
    return [(i.text, i.author) for i in brainstorm.board(db, workshop_id, brainstorm_id).ideas]


def to_voting(db, workshop_id: int, activity_id: int) -> None:
    room.set_state(db, workshop_id, activity_id, "revealed")
    room.set_state(db, workshop_id, activity_id, "voting")


# ---- hidden items and moderation

def test_hidden_ideas_reach_neither_the_projector_nor_the_board_until_reveal(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana", "Ben")
    ana = participation.add_item(db, t["Ana"], "Pre-fill the form")
    participation.add_item(db, t["Ben"], "Call back within a day")
    projector = participation.facilitator_view(db, wid)
    assert (projector.item_count, projector.items) == (2, [])
    assert board_ideas(db, wid, brainstorm_id) == []
    phone = participation.participant_view(db, t["Ana"])
    assert phone.items == []
    assert phone.mine == [Item(ana, "Pre-fill the form", "", "Ana", True, "pending")]

    room.set_state(db, wid, activity_id, "revealed")
    assert board_ideas(db, wid, brainstorm_id) == [("Pre-fill the form", "Ana"),
                                                   ("Call back within a day", "Ben")]
    for view in (participation.facilitator_view(db, wid),
                 participation.participant_view(db, t["Ana"])):
        assert [(i.text, i.author) for i in view.items] == board_ideas(db, wid, brainstorm_id)
    assert [i.mine for i in participation.participant_view(db, t["Ana"]).items] == [True, False]


def test_with_hidden_off_ideas_are_published_and_visible_at_once(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana")
    participation.add_item(db, t["Ana"], "Before")
    room.set_option(db, wid, activity_id, "hidden", False)
    participation.add_item(db, t["Ana"], "After")
    assert board_ideas(db, wid, brainstorm_id) == [("Before", "Ana"), ("After", "Ana")]
    assert [i.text for i in participation.facilitator_view(db, wid).items] == ["Before", "After"]
    assert [i.text for i in participation.participant_view(db, t["Ana"]).items] == [
        "Before", "After"]


def test_a_hidden_item_is_not_published_at_reveal_and_a_deleted_one_is_gone(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana")
    keep = participation.add_item(db, t["Ana"], "Keep")
    rude = participation.add_item(db, t["Ana"], "Rude")
    spam = participation.add_item(db, t["Ana"], "Spam")
    participation.moderate(db, wid, rude, "hide")
    participation.moderate(db, wid, spam, "delete")
    assert participation.facilitator_view(db, wid).moderation == []  # not asked for
    assert participation.facilitator_view(db, wid, moderation=True).moderation == [
        Item(keep, "Keep", "", "Ana", False, "pending"),
        Item(rude, "Rude", "", "Ana", False, "hidden")]
    assert participation.facilitator_view(db, wid).item_count == 1
    room.set_state(db, wid, activity_id, "revealed")
    assert board_ideas(db, wid, brainstorm_id) == [("Keep", "Ana")]
    assert db.execute("SELECT COUNT(*) FROM room_items WHERE id = ?", [spam]).fetchone()[0] == 0


@pytest.mark.parametrize("action, message", [("ban", "Unknown moderation: ban.")])
def test_an_unknown_moderation_is_refused(db, make_workshop, action, message):
    wid = make_workshop()
    _, _, t = ideas_room(db, wid, "Ana")
    item = participation.add_item(db, t["Ana"], "Idea")
    with pytest.raises(ValidationError, match=f"^{message}$"):
        participation.moderate(db, wid, item, action)


# ---- limits on items

@pytest.mark.parametrize("text, message", [
    ("", "Your idea"), ("   ", "Your idea"), ("x" * (brainstorm.IDEA_MAX + 1), "Your idea")])
def test_an_empty_or_too_long_idea_is_refused(db, make_workshop, text, message):
    wid = make_workshop()
    _, _, t = ideas_room(db, wid, "Ana")
    with pytest.raises(ValidationError, match=message):
        participation.add_item(db, t["Ana"], text)


def test_an_idea_of_exactly_the_longest_length_is_accepted(db, make_workshop):
    wid = make_workshop()
    _, _, t = ideas_room(db, wid, "Ana")
    assert participation.add_item(db, t["Ana"], "x" * brainstorm.IDEA_MAX)


def test_the_thirty_first_item_in_a_minute_is_refused_until_the_window_passes(
        db, make_workshop, monkeypatch):
    wid = make_workshop()
    _, _, t = ideas_room(db, wid, "Ana")
    for n in range(participation.ITEMS_PER_MINUTE):
        participation.add_item(db, t["Ana"], f"Idea {n}")
    with pytest.raises(RoomError, match="^That is 30 items in a minute: wait a few seconds"):
        participation.add_item(db, t["Ana"], "One more")
    later = participation.time.time() + 61
    monkeypatch.setattr(participation.time, "time", lambda: later)
    monkeypatch.setattr(room.time, "time", lambda: later)
    assert participation.add_item(db, t["Ana"], "One more")


def test_a_named_activity_needs_a_name_first(db, make_workshop):
    wid = make_workshop()
    _, _, t = ideas_room(db, wid, "")
    with pytest.raises(RoomError, match="^Give your name first"):
        participation.add_item(db, t[""], "Idea")


# ---- own items

def test_a_participant_edits_and_deletes_their_own_items_until_reveal(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana", "Ben")
    mine = participation.add_item(db, t["Ana"], "Draft")
    gone = participation.add_item(db, t["Ana"], "Oops")
    bens = participation.add_item(db, t["Ben"], "Ben's")
    participation.edit_item(db, t["Ana"], mine, "Final")
    participation.delete_item(db, t["Ana"], gone)
    for change in (lambda: participation.edit_item(db, t["Ana"], bens, "Hijacked"),
                   lambda: participation.delete_item(db, t["Ana"], bens)):
        with pytest.raises(RoomError, match="^That item is not yours, or it is gone.$"):
            change()
    room.set_state(db, wid, activity_id, "revealed")
    assert board_ideas(db, wid, brainstorm_id) == [("Final", "Ana"), ("Ben's", "Ben")]
    with pytest.raises(RoomError, match="^The items are revealed"):
        participation.edit_item(db, t["Ana"], mine, "Too late")


def test_with_hidden_off_an_edit_follows_into_the_published_idea(db, make_workshop):
    wid = make_workshop()
    _, brainstorm_id, t = ideas_room(db, wid, "Ana", hidden=False)
    item = participation.add_item(db, t["Ana"], "Draft")
    participation.edit_item(db, t["Ana"], item, "Final")
    assert board_ideas(db, wid, brainstorm_id) == [("Final", "Ana")]
    participation.delete_item(db, t["Ana"], item)
    assert board_ideas(db, wid, brainstorm_id) == []


# ---- anonymity

def test_an_anonymous_activity_stores_no_names_on_ideas_or_votes(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana", "Ben", anonymous=True)
    participation.add_item(db, t["Ana"], "Pre-fill")
    participation.add_item(db, t["Ben"], "Call back")
    to_voting(db, wid, activity_id)
    idea_ids = [i.id for i in brainstorm.board(db, wid, brainstorm_id).ideas]
    participation.vote(db, t["Ana"], idea_ids[0])
    participation.vote(db, t["Ben"], idea_ids[1])
    room.set_state(db, wid, activity_id, "closed")
    current = brainstorm.board(db, wid, brainstorm_id)
    assert [i.author for i in current.ideas] == ["Anonymous", "Anonymous"]
    assert sorted(current.votes) == [("Anonymous 1", 1), ("Anonymous 2", 1)]
    assert db.execute("SELECT COUNT(*) FROM room_items WHERE author IN ('Ana', 'Ben')"
                      ).fetchone()[0] == 0


def test_after_the_room_ends_no_participant_rows_remain(db, make_workshop):
    wid = make_workshop()
    _, brainstorm_id, t = ideas_room(db, wid, "Ana")
    participation.add_item(db, t["Ana"], "Unrevealed idea")
    room.end_room(db, wid, room.open_room_for(db, wid).id)
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 0
    assert board_ideas(db, wid, brainstorm_id) == [("Unrevealed idea", "Ana")]


# ---- dot votes

def voting_room(db, workshop_id: int, *names: str, ideas: int = 3, **options):
    activity_id, brainstorm_id, t = ideas_room(db, workshop_id, "Host", *names, **options)
    for n in range(ideas):
        participation.add_item(db, t["Host"], f"Idea {n + 1}")
    to_voting(db, workshop_id, activity_id)
    idea_ids = [i.id for i in brainstorm.board(db, workshop_id, brainstorm_id).ideas]
    return activity_id, brainstorm_id, t, idea_ids


def test_votes_are_refused_before_voting_opens(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t = ideas_room(db, wid, "Ana", hidden=False)
    participation.add_item(db, t["Ana"], "Idea")
    idea = brainstorm.board(db, wid, brainstorm_id).ideas[0].id
    with pytest.raises(RoomError, match="^Voting is not open"):
        participation.vote(db, t["Ana"], idea)


def test_the_budget_and_the_cap_are_enforced_with_clear_messages(db, make_workshop):
    wid = make_workshop()
    activity_id, _, t, (a, b, c) = voting_room(db, wid, "Ana")
    budget, cap = room.get_activity(db, activity_id).dot_budget, 2
    assert (budget, room.get_activity(db, activity_id).dot_cap) == (3, cap)
    participation.vote(db, t["Ana"], a)
    participation.vote(db, t["Ana"], a)
    with pytest.raises(RoomError, match="^At most 2 dots can go on one idea.$"):
        participation.vote(db, t["Ana"], a)
    participation.vote(db, t["Ana"], b)
    with pytest.raises(RoomError, match="^You have placed all 3 of your dots: take one back"):
        participation.vote(db, t["Ana"], c)
    participation.vote(db, t["Ana"], a, -1)
    participation.vote(db, t["Ana"], c)
    participation.vote(db, t["Ana"], a, -1)
    with pytest.raises(RoomError, match="^You have no dot on that idea.$"):
        participation.vote(db, t["Ana"], a, -1)
    with pytest.raises(ValidationError, match="^A vote places or takes back one dot.$"):
        participation.vote(db, t["Ana"], a, 2)
    assert participation.participant_view(db, t["Ana"]).dots_left == 1


def test_others_tallies_are_hidden_until_close_then_the_dots_land_in_the_brainstorm(
        db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t, (a, b, c) = voting_room(db, wid, "Ana", "Ben")
    participation.vote(db, t["Ana"], a)
    participation.vote(db, t["Ana"], a)
    participation.vote(db, t["Ben"], a)
    participation.vote(db, t["Ben"], b)
    assert participation.participant_view(db, t["Ana"]).votes == [
        VoteOption(a, "Idea 1", 2, None), VoteOption(b, "Idea 2", 0, None),
        VoteOption(c, "Idea 3", 0, None)]
    assert brainstorm.board(db, wid, brainstorm_id).votes == []
    room.set_state(db, wid, activity_id, "closed")
    assert participation.facilitator_view(db, wid).votes == [
        VoteOption(a, "Idea 1", 0, 3), VoteOption(b, "Idea 2", 0, 1),
        VoteOption(c, "Idea 3", 0, 0)]
    current = brainstorm.board(db, wid, brainstorm_id)
    assert sorted(current.votes) == [("Ana", 2), ("Ben", 1), ("Ben", 1)]
    assert [i.votes for i in current.ideas] == [3, 1, 0]
    with pytest.raises(RoomError, match="^Voting is not open"):
        participation.vote(db, t["Ana"], c)


def test_twenty_voters_hammering_at_once_never_overspend_or_lose_a_dot(db, db_path,
                                                                       make_workshop):
    wid = make_workshop()
    names = [f"Voter {n}" for n in range(20)]
    activity_id, _, t, idea_ids = voting_room(db, wid, *names, ideas=4)
    budget, cap = 3, 2
    tries = 10
    barrier = threading.Barrier(20 * tries)
    unexpected: list[BaseException] = []

    def tap(token: str, idea_id: int) -> None:
        connection = store.connect(db_path)
        try:
            barrier.wait()
            participation.vote(connection, token, idea_id)
        except RoomError:
            pass
        except BaseException as error:  # anything else is a bug
            unexpected.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(t[name], idea_ids[n % len(idea_ids)]))
               for name in names for n in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    per_voter = dict(db.execute("SELECT participant_id, SUM(dots) FROM room_votes"
                                " WHERE activity_id = ? GROUP BY participant_id", [activity_id]))
    assert len(per_voter) == 20 and set(per_voter.values()) == {budget}
    assert db.execute("SELECT MAX(dots) FROM room_votes").fetchone()[0] <= cap
    assert db.execute("SELECT SUM(dots) FROM room_votes").fetchone()[0] == 20 * budget


# ---- card ratings

def ratings_room(db, workshop_id: int, *names: str, **options):
    card = cards.add_card(db, workshop_id, "Live tracking", "anxious waits", "status feed",
                          "fewer calls")
    cards.add_card(db, workshop_id, "Half a card")  # a draft: not up for rating
    opened = room.open_room(db, workshop_id)
    activity_id = room.start_activity(db, workshop_id, opened.id, "ratings", **options)
    tokens = {name: participation.join(db, opened.code, name) for name in names}
    return activity_id, card, tokens


def test_participants_rate_complete_cards_and_see_stats_only_after_reveal(db, make_workshop):
    wid = make_workshop()
    activity_id, card, t = ratings_room(db, wid, "Ana", "Ben")
    participation.rate(db, t["Ana"], card, "customer_value", 5)
    participation.rate(db, t["Ana"], card, "business_value", 2)
    participation.rate(db, t["Ben"], card, "customer_value", 3)
    phone = participation.participant_view(db, t["Ana"])
    assert [(o.card_id, o.mine, o.stats) for o in phone.ratings] == [(card, (5, 2), None)]
    room.set_state(db, wid, activity_id, "revealed")
    assert [dict(r) for r in db.query("SELECT card_id, rater, customer_value, business_value"
                                      " FROM card_ratings ORDER BY id")] == [
        {"card_id": card, "rater": "Ana", "customer_value": 5, "business_value": 2},
        {"card_id": card, "rater": "Ben", "customer_value": 3, "business_value": None}]
    assert participation.card_spreads(db, wid) == {card: (Spread(4.0, 3, 5, 2),
                                                          Spread(2.0, 2, 2, 1))}
    assert participation.facilitator_view(db, wid).ratings[0].stats == (
        Spread(4.0, 3, 5, 2), Spread(2.0, 2, 2, 1))


def test_an_anonymous_rating_round_stores_anonymous_raters(db, make_workshop):
    wid = make_workshop()
    activity_id, card, t = ratings_room(db, wid, "Ana", anonymous=True)
    participation.rate(db, t["Ana"], card, "customer_value", 4)
    room.set_state(db, wid, activity_id, "revealed")
    assert [r[0] for r in db.execute("SELECT rater FROM card_ratings")] == ["Anonymous"]


@pytest.mark.parametrize("value", [0, 6, -1, "lots"])
def test_a_rating_outside_one_to_five_is_refused(db, make_workshop, value):
    wid = make_workshop()
    _, card, t = ratings_room(db, wid, "Ana")
    with pytest.raises(ValidationError):
        participation.rate(db, t["Ana"], card, "customer_value", value)


def test_a_draft_or_retired_card_is_not_up_for_rating(db, make_workshop):
    wid = make_workshop()
    _, card, t = ratings_room(db, wid, "Ana")
    draft = [c.id for c in cards.list_cards(db, wid) if c.is_draft][0]
    with pytest.raises(RoomError, match="^That card is not up for rating.$"):
        participation.rate(db, t["Ana"], draft, "customer_value", 3)
    cards.retire(db, wid, card, "Out of scope")
    with pytest.raises(RoomError, match="^That card is not up for rating.$"):
        participation.rate(db, t["Ana"], card, "customer_value", 3)


@pytest.mark.parametrize("spread, label", [
    (Spread(4.0, 3, 5, 2), "4.0 (range 3-5, 2 ratings)"),
    (Spread(3.0, 3, 3, 1), "3.0 (range 3, 1 rating)"),
    (Spread(2.33, 1, 4, 3), "2.3 (range 1-4, 3 ratings)")])
def test_a_spread_reads_as_mean_range_and_count(spread, label):
    assert spread.label == label


# ---- empathy and journeys

def test_empathy_notes_land_in_their_quadrant_with_their_author(db, make_workshop):
    wid = make_workshop()
    persona = personas.add_persona(db, wid, "Margaret")
    opened = room.open_room(db, wid)
    activity_id = room.start_activity(db, wid, opened.id, "empathy", persona_id=persona)
    token = participation.join(db, opened.code, "Ana")
    participation.add_item(db, token, "Worried about the deposit", quadrant="feel")
    with pytest.raises(ValidationError):
        participation.add_item(db, token, "Nowhere", quadrant="smell")
    room.set_state(db, wid, activity_id, "revealed")
    notes = empathy.board(db, wid, persona)
    assert [(n.quadrant, n.text) for q in empathy.QUADRANTS for n in notes[q]] == [
        ("feel", "Worried about the deposit")]
    assert [r[0] for r in db.execute("SELECT author FROM empathy_notes")] == ["Ana"]


def test_journey_entries_land_in_the_activitys_stage_and_lane_with_their_author(db,
                                                                                make_workshop):
    wid = make_workshop()
    journey = journeys.create_journey(db, wid, title="Margaret buys a home")
    stage = journeys.get_journey(db, wid, journey).stages[0].id
    lane = journeys.LANES[0]
    opened = room.open_room(db, wid)
    activity_id = room.start_activity(db, wid, opened.id, "journey", stage_id=stage, lane=lane)
    token = participation.join(db, opened.code, "Ana")
    participation.add_item(db, token, "Searches for rates")
    room.set_state(db, wid, activity_id, "revealed")
    assert [dict(r) for r in db.query("SELECT stage_id, lane, text, author FROM journey_entries")
            ] == [{"stage_id": stage, "lane": lane, "text": "Searches for rates", "author": "Ana"}]


# ---- exports

def test_the_exports_carry_the_room_work_with_authors_and_never_a_token(db, make_workshop):
    wid = make_workshop()
    activity_id, brainstorm_id, t, idea_ids = voting_room(db, wid, "Ana")
    participation.vote(db, t["Ana"], idea_ids[0])
    room.set_state(db, wid, activity_id, "closed")
    tokens = list(t.values())
    document = backup.export_json(db, wid)
    assert '"Ana"' in document and "Idea 1" in document
    archive = csvexport.export_zip(db, wid)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        csv_text = "".join(opened.read(n).decode() for n in opened.namelist())
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.build_pdf(db, wid))
                                                            ).pages)
    for token in tokens:
        assert token not in document
        assert token.encode() not in archive
        assert token not in csv_text
        assert token not in pdf_text
    assert "Idea 1" in csv_text


def test_the_spreadsheets_name_who_added_each_note_and_entry_and_list_the_rooms_ratings(
        db, make_workshop):
    from cxcore import tables

    wid = make_workshop()
    pid = personas.add_persona(db, wid, "Tia")
    journeys.create_journey(db, wid, pid, "Opening an account")
    stage = journeys.list_journeys(db, wid)[0].stages[0]
    opened = room.open_to_room(db, wid, "empathy", persona_id=pid)
    ana = participation.join(db, opened.code, "Ana")
    participation.add_item(db, ana, "Worried about fees", quadrant="feel")
    room.set_state(db, wid, opened.activity_id, "revealed")
    anonymous = room.open_to_room(db, wid, "journey", stage_id=stage.id, lane="pain_points")
    room.set_option(db, wid, anonymous.activity_id, "anonymous", True)
    participation.add_item(db, ana, "Form asks twice")
    room.set_state(db, wid, anonymous.activity_id, "revealed")
    card_id = cards.add_card(db, wid, new_experience="A checklist", solves="re-sends",
                             enabled_by="rules", resulting_in="fewer re-sends")
    rating = room.open_to_room(db, wid, "ratings")
    participation.rate(db, ana, card_id, "customer_value", 4)
    participation.rate(db, ana, card_id, "business_value", 2)
    room.set_state(db, wid, rating.activity_id, "revealed")
    by_name = {t.key: t for t in tables.all_tables(db, wid)}
    assert by_name["empathy_notes"].rows == [["Tia", "Feel", "Worried about fees", "Ana"]]
    assert [row[6:] for row in by_name["journey_entries"].rows] == [
        ["Form asks twice", "", "", "Anonymous"]]
    assert by_name["card_ratings"].columns == (
        "Card number", "Card", "Rated by", "Customer value", "Business value")
    assert by_name["card_ratings"].rows == [[1, "A checklist", "Ana", 4, 2]]
