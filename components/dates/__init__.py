"""Date normalizer: news date phrases -> honest intervals (see ``normalize.py``).

    >>> from components.dates import normalize_date
    >>> normalize_date("last week", "2020-08-19").start
    datetime.date(2020, 8, 10)

Public API: ``normalize_date``, ``DateResult``, ``Anchor``, ``Granularity``, ``Mod``,
``apply_modifier``, the rule table ``RULES`` with ``match_rules`` (whole phrase) and
``find_rules`` (phrases inside longer text; see ``rules.py`` for how to reuse the patterns),
and ``clean`` (the text normalisation every pattern assumes).
"""
from .model import Anchor, DateResult, Granularity, Mod
from .modifiers import apply_modifier
from .normalize import clean, normalize_date
from .rules import FINDERS, RULES, RULES_BY_NAME, find_rules, match_rules

__all__ = ["Anchor", "DateResult", "Granularity", "Mod", "apply_modifier", "clean", "normalize_date",
           "RULES", "RULES_BY_NAME", "FINDERS", "match_rules", "find_rules"]
