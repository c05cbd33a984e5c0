"""The converge rules on their own: weighted scores, the ranking, the dot budget, themes."""
from __future__ import annotations

import pytest

from cxcore import ranking
from cxcore.ranking import Candidate, Ranked
from cxcore.text import ValidationError


@pytest.mark.parametrize("scores, weights, expected", [
    ((5, 3, 1), (1, 1, 1), 3.0),
    ((5, 3, 1), (2, 1, 1), 3.5),
    ((5, 3, 1), (0, 0, 1), 1.0),
    ((4, None, None), (1, 1, 1), 4.0),   # only the scored criteria count
    ((4, None, 2), (3, 1, 1), 3.5),
    ((None, None, None), (1, 1, 1), None),
    ((4, None, None), (0, 1, 1), None),  # the only score has no weight
    ((5, 4, 4), (1, 1, 1), 4.33),
])
def test_the_weighted_score_is_the_weighted_mean_of_the_scored_criteria(scores, weights,
                                                                         expected):
    assert ranking.weighted_score(scores, weights) == expected


@pytest.mark.parametrize("weights, expected", [
    ((1, 1, 1), [Ranked(1, 2, 4.0, 0), Ranked(2, 1, 3.0, 5), Ranked(3, 3, None, 9)]),
    ((0, 0, 1), [Ranked(1, 1, 5.0, 5), Ranked(2, 2, 2.0, 0), Ranked(3, 3, None, 9)]),
])
def test_ideas_rank_by_weighted_score_with_unscored_ideas_last(weights, expected):
    candidates = [Candidate(1, (1, 3, 5), votes=5), Candidate(2, (5, 5, 2), votes=0),
                  Candidate(3, (None, None, None), votes=9)]
    assert ranking.rank(candidates, weights) == expected


@pytest.mark.parametrize("votes_of_1, votes_of_2, expected", [
    (1, 3, [Ranked(1, 2, 4.0, 3), Ranked(2, 1, 4.0, 1)]),
    (3, 1, [Ranked(1, 1, 4.0, 3), Ranked(2, 2, 4.0, 1)]),
    (2, 2, [Ranked(1, 1, 4.0, 2), Ranked(1, 2, 4.0, 2)]),  # level on both: a shared rank
])
def test_votes_break_a_tie_in_score(votes_of_1, votes_of_2, expected):
    candidates = [Candidate(1, (4, 4, 4), votes_of_1), Candidate(2, (4, 4, 4), votes_of_2)]
    assert ranking.rank(candidates, (1, 1, 1)) == expected


def test_a_shared_rank_skips_the_next_place_and_unscored_ideas_rank_by_votes():
    candidates = [Candidate(1, (3, 3, 3), 1), Candidate(2, (3, 3, 3), 1),
                  Candidate(3, (2, 2, 2), 0), Candidate(4), Candidate(5, votes=2)]
    assert ranking.rank(candidates, (1, 1, 1)) == [
        Ranked(1, 1, 3.0, 1), Ranked(1, 2, 3.0, 1), Ranked(3, 3, 2.0, 0),
        Ranked(4, 5, None, 2), Ranked(5, 4, None, 0)]


def test_nothing_to_rank_gives_an_empty_ranking():
    assert ranking.rank([], (1, 1, 1)) == []


VOTES = [("Ana", 2), ("Ben", 1), ("ana", 1), ("Anonymous 1", 3)]


@pytest.mark.parametrize("voter, expected", [
    ("Ana", 0), ("ANA ", 0), ("Ben", 2), ("Anonymous 1", 0), ("Anonymous 2", 3), ("Cleo", 3)])
def test_remaining_dots_count_named_and_anonymous_voters_ignoring_case(voter, expected):
    assert ranking.remaining_dots(VOTES, voter, budget=3) == expected


def test_a_vote_within_the_budget_is_allowed():
    assert ranking.check_vote(VOTES, "Ben", 2, budget=3) is None


@pytest.mark.parametrize("voter, dots, message", [
    ("Ben", 3, "Ben has used 1 of 3 dots and has 2 left: cannot place 3."),
    ("Ana", 1, "Ana has used 3 of 3 dots: no dots left. Take a dot back from another idea "
               "first."),
    ("Anonymous 1", 1, "Anonymous 1 has used 3 of 3 dots: no dots left. Take a dot back from "
                       "another idea first."),
    ("Cleo", 0, "A vote places at least one dot."),
])
def test_an_over_budget_vote_is_refused_with_a_clear_message(voter, dots, message):
    with pytest.raises(ValidationError) as error:
        ranking.check_vote(VOTES, voter, dots, budget=3)
    assert str(error.value) == message


def test_voter_totals_join_spellings_of_the_same_name():
    assert ranking.voter_totals(VOTES) == {"Ana": 3, "Ben": 1, "Anonymous 1": 3}


@pytest.mark.parametrize("voters, expected", [
    ([], "Anonymous 1"), (["Ana", "anonymous 1"], "Anonymous 2"),
    (["Anonymous 1", "Anonymous 3"], "Anonymous 2")])
def test_the_next_anonymous_voter_takes_the_first_free_number(voters, expected):
    assert ranking.next_anonymous(voters) == expected


def test_the_budget_cannot_drop_below_what_a_voter_already_used():
    ranking.check_budget_change(VOTES, 3)
    with pytest.raises(ValidationError) as error:
        ranking.check_budget_change(VOTES, 2)
    assert str(error.value) == ("Ana has already placed 3 dots: the budget cannot go below 3 "
                                "unless dots are taken back first.")


def test_ideas_group_by_theme_alphabetically_with_unthemed_ideas_last():
    assert ranking.group_by_theme([(1, "Speed"), (2, ""), (3, "apps"), (4, "Speed")]) == {
        "apps": [3], "Speed": [1, 4], "": [2]}
