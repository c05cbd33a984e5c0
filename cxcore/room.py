"""The live room: a join code for a workshop, the activity the facilitator has open, its state.

Everything about a room lives in the database (``rooms``, ``room_activities``, ``participants``
...), so every session, phone and app server sees the same room. Every rule is checked here,
inside the write transaction; pages only draw what these functions return.

An activity moves through states the facilitator controls: ``collecting`` (participants add
items; hidden ones are seen only by their author), ``revealed`` (every item is published into the
workshop and shown to all), ``voting`` (brainstorms only: dot votes), ``closed`` (no more input;
votes and ratings land in the workshop). What the room adds is *staged* in ``room_items``,
``room_votes`` and ``room_ratings`` and only becomes an ordinary artefact when it is revealed,
so a hidden item cannot reach the facilitator's pages, the projector or the exports early.
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import sqlite_utils

from . import brainstorm, journeys, personas, workshops
from . import db as store
from .text import ValidationError

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I/L: nothing to misread
CODE_LENGTH = 6
IDLE_SECONDS = 12 * 3600
MAX_PARTICIPANTS = 100
KINDS = {"ideas": "Brainstorm ideas", "empathy": "Empathy map notes",
         "journey": "Journey map entries", "ratings": "Rate the design cards"}
STATES = ("collecting", "revealed", "voting", "closed")
STATE_LABELS = {"collecting": "Collecting", "revealed": "Revealed", "voting": "Voting",
                "closed": "Closed"}
OPTIONS = ("hidden", "anonymous", "dot_budget", "dot_cap")
ANONYMOUS = "Anonymous"


class RoomError(ValidationError):
    """A room action that is not allowed now; the message is shown to the person as it is."""


class RoomEnded(RoomError):
    """The code or token belongs to no open room (ended, idle too long, or never existed)."""


@dataclass(frozen=True)
class Room:
    id: int
    workshop_id: int
    code: str
    status: str
    activity_id: int | None
    version: int
    created: float
    last_active: float
    ended: float | None = None


@dataclass(frozen=True)
class Activity:
    id: int
    room_id: int
    kind: str
    brainstorm_id: int | None
    persona_id: int | None
    stage_id: int | None
    lane: str | None
    state: str
    hidden: bool
    anonymous: bool
    dot_budget: int
    dot_cap: int
    started: float

    @property
    def takes_items(self) -> bool:
        return self.kind != "ratings" and self.state in ("collecting", "revealed")

    @property
    def next_states(self) -> tuple[str, ...]:
        """Where the facilitator can take the activity from here."""
        if self.state == "collecting":
            return ("revealed",)
        if self.state == "revealed":
            return ("voting", "closed") if self.kind == "ideas" else ("closed",)
        if self.state == "voting":
            return ("closed",)
        return ()


def _now() -> float:
    return time.time()


def normalise_code(code: object) -> str:
    if not isinstance(code, str):
        return ""
    return "".join(code.split()).replace("-", "").upper()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


# ---- reading

def _room(row: dict) -> Room:
    return Room(**{k: row[k] for k in Room.__dataclass_fields__})


def _activity(row: dict) -> Activity:
    values = {k: row[k] for k in Activity.__dataclass_fields__}
    values["hidden"], values["anonymous"] = bool(values["hidden"]), bool(values["anonymous"])
    return Activity(**values)


def _is_live(room: Room, now: float) -> bool:
    return room.status == "open" and now - room.last_active < IDLE_SECONDS


def open_room_for(db: sqlite_utils.Database, workshop_id: int) -> Room | None:
    """The workshop's open room, or None (a room idle for 12 hours counts as ended)."""
    rows = list(db["rooms"].rows_where("workshop_id = ? AND status = 'open'", [workshop_id],
                                       order_by="id DESC", limit=1))
    if not rows:
        return None
    room = _room(rows[0])
    return room if _is_live(room, _now()) else None


def get_activity(db: sqlite_utils.Database, activity_id: int | None) -> Activity | None:
    if activity_id is None:
        return None
    rows = list(db["room_activities"].rows_where("id = ?", [activity_id]))
    return _activity(rows[0]) if rows else None


