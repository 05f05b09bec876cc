"""The sentence's tense near a date phrase: "future", "past" or None (no cue).

``infer_tense`` reads a window of the clause around the phrase (``TENSE_WINDOW``) for the
cues of ``data/vocab/tense_cues.csv`` (and any regular past form, "declared"); ``Tense`` is
the direction of one ``normalize_date`` call, read from the sentence only when a rule or
the past-clip asks for it.
"""
from __future__ import annotations

from .rules.base import LazyPattern
from .vocab import TENSE_CUES, alternation

# A cue starts a word: it follows a character that is neither a word character nor an
# apostrophe.  The patterns consume that character instead of looking behind for it, and
# are searched in the window with a space in front (so a cue may open it): a pattern that
# starts with a character class lets the regex engine skip, in C, every position inside a
# word (a third of the sentence-reading time).  "'ll" ("we'll") follows a word character.
_FUTURE_CUES = LazyPattern(r"[^\w](?:(?<!')" + alternation(c for c, d in TENSE_CUES.items() if d == "future" and c[0] != "'")
                          + r"|(?<=')ll)(?!\w)")
TENSE_WINDOW = (80, 15)  # characters read before / after the phrase: cues mostly precede it
_PAST_CUES = LazyPattern(  # any regular past form ("declared", "killed") is a past cue too
    r"[^\w'](?:" + alternation(c for c, d in TENSE_CUES.items() if d == "past") + r"|[a-z]{3,}ed)(?!\w)")


_DEADLINE = LazyPattern(r"(?<![\w])(?:by|until|till|through|to|before|deadline of)\s+(?:the\s+)?$")


def infer_tense(context: str, text: str = "") -> str | None:
    """"future", "past" or None (no cue) from the clause around ``text`` in ``context``.

    Only the part of the sentence near the phrase counts (``TENSE_WINDOW``), so in "Paribas
    said Monday that it intends to bid" the later "intends to" does not move "Monday".
    A future cue ("will", "is expected to", "of record") wins over a past one."""
    at = context.find(text.lower()) if text else -1
    deadline = False
    if at >= 0:
        before, after = TENSE_WINDOW
        deadline = bool(_DEADLINE.search(context, max(0, at - 12), at))
        context = context[max(0, at - before): at + len(text) + after]
    context = " " + context     # the character before a cue at the start (see _FUTURE_CUES)
    if _FUTURE_CUES.search(context):
        return "future"
    if deadline:  # "extended to Nov. 20", "asked it to respond by Oct. 31": the verb's tense says nothing
        return None
    return "past" if _PAST_CUES.search(context) else None


class Tense:
    """The direction for one call: given (rule words, caller) or read from the sentence once, on demand."""

    __slots__ = ("value", "known", "context", "text", "infer")

    def __init__(self, given: str | None, context: str, text: str, infer=None) -> None:
        self.value, self.known, self.context, self.text = given, given is not None, context, text
        self.infer = infer or infer_tense

    def __call__(self) -> str | None:
        if not self.known:
            self.value, self.known = self.infer(self.context, self.text), True
        return self.value
