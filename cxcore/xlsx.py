"""The Excel workbook: one sheet per readable table, ready to filter and sort.

Header row frozen, bold on a tinted fill, with an autofilter; column widths from the content;
dates as dates, numbers as numbers; text a spreadsheet would run as a formula is neutralised.
"""
from __future__ import annotations

import datetime as dt
import io

import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import tables
from .csvexport import neutralise

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0D6E6E")
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "yyyy-mm-dd"


def _width(values: list) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


def add_sheet(book: Workbook, table: tables.Table) -> None:
    sheet = book.create_sheet(table.title[:31])
    sheet.append(list(table.columns))
    for row in table.rows:
        sheet.append([neutralise(value) for value in row])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    for index, column in enumerate(table.columns):
        values = [column] + [row[index] for row in table.rows]
        sheet.column_dimensions[get_column_letter(index + 1)].width = _width(values)
        if any(isinstance(v, dt.date) for v in values):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = DATE_FORMAT


def build_xlsx(db: sqlite_utils.Database, workshop_id: int,
               today: dt.date | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables.all_tables(db, workshop_id, today):
        add_sheet(book, table)
    book.properties.title = tables.workshop_table(db, workshop_id).rows[0][0]
    book.properties.creator = "CX Strategy Workshop"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
