"""The brainstorm page through AppTest: create, capture by Enter, converge, vote, score, merge."""
from __future__ import annotations

from cxcore import brainstorm, cards, challenge, ideas, sample, workshops
from cxcore.ranking import Ranked
from tests.apptest_support import add_entry, fresh_db, open_app, texts

PAGE = "pages/brainstorm.py"


def converging(app_db_path, texts_=("Checklist up front", "Tracker", "Checklist first")):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    bid = brainstorm.create_brainstorm(conn, wid, "Stop re-sends")
    ids = [ideas.add_idea(conn, wid, bid, text) for text in texts_]
    brainstorm.set_phase(conn, wid, bid, "converge")
    return conn, wid, bid, ids


def test_a_brainstorm_starts_from_the_chosen_challenge_and_shows_where_it_came_from(app_db_path):
    conn = fresh_db(app_db_path)
    wid = sample.create_sample(conn)
    before = len(brainstorm.list_brainstorms(conn, wid))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    source = next(o for o in at.selectbox(key="brainstorm_new_source").options
                  if o.startswith("Focusing challenge"))
    at.selectbox(key="brainstorm_new_source").select(
        next(s for s in brainstorm.prompt_sources(conn, wid) if s.kind == "challenge")).run()
    assert source.startswith("Focusing challenge: First-time home buyers")
    assert at.text_area(key="brainstorm_new_prompt").value.startswith("First-time home buyers")
    at.segmented_control(key="brainstorm_new_technique").set_value("risky")
    at.button(key="brainstorm_create").click().run()
    created = brainstorm.list_brainstorms(conn, wid)[-1]
    assert (len(brainstorm.list_brainstorms(conn, wid)), created.technique,
            created.source_challenge_id) == (before + 1, "risky",
                                             challenge.chosen_challenge(conn, wid).id)
    # the chosen challenge is in the header's banner: the source line points to it
    assert "From the focusing challenge (shown above)" in texts(at)
    assert "From the focusing challenge: First-time" not in texts(at)


def test_enter_adds_the_idea_and_clears_the_box_and_no_scores_show_in_diverge(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.text_area(key="brainstorm_new_prompt").input("How might we stop re-sends?")
    at.button(key="brainstorm_create").click().run()
    [bid] = [b.id for b in brainstorm.list_brainstorms(conn, wid)]
    at.text_input(key="brainstorm_author").input("Tom")
    add_entry(at, "brainstorm_idea_text", "Checklist before applying")
    assert at.text_input(key="brainstorm_idea_text").value == ""
    add_entry(at, "brainstorm_idea_text", "Status tracker")
    add_entry(at, "brainstorm_idea_text", "   ")
    assert [(i.text, i.author) for i in brainstorm.board(conn, wid, bid).ideas] == [
        ("Checklist before applying", "Tom"), ("Status tracker", "Tom")]
    assert [e.value for e in at.error] == ["The idea cannot be empty."]
    assert "Scores and votes stay hidden" in texts(at)
    assert not at.dataframe and [m.label for m in at.metric] == ["Ideas so far"]
    assert "Not scored" not in texts(at) and "Voter" not in [t.label for t in at.text_input]
    at.segmented_control(key=f"brainstorm_phase_{bid}").set_value("converge").run()
    assert brainstorm.get_brainstorm(conn, wid, bid).phase == "converge"
    assert at.dataframe[0].value["Idea"].tolist() == ["Checklist before applying",
                                                      "Status tracker"]


def test_what_if_ideas_go_under_the_chosen_provocation(app_db_path):
    conn = fresh_db(app_db_path)
    wid = workshops.create(conn, "Bank")
    bid = brainstorm.create_brainstorm(conn, wid, "Stop re-sends", "what_if")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    add_entry(at, "brainstorm_provocation", "What if nobody visited a branch?")
    add_entry(at, "brainstorm_provocation", "What if it took one evening?")
    first, second = brainstorm.board(conn, wid, bid).provocations
    at.selectbox(key=f"brainstorm_under_{bid}").select(second.id)
    add_entry(at, "brainstorm_idea_text", "Evening chat")
    assert [(i.text, i.provocation_id) for i in brainstorm.board(conn, wid, bid).ideas] == [
        ("Evening chat", second.id)]


def test_votes_named_and_anonymous_stay_within_the_budget(app_db_path):
    conn, wid, bid, (one, two, _) = converging(app_db_path)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"brainstorm_focus_{bid}").select(one)
    at.text_input(key="brainstorm_voter").input("Ana")
    for _ in range(3):
        at.button(key="brainstorm_vote").click().run()
    assert "Ana**: 0 of 3 dots left" in texts(at)
    at.button(key="brainstorm_vote").click().run()
    assert [e.value for e in at.error] == [
        "Ana has used 3 of 3 dots: no dots left. Take a dot back from another idea first."]
    at.button(key="brainstorm_anon").click().run()
    assert at.text_input(key="brainstorm_voter").value == "Anonymous 1"
    at.selectbox(key=f"brainstorm_focus_{bid}").select(two)
    at.button(key="brainstorm_vote").click().run()
    assert brainstorm.board(conn, wid, bid).votes == [("Ana", 3), ("Anonymous 1", 1)]


