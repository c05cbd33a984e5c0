"""The live room: join codes, tokens, idle expiry, the activity state machine."""
from __future__ import annotations

import re

import pytest

from cxcore import brainstorm, participation, room
from cxcore.room import RoomEnded, RoomError


def open_ideas_room(db, workshop_id: int, **options):
    """An open room with a brainstorm collecting ideas; returns (room, activity id, brainstorm id)."""
    brainstorm_id = brainstorm.create_brainstorm(db, workshop_id, "How might we speed up onboarding?")
    opened = room.open_room(db, workshop_id)
    activity_id = room.start_activity(db, workshop_id, opened.id, "ideas",
                                      brainstorm_id=brainstorm_id, **options)
    return opened, activity_id, brainstorm_id


def test_a_code_is_six_characters_from_the_unambiguous_alphabet(db, make_workshop):
    code = room.open_room(db, make_workshop()).code
    assert len(code) == room.CODE_LENGTH == 6
    assert set(code) <= set(room.ALPHABET)
    assert not set("0O1IL") & set(room.ALPHABET)


def test_three_hundred_rooms_get_three_hundred_distinct_codes(db, make_workshop):
    codes = [room.open_room(db, make_workshop(title=f"Workshop {n}")).code for n in range(300)]
    assert len(set(codes)) == 300


def test_a_code_is_never_reused_after_its_room_ends(db, make_workshop, monkeypatch):
    wid = make_workshop()
    first = room.open_room(db, wid)
    room.end_room(db, wid, first.id)
    codes = iter([first.code, "ABCDEF"])
    monkeypatch.setattr(room, "new_code", lambda: next(codes))
    assert room.open_room(db, wid).code == "ABCDEF"


def test_opening_the_room_twice_returns_the_same_open_room(db, make_workshop):
    wid = make_workshop()
    assert room.open_room(db, wid) == room.open_room(db, wid)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {a} {b} ", "{a}-{b}", "\t{lower}\n"])
def test_join_normalises_case_spaces_and_dashes(db, make_workshop, typed):
    code = room.open_room(db, make_workshop()).code
    text = typed.format(code=code, lower=code.lower(), a=code[:3], b=code[3:].lower())
    assert participation.is_participant(db, participation.join(db, text, "Ana"))


def test_join_returns_a_long_url_safe_token_stored_as_a_participant(db, make_workshop):
    opened = room.open_room(db, make_workshop())
    token = participation.join(db, opened.code, "Ana")
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", token)
    assert [dict(r) for r in db.query("SELECT room_id, token, name FROM participants")] == [
        {"room_id": opened.id, "token": token, "name": "Ana"}]


def test_one_token_is_one_identity_and_joining_again_gives_a_new_token(db, make_workshop):
    opened = room.open_room(db, make_workshop())
    token = participation.join(db, opened.code, "Ana")
    first, second = (participation.participant_view(db, token) for _ in range(2))
    assert first == second and first.name == "Ana"
    again = participation.join(db, opened.code, "Ben")
    assert again != token
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 2


@pytest.mark.parametrize("token", ["forged-token", "", "x" * 65, None, 12345, b"bytes"])
def test_an_unknown_or_malformed_token_is_refused(db, make_workshop, token):
    room.open_room(db, make_workshop())
    with pytest.raises(RoomEnded, match="You are not in a room"):
        participation.participant_view(db, token)


def test_ending_the_room_refuses_its_token_and_its_code_and_drops_the_participants(
        db, make_workshop):
    wid = make_workshop()
    opened = room.open_room(db, wid)
    token = participation.join(db, opened.code, "Ana")
    room.end_room(db, wid, opened.id)
    with pytest.raises(RoomEnded, match="You are not in a room any more"):
        participation.participant_view(db, token)
    with pytest.raises(RoomEnded, match="No open room has that code"):
        participation.join(db, opened.code, "Ben")
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 0
    assert room.open_room_for(db, wid) is None


def test_a_room_idle_for_twelve_hours_refuses_its_token_and_code(db, make_workshop, monkeypatch):
    wid = make_workshop()
    opened = room.open_room(db, wid)
    token = participation.join(db, opened.code, "Ana")
    later = room.time.time() + room.IDLE_SECONDS + 1
    monkeypatch.setattr(room.time, "time", lambda: later)
    with pytest.raises(RoomEnded, match="This room has ended"):
        participation.participant_view(db, token)
    with pytest.raises(RoomEnded, match="No open room has that code"):
        participation.join(db, opened.code, "Ben")
    assert room.open_room_for(db, wid) is None
    assert room.open_room(db, wid).code != opened.code


