"""Experience design cards: the four-part sentence, the status rules, ranking and lineage."""
from __future__ import annotations

import pytest

from cxcore import cards, whys, workshops
from cxcore.cards import Card, MatrixPoint
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError

COMPLETE = ("A mortgage app that collects documents once", "customers re-sending papers",
            "a shared document vault", "offers made in days, not weeks")


def card(number: int = 1, parts: tuple[str, ...] = COMPLETE, customer: int | None = 3,
         business: int | None = 3, status: str = "exploring") -> Card:
    return Card(id=number, number=number, idea_id=None, new_experience=parts[0],
                solves=parts[1], enabled_by=parts[2], resulting_in=parts[3],
                customer_value=customer, business_value=business, status=status)


def make_idea(db, workshop_id: int, text: str = "Upload documents once", flipped: str = "",
              technique: str = "classic", root_cause: str = "Documents live in three systems",
              customer: int | None = None, business: int | None = None) -> int:
    """An idea in a brainstorm prompted by a root cause of a 5 Whys analysis."""
    from cxcore.brainstorm import create_brainstorm

    analysis = whys.create_analysis(db, workshop_id, "Mortgage applications stall")
    answer = whys.add_answer(db, workshop_id, analysis, None, root_cause)
    brainstorm = create_brainstorm(db, workshop_id, "How might we keep documents in one place?",
                                   technique, source_why_id=answer)
    idea = db["ideas"].insert({"workshop_id": workshop_id, "brainstorm_id": brainstorm,
                               "text": text, "flipped": flipped}).last_pk
    if customer is not None:
        db["scores"].insert({"workshop_id": workshop_id, "idea_id": idea,
                             "customer_value": customer, "business_value": business})
    return idea


# ---- the sentence and the completeness rule

@pytest.mark.parametrize("parts, expected", [
    (COMPLETE, "We believe A mortgage app that collects documents once will solve customers "
               "re-sending papers, enabled by a shared document vault, resulting in offers "
               "made in days, not weeks."),
    (("An app.", "", "", ""), "We believe An app will solve …, enabled by …, resulting in …"),
    (("", "", "", ""), "We believe … will solve …, enabled by …, resulting in …"),
])
def test_the_card_sentence_shows_missing_parts_as_an_ellipsis(parts, expected):
    assert cards.sentence(*parts) == expected


@pytest.mark.parametrize("parts, is_draft", [
    (COMPLETE, False),
    (("", *COMPLETE[1:]), True),
    ((*COMPLETE[:3], ""), True),
    (("", "", "", ""), True),
])
def test_a_card_is_a_draft_until_all_four_parts_are_filled(parts, is_draft):
    assert card(parts=parts).is_draft is is_draft


def test_the_headline_is_the_new_experience_cut_short_or_says_blank():
    assert [card(parts=(text, "", "", "")).headline for text in ("Short one", "", "x" * 80)] == [
        "Short one", "Blank card", "x" * 59 + "…"]


# ---- writing and the status rules

def test_a_blank_card_is_saved_as_a_draft_and_listed_with_its_contract_fields(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid)
    [listed] = cards.list_cards(db, wid)
    assert (listed.id, listed.number, listed.idea_id, listed.new_experience, listed.status,
            listed.is_draft, listed.headline, listed.lineage) == (
        cid, 1, None, "", "exploring", True, "Blank card", "")


def test_filling_a_card_part_by_part_completes_it(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid)
    drafts = []
    for part, value in zip(cards.PARTS, COMPLETE):
        cards.update_part(db, wid, cid, part, f"  {value} ")
        drafts.append(cards.get_card(db, wid, cid).is_draft)
    assert drafts == [True, True, True, False]
    assert cards.get_card(db, wid, cid).sentence == cards.sentence(*COMPLETE)


