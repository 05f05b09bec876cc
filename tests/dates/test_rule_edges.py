"""``rules.edges.affixes``: the starts and ends a pattern's matches can have, which decide the
rules ``match_rules`` tries.  Over-approximating is allowed, missing a real start is not."""
import re

import pytest

from components.dates import RULES
from components.dates.normalize import clean
from components.dates.rules import _candidates, match_rules
from components.dates.rules.edges import AFFIX, affixes

DIGITS = set("0123456789")

CASES = [  # pattern, starts, ends (None: any string)
    (r"(?:the )?last (?P<u>week|month)", {"the", "las"}, {"eek", "nth"}),
    (r"\d{1,2}", DIGITS | {a + b for a in DIGITS for b in DIGITS}, DIGITS | {a + b for a in DIGITS for b in DIGITS}),
    (r"(?<![\w])ago(?!\w)", {"ago"}, {"ago"}),
    (r"x|yz", {"x", "yz"}, {"x", "yz"}),
    (r"a+b", {"ab", "aab", "aaa"}, {"ab", "aab"}),
    (r"(?:ab)*c", {"c", "abc", "aba"}, {"c", "abc"}),
    (r"\w+ day", None, {"day"}),
    (r"(?i)may", None, None),
    (r"mid[\s-]?(?P<y>\d{4})", {"mid"}, {a + b + c for a in DIGITS for b in DIGITS for c in DIGITS}),
]


@pytest.mark.parametrize("pattern, starts, ends", CASES)
def test_affixes(pattern, starts, ends):
    assert affixes(pattern) == (None if starts is None else frozenset(starts))
    assert affixes(pattern, reverse=True) == (None if ends is None else frozenset(ends))


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_example_keeps_its_rule_a_candidate(rule):
    """A rule whose example it cannot start or end with would never be tried on it."""
    for example in rule.examples:
        phrase = clean(example)
        if rule.regex.fullmatch(phrase):
            assert rule in [r for r, _ in _candidates(phrase[:AFFIX], phrase[-AFFIX:])], example


@pytest.mark.parametrize("phrase", ["3 days ago", "٣ days ago", "3３ days ago", "x", "may", "5", "1990s"])
def test_match_rules_is_the_first_matching_rule_in_table_order(phrase):
    first = next(((r.name, m.group()) for r in RULES if (m := r.regex.fullmatch(phrase))), None)
    hit = match_rules(phrase)
    if first is None or not phrase.isascii():     # outside ASCII only the edge characters are compared
        assert hit is None or hit[0].regex.fullmatch(phrase)
    else:
        assert hit is not None and (hit[0].name, hit[1].group()) == first
