"""What a participant may do in the live room, and what their phone and the projector may see.

A participant is a row with a server-issued random token; every call here starts from that
token and checks, inside one write transaction, that the room is open, that the activity takes
this kind of input now, that the item is theirs, and the room's limits (dot budget and the most
dots on one item, 100 people, text length, 30 items a minute). Two taps at once queue on the
write lock, so nobody can overspend.
"""
from __future__ import annotations

import secrets
import statistics
import time
from dataclasses import dataclass, field

import sqlite_utils

from . import brainstorm, cards, empathy, ideas, journeys, ranking, workshops
from . import db as store
from .room import (ANONYMOUS, MAX_PARTICIPANTS, Activity, Room, RoomEnded, RoomError,
                   _bump, _is_live, _room, get_activity, normalise_code, target_label)
from .text import ValidationError, clean_int, clean_text

NAME_MAX = 40
TOKEN_MAX = 64
ITEMS_PER_MINUTE = 30
FAILED_CODES_PER_MINUTE = 60
ITEM_MAX = {"ideas": brainstorm.IDEA_MAX, "empathy": empathy.NOTE_MAX,
            "journey": journeys.ENTRY_MAX}
ITEM_NOUN = {"ideas": "idea", "empathy": "note", "journey": "entry"}


@dataclass(frozen=True)
class Item:
    id: int
    text: str
    quadrant: str = ""
    author: str = ""
    mine: bool = False
    status: str = "published"


@dataclass(frozen=True)
class VoteOption:
    idea_id: int
    text: str
    my_dots: int
    total: int | None  # None while the votes are hidden


@dataclass(frozen=True)
class RateOption:
    card_id: int
    number: int
    sentence: str
    mine: tuple[int | None, int | None]
    facilitator: tuple[int | None, int | None]
    stats: tuple["Spread | None", "Spread | None"] | None  # None while hidden


@dataclass(frozen=True)
class Spread:
    mean: float
    low: int
    high: int
    count: int

    @property
    def label(self) -> str:
        span = f"{self.low}" if self.low == self.high else f"{self.low}-{self.high}"
        people = "rating" if self.count == 1 else "ratings"
        return f"{self.mean:.1f} (range {span}, {self.count} {people})"


@dataclass(frozen=True)
class RoomView:
    """What one screen of the room shows. Built only from what that screen may see."""
    room: Room
    activity: Activity | None
    prompt: str = ""
    participants: int = 0
    ready: int = 0
    item_count: int = 0
    items: list[Item] = field(default_factory=list)        # everything this screen may see
    mine: list[Item] = field(default_factory=list)         # a participant's own items
    moderation: list[Item] = field(default_factory=list)   # the facilitator's own screen only
    provocations: list[tuple[int, str]] = field(default_factory=list)
    technique: str = ""
    votes: list[VoteOption] = field(default_factory=list)
    dots_left: int = 0
    ratings: list[RateOption] = field(default_factory=list)
    name: str = ""
    is_ready: bool = False

    @property
    def shows_items(self) -> bool:
        a = self.activity
        return a is not None and (a.state != "collecting" or not a.hidden)

    @property
    def needs_name(self) -> bool:
        return self.activity is not None and not self.activity.anonymous and not self.name


def _now() -> float:
    return time.time()


# ---- joining

def _failed_attempts(db: sqlite_utils.Database, kind: str, now: float) -> int:
    db.execute("DELETE FROM access_failures WHERE at < ?", [now - 60])
    return db.execute("SELECT COUNT(*) FROM access_failures WHERE kind = ? AND at >= ?",
                      [kind, now - 60]).fetchone()[0]


def _live_room_by_code(db: sqlite_utils.Database, code: str, now: float) -> Room | None:
    rows = list(db["rooms"].rows_where("code = ?", [code]))
    if not rows:
        return None
    room = _room(rows[0])
    return room if _is_live(room, now) else None


