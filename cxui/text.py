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


# In a message, only what can start markup is escaped, so its own punctuation reads as written
# (and tests can compare it): a "." or ":" matters only at the start of a line or before a word
# and a colon or bracket (":red[", ":smile:", ":material/x:").
_MESSAGE_SPECIAL = re.compile(r"[\\`*_{}\[\]<>$~|&]|:(?=[\w/+-]+[:\[])")
_MESSAGE_LINE_START = re.compile(r"^([ \t]*)(#+|[-+>=]+|\d+[.)])(?=[ \t]|$)", re.M)


def message(text: str) -> str:
    """A message that may quote user text (a refused edit, a file that is not a backup), for
    st.error or st.warning: any user part shows as typed, with no markup, links or pictures."""
    unlinked = _AUTOLINK_START.sub(WORD_JOINER, text)
    escaped = _MESSAGE_SPECIAL.sub(lambda found: "\\" + found.group(0), unlinked)
    escaped = _MESSAGE_LINE_START.sub(
        lambda found: found.group(1) + "\\" + found.group(2) if not found.group(2)[0].isdigit()
        else found.group(1) + found.group(2)[:-1] + "\\" + found.group(2)[-1], escaped)
    return escaped.replace("\n", "  \n")


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
