"""Touchpoint review: the priority rule, the channel to fix first, edits and stage links."""
from __future__ import annotations

import io

import pytest

from cxcore import touchpoints as tp
from cxcore.text import ValidationError
from cxcore.touchpoints import ChannelSummary, Touchpoint
from cxcore.workshops import NotFoundError


def point(id_: int, channel: str, consistency: int, meets_needs: int, importance: int,
          custom: str = "") -> Touchpoint:
    return Touchpoint(id_, channel, custom, f"Touchpoint {id_}", None, consistency, meets_needs,
                      importance, "")


@pytest.mark.parametrize("importance, consistency, meets_needs, expected", [
    (5, 1, 1, 40),   # the most urgent: vital and failing on both
    (1, 1, 1, 8),
    (5, 5, 5, 0),    # meets the vision and the needs: no work
    (1, 5, 5, 0),
    (3, 4, 2, 12),
    (4, 2, 2, 24),
    (5, 2, 2, 30),
])
def test_priority_is_importance_times_the_shortfall_on_vision_and_needs(
        importance, consistency, meets_needs, expected):
    assert tp.priority(importance, consistency, meets_needs) == expected


def test_priority_rises_with_importance_and_with_each_shortfall():
    base = tp.priority(3, 3, 3)
    assert (tp.priority(4, 3, 3) > base, tp.priority(3, 2, 3) > base,
            tp.priority(3, 3, 2) > base) == (True, True, True)


def test_the_channel_with_the_highest_average_priority_comes_first_with_a_reason():
    points = [point(1, "website", 4, 4, 3), point(2, "website", 2, 2, 5),
              point(3, "customer_support", 2, 2, 5), point(4, "customer_support", 3, 3, 4)]
    assert tp.channel_summaries(points) == [
        ChannelSummary("Customer support", 2, 46, 4.5, 2.5, 2.5),
        ChannelSummary("Website", 2, 36, 4.0, 3.0, 3.0),
    ]
    assert tp.fix_first(points).reason == (
        "Customer support: its touchpoints matter (importance 4.5/5) and fall furthest short "
        "of the vision (2.5/5) and of customer needs (2.5/5), for an average priority of 23 "
        "out of 40.")


def test_on_equal_average_priority_the_channel_with_more_touchpoints_wins():
    points = [point(1, "website", 2, 2, 5), point(2, "mobile_app", 2, 2, 5),
              point(3, "mobile_app", 2, 2, 5)]
    assert [s.label for s in tp.channel_summaries(points)] == ["Mobile app", "Website"]


def test_on_a_full_tie_the_channel_name_decides_alphabetically():
    points = [point(1, "website", 2, 2, 5), point(2, "in_store", 2, 2, 5),
              point(3, "custom", 2, 2, 5, custom="branch kiosks")]
    assert [s.label for s in tp.channel_summaries(points)] == [
        "branch kiosks", "In-store", "Website"]


def test_each_custom_channel_name_is_a_channel_of_its_own():
    points = [point(1, "custom", 1, 1, 5, "Post"), point(2, "custom", 5, 5, 1, "post"),
              point(3, "custom", 3, 3, 3, "Partner branches")]
    assert [(s.label, s.count) for s in tp.channel_summaries(points)] == [
        ("Post", 2), ("Partner branches", 1)]


def test_no_channel_is_named_when_nothing_falls_short_or_nothing_is_rated():
    assert (tp.fix_first([point(1, "website", 5, 5, 5)]), tp.fix_first([])) == (None, None)


def test_every_channel_of_the_method_is_offered_with_custom_last():
    assert list(tp.CHANNELS.values()) == [
        "Website", "Mobile app", "In-store", "Customer support",
        "Product implementation support", "Loyalty programme", "Referral programme",
        "Returns and refunds", "Custom"]


def test_a_touchpoint_is_added_and_rated(db, make_workshop):
    wid = make_workshop()
    tid = tp.add_touchpoint(db, wid, "customer_support", " Mortgage helpline ")
    for field, value in (("consistency", 2), ("meets_needs", 1), ("importance", 5)):
        tp.update_field(db, wid, tid, field, value)
    assert tp.list_touchpoints(db, wid) == [
        Touchpoint(tid, "customer_support", "", "Mortgage helpline", None, 2, 1, 5, "")]
    assert (tp.list_touchpoints(db, wid)[0].priority, tp.has_content(db, wid)) == (35, True)


def test_a_custom_channel_needs_a_name_and_other_channels_drop_it(db, make_workshop):
    wid = make_workshop()
    with pytest.raises(ValidationError, match="Name the custom channel"):
        tp.add_touchpoint(db, wid, "custom", "Statement")
    posted = tp.add_touchpoint(db, wid, "custom", "Statement", custom_channel="Post")
    web = tp.add_touchpoint(db, wid, "website", "Calculator", custom_channel="Post")
    assert [(t.id, t.channel_label, t.custom_channel) for t in tp.list_touchpoints(db, wid)] == [
        (posted, "Post", "Post"), (web, "Website", "")]
    with pytest.raises(ValidationError, match="A custom channel needs a name."):
        tp.update_field(db, wid, posted, "custom_channel", "  ")
    with pytest.raises(ValidationError, match="Name the custom channel first"):
        tp.update_field(db, wid, web, "channel", "custom")


