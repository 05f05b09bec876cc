"""Human labels for side codes and a palette no third party can be mistaken for either camp."""
from __future__ import annotations

import itertools

import pytest

from components.events.model import CAMPS, SIDE_LABELS, Favours, Side, side_label
from components.views.figures.common import SIDE_COLOURS, side_colour
from tests.support.colours import CVD, distance

MIN_DELTA_E = 12
OTHERS = [side for side in SIDE_COLOURS if side not in CAMPS]
PAIRS = [(other, camp, vision, alpha) for other, camp, vision, alpha in
         itertools.product(OTHERS, CAMPS, CVD, (1.0, 0.5))]


@pytest.mark.parametrize("other, camp, vision, alpha", PAIRS,
                         ids=[f"{o}-{c}-{v}-{a}" for o, c, v, a in PAIRS])
def test_no_other_side_looks_like_a_camp(other, camp, vision, alpha):
    """Solid swatch against a camp's solid and half-transparent bar, under each vision."""
    for camp_alpha in (1.0, 0.5):
        assert distance(SIDE_COLOURS[other], SIDE_COLOURS[camp], vision, alpha, camp_alpha) \
            >= MIN_DELTA_E, (other, camp, vision, alpha, camp_alpha)


def test_the_old_sky_blue_coalition_would_fail():
    """The check can fail: the sky blue once used for the coalition is too close to Russia."""
    assert distance("#56B4E9", SIDE_COLOURS["russia"], "tritan", 1.0, 0.5) < MIN_DELTA_E


LABEL_CASES = [("us_coalition", "US-led coalition"), ("syrian_government", "Syrian government"),
               ("isis", "ISIS"), ("sdf", "SDF"), ("russia", "Russia"), ("iran", "Iran"),
               ("neither", "Neither side"), ("Some Other Word", "Some Other Word")]


@pytest.mark.parametrize("code, label", LABEL_CASES)
def test_side_labels(code, label):
    assert side_label(code) == label


def test_every_code_has_a_label_and_a_colour():
    codes = {s.value for s in Side} | {f.value for f in Favours}
    assert codes <= set(SIDE_LABELS) and codes <= set(SIDE_COLOURS)
    for code in codes:
        assert side_colour(side_label(code)) == SIDE_COLOURS[code]
