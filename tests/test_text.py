"""Cleaning and checking what people type: clean_text and clean_int."""
from __future__ import annotations

import re

import pytest

from cxcore.text import ValidationError, clean_int, clean_text


@pytest.mark.parametrize("value, expected", [
    pytest.param("Harbour Bank", "Harbour Bank", id="ordinary text is kept"),
    pytest.param("  padded  ", "padded", id="trimmed"),
    pytest.param(None, "", id="None is empty"),
    pytest.param("one\ttwo\nthree  four", "one two three four",
                 id="whitespace runs become one space"),
    pytest.param("Zoe\u0308", "Zo\u00eb", id="decomposed accents are composed (NFC)"),
    pytest.param("Cafe\u0301 \uff21", "Caf\u00e9 \uff21", id="NFC, not NFKC: full-width stays"),
    pytest.param("evil\u202egnp.exe", "evilgnp.exe", id="a right-to-left override is dropped"),
    pytest.param("\u2066isolate\u2069d", "isolated", id="bidi isolates are dropped"),
    pytest.param("\ufeffBOM", "BOM", id="a byte-order mark is dropped"),
    pytest.param("bell\x07 null\x00 esc\x1b del\x7f c1\x85", "bell null esc del c1",
                 id="C0 and C1 controls are dropped"),
    pytest.param("Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u2265 5, \u6771\u4eac, \U0001F680",
                 "Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u2265 5, \u6771\u4eac, \U0001F680",
                 id="other unicode is kept"),
])
def test_clean_text_normalises_a_single_line(value, expected):
    assert clean_text(value, field="Name", max_length=100) == expected


@pytest.mark.parametrize("value, expected", [
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("\n  keep\tinner  spacing \n\n", "keep\tinner  spacing"),
    ("a\x00b\u202ec\nd", "abc\nd"),
])
def test_clean_text_keeps_lines_and_tabs_in_multiline_text(value, expected):
    assert clean_text(value, field="Notes", max_length=100, multiline=True) == expected


@pytest.mark.parametrize("value, kwargs, message", [
    pytest.param("", {"required": True}, "Title cannot be empty.", id="empty"),
    pytest.param(" \t\n", {"required": True}, "Title cannot be empty.", id="only whitespace"),
    pytest.param("\u202e\x00", {"required": True}, "Title cannot be empty.",
                 id="only unwanted characters"),
    pytest.param("x" * 11, {}, "Title is too long: 11 characters, the limit is 10.",
                 id="over the limit"),
    pytest.param(42, {}, "Title must be text.", id="a number"),
    pytest.param(["a"], {}, "Title must be text.", id="a list"),
    pytest.param(b"bytes", {}, "Title must be text.", id="bytes"),
])
def test_clean_text_refuses_bad_input_with_a_message_for_the_user(value, kwargs, message):
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        clean_text(value, field="Title", max_length=10, **kwargs)


def test_the_length_limit_counts_characters_after_cleaning():
    assert clean_text("  " + "e\u0301" * 10 + "\u202e  ", field="Title", max_length=10) == (
        "\u00e9" * 10)


def test_a_validation_error_is_a_value_error():
    assert issubclass(ValidationError, ValueError)


@pytest.mark.parametrize("value, low, high, expected", [
    (1, 1, 5, 1),
    (5, 1, 5, 5),
    (3.0, 1, 5, 3),
    (-2, -2, 2, -2),
    (-0.0, -2, 2, 0),
])
def test_clean_int_accepts_whole_numbers_in_range(value, low, high, expected):
    assert clean_int(value, field="Score", low=low, high=high) == expected


@pytest.mark.parametrize("value, message", [
    (0, "Score must be from 1 to 5, not 0."),
    (6, "Score must be from 1 to 5, not 6."),
    (-3, "Score must be from 1 to 5, not -3."),
    (10**30, f"Score must be from 1 to 5, not {10**30}."),
    (3.5, "Score must be a whole number from 1 to 5."),
    (float("nan"), "Score must be a whole number from 1 to 5."),
    (float("inf"), "Score must be a whole number from 1 to 5."),
    ("3", "Score must be a whole number from 1 to 5."),
    (None, "Score must be a whole number from 1 to 5."),
    (True, "Score must be a whole number from 1 to 5."),
])
def test_clean_int_refuses_anything_else_with_a_message(value, message):
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        clean_int(value, field="Score", low=1, high=5)


def test_a_required_field_of_only_invisible_characters_counts_as_empty():
    with pytest.raises(ValidationError, match="^Title cannot be empty.$"):
        clean_text("\u200b\u200f\u2060", field="Title", max_length=10, required=True)


def test_an_emoji_keeps_its_zero_width_joiner():
    family = "\U0001F469\u200d\U0001F467"
    assert clean_text(family, field="Note", max_length=10, required=True) == family
