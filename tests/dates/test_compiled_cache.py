"""The rule patterns rebuilt from the on-disk cache (``rules.compiled``) behave exactly like
``re.compile``: same groups, same matches on every example and its cleaned form."""
import re

import pytest

from components.dates import RULES, clean
from components.dates.rules import compiled


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rebuilt_pattern_matches_like_re_compile(rule):
    rebuilt, plain = compiled.compile_pattern(rule.pattern), re.compile(rule.pattern)
    assert rebuilt.groupindex == plain.groupindex and rebuilt.groups == plain.groups
    for example in rule.examples:
        for text in (clean(example), f"on {clean(example)} and", "x"):
            a, b = rebuilt.search(text), plain.search(text)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text


def test_a_pattern_outside_the_table_is_compiled_normally():
    assert compiled.compile_pattern(r"(?P<n>\d+) days?").fullmatch("3 days")["n"] == "3"


def test_the_table_is_served_from_the_cache():
    assert RULES[0].pattern in compiled._CODES      # loaded (or built) when the table was imported
