"""The room's countdown, stored with the workshop: every tab, the projector and every phone
read the same start, length and paused time left, so a refresh shows the same countdown."""
from __future__ import annotations

import sqlite_utils

from . import db as store
from . import workshops
from .timer import Timer


def get(db: sqlite_utils.Database, workshop_id: int) -> Timer:
    row = db.execute("SELECT duration, ends_at, remaining_when_paused FROM live_timers"
                     " WHERE workshop_id = ?", [workshop_id]).fetchone()
    if row is None:
        return Timer()
    return Timer(duration=row[0], ends_at=row[1], remaining_when_paused=row[2])


def save(db: sqlite_utils.Database, workshop_id: int, timer: Timer) -> None:
    with store.write(db):
        workshops.get(db, workshop_id)
        db.execute("INSERT INTO live_timers (workshop_id, duration, ends_at, remaining_when_paused)"
                   " VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id) DO UPDATE SET"
                   " duration = excluded.duration, ends_at = excluded.ends_at,"
                   " remaining_when_paused = excluded.remaining_when_paused",
                   [workshop_id, timer.duration, timer.ends_at, timer.remaining_when_paused])


def change(db: sqlite_utils.Database, workshop_id: int, how, *args) -> Timer:
    """Apply ``how(timer, *args)`` (e.g. ``Timer.start``, now) to the stored timer in one write."""
    with store.write(db):
        timer = how(get(db, workshop_id), *args)
        save(db, workshop_id, timer)
    return timer