def _clean_name(name: object) -> str:
    return clean_text(name, field="Your name", max_length=NAME_MAX)


def _check_name_free(db: sqlite_utils.Database, room_id: int, name: str,
                     participant_id: int | None = None) -> None:
    if not name:
        return
    for row in db.execute("SELECT id, name FROM participants WHERE room_id = ?", [room_id]):
        if row[0] != participant_id and ranking.same_voter(row[1], name):
            raise RoomError(f"Someone in the room already goes by {name}: add an initial.")


def join(db: sqlite_utils.Database, code: object, name: object = "") -> str:
    """Join the open room with this code; returns the participant's new token."""
    cleaned_code, cleaned_name = normalise_code(code), _clean_name(name)
    now = _now()
    with store.write(db):
        if _failed_attempts(db, "code", now) >= FAILED_CODES_PER_MINUTE:
            raise RoomError("Too many wrong codes were tried just now: wait a minute and try "
                            "again.")
        room = _live_room_by_code(db, cleaned_code, now) if cleaned_code else None
        if room is None:  # committed, then refused: raising inside the write would roll it back
            db["access_failures"].insert({"kind": "code", "at": now})
        else:
            token = _add_participant(db, room, cleaned_name, now)
    if room is None:
        raise RoomEnded("No open room has that code. Check it on the screen: the room may "
                        "have ended.")
    return token


def _add_participant(db: sqlite_utils.Database, room: Room, name: str, now: float) -> str:
    count = db.execute("SELECT COUNT(*) FROM participants WHERE room_id = ?",
                       [room.id]).fetchone()[0]
    if count >= MAX_PARTICIPANTS:
        raise RoomError(f"The room is full: {MAX_PARTICIPANTS} people have joined.")
    _check_name_free(db, room.id, name)
    token = secrets.token_urlsafe(24)
    db["participants"].insert({"room_id": room.id, "token": token, "name": name,
                               "joined": now, "last_seen": now})
    _bump(db, room.id)
    return token


@dataclass(frozen=True)
class _Me:
    id: int
    name: str
    room: Room
    activity: Activity | None


def _me(db: sqlite_utils.Database, token: object) -> _Me:
    if not isinstance(token, str) or not 0 < len(token) <= TOKEN_MAX:
        raise RoomEnded("You are not in a room: join with the code on the screen.")
    row = db.execute("SELECT id, name, room_id FROM participants WHERE token = ?",
                     [token]).fetchone()
    if row is None:
        raise RoomEnded("You are not in a room any more: the room has ended, or join again "
                        "with the code on the screen.")
    room = _room(next(db["rooms"].rows_where("id = ?", [row[2]])))
    if not _is_live(room, _now()):
        raise RoomEnded("This room has ended. Thank you for taking part!")
    return _Me(row[0], row[1], room, get_activity(db, room.activity_id))


def is_participant(db: sqlite_utils.Database, token: object) -> bool:
    try:
        _me(db, token)
    except RoomEnded:
        return False
    return True


def set_name(db: sqlite_utils.Database, token: str, name: object) -> None:
    cleaned = _clean_name(name)
    if not cleaned:
        raise ValidationError("Your name cannot be empty.")
    with store.write(db):
        me = _me(db, token)
        _check_name_free(db, me.room.id, cleaned, me.id)
        db.execute("UPDATE participants SET name = ? WHERE id = ?", [cleaned, me.id])
        _bump(db, me.room.id)


def _activity_for(me: _Me, *kinds: str) -> Activity:
    activity = me.activity
    if activity is None or activity.kind not in kinds:
        raise RoomError("The facilitator has moved on: this activity is not open any more.")
    return activity


def _author(me: _Me, activity: Activity) -> str:
    if activity.anonymous:
        return ANONYMOUS
    if not me.name:
        raise RoomError("Give your name first: this activity shows who added what.")
    return me.name