def test_after_sixty_wrong_codes_in_a_minute_even_the_right_code_is_refused(db, make_workshop,
                                                                            monkeypatch):
    opened = room.open_room(db, make_workshop())
    for _ in range(participation.FAILED_CODES_PER_MINUTE):
        with pytest.raises(RoomEnded, match="No open room has that code"):
            participation.join(db, "ZZZZZZ", "Ana")
    with pytest.raises(RoomError, match="^Too many wrong codes were tried just now"):
        participation.join(db, opened.code, "Ana")
    later = participation.time.time() + 61
    monkeypatch.setattr(participation.time, "time", lambda: later)
    monkeypatch.setattr(room.time, "time", lambda: later)
    assert participation.join(db, opened.code, "Ana")


def test_the_hundred_and_first_participant_is_refused(db, make_workshop):
    opened = room.open_room(db, make_workshop())
    for n in range(room.MAX_PARTICIPANTS):
        participation.join(db, opened.code, f"Person {n}")
    with pytest.raises(RoomError, match="^The room is full: 100 people have joined.$"):
        participation.join(db, opened.code, "One too many")


@pytest.mark.parametrize("second", ["Ana", "ana", " ANA "])
def test_a_name_already_in_the_room_is_refused_whatever_its_case(db, make_workshop, second):
    opened = room.open_room(db, make_workshop())
    participation.join(db, opened.code, "Ana")
    with pytest.raises(RoomError, match="already goes by"):
        participation.join(db, opened.code, second)


@pytest.mark.parametrize("path, refused", [
    (["revealed", "voting", "closed"], None),
    (["revealed", "closed"], None),
    (["voting"], "collecting: it cannot go to voting"),
    (["closed"], "collecting: it cannot go to closed"),
    (["revealed", "collecting"], "revealed: it cannot go to collecting"),
    (["revealed", "voting", "revealed"], "voting: it cannot go to revealed"),
    (["revealed", "closed", "voting"], "closed: it cannot go to voting"),
])
def test_an_ideas_activity_moves_only_along_the_allowed_states(db, make_workshop, path, refused):
    wid = make_workshop()
    _, activity_id, _ = open_ideas_room(db, wid)
    *steps, last = path
    for state in steps:
        room.set_state(db, wid, activity_id, state)
    if refused is None:
        room.set_state(db, wid, activity_id, last)
        assert room.get_activity(db, activity_id).state == last
    else:
        with pytest.raises(RoomError, match=refused):
            room.set_state(db, wid, activity_id, last)


def test_voting_is_not_a_state_for_an_empathy_or_ratings_activity(db, make_workshop):
    from cxcore import personas

    wid = make_workshop()
    opened = room.open_room(db, wid)
    persona = personas.add_persona(db, wid, "Margaret")
    for kind, target in (("empathy", {"persona_id": persona}), ("ratings", {})):
        activity_id = room.start_activity(db, wid, opened.id, kind, **target)
        room.set_state(db, wid, activity_id, "revealed")
        assert room.get_activity(db, activity_id).next_states == ("closed",)
        with pytest.raises(RoomError, match="revealed: it cannot go to voting"):
            room.set_state(db, wid, activity_id, "voting")


def test_voting_moves_the_brainstorm_to_converge(db, make_workshop):
    wid = make_workshop()
    _, activity_id, brainstorm_id = open_ideas_room(db, wid)
    room.set_state(db, wid, activity_id, "revealed")
    room.set_state(db, wid, activity_id, "voting")
    assert brainstorm.get_brainstorm(db, wid, brainstorm_id).phase == "converge"


def test_starting_a_new_activity_closes_and_publishes_the_previous_one(db, make_workshop):
    wid = make_workshop()
    opened, activity_id, brainstorm_id = open_ideas_room(db, wid)
    token = participation.join(db, opened.code, "Ana")
    participation.add_item(db, token, "Pre-fill the form")
    room.start_activity(db, wid, opened.id, "ratings")
    assert room.get_activity(db, activity_id).state == "closed"
    assert [(i.text, i.author) for i in brainstorm.board(db, wid, brainstorm_id).ideas] == [
        ("Pre-fill the form", "Ana")]


