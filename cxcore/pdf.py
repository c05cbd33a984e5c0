"""The PDF summary: a cover, a table of contents and a section per step that has content."""
from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import sqlite_utils
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from . import path as guided_path
from . import statements, workshops

# fpdf2 logs every glyph a font lacks; a box in the PDF is the expected outcome, not news.
logging.getLogger("fpdf").setLevel(logging.ERROR)

INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (13, 110, 110)
RULE = (222, 226, 230)


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class Report(FPDF):
    """An A4 document with the helpers that step sections draw with."""

    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.report_title = title
        fonts = _font_dir()
        self.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
        self.set_font("DejaVu", size=10)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_title(title)
        self.set_creator("CX Strategy Workshop")

    def multi_cell(self, *args, align: str = "L", **kwargs):
        """Left-aligned by default: justified text stretches short lines badly."""
        return super().multi_cell(*args, align=align, **kwargs)

    # ---- page furniture
    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.report_title}  ·  page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    # ---- building blocks for sections
    def section(self, title: str) -> None:
        """Start a step's section on a new page, listed in the table of contents."""
        if self.page == 0 or self.y > self.t_margin:  # else the page is still blank: use it
            self.add_page()
        self.start_section(title, level=0)
        self.set_font("DejaVu", "B", 18)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def subheading(self, text: str) -> None:
        self.ln(2)
        self.set_font("DejaVu", "B", 12)
        self.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("DejaVu", size=10)

    def paragraph(self, text: str, *, italic: bool = False, muted: bool = False) -> None:
        self.set_font("DejaVu", "I" if italic else "", 10)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.set_font("DejaVu", size=10)
        self.ln(1.5)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.set_x(self.l_margin + 3)
            self.multi_cell(0, 5.5, f"•  {item}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[object]],
              widths: Sequence[float] | None = None) -> None:
        self.set_font("DejaVu", size=9)
        with super().table(col_widths=widths, line_height=5.5, text_align="LEFT",
                           headings_style=FontFace(emphasis="BOLD"),
                           borders_layout="HORIZONTAL_LINES") as grid:
            head = grid.row()
            for heading in headings:
                head.cell(str(heading))
            for values in rows:
                line = grid.row()
                for value in values:
                    line.cell("" if value is None else str(value))
        self.set_font("DejaVu", size=10)
        self.ln(2)

    def figure(self, fig, width: float | None = None) -> None:
        """Place a matplotlib figure at full text width (or ``width`` mm)."""
        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=160, bbox_inches="tight")
        plt.close(fig)
        self.image(buffer, w=width or self.epw)
        self.ln(2)


def _render_toc(pdf: Report, outline) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 12, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", size=11)
    for entry in outline:
        link = pdf.add_link(page=entry.page_number)
        pdf.cell(pdf.epw - 20, 8, entry.name, link=link)
        pdf.cell(20, 8, str(entry.page_number), align="R", link=link,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cover(pdf: Report, workshop: workshops.Workshop, progress: guided_path.Progress,
           headline: dict[str, str]) -> None:
    pdf.add_page()
    pdf.set_y(50)
    pdf.set_font("DejaVu", size=11)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, "CUSTOMER EXPERIENCE STRATEGY WORKSHOP", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "B", 28)
    pdf.multi_cell(0, 13, workshop.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font("DejaVu", size=12)
    lines = [("Organisation", workshop.organisation or "—"),
             ("Facilitator", workshop.facilitator or "—"),
             ("Date", f"{dt.date.today().day} {dt.date.today():%B %Y}"),
             ("Progress", f"{progress.label} ({progress.percent}%)")]
    for label, value in lines:
        pdf.set_text_color(*MUTED)
        pdf.cell(40, 8, label)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 8, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for kind, text in headline.items():
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 7, f"{statements.LABELS[kind]} statement", new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.set_font("DejaVu", "I", 11)
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def build_pdf(db: sqlite_utils.Database, workshop_id: int) -> bytes:
    """The whole summary as PDF bytes. Any Unicode text renders; a missing glyph is a box."""
    workshop = workshops.get(db, workshop_id)
    progress = guided_path.progress(db, workshop_id)
    pdf = Report(workshop.title)
    _cover(pdf, workshop, progress, statements.final_statements(db, workshop_id))
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_toc, pages=1, allow_extra_pages=True)
    written = 0
    import matplotlib

    # User text in chart labels is text: "$5 to $10" must not be read as a formula.
    with matplotlib.rc_context({"text.parse_math": False}):
        for step in guided_path.STEPS:
            if step.key in progress.started_keys and step.pdf_section is not None:
                pdf.section(f"{step.phase}: {step.title}")
                step.pdf_section(pdf, db, workshop_id)
                written += 1
    if not written:
        pdf.section("Nothing recorded yet")
        pdf.paragraph("No step of the guided path has content yet. Start with the first step "
                      "and export again.", muted=True)
    return bytes(pdf.output())
