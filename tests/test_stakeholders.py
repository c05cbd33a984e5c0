"""The stakeholder map: quadrants at the midpoint, edits, departments and the PDF section."""
from __future__ import annotations

import pytest

from cxcore import settings, stakeholders as sh
from cxcore.stakeholders import Department, Stakeholder
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


@pytest.mark.parametrize("support, influence, midpoint, expected", [
    (5, 5, 5, "champion"),      # exactly on the midpoint counts as high on both axes
    (5, 4, 5, "supporter"),
    (4, 5, 5, "gatekeeper"),
    (4, 4, 5, "bystander"),
    (10, 10, 5, "champion"),
    (10, 0, 5, "supporter"),
    (0, 10, 5, "gatekeeper"),
    (0, 0, 5, "bystander"),
    (7, 7, 8, "bystander"),     # a custom midpoint moves the split
    (8, 7, 8, "supporter"),
    (7, 8, 8, "gatekeeper"),
    (8, 8, 8, "champion"),
    (1, 1, 1, "champion"),
    (0, 1, 1, "gatekeeper"),
    (10, 9, 10, "supporter"),
])
def test_the_quadrant_follows_support_and_influence_with_the_midpoint_counting_as_high(
        support, influence, midpoint, expected):
    assert sh.quadrant(support, influence, midpoint) == expected


def test_every_quadrant_has_a_label_and_an_engagement_strategy():
    assert [sh.LABELS[q] for q in sh.QUADRANTS] == ["Champion", "Supporter", "Gatekeeper",
                                                    "Bystander"]
    assert all(len(sh.STRATEGIES[q]) > 20 for q in sh.QUADRANTS)


def test_a_stakeholder_is_added_with_its_quadrant(db, make_workshop):
    wid = make_workshop()
    sid = sh.add_stakeholder(db, wid, "  Head of lending ", "Sales", 3, 9, "Worried about cost")
    assert sh.list_stakeholders(db, wid) == [
        Stakeholder(sid, "Head of lending", "Sales", 3, 9, "Worried about cost", "gatekeeper")]
    assert sh.has_content(db, wid)


def test_changing_support_moves_the_stakeholder_to_another_quadrant(db, make_workshop):
    wid = make_workshop()
    sid = sh.add_stakeholder(db, wid, "Head of lending", support=3, influence=9)
    sh.update_field(db, wid, sid, "support", 8)
    [person] = sh.list_stakeholders(db, wid)
    assert (person.support, person.quadrant, person.quadrant_label) == (8, "champion", "Champion")


def test_the_workshop_midpoint_is_stored_in_settings_and_regroups_the_map(db, make_workshop):
    wid = make_workshop()
    sh.add_stakeholder(db, wid, "Billing lead", support=6, influence=6)
    assert (sh.get_midpoint(db, wid), sh.list_stakeholders(db, wid)[0].quadrant) == (5, "champion")
    sh.set_midpoint(db, wid, 7)
    assert settings.get(db, wid, "stakeholder_midpoint") == "7"
    assert (sh.get_midpoint(db, wid), sh.list_stakeholders(db, wid)[0].quadrant) == (7, "bystander")


@pytest.mark.parametrize("value, message", [
    (0, "Midpoint must be from 1 to 10, not 0."),
    (11, "Midpoint must be from 1 to 10, not 11."),
    (5.5, "Midpoint must be a whole number from 1 to 10."),
    ("6", "Midpoint must be a whole number from 1 to 10."),
])
def test_a_midpoint_out_of_range_is_refused_and_the_old_one_kept(db, make_workshop, value, message):
    wid = make_workshop()
    sh.set_midpoint(db, wid, 6)
    with pytest.raises(ValidationError) as error:
        sh.set_midpoint(db, wid, value)
    assert (str(error.value), sh.get_midpoint(db, wid)) == (message, 6)


def test_an_unreadable_stored_midpoint_falls_back_to_five(db, make_workshop):
    wid = make_workshop()
    settings.set_value(db, wid, "stakeholder_midpoint", "middle")
    assert sh.get_midpoint(db, wid) == 5


@pytest.mark.parametrize("field, value, message", [
    ("support", 11, "Support must be from 0 to 10, not 11."),
    ("support", -1, "Support must be from 0 to 10, not -1."),
    ("influence", 2.5, "Influence must be a whole number from 0 to 10."),
    ("influence", None, "Influence must be a whole number from 0 to 10."),
    ("name", "   ", "Name cannot be empty."),
    ("name", "x" * 121, "Name is too long: 121 characters, the limit is 120."),
    ("department", "d" * 81, "Department is too long: 81 characters, the limit is 80."),
    ("quadrant", "champion", "A stakeholder has no field called quadrant."),
])
def test_bad_edits_are_refused_with_a_message_and_change_nothing(db, make_workshop, field,
                                                                 value, message):
    wid = make_workshop()
    sid = sh.add_stakeholder(db, wid, "Head of lending", "Sales", 3, 9)
    before = sh.list_stakeholders(db, wid)
    with pytest.raises(ValidationError) as error:
        sh.update_field(db, wid, sid, field, value)
    assert (str(error.value), sh.list_stakeholders(db, wid)) == (message, before)