def version(db: sqlite_utils.Database, room_id: int) -> tuple:
    """A cheap fingerprint of everything a room's screens show: it changes when they should
    redraw (room writes bump ``version``; facilitator edits change the workshop's ``updated``)."""
    row = db.execute("SELECT r.version, r.status, w.updated FROM rooms r JOIN workshops w"
                     " ON w.id = r.workshop_id WHERE r.id = ?", [room_id]).fetchone()
    return tuple(row) if row else ()


def _bump(db: sqlite_utils.Database, room_id: int) -> None:
    db.execute("UPDATE rooms SET version = version + 1, last_active = ? WHERE id = ?",
               [_now(), room_id])


# ---- the facilitator

def open_room(db: sqlite_utils.Database, workshop_id: int) -> Room:
    """Open the workshop to the room: its open room, or a new one with a fresh code."""
    with store.write(db):
        workshops.get(db, workshop_id)
        existing = open_room_for(db, workshop_id)
        if existing:
            return existing
        _end_stale(db, workshop_id)
        taken = {r[0] for r in db.execute("SELECT code FROM rooms")}
        code = new_code()
        while code in taken:  # codes are never reused, even after a room ends
            code = new_code()
        now = _now()
        room_id = db["rooms"].insert({"workshop_id": workshop_id, "code": code,
                                      "status": "open", "version": 1, "created": now,
                                      "last_active": now}).last_pk
    return _room(next(db["rooms"].rows_where("id = ?", [room_id])))


def _end_stale(db: sqlite_utils.Database, workshop_id: int) -> None:
    """Rooms of this workshop left idle past 12 hours end for good (their code stops working)."""
    for row in list(db["rooms"].rows_where("workshop_id = ? AND status = 'open'",
                                           [workshop_id])):
        _finish(db, _room(row))


def _owned_room(db: sqlite_utils.Database, workshop_id: int, room_id: int) -> Room:
    rows = list(db["rooms"].rows_where("id = ? AND workshop_id = ?", [room_id, workshop_id]))
    if not rows:
        raise workshops.NotFoundError(f"There is no room with id {room_id}.")
    room = _room(rows[0])
    if not _is_live(room, _now()):
        raise RoomEnded("This room has ended: open a new one.")
    return room


def end_room(db: sqlite_utils.Database, workshop_id: int, room_id: int) -> None:
    """End the room: its code stops working at once, and what the room added but nobody has
    revealed yet is kept in the workshop (nothing the room wrote is lost)."""
    with store.write(db):
        room = _owned_room(db, workshop_id, room_id)
        _finish(db, room)
        workshops.touch(db, workshop_id)


def _finish(db: sqlite_utils.Database, room: Room) -> None:
    from . import participation

    activity = get_activity(db, room.activity_id)
    if activity is not None and activity.state != "closed":
        participation.publish(db, room.workshop_id, activity, closing=True)
    db.execute("UPDATE rooms SET status = 'ended', ended = ?, activity_id = NULL,"
               " version = version + 1 WHERE id = ?", [_now(), room.id])
    # Tokens die with the room; the published artefacts keep only the names people gave.
    db.execute("DELETE FROM participants WHERE room_id = ?", [room.id])


def _check_target(db: sqlite_utils.Database, workshop_id: int, kind: str,
                  brainstorm_id: int | None, persona_id: int | None, stage_id: int | None,
                  lane: str | None) -> dict:
    if kind not in KINDS:
        raise ValidationError(f"Unknown activity: {kind}.")
    if kind == "ideas":
        brainstorm.get_brainstorm(db, workshop_id, brainstorm_id)  # type: ignore[arg-type]
        return {"brainstorm_id": brainstorm_id}
    if kind == "empathy":
        personas.get_persona(db, workshop_id, persona_id)  # type: ignore[arg-type]
        return {"persona_id": persona_id}
    if kind == "journey":
        workshops.owned_row(db, "journey_stages", workshop_id, stage_id, "stage")
        if lane not in journeys.LANES:
            raise ValidationError("Pick the lane the room adds to.")
        return {"stage_id": stage_id, "lane": lane}
    return {}


