"""The stakeholder map page through AppTest: add, move between quadrants, departments, midpoint."""
from __future__ import annotations

from cxcore import stakeholders as sh
from cxcore import workshops
from tests.apptest_support import fresh_db, open_app, texts

PAGE = "pages/stakeholder_map.py"


def quadrant_cards(at) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value and m.value.endswith("**")]


def test_adding_a_stakeholder_places_it_in_its_quadrant_and_selects_it(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert "No stakeholders yet" in texts(at)
    at.text_input(key="stakeholder_map_new_name").input("Head of lending")
    at.selectbox(key="stakeholder_map_new_department").set_value("Sales")
    at.slider(key="stakeholder_map_new_support").set_value(2)
    at.slider(key="stakeholder_map_new_influence").set_value(9)
    at.button(key="stakeholder_map_add").click().run()
    assert not at.exception
    [person] = sh.list_stakeholders(conn, wid)
    assert (person.name, person.department, person.support, person.influence, person.quadrant) \
        == ("Head of lending", "Sales", 2, 9, "gatekeeper")
    assert at.text_input(key="stakeholder_map_new_name").value == ""
    assert at.selectbox(key="stakeholder_map_selected").value == person.id
    assert ":red-badge[:material/warning: Gatekeeper] **1**" in quadrant_cards(at)
    assert "**1** Head of lending" in texts(at)
    assert at.get("plotly_chart")


def test_changing_support_moves_the_stakeholder_to_another_quadrant(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    sid = sh.add_stakeholder(conn, wid, "Head of lending", "Sales", 2, 9)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.slider(key=f"stakeholder_map_support_{sid}").set_value(8).run()
    assert not at.exception
    assert sh.list_stakeholders(conn, wid)[0].quadrant == "champion"
    assert quadrant_cards(at) == [
        ":red-badge[:material/warning: Gatekeeper] **0**",
        ":green-badge[:material/star: Champion] **1**",
        ":gray-badge[:material/campaign: Bystander] **0**",
        ":blue-badge[:material/thumb_up: Supporter] **0**"]
    table = at.dataframe[0].value  # the table by quadrant
    assert table[["Quadrant", "Name", "Support"]].values.tolist() == [
        ["Champion", "Head of lending", 8]]


def test_editing_one_stakeholder_at_a_time_picks_it_from_a_list(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    sh.add_stakeholder(conn, wid, "Aisha", "Marketing", 9, 9)
    second = sh.add_stakeholder(conn, wid, "IT board", "Technology", 2, 9)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    assert len(at.slider) == 4  # two for the new stakeholder, two for the selected one
    at.selectbox(key="stakeholder_map_selected").set_value(second).run()
    at.slider(key=f"stakeholder_map_influence_{second}").set_value(1).run()
    assert [(p.name, p.quadrant) for p in sh.list_stakeholders(conn, wid)] == [
        ("Aisha", "champion"), ("IT board", "bystander")]


def test_an_empty_name_is_refused_with_a_message_and_nothing_is_added(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.button(key="stakeholder_map_add").click().run()
    assert [e.value for e in at.error] == ["Name cannot be empty."]
    assert sh.list_stakeholders(conn, wid) == []


def test_the_department_view_lists_champions_and_gatekeepers(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    sh.add_stakeholder(conn, wid, "Aisha", "Marketing", 9, 9)
    sh.add_stakeholder(conn, wid, "IT board", "Technology", 2, 9)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    frame = at.dataframe[1].value  # the department view
    assert frame[["Department", "Champions", "Gatekeepers"]].values.tolist() == [
        ["Marketing", "Aisha", "—"], ["Technology", "—", "IT board"]]


def test_raising_the_midpoint_regroups_the_map(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    sh.add_stakeholder(conn, wid, "Aisha", "Marketing", 6, 6)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.number_input(key="stakeholder_map_midpoint").set_value(7).run()
    assert not at.exception
    assert (sh.get_midpoint(conn, wid), sh.list_stakeholders(conn, wid)[0].quadrant) == (
        7, "bystander")
    assert ":gray-badge[:material/campaign: Bystander] **1**" in quadrant_cards(at)


def test_names_on_the_chart_are_shown_as_typed_not_read_as_markup():
    from cxui import stakeholder_views as views

    person = sh.Stakeholder(1, "<b>Board</b> & co, chair", "<i>IT</i>", 2, 9, "", sh.GATEKEEPER)
    [gatekeepers] = [t for t in views.quadrant_chart([person], 5).data if t.name == "Gatekeeper"]
    assert (list(gatekeepers.text), [list(c) for c in gatekeepers.customdata]) == (
        ["1"], [["&lt;b&gt;Board&lt;/b&gt; &amp; co, chair", "&lt;i&gt;IT&lt;/i&gt;", 2, 9]])


def test_the_chart_numbers_people_and_the_four_ways_give_the_key():
    from cxui import stakeholder_views as views

    people = [sh.Stakeholder(1, "Tom Becker", "IT", 2, 9, "", sh.GATEKEEPER),
              sh.Stakeholder(2, "Head of Compliance", "Risk", 2, 9, "", sh.GATEKEEPER),
              sh.Stakeholder(3, "Aisha", "Sales", 9, 9, "", sh.CHAMPION)]
    [gatekeepers] = [t for t in views.quadrant_chart(people, 5).data if t.name == "Gatekeeper"]
    assert (list(gatekeepers.text), list(gatekeepers.x), list(gatekeepers.y)) == (
        ["2", "3"], [1.78, 2.22], [9.22, 8.78])
    points = sh.map_points(people)
    assert views.numbered_names(points, sh.GATEKEEPER) == \
        "**2** Head of Compliance, **3** Tom Becker"
    assert views.numbered_names(points, sh.CHAMPION) == "**1** Aisha"
