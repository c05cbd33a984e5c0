"""Markers that share a spot on a chart are set around it, far enough apart to read each."""
from __future__ import annotations

import itertools
import math

import pytest

from cxcore import placement


def test_a_lone_marker_stays_on_its_spot():
    assert placement.around(0, 1, 0.22) == (0.0, 0.0)


def test_two_markers_on_one_spot_sit_corner_to_corner():
    assert [placement.around(i, 2, 0.25) for i in range(2)] == [(-0.25, 0.25), (0.25, -0.25)]


@pytest.mark.parametrize("count", [2, 3, 5, 8, 12])
def test_markers_on_one_spot_are_all_apart_by_at_least_one_step(count):
    spots = [placement.around(i, count, 0.22) for i in range(count)]
    closest = min(math.dist(a, b) for a, b in itertools.combinations(spots, 2))
    assert closest >= 0.22
