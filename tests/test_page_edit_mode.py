"""The presenter view through AppTest: the Edit switch of each step, Back and Exit projector on
Home and Export, the big clock and its chime."""
from __future__ import annotations

import time

import pytest

from cxcore import livetimer, sample
from cxcore import path as guided_path
from cxcore.timer import Timer
from tests.apptest_support import fresh_db, open_app

STEP_KEYS = [s.key for s in guided_path.STEPS]


def keys(at) -> set[str]:
    widgets = [*at.button, *at.text_input, *at.text_area, *at.selectbox, *at.toggle]
    return {w.key for w in widgets if w.key}


def links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


@pytest.fixture
def sample_id(app_db_path) -> int:
    return sample.create_sample(fresh_db(app_db_path))


def test_on_the_projector_the_persona_forms_wait_behind_the_edit_switch(app_db_path, sample_id):
    at = open_app(app_db_path, page="pages/personas.py", workshop_id=sample_id, present=True)
    assert at.toggle(key="edit_switch_personas").value is False
    assert "personas_new_name" not in keys(at) and "personas_editing" not in keys(at)
    at.toggle(key="edit_switch_personas").set_value(True).run()
    assert {"personas_new_name", "personas_editing"} <= keys(at)
    assert not at.exception


def test_at_a_desk_the_forms_are_open_and_edit_off_holds_across_a_page_switch(app_db_path,
                                                                              sample_id):
    at = open_app(app_db_path, page="pages/personas.py", workshop_id=sample_id)
    assert at.toggle(key="edit_switch_personas").value is True
    assert "personas_new_name" in keys(at)
    at.toggle(key="edit_switch_personas").set_value(False).run()
    assert "personas_new_name" not in keys(at)
    at.switch_page("pages/empathy_maps.py").run()
    at.switch_page("pages/personas.py").run()
    assert (at.toggle(key="edit_switch_personas").value, "personas_new_name" in keys(at)) == (
        False, False)


def test_the_projector_and_the_desk_keep_their_own_edit_choice(app_db_path, sample_id):
    at = open_app(app_db_path, page="pages/personas.py", workshop_id=sample_id, present=True)
    at.toggle(key="edit_switch_personas").set_value(True).run()
    at.button(key="exit_projector").click().run()
    assert at.toggle(key="edit_switch_personas").value is True  # the desk's default
    at.toggle(key="edit_switch_personas").set_value(False).run()
    at.query_params["present"] = "1"
    at.run()
    assert at.toggle(key="edit_switch_personas").value is True  # as left on the projector


@pytest.mark.parametrize("key", STEP_KEYS)
def test_every_step_on_the_projector_shows_its_work_with_edit_off_and_its_forms_with_edit_on(
        app_db_path, sample_id, key):
    at = open_app(app_db_path, page=f"pages/{key}.py", workshop_id=sample_id, present=True)
    assert at.toggle(key=f"edit_switch_{key}").value is False
    assert "How this step works" not in [e.label for e in at.expander]
    viewing = keys(at)
    at.toggle(key=f"edit_switch_{key}").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    editing = keys(at)
    assert viewing < editing or key == "linked_chain"  # the chain has no forms to hide


@pytest.mark.parametrize("page", ["pages/workshops.py", "pages/export.py"])
def test_home_and_export_on_the_projector_have_back_and_exit_projector(app_db_path, sample_id,
                                                                       page):
    at = open_app(app_db_path, page="pages/brainstorm.py", workshop_id=sample_id, present=True)
    at.switch_page(page).run()
    assert "Back" in links(at)
    assert [b.label for b in at.button if b.key == "exit_projector"] == ["Exit projector"]
    back = next(link for link in at.get("page_link") if link.proto.label == "Back")
    assert back.proto.page.endswith("brainstorm")  # the step shown last


def test_the_big_clock_fills_the_page_until_back(app_db_path, sample_id):
    at = open_app(app_db_path, page="pages/journey_map.py", workshop_id=sample_id, present=True)
    at.button(key="timer_big").click().run()
    assert [h.proto.body for h in at.get("html") if "cx-big-clock\"" in h.proto.body] == [
        '<div class="cx-big-clock-box"><div class="cx-big-clock normal" '
        'data-testid="cx-big-clock">05:00</div></div>']
    assert "journey_stage" not in keys(at) and not at.title
    at.button(key="timer_big_back").click().run()
    assert at.title[0].value == "Journey map" and "journey_stage" in keys(at)


def finish_the_timer(path: str, workshop_id: int) -> None:
    now = time.time()
    livetimer.save(fresh_db(path), workshop_id, Timer(duration=60).start(now - 61))


@pytest.mark.parametrize("chime", [True, False])
def test_the_chime_plays_once_at_zero_only_when_switched_on(app_db_path, sample_id, chime):
    at = open_app(app_db_path, page="pages/brainstorm.py", workshop_id=sample_id)
    if chime:
        at.toggle(key="timer_chime_switch").set_value(True).run()
    finish_the_timer(app_db_path, sample_id)
    at.run()
    assert any("Time's up" in m.value for m in at.markdown)
    assert len(at.get("audio")) == (1 if chime else 0)
    at.run()
    assert len(at.get("audio")) == 0  # once per countdown