@pytest.mark.parametrize("field, value, message", [
    ("consistency", 0, "Consistency with the CX vision must be from 1 to 5, not 0."),
    ("meets_needs", 6, "Meets the customer's needs must be from 1 to 5, not 6."),
    ("importance", "5", "Importance to the goals must be a whole number from 1 to 5."),
    ("channel", "fax", "Choose a channel from the list, not 'fax'."),
    ("channel", ["website"], "Choose a channel from the list, not ['website']."),
    ("name", "", "Touchpoint cannot be empty."),
    ("name", "n" * 161, "Touchpoint is too long: 161 characters, the limit is 160."),
    ("stage_id", 999, "That journey stage is not part of this workshop."),
    ("stage_id", True, "That journey stage is not part of this workshop."),
    ("priority", 40, "A touchpoint has no field called priority."),
])
def test_bad_edits_are_refused_with_a_message_and_change_nothing(db, make_workshop, field,
                                                                 value, message):
    wid = make_workshop()
    tid = tp.add_touchpoint(db, wid, "website", "Calculator")
    before = tp.list_touchpoints(db, wid)
    with pytest.raises(ValidationError) as error:
        tp.update_field(db, wid, tid, field, value)
    assert (str(error.value), tp.list_touchpoints(db, wid)) == (message, before)


def make_journey(db, workshop_id: int, title: str, stages: list[str]) -> list[int]:
    journey = db["journeys"].insert({"workshop_id": workshop_id, "title": title}).last_pk
    return [db["journey_stages"].insert({"workshop_id": workshop_id, "journey_id": journey,
                                         "name": name, "position": i}).last_pk
            for i, name in enumerate(stages)]


def test_stages_are_offered_as_journey_and_stage_and_only_the_workshops_own(db, make_workshop):
    wid, other = make_workshop("Mine"), make_workshop("Other")
    attract, accept = make_journey(db, wid, "Margaret's mortgage", ["Attract", "Accept"])
    [foreign] = make_journey(db, other, "Elsewhere", ["Attract"])
    assert tp.stage_choices(db, wid) == {attract: "Margaret's mortgage · Attract",
                                         accept: "Margaret's mortgage · Accept"}
    tid = tp.add_touchpoint(db, wid, "website", "Calculator", stage_id=accept)
    with pytest.raises(ValidationError):
        tp.update_field(db, wid, tid, "stage_id", foreign)
    tp.update_field(db, wid, tid, "stage_id", None)
    assert tp.list_touchpoints(db, wid)[0].stage_id is None


def test_a_touchpoint_of_another_workshop_cannot_be_edited_or_deleted(db, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    tid = tp.add_touchpoint(db, theirs, "website", "Their site")
    with pytest.raises(NotFoundError):
        tp.update_field(db, mine, tid, "importance", 5)
    with pytest.raises(NotFoundError):
        tp.delete_touchpoint(db, mine, tid)
    tp.delete_touchpoint(db, theirs, tid)
    assert tp.list_touchpoints(db, theirs) == []


def test_the_pdf_section_names_the_channel_and_lists_touchpoints_by_priority(db, make_workshop):
    from pypdf import PdfReader

    from cxcore.pdf import Report

    wid = make_workshop()
    tp.add_touchpoint(db, wid, "website", "Rate calculator", consistency=4, meets_needs=4,
                      importance=2)
    tp.add_touchpoint(db, wid, "customer_support", "Mortgage helpline", consistency=2,
                      meets_needs=2, importance=5)
    report = Report("Test")
    report.add_page()
    tp.pdf_section(report, db, wid)
    text = PdfReader(io.BytesIO(bytes(report.output()))).pages[0].extract_text()
    assert "Customer support: its touchpoints matter (importance 5/5)" in text
    assert text.index("Mortgage helpline") < text.index("Rate calculator")
    # every column heading fits on one line
    assert "Channel Touchpoint Journey stage Vision Needs Importance Priority" in text


def test_a_journey_without_a_title_offers_its_stages_under_its_personas_name(db, make_workshop):
    from cxcore import journeys

    wid = make_workshop()
    persona = db["personas"].insert({"workshop_id": wid, "name": "Margaret"}).last_pk
    journeys.create_journey(db, wid, persona)
    journeys.create_journey(db, wid, None)
    assert list(tp.stage_choices(db, wid).values()) == [
        *(f"Margaret's journey · {name}" for name, _ in journeys.DEFAULT_STAGES),
        *(f"Untitled journey · {name}" for name, _ in journeys.DEFAULT_STAGES)]
