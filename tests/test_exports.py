"""The stakeholder exports: the Excel workbook, the executive summary in the PDF, the Markdown."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from cxcore import challenge, markdown, pdf, plan, sample, summary, tables, xlsx

TODAY = dt.date(2026, 12, 1)
EXPECTED = Path(__file__).resolve().parent / "expected" / "sample_summary.md"


def test_the_workbook_has_a_sheet_per_table_with_typed_cells_and_a_frozen_header(db):
    wid = sample.create_sample(db)
    book = load_workbook(io.BytesIO(xlsx.build_xlsx(db, wid, TODAY)))
    assert book.sheetnames == [t.title for t in tables.all_tables(db, wid, TODAY)]
    actions = book["Plan"]
    assert [c.value for c in actions[1]] == ["Action", "Department", "Owner", "Due", "Status",
                                             "Overdue", "Card", "Goal"]
    assert (actions.freeze_panes, actions[1][0].font.bold) == ("A2", True)
    first = [c.value for c in actions[2]]
    assert (type(first[3]), first[4]) == (dt.datetime, "In progress")
    ideas = book["Ideas"]
    assert [c.value for c in ideas[1]][1:3] == ["Rank", "Idea"]
    assert (type(ideas[2][1].value), type(ideas[2][10].value)) == (int, float)


def test_a_formula_typed_as_text_is_neutralised_in_the_workbook(db, make_workshop):
    wid = make_workshop()
    challenge.add_draft(db, wid, who="=HYPERLINK(\"http://evil\")", what="pay", why="@risk")
    sheet = load_workbook(io.BytesIO(xlsx.build_xlsx(db, wid, TODAY)))["Focusing challenge"]
    assert [c.value for c in sheet[2]] == [
        "'=HYPERLINK(\"http://evil\") can pay so that @risk.", "'=HYPERLINK(\"http://evil\")",
        "pay", "'@risk", "Yes"]


def pdf_text(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_summary_names_the_challenge_the_top_card_and_an_overdue_action(db):
    wid = sample.create_sample(db)
    first_two = " ".join(pdf_text(pdf.build_pdf(db, wid, today=TODAY))[:2])
    assert "Executive summary" in first_two
    assert challenge.chosen_challenge(db, wid).sentence in first_two
    top = summary.cards_block(db, wid).lines[0]
    assert top.startswith("1. Card 1: A personal document checklist") and top in first_two
    overdue = [a for a in plan.list_actions(db, wid) if plan.is_overdue(a, TODAY)]
    assert overdue and f"{overdue[0].title} (" in first_two and "OVERDUE" in first_two


def test_a_section_left_out_is_absent_and_the_stakeholder_map_is_off_by_default(db):
    wid = sample.create_sample(db)
    default = " ".join(pdf_text(pdf.build_pdf(db, wid, today=TODAY)))
    assert "Champions: " not in default and "Left out of this copy: Understand: Stakeholder map" \
        in default
    chosen = pdf_text(pdf.build_pdf(db, wid, ["focusing_challenge"], TODAY))
    assert [p.split(" ")[0:3] for p in chosen[2:]] == [["Map:", "Focusing", "challenge"]]
    assert "Top design cards" not in chosen[0]


def test_the_markdown_summary_of_the_sample_matches_the_committed_file(db):
    wid = sample.create_sample(db)
    assert markdown.build_markdown(db, wid, today=TODAY) == EXPECTED.read_text(encoding="utf-8")


def test_user_text_in_the_markdown_summary_is_literal_text_not_markup(db, make_workshop):
    wid = make_workshop(title="**Big** [win](http://x.invalid) <b>now</b>")
    challenge.add_draft(db, wid, who="Buyers | sellers", what="get `code` and $x$ ![i](y)",
                        why="# loud")
    text = markdown.build_markdown(db, wid, today=TODAY)

    assert text.startswith("# \\*\\*Big\\*\\* \\[win\\](http://x.invalid) \\<b\\>now\\</b\\>\n")
    assert "Buyers \\| sellers" in text
    assert "get \\`code\\` and \\$x\\$ \\!\\[i\\](y)" in text
    assert "\\# loud" in text
    assert markdown.plain("a\\b") == "a\\\\b"