def test_every_room_write_changes_the_version(db, make_workshop):
    wid = make_workshop()
    opened, activity_id, _ = open_ideas_room(db, wid)
    seen = [room.version(db, opened.id)]
    token = participation.join(db, opened.code, "Ana")
    seen.append(room.version(db, opened.id))
    item = participation.add_item(db, token, "Pre-fill the form")
    seen.append(room.version(db, opened.id))
    participation.edit_item(db, token, item, "Pre-fill the whole form")
    seen.append(room.version(db, opened.id))
    room.set_option(db, wid, activity_id, "anonymous", True)
    seen.append(room.version(db, opened.id))
    room.set_state(db, wid, activity_id, "revealed")
    seen.append(room.version(db, opened.id))
    assert len(set(seen)) == len(seen)


@pytest.mark.parametrize("kind, target, message", [
    ("quiz", {}, "Unknown activity: quiz."),
    ("journey", {"stage_id": None, "lane": "doing"}, None),
])
def test_an_activity_needs_a_known_kind_and_target(db, make_workshop, kind, target, message):
    from cxcore.text import ValidationError
    from cxcore.workshops import NotFoundError

    wid = make_workshop()
    opened = room.open_room(db, wid)
    with pytest.raises((ValidationError, NotFoundError), match=message):
        room.start_activity(db, wid, opened.id, kind, **target)


def test_open_to_the_room_from_a_step_opens_the_room_and_starts_that_steps_activity(
        db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "How might we speed up onboarding?")
    opened = room.open_to_room(db, wid, "ideas", brainstorm_id=bid)
    activity = room.get_activity(db, opened.activity_id)
    assert (activity.kind, activity.brainstorm_id, activity.state, activity.hidden) == (
        "ideas", bid, "collecting", True)
    assert room.open_room_for(db, wid) == opened


def test_open_to_the_room_again_for_the_running_activity_changes_nothing(db, make_workshop):
    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "How might we speed up onboarding?")
    first = room.open_to_room(db, wid, "ideas", brainstorm_id=bid)
    token = participation.join(db, first.code, "Ana")
    participation.add_item(db, token, "Pre-fill the form")
    again = room.open_to_room(db, wid, "ideas", brainstorm_id=bid)
    assert (again.id, again.activity_id) == (first.id, first.activity_id)
    assert [i.text for i in participation.participant_view(db, token).mine] == [
        "Pre-fill the form"]


def test_open_to_the_room_for_another_step_closes_the_running_activity_and_keeps_its_items(
        db, make_workshop):
    from cxcore import personas

    wid = make_workshop()
    bid = brainstorm.create_brainstorm(db, wid, "How might we speed up onboarding?")
    first = room.open_to_room(db, wid, "ideas", brainstorm_id=bid)
    token = participation.join(db, first.code, "Ana")
    participation.add_item(db, token, "Pre-fill the form")
    pid = personas.add_persona(db, wid, "Tia")
    second = room.open_to_room(db, wid, "empathy", persona_id=pid)
    assert second.id == first.id and second.activity_id != first.activity_id
    assert room.get_activity(db, first.activity_id).state == "closed"
    assert [i.text for i in brainstorm.board(db, wid, bid).ideas] == ["Pre-fill the form"]


def test_the_shell_status_line_names_the_code_the_people_and_what_runs(db, make_workshop):
    wid = make_workshop()
    assert room.status(db, wid).line == "No room open"
    opened = room.open_room(db, wid)
    assert room.status(db, wid).line == f"Room {opened.code} · 0 people · waiting for an activity"
    bid = brainstorm.create_brainstorm(db, wid, "How might we speed up onboarding?")
    room.open_to_room(db, wid, "ideas", brainstorm_id=bid)
    participation.join(db, opened.code, "Ana")
    status = room.status(db, wid)
    assert status.line == f"Room {opened.code} · 1 person · Brainstorm ideas · collecting"
    assert status.runs("ideas", brainstorm_id=bid)
    assert not status.runs("ideas", brainstorm_id=bid + 1)
    assert not status.runs("ratings")
