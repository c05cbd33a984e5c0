"""Charts drawn straight onto a PDF page with fpdf2's lines and text: vector-sharp at any zoom,
and many times faster than rendering a matplotlib figure to a picture for each one."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

INK = (33, 37, 41)
MUTED = (108, 117, 125)
GRID = (222, 226, 230)
SERIES = (13, 110, 110)


@dataclass(frozen=True)
class Level:
    """A horizontal reference line across the chart, such as a baseline or a target."""
    value: float
    label: str
    colour: tuple[int, int, int]
    dash: float  # dash length in mm; 0 for a solid line


@dataclass(frozen=True)
class Marker:
    """A vertical line at a date, such as a deadline."""
    day: dt.date
    label: str
    colour: tuple[int, int, int]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high``: steps of 1, 2 or 5 times a power of ten."""
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def date_span(days: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    first, last = min(days), max(days)
    if first == last:
        return first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    pad = dt.timedelta(days=max(1, (last - first).days // 20))
    return first - pad, last + pad


def trend_chart(report, points: Sequence[tuple[dt.date, float]], levels: Sequence[Level],
                marker: Marker | None, y_label: str, height: float = 52.0) -> None:
    """A line of dated values with reference levels and a date marker, at full text width."""
    left, top, width = report.l_margin + 16, report.get_y() + 5, report.epw - 18
    plot_height = height - 14
    if top + height + 8 > report.page_break_trigger:
        report.add_page()
        top = report.get_y() + 5
    days = [day for day, _ in points] + ([marker.day] if marker else [])
    start, end = date_span(days)
    values = [value for _, value in points] + [level.value for level in levels]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]

    def x_of(day: dt.date) -> float:
        return left + width * (day - start).days / max((end - start).days, 1)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - (value - low) / ((high - low) or 1))

    report.set_font("DejaVu", "", 7)
    report.set_text_color(*MUTED)
    report.text(report.l_margin, top - 2, y_label)
    report.set_line_width(0.15)
    for tick in ticks:
        report.set_draw_color(*GRID)
        report.line(left, y_of(tick), left + width, y_of(tick))
        label = _number(tick)
        report.text(left - 1.5 - report.get_string_width(label), y_of(tick) + 1, label)
    for day in _date_ticks(start, end):
        label = f"{day:%d %b %Y}"
        report.text(x_of(day) - report.get_string_width(label) / 2, top + plot_height + 4, label)
    legend = [_draw_level(report, level, left, width, y_of(level.value)) for level in levels]
    if marker:
        report.set_draw_color(*marker.colour)
        report.set_line_width(0.3)
        report.line(x_of(marker.day), top, x_of(marker.day), top + plot_height)
        legend.append((marker.label, marker.colour, 0.0))
    report.set_draw_color(*SERIES)
    report.set_fill_color(*SERIES)
    report.set_line_width(0.6)
    spots = [(x_of(day), y_of(value)) for day, value in sorted(points)]
    for (x1, y1), (x2, y2) in zip(spots, spots[1:]):
        report.line(x1, y1, x2, y2)
    for x, y in spots:
        report.circle(x, y, 0.9, style="F")
    _legend(report, [("Readings", SERIES, 0.0), *legend], left, top + plot_height + 9)
    _reset(report)
    report.set_xy(report.l_margin, top + height)


def _date_ticks(start: dt.date, end: dt.date, count: int = 5) -> list[dt.date]:
    span = (end - start).days
    return [start + dt.timedelta(days=round(span * (i + 0.5) / count)) for i in range(count)]


def _draw_level(report, level: Level, left: float, width: float,
                y: float) -> tuple[str, tuple[int, int, int], float]:
    report.set_draw_color(*level.colour)
    report.set_line_width(0.35)
    if level.dash:
        report.set_dash_pattern(dash=level.dash, gap=level.dash * 0.8)
    report.line(left, y, left + width, y)
    report.set_dash_pattern()
    return level.label, level.colour, level.dash


def _legend(report, items, x: float, y: float) -> None:
    report.set_font("DejaVu", "", 7.5)
    for label, colour, dash in items:
        report.set_draw_color(*colour)
        report.set_line_width(0.5)
        if dash:
            report.set_dash_pattern(dash=dash, gap=dash * 0.8)
        report.line(x, y - 1, x + 6, y - 1)
        report.set_dash_pattern()
        report.set_text_color(*INK)
        report.text(x + 7.5, y, label)
        x += 12 + report.get_string_width(label)


def bar_chart(report, bars: Sequence[tuple[str, float]], top_value: float, x_label: str,
              label_width: float = 80.0) -> None:
    """Horizontal bars, first at the top, with each label at its left and its value at its end.

    Labels longer than their column end at a word with an ellipsis (give the full text in a
    table next to the chart)."""
    row, left = 6.0, report.l_margin + label_width
    width = report.epw - label_width - 12
    height = row * len(bars) + 10
    if report.get_y() + height > report.page_break_trigger:
        report.add_page()
    top = report.get_y() + 2
    report.set_font("DejaVu", "", 8)
    report.set_line_width(0.15)
    for tick in nice_ticks(0, top_value, 6):
        if tick > top_value:
            break
        x = left + width * tick / top_value
        report.set_draw_color(*GRID)
        report.line(x, top, x, top + row * len(bars))
        report.set_text_color(*MUTED)
        report.text(x - report.get_string_width(_number(tick)) / 2, top + row * len(bars) + 4,
                    _number(tick))
    report.set_fill_color(*SERIES)
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        report.rect(left, y + 1, max(width * value / top_value, 0.3), row - 2, style="F")
        report.set_text_color(*INK)
        report.text(left - 2 - report.get_string_width(fit_label(report, label, label_width - 4)),
                    y + row / 2 + 1, fit_label(report, label, label_width - 4))
        report.text(left + width * value / top_value + 1.5, y + row / 2 + 1, f"{value:.2f}")
    report.set_text_color(*MUTED)
    report.text(left + width / 2 - report.get_string_width(x_label) / 2,
                top + row * len(bars) + 8.5, x_label)
    _reset(report)
    report.set_xy(report.l_margin, top + height)


def fit_label(report, text: str, width: float) -> str:
    """The text, or its longest start that ends at a word and fits ``width`` with an ellipsis."""
    if report.get_string_width(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and report.get_string_width(" ".join(words) + "…") > width:
        words.pop()
    kept = " ".join(words)
    while kept and report.get_string_width(kept + "…") > width:  # one long word: cut letters
        kept = kept[:-1]
    return kept.rstrip(" ,;:.-") + "…"


@dataclass(frozen=True)
class Dot:
    """A numbered point on a 1-5 by 1-5 matrix."""
    number: int
    x: float
    y: float
    muted: bool = False


def matrix_chart(report, dots: Sequence[Dot], corners: dict[tuple[bool, bool], str],
                 split: float, x_label: str, y_label: str, title: str,
                 side: float = 110.0) -> None:
    """A 1-5 by 1-5 square split into four named quadrants at ``split``, with numbered dots.

    ``corners`` maps (high y, high x) to the quadrant's name."""
    if report.get_y() + side + 22 > report.page_break_trigger:
        report.add_page()
    left, top = report.l_margin + 14, report.get_y() + 9
    report.set_font("DejaVu", "B", 9)
    report.set_text_color(*INK)
    report.text(left, top - 3, title)

    def at(x: float, y: float) -> tuple[float, float]:
        return left + side * (x - 0.5) / 5, top + side * (1 - (y - 0.5) / 5)

    report.set_draw_color(*GRID)
    report.set_line_width(0.2)
    report.rect(left, top, side, side)
    report.set_draw_color(*MUTED)
    mid_x, mid_y = at(split, split)
    report.line(mid_x, top, mid_x, top + side)
    report.line(left, mid_y, left + side, mid_y)
    report.set_font("DejaVu", "B", 8.5)
    report.set_text_color(*SERIES)
    for (high_y, high_x), name in corners.items():
        x = left + side - 2 - report.get_string_width(name) if high_x else left + 2
        report.text(x, top + 5 if high_y else top + side - 2.5, name)
    report.set_font("DejaVu", "", 8)
    report.set_text_color(*MUTED)
    for value in range(1, 6):
        x, y = at(value, value)
        report.text(x - 0.8, top + side + 4, str(value))
        report.text(left - 4, y + 1, str(value))
    report.text(left + side / 2 - report.get_string_width(x_label) / 2, top + side + 9, x_label)
    with report.rotation(90, left - 8, top + side / 2):
        report.text(left - 8 - report.get_string_width(y_label) / 2, top + side / 2, y_label)
    report.set_font("DejaVu", "B", 8)
    for dot in dots:
        x, y = at(dot.x, dot.y)
        report.set_fill_color(*(GRID if dot.muted else SERIES))
        report.circle(x, y, 3.4, style="F")
        report.set_text_color(*((80, 80, 80) if dot.muted else (255, 255, 255)))
        label = str(dot.number)
        report.text(x - report.get_string_width(label) / 2, y + 1.1, label)
    _reset(report)
    report.set_xy(report.l_margin, top + side + 13)


def _reset(report) -> None:
    """Leave the page's pens as the text around a chart expects them."""
    report.set_line_width(0.2)
    report.set_draw_color(*INK)
    report.set_fill_color(255, 255, 255)
    report.set_text_color(*INK)
    report.set_font("DejaVu", "", 10)
