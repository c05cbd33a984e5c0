"""The Markdown summary: the executive summary and every chosen section as text, for a wiki.

The summary is the PDF's (``cxcore.summary``); each section is its readable tables
(``cxcore.tables``) as Markdown tables, so nothing here decides content of its own.
"""
from __future__ import annotations

import datetime as dt
import re

import sqlite_utils

from . import path as guided_path
from . import summary as executive
from . import tables, workshops
from .goals import format_date


MARKUP = re.compile(r"([\\`*_\[\]<>!|~$#])")


def plain(text: str) -> str:
    """User text as literal Markdown: every character a wiki would read as markup is escaped."""
    return MARKUP.sub(r"\\\1", " ".join(text.split()))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value.isoformat()).replace("\u00a0", " ")
    if isinstance(value, float):
        value = f"{value:g}"
    return plain(str(value))


# Columns that only the live room fills: left out of a wiki page when nobody's name is in them.
ROOM_ONLY_COLUMNS = {"Added by"}


def _table(table: tables.Table) -> list[str]:
    if not table.rows:
        return []
    keep = [i for i, name in enumerate(table.columns)
            if name not in ROOM_ONLY_COLUMNS or any(row[i] for row in table.rows)]
    lines = [f"### {table.title}", "", "| " + " | ".join(table.columns[i] for i in keep) + " |",
             "|" + "---|" * len(keep)]
    lines += ["| " + " | ".join(_cell(row[i]) for i in keep) + " |" for row in table.rows]
    return lines + [""]


def build_markdown(db: sqlite_utils.Database, workshop_id: int,
                   sections: list[str] | None = None, today: dt.date | None = None) -> str:
    """``sections`` are step keys as for the PDF (None: the PDF's default choice)."""
    from .pdf import default_sections, section_title  # the one rule of what goes in

    today = today or dt.date.today()
    workshop = workshops.get(db, workshop_id)
    progress = guided_path.progress(db, workshop_id)
    chosen = set(default_sections(progress) if sections is None else sections)
    steps = [s for s in guided_path.STEPS if s.key in progress.started_keys and s.key in chosen]
    lines = [f"# {plain(workshop.title)}", "",
             f"{plain(workshop.organisation) or '—'} · facilitated by "
             f"{plain(workshop.facilitator) or '—'} · "
             f"{progress.label} · exported {today.day} {today:%B %Y}", "",
             "## Executive summary", ""]
    titles = {s.key: section_title(s) for s in steps}
    for block in executive.summary(db, workshop_id, today, set(titles)):
        lines += [f"**{block.title}** (see *{titles[block.step]}*)", ""]
        lines += [f"- {plain(line)}" for line in block.lines] + [""]
    by_step: dict[str, list[tables.Table]] = {}
    for table in tables.all_tables(db, workshop_id, today):
        by_step.setdefault(table.step, []).append(table)
    for step in steps:
        lines += [f"## {titles[step.key]}", ""]
        for table in by_step.get(step.key, []):
            lines += _table(table)
    return "\n".join(lines).rstrip() + "\n"