@pytest.mark.parametrize("value, message", [
    ("x" * 401, "is too long: 401 characters, the limit is 400."),
    (42, "must be text."),
])
def test_bad_part_text_is_refused_and_changes_nothing(db, make_workshop, value, message):
    wid = make_workshop()
    cid = cards.add_card(db, wid, "Original")
    with pytest.raises(ValidationError, match=message):
        cards.update_part(db, wid, cid, "new_experience", value)
    assert cards.get_card(db, wid, cid).new_experience == "Original"


def test_odd_unicode_is_cleaned_before_it_is_stored(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid, "Zoe\u0308\u202e's\x00 café")
    assert cards.get_card(db, wid, cid).new_experience == "Zoë's café"


def test_a_draft_cannot_be_validated_or_made_a_business_case(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid, "Half a card")
    for status in ("validated", "business_case"):
        with pytest.raises(ValidationError, match="Card 1 is still a draft: write all four"):
            cards.set_status(db, wid, cid, status)
    assert cards.get_card(db, wid, cid).status == "exploring"


def test_a_complete_card_moves_through_validated_and_business_case(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid, *COMPLETE)
    seen = []
    for status in ("validated", "business_case", "exploring"):
        cards.set_status(db, wid, cid, status)
        seen.append(cards.get_card(db, wid, cid).status)
    assert seen == ["validated", "business_case", "exploring"]


def test_a_validated_card_keeps_all_four_parts(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid, *COMPLETE)
    cards.set_status(db, wid, cid, "validated")
    with pytest.raises(ValidationError, match="Move it back to exploring before emptying one"):
        cards.update_part(db, wid, cid, "solves", "  ")
    assert cards.get_card(db, wid, cid).solves == COMPLETE[1]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_retiring_needs_a_reason(db, make_workshop, reason):
    wid = make_workshop()
    cid = cards.add_card(db, wid, *COMPLETE)
    with pytest.raises(ValidationError, match="The reason to retire the card cannot be empty."):
        cards.retire(db, wid, cid, reason)
    assert cards.get_card(db, wid, cid).status == "exploring"


def test_a_draft_or_complete_card_can_be_retired_and_brought_back(db, make_workshop):
    wid = make_workshop()
    draft = cards.add_card(db, wid, "Half a card")
    complete = cards.add_card(db, wid, *COMPLETE)
    cards.retire(db, wid, draft, "Nobody wanted it")
    cards.retire(db, wid, complete, "The test showed no change")
    cards.set_status(db, wid, complete, "exploring")
    assert [(c.status, c.retired_reason) for c in cards.list_cards(db, wid)] == [
        ("retired", "Nobody wanted it"), ("exploring", "")]


def test_an_unknown_status_or_value_is_refused(db, make_workshop):
    wid = make_workshop()
    cid = cards.add_card(db, wid, *COMPLETE)
    with pytest.raises(ValidationError, match="Unknown status: done."):
        cards.set_status(db, wid, cid, "done")
    with pytest.raises(ValidationError, match="Unknown value: feasibility."):
        cards.set_value(db, wid, cid, "feasibility", 3)


@pytest.mark.parametrize("value, message", [
    (0, "Customer value must be from 1 to 5, not 0."),
    (6, "Customer value must be from 1 to 5, not 6."),
    (2.5, "Customer value must be a whole number from 1 to 5."),
    ("4", "Customer value must be a whole number from 1 to 5."),
])
def test_values_are_whole_numbers_from_one_to_five(db, make_workshop, value, message):
    wid = make_workshop()
    cid = cards.add_card(db, wid, *COMPLETE)
    cards.set_value(db, wid, cid, "customer_value", 4)
    with pytest.raises(ValidationError, match=message):
        cards.set_value(db, wid, cid, "customer_value", value)
    cards.set_value(db, wid, cid, "business_value", 2)
    assert (cards.get_card(db, wid, cid).customer_value,
            cards.get_card(db, wid, cid).business_value) == (4, 2)


