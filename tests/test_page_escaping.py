"""Every page through AppTest, on a workshop whose every piece of user text is Markdown, HTML and
KaTeX: wherever Streamlit reads a string as Markdown, the user's part of it is escaped; wherever
it shows a string as plain text, it is not (no stray backslashes).

The tree of every element on the page is walked, so a new widget is checked without being
listed here. What the browser finally shows is checked in test_browser_escaping.py.
"""
from __future__ import annotations

import json

import pytest
from google.protobuf.json_format import MessageToDict

from streamlit.testing.v1 import AppTest

from cxcore import brainstorm, goals, participation, room, workshops
from cxcore import db as store
from cxcore import path as guided_path
from cxui.text import WORD_JOINER, address_link, exact, message, plain
from tests.apptest_support import APP, add_entry, open_app
from tests.escaping_support import PAYLOAD, create_payload_workshop

PAGES = [None, *(f"pages/{step.key}.py" for step in guided_path.STEPS), "pages/live_room.py",
         "pages/export.py"]
# Pieces of the payload that take effect when Markdown (or plotly's HTML) reads them raw.
RAW_PIECES = ("**bold**", "[link](", ":red[red]", "$x^2$", "![img](", "<b>tag", "_u_", "`code`",
              "http://x.invalid")
NAME_PAYLOAD = "**b** _u_ [l](http://x.invalid)"  # a participant's name: 40 characters at most
ESCAPED_PIECE = "\\*\\*bold"
# Element types whose text Streamlit shows as it is (everything else reads Markdown).
PLAIN_BODIES = {"text", "code", "json", "exception"}
PLAIN_LISTS = {"selectbox", "multiselect", "select_slider"}  # options shown as plain text


def elements(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from elements(child)


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    return []


def shown_texts(at) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                             list[tuple[str, str]]]:
    """(where, text) pairs that Streamlit reads as Markdown, that it shows as plain text, and
    that plotly reads as its HTML subset."""
    markdown, plain_text, chart_html = [], [], []
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        for name, value in fields.items():
            where = f"{node.type}.{name}"
            if node.type == "plotly_chart" and name == "spec":
                chart_html += [(where, s) for s in strings(json.loads(value))]
            elif name in ("label", "help") or (name == "body" and node.type not in PLAIN_BODIES):
                markdown += [(where, s) for s in strings(value)]
            elif name == "options":
                target = plain_text if node.type in PLAIN_LISTS else markdown
                target += [(where, s) for s in strings(value)]
            elif name in ("placeholder", "default", "value", "columns"):
                plain_text += [(where, s) for s in strings(value)]
    return markdown, plain_text, chart_html


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("escaping") / "app.db")
    return path, create_payload_workshop(store.connect(path))


def assert_shown_as_typed(at: AppTest, payload: str = PAYLOAD) -> None:
    markdown, plain_text, chart_html = shown_texts(at)
    unescaped = [(where, text) for where, text in markdown
                 if any(piece in text for piece in RAW_PIECES)]
    assert unescaped == []
    assert [(where, text) for where, text in chart_html if "<b>tag" in text] == []
    escaped_in_plain = [(where, text) for where, text in plain_text if ESCAPED_PIECE in text]
    assert escaped_in_plain == []
    shown = [text for _, text in markdown if plain(payload) in text] + \
        [text for _, text in plain_text + chart_html if payload in text]
    assert shown, "the page shows none of the workshop's text"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "workshops")
def test_user_text_on_every_page_is_shown_as_typed(payload_app, page, monkeypatch):
    path, workshop_id = payload_app
    monkeypatch.setenv("CX_DB", path)
    assert_shown_as_typed(open_app(path, page=page, workshop_id=workshop_id))


def test_what_the_room_sends_is_shown_as_typed_on_the_console_and_on_phones(app_db_path):
    conn = store.connect(app_db_path)
    workshop_id = create_payload_workshop(conn)
    [first, *_] = brainstorm.list_brainstorms(conn, workshop_id)
    current = room.open_room(conn, workshop_id)
    room.start_activity(conn, workshop_id, current.id, "ideas", brainstorm_id=first.id,
                        hidden=False)
    token = participation.join(conn, current.code, NAME_PAYLOAD)
    participation.add_item(conn, token, PAYLOAD)
    assert_shown_as_typed(open_app(app_db_path, page="pages/live_room.py",
                                   workshop_id=workshop_id))
    phone = AppTest.from_file(APP, default_timeout=30)
    phone.query_params["p"] = token
    phone.run()
    assert not phone.exception
    assert_shown_as_typed(phone)
    assert f"you are {plain(NAME_PAYLOAD)}" in [c.value for c in phone.caption][0]


