"""The linked chain page through AppTest: the table and the broken list carry everything."""
from __future__ import annotations

from cxcore import plan, sample, workshops
from tests.apptest_support import fresh_db, open_app, texts


def test_opening_the_chain_of_the_sample_shows_every_thread_and_the_broken_ones(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    at = open_app(app_db_path, page="pages/linked_chain.py", workshop_id=wid)
    [table] = at.dataframe
    first = table.value.iloc[0].to_dict()
    assert first == {
        "Pain point": "Mortgage application stalls while customers re-send documents",
        "Root cause": "The checklist is built by the underwriting engine, which only runs after "
                      "submission",
        "Idea": "Show a personal document checklist in the app before the application starts",
        "Card": "A personal document checklist shown in the app before a mortgage application "
                "starts",
        "Action": "Show the document checklist in the app before a mortgage application starts",
        "Goal": "Turn mortgage customers into our loudest fans: lift their NPS from 18 to 35 by "
                "the end of 2027"[:89] + "…",
        "Latest reading": "28 points on 1 Nov 2026", "Gaps": ""}
    assert "Broken threads (3)" in texts(at)
    assert "Action serving no goal" in texts(at)
    assert not at.exception


def test_a_new_action_without_a_goal_is_called_out_as_broken(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/linked_chain.py", workshop_id=wid)
    assert "Nothing to follow yet" in texts(at)
    plan.add_action(conn, wid, "Fee notices")
    at.run()
    assert at.dataframe[0].value.to_dict("records")[0]["Gaps"] == "Action serving no goal"
    assert "Broken threads (1)" in texts(at)


def test_following_one_thread_lists_its_links_top_to_bottom(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    plan.add_action(conn, wid, "Fee notices")
    at = open_app(app_db_path, page="pages/linked_chain.py", workshop_id=wid)
    at.selectbox(key="chain_thread").set_value(0).run()
    steps = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert steps == ["1. :primary-badge[Action] Fee notices\n"
                     "1. :red-badge[:material/link_off: Action serving no goal]"]
