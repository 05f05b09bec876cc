"""Arabic text folded for matching, with a map back to the original characters.

Folding (one output character per kept input character, so offsets map back):

* diacritics (fatha, tanween, shadda, sukun, dagger alef...) and tatweel (ـ) dropped;
* أ إ آ ٱ -> ا, ة -> ه, ى -> ي, ئ -> ي, ؤ -> و;
* Arabic-Indic and Persian digits -> 0-9;
* Arabic and Latin punctuation (، ؛ ؟ , ; : ( ) « » ! ? and a sentence dot) -> space,
  dashes -> "-"; runs of whitespace -> one space; Latin letters lowercased;
* a word that starts with لل (ل + ال, "للعام") gets its alef back ("لالعام"), so the
  attached ل peels off like any other prefix and leaves "العام".

    >>> fold("وفي أواخر عامِ ٢٠١٧")
    'وفي اواخر عام 2017'
"""
from __future__ import annotations

MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"} | {chr(c) for c in range(0x06D6, 0x06EE)}
_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و",
        **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
_SPACE = set("،؛؟,;:()[]{}\"“”«»!?\u200f\u200e\u200b\u200c\u200d")
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_CONJ = set("وف")


def end_of_word_marks(text: str, end: int, limit: int) -> int:
    """``end`` moved past the diacritics and tatweel that follow it (they belong to the last letter)."""
    while end < limit and text[end] in MARKS:
        end += 1
    return end


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """(folded text, index) where ``index[i]`` is the offset in ``text`` of folded character ``i``."""
    out: list[str] = []
    index: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in MARKS:
            continue
        ch = _MAP.get(ch, ch)
        if ch in _SPACE or ch.isspace():
            ch = " "
        elif ch in _DASHES:
            ch = "-"
        elif ch == "." and not (out and out[-1].isdigit() and i + 1 < n and text[i + 1].isdigit()):
            ch = " "
        elif "A" <= ch <= "Z":
            ch = ch.lower()
        if ch == " " and (not out or out[-1] == " "):
            continue
        if ch == "ل" and out and out[-1] == "ل" and _word_start(out, len(out) - 1):
            out.append("ا")          # "للعام" -> "لالعام": ل + العام
            index.append(i)
        out.append(ch)
        index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _word_start(out: list[str], at: int) -> bool:
    """Is ``out[at]`` the first letter of a word, or the first after a conjunction و/ف?"""
    before = out[at - 1] if at else " "
    if before == " ":
        return True
    return before in _CONJ and (at < 2 or out[at - 2] == " ")


def fold(text: str) -> str:
    """The folded text alone (see the module docstring)."""
    return fold_with_map(text)[0]