def test_scoring_an_idea_ranks_it_and_merging_carries_its_votes(app_db_path):
    conn, wid, bid, (one, two, three) = converging(app_db_path)
    ideas.cast_vote(conn, wid, three, "Ben", 2)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"brainstorm_focus_{bid}").select(two).run()
    at.segmented_control(key=f"brainstorm_score_{two}_customer_value").set_value(5).run()
    at.segmented_control(key=f"brainstorm_score_{two}_feasibility").set_value(2).run()
    assert brainstorm.board(conn, wid, bid).idea(two).scores == (5, None, 2)
    at.selectbox(key=f"brainstorm_focus_{bid}").select(three).run()
    at.selectbox(key=f"brainstorm_keep_{three}").select(one)
    at.button(key="brainstorm_merge").click().run()
    current = brainstorm.board(conn, wid, bid)
    assert current.ranking() == [Ranked(1, two, 3.5, 0), Ranked(2, one, None, 2)]
    assert current.idea(three).merged_into_id == one
    assert at.dataframe[0].value["Idea"].tolist() == ["Tracker", "Checklist up front"]


def test_a_theme_is_picked_or_typed_for_one_idea(app_db_path):
    conn, wid, bid, (one, two, _) = converging(app_db_path)
    ideas.update_idea(conn, wid, one, "theme", "Checklist")
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"brainstorm_focus_{bid}").select(two).run()
    at.selectbox(key=f"brainstorm_theme_{two}").select("Checklist").run()
    assert brainstorm.themes(brainstorm.board(conn, wid, bid)) == {
        "Checklist": [one, two], "": [two + 1]}


def test_weights_and_dots_per_voter_are_set_per_brainstorm(app_db_path):
    conn, wid, bid, _ = converging(app_db_path)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.number_input(key=f"brainstorm_dots_{bid}").set_value(5).run()
    at.number_input(key=f"brainstorm_weight_{bid}_feasibility").set_value(2.5).run()
    saved = brainstorm.get_brainstorm(conn, wid, bid)
    assert (saved.dots_per_voter, saved.weights) == (5, (1.0, 1.0, 2.5))


def test_promoting_an_idea_creates_a_card_and_opens_the_design_cards(app_db_path):
    conn, wid, bid, (one, _, _) = converging(app_db_path)
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    at.selectbox(key=f"brainstorm_focus_{bid}").select(one).run()
    at.button(key="brainstorm_promote").click().run()
    assert [(c.idea_id, c.new_experience) for c in cards.list_cards(conn, wid)] == [
        (one, "Checklist up front")]
    assert at.title[0].value == "Experience design cards"
    at.switch_page(PAGE).run()
    at.selectbox(key=f"brainstorm_focus_{bid}").select(one).run()
    assert "Card created" in texts(at)


def test_the_sample_brainstorm_shows_its_root_cause_and_ranking(app_db_path):
    wid = sample.create_sample(fresh_db(app_db_path))
    at = open_app(app_db_path, page=PAGE, workshop_id=wid)
    first = brainstorm.list_brainstorms(fresh_db(app_db_path), wid)[0]
    at.selectbox(key="brainstorm_pick").select(first.id).run()
    assert "From the 5 Whys: The checklist is built by the underwriting engine" in texts(at)
    assert at.dataframe[0].value["Idea"].tolist()[0] == (
        "Show a personal document checklist in the app before the application starts")