def _take_rate_slot(db: sqlite_utils.Database, me: _Me, now: float) -> None:
    start, count = db.execute("SELECT window_start, window_count FROM participants WHERE id = ?",
                              [me.id]).fetchone()
    if now - start >= 60:
        start, count = now, 0
    if count >= ITEMS_PER_MINUTE:
        raise RoomError(f"That is {ITEMS_PER_MINUTE} items in a minute: wait a few seconds, "
                        "then add the next one.")
    db.execute("UPDATE participants SET window_start = ?, window_count = ?, last_seen = ?"
               " WHERE id = ?", [start, count + 1, now, me.id])


# ---- items

def add_item(db: sqlite_utils.Database, token: str, text: object, *, quadrant: str = "",
             provocation_id: int | None = None) -> int:
    """Add an idea, empathy note or journey entry to the open activity."""
    with store.write(db):
        me = _me(db, token)
        activity = _activity_for(me, "ideas", "empathy", "journey")
        if not activity.takes_items:
            raise RoomError("The facilitator has closed this activity to new items.")
        noun = ITEM_NOUN[activity.kind]
        cleaned = clean_text(text, field=f"Your {noun}", max_length=ITEM_MAX[activity.kind],
                             required=True)
        workshop_id = me.room.workshop_id
        if activity.kind == "empathy":
            empathy._check_quadrant(quadrant)
        else:
            quadrant = ""
        if activity.kind == "ideas" and provocation_id is not None:
            row = workshops.owned_row(db, "provocations", workshop_id, provocation_id,
                                      "provocation")
            if row["brainstorm_id"] != activity.brainstorm_id:
                raise RoomError("That provocation belongs to another brainstorm.")
        elif activity.kind != "ideas":
            provocation_id = None
        author = _author(me, activity)
        now = _now()
        _take_rate_slot(db, me, now)
        item_id = db["room_items"].insert({
            "activity_id": activity.id, "participant_id": me.id, "text": cleaned,
            "quadrant": quadrant, "provocation_id": provocation_id, "author": author,
            "status": "pending", "created": now}).last_pk
        publish(db, workshop_id, activity)
        _bump(db, me.room.id)
    return item_id


def _my_item(db: sqlite_utils.Database, me: _Me, item_id: object) -> tuple[Activity, dict]:
    activity = _activity_for(me, "ideas", "empathy", "journey")
    rows = list(db["room_items"].rows_where("id = ? AND activity_id = ? AND participant_id = ?",
                                            [item_id, activity.id, me.id]))
    if not rows:
        raise RoomError("That item is not yours, or it is gone.")
    if activity.state != "collecting":
        raise RoomError("The items are revealed: they can no longer be changed here.")
    return activity, rows[0]


def edit_item(db: sqlite_utils.Database, token: str, item_id: int, text: object) -> None:
    with store.write(db):
        me = _me(db, token)
        activity, row = _my_item(db, me, item_id)
        cleaned = clean_text(text, field=f"Your {ITEM_NOUN[activity.kind]}",
                             max_length=ITEM_MAX[activity.kind], required=True)
        db.execute("UPDATE room_items SET text = ? WHERE id = ?", [cleaned, item_id])
        if row["status"] == "published":
            _edit_artefact(db, me.room.workshop_id, activity, row["published_id"], cleaned)
        _bump(db, me.room.id)


def delete_item(db: sqlite_utils.Database, token: str, item_id: int) -> None:
    with store.write(db):
        me = _me(db, token)
        activity, row = _my_item(db, me, item_id)
        db.execute("DELETE FROM room_items WHERE id = ?", [item_id])
        if row["status"] == "published":
            _edit_artefact(db, me.room.workshop_id, activity, row["published_id"], None)
        _bump(db, me.room.id)


_ARTEFACT = {"ideas": "ideas", "empathy": "empathy_notes", "journey": "journey_entries"}


