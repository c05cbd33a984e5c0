"""Every foundation page through AppTest, from app.py, as a user would use it."""
from __future__ import annotations

import datetime as dt

import pytest

from cxcore import challenge, sample, workshops
from cxcore import path as guided_path
from cxui.text import plain
from tests.apptest_support import fresh_db, open_app, texts


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_home_with_no_workshops_offers_to_create_or_open_the_sample(app_db_path):
    at = open_app(app_db_path)
    assert at.title[0].value == "CX strategy workshops"
    assert "No workshops yet" in texts(at)
    assert [b.label for b in at.button] == ["Create workshop", "Open the sample workshop",
                                          "Import as a new workshop"][: len(at.button)]
    assert "Open the sample workshop" in [b.label for b in at.button]


def test_opening_the_sample_creates_it_and_goes_to_its_first_unstarted_step(app_db_path):
    at = open_app(app_db_path)
    button(at, "Open the sample workshop").click().run()
    assert not at.exception
    conn = fresh_db(app_db_path)
    [sample_workshop] = workshops.list_workshops(conn)
    assert sample_workshop.title == "Harbour Bank: CX strategy 2027"
    assert at.session_state["workshop_id"] == sample_workshop.id


def test_creating_a_workshop_from_the_form_saves_it(app_db_path):
    at = open_app(app_db_path)
    at.text_input[0].input("Onboarding CX, Q1")
    at.text_input[1].input("Acme Telecom")
    at.text_input[2].input("Sam")
    next(b for b in at.button if b.label == "Create workshop").click().run()
    conn = fresh_db(app_db_path)
    assert [(w.title, w.organisation, w.facilitator) for w in workshops.list_workshops(conn)] == [
        ("Onboarding CX, Q1", "Acme Telecom", "Sam")]


def test_an_empty_title_is_refused_with_a_message_and_nothing_is_created(app_db_path):
    at = open_app(app_db_path)
    next(b for b in at.button if b.label == "Create workshop").click().run()
    assert [e.value for e in at.error] == ["Title cannot be empty."]
    assert workshops.list_workshops(fresh_db(app_db_path)) == []


