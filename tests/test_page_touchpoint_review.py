"""The touchpoint review page through AppTest: add, rate, see the channel to fix first."""
from __future__ import annotations

from cxcore import touchpoints as tp
from cxcore import workshops
from tests.apptest_support import fresh_db, open_app, texts

PAGE = "pages/touchpoint_review.py"


def add(at, channel: str, name: str, custom: str | None = None, stage=None):
    at.selectbox(key="touchpoint_review_new_channel").set_value(channel).run()
    if custom is not None:
        at.text_input(key="touchpoint_review_new_custom").input(custom)
    at.text_input(key="touchpoint_review_new_name").input(name)
    if stage is not None:
        at.selectbox(key="touchpoint_review_new_stage").set_value(stage)
    return at.button(key="touchpoint_review_add").click().run()


def test_adding_a_touchpoint_with_a_journey_stage_selects_it_for_rating(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    journey = conn["journeys"].insert({"workshop_id": wid, "title": "Margaret"}).last_pk
    accept = conn["journey_stages"].insert({"workshop_id": wid, "journey_id": journey,
                                            "name": "Accept"}).last_pk
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "No touchpoints yet" in texts(at)
    add(at, "website", "Mortgage application form", stage=accept)
    assert not at.exception
    [point] = tp.list_touchpoints(conn, wid)
    assert (point.channel, point.name, point.stage_id) == ("website", "Mortgage application form",
                                                         accept)
    assert at.selectbox(key="touchpoint_review_selected").value == point.id
    assert at.text_input(key="touchpoint_review_new_name").value == ""
    assert at.dataframe[1].value["Journey stage"].tolist() == ["Margaret · Accept"]


def test_rating_touchpoints_names_the_channel_to_fix_first_and_says_why(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add(at, "website", "Rate calculator")
    add(at, "customer_support", "Mortgage helpline")
    helpline = tp.list_touchpoints(conn, wid)[1].id
    for field, value in (("consistency", 2), ("meets_needs", 2), ("importance", 5)):
        at.slider(key=f"touchpoint_review_{field}_{helpline}").set_value(value).run()
    assert not at.exception
    assert tp.list_touchpoints(conn, wid)[1].priority == 30
    shown = texts(at)
    assert "**Customer support**" in shown
    assert ("Customer support: its touchpoints matter (importance 5/5) and fall furthest short "
            "of the vision (2/5) and of customer needs (2/5), for an average priority of 30 "
            "out of 40.") in shown
    channels = at.dataframe[0].value
    assert channels[["Rank", "Channel", "Average priority"]].values.tolist() == [
        [1, "Customer support", 30.0], [2, "Website", 12.0]]


def test_a_custom_channel_is_added_under_its_own_name(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add(at, "custom", "Annual statement", custom="Post")
    assert [(t.channel_label, t.name) for t in tp.list_touchpoints(conn, wid)] == [
        ("Post", "Annual statement")]


def test_a_touchpoint_without_a_name_is_refused_with_a_message(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="touchpoint_review_add").click().run()
    assert [e.value for e in at.error] == ["Touchpoint cannot be empty."]
    assert tp.list_touchpoints(conn, wid) == []


def test_when_nothing_falls_short_no_channel_is_named(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    tp.add_touchpoint(conn, wid, "website", "Calculator", consistency=5, meets_needs=5)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "no channel stands out" in texts(at)
    assert "Work on first" not in texts(at)


def test_deleting_the_selected_touchpoint_selects_the_next_one(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    tp.add_touchpoint(conn, wid, "website", "Calculator")
    second = tp.add_touchpoint(conn, wid, "mobile_app", "Upload")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="touchpoint_review_delete").click().run()
    assert not at.exception
    assert [t.id for t in tp.list_touchpoints(conn, wid)] == [second]
    assert at.selectbox(key="touchpoint_review_selected").value == second


def test_touchpoints_sharing_a_name_get_a_bar_each_with_its_own_priority():
    from cxui import touchpoint_views as views

    points = [tp.Touchpoint(1, "website", "", "Live chat", None, 1, 1, 5, ""),
              tp.Touchpoint(2, "mobile_app", "", "Live chat", None, 4, 4, 2, ""),
              tp.Touchpoint(3, "in_store", "", "<b>Desk</b> & queue", None, 3, 3, 3, "")]
    figure = views.priority_chart(points)
    bars = sorted((trace.name, y, int(x)) for trace in figure.data
                  for y, x in zip(trace.y, trace.x))
    assert bars == [("In-store", "&lt;b&gt;Desk&lt;/b&gt; &amp; queue", 12),
                    ("Mobile app", "Live chat (2)", 4), ("Website", "Live chat", 40)]


def test_a_long_touchpoint_name_wraps_onto_two_lines_and_the_hover_has_it_whole():
    from cxui import touchpoint_views as views

    name = "Mortgage advisor callback after the online application is submitted"
    figure = views.priority_chart([tp.Touchpoint(1, "phone", "", name, None, 1, 1, 5, "")])
    [bar] = figure.data
    assert list(bar.y) == ["Mortgage advisor callback after<br>the online application is…"]
    assert [list(c) for c in bar.customdata] == [[name, 1, 1, 5]]
