"""Showing user text safely: it is always shown as text, never as markup or HTML."""
from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")
# Markdown turns a bare "http://...", "www...." or "name@host.org" into a link even when every
# character is escaped (the link is found in the text after unescaping). An invisible word
# joiner in the middle of "http:", "www." and after "@" keeps the text as it reads, unlinked.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)")


def plain(text: str) -> str:
    """User text for anything Streamlit reads as Markdown (markdown, caption, a widget's label,
    st.metric's label and value, expander and tab titles): shown exactly as typed, no markup,
    :colour[] directives, $math$, images or links."""
    unlinked = _AUTOLINK_START.sub(WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")


def chart_text(text: str) -> str:
    """User text for a plotly label or hover: plotly reads tags such as <b> or <a> as markup."""
    return html.escape(text, quote=False)
