"""Data text shown through Streamlit's Markdown elements (caption, warning, error) as literal text.

``st.caption``/``st.warning``/``st.error`` render Markdown: a town or outlet named
``![x](http://host/pixel.png)`` would become an image fetched from that host, and
``:red[...]``, ``$...$``, ``<b>`` or a bare ``https://…``/``www.…``/``x@host`` (GitHub-style
autolinks) would change the page. ``literal()`` is ``components.text.markdown_literal``:
every ASCII punctuation character backslash-escaped, an invisible word joiner in the
autolink patterns, control and bidi characters shown as ``⟨U+XXXX⟩``.
"""
from __future__ import annotations

from components.text import MARKDOWN_MAX_CHARS as MAX_CHARS, markdown_literal


def literal(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` escaped for Markdown, on one line, cut to ``limit`` characters."""
    return markdown_literal(text, limit)
