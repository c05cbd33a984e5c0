"""Nothing destructive in one click: deleting asks when something goes with it, and can be
undone; an edit that replaces another tab's edit says so."""
from __future__ import annotations

from cxcore import backup, brainstorm, cards, ideas, personas, recycle, statements, workshops
from tests.apptest_support import fresh_db, open_app, texts
from tests.test_recycle import png

BRAINSTORM = "pages/brainstorm.py"
PERSONAS = "pages/personas.py"
STATEMENTS = "pages/statements.py"


def idea_with_votes_score_and_card(conn) -> tuple[int, int, int]:
    wid = workshops.create(conn, "Bank")
    board = brainstorm.create_brainstorm(conn, wid, "How might we speed up onboarding?")
    idea = ideas.add_idea(conn, wid, board, "Video calls with an adviser")
    for voter in ("Ana", "Ben", "Cy"):
        ideas.cast_vote(conn, wid, idea, voter)
    ideas.set_score(conn, wid, idea, "customer_value", 4)
    cards.create_from_idea(conn, wid, idea)
    return wid, board, idea


def one_vision(app_db_path, text: str = "Customers feel looked after."):
    """A workshop with one vision draft, and the statements page open on it."""
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    draft = statements.add_draft(conn, wid, "vision", text)
    return conn, wid, draft, open_app(app_db_path, page=STATEMENTS, workshop_id=wid)


def undo_button(at):
    return at.button(key="undo_notice_undo")


def test_deleting_an_idea_with_votes_asks_what_goes_with_it_and_cancel_keeps_everything(
        app_db_path):
    conn = fresh_db(app_db_path)
    wid, _, _ = idea_with_votes_score_and_card(conn)
    before = backup.export_document(conn, wid)["tables"]
    at = open_app(app_db_path, page=BRAINSTORM, workshop_id=wid)
    at.button(key="brainstorm_delete_idea").click().run()
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Delete this idea? Its 3 votes and its score go with it, and the card "
        "“We believe Video calls with an adviser” loses its link."]
    assert backup.export_document(conn, wid)["tables"] == before
    at.button(key="brainstorm_delete_idea_no").click().run()
    assert not at.warning and not at.exception
    assert backup.export_document(conn, wid)["tables"] == before


def test_a_confirmed_delete_can_be_undone_with_votes_score_and_card_link(app_db_path):
    conn = fresh_db(app_db_path)
    wid, board, idea = idea_with_votes_score_and_card(conn)
    before = backup.export_document(conn, wid)["tables"]
    at = open_app(app_db_path, page=BRAINSTORM, workshop_id=wid)
    at.button(key="brainstorm_delete_idea").click().run()
    at.button(key="brainstorm_delete_idea_yes").click().run()
    assert list(brainstorm.board(conn, wid, board).ideas) == []
    assert "Idea deleted." in texts(at)
    undo_button(at).click().run()
    assert backup.export_document(conn, wid)["tables"] == before
    assert not [b for b in at.button if b.key == "undo_notice_undo"] and not at.exception


def test_a_draft_statement_goes_at_once_and_undo_brings_it_back(app_db_path):
    conn, wid, draft, at = one_vision(app_db_path)
    at.button(key=f"statements_delete_{draft}").click().run()
    assert statements.list_statements(conn, wid) == [] and not at.warning
    undo_button(at).click().run()
    assert [(s.id, s.text) for s in statements.list_statements(conn, wid)] == [
        (draft, "Customers feel looked after.")]
    assert "Customers feel looked after." in texts(at)


def test_the_undo_notice_can_be_hidden(app_db_path):
    conn, wid, draft, at = one_vision(app_db_path)
    at.button(key=f"statements_delete_{draft}").click().run()
    at.button(key="undo_notice_hide").click().run()
    assert not [b for b in at.button if b.key == "undo_notice_undo"] and not at.exception
    assert statements.list_statements(conn, wid) == []


def test_recently_deleted_in_the_sidebar_restores_an_older_deletion(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    first = statements.add_draft(conn, wid, "vision", "First vision.")
    second = statements.add_draft(conn, wid, "vision", "Second vision.")
    older = recycle.delete(conn, wid, "statements", first)
    recycle.delete(conn, wid, "statements", second)
    at = open_app(app_db_path, page=STATEMENTS, workshop_id=wid)
    assert at.sidebar.expander[0].label == "Recently deleted (2)"
    assert [c.value.replace("\\", "").split(" · ")[0] for c in at.sidebar.caption
            if "·" in c.value] == ["Statement “Second vision.”", "Statement “First vision.”"]
    at.button(key=f"recycle_restore_{older}").click().run()
    assert [s.text for s in statements.list_statements(conn, wid)] == ["First vision."]
    assert at.sidebar.expander[0].label == "Recently deleted (1)" and not at.exception


def test_the_final_statement_asks_before_it_goes(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    final = statements.add_draft(conn, wid, "vision", "Customers feel looked after.")
    statements.mark_final(conn, wid, final)
    at = open_app(app_db_path, page=STATEMENTS, workshop_id=wid)
    at.button(key=f"statements_delete_{final}").click().run()
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Delete this statement? It is the final vision statement."]
    assert len(statements.list_statements(conn, wid)) == 1


def test_a_removed_picture_comes_back_with_undo(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    persona = personas.add_persona(conn, wid, "Maya")
    personas.set_image(conn, wid, persona, png())
    picture = personas.get_persona(conn, wid, persona).image
    at = open_app(app_db_path, page=PERSONAS, workshop_id=wid)
    at.button(key=f"personas_{persona}_remove_image").click().run()
    assert personas.get_persona(conn, wid, persona).image == ""
    assert "Picture removed." in texts(at)
    undo_button(at).click().run()
    assert personas.get_persona(conn, wid, persona).image == picture


def test_an_edit_over_another_tabs_edit_is_saved_and_says_what_it_replaced(app_db_path):
    conn, wid, draft, first = one_vision(app_db_path, "First words.")
    second = open_app(app_db_path, page=STATEMENTS, workshop_id=wid)
    for tab in (first, second):
        tab.button(key=f"statements_edit_{draft}").click().run()
    first.text_area(key=f"statements_text_{draft}").input("Words from tab one.").run()
    assert not first.warning
    second.text_area(key=f"statements_text_{draft}").input("Words from tab two.").run()
    assert statements.list_statements(conn, wid)[0].text == "Words from tab two."
    assert [w.value.replace("\\", "") for w in second.warning] == [
        "This field was changed in another tab or by someone else: it was “Words from tab "
        "one.”, you replaced it with “Words from tab two.”."]
    second.run()
    assert not second.warning  # said once


def test_an_edit_in_one_tab_alone_gives_no_warning(app_db_path):
    conn, wid, draft, at = one_vision(app_db_path, "First words.")
    at.button(key=f"statements_edit_{draft}").click().run()
    at.text_area(key=f"statements_text_{draft}").input("Second words.").run()
    at.text_area(key=f"statements_text_{draft}").input("Third words.").run()
    assert statements.list_statements(conn, wid)[0].text == "Third words."
    assert not at.warning and not at.exception
