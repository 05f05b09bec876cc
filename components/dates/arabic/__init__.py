"""Arabic date phrases: the same normalizer, intervals and result fields as English.

Loaded lazily: ``normalize.py`` and ``extract.py`` import this package only when the text
holds an Arabic letter (``has_arabic``, a one-regex check), so the English path and the
CLI's start-up never pay for it.

* ``fold`` -- Arabic text folded for matching (hamza/alef forms, taa marbuta, alef maqsura,
  tatweel, diacritics, Arabic-Indic digits), with a map back to the original offsets;
* ``vocab`` -- ``data/vocab/ar_*.csv`` loaded and folded;
* ``rules_days``/``rules_periods`` -- the Arabic rule table (``base.Rule`` entries);
* ``read`` -- phrase -> (rule, match, modifiers): attached prefixes (و، ف، ب، ل، في) and
  wrappers (أواخر، منذ، قبل...) peeled like the English peelers; Arabic tense cues;
* ``find`` -- date phrases in Arabic running text, offsets in the original text.
"""
import re

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0660-\u0669\u06f0-\u06f9]")


def has_arabic(text: str) -> bool:
    """True when ``text`` holds an Arabic letter or digit (the cheap switch to the Arabic rules)."""
    return ARABIC_LETTER.search(text) is not None
