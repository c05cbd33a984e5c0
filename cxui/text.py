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
    return exact(_AUTOLINK_START.sub(WORD_JOINER, text))


def address_link(url: str) -> str:
    """An address the app made (such as the room's join link), as a Markdown link that reads
    exactly as the address, so that it can be clicked and copied whole."""
    if any(c in url for c in "<>\n") or not url.startswith(("http://", "https://")):
        return plain(url)
    return f"[{exact(url)}](<{url}>)"


def exact(text: str) -> str:
    """Markdown escaped, with no invisible character added: for text the app made or the
    facilitator set (a passphrase), which must copy exactly. Never for what users typed:
    an address in it would become a link."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def chart_text(text: str) -> str:
    """User text for a plotly label or hover: plotly reads tags such as <b> or <a> as markup."""
    return html.escape(text, quote=False)
