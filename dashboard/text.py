"""Data text shown through Streamlit's Markdown elements (caption, warning, error) as literal text.

``st.caption``/``st.warning``/``st.error`` render Markdown: a town or outlet named
``![x](http://host/pixel.png)`` would become an image fetched from that host, and
``:red[...]``, ``$...$`` or ``<b>`` would change the page. ``literal()`` backslash-escapes
every ASCII punctuation character (CommonMark allows escaping any of them), so the text
shows exactly as written and nothing in it is interpreted.
"""
from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
MAX_CHARS = 2000


def literal(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` escaped for Markdown, on one line, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _PUNCTUATION.sub(r"\\\1", flat)