def test_only_a_draft_can_be_deleted(db, make_workshop):
    wid = make_workshop()
    draft = cards.add_card(db, wid, "Half a card")
    complete = cards.add_card(db, wid, *COMPLETE)
    with pytest.raises(ValidationError, match="Only a draft can be deleted"):
        cards.delete_draft(db, wid, complete)
    cards.delete_draft(db, wid, draft)
    assert [(c.id, c.number) for c in cards.list_cards(db, wid)] == [(complete, 1)]


def test_a_card_of_another_workshop_is_not_found(db, make_workshop):
    mine, theirs = make_workshop(), make_workshop("Other")
    cid = cards.add_card(db, theirs, "Their card")
    with pytest.raises(NotFoundError, match=f"There is no card with id {cid}."):
        cards.update_part(db, mine, cid, "solves", "mine now")
    assert cards.list_cards(db, mine) == []


def test_editing_a_card_marks_the_workshop_as_updated(db, make_workshop):
    wid = make_workshop()
    db.execute("UPDATE workshops SET updated = '2000-01-01' WHERE id = ?", [wid])
    cards.add_card(db, wid)
    assert workshops.get(db, wid).updated > "2000-01-01"


# ---- ranking and the value matrix

def test_ranking_puts_complete_cards_by_total_value_then_drafts_then_retired():
    ranked = cards.rank([
        card(1, customer=2, business=5),
        card(2, customer=4, business=3),
        card(3, parts=("Draft", "", "", ""), customer=5, business=5),
        card(4, customer=5, business=5, status="retired"),
        card(5, customer=None, business=None),
        card(6, customer=5, business=2),
        card(7, customer=2, business=5),
    ])
    assert [c.number for c in ranked] == [6, 2, 1, 7, 5, 3, 4]


@pytest.mark.parametrize("customer, business, expected", [
    (5, 5, "Top priorities"), (3, 3, "Top priorities"), (4, 2, "Customer delighters"),
    (1, 4, "Business builders"), (2, 2, "Rethink"),
])
def test_each_rated_card_falls_in_a_named_quadrant(customer, business, expected):
    assert cards.quadrant(customer, business) == expected


def test_matrix_points_spread_cards_that_share_a_spot_and_skip_unrated_ones():
    points = cards.matrix_points([card(1, customer=4, business=2), card(2, customer=4, business=2),
                                  card(3, customer=None), card(4, business=5, status="retired")])
    assert points == [MatrixPoint(1, COMPLETE[0], 1.78, 4.22, False),  # corner to corner:
                      MatrixPoint(2, COMPLETE[0], 2.22, 3.78, False),  # "1" and "2", not "12"
                      MatrixPoint(4, COMPLETE[0], 5, 3, True)]


# ---- from a brainstorm idea, with its lineage

def test_a_card_made_from_an_idea_is_prefilled_and_shows_where_it_came_from(db, make_workshop):
    wid = make_workshop()
    idea = make_idea(db, wid, customer=5, business=4)
    cid = cards.create_from_idea(db, wid, idea)
    got = cards.get_card(db, wid, cid)
    assert (got.idea_id, got.new_experience, got.solves, got.customer_value,
            got.business_value, got.is_draft) == (idea, "Upload documents once", "", 5, 4, True)
    assert got.lineage == ("From idea “Upload documents once” in brainstorm “How might we keep "
                           "documents in one place?” from root cause “Documents live in three "
                           "systems”")


def test_a_wrong_way_idea_becomes_a_card_through_its_flipped_text(db, make_workshop):
    wid = make_workshop()
    unflipped = make_idea(db, wid, "Lose every document", technique="wrong_way")
    flipped = make_idea(db, wid, "Lose every document", flipped="Never ask twice",
                        technique="wrong_way")
    with pytest.raises(ValidationError, match="Flip this wrong-way idea"):
        cards.create_from_idea(db, wid, unflipped)
    cid = cards.create_from_idea(db, wid, flipped)
    assert cards.get_card(db, wid, cid).new_experience == "Never ask twice"
    assert [i.id for i in cards.promotable_ideas(db, wid)] == []


