"""Finding date phrases in running news text: ``find_dates(text, anchor) -> list[Found]``.

The normalizer's own rule table finds the phrases (``rules.find_rules`` over each
sentence, cleaned the way every rule pattern expects); this module only

1. keeps a map from cleaned characters back to the original text, so each phrase
   comes back with its exact ``start_char``/``end_char`` in the input;
2. widens a match over the words that belong to it: modifiers ("late in 2017",
   "the end of May", "about two weeks ago") always, signal words ("on Saturday",
   "since 2017", "in the last week of April") unless ``include_signals=False``
   (TimeML puts signals outside the TIMEX; the TimeBank benchmark uses that);
3. refuses the readings that flood running text (``_refused``): a bare month or
   weekday not written as a capitalised full name; "May"/"March" without a
   preposition before them (the verb, the march); a weekday that is part of a name
   ("Sunday Times", "Good Friday"); a bare year without a preposition or closing
   punctuation ("1,500 soldiers" never reaches the rules: digits with a comma are
   not a year); "late" alone, "a recent"; a season followed by "of" ("the fall of
   Raqqa");
4. normalizes each phrase against the anchor with its sentence as context (tense
   decides "on Saturday" past or future), dropping phrases the normalizer cannot read.

Phrases are returned in text order and never overlap (the longest match wins).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .arabic import has_arabic
from .model import Anchor, DateResult
from .normalize import normalize_date
from .rules import find_rules
from .vocab import MONTHS, NOT_DATE_WORDS, WEEKDAYS

MAX_TEXT = 2_000_000          # characters; longer input is refused (ValueError)
DEFAULT_CONTEXT_WINDOW = 400  # characters of sentence kept on each side of a phrase
MAX_SENTENCE = 1_000          # longer sentences are read in pieces cut at whitespace

_DROP = set(",;:()[]{}\"“”«»!?")
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])|\n\s*\n|\n(?=\s*[A-Z\"“])")
# A period after these does not end a sentence ("Aug. 2", "Mr. Smith", "U.S. officials").
_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
                  "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "ms", "dr", "st", "gen",
                  "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep", "inc", "co", "corp", "no", "vs", "u.s",
                  "u.n", "u.k", "e.g", "i.e", "etc", "jr", "sr"}
# Words that introduce a date without belonging to its value (TimeML "signals").
SIGNALS = r"(?:ever since|since|on|in|at|during|from|until|till|by|as of|throughout|through|before|after|prior to|over|within|for)"
# Words that change the value and so belong to the phrase.
MODIFIERS = (r"(?:about|around|roughly|approximately|nearly|almost|some|(?:the )?(?:very )?(?:early|late|mid)|"
             r"the (?:beginning|start|end|middle|turn|first half|second half) of|(?:the )?(?:early|late|latter) part of|"
             r"earlier|later)")
_LEFT_SIGNAL = re.compile(rf"(?:^|(?<= )){SIGNALS} $")
_LEFT_MODIFIER = re.compile(rf"(?:^|(?<= )){MODIFIERS} $")
# Words before a bare year or season that make it one ("in 1998", "since spring"); not "at 2082".
_YEAR_SIGNAL = re.compile(r"(?:^|(?<= ))(?:(?:ever )?since|in|during|from|until|till|by|through|throughout|before|after|"
                          r"prior to|of|as of|early|late|mid|the end of|the beginning of|the start of|"
                          r"the middle of|about|around|circa|this|last|next|past|coming) $")
_RIGHT = re.compile(r"^ (?:(?:at |in the |on the )?(?:dawn|daybreak|morning|afternoon|evening|night)|or so|and beyond|onwards?)(?![\w-])")
_FULL_MONTHS = {name for name, number in MONTHS.items() if len(name) > 4 or name in ("may", "june", "july")}
_FULL_WEEKDAYS = {name for name in WEEKDAYS if name.endswith("day")}
_RISKY_MONTHS = {"may", "march"}
_MONTH_WORD = re.compile(r"(?<![\w'-])(may|march)(?![\w-])")
_BARE_YEAR = re.compile(r"(?:1\d{3}|20\d{2}|2100)")
_SPELLED_CENTURY = re.compile(r"(?:nineteen|eighteen|seventeen|two thousand)[ -]\w")
# Words that make the weekday after them part of a name ("Good Friday", "Bloody Sunday").
_NAME_PREFIXES = {"good", "black", "bloody", "holy", "palm", "easter", "ash", "super", "cyber", "maundy", "girl", "man"}
# A bare 1900..2099 number is a year unless it counts something ("2000 fighters"); other
# 4-digit numbers need a signal ("in 1500").
_COUNT_WORDS = re.compile(r" (?:[a-z-]+ )?(?:soldiers|troops|fighters|militants|members|men|people|civilians|vehicles|"
                          r"trucks|tanks|families|residents|refugees|dollars|pounds|euros|tons|tonnes|barrels|km|"
                          r"kilometers|kilometres|miles|meters|metres|feet|units|shares|jobs|cases|deaths|homes|houses|points|percent)\b")



@dataclass(frozen=True, slots=True)
class Found:
    """One date phrase: where it is in the input text and what it means."""

    start_char: int            # inclusive offset into the original text
    end_char: int              # exclusive
    text: str                  # text[start_char:end_char]
    result: DateResult
    context: str = ""          # the sentence it was read with

    def to_dict(self) -> dict:
        """The CLI shape: start_char, end_char, text, then every field of the normalizer's result."""
        return {"start_char": self.start_char, "end_char": self.end_char, **self.result.to_dict(),
                "text": self.text}

    def __str__(self) -> str:
        return f"{self.start_char}:{self.end_char} {self.text!r} {self.result}"


