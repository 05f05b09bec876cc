"""Which camp an imported event favours: a rule table keyed by the dataset's event type,
sub-event type and the sides of its two actors (``data/favours_rules.csv``, user-editable).

Columns ``event_type, sub_event_type, actor1_side, actor2_side, favours, example``.  The
first row that matches wins.  ``*`` matches anything; sides are lists joined by ``|``
(``russia|iran``); ``none`` matches an event without that actor.  An actor's side is its
camp when it belongs to one (Russia's or Iran's), else its own side; an actor that is only
possibly in a camp ("Allied Syrian and/or Russian Forces") matches a row naming any of its
possible sides.  ``favours`` is ``russia``, ``iran``, ``neither``, ``unclear``, or
``actor1`` / ``actor2``: the camp of that actor -- ``unclear`` when its camp is uncertain.

Example: ``Strategic developments, Headquarters or base established, iran, *, iran`` --
"IRGC-backed militias set up a new headquarters in Al Mayadin" favours Iran.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from components.events.model import Favours, Side

from .references import DEFAULT_DATA_DIR
from .report import ImportFileError
from .rows import decode, read_records

DEFAULT_FAVOURS_RULES = DEFAULT_DATA_DIR / "favours_rules.csv"
RULE_COLUMNS = ("event_type", "sub_event_type", "actor1_side", "actor2_side", "favours")
CAMPS = ("russia", "iran")
_OUTCOMES = {f.value for f in Favours} | {"actor1", "actor2"}
_SIDE_WORDS = {s.value for s in Side} | {"none"}


@dataclass(frozen=True, slots=True)
class FavoursRule:
    line: int
    event_type: str          # case-folded, "*" = any
    sub_event_type: str
    actor1: frozenset[str] | None     # None = any
    actor2: frozenset[str] | None
    favours: str
    example: str

    def __str__(self) -> str:
        return (f"rule {self.line}: {self.event_type} / {self.sub_event_type} "
                f"[{_shown(self.actor1)} → {_shown(self.actor2)}] → {self.favours}")

    def matches(self, event_type: str, sub_type: str, side1: tuple[str, ...], side2: tuple[str, ...]) -> bool:
        return (self.event_type in ("*", event_type) and self.sub_event_type in ("*", sub_type)
                and _side_matches(self.actor1, side1) and _side_matches(self.actor2, side2))


def _shown(sides: frozenset[str] | None) -> str:
    return "*" if sides is None else "|".join(sorted(sides))


def _side_matches(wanted: frozenset[str] | None, sides: tuple[str, ...]) -> bool:
    return wanted is None or bool(wanted & set(sides or ("none",)))


def load_favours_rules(path: str | Path | None = None) -> tuple[FavoursRule, ...]:
    """The rules of a favours CSV; a bad row refuses the whole table with every reason."""
    path = Path(path) if path is not None else DEFAULT_FAVOURS_RULES
    if not path.is_file():
        raise ImportFileError(f"favours rules not found: {path}")
    records, bad = read_records(decode(path.read_bytes(), path.name), path.name, RULE_COLUMNS)
    problems, rules = [str(p) for p in bad], []
    for rec in records:
        where = f"{path.name}:{rec.line}"
        sides = {}
        for column in ("actor1_side", "actor2_side"):
            value = rec.get(column).lower() or "*"
            words = frozenset(w.strip() for w in value.split("|"))
            if value != "*" and not words <= _SIDE_WORDS:
                problems.append(f"{where}:{column}: {value!r} — expected '*' or sides joined by '|' "
                                f"({', '.join(sorted(_SIDE_WORDS))})")
            sides[column] = None if value == "*" else words
        outcome = rec.get("favours").lower()
        if outcome not in _OUTCOMES:
            problems.append(f"{where}:favours: {outcome!r} — expected one of {', '.join(sorted(_OUTCOMES))}")
            continue
        rules.append(FavoursRule(rec.line, rec.get("event_type").casefold() or "*",
                                 rec.get("sub_event_type").casefold() or "*", sides["actor1_side"],
                                 sides["actor2_side"], outcome, rec.get("example")))
    if problems:
        raise ImportFileError("bad favours rules:\n" + "\n".join(problems))
    return tuple(rules)


def party_sides(mappings) -> tuple[str, ...]:
    """The sides one party (an actor with its associated actors) counts as: the first actor
    that is certainly in a camp gives that camp; else the first actor's side(s)."""
    for hit in mappings:
        if not hit.uncertain and hit.sides[0] in CAMPS:
            return hit.sides
    return mappings[0].sides if mappings else ()


@dataclass
class FavoursDecider:
    """Applies the rules and counts how many rows each one decided (for the report)."""

    rules: tuple[FavoursRule, ...]
    decided: Counter = field(default_factory=Counter)
    _seen: dict = field(default_factory=dict)     # a big file repeats a few hundred combinations

    def __call__(self, event_type: str, sub_type: str, side1: tuple[str, ...],
                 side2: tuple[str, ...]) -> str:
        key = (event_type, sub_type, side1, side2)
        if key not in self._seen:
            self._seen[key] = self._decide(*key)
        rule, outcome = self._seen[key]
        self.decided[rule] += 1
        return outcome

    def _decide(self, event_type: str, sub_type: str, side1: tuple[str, ...],
                side2: tuple[str, ...]) -> tuple[str, str]:
        """(the deciding rule as text, the outcome)."""
        for rule in self.rules:
            if rule.matches(event_type.casefold(), sub_type.casefold(), side1, side2):
                if rule.favours in ("actor1", "actor2"):
                    sides = side1 if rule.favours == "actor1" else side2
                    camp = sides[0] if len(sides) == 1 and sides[0] in CAMPS else Favours.UNCLEAR.value
                    return str(rule), camp
                return str(rule), rule.favours
        return "no rule matched", Favours.UNCLEAR.value
