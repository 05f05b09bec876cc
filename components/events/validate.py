"""Cross-checks that need more than one cell: verbatim text, and anchor ordering.

Verbatim means verbatim: the only normalisation is that runs of whitespace
(spaces, tabs, newlines, no-break spaces) compare equal.  Curly and straight
quotes, dashes and case all have to match the article.
"""
from __future__ import annotations

from components.text import escaped_name


def collapse_whitespace(text: str) -> str:
    """``text`` with every run of Unicode whitespace turned into one space, ends stripped."""
    return " ".join(text.split())


class ArticleText:
    """An article's text, whitespace-collapsed once, for repeated verbatim look-ups."""

    def __init__(self, text: str) -> None:
        self.flat = collapse_whitespace(text)
        self._folded: str | None = None

    def contains(self, fragment: str) -> bool:
        return collapse_whitespace(fragment) in self.flat

    def why_missing(self, fragment: str) -> str:
        """A short hint on where ``fragment`` stops matching the article."""
        flat = collapse_whitespace(fragment)
        if self._folded is None:
            self._folded = self.flat.casefold()
        if flat.casefold() in self._folded:
            start = self._folded.index(flat.casefold())
            return f"found with different case: '{self.flat[start:start + len(flat)]}'"
        matched = _longest_matching_prefix(flat, self.flat)
        if matched == 0:
            return "not even its first character matches"
        return (f"its first {matched} characters match, then it differs at "
                f"'{_clip(flat[matched:], 30)}'")


def _longest_matching_prefix(fragment: str, text: str) -> int:
    """Length of the longest prefix of ``fragment`` found in ``text`` (binary search:
    if a prefix occurs, every shorter prefix occurs too)."""
    low, high = 0, len(fragment)
    while low < high:
        mid = (low + high + 1) // 2
        if fragment[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip(text: str, limit: int = 60) -> str:
    """``text`` shortened to ``limit`` characters for a message, controls and look-alike
    letters of mixed-script words shown as ``⟨U+XXXX⟩`` (components.text.escaped_name)."""
    return _clip(escaped_name(collapse_whitespace(text)), limit)


def anchor_order(anchors: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Event ids ordered so each event's anchor comes before it, and every anchor cycle.

    ``anchors`` maps event_id -> anchoring event_id ("" or an unknown id = none).
    Each event has at most one anchor, so walking the chain from every event finds
    each cycle exactly once in linear time.  Events in or behind a cycle are still
    listed; the caller cannot date them because their anchor never gets dated.

    >>> anchor_order({"a": "", "b": "a", "c": "b"})
    (['a', 'b', 'c'], [])
    >>> anchor_order({"x": "y", "y": "x", "z": "x"})[1]
    [['x', 'y']]
    """
    order: list[str] = []
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in anchors:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node in anchors and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = anchors[node]
        if node in on_path:
            cycles.append(path[path.index(node):])
        done.update(path)
        order.extend(reversed(path))
    return order, cycles
