"""The room's countdown, stored with the workshop and shared by every connection."""
from __future__ import annotations

from cxcore import db as store
from cxcore import livetimer, workshops
from cxcore.timer import Timer

NOW = 1_000_000.0


def test_a_workshop_without_a_stored_timer_has_the_default_timer(db, make_workshop):
    assert livetimer.get(db, make_workshop()) == Timer()


def test_start_pause_and_reset_persist_for_a_second_connection(db, db_path, make_workshop):
    wid = make_workshop()
    other = store.connect(db_path)
    started = livetimer.change(db, wid, Timer.start, NOW)
    assert livetimer.get(other, wid) == started == Timer(ends_at=NOW + 300)
    paused = livetimer.change(other, wid, Timer.pause, NOW + 100)
    assert livetimer.get(db, wid) == paused == Timer(remaining_when_paused=200)
    assert livetimer.change(db, wid, Timer.reset, 10) == Timer(duration=600)
    assert livetimer.get(other, wid) == Timer(duration=600)
    other.close()


def test_deleting_the_workshop_deletes_its_timer(db, make_workshop):
    wid = make_workshop()
    livetimer.change(db, wid, Timer.start, NOW)
    workshops.move_to_trash(db, wid)
    workshops.delete_for_good(db, wid)
    assert db.execute("SELECT COUNT(*) FROM live_timers").fetchone()[0] == 0