def _edit_artefact(db: sqlite_utils.Database, workshop_id: int, activity: Activity,
                   row_id: int, text: str | None) -> None:
    """Follow a participant's edit (or delete, ``text`` None) into the published artefact."""
    exists = db.execute(f"SELECT 1 FROM {_ARTEFACT[activity.kind]} WHERE id = ? AND"
                        " workshop_id = ?", [row_id, workshop_id]).fetchone()
    if not exists:  # the facilitator removed it already
        return
    if activity.kind == "ideas":
        if text is None:
            ideas.delete_idea(db, workshop_id, row_id)
        else:
            ideas.update_idea(db, workshop_id, row_id, "text", text)
    elif activity.kind == "empathy":
        if text is None:
            empathy.delete_note(db, workshop_id, row_id)
        else:
            empathy.edit_note(db, workshop_id, row_id, text)
    elif text is None:
        journeys.delete_entry(db, workshop_id, row_id)
    else:
        journeys.update_entry(db, workshop_id, row_id, text)


def moderate(db: sqlite_utils.Database, workshop_id: int, item_id: int, action: str) -> None:
    """The facilitator hides, shows again or deletes a room item before it is revealed."""
    from .room import _owned_activity

    if action not in ("hide", "show", "delete"):
        raise ValidationError(f"Unknown moderation: {action}.")
    with store.write(db):
        rows = list(db["room_items"].rows_where("id = ?", [item_id]))
        if not rows:
            raise workshops.NotFoundError(f"There is no room item with id {item_id}.")
        room, activity = _owned_activity(db, workshop_id, rows[0]["activity_id"])
        if rows[0]["status"] == "published":
            raise RoomError("That item is already in the workshop: edit or delete it on the "
                            "step's page.")
        if action == "delete":
            db.execute("DELETE FROM room_items WHERE id = ?", [item_id])
        else:
            db.execute("UPDATE room_items SET status = ? WHERE id = ?",
                       ["hidden" if action == "hide" else "pending", item_id])
        _bump(db, room.id)


# ---- dot votes

def _dots(db: sqlite_utils.Database, activity_id: int, participant_id: int) -> dict[int, int]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT idea_id, dots FROM room_votes WHERE activity_id = ? AND participant_id = ?",
        [activity_id, participant_id])}


def vote(db: sqlite_utils.Database, token: str, idea_id: int, change: int = 1) -> None:
    """Place (+1) or take back (-1) one dot on an idea, within the budget and the cap."""
    if change not in (1, -1):
        raise ValidationError("A vote places or takes back one dot.")
    with store.write(db):
        me = _me(db, token)
        activity = _activity_for(me, "ideas")
        if activity.state != "voting":
            raise RoomError("Voting is not open: wait for the facilitator to start it.")
        idea = workshops.owned_row(db, "ideas", me.room.workshop_id, idea_id, "idea")
        if idea["brainstorm_id"] != activity.brainstorm_id or idea["merged_into_id"] is not None:
            raise RoomError("That idea is not on the ballot.")
        mine = _dots(db, activity.id, me.id)
        on_idea = mine.get(idea_id, 0)
        if change == 1:
            used = sum(mine.values())
            if used >= activity.dot_budget:
                raise RoomError(f"You have placed all {activity.dot_budget} of your dots: take "
                                "one back to move it.")
            if on_idea >= activity.dot_cap:
                raise RoomError(f"At most {activity.dot_cap} dots can go on one idea.")
        elif on_idea == 0:
            raise RoomError("You have no dot on that idea.")
        if on_idea + change == 0:
            db.execute("DELETE FROM room_votes WHERE activity_id = ? AND participant_id = ?"
                       " AND idea_id = ?", [activity.id, me.id, idea_id])
        elif change == -1:  # an upsert of -1 would fail the table's CHECK (dots >= 1)
            db.execute("UPDATE room_votes SET dots = dots - 1 WHERE activity_id = ? AND"
                       " participant_id = ? AND idea_id = ?", [activity.id, me.id, idea_id])
        else:
            db.execute("INSERT INTO room_votes (activity_id, participant_id, idea_id, dots)"
                       " VALUES (?, ?, ?, ?) ON CONFLICT (activity_id, participant_id, idea_id)"
                       " DO UPDATE SET dots = dots + ?",
                       [activity.id, me.id, idea_id, change, change])
        _bump(db, me.room.id)