def test_trash_restore_and_delete_for_good_from_home(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Retail run")
    at = open_app(app_db_path)
    at.button(key=f"home_trash_{wid}").click().run()
    assert workshops.get(conn, wid).is_trashed
    at.button(key=f"home_restore_{wid}").click().run()
    assert not workshops.get(conn, wid).is_trashed
    workshops.move_to_trash(conn, wid)
    at = open_app(app_db_path)
    at.button(key=f"home_delete_{wid}").click().run()
    assert workshops.list_workshops(conn, trashed=True)  # nothing deleted before confirming
    at.button(key=f"home_delete_{wid}_yes").click().run()
    assert workshops.list_workshops(conn, trashed=True) == []


def test_keep_it_cancels_a_delete_for_good(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Retail run")
    workshops.move_to_trash(conn, wid)
    at = open_app(app_db_path)
    at.button(key=f"home_delete_{wid}").click().run()
    at.button(key=f"home_delete_{wid}_no").click().run()
    assert [w.id for w in workshops.list_workshops(conn, trashed=True)] == [wid]
    assert not [b for b in at.button if b.key == f"home_delete_{wid}_yes"]


def test_renaming_a_workshop_from_its_details_form(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Retail run", "Acme")
    at = open_app(app_db_path)
    form_inputs = [t for t in at.text_input if t.value == "Retail run"]
    form_inputs[0].input("Retail run, spring")
    next(b for b in at.button if b.label == "Save details").click().run()
    assert workshops.get(conn, wid).title == "Retail run, spring"


def test_duplicate_from_home_copies_the_workshop(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    at = open_app(app_db_path)
    at.button(key=f"home_dup_{wid}").click().run()
    titles = sorted(w.title for w in workshops.list_workshops(conn))
    assert titles == ["Harbour Bank: CX strategy 2027", "Harbour Bank: CX strategy 2027 (copy)"]


@pytest.mark.parametrize("step", guided_path.STEPS, ids=lambda s: s.key)
def test_every_step_page_without_a_workshop_says_so_and_links_home(app_db_path, step):
    at = open_app(app_db_path, page=f"pages/{step.key}.py")
    assert "Open or create a workshop first" in texts(at)


@pytest.mark.parametrize("step", guided_path.STEPS, ids=lambda s: s.key)
def test_every_step_page_of_the_sample_shows_the_guided_header(app_db_path, step):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=f"pages/{step.key}.py", workshop_id=wid)
    shown = texts(at)
    assert at.title[0].value == step.title
    assert step.purpose in shown
    progress = guided_path.progress(fresh_db(app_db_path), wid)
    assert progress.label in [p.text for p in at.get("progress")] or progress.label in shown


def test_projector_mode_from_the_url_shows_an_exit_button(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid, present=True)
    button(at, "Exit projector").click().run()
    assert "present" not in at.query_params
    assert not [b for b in at.button if b.label == "Exit projector"]


def stored_timer(path: str, workshop_id: int):
    from cxcore import livetimer

    return livetimer.get(fresh_db(path), workshop_id)


def test_the_timer_starts_pauses_and_resets_and_is_stored_with_the_workshop(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    at.number_input(key="timer_minutes").set_value(10).run()
    assert stored_timer(app_db_path, wid).duration == 600
    at.button(key="timer_start").click().run()
    assert stored_timer(app_db_path, wid).running
    at.button(key="timer_pause").click().run()
    paused = stored_timer(app_db_path, wid)
    assert not paused.running and 590 < paused.remaining(0) <= 600
    at.button(key="timer_reset").click().run()
    assert stored_timer(app_db_path, wid).remaining(0) == 600


def test_the_timer_keeps_running_across_a_page_switch_and_in_a_new_session(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    at.button(key="timer_start").click().run()
    at.switch_page("pages/workshops.py").run()
    at.switch_page("pages/focusing_challenge.py").run()
    assert [b.label for b in at.button if b.key == "timer_pause"] == ["Pause"]
    refreshed = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    assert [b.label for b in refreshed.button if b.key == "timer_pause"] == ["Pause"]
    assert stored_timer(app_db_path, wid).running


def test_adding_choosing_and_deleting_challenge_drafts(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    at.text_input(key="challenge_new_who").input("Students")
    at.text_input(key="challenge_new_what").input("open an account in the app")
    at.text_input(key="challenge_new_why").input("they bank with us early").run()
    assert "Students can open an account in the app so that they bank with us early." in texts(at)
    at.button(key="challenge_add").click().run()
    at.text_input(key="challenge_new_who").input("Home buyers").run()
    at.button(key="challenge_add").click().run()
    first, second = challenge.list_challenges(conn, wid)
    assert (first.chosen, second.chosen) == (True, False)
    at.button(key=f"challenge_choose_{second.id}").click().run()
    assert challenge.chosen_challenge(conn, wid).id == second.id
    at.button(key=f"challenge_delete_{first.id}").click().run()
    assert [c.who for c in challenge.list_challenges(conn, wid)] == ["Home buyers"]


def test_editing_a_challenge_saves_each_part_as_it_is_typed(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    cid = challenge.add_draft(conn, wid, "Students", "open accounts", "they stay")
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    at.button(key=f"challenge_edit_{cid}").click().run()
    at.text_input(key=f"challenge_edit_{cid}_what").input("open accounts from a phone").run()
    assert challenge.list_challenges(conn, wid)[0].what == "open accounts from a phone"
    at.text_input(key=f"challenge_edit_{cid}_who").input("x" * 201).run()
    assert challenge.list_challenges(conn, wid)[0].who == "Students"


def test_export_page_offers_the_five_downloads_and_a_poster_per_journey_and_persona(
        app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page="pages/export.py", workshop_id=wid)
    labels = [e.proto.label for e in at.get("download_button")]
    assert labels == ["Download PDF", "Download Excel", "Download CSV zip", "Download Markdown",
                      "Download JSON backup", *(plain(name) for name in (
                          "Margaret's journey: Taking out a mortgage",
                          "Leo's journey: Opening a student account on the app",
                          "Dana's journey: Running everyday accounts across branch and app",
                          "Margaret", "Leo", "Dana"))]


def test_a_link_to_a_workshop_in_the_trash_opens_nothing(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Old")
    workshops.move_to_trash(conn, wid)
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    assert "Open or create a workshop first" in texts(at)


def test_home_shows_when_the_next_review_is_due(app_db_path):
    from cxcore import measurement

    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    due = measurement.next_review_due(conn, wid)
    at = open_app(app_db_path, workshop_id=wid)
    words = "review overdue since" if due < dt.date.today() else "next review due"
    assert f"{words} {due.day} {due:%b %Y}" in texts(at)


def test_the_timer_turns_red_in_its_last_five_percent(app_db_path):
    import time

    from cxcore import livetimer
    from cxcore.timer import Timer

    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page="pages/focusing_challenge.py", workshop_id=wid)
    livetimer.save(fresh_db(app_db_path), wid, Timer(duration=600, ends_at=time.time() + 20))
    at.run()
    assert [m.value for m in at.markdown if "material/timer" in m.value][0].startswith(
        "#### :red[:material/timer: 00:")


def test_a_workshop_id_too_large_for_sqlite_opens_no_workshop_instead_of_crashing(app_db_path):
    at = open_app(app_db_path, page="pages/journey_map.py", workshop_id=9223372036854775808)
    assert "Open or create a workshop first" in texts(at)


def test_a_fresh_session_at_home_offers_to_continue_the_workshop_last_worked_on(app_db_path):
    conn = fresh_db(app_db_path)
    older = workshops.create(conn, "Older workshop")
    latest = workshops.create(conn, "Latest workshop")
    trashed = workshops.create(conn, "Trashed workshop")
    for workshop_id, stamp in ((older, "2026-01-01T09:00:00+00:00"),
                               (latest, "2026-03-01T09:00:00+00:00")):
        conn.execute("UPDATE workshops SET updated = ? WHERE id = ?", [stamp, workshop_id])
    workshops.move_to_trash(conn, trashed)
    at = open_app(app_db_path)
    assert "Continue where you left off:** Latest workshop" in texts(at)
    at.button(key="home_continue").click().run()
    assert at.session_state["workshop_id"] == latest
