"""An article shown as HTML with its date phrases highlighted (the Arabic article panel).

``marked_html`` is the only place the app builds HTML from data: every piece of the text
goes through ``html.escape`` (quotes too), so nothing in it becomes markup, and the only
tags are the ones written here.  Direction overrides and isolates (U+202A–202E,
U+2066–2069) are shown as ``⟨U+202E⟩`` instead of acting, so a phrase cannot reverse the
text around it; the ordinary marks of Arabic typing (RLM U+200F, ALM U+061C) are kept.
"""
from __future__ import annotations

import html
import re

_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _inert(text: str) -> str:
    return html.escape(_OVERRIDES.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text))


def marked_html(text: str, spans, *, rtl: bool = False) -> str:
    """``text`` as one ``<div>`` with each (start, end) span in ``<mark>``; ``rtl`` sets ``dir="rtl"``."""
    parts, at = [], 0
    for start, end in spans:
        parts += [_inert(text[at:start]), "<mark>", _inert(text[start:end]), "</mark>"]
        at = end
    parts.append(_inert(text[at:]))
    direction = "rtl" if rtl else "ltr"
    return f'<div dir="{direction}" style="white-space: pre-wrap; line-height: 1.8">{"".join(parts)}</div>'
