"""5 Whys: the strict root-cause rule, the tree's shape and layout, and saving analyses."""
from __future__ import annotations

import pytest

from cxcore import whys, workshops
from cxcore.text import ValidationError
from cxcore.whys import Answer
from cxcore.workshops import NotFoundError

P, U, D = "proven", "unverified", "disproven"


def answers(*specs: tuple[int, int | None, str]) -> list[Answer]:
    """Answers from (id, parent id, status); the text is "a<id>"."""
    return [Answer(id=i, parent_id=parent, text=f"a{i}", status=status, position=i)
            for i, parent, status in specs]


@pytest.mark.parametrize("specs, expected", [
    pytest.param([], [], id="no answers"),
    pytest.param([(1, None, U), (2, 1, U)], [], id="nothing proven"),
    pytest.param([(1, None, P), (2, 1, P), (3, 2, P)], [3], id="a proven chain"),
    pytest.param([(1, None, P), (2, 1, P), (3, 2, U)], [2], id="an unverified answer below"),
    pytest.param([(1, None, P), (2, 1, P), (3, 1, P), (4, 2, D)], [2, 3], id="branching"),
    pytest.param([(1, None, D), (2, 1, P), (3, 2, P)], [], id="proven under a disproven answer"),
    pytest.param([(1, None, P), (2, 1, D), (3, 2, P)], [1], id="disproven branch below proven"),
    pytest.param([(1, None, P), (2, 1, U), (3, 2, P)], [1], id="proven under unverified waits"),
    pytest.param([(1, None, U), (2, 1, P)], [], id="proven under an unverified top answer"),
    pytest.param([(1, None, P), (2, None, P), (3, 1, P)], [3, 2], id="two top answers"),
])
def test_a_root_cause_is_a_proven_answer_with_a_proven_chain_and_nothing_proven_below(
        specs, expected):
    assert [a.id for a in whys.root_causes(answers(*specs))] == expected


def test_every_answer_has_a_standing_under_the_rule():
    tree = whys.tree(answers((1, None, P), (2, 1, P), (3, 2, U), (4, 3, P), (5, 1, D),
                             (6, 5, P), (7, 6, U), (8, None, U)))
    assert [(row.answer.id, row.level, row.standing) for row in tree] == [
        (1, 1, whys.PROVEN), (2, 2, whys.ROOT_CAUSE), (3, 3, whys.UNVERIFIED),
        (4, 4, whys.WAITING), (5, 2, whys.DISPROVEN), (6, 3, whys.RULED_OUT),
        (7, 4, whys.RULED_OUT), (8, 1, whys.UNVERIFIED)]


def test_the_tree_is_depth_first_in_position_order_and_survives_a_cycle():
    shuffled = [Answer(3, 1, "c", position=1), Answer(1, None, "a", position=2),
                Answer(2, None, "b", position=1), Answer(4, 5, "loop"), Answer(5, 4, "loop")]
    assert [(r.answer.id, r.level) for r in whys.tree(shuffled)] == [(2, 1), (1, 1), (3, 2)]


@pytest.mark.parametrize("specs, expected", [
    ([], 0), ([(1, None, U)], 1), ([(1, None, U), (2, 1, D), (3, 2, U), (4, None, P)], 3)])
def test_depth_counts_the_levels_of_why(specs, expected):
    assert whys.depth(answers(*specs)) == expected


def test_beneath_lists_the_whole_subtree_of_an_answer():
    tree = answers((1, None, U), (2, 1, U), (3, 2, U), (4, 1, U), (5, None, U))
    assert [whys.beneath(tree, 1), whys.beneath(tree, 2), whys.beneath(tree, 5)] == [
        [2, 3, 4], [3], []]


def test_the_layout_puts_levels_in_rows_and_parents_over_their_children():
    tree = answers((1, None, U), (2, 1, U), (3, 1, U), (4, None, U), (5, 4, D))
    assert whys.layout(tree, x_gap=100, y_gap=50) == {
        2: (0, 100), 3: (100, 100), 1: (50.0, 50), 5: (200, 100), 4: (200.0, 50),
        None: (125.0, 0)}


def test_the_layout_is_the_same_whatever_order_the_answers_come_in():
    tree = answers((1, None, U), (2, 1, P), (3, 1, D), (4, 2, U), (5, None, P))
    assert whys.layout(list(reversed(tree))) == whys.layout(tree)


def test_the_layout_of_an_unanswered_problem_is_the_problem_alone():
    assert whys.layout([]) == {None: (0, 0)}


def test_outline_lines_mark_statuses_and_root_causes():
    rows = whys.tree([Answer(1, None, "Docs re-sent", "CRM", "41%", P),
                      Answer(2, 1, "No checklist", status=U),
                      Answer(3, None, "Blurry photos", status=D)])
    assert [whys.outline_line(r) for r in rows] == [
        "[PROVEN] Docs re-sent (evidence: CRM · 41%) ★ root cause",
        "[UNVERIFIED] No checklist",
        "[DISPROVEN] Blurry photos"]


# ---- stored analyses

