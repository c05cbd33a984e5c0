"""SMIRC goals: the Measurable rule, the advice on the whole set, validation and listing."""
from __future__ import annotations

import datetime as dt

import pytest

from cxcore import goals, sample
from cxcore.goals import STANDING_ADVICE, Goal
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError

NO_FEEDBACK = ("No customer feedback metric yet (such as NPS, CSAT or CES): add one so you hear "
               "how customers feel, not only what they do.")
NO_OPERATIONAL = ("No operational metric yet (such as churn, retention or customer lifetime "
                  "value): add one so you see what customers actually do.")


def goal(n: int = 1, metric: str = "nps", kind: str = "feedback", because: str = "it pays",
         custom: str = "") -> Goal:
    return Goal(id=n, statement=f"Goal {n}", metric=metric, custom_metric=custom,
                metric_kind=kind, because=because)


@pytest.mark.parametrize("metric, custom, target, deadline, expected", [
    ("nps", "", 35.0, "2027-12-31", True),
    ("nps", "", 0.0, "2027-12-31", True),
    ("custom", "First-call resolution", 80.0, "2027-06-30", True),
    ("custom", "", 80.0, "2027-06-30", False),
    ("", "", 35.0, "2027-12-31", False),
    ("nps", "", None, "2027-12-31", False),
    ("nps", "", 35.0, None, False),
    ("", "", None, None, False),
])
def test_a_goal_is_measurable_only_with_a_metric_a_target_and_a_deadline(
        metric, custom, target, deadline, expected):
    subject = Goal(1, "Happier customers", metric=metric, custom_metric=custom, target=target,
                   deadline=deadline)
    assert subject.measurable is expected
    assert subject.checks["measurable"] is expected


def test_the_checks_are_in_smirc_order_with_measurable_worked_out():
    subject = Goal(1, "Lift NPS", metric="nps", target=35.0, deadline="2027-12-31",
                   social=True, inspiring=False, relevant=True, contextual=False)
    assert subject.checks == {"social": True, "measurable": True, "inspiring": False,
                              "relevant": True, "contextual": False}


@pytest.mark.parametrize("metric, custom, label", [
    ("nps", "", "NPS"), ("churn", "", "Churn rate"), ("clv", "", "Customer lifetime value"),
    ("custom", "First-call resolution", "First-call resolution"), ("", "", "")])
def test_the_metric_label_is_the_metric_name_or_the_custom_name(metric, custom, label):
    assert goal(metric=metric, custom=custom).metric_label == label


def test_a_set_with_both_kinds_of_metric_and_reasons_gets_only_the_standing_advice():
    assert goals.advice([goal(1, "nps", "feedback"), goal(2, "churn", "operational")]) == [
        STANDING_ADVICE]


def test_no_goals_at_all_asks_for_both_kinds_of_metric():
    assert goals.advice([]) == [NO_FEEDBACK, NO_OPERATIONAL, STANDING_ADVICE]


def test_only_feedback_metrics_asks_for_an_operational_one():
    assert goals.advice([goal(1, "nps"), goal(2, "csat")]) == [NO_OPERATIONAL, STANDING_ADVICE]


def test_only_operational_metrics_asks_for_a_feedback_one():
    assert goals.advice([goal(1, "churn", "operational")]) == [NO_FEEDBACK, STANDING_ADVICE]


def test_a_goal_without_a_metric_does_not_count_as_either_kind():
    assert goals.advice([goal(1, "", "feedback"), goal(2, "churn", "operational")]) == [
        NO_FEEDBACK, STANDING_ADVICE]


def test_more_than_five_distinct_metrics_is_too_many_to_watch():
    six = [goal(1, "nps"), goal(2, "csat"), goal(3, "ces"), goal(4, "churn", "operational"),
           goal(5, "retention", "operational"), goal(6, "clv", "operational")]
    assert goals.advice(six) == [
        "6 different metrics is more than a team can watch closely (keep it to 5 or fewer): "
        "drop the ones nobody will act on.", STANDING_ADVICE]
    assert goals.advice(six[:5]) == [STANDING_ADVICE]


def test_the_same_metric_twice_counts_once_towards_the_limit():
    repeated = [goal(1, "nps"), goal(2, "nps"), goal(3, "csat"), goal(4, "ces"),
                goal(5, "churn", "operational"), goal(6, "retention", "operational"),
                goal(7, "custom", "operational", custom="csat")]
    assert goals.advice(repeated) == [STANDING_ADVICE]