def check_budget(db: sqlite_utils.Database, activity: Activity, budget: int) -> None:
    row = db.execute("SELECT MAX(total) FROM (SELECT SUM(dots) AS total FROM room_votes"
                     " WHERE activity_id = ? GROUP BY participant_id)", [activity.id]).fetchone()
    if row[0] and row[0] > budget:
        raise RoomError(f"Someone has already placed {row[0]} dots: the budget cannot go "
                        f"below {row[0]}.")


def check_cap(db: sqlite_utils.Database, activity: Activity, cap: int) -> None:
    row = db.execute("SELECT MAX(dots) FROM room_votes WHERE activity_id = ?",
                     [activity.id]).fetchone()
    if row[0] and row[0] > cap:
        raise RoomError(f"Someone has already placed {row[0]} dots on one idea: the most per "
                        f"idea cannot go below {row[0]}.")


# ---- card ratings

def _ratable(db: sqlite_utils.Database, workshop_id: int) -> list[cards.Card]:
    return [c for c in cards.rank(cards.list_cards(db, workshop_id))
            if not c.is_draft and not c.is_retired]


def rate(db: sqlite_utils.Database, token: str, card_id: int, which: str,
         value: int | None) -> None:
    """Rate a card 1-5 on customer or business value (None clears it) while ratings collect."""
    if which not in cards.VALUES:
        raise ValidationError(f"Unknown value: {which}.")
    if value is not None:
        value = clean_int(value, field=cards.VALUE_LABELS[which], low=1, high=5)
    with store.write(db):
        me = _me(db, token)
        activity = _activity_for(me, "ratings")
        if activity.state != "collecting":
            raise RoomError("The ratings are revealed: they can no longer be changed.")
        if not activity.anonymous and not me.name:
            raise RoomError("Give your name first: this activity shows who rated what.")
        if card_id not in {c.id for c in _ratable(db, me.room.workshop_id)}:
            raise RoomError("That card is not up for rating.")
        db.execute(f"INSERT INTO room_ratings (activity_id, participant_id, card_id, {which})"
                   " VALUES (?, ?, ?, ?) ON CONFLICT (activity_id, participant_id, card_id)"
                   f" DO UPDATE SET {which} = excluded.{which}",
                   [activity.id, me.id, card_id, value])
        _bump(db, me.room.id)


def set_ready(db: sqlite_utils.Database, token: str, ready: bool = True) -> None:
    """Say "I'm done" (or not) for the open activity; the room sees only the count."""
    with store.write(db):
        me = _me(db, token)
        if me.activity is None:
            raise RoomError("There is nothing open to be done with yet.")
        if ready:
            db.execute("INSERT OR IGNORE INTO room_ready (activity_id, participant_id)"
                       " VALUES (?, ?)", [me.activity.id, me.id])
        else:
            db.execute("DELETE FROM room_ready WHERE activity_id = ? AND participant_id = ?",
                       [me.activity.id, me.id])
        _bump(db, me.room.id)


# ---- publishing into the workshop

