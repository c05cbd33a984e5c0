"""Showing user text safely: it is always shown as text, never as markup or HTML."""
from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def plain(text: str) -> str:
    """Escape Markdown (and Streamlit's :colour[] and $math$ directives) in user text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def chart_text(text: str) -> str:
    """User text for a plotly label or hover: plotly reads tags such as <b> or <a> as markup."""
    return html.escape(text, quote=False)