def start_activity(db: sqlite_utils.Database, workshop_id: int, room_id: int, kind: str, *,
                   brainstorm_id: int | None = None, persona_id: int | None = None,
                   stage_id: int | None = None, lane: str | None = None,
                   hidden: bool = True, anonymous: bool = False) -> int:
    """Put an activity in front of the room; the one before it closes (and publishes).

    Phones follow at their next poll. Hidden until reveal is the default while diverging.
    """
    from . import participation

    with store.write(db):
        room = _owned_room(db, workshop_id, room_id)
        target = _check_target(db, workshop_id, kind, brainstorm_id, persona_id, stage_id, lane)
        previous = get_activity(db, room.activity_id)
        if previous is not None and previous.state != "closed":
            participation.publish(db, workshop_id, previous, closing=True)
            db.execute("UPDATE room_activities SET state = 'closed' WHERE id = ?", [previous.id])
        budget = 3
        if kind == "ideas":
            budget = brainstorm.get_brainstorm(db, workshop_id, brainstorm_id).dots_per_voter
        activity_id = db["room_activities"].insert({
            "room_id": room_id, "kind": kind, **target, "state": "collecting",
            "hidden": int(bool(hidden)), "anonymous": int(bool(anonymous)),
            "dot_budget": budget, "dot_cap": min(2, budget), "started": _now()}).last_pk
        db.execute("UPDATE rooms SET activity_id = ? WHERE id = ?", [activity_id, room_id])
        _bump(db, room_id)
    return activity_id


def _owned_activity(db: sqlite_utils.Database, workshop_id: int, activity_id: int
                    ) -> tuple[Room, Activity]:
    activity = get_activity(db, activity_id)
    if activity is None:
        raise workshops.NotFoundError(f"There is no room activity with id {activity_id}.")
    return _owned_room(db, workshop_id, activity.room_id), activity


def set_option(db: sqlite_utils.Database, workshop_id: int, activity_id: int, name: str,
               value: object) -> None:
    """Change hidden / anonymous / dot budget / dots on one item while the activity runs."""
    from . import participation
    from .text import clean_int

    if name not in OPTIONS:
        raise ValidationError(f"Unknown room option: {name}.")
    with store.write(db):
        room, activity = _owned_activity(db, workshop_id, activity_id)
        if name in ("hidden", "anonymous"):
            stored = int(bool(value))
        elif name == "dot_budget":
            stored = clean_int(value, field="Dots per person", low=1, high=20)
            participation.check_budget(db, activity, stored)
            if activity.kind == "ideas":  # the brainstorm's own budget is the room's
                brainstorm.set_dots_per_voter(db, workshop_id, activity.brainstorm_id, stored)
        else:
            stored = clean_int(value, field="Most dots on one item", low=1, high=20)
            participation.check_cap(db, activity, stored)
        db.execute(f"UPDATE room_activities SET {name} = ? WHERE id = ?", [stored, activity_id])
        if name == "hidden" and not stored and activity.state == "collecting":
            participation.publish(db, workshop_id, get_activity(db, activity_id))
        _bump(db, room.id)


def set_state(db: sqlite_utils.Database, workshop_id: int, activity_id: int, state: str) -> None:
    """Reveal, start the vote, or close. Reveal publishes every item that was not hidden by
    moderation; voting moves the brainstorm to converge; close lands votes and ratings."""
    from . import participation

    if state not in STATES:
        raise ValidationError(f"Unknown state: {state}.")
    with store.write(db):
        room, activity = _owned_activity(db, workshop_id, activity_id)
        if state not in activity.next_states:
            raise RoomError(f"The activity is {STATE_LABELS[activity.state].lower()}: it cannot "
                            f"go to {STATE_LABELS[state].lower()} from there.")
        db.execute("UPDATE room_activities SET state = ? WHERE id = ?", [state, activity_id])
        if state == "voting":
            brainstorm.set_phase(db, workshop_id, activity.brainstorm_id, "converge")
            db.execute("DELETE FROM room_ready WHERE activity_id = ?", [activity_id])
        participation.publish(db, workshop_id, get_activity(db, activity_id),
                              closing=state == "closed")
        _bump(db, room.id)


def target_label(db: sqlite_utils.Database, workshop_id: int, activity: Activity) -> str:
    """What the room works on, in words: the prompt, the persona, or the stage and lane."""
    if activity.kind == "ideas":
        return brainstorm.get_brainstorm(db, workshop_id, activity.brainstorm_id).prompt
    if activity.kind == "empathy":
        persona = personas.get_persona(db, workshop_id, activity.persona_id)
        return f"What does {persona.name or 'this persona'} think, feel, say and do?"
    if activity.kind == "journey":
        stage = workshops.owned_row(db, "journey_stages", workshop_id, activity.stage_id, "stage")
        question = f" ({stage['question']})" if stage["question"] else ""
        return f"{stage['name']}: {journeys.LANE_LABELS[activity.lane]}{question}"
    return "Rate each design card on customer value and business value."



