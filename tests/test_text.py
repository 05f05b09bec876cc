"""components.text: the sanitizers for Markdown, Plotly and terminals, and the look-alike check."""
from __future__ import annotations

import pytest

from components.text import (
    WORD_JOINER, escaped_name, markdown_literal, mixed_script_words, name_suspicion, plotly_text,
    terminal_text, visible_controls,
)

WJ = WORD_JOINER

# raw, shown
CONTROL_CASES = [
    ("plain", "plain"),
    ("abc\u202edef", "abc⟨U+202E⟩def"),                  # right-to-left override
    ("\u202a\u202b\u202c\u202d", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩"),
    ("\u2066x\u2069", "⟨U+2066⟩x⟨U+2069⟩"),              # isolates
    ("\u2067\u2068", "⟨U+2067⟩⟨U+2068⟩"),
    ("a\u200eb\u200fc\u061cd", "a⟨U+200E⟩b⟨U+200F⟩c⟨U+061C⟩d"),
    ("\x1b[2J\x1b[H", "⟨U+001B⟩[2J⟨U+001B⟩[H"),          # clear screen
    ("\x9b31m", "⟨U+009B⟩31m"),                          # C1 CSI
    ("\x07bell\x00\x7f", "⟨U+0007⟩bell⟨U+0000⟩⟨U+007F⟩"),
    ("a\rb", "a⟨U+000D⟩b"),                              # carriage return hides a line's start
    ("zero\u200bwidth\ufeff", "zero⟨U+200B⟩width⟨U+FEFF⟩"),
    ("line\nnext\ttab", "line\nnext\ttab"),              # kept unless one_line
]
assert len({c[0] for c in CONTROL_CASES}) == len(CONTROL_CASES)


@pytest.mark.parametrize("raw, shown", CONTROL_CASES, ids=[repr(c[0])[:20] for c in CONTROL_CASES])
def test_visible_controls(raw, shown):
    assert visible_controls(raw) == shown
    assert terminal_text(raw) == shown


def test_one_line_shows_newline_and_tab():
    assert visible_controls("a\nb\tc", one_line=True) == "a⟨U+000A⟩b⟨U+0009⟩c"


# raw, Markdown source (what st.caption/st.warning/st.error receive)
MARKDOWN_CASES = [
    ("https://evil.example/login", f"https\\:{WJ}\\/\\/evil\\.example\\/login"),
    ("HTTP://EVIL.EXAMPLE", f"HTTP\\:{WJ}\\/\\/EVIL\\.EXAMPLE"),
    ("see www.evil.example", f"see www{WJ}\\.evil\\.example"),
    ("WWW.evil.example", f"WWW{WJ}\\.evil\\.example"),
    ("x@evil.example", f"x\\@{WJ}evil\\.example"),
    ("mailto:x@evil.example", f"mailto\\:x\\@{WJ}evil\\.example"),
    ("[a](javascript:alert(1))", "\\[a\\]\\(javascript\\:alert\\(1\\)\\)"),
    ("![x](http://h/p.png)", f"\\!\\[x\\]\\(http\\:{WJ}\\/\\/h\\/p\\.png\\)"),
    ("<b>x</b>", "\\<b\\>x\\<\\/b\\>"),
    ("a\u202eb", "a⟨U\\+202E⟩b"),
    ("two\nlines", "two lines"),
    ("Deir ez-Zor", "Deir ez\\-Zor"),
]
assert len({c[0] for c in MARKDOWN_CASES}) == len(MARKDOWN_CASES)


@pytest.mark.parametrize("raw, source", MARKDOWN_CASES, ids=[c[0][:20] for c in MARKDOWN_CASES])
def test_markdown_literal(raw, source):
    assert markdown_literal(raw) == source
    # the reader sees the data: drop the joiners and the escapes
    assert markdown_literal(raw).replace(WJ, "").replace("\\", "") == visible_controls(" ".join(raw.split()))


def test_markdown_literal_clips():
    assert markdown_literal("x" * 5000, limit=10) == "x" * 9 + "…"


# raw, wrap, Plotly text
PLOTLY_CASES = [
    ("<a href='x'>link</a>", None, "&lt;a href='x'&gt;link&lt;/a&gt;"),
    ("<span style='font-size:90px'>", None, "&lt;span style='font-size:90px'&gt;"),
    ("AT&T &amp;", None, "AT&amp;T &amp;amp;"),
    ("a\u202eb", None, "a⟨U+202E⟩b"),
    ("<<<<<<<<<< >>>>>>>>>>", 10, "&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;<br>&gt;&gt;&gt;&gt;&gt;&gt;&gt;&gt;&gt;&gt;"),
    (None, None, ""),
    (float("nan"), None, ""),
]


@pytest.mark.parametrize("raw, wrap, shown", PLOTLY_CASES, ids=[repr(c[0])[:20] for c in PLOTLY_CASES])
def test_plotly_text(raw, wrap, shown):
    assert plotly_text(raw, wrap=wrap) == shown


def test_plotly_text_clips_before_escaping():
    assert plotly_text("<" * 100, limit=5, wrap=None) == "&lt;" * 4 + "…"


# text, mixed-script words
SCRIPT_CASES = [
    ("Wagner", []),
    ("W\u0430gner Group", ["W\u0430gner"]),                # Cyrillic a
    ("\u0420ussian forces", ["\u0420ussian"]),           # Cyrillic Er
    ("Liwa F\u03b1temiyoun", ["F\u03b1temiyoun"]),        # Greek alpha
    ("Вагнер", []),                                      # all Cyrillic: a real Russian spelling
    ("Δέλτα", []),
    ("لواء فاطميون", []),                                # Arabic
    ("Wagner Вагнер", []),                               # two scripts, separate words
    ("Deir ez-Zor 2020", []),
]
assert len({c[0] for c in SCRIPT_CASES}) == len(SCRIPT_CASES)


@pytest.mark.parametrize("text, words", SCRIPT_CASES, ids=[c[0] for c in SCRIPT_CASES])
def test_mixed_script_words(text, words):
    assert mixed_script_words(text) == words


NAME_CASES = [
    ("Wagner", "Wagner", ""),
    ("W\u0430gner", "W⟨U+0430⟩gner", "mixes Latin with Cyrillic/Greek"),
    ("IRGC\u202e", "IRGC⟨U+202E⟩", "direction-changing"),
    ("Вагнер", "Вагнер", ""),
]


@pytest.mark.parametrize("name, escaped, reason", NAME_CASES, ids=[c[1] or c[0] for c in NAME_CASES])
def test_name_problem(name, escaped, reason):
    assert escaped_name(name) == escaped
    assert (reason in name_suspicion(name)) if reason else name_suspicion(name) == ""