def test_an_analysis_is_created_answered_and_read_back(db, make_workshop):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "  Mortgage   applications stall ")
    first = whys.add_answer(db, wid, aid, None, "Documents re-sent", "Mortgage CRM", "41%")
    second = whys.add_answer(db, wid, aid, first, "No checklist up front")
    assert whys.list_analyses(db, wid) == [
        whys.Analysis(aid, "Mortgage applications stall", None, None)]
    assert whys.list_answers(db, wid, aid) == [
        Answer(first, None, "Documents re-sent", "Mortgage CRM", "41%", U, 1),
        Answer(second, first, "No checklist up front", "", "", U, 2)]
    assert whys.has_content(db, wid) and not whys.has_content(db, make_workshop("Other"))


def test_an_analysis_from_a_journey_pain_point_names_its_stage(db, make_workshop):
    wid = make_workshop()
    stage = db["journey_stages"].insert({"workshop_id": wid, "name": "Accept"}).last_pk
    entry = db["journey_entries"].insert({"workshop_id": wid, "stage_id": stage,
                                          "lane": "pain_points", "text": "Docs re-sent"}).last_pk
    aid = whys.create_analysis(db, wid, "Docs re-sent", source_entry_id=entry)
    assert whys.list_analyses(db, wid) == [whys.Analysis(aid, "Docs re-sent", entry, "Accept")]
    assert whys.pain_points(db, wid) == [(entry, "Accept: Docs re-sent")]


def test_status_evidence_and_text_updates_are_saved(db, make_workshop):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "Stalls")
    answer = whys.add_answer(db, wid, aid, None, "Docs")
    whys.set_status(db, wid, answer, "proven")
    whys.update_answer(db, wid, answer, "evidence_source", "CRM, Q3")
    whys.update_answer(db, wid, answer, "evidence_figure", "41% sent back")
    whys.update_answer(db, wid, answer, "text", "Documents re-sent")
    whys.update_problem(db, wid, aid, "Applications stall")
    assert whys.list_answers(db, wid, aid) == [
        Answer(answer, None, "Documents re-sent", "CRM, Q3", "41% sent back", P, 1)]
    assert whys.list_analyses(db, wid)[0].problem == "Applications stall"


def test_deleting_an_answer_removes_its_whole_subtree_and_nothing_else(db, make_workshop):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "Stalls")
    top = whys.add_answer(db, wid, aid, None, "top")
    child = whys.add_answer(db, wid, aid, top, "child")
    whys.add_answer(db, wid, aid, child, "grandchild")
    other = whys.add_answer(db, wid, aid, None, "other")
    whys.delete_answer(db, wid, top)
    assert [(a.id, a.text) for a in whys.list_answers(db, wid, aid)] == [(other, "other")]


def test_deleting_an_analysis_removes_its_answers(db, make_workshop):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "Stalls")
    whys.add_answer(db, wid, aid, None, "top")
    whys.delete_analysis(db, wid, aid)
    assert (whys.list_analyses(db, wid), db["why_answers"].count) == ([], 0)