def test_plain_escapes_every_piece_and_keeps_bare_addresses_from_becoming_links():
    escaped = plain(PAYLOAD + " mail ana@example.org or www.example.org")
    assert not any(piece in escaped for piece in RAW_PIECES)
    assert "ana@" + WORD_JOINER + "example" in escaped
    assert "www" + WORD_JOINER + "\\.example" in escaped


def test_a_unit_typed_on_the_goals_page_shows_as_typed_in_the_measurement_metrics(app_db_path):
    conn = store.connect(app_db_path)
    workshop_id = workshops.create(conn, "Bank")
    at = open_app(app_db_path, page="pages/smirc_goals.py", workshop_id=workshop_id)
    add_entry(at, "smirc_new", "Cut churn")  # added, and open to edit
    [goal_id] = [g.id for g in goals.list_goals(conn, workshop_id)]
    at.text_input(key=f"smirc_unit_{goal_id}").input(NAME_PAYLOAD[:goals.UNIT_MAX]).run()
    at.number_input(key=f"smirc_baseline_{goal_id}").set_value(12).run()
    at.number_input(key=f"smirc_target_{goal_id}").set_value(8).run()
    assert goals.get_goal(conn, workshop_id, goal_id).unit == NAME_PAYLOAD[:goals.UNIT_MAX]
    at.switch_page("pages/measurement.py").run()
    unit = plain(NAME_PAYLOAD[:goals.UNIT_MAX])
    assert [(m.label, m.value) for m in at.metric] == [
        ("Baseline", f"12 {unit}"), ("Latest", "—"), ("Target", f"8 {unit}"),
        ("Progress to target", "—"), ("Next review due", "—")]
    # only what would start markup is escaped: the label reads (and is announced) as written
    assert at.number_input(key="measure_value").label == message(
        f"Value ({NAME_PAYLOAD[:goals.UNIT_MAX]})")
    assert_shown_as_typed(at, NAME_PAYLOAD[:goals.UNIT_MAX])


def test_the_join_link_is_a_link_that_reads_and_copies_as_the_address():
    url = "http://192.0.2.5:8501/join?code=AB12"
    assert address_link(url) == \
        "[http\\://192\\.0\\.2\\.5\\:8501/join?code=AB12](<http://192.0.2.5:8501/join?code=AB12>)"
    assert address_link("javascript:alert(1)") == plain("javascript:alert(1)")
    assert address_link("http://x/<b>") == plain("http://x/<b>")
    assert exact("pass@word.org") == "pass@word\\.org"  # copies exactly: no joiner


def test_a_refusal_that_quotes_user_text_shows_it_as_typed(app_db_path):
    conn = store.connect(app_db_path)
    workshop_id = workshops.create(conn, "Bank")
    current = room.open_room(conn, workshop_id)
    participation.join(conn, current.code, NAME_PAYLOAD)
    phone = open_app(app_db_path, page="pages/join.py")
    phone.text_input(key="join_code").input(current.code)
    phone.text_input(key="join_name").input(NAME_PAYLOAD)
    phone.button[0].click().run()
    [refusal] = [e.value for e in phone.error]
    assert refusal == (f"Someone in the room already goes by {message(NAME_PAYLOAD)}: "
                       f"add an initial.")
    assert not any(piece in refusal for piece in RAW_PIECES)


@pytest.mark.parametrize("text, expected", [
    pytest.param("Name cannot be empty.", "Name cannot be empty.", id="the app's own words"),
    pytest.param("tables.:red[x]: no such table.", "tables.\\:red\\[x\\]: no such table.",
                 id="a colour directive"),
    pytest.param(":smile: 3 of 5: done", "\\:smile: 3 of 5: done", id="an emoji shortcode"),
    pytest.param("# big\n1. one\n- two", "\\# big  \n1\\. one  \n\\- two", id="line starts"),
    pytest.param("see www.x.org", "see www" + WORD_JOINER + ".x.org", id="an address"),
])
def test_a_message_escapes_only_what_would_become_markup(text, expected):
    assert message(text) == expected
    assert not any(piece in message(PAYLOAD) for piece in RAW_PIECES)
