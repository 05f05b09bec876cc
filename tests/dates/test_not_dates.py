"""Unit and road names are not dates (issue 15): a bare ordinal is a day of the month only
where the context makes it one ("on the 5th", "the 5th of this month"); "the 5th Corps",
"the 17th Division", "Highway 4", "for the 3rd time" never are."""
import pytest

from components.dates import vocab
from components.dates.extract import find_dates

ANCHOR = "2020-09-20"

PARAGRAPH = (
    "The 5th Corps, backed by Russia, moved east along the M4 highway on Saturday. The 4th Division and the "
    "17th Division, close to Iran, held the road between Deir ez-Zor and al-Mayadin. The 8th Brigade of the 5th "
    "Corps clashed with them on the 5th of this month near Road 7. Fighters of the 47th Regiment and the 104th "
    "Airborne Brigade reached Highway 4 and the M5 motorway in late 2019. The 3rd Battalion left on the 12th. "
    "Route 2 to Albu Kamal was closed in March 2020, and the 1st Armoured Division's tanks used the Deir "
    "ez-Zor–Palmyra road (Highway 20) since 2017. The 11th Tank Division and the 137th Brigade guarded "
    "Kilometre 4 and the T-4 airbase; the 16th Battalion and the 2nd Company came from the 7th Squadron."
)

CASES = [
    # text, date phrases found (in order)
    (PARAGRAPH, ["on Saturday", "on the 5th of this month", "in late 2019", "on the 12th", "in March 2020",
                 "since 2017"]),
    ("The 5th Corps entered the town.", []),
    ("Units of the 4th Division and the 17th Division withdrew.", []),
    ("The 8th Brigade shelled the village.", []),
    ("Forces from the 7th Squadron arrived on the 3rd.", ["on the 3rd"]),
    ("The convoy reached the 5th Corps headquarters on the 5th.", ["on the 5th"]),
    ("They attacked on the 5th Corps positions.", []),
    ("The attack came on the 12th day of the siege.", []),
    ("It was shelled for the 3rd time this week.", ["this week"]),
    ("Militias met on the 14th of the month in Deir ez-Zor.", ["on the 14th of the month"]),
    ("Traffic on Highway 2010 and Route 1990 stopped.", []),
    ("The road reopened in 2010 after repairs.", ["in 2010"]),
    ("Fighting resumed on the 20th, near Road 7 and the M4.", ["on the 20th"]),
    ("The 3rd was quiet.", []),
    ("Talks are due by the 30th.", ["by the 30th"]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_only_real_dates_are_found(text, expected):
    assert [f.text for f in find_dates(text, ANCHOR)] == expected


def test_the_vocabulary_has_examples_for_every_kind():
    kinds = set(vocab.NOT_DATE_WORDS.values())
    assert kinds == {"unit", "road", "count"}
    assert {"corps", "division", "brigade", "highway", "road", "route"} <= set(vocab.NOT_DATE_WORDS)
