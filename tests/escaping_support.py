"""A workshop whose every piece of user text is Markdown, HTML and KaTeX that must show as typed.

Built from the bundled sample (so every page has something to show) by replacing each user-text
field of its backup with ``PAYLOAD`` and importing it, as a backup from elsewhere would arrive.
"""
from __future__ import annotations

import json

import sqlite_utils

from cxcore import backup, rows, sample
from cxcore.text import ValidationError

PAYLOAD = ("**bold** [link](http://x.invalid) :red[red] $x^2$ "
           "![img](http://x.invalid/i.png) <b>tag</b> _u_ `code`")
# Fields that hold a choice, a date or a number as text: not something a user types.
NOT_USER_TEXT = {"created", "updated", "due", "deadline", "taken", "held", "status", "phase",
                 "technique", "quadrant", "lane", "metric", "metric_kind", "decision", "kind",
                 "channel", "image"}
TABLES_WITHOUT_USER_TEXT = {"settings"}


def fitting(table: str, field: str, text: str) -> str:
    """The payload, or as much of it as the field's length limit lets an import keep."""
    while text:
        try:
            rows.clean(table, field, text)
            return text
        except ValidationError as error:
            if "too long" not in str(error):
                return text
            text = text[:-1]
    return text


def payload_document() -> dict:
    """The sample's backup with the payload in every user-text field (empty ones too)."""
    document = json.loads(sample.SAMPLE_PATH.read_text(encoding="utf-8"))
    for field in ("title", "organisation", "facilitator"):
        document["workshop"][field] = PAYLOAD
    for table, rows in document["tables"].items():
        if table in TABLES_WITHOUT_USER_TEXT:
            continue
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str) and key not in NOT_USER_TEXT:
                    row[key] = fitting(table, key, PAYLOAD)
    for number, vote in enumerate(document["tables"].get("votes", [])):
        suffix = f" {number}"  # one vote per voter and idea
        vote["voter"] = fitting("votes", "voter", PAYLOAD + suffix)[:-len(suffix)] + suffix
    return document


def create_payload_workshop(db: sqlite_utils.Database) -> int:
    return backup.import_document(db, payload_document())