def test_a_goal_without_a_because_is_named_in_the_advice():
    reasonless = Goal(2, "Cut churn among students who opened an account online last year",
                      metric="churn", metric_kind="operational")
    assert goals.advice([goal(1), reasonless]) == [
        "\u201cCut churn among students who opened an account online last\u2026\u201d has no "
        "\u201cbecause\u201d: say which business result it serves.", STANDING_ADVICE]


def test_a_goal_whose_statement_gives_its_because_has_that_reason_and_no_advice_about_it():
    stated = Goal(2, "Cut churn by 10%, because students who stay become savers",
                  metric="churn", metric_kind="operational")
    bare_word = Goal(3, "Lift CSAT because", metric="csat")
    assert (stated.reason, bare_word.reason, goal(1).reason) == (
        "students who stay become savers", "", "it pays")
    assert goals.advice([goal(1), stated]) == [STANDING_ADVICE]


def test_adding_a_goal_sets_the_usual_kind_of_its_metric_and_list_goals_returns_it(
        db, make_workshop):
    wid = make_workshop()
    first = goals.add_goal(db, wid, "Lift NPS", "nps", unit="points", baseline="18",
                           target=35, deadline=dt.date(2027, 12, 31), because="fans sell")
    second = goals.add_goal(db, wid, "Cut churn", "churn", baseline="12,5", target=8.0,
                            deadline="2027-06-30")
    assert goals.list_goals(db, wid) == [
        Goal(first, "Lift NPS", "nps", "", "feedback", "points", 18.0, 35.0, "2027-12-31",
             "fans sell"),
        Goal(second, "Cut churn", "churn", "", "operational", "", 12.5, 8.0, "2027-06-30", "")]


def test_choosing_a_metric_sets_its_usual_kind_which_the_group_can_change(db, make_workshop):
    wid = make_workshop()
    gid = goals.add_goal(db, wid, "Happier customers")
    goals.update_field(db, wid, gid, "metric", "retention")
    assert goals.get_goal(db, wid, gid).metric_kind == "operational"
    goals.update_field(db, wid, gid, "metric_kind", "feedback")
    goals.update_field(db, wid, gid, "metric", "custom")
    goals.update_field(db, wid, gid, "custom_metric", "Complaints per 1,000 accounts")
    assert (goals.get_goal(db, wid, gid).metric_label,
            goals.get_goal(db, wid, gid).metric_kind) == ("Complaints per 1,000 accounts",
                                                           "feedback")


def test_ticking_checks_saves_them_and_measurable_cannot_be_ticked(db, make_workshop):
    wid = make_workshop()
    gid = goals.add_goal(db, wid, "Lift NPS", "nps", target=35, deadline="2027-12-31")
    goals.set_check(db, wid, gid, "social", True)
    goals.set_check(db, wid, gid, "relevant", True)
    goals.set_check(db, wid, gid, "relevant", False)
    with pytest.raises(ValidationError, match="Measurable is worked out"):
        goals.set_check(db, wid, gid, "measurable", False)
    assert goals.get_goal(db, wid, gid).checks == {
        "social": True, "measurable": True, "inspiring": False, "relevant": False,
        "contextual": False}


@pytest.mark.parametrize("field, value, message", [
    ("target", "a lot", "Target must be a number, like 18 or 12.5."),
    ("baseline", float("nan"), "Baseline must be an ordinary number, like 18 or 12.5."),
    ("baseline", True, "Baseline must be a number, like 18 or 12.5."),
    ("deadline", "next spring", "Deadline must be a date, like 2027-06-30."),
    ("deadline", "2027-02-30", "Deadline must be a date, like 2027-06-30."),
    ("deadline", 2027, "Deadline must be a date, like 2027-06-30."),
    ("deadline", "1999-12-31", "Deadline must be a year from 2000 to 2100."),
    ("metric", "revenue", "Unknown metric: revenue. Choose one of NPS, Churn rate, Customer "
                          "lifetime value, CSAT, CES, Retention, Custom metric."),
    ("metric_kind", "financial", "The kind of metric is customer feedback or operational."),
    ("statement", " ", "The goal cannot be empty."),
    ("because", "x" * 301, "Because is too long: 301 characters, the limit is 300."),
    ("colour", "red", "Unknown field of a goal: colour."),
])
def test_bad_values_are_refused_with_a_message_and_change_nothing(db, make_workshop, field,
                                                                  value, message):
    wid = make_workshop()
    gid = goals.add_goal(db, wid, "Lift NPS", "nps", baseline=18, target=35,
                         deadline="2027-12-31", because="fans sell")
    before = goals.list_goals(db, wid)
    with pytest.raises(ValidationError) as refused:
        goals.update_field(db, wid, gid, field, value)
    assert str(refused.value) == message
    assert goals.list_goals(db, wid) == before