def test_adding_without_a_name_is_refused_and_adds_nothing(db, make_workshop):
    wid = make_workshop()
    with pytest.raises(ValidationError, match="Name cannot be empty."):
        sh.add_stakeholder(db, wid, "\u202e ")
    assert sh.list_stakeholders(db, wid) == []


def test_a_stakeholder_of_another_workshop_cannot_be_edited_or_deleted(db, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    sid = sh.add_stakeholder(db, theirs, "Their CFO")
    with pytest.raises(NotFoundError):
        sh.update_field(db, mine, sid, "support", 1)
    with pytest.raises(NotFoundError):
        sh.delete_stakeholder(db, mine, sid)
    assert [p.support for p in sh.list_stakeholders(db, theirs)] == [5]


def test_deleting_a_stakeholder_removes_it(db, make_workshop):
    wid = make_workshop()
    keep = sh.add_stakeholder(db, wid, "Keep")
    gone = sh.add_stakeholder(db, wid, "Gone")
    sh.delete_stakeholder(db, wid, gone)
    assert [p.id for p in sh.list_stakeholders(db, wid)] == [keep]


def test_departments_list_each_departments_people_by_quadrant_sorted_by_name(db, make_workshop):
    wid = make_workshop()
    for name, department, support, influence in [
            ("Tom", "Sales", 8, 8), ("Ann", "sales", 9, 9), ("IT board", "Technology", 1, 9),
            ("Desk staff", "Sales", 7, 2), ("Collections", "Billing", 1, 1),
            ("Freelancer", "", 9, 9), ("Graham", "Billing", 2, 8)]:
        sh.add_stakeholder(db, wid, name, department, support, influence)
    assert sh.departments(db, wid) == [
        Department("Billing", champions=[], supporters=[], gatekeepers=["Graham"],
                   bystanders=["Collections"]),
        Department("Sales", champions=["Ann", "Tom"], supporters=["Desk staff"],
                   gatekeepers=[], bystanders=[]),
        Department("Technology", champions=[], supporters=[], gatekeepers=["IT board"],
                   bystanders=[]),
    ]


def test_departments_of_a_workshop_without_stakeholders_is_empty(db, make_workshop):
    assert sh.departments(db, make_workshop()) == []


def test_by_quadrant_lists_every_quadrant_in_map_order_names_alphabetical():
    people = [Stakeholder(1, "Zed", "", 9, 9, "", "champion"),
              Stakeholder(2, "amy", "", 9, 9, "", "champion"),
              Stakeholder(3, "Bo", "", 0, 0, "", "bystander")]
    grouped = sh.by_quadrant(people)
    assert {q: [p.name for p in g] for q, g in grouped.items()} == {
        "champion": ["amy", "Zed"], "supporter": [], "gatekeeper": [], "bystander": ["Bo"]}


def test_the_pdf_section_draws_the_chart_and_the_table_by_quadrant(db, make_workshop):
    from pypdf import PdfReader
    import io

    from cxcore.pdf import Report

    wid = make_workshop()
    sh.add_stakeholder(db, wid, "Aisha Khan", "Marketing", 9, 9)
    sh.add_stakeholder(db, wid, "IT board", "Technology", 2, 9)
    report = Report("Test")
    report.add_page()
    sh.pdf_section(report, db, wid)
    reader = PdfReader(io.BytesIO(bytes(report.output())))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Champions (1)" in text and "Gatekeepers (1)" in text
    assert "Aisha Khan" in text and "IT board" in text
    assert "Supporters" not in text
    assert len(reader.pages[0].images) == 1


@pytest.mark.parametrize("name, expected", [
    ("Aisha Khan, Chief Marketing Officer", "Aisha Khan"),
    ("IT architecture board", "IT architecture board"),
    ("Customer support team leads", "Customer support team…"),
    (", odd", ", odd"),
])
def test_chart_labels_use_the_name_before_the_first_comma_cut_to_fit(name, expected):
    assert sh.short_name(name) == expected


def test_the_pdf_chart_numbers_people_so_names_never_collide_and_the_tables_give_the_key(
        db, make_workshop):
    from cxcore.pdf import Report

    wid = make_workshop()
    sh.add_stakeholder(db, wid, "Owner $x^{$ team", "Finance", 3, 8)
    sh.add_stakeholder(db, wid, "Head of Compliance", "Risk", 3, 8)
    figure = sh._quadrant_figure(sh.list_stakeholders(db, wid), 5)
    figure.canvas.draw()
    assert [t.get_text() for t in figure.axes[0].texts] == [
        "Champion", "Supporter", "Gatekeeper", "Bystander", "1", "2"]
    assert [(p.number, p.person.name, p.x, p.y) for p in sh.map_points(
        sh.list_stakeholders(db, wid))] == [(1, "Head of Compliance", 2.78, 8.22),
                                            (2, "Owner $x^{$ team", 3.22, 7.78)]
    report = Report("Test")
    report.add_page()
    sh.pdf_section(report, db, wid)
    assert len(report.output()) > 0