@pytest.mark.parametrize("call, message", [
    pytest.param(lambda db, w, a, x: whys.create_analysis(db, w, " \u202e "),
                 "The problem cannot be empty.", id="empty problem"),
    pytest.param(lambda db, w, a, x: whys.create_analysis(db, w, "p" * 301),
                 "The problem is too long: 301 characters, the limit is 300.", id="long problem"),
    pytest.param(lambda db, w, a, x: whys.add_answer(db, w, a, None, "  "),
                 "Write the answer to “why?” first.", id="empty answer"),
    pytest.param(lambda db, w, a, x: whys.add_answer(db, w, a, None, "ok", "s" * 201),
                 "Evidence source is too long: 201 characters, the limit is 200.",
                 id="long evidence"),
    pytest.param(lambda db, w, a, x: whys.update_answer(db, w, x, "text", ""),
                 "An answer cannot be empty: delete it instead.", id="emptied answer"),
    pytest.param(lambda db, w, a, x: whys.update_answer(db, w, x, "status", "proven"),
                 "Unknown field of an answer: status.", id="unknown field"),
    pytest.param(lambda db, w, a, x: whys.set_status(db, w, x, "maybe"),
                 "Choose unverified, proven or disproven.", id="unknown status"),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(db, make_workshop, call,
                                                                 message):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "Stalls")
    answer = whys.add_answer(db, wid, aid, None, "Docs")
    before = (whys.list_analyses(db, wid), whys.list_answers(db, wid, aid))
    with pytest.raises(ValidationError) as error:
        call(db, wid, aid, answer)
    assert str(error.value) == message
    assert (whys.list_analyses(db, wid), whys.list_answers(db, wid, aid)) == before


def test_answers_and_analyses_of_another_workshop_are_out_of_reach(db, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    aid = whys.create_analysis(db, theirs, "Their problem")
    answer = whys.add_answer(db, theirs, aid, None, "Their answer")
    attempts = [lambda: whys.add_answer(db, mine, aid, None, "x"),
                lambda: whys.set_status(db, mine, answer, "proven"),
                lambda: whys.delete_answer(db, mine, answer),
                lambda: whys.delete_analysis(db, mine, aid),
                lambda: whys.create_analysis(db, mine, "x", source_entry_id=999)]
    for attempt in attempts:
        with pytest.raises(NotFoundError):
            attempt()
    assert [a.status for a in whys.list_answers(db, theirs, aid)] == [U]
    assert whys.list_analyses(db, mine) == []


def test_an_answer_cannot_hang_under_an_answer_of_another_analysis(db, make_workshop):
    wid = make_workshop()
    one, two = whys.create_analysis(db, wid, "One"), whys.create_analysis(db, wid, "Two")
    answer = whys.add_answer(db, wid, one, None, "In one")
    with pytest.raises(ValidationError, match="another analysis"):
        whys.add_answer(db, wid, two, answer, "In two")
    assert whys.list_answers(db, wid, two) == []


def test_brainstorms_started_from_answers_are_found(db, make_workshop):
    wid = make_workshop()
    aid = whys.create_analysis(db, wid, "Stalls")
    answer = whys.add_answer(db, wid, aid, None, "Docs")
    assert whys.brainstorms_from(db, wid) == {}
    first = db["brainstorms"].insert({"workshop_id": wid, "prompt": "Docs",
                                      "source_why_id": answer}).last_pk
    db["brainstorms"].insert({"workshop_id": wid, "prompt": "Docs", "source_why_id": answer})
    assert whys.brainstorms_from(db, wid) == {answer: first}


def test_writes_touch_the_workshop(db, make_workshop):
    wid = make_workshop()
    db.execute("UPDATE workshops SET updated = '2000-01-01' WHERE id = ?", [wid])
    whys.create_analysis(db, wid, "Stalls")
    assert workshops.get(db, wid).updated > "2000-01-01"


def test_the_sample_has_a_proven_root_cause_a_disproven_branch_and_an_unverified_answer(db):
    from cxcore import sample

    wid = sample.create_sample(db)
    first = whys.list_analyses(db, wid)[0]
    answers_ = whys.list_answers(db, wid, first.id)
    standings = {row.standing for row in whys.tree(answers_)}
    assert first.problem == "Mortgage application stalls while customers re-send documents"
    assert [a.id - answers_[0].id + 1 for a in whys.root_causes(answers_)] == [4]
    assert {whys.DISPROVEN, whys.RULED_OUT, whys.UNVERIFIED} <= standings
    assert whys.depth(answers_) == 5


def test_the_pdf_section_draws_the_tree_with_statuses_and_root_causes(db):
    from io import BytesIO

    from pypdf import PdfReader

    from cxcore import pdf, sample

    wid = sample.create_sample(db)
    report = pdf.Report("Harbour Bank")
    report.add_page()
    whys.pdf_section(report, db, wid)
    pages = PdfReader(BytesIO(bytes(report.output()))).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Problem: Mortgage application stalls while customers re-send documents" in text
    assert "[PROVEN] The checklist is built by the underwriting engine" in text
    assert "★ root cause" in text and "[DISPROVEN] Customers upload blurry photos" in text
    assert "Problem: Students abandon the app sign-up at the identity check" in text


def _chain(levels: int) -> list[Answer]:
    return [Answer(n + 1, n or None, f"Because {n}", status=P) for n in range(levels)]


def test_the_tree_walks_far_past_the_recursion_limit():
    deep = _chain(5000)
    assert (len(whys.tree(deep)), whys.depth(deep), whys.root_causes(deep)[0].id,
            whys.beneath(deep, 4999), whys.layout(deep, y_gap=1)[5000]) == (
        5000, 5000, 5000, [5000], (0, 5000))


def test_an_old_database_with_a_1500_deep_chain_still_gives_every_view_and_the_pdf(
        db, make_workshop):
    from cxcore import brainstorm, chain, pdf
    wid = make_workshop()
    analysis = whys.create_analysis(db, wid, "Stalls")
    db["why_answers"].insert_all(  # written past the rules, as an older version could have
        {"id": n + 1, "workshop_id": wid, "analysis_id": analysis, "parent_id": n or None,
         "text": f"Because {n}", "status": "proven", "position": 1} for n in range(1500))
    threads = chain.threads(db, wid)
    sources = brainstorm.prompt_sources(db, wid)
    document = pdf.build_pdf(db, wid, sections=["five_whys"])
    assert ([t.get("root_cause").id for t in threads], [s.id for s in sources if s.kind == "why"],
            document[:5]) == ([1500], [1500], b"%PDF-")


def test_an_answer_thirty_levels_deep_fits_the_pdf(db, make_workshop):
    from cxcore import pdf
    wid = make_workshop()
    analysis = whys.create_analysis(db, wid, "Stalls")
    parent = None
    for level in range(whys.MAX_DEPTH):
        parent = whys.add_answer(db, wid, analysis, parent, f"A reason that wraps a line {level}")
    assert pdf.build_pdf(db, wid, sections=["five_whys"])[:5] == b"%PDF-"
