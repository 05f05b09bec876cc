"""Text from data made inert for every place it is shown: Markdown, Plotly, a terminal.

Pure functions, no project imports (every layer may use them). What each one guards:

* :func:`visible_controls` -- bidirectional overrides and isolates (U+202A–202E,
  U+2066–2069, U+200E/F, U+061C), C0/C1 control characters (ESC starts terminal escape
  sequences), DEL and zero-width characters are shown as ``⟨U+202E⟩`` instead of acting:
  a name cannot reverse a label, clear a terminal or hide between identical-looking
  letters.

  >>> visible_controls("abc\\u202edef")
  'abc⟨U+202E⟩def'
  >>> visible_controls("\\x1b[2J")
  '⟨U+001B⟩[2J'

* :func:`markdown_literal` -- for Streamlit's Markdown elements (caption, warning,
  error): backslash-escapes every ASCII punctuation character, and puts a WORD JOINER
  (U+2060, invisible) into the patterns that GitHub-flavoured Markdown turns into links
  by itself (``https://``, ``www.``, ``x@host``), which escaping alone does not stop.

  >>> markdown_literal("see www.evil.example")
  'see www\\u2060\\\\.evil\\\\.example'

* :func:`plotly_text` -- for Plotly titles, legends, ticks, hovers, annotations and text
  labels (Plotly interprets ``<a href>``, ``<b>``, ``<span style>``, ``<br>``, ``<sup>`` …):
  ``&``, ``<``, ``>`` become the HTML entities ``&amp;`` ``&lt;`` ``&gt;``, which Plotly.js
  splits off as text *before* decoding them (``svg_text_utils.convertEntities``), so the
  reader sees exactly the characters in the data and no tag can form. Long text is cut
  with an ellipsis; wrapping (``<br>``) happens before escaping, never inside an entity.

  >>> plotly_text("<b>x</b> & y", wrap=None)
  '&lt;b&gt;x&lt;/b&gt; &amp; y'

* :func:`mixed_script_words` -- words mixing Latin with Cyrillic or Greek letters (a
  Cyrillic "а" in "Wаgner" looks like the real name but is not): the importers and the
  loader flag them with the value shown through :func:`escaped_name`.

  >>> mixed_script_words("Wagner W\\u0430gner")
  ['W\\u0430gner']
"""
from __future__ import annotations

import math
import re
import string
import textwrap
import unicodedata
from functools import lru_cache

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"])
# Invisible characters that can hide inside a name (zero-width space/joiners, BOM, soft hyphen).
INVISIBLE = frozenset(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
_CONTROL_CLASS = "".join(
    re.escape(c) for c in sorted(BIDI_CONTROLS | INVISIBLE)) + "\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROLS = re.compile(f"[{_CONTROL_CLASS}]")
_CONTROLS_ONE_LINE = re.compile(f"[{_CONTROL_CLASS}\t\n]")
WORD_JOINER = "\u2060"
# GitHub-flavoured Markdown autolinks: scheme URLs, www. hosts and e-mail addresses.
_AUTOLINK = re.compile(r"(?i):(?=//)|www(?=\.)|@")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_PLOTLY_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
MARKDOWN_MAX_CHARS = 2000
PLOTLY_MAX_CHARS = 600
PLOTLY_WRAP = 80
LABEL_MAX_CHARS = 40
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def _show(match: re.Match) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def visible_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` with control, bidi and zero-width characters written as ``⟨U+XXXX⟩``.

    Newline and tab are kept unless ``one_line`` (then they are shown too).
    """
    return (_CONTROLS_ONE_LINE if one_line else _CONTROLS).sub(_show, text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`visible_controls` would show."""
    return _CONTROLS.search(text) is not None


def _flat(value: object) -> str:
    """One line: None/NaN as '', whitespace runs as one space, controls made visible."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(visible_controls(str(value)).split())


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when cut; the cut falls
    at a word boundary when one lies in the second half (never mid-word, unless one word
    fills it)."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    space = cut.rfind(" ", limit // 2)
    if space > 0 and not text[limit - 1].isspace():
        cut = cut[:space]
    return cut.rstrip() + "…"


def markdown_literal(value: object, limit: int = MARKDOWN_MAX_CHARS) -> str:
    """``value`` for a Streamlit Markdown element: one line, clipped, nothing interpreted."""
    text = _AUTOLINK.sub(lambda m: m.group() + WORD_JOINER, clip(_flat(value), limit))
    return _PUNCTUATION.sub(r"\\\1", text)


def plotly_text(value: object, *, limit: int = PLOTLY_MAX_CHARS, wrap: int | None = PLOTLY_WRAP) -> str:
    """``value`` for any Plotly text property: entities for ``& < >``, clipped, wrapped with <br>."""
    text = clip(_flat(value), limit)
    lines = textwrap.wrap(text, wrap) if wrap else [text]
    return "<br>".join(line.translate(_PLOTLY_ESCAPES) for line in lines)


def plotly_label(value: object, limit: int = LABEL_MAX_CHARS) -> str:
    """A short Plotly label (legend entry, tick, map label): one line, ``limit`` characters."""
    return plotly_text(value, limit=limit, wrap=None)


def terminal_text(text: str) -> str:
    """Lines for a terminal: ESC, CSI and other controls shown, newlines kept."""
    return visible_controls(text)


@lru_cache(maxsize=65536)
def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return next((s for s in SCRIPTS if name.startswith(s)), "OTHER")


def mixed_script_words(text: str) -> list[str]:
    """Words of ``text`` whose letters mix Latin with Cyrillic or Greek (look-alike spoofing)."""
    if text.isascii():
        return []
    found = []
    for word in _WORD.findall(text):
        scripts = {_script(ch) for ch in word} - {None, "OTHER"}
        if len(scripts) > 1 and "LATIN" in scripts:
            found.append(word)
    return found


def escaped_name(text: str) -> str:
    """A name with every non-ASCII letter of a mixed-script word and every control shown as
    ``⟨U+XXXX⟩``, so two names that look alike read differently.

    >>> escaped_name("W\\u0430gner")
    'W⟨U+0430⟩gner'
    """
    shown = visible_controls(text, one_line=True)
    for word in set(mixed_script_words(shown)):
        shown = shown.replace(word, "".join(ch if ch.isascii() else f"⟨U+{ord(ch):04X}⟩" for ch in word))
    return shown


def name_suspicion(text: str) -> str:
    """Why a name from data looks deceptive ('' when it does not): hidden or
    direction-changing characters, or letters of two scripts in one word.

    >>> name_suspicion("W\\u0430gner")
    'mixes Latin with Cyrillic/Greek letters in one word (a look-alike of another name?)'
    """
    reasons = []
    if has_controls(text):
        reasons.append("holds invisible or direction-changing characters")
    if mixed_script_words(text):
        reasons.append("mixes Latin with Cyrillic/Greek letters in one word (a look-alike of another name?)")
    return " and ".join(reasons)