def test_an_unknown_metric_is_refused_when_adding_and_nothing_is_stored(db, make_workshop):
    wid = make_workshop()
    with pytest.raises(ValidationError, match="Unknown metric: revenue"):
        goals.add_goal(db, wid, "Grow revenue", "revenue")
    assert goals.list_goals(db, wid) == []
    assert not goals.has_content(db, wid)


def test_emptying_a_number_or_the_deadline_clears_it(db, make_workshop):
    wid = make_workshop()
    gid = goals.add_goal(db, wid, "Lift NPS", "nps", baseline=18, target=35,
                         deadline="2027-12-31")
    goals.update_field(db, wid, gid, "target", None)
    goals.update_field(db, wid, gid, "deadline", "")
    saved = goals.get_goal(db, wid, gid)
    assert (saved.baseline, saved.target, saved.deadline, saved.measurable) == (
        18.0, None, None, False)


def test_the_example_goal_is_due_in_six_months_and_needs_a_target(db, make_workshop):
    wid = make_workshop()
    gid = goals.add_example(db, wid)
    assert goals.list_goals(db, wid) == [Goal(
        gid, "Improve NPS by 20% within 6 months", "nps", "", "feedback", "points", None, None,
        (dt.date.today() + dt.timedelta(days=183)).isoformat(),
        "this leads to more purchases per customer")]


def test_goals_of_another_workshop_are_out_of_reach(db, make_workshop):
    one, two = make_workshop("One"), make_workshop("Two")
    gid = goals.add_goal(db, one, "Lift NPS", "nps")
    with pytest.raises(NotFoundError):
        goals.update_field(db, two, gid, "statement", "Theirs")
    with pytest.raises(NotFoundError):
        goals.delete_goal(db, two, gid)
    assert goals.list_goals(db, two) == []
    goals.delete_goal(db, one, gid)
    assert goals.list_goals(db, one) == []


def test_the_sample_has_four_goals_mixing_feedback_and_operational_metrics(db):
    wid = sample.create_sample(db)
    listed = goals.list_goals(db, wid)
    assert [(g.id - listed[0].id + 1, g.metric_label, g.metric_kind, g.baseline, g.target,
             g.deadline, g.measurable, bool(g.because)) for g in listed] == [
        (1, "NPS", "feedback", 18.0, 35.0, "2027-12-31", True, True),
        (2, "Churn rate", "operational", 12.0, 8.0, "2027-06-30", True, True),
        (3, "CES", "feedback", 4.9, 5.8, "2027-09-30", True, True),
        (4, "Retention", "operational", 86.0, 90.0, "2027-12-31", True, True)]
    assert goals.advice(listed) == [STANDING_ADVICE]


@pytest.mark.parametrize("value, unit, shown", [
    (18.0, "points", "18 points"), (4.9, "out of 7", "4.9 out of 7"), (12.0, "%", "12 %"),
    (None, "%", "—"), (0.0, "", "0")])
def test_numbers_are_shown_without_trailing_zeros_and_with_their_unit(value, unit, shown):
    assert goals.format_number(value, unit) == shown


def test_deadlines_are_shown_as_day_month_year_on_one_line():
    assert [goals.format_date(d) for d in ("2027-09-30", "2027-01-05", None)] == [
        "30\u00a0Sep\u00a02027", "5\u00a0Jan\u00a02027", "—"]


def test_the_pdf_opens_with_the_statements_then_shows_the_goals_checks_and_advice(db):
    import io

    from pypdf import PdfReader

    from cxcore import pdf

    wid = sample.create_sample(db)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf.build_pdf(db, wid))).pages]
    first_section = next(p for p in pages if p.startswith("Direction:"))
    assert first_section.startswith("Direction: Vision, mission and success\nCX vision statement")
    assert "Earlier drafts:" in first_section and "CX mission statement" in first_section
    text = " ".join(" ".join(pages).split())
    assert "Deadline S M I R C" in text
    assert "31 Dec 2027 ✓ ✓ ✓ ✓ ✓" in text and "30 Sep 2027 – ✓ ✓ ✓ –" in text
    assert "Goal 2: because students who stay become our next savers" in text
    assert " ".join(STANDING_ADVICE.split()) in text
