"""The agraph graphs of the 5 Whys and the linked chain: readable nodes, whole text on hover,
and nothing in a hover title that the component could read as markup."""
from __future__ import annotations

from cxcore import chain, whys
from cxui import chain_view, graph

LONG = "Underwriting rules run only after the customer has sent every document, <b>twice</b>"


def test_a_shortened_chain_label_has_the_whole_text_in_its_hover_title_with_no_markup():
    node = chain_view._node(chain.GraphNode("idea:1", "idea", LONG, 0, 0))
    assert (node.label, node.title) == (
        "Underwriting rules run only after the…",
        "Idea: Underwriting rules run only after the customer has sent every document, "
        "‹b›twice‹/b›")


def test_a_short_chain_label_keeps_the_kind_alone_as_its_hover_title():
    node = chain_view._node(chain.GraphNode("goal:1", "goal", "Lift NPS", 0, 0))
    assert (node.label, node.title) == ("Lift NPS", "Goal")


def test_a_shortened_why_answer_has_the_whole_text_in_its_hover_title():
    row = whys.TreeRow(whys.Answer(7, None, LONG), 1, whys.UNVERIFIED)
    node = graph._node(row, 0, 0)
    assert node.title == ("Unverified: Underwriting rules run only after the customer has sent "
                          "every document, ‹b›twice‹/b›")
    assert node.label == "Underwriting rules run only after the customer has sent…"


def test_graph_text_is_drawn_large_enough_for_a_projector():
    nodes = [chain_view._node(chain.GraphNode("goal:1", "goal", "Lift NPS", 0, 0)),
             graph._node(whys.TreeRow(whys.Answer(7, None, "Why"), 1, whys.PROVEN), 0, 0)]
    assert [node.to_dict()["font"]["size"] for node in nodes] == [23, 23]


def test_the_graph_options_leave_out_the_groups_that_vis_network_rejects():
    options = graph.fixed_config(400, zoom=False).to_dict()
    assert "groups" not in options
    assert (options["width"], options["height"], options["interaction"]["zoomView"]) == (
        "100%", "400px", False)
