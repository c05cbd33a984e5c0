"""The PDF summary: the executive summary first, then contents and a section per chosen step.

The facilitator chooses the sections; the stakeholder map (it names people as gatekeepers) is
left out unless asked for, since the PDF is what goes to every reader. The journey map and the
linked chain are on landscape pages.
"""
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
from . import summary as executive
from . import workshops

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

    def __init__(self, title: str, page_format: str = "A4", orientation: str = "P") -> None:
        super().__init__(orientation=orientation, format=page_format)
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
    def section(self, title: str, landscape: bool = False) -> None:
        """Start a step's section on a new page, listed in the table of contents."""
        orientation = "L" if landscape else "P"
        if self.page == 0 or self.y > self.t_margin or self.cur_orientation.value != orientation:
            self.add_page(orientation=orientation)  # else the page is still blank: use it
        self.start_section(title, level=0)
        self.set_font("DejaVu", "B", 18)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def subheading(self, text: str) -> None:
        if self.y + 30 > self.page_break_trigger:  # a heading never ends a page alone
            self.add_page(orientation=self.cur_orientation.value)
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


LEFT_OUT_BY_DEFAULT = {"stakeholder_map": "it names people as gatekeepers: it is for the core "
                                           "team, not for every reader"}
LANDSCAPE_STEPS = ("journey_map", "linked_chain")


def section_title(step: guided_path.Step) -> str:
    return f"{step.phase}: {step.title}"


def default_sections(progress: guided_path.Progress) -> list[str]:
    """The started steps with a PDF section, less those left out by default."""
    return [s.key for s in guided_path.STEPS if s.key in progress.started_keys
            and s.pdf_section is not None and s.key not in LEFT_OUT_BY_DEFAULT]


def _title_block(pdf: Report, workshop: workshops.Workshop, progress: guided_path.Progress,
                 today: dt.date) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_font("DejaVu", size=9)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 6, "CUSTOMER EXPERIENCE STRATEGY WORKSHOP", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(0, 9, workshop.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", size=9)
    for label, value in (("Organisation", workshop.organisation or "—"),
                         ("Facilitator", workshop.facilitator or "—"),
                         ("Date", f"{today.day} {today:%B %Y}"),
                         ("Progress", f"{progress.label} ({progress.percent}%)")):
        pdf.set_text_color(*MUTED)
        pdf.cell(26, 5, label)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _render_summary(pdf: Report, blocks: list[executive.Block], pages: dict[str, int]) -> None:
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 9, "Executive summary", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if not blocks:
        pdf.paragraph("Nothing decided yet: the summary fills in as the workshop chooses its "
                      "challenge, goals, cards and plan.", muted=True)
    for block in blocks:
        page = pages.get(block.step)
        link = pdf.add_link(page=page) if page else None
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*ACCENT)
        pdf.cell(pdf.epw - 30, 7, block.title, link=link or "")
        pdf.set_font("DejaVu", size=8)
        pdf.set_text_color(*MUTED)
        pdf.cell(30, 7, f"see page {page}" if page else "", align="R", link=link or "",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.set_font("DejaVu", size=9)
        for line in block.lines:
            pdf.set_x(pdf.l_margin + 2)
            pdf.multi_cell(pdf.epw - 2, 4.6, f"•  {line}" if len(block.lines) > 1 else line,
                           link=link or "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)


def _render_contents(pdf: Report, outline, left_out: list[guided_path.Step]) -> None:
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
    if left_out:
        pdf.ln(4)
        pdf.paragraph("Left out of this copy: " + "; ".join(
            section_title(step) + (f" ({LEFT_OUT_BY_DEFAULT[step.key]})"
                                   if step.key in LEFT_OUT_BY_DEFAULT else "")
            for step in left_out) + ".", muted=True)


def _summary_pages(title: str, workshop, progress, blocks, today: dt.date) -> int:
    """How many pages the title and summary take, drawn once on a scratch document."""
    scratch = Report(title)
    scratch.add_page()
    _title_block(scratch, workshop, progress, today)
    _render_summary(scratch, blocks, {b.step: 999 for b in blocks})
    return scratch.page


def build_pdf(db: sqlite_utils.Database, workshop_id: int,
              sections: list[str] | None = None, today: dt.date | None = None) -> bytes:
    """The summary as PDF bytes: ``sections`` are step keys (None: ``default_sections``).

    Any Unicode text renders; a missing glyph is a box.
    """
    today = today or dt.date.today()
    workshop = workshops.get(db, workshop_id)
    progress = guided_path.progress(db, workshop_id)
    chosen = set(default_sections(progress) if sections is None else sections)
    steps = [s for s in guided_path.STEPS if s.key in progress.started_keys
             and s.pdf_section is not None and s.key in chosen]
    left_out = [s for s in guided_path.STEPS if s.key in progress.started_keys
                and s.pdf_section is not None and s.key not in chosen]
    blocks = executive.summary(db, workshop_id, today, {s.key for s in steps})
    pdf = Report(workshop.title)
    pdf.names_stakeholders = "stakeholder_map" in chosen
    titles = {section_title(s): s.key for s in steps}

    def front(document: Report, outline) -> None:
        pages = {titles[entry.name]: entry.page_number for entry in outline
                 if entry.name in titles}
        _title_block(document, workshop, progress, today)
        _render_summary(document, blocks, pages)
        document.add_page()
        document.set_xy(document.l_margin, document.t_margin)
        _render_contents(document, outline, left_out)


    pdf.add_page()
    front_pages = _summary_pages(workshop.title, workshop, progress, blocks, today) + 1
    pdf.insert_toc_placeholder(front, pages=front_pages)
    import matplotlib

    # User text in chart labels is text: "$5 to $10" must not be read as a formula.
    with matplotlib.rc_context({"text.parse_math": False}):
        for step in steps:
            pdf.section(section_title(step), landscape=step.key in LANDSCAPE_STEPS)
            step.pdf_section(pdf, db, workshop_id)
    if not steps:
        pdf.section("Nothing recorded yet")
        pdf.paragraph("No step of the guided path has content yet. Start with the first step "
                      "and export again.", muted=True)
    return bytes(pdf.output())