def publish(db: sqlite_utils.Database, workshop_id: int, activity: Activity | None, *,
            closing: bool = False) -> None:
    """Turn what the room staged into ordinary artefacts, as far as the activity's state allows.

    Items go in once they may be seen (revealed, not hidden, or the activity ends); dots and
    ratings go in when the vote or the rating round is over. Call inside the write transaction.
    """
    if activity is None:
        return
    state = activity.state
    if activity.kind in ITEM_NOUN and (closing or state != "collecting" or not activity.hidden):
        for row in list(db["room_items"].rows_where("activity_id = ? AND status = 'pending'",
                                                    [activity.id], order_by="id")):
            published = _publish_item(db, workshop_id, activity, row)
            db.execute("UPDATE room_items SET status = 'published', published_id = ? WHERE id = ?",
                       [published, row["id"]])
    if activity.kind == "ideas" and (closing or state == "closed"):
        _publish_votes(db, workshop_id, activity)
    if activity.kind == "ratings" and (closing or state != "collecting"):
        _publish_ratings(db, workshop_id, activity)


def _publish_item(db: sqlite_utils.Database, workshop_id: int, activity: Activity,
                  row: dict) -> int:
    if activity.kind == "ideas":
        provocation = row["provocation_id"]
        return ideas.add_idea(db, workshop_id, activity.brainstorm_id, row["text"],
                              author=row["author"], provocation_id=provocation)
    if activity.kind == "empathy":
        return empathy.add_note(db, workshop_id, activity.persona_id, row["quadrant"],
                                row["text"], author=row["author"])
    return journeys.add_entry(db, workshop_id, activity.stage_id, activity.lane, row["text"],
                              author=row["author"])


def _voter_labels(db: sqlite_utils.Database, activity: Activity) -> dict[int, str]:
    """The name each voter's dots carry: their name, or "Anonymous N" (never their token)."""
    taken = [r[0] for r in db.execute(
        "SELECT v.voter FROM votes v JOIN ideas i ON i.id = v.idea_id WHERE i.brainstorm_id = ?",
        [activity.brainstorm_id])]
    labels: dict[int, str] = {}
    for (participant_id, name) in db.execute(
            "SELECT DISTINCT v.participant_id, p.name FROM room_votes v LEFT JOIN participants p"
            " ON p.id = v.participant_id WHERE v.activity_id = ? ORDER BY v.participant_id",
            [activity.id]).fetchall():
        label = name if name and not activity.anonymous else ranking.next_anonymous(taken)
        labels[participant_id] = label
        taken.append(label)
    return labels


def _publish_votes(db: sqlite_utils.Database, workshop_id: int, activity: Activity) -> None:
    labels = _voter_labels(db, activity)
    for row in list(db["room_votes"].rows_where("activity_id = ?", [activity.id], order_by="id")):
        idea_id = row["idea_id"]
        kept = db.execute("SELECT merged_into_id FROM ideas WHERE id = ?", [idea_id]).fetchone()
        while kept and kept[0] is not None:  # merged since the vote: the dots follow the idea
            idea_id = kept[0]
            kept = db.execute("SELECT merged_into_id FROM ideas WHERE id = ?", [idea_id]).fetchone()
        ideas.place_dots(db, workshop_id, idea_id, labels[row["participant_id"]], row["dots"])
    db.execute("DELETE FROM room_votes WHERE activity_id = ?", [activity.id])


def _publish_ratings(db: sqlite_utils.Database, workshop_id: int, activity: Activity) -> None:
    stamp = workshops.now()
    for row in db.execute(
            "SELECT r.card_id, r.customer_value, r.business_value, p.name FROM room_ratings r"
            " LEFT JOIN participants p ON p.id = r.participant_id WHERE r.activity_id = ?"
            " AND (r.customer_value IS NOT NULL OR r.business_value IS NOT NULL) ORDER BY r.id",
            [activity.id]).fetchall():
        card_id, customer, business, name = row
        rater = ANONYMOUS if activity.anonymous or not name else name
        db["card_ratings"].insert({"workshop_id": workshop_id, "card_id": card_id,
                                   "rater": rater, "customer_value": customer,
                                   "business_value": business, "created": stamp})
    db.execute("DELETE FROM room_ratings WHERE activity_id = ?", [activity.id])
    workshops.touch(db, workshop_id)