def clean_with_map(text: str) -> tuple[str, list[int]]:
    """``normalize.clean`` applied character by character, keeping each kept character's offset.

    Lowercase (when that keeps one character), curly quotes to "'", dashes to "-",
    commas/brackets/quotes to spaces, a dot after a letter dropped, runs of spaces
    collapsed, and "mid-" split to "mid " so "mid-2017" is found like "mid 2017".
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        ch = low if len(low) == 1 else ch
        if ch in "\u2019\u2018":
            ch = "'"
        elif ch in _DASHES:
            ch = "-"
        elif ch in _DROP or ch.isspace():
            ch = " "
        elif ch == "." and out and "a" <= out[-1] <= "z" and not (i + 1 < len(text) and (text[i + 1].isalnum() or text[i + 1] == "_")):
            continue
        if ch == " " and (not out or out[-1] == " "):
            continue
        if ch == "-" and out[-3:] == list("mid") and i + 1 < len(text) and text[i + 1].isalnum():
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


_LOOKBACK = 64                     # characters read back from a sentence break for its last word
_LAST_WORD = re.compile(r"(?<![\w.])([\w.]{1,60})\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text`` (paragraph breaks also end one)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # only the last word before the break is read (a bounded look-back, so a text of
        # nothing but abbreviations -- "A. A. A. ..." -- stays linear)
        word = _LAST_WORD.search(text[max(start, m.start() - _LOOKBACK):m.start()].rstrip("\"'”’)"))
        if "\n" not in m.group() and word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [piece for a, b in spans if text[a:b].strip() for piece in _pieces(text, a, b)]


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A run-on "sentence" cut at whitespace into pieces of at most MAX_SENTENCE characters,
    so the work per sentence stays bounded whatever the input (no punctuation, one huge line)."""
    pieces = []
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = cut if cut > a else a + MAX_SENTENCE
        pieces.append((a, cut))
        a = cut
    pieces.append((a, b))
    return pieces


