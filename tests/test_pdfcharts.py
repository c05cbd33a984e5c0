"""Charts drawn on the PDF page with fpdf2: ticks, labels, and what a reader finds on the page."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from cxcore import pdfcharts
from cxcore.pdf import Report


@pytest.mark.parametrize("low, high, count, expected", [
    (0, 5, 6, [0, 1, 2, 3, 4, 5]),
    (18, 35, 5, [15, 20, 25, 30, 35]),
    (4.9, 5.8, 5, [4.5, 5.0, 5.5, 6.0]),
    (7, 7, 5, [6.0, 6.5, 7.0, 7.5, 8.0]),
])
def test_ticks_are_round_steps_that_cover_the_values(low, high, count, expected):
    assert pdfcharts.nice_ticks(low, high, count) == pytest.approx(expected)


def test_a_label_too_long_for_its_column_ends_at_a_word_with_an_ellipsis():
    report = Report("Charts")
    report.add_page()
    report.set_font("DejaVu", "", 8)
    text = "Show a personal document checklist in the app before the application starts"
    short = pdfcharts.fit_label(report, text, 50)

    assert short.endswith("…") and text.startswith(short[:-1])
    assert text[len(short) - 1] == " "
    assert report.get_string_width(short) <= 50
    assert pdfcharts.fit_label(report, "Short", 50) == "Short"


def test_a_trend_chart_shows_its_axis_dates_levels_and_deadline_as_text():
    report = Report("Charts")
    report.add_page()
    points = [(dt.date(2026, 1, 31), 18.0), (dt.date(2026, 6, 30), 24.0)]
    levels = [pdfcharts.Level(18, "Baseline 18", (108, 117, 125), 0.6),
              pdfcharts.Level(35, "Target 35", (46, 125, 50), 2.0)]
    deadline = pdfcharts.Marker(dt.date(2027, 12, 31), "Deadline 31 Dec 2027", (198, 40, 40))

    pdfcharts.trend_chart(report, points, levels, deadline, "points")
    text = PdfReader(io.BytesIO(bytes(report.output()))).pages[0].extract_text()

    expected = ["points", "Readings", "Baseline 18", "Target 35", "Deadline 31 Dec 2027",
                "15", "35", "2026"]
    assert [word for word in expected if word not in text] == []
    assert report.get_y() > 60  # the text after the chart starts below it