# ---- what a screen may see

def spread(values: list[int]) -> Spread | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return Spread(round(statistics.fmean(values), 2), min(values), max(values), len(values))


def card_spreads(db: sqlite_utils.Database, workshop_id: int) -> dict[int, tuple]:
    """Each card's published room ratings: (customer Spread, business Spread) by card id."""
    values: dict[int, tuple[list, list]] = {}
    for card_id, customer, business in db.execute(
            "SELECT card_id, customer_value, business_value FROM card_ratings"
            " WHERE workshop_id = ?", [workshop_id]):
        pair = values.setdefault(card_id, ([], []))
        pair[0].append(customer)
        pair[1].append(business)
    return {card_id: (spread(c), spread(b)) for card_id, (c, b) in values.items()}


def _counts(db: sqlite_utils.Database, room: Room, activity: Activity | None) -> dict:
    participants = db.execute("SELECT COUNT(*) FROM participants WHERE room_id = ?",
                              [room.id]).fetchone()[0]
    if activity is None:
        return {"participants": participants}
    ready = db.execute("SELECT COUNT(*) FROM room_ready WHERE activity_id = ?",
                       [activity.id]).fetchone()[0]
    items = db.execute("SELECT COUNT(*) FROM room_items WHERE activity_id = ?"
                       " AND status != 'hidden'", [activity.id]).fetchone()[0]
    return {"participants": participants, "ready": ready, "item_count": items}


def _shared_items(db: sqlite_utils.Database, room: Room, activity: Activity,
                  me: int | None) -> list[Item]:
    """Every item of the activity that the room may see now (call only when it may)."""
    workshop_id = room.workshop_id
    authors = {r[0]: r[1] for r in db.execute(
        "SELECT published_id, participant_id FROM room_items WHERE activity_id = ?"
        " AND status = 'published'", [activity.id])}
    pending = [Item(r["id"], r["text"], r["quadrant"], r["author"],
                    me is not None and r["participant_id"] == me, "pending")
               for r in db["room_items"].rows_where("activity_id = ? AND status = 'pending'",
                                                    [activity.id], order_by="id")]
    if activity.kind == "ideas":
        current = brainstorm.board(db, workshop_id, activity.brainstorm_id)
        published = [Item(i.id, i.text, "", i.author, me is not None and authors.get(i.id) == me)
                     for i in current.live_ideas]
    elif activity.kind == "empathy":
        notes = empathy.board(db, workshop_id, activity.persona_id)
        published = [Item(n.id, n.text, n.quadrant, "",
                          me is not None and authors.get(n.id) == me)
                     for quadrant in empathy.QUADRANTS for n in notes[quadrant]]
    else:
        published = [Item(r["id"], r["text"], "", r["author"],
                          me is not None and authors.get(r["id"]) == me)
                     for r in db["journey_entries"].rows_where(
                         "stage_id = ? AND lane = ?", [activity.stage_id, activity.lane],
                         order_by="position, id")]
    return published + pending


def _vote_options(db: sqlite_utils.Database, room: Room, activity: Activity,
                  me: int | None) -> tuple[list[VoteOption], int]:
    current = brainstorm.board(db, room.workshop_id, activity.brainstorm_id)
    mine = _dots(db, activity.id, me) if me is not None else {}
    shown = activity.state == "closed" or not activity.hidden
    staged = {r[0]: r[1] for r in db.execute(
        "SELECT idea_id, SUM(dots) FROM room_votes WHERE activity_id = ? GROUP BY idea_id",
        [activity.id])}
    options = [VoteOption(i.id, i.flipped or i.text, mine.get(i.id, 0),
                          i.votes + staged.get(i.id, 0) if shown else None)
               for i in current.live_ideas]
    return options, max(activity.dot_budget - sum(mine.values()), 0)