def find_dates(text: str, anchor: "Anchor | date | str", *, context_window: int = DEFAULT_CONTEXT_WINDOW,
               include_signals: bool = True) -> list[Found]:
    """Every date phrase in ``text`` with its interval, in text order, non-overlapping.

    >>> [f.text for f in find_dates("The army on Saturday deployed a convoy; clashes took place last week.",
    ...                             "2020-07-05/2020-07-08")]
    ['on Saturday', 'last week']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"text too long to scan ({len(text):,} characters > {MAX_TEXT:,})")
    anchor = Anchor.of(anchor)
    found: list[Found] = []
    for s_start, s_end in sentences(text):
        found.extend(_in_sentence(text, s_start, s_end, anchor, context_window, include_signals))
    if has_arabic(text):  # Arabic rules, loaded on first use: the English path never pays for them
        found = _with_arabic(text, anchor, context_window, found)
    return found


LOOK = 48   # characters read before or after a match for its neighbour words: bounded, so a
            # sentence of a thousand matches costs a thousand short reads, not a quadratic scan


def _word_start(text: str, at: int) -> int:
    """``at`` (clamped to 0) moved forward to the start of a word, so a window never begins mid-word."""
    if at <= 0:
        return 0
    space = text.find(" ", at - 1)
    return space + 1 if 0 <= space else at


def _tail(text: str, end: int) -> str:
    """The last ``LOOK`` characters before ``end``, starting on a word."""
    return text[_word_start(text, end - LOOK): end]


_LATIN = re.compile("[A-Za-z]")


def _with_arabic(text: str, anchor: Anchor, window: int, english: list[Found]) -> list[Found]:
    """The Arabic phrases (``arabic.find``), plus the English finds written with Latin
    letters that overlap none of them (a bare "2017" inside Arabic text is the Arabic
    rules' to judge)."""
    from .arabic.find import arabic_spans

    found = []
    for a, b, s_start, s_end in arabic_spans(text):
        context = text[max(s_start, a - window): min(s_end, b + window)]
        result = normalize_date(text[a:b], anchor, context)
        if result.resolved or result.rule:
            found.append(Found(a, b, text[a:b], result, context))
    found += [f for f in english if _LATIN.search(f.text)
              and all(f.end_char <= g.start_char or f.start_char >= g.end_char for g in found)]
    return sorted(found, key=lambda f: f.start_char)


def _in_sentence(text: str, s_start: int, s_end: int, anchor: Anchor, window: int,
                 include_signals: bool) -> list[Found]:
    sentence = text[s_start:s_end]
    cleaned, index = clean_with_map(sentence)
    spans = [(m.start(), m.end()) for rule, m in find_rules(cleaned)
             if not _refused(rule.name, m, cleaned, sentence, index)]
    spans += _risky_months(cleaned, sentence, index, spans)
    spans.sort()
    results: list[Found] = []
    previous_end = 0
    for start, end in spans:
        for lo, hi in _widenings(cleaned, start, end, previous_end, include_signals):
            a, b = s_start + index[lo], s_start + index[hi - 1] + 1
            b = _close_brackets(text, a, b)
            context = text[max(s_start, a - window): min(s_end, b + window)]
            result = normalize_date(text[a:b], anchor, context)
            if result.resolved or result.rule:   # a rule read it, even one that cannot date it here
                results.append(Found(a, b, text[a:b], result, context))
                previous_end = hi
                break
    return results


def _close_brackets(text: str, a: int, b: int) -> int:
    """Take the ")" that closes a bracket opened inside the phrase: "on Saturday (October 6)"."""
    for open_, close in ("()", "[]"):
        if text.count(open_, a, b) > text.count(close, a, b) and text[b:b + 1] == close:
            return b + 1
    return b


def _widenings(cleaned: str, start: int, end: int, floor: int, include_signals: bool) -> list[tuple[int, int]]:
    """Candidate spans for one match, widest first: modifiers, then signals, then trailing words."""
    lo, with_modifiers = start, start
    for _ in range(4):
        m = _LEFT_MODIFIER.search(cleaned, max(floor, _word_start(cleaned, lo - LOOK)), lo)
        if m and m.end() == lo:
            lo = with_modifiers = m.start()
            continue
        m = _LEFT_SIGNAL.search(cleaned, max(floor, _word_start(cleaned, lo - LOOK)), lo)
        if not m or m.end() != lo:
            break
        inner = _LEFT_MODIFIER.search(cleaned, max(floor, _word_start(cleaned, m.start() - LOOK)), m.start())    # "late in 2017": the signal sits inside
        if inner and inner.end() == m.start():
            lo = with_modifiers = inner.start()
        elif include_signals:
            lo = m.start()
            break
        else:
            break
    right = _RIGHT.match(cleaned[end:])
    hi = end + right.end() if right else end
    options = [(lo, hi), (with_modifiers, hi), (lo, end), (with_modifiers, end), (start, end)]
    return list(dict.fromkeys(options))


def _refused(rule: str, m: re.Match, cleaned: str, sentence: str, index: list[int]) -> bool:
    """True for matches that are usually not dates in running text (see the module docstring)."""
    core = m.group()
    original = sentence[index[m.start()]: index[m.end() - 1] + 1]
    before = _tail(cleaned, m.start()).rstrip()
    after = cleaned[m.end(): m.end() + LOOK]
    if rule == "month":
        word = core.removeprefix("in ").strip(".")
        return word not in _FULL_MONTHS or not original[-len(word):][:1].isupper() or word in _RISKY_MONTHS
    word = re.sub(r"'s?$", "", core)
    if rule == "weekday" and word in WEEKDAYS:
        return word not in _FULL_WEEKDAYS or not original[:1].isupper() or _in_a_name(sentence, index, m)
    if rule == "year" and not re.match(r"(?:the |fiscal|fy|calendar |year )", core):
        # a bare number: a year when signalled ("in 1998", "since nineteen ninety-six") or when
        # its digits are 1900..2099, unless it counts something ("2000 fighters")
        if _COUNT_WORDS.match(after) or before.endswith((" at", " to")) or before in ("at", "to") \
                or NOT_DATE_WORDS.get(before.rpartition(" ")[2]) == "road":
            return True     # "2000 fighters", "closed at 2082", "rose to 2010"
        if _YEAR_SIGNAL.search(before + " "):
            return False
        if _SPELLED_CENTURY.match(core):
            return False    # "nineteen ninety-six": only ever a year
        return not (_BARE_YEAR.fullmatch(core) and 1900 <= int(core) <= 2099)
    if rule == "day_of_month":
        return not _ordinal_is_a_day(core, before, after, sentence, index, m)
    if rule == "the_year" and core == "year":
        return True
    if rule == "season" and " " not in word and not _YEAR_SIGNAL.search(before + " "):
        return True                 # "prices fall", "spring" alone
    if rule == "vague_recently" and core in ("late", "of late", "a recent"):
        return core != "of late"
    if rule == "season" and after.startswith(" of ") and not re.match(r" of \d", after):
        return True
    return False


# Words before a bare ordinal that make it a day of the month ("on the 5th", "until the 12th");
# "in", "for", "at" do not ("for the 3rd time", "in the 4th Division").
_ORDINAL_SIGNAL = re.compile(r"(?:^|(?<= ))(?:on|by|until|till|since|from|before|after|as of|through|starting|"
                             r"beginning|between|dated|on or before|on or after)(?: the)? $")


_CAPITALISED_NEXT = re.compile(r"\s*[A-Z]")
_NEXT_NAME = re.compile(r" ([A-Z][\w'-]*)")


def _ordinal_is_a_day(core: str, before: str, after: str, sentence: str, index: list[int], m: re.Match) -> bool:
    """A bare ordinal ("the 5th") is a day of the month only where the context makes it one:
    "the 5th of this month", or a date signal before it ("on the 5th") -- and never when the
    next word names a unit, a road or a count ("the 5th Corps", "on the 12th day of the siege")
    or is a capitalised name ("the 17th Division")."""
    following = after.split(maxsplit=1)[0] if after.strip() else ""
    if following in NOT_DATE_WORDS:
        return False
    if "month" in core:
        return True
    if _CAPITALISED_NEXT.match(sentence, index[m.end() - 1] + 1):
        return False
    return bool(_ORDINAL_SIGNAL.search(before + " "))


def _in_a_name(sentence: str, index: list[int], m: re.Match) -> bool:
    """Part of a name: "Good Friday", or followed by a capitalised word ("Sunday Times") unless
    a signal word stands before it ("on Friday Saudi Arabia said")."""
    a, b = index[m.start()], index[m.end() - 1] + 1
    before = re.search(r"(\w+)\W*$", _tail(sentence, a))
    if before and before.group(1).lower() in _NAME_PREFIXES:
        return True
    if before and _LEFT_SIGNAL.search(before.group(1).lower() + " "):
        return False
    after = _NEXT_NAME.match(sentence, b)
    return bool(after and after.group(1).lower() not in MONTHS and after.group(1).lower() not in WEEKDAYS)


def _risky_months(cleaned: str, sentence: str, index: list[int], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"May"/"March" as a month: capitalised and right after a signal or modifier ("in May")."""
    spans = []
    for m in _MONTH_WORD.finditer(cleaned):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if not sentence[index[m.start()]].isupper():
            continue
        before = _tail(cleaned, m.start())
        if _LEFT_SIGNAL.search(before) or _LEFT_MODIFIER.search(before) or re.search(r"(?:last|next|this|of) $", before):
            spans.append((m.start(), m.end()))
    return spans
