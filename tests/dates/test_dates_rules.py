"""The rule table: every example beside a rule is read by that rule; the table is usable
for scanning running text (find_rules); vocabularies load and are well-formed."""
import re

import pytest

from components.dates import RULES, clean, find_rules, match_rules, normalize_date
from components.dates import vocab

EXAMPLES = [(rule.name, example) for rule in RULES for example in rule.examples]
ANCHOR = "2020-07-06"


@pytest.mark.parametrize("name, example", EXAMPLES, ids=[f"{n}:{e}" for n, e in EXAMPLES])
def test_each_example_is_read_by_its_rule(name, example):
    result = normalize_date(example, ANCHOR)
    assert result.resolved and result.rule == name, result.explanation or result.error


def test_rule_names_unique_and_patterns_never_match_empty():
    assert len({r.name for r in RULES}) == len(RULES)
    assert not any(r.regex.fullmatch("") for r in RULES)


def test_match_rules_agrees_with_looping_over_the_table():
    phrases = [clean(e) for _, e in EXAMPLES] + ["friday", "the third quarter", "last week", "may", "2015"]
    for phrase in phrases:
        looped = next((r.name for r in RULES if r.regex.fullmatch(phrase)), None)
        hit = match_rules(phrase)
        assert (hit[0].name if hit else None) == looped, phrase


FIND_CASES = [
    # running text, phrases found
    ("The Russian army on Saturday deployed a convoy, days after clashes last week.", ["saturday", "last week"]),
    ("Soleimani was killed in Baghdad earlier this year, in a US strike", ["earlier this year"]),
    ("The militia may attack the mayor in March 2019.", ["march 2019"]),
    ("no dates here at all", []),
    # a sliced period ends where the period does, not at the end of the sentence
    ("In the first half of last year militias withdrew from the area.", ["the first half of last year"]),
    ("In the last week of April 2019 the army advanced toward the town.", ["the last week of april 2019"]),
]


@pytest.mark.parametrize("text, phrases", FIND_CASES, ids=[c[0][:30] for c in FIND_CASES])
def test_find_rules_in_running_text(text, phrases):
    assert [m.group() for _, m in find_rules(clean(text))] == phrases


def test_vocabularies_are_complete():
    assert len(set(vocab.MONTHS.values())) == 12 and len(set(vocab.WEEKDAYS.values())) == 7
    assert vocab.year_value("nineteen ninety-six") == 1996 and vocab.number_value("twenty-one") == 21
    assert re.fullmatch(vocab.MONTH, "sept") and not re.fullmatch(vocab.MONTH, "sep t")