def test_an_idea_becomes_a_card_only_once(db, make_workshop):
    wid = make_workshop()
    idea = make_idea(db, wid)
    other = make_idea(db, wid, "Text updates on progress")
    assert [i.text for i in cards.promotable_ideas(db, wid)] == [
        "Upload documents once", "Text updates on progress"]
    cards.create_from_idea(db, wid, idea)
    with pytest.raises(ValidationError, match="This idea is already card 1."):
        cards.create_from_idea(db, wid, idea)
    assert [i.id for i in cards.promotable_ideas(db, wid)] == [other]


def test_an_idea_of_another_workshop_is_not_found(db, make_workshop):
    mine, theirs = make_workshop(), make_workshop("Other")
    idea = make_idea(db, theirs)
    with pytest.raises(NotFoundError, match=f"There is no idea with id {idea}."):
        cards.create_from_idea(db, mine, idea)
    assert cards.list_cards(db, mine) == []


def test_the_lineage_names_the_root_cause_once_when_it_was_the_brainstorm_prompt():
    card_from_root = card()
    card_from_root = Card(**{**card_from_root.__dict__, "idea_text": "Upload once",
                             "brainstorm_prompt": "Documents live in three systems",
                             "root_cause": "Documents live in three systems"})
    assert card_from_root.lineage == ("From idea “Upload once” in the brainstorm on root cause "
                                      "“Documents live in three systems”")


def test_the_lineage_stops_where_the_chain_stops(db, make_workshop):
    wid = make_workshop()
    idea = make_idea(db, wid)
    cid = cards.create_from_idea(db, wid, idea)
    db.execute("UPDATE brainstorms SET source_why_id = NULL")
    assert cards.get_card(db, wid, cid).lineage == (
        "From idea “Upload documents once” in brainstorm “How might we keep documents in one "
        "place?”")
    db.execute("DELETE FROM ideas")
    assert (cards.get_card(db, wid, cid).idea_id, cards.get_card(db, wid, cid).lineage) == (None, "")


def test_has_content_once_a_card_exists(db, make_workshop):
    wid = make_workshop()
    before = cards.has_content(db, wid)
    cards.add_card(db, wid)
    assert (before, cards.has_content(db, wid)) == (False, True)


def test_the_pdf_shows_the_matrix_and_the_cards_ranked_with_retired_ones_marked(db, make_workshop):
    import io

    from pypdf import PdfReader

    from cxcore import pdf

    wid = make_workshop()
    low = cards.add_card(db, wid, "Low value card", "b", "c", "d")
    high = cards.add_card(db, wid, "High value card", "b", "c", "d")
    gone = cards.add_card(db, wid, "Gone card", "b", "c", "d")
    for card_id, value in ((low, 2), (high, 5), (gone, 5)):
        cards.set_value(db, wid, card_id, "customer_value", value)
        cards.set_value(db, wid, card_id, "business_value", value)
    cards.retire(db, wid, gone, "Customers shrugged")
    reader = PdfReader(io.BytesIO(pdf.build_pdf(db, wid)))
    text = "".join(page.extract_text() for page in reader.pages)
    section = text[text.index("Design: Experience design cards"):]
    headings = [line for line in section.splitlines() if ". Card " in line]
    assert headings == ["1. Card 2", "2. Card 1", "3. Card 3 [RETIRED]"]
    assert "Retired because: Customers shrugged" in section
    matrix = section[section.index("Value matrix (grey: retired)"):section.index("The cards,")]
    assert [name for name in cards.QUADRANTS.values() if name not in matrix] == []
    assert "Business value (1-5)" in matrix and "Customer value (1-5)" in matrix