def _rate_options(db: sqlite_utils.Database, room: Room, activity: Activity,
                  me: int | None) -> list[RateOption]:
    mine: dict[int, tuple] = {}
    staged: dict[int, tuple[list, list]] = {}
    for card_id, participant, customer, business in db.execute(
            "SELECT card_id, participant_id, customer_value, business_value FROM room_ratings"
            " WHERE activity_id = ?", [activity.id]):
        if participant == me:
            mine[card_id] = (customer, business)
        pair = staged.setdefault(card_id, ([], []))
        pair[0].append(customer)
        pair[1].append(business)
    shown = activity.state != "collecting" or not activity.hidden
    published = card_spreads(db, room.workshop_id) if shown else {}
    options = []
    for card in _ratable(db, room.workshop_id):
        stats = None
        if shown:
            stats = published.get(card.id) or (spread(staged.get(card.id, ([], []))[0]),
                                               spread(staged.get(card.id, ([], []))[1]))
        options.append(RateOption(card.id, card.number, card.sentence,
                                  mine.get(card.id, (None, None)),
                                  (card.customer_value, card.business_value), stats))
    return options


def _view(db: sqlite_utils.Database, room: Room, activity: Activity | None, *,
          me: _Me | None = None, moderation: bool = False) -> RoomView:
    counts = _counts(db, room, activity)
    if activity is None:
        return RoomView(room, None, name=me.name if me else "", **counts)
    workshop_id = room.workshop_id
    me_id = me.id if me else None
    extra: dict = {}
    if activity.kind in ITEM_NOUN:
        visible = activity.state != "collecting" or not activity.hidden
        if visible:
            extra["items"] = _shared_items(db, room, activity, me_id)
        if me is not None:
            extra["mine"] = [Item(r["id"], r["text"], r["quadrant"], r["author"], True,
                                  r["status"]) for r in db["room_items"].rows_where(
                "activity_id = ? AND participant_id = ?", [activity.id, me.id], order_by="id")]
        if moderation and activity.state == "collecting":
            extra["moderation"] = [Item(r["id"], r["text"], r["quadrant"], r["author"], False,
                                        r["status"]) for r in db["room_items"].rows_where(
                "activity_id = ? AND status != 'published'", [activity.id], order_by="id")]
    if activity.kind == "ideas":
        item = brainstorm.get_brainstorm(db, workshop_id, activity.brainstorm_id)
        extra["technique"] = item.technique
        extra["provocations"] = [(p.id, p.text) for p in
                                 brainstorm.board(db, workshop_id, item.id).provocations]
        if activity.state in ("voting", "closed"):
            extra["votes"], extra["dots_left"] = _vote_options(db, room, activity, me_id)
    if activity.kind == "ratings":
        extra["ratings"] = _rate_options(db, room, activity, me_id)
    is_ready = me is not None and db.execute(
        "SELECT 1 FROM room_ready WHERE activity_id = ? AND participant_id = ?",
        [activity.id, me.id]).fetchone() is not None
    return RoomView(room, activity, target_label(db, workshop_id, activity),
                    name=me.name if me else "", is_ready=is_ready, **counts, **extra)


def participant_view(db: sqlite_utils.Database, token: str) -> RoomView:
    """What this participant's phone shows: the open activity, their own items, and what the
    room may see (nothing hidden, nobody else's votes)."""
    me = _me(db, token)
    return _view(db, me.room, me.activity, me=me)


def facilitator_view(db: sqlite_utils.Database, workshop_id: int, *,
                     moderation: bool = False) -> RoomView | None:
    """What the room's screen shows (the projector: hidden items only as counts).
    ``moderation`` adds the unrevealed items, for the facilitator's own screen only."""
    from .room import open_room_for

    room = open_room_for(db, workshop_id)
    if room is None:
        return None
    return _view(db, room, get_activity(db, room.activity_id), moderation=moderation)