@dataclass(frozen=True)
class Target:
    """Something the room can work on: a brainstorm, a persona's map, a journey cell, the cards."""
    kind: str
    label: str
    brainstorm_id: int | None = None
    persona_id: int | None = None
    stage_id: int | None = None
    lane: str | None = None

    @property
    def ids(self) -> dict:
        return {"brainstorm_id": self.brainstorm_id, "persona_id": self.persona_id,
                "stage_id": self.stage_id, "lane": self.lane}


def targets(db: sqlite_utils.Database, workshop_id: int) -> list[Target]:
    """Every activity the facilitator can put in front of the room, in the path's order."""
    found = [Target("empathy", f"Empathy map: {p.name or 'persona'}", persona_id=p.id)
             for p in personas.list_personas(db, workshop_id)]
    for journey in journeys.list_journeys(db, workshop_id):
        for stage in journey.stages:
            found += [Target("journey", f"Journey {journey.label}: {stage.name} · "
                                        f"{journeys.LANE_LABELS[lane]}", stage_id=stage.id,
                             lane=lane) for lane in journeys.LANES]
    found += [Target("ideas", f"Brainstorm: {b.headline}", brainstorm_id=b.id)
              for b in brainstorm.list_brainstorms(db, workshop_id)]
    found.append(Target("ratings", "Rate the design cards"))
    return found


def open_to_room(db: sqlite_utils.Database, workshop_id: int, kind: str, *,
                 brainstorm_id: int | None = None, persona_id: int | None = None,
                 stage_id: int | None = None, lane: str | None = None) -> Room:
    """A step page's **Open to the room**: open the room if it is not open yet and put this
    step's activity in front of it. If exactly that activity already runs, nothing changes
    (a second click does not restart it or lose what the room added)."""
    current = open_room(db, workshop_id)
    running = get_activity(db, current.activity_id)
    if running is None or running.state == "closed" or not _same_target(
            running, kind, brainstorm_id, persona_id, stage_id, lane):
        start_activity(db, workshop_id, current.id, kind, brainstorm_id=brainstorm_id,
                       persona_id=persona_id, stage_id=stage_id, lane=lane)
    return _room(next(db["rooms"].rows_where("id = ?", [current.id])))


def _same_target(activity: Activity, kind: str, brainstorm_id: int | None,
                 persona_id: int | None, stage_id: int | None, lane: str | None) -> bool:
    if activity.kind != kind:
        return False
    if kind == "ideas":
        return activity.brainstorm_id == brainstorm_id
    if kind == "empathy":
        return activity.persona_id == persona_id
    if kind == "journey":
        return activity.stage_id == stage_id and activity.lane == lane
    return True


@dataclass(frozen=True)
class Status:
    """The shell's one-line "Live room" panel: is a room open, how many people, what runs."""
    code: str | None = None
    people: int = 0
    activity: Activity | None = None

    @property
    def is_open(self) -> bool:
        return self.code is not None

    @property
    def line(self) -> str:
        if not self.is_open:
            return "No room open"
        people = f"{self.people} {'person' if self.people == 1 else 'people'}"
        doing = (f"{KINDS[self.activity.kind]} · {STATE_LABELS[self.activity.state].lower()}"
                 if self.activity else "waiting for an activity")
        return f"Room {self.code} · {people} · {doing}"

    def runs(self, kind: str, *, brainstorm_id: int | None = None, persona_id: int | None = None,
             stage_id: int | None = None, lane: str | None = None) -> bool:
        """True while exactly this activity is open to the room and not closed."""
        return (self.activity is not None and self.activity.state != "closed"
                and _same_target(self.activity, kind, brainstorm_id, persona_id, stage_id, lane))


def status(db: sqlite_utils.Database, workshop_id: int) -> Status:
    current = open_room_for(db, workshop_id)
    if current is None:
        return Status()
    people = db.execute("SELECT COUNT(*) FROM participants WHERE room_id = ?",
                        [current.id]).fetchone()[0]
    return Status(current.code, people, get_activity(db, current.activity_id))
