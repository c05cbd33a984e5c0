"""Posters for the wall: one A3 landscape page per journey map or per persona.

Everything is on the one page. The type shrinks, step by step, until the whole poster fits;
when even the smallest readable size cannot hold it, the longest texts are shortened at a word
(and the poster says so: the full text is in the PDF summary).
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlite_utils

from . import empathy, journeys, personas, workshops
from .pdf import ACCENT, INK, MUTED, RULE, Report
from .text import ValidationError

MARGIN = 12.0
SIZES = (20, 18, 16, 15, 14, 13, 12, 11, 10, 9, 8)  # body type in pt, largest first
LINE_MM_PER_PT = 0.45  # line height in mm for each pt of type
PAD = 2.0
LABEL_WIDTH = 42.0
EMOTION_BAND = 30.0
LANE_FILL = (240, 246, 246)
SHORTENED_NOTE = "Some texts are shortened to fit one page: the PDF summary has them in full."


class Poster(Report):
    """One A3 landscape page with no page furniture and no automatic page breaks."""

    def __init__(self, title: str) -> None:
        super().__init__(title, page_format="A3", orientation="L")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self._widths: dict[tuple[str, str, float], float] = {}
        self.add_page()

    def footer(self) -> None:  # a poster is one page: no page numbers
        return

    def text_height(self, width: float, text: str, size: float, style: str = "") -> float:
        """The height ``text_box`` will take, worked out word by word (fpdf2's own dry run is
        too slow for the many trial layouts of a full poster)."""
        self.set_font("DejaVu", style, size)
        usable = width - 2 * self.c_margin
        space = self._width(" ", style, size)
        lines = 0
        for paragraph in text.split("\n"):
            lines += 1
            used = 0.0
            for word in paragraph.split(" "):
                extra = self._width(word, style, size)
                if used and used + space + extra > usable:
                    lines += 1
                    used = 0.0
                if extra > usable:  # a word longer than the line breaks between letters
                    used = 0.0
                    for letter in word:
                        width_of = self._width(letter, style, size)
                        if used + width_of > usable:
                            lines += 1
                            used = 0.0
                        used += width_of
                    continue
                used += (space if used else 0.0) + extra
        return lines * size * LINE_MM_PER_PT

    def _width(self, word: str, style: str, size: float) -> float:
        key = (word, style, size)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(word)
        return self._widths[key]

    def text_box(self, x: float, y: float, width: float, text: str, size: float,
                 style: str = "", colour: tuple[int, int, int] = INK) -> float:
        """Write wrapped text at (x, y); return its height."""
        self.set_font("DejaVu", style, size)
        self.set_text_color(*colour)
        self.set_xy(x, y)
        self.multi_cell(width, size * LINE_MM_PER_PT, text)
        self.set_text_color(*INK)
        return self.get_y() - y


def shorten(text: str, limit: int) -> str:
    """The text cut at a word before ``limit`` characters, with an ellipsis; whole if it fits."""
    if len(text) <= limit:
        return text
    head = text[:limit + 1]  # one more: a word that ends right at the limit is whole
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:.-") if " " in head else ""
    return (cut or text[:limit]) + "…"


@dataclass(frozen=True)
class Cut:
    """How far texts are shortened: each kept to ``chars``, a cell to its first ``items``."""
    chars: int
    items: int | None = None

    def apply(self, texts: Sequence[str]) -> list[str]:
        kept = [shorten(text, self.chars) for text in texts[:self.items]]
        if self.items is not None and len(texts) > self.items:
            kept.append(f"+ {len(texts) - self.items} more")
        return kept


CUTS = (Cut(800), Cut(500), Cut(300), Cut(200), Cut(150), Cut(150, 8), Cut(110, 6),
        Cut(80, 5), Cut(60, 4), Cut(45, 3), Cut(35, 2), Cut(25, 1))  # mildest first


def _cut(texts: Sequence[str], cut: Cut | None) -> list[str]:
    return list(texts) if cut is None else cut.apply(texts)


def _first_fitting(count: int, fits: Callable[[int], bool]) -> int | None:
    """The first index in 0..count-1 that fits, given that fitting holds from some index on."""
    low, high, found = 0, count - 1, None
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            found, high = middle, middle - 1
        else:
            low = middle + 1
    return found


def _fit(layout: Callable[[float, Cut | None], float], room: float) -> tuple[float, Cut | None]:
    """The largest type size (then the mildest cut) whose layout height fits ``room``."""
    size = _first_fitting(len(SIZES), lambda i: layout(SIZES[i], None) <= room)
    if size is not None:
        return SIZES[size], None
    cut = _first_fitting(len(CUTS), lambda i: layout(SIZES[-1], CUTS[i]) <= room)
    return SIZES[-1], CUTS[-1 if cut is None else cut]


def _header(poster: Poster, title: str, subtitle: str) -> float:
    """Title and subtitle across the top, an accent rule under them; returns the y below."""
    poster.set_fill_color(*ACCENT)
    poster.rect(MARGIN, MARGIN, poster.epw, 2.5, style="F")
    y = MARGIN + 5
    y += poster.text_box(MARGIN, y, poster.epw, title, 26, "B", ACCENT)
    y += poster.text_box(MARGIN, y + 1, poster.epw, subtitle, 12, "", MUTED) + 4
    return y


def _footer(poster: Poster, workshop: workshops.Workshop, today: dt.date,
            shortened: bool) -> float:
    """The small print at the foot of the page; returns its top."""
    text = f"{workshop.title} · CX Strategy Workshop · printed {today:%d %B %Y}"
    if shortened:
        text = f"{SHORTENED_NOTE}   {text}"
    top = poster.h - MARGIN - 5
    poster.text_box(MARGIN, top, poster.epw, text, 8, "", MUTED)
    return top


def _subtitle(workshop: workshops.Workshop, *parts: str) -> str:
    return " · ".join(p for p in (*parts, workshop.organisation or workshop.title) if p)


def _output(poster: Poster) -> bytes:
    if poster.page != 1:  # a layout bug, never the user's doing
        raise RuntimeError("a poster must be one page")
    return bytes(poster.output())


# ---- the journey map poster

def _entry_line(entry: journeys.Entry) -> str:
    links = [label for flag, label in ((entry.in_whys, "5 Whys"),
                                       (entry.in_brainstorm, "brainstorm")) if flag]
    return f"• {entry.text}" + (f"  → {', '.join(links)}" if links else "")


def _cell(entries: Sequence[journeys.Entry], cut: Cut | None) -> str:
    return "\n".join(_cut([_entry_line(e) for e in entries], cut))


def _label_size(size: float) -> float:
    """Lane names in their narrow column: never so large that "Opportunities" breaks."""
    return min(size, 13)


@dataclass(frozen=True)
class _Grid:
    stages: tuple[journeys.Stage, ...]
    lanes: tuple[str, ...]
    column: float  # width of one stage column

    def header_height(self, poster: Poster, size: float) -> float:
        return max(poster.text_height(self.column - 2 * PAD, s.name, size + 1, "B")
                   for s in self.stages) + 2 * PAD

    def row_height(self, poster: Poster, lane: str, size: float, cut: Cut | None) -> float:
        label = poster.text_height(LABEL_WIDTH - 2 * PAD, journeys.LANE_LABELS[lane],
                                   _label_size(size), "B")
        cells = [poster.text_height(self.column - 2 * PAD, _cell(s.cell(lane), cut), size)
                 for s in self.stages if s.cell(lane)]
        return max([label, *cells]) + 2 * PAD

    def height(self, poster: Poster, size: float, cut: Cut | None) -> float:
        visibility = 7 if self._splits() else 0
        return (self.header_height(poster, size) + visibility
                + sum(self.row_height(poster, lane, size, cut) for lane in self.lanes))

    def _splits(self) -> bool:
        return (any(lane in journeys.CUSTOMER_LANES for lane in self.lanes)
                and any(lane in journeys.ORGANISATION_LANES for lane in self.lanes))

    def draw(self, poster: Poster, top: float, size: float, cut: Cut | None) -> float:
        y = top
        height = self.header_height(poster, size)
        poster.set_fill_color(*ACCENT)
        for index, stage in enumerate(self.stages):
            x = MARGIN + LABEL_WIDTH + index * self.column
            poster.rect(x + 0.6, y, self.column - 1.2, height, style="F")
            poster.text_box(x + PAD, y + PAD, self.column - 2 * PAD, stage.name, size + 1, "B",
                            (255, 255, 255))
        y += height
        previous = None
        for lane in self.lanes:
            if previous in journeys.CUSTOMER_LANES and lane in journeys.ORGANISATION_LANES:
                y = self._visibility_line(poster, y)
            y = self._row(poster, lane, y, size, cut)
            previous = lane
        return y

    def _visibility_line(self, poster: Poster, y: float) -> float:
        poster.set_draw_color(*MUTED)
        poster.set_dash_pattern(dash=2, gap=1.5)
        poster.line(MARGIN, y + 3.5, poster.w - MARGIN, y + 3.5)
        poster.set_dash_pattern()
        poster.set_fill_color(255, 255, 255)
        poster.set_font("DejaVu", "B", 8)
        label = "LINE OF VISIBILITY: the customer sees what is above it"
        width = poster.get_string_width(label) + 4
        poster.rect(MARGIN + LABEL_WIDTH, y + 1.5, width, 4, style="F")
        poster.text_box(MARGIN + LABEL_WIDTH + 2, y + 1.7, width, label, 8, "B", MUTED)
        return y + 7

    def _row(self, poster: Poster, lane: str, y: float, size: float,
             cut: Cut | None) -> float:
        height = self.row_height(poster, lane, size, cut)
        poster.set_fill_color(*LANE_FILL)
        poster.rect(MARGIN, y, LABEL_WIDTH, height, style="F")
        poster.text_box(MARGIN + PAD, y + PAD, LABEL_WIDTH - 2 * PAD,
                        journeys.LANE_LABELS[lane], _label_size(size), "B", ACCENT)
        for index, stage in enumerate(self.stages):
            x = MARGIN + LABEL_WIDTH + index * self.column
            poster.text_box(x + PAD, y + PAD, self.column - 2 * PAD,
                            _cell(stage.cell(lane), cut), size)
        poster.set_draw_color(*RULE)
        poster.line(MARGIN, y + height, poster.w - MARGIN, y + height)
        return y + height


def _emotion_band(poster: Poster, grid: _Grid, top: float) -> float:
    """The emotion curve over the stage columns: a point per scored stage, its word under it."""
    poster.set_fill_color(*LANE_FILL)
    poster.rect(MARGIN, top, LABEL_WIDTH, EMOTION_BAND, style="F")
    poster.text_box(MARGIN + PAD, top + PAD, LABEL_WIDTH - 2 * PAD, "Emotion", 11, "B", ACCENT)
    poster.set_draw_color(*RULE)
    middle = top + EMOTION_BAND / 2 - 2
    poster.line(MARGIN + LABEL_WIDTH, middle, poster.w - MARGIN, middle)
    points = []
    for index, stage in enumerate(grid.stages):
        if stage.emotion is None:
            points.append(None)
            continue
        x = MARGIN + LABEL_WIDTH + (index + 0.5) * grid.column
        points.append((x, middle - stage.emotion * (EMOTION_BAND / 2 - 6) / 2))
    poster.set_draw_color(*ACCENT)
    poster.set_line_width(0.8)
    for first, second in zip(points, points[1:]):
        if first and second:
            poster.line(*first, *second)
    poster.set_line_width(0.2)
    poster.set_fill_color(*ACCENT)
    for stage, point in zip(grid.stages, points):
        if point:
            poster.circle(point[0], point[1], 1.8, style="F")
            word = journeys.EMOTIONS[stage.emotion]
            poster.set_font("DejaVu", "", 9)
            half = poster.get_string_width(word) / 2
            poster.text_box(point[0] - half - 1, top + EMOTION_BAND - 6, 2 * half + 3, word, 9,
                            "", MUTED)
    return top + EMOTION_BAND + 2


def journey_poster(db: sqlite_utils.Database, workshop_id: int, journey_id: int,
                   today: dt.date | None = None) -> bytes:
    """One journey map on one A3 landscape page: a column per stage, a row per lane in use."""
    workshop = workshops.get(db, workshop_id)
    journey = journeys.get_journey(db, workshop_id, journey_id)
    poster = Poster(journey.label)
    top = _header(poster, journey.label, _subtitle(workshop, "Journey map (the 5 A's)"))
    stages = journey.stages
    lanes = tuple(lane for lane in journeys.LANES if any(s.cell(lane) for s in stages))
    if not stages:
        poster.text_box(MARGIN, top, poster.epw, "This journey has no stages yet.", 14, "",
                        MUTED)
        _footer(poster, workshop, today or dt.date.today(), False)
        return _output(poster)
    grid = _Grid(stages, lanes, (poster.epw - LABEL_WIDTH) / len(stages))
    if any(s.emotion is not None for s in stages):
        top = _emotion_band(poster, grid, top)
    room = poster.h - MARGIN - 7 - top
    size, cut = _fit(lambda s, n: grid.height(poster, s, n), room)
    grid.draw(poster, top, size, cut)
    _footer(poster, workshop, today or dt.date.today(), cut is not None)
    return _output(poster)


# ---- the persona poster

PICTURE_MM = 100.0
SIDE_WIDTH = PICTURE_MM + 8
GUTTER = 8.0


@dataclass(frozen=True)
class _Box:
    heading: str
    items: tuple[str, ...]
    bullets: bool = False

    def height(self, poster: Poster, width: float, size: float, cut: Cut | None) -> float:
        return (poster.text_height(width, self.heading, size + 1, "B") + 1
                + poster.text_height(width, self._body(cut), size) + GUTTER / 2)

    def draw(self, poster: Poster, x: float, y: float, width: float, size: float,
             cut: Cut | None) -> float:
        y += poster.text_box(x, y, width, self.heading, size + 1, "B", ACCENT) + 1
        y += poster.text_box(x, y, width, self._body(cut), size)
        return y + GUTTER / 2

    def _body(self, cut: Cut | None) -> str:
        if not self.items:
            return "—"
        if cut is not None and not self.bullets:  # one long text: it keeps more than an entry
            cut = Cut(cut.chars * 2)
        prefix = "• " if self.bullets else ""
        return "\n".join(_cut([prefix + text for text in self.items], cut))


def _columns(poster: Poster, boxes: list[_Box], width: float, size: float,
             cut: Cut | None) -> list[list[_Box]]:
    """Boxes in two columns, each box going to the shorter column (in order)."""
    columns: list[list[_Box]] = [[], []]
    heights = [0.0, 0.0]
    for box in boxes:
        shorter = heights.index(min(heights))
        columns[shorter].append(box)
        heights[shorter] += box.height(poster, width, size, cut)
    return columns


def _persona_layout(poster: Poster, fields: list[_Box], notes: list[_Box], width: float,
                    size: float, cut: Cut | None) -> float:
    column = (width - GUTTER) / 2
    height = max((sum(b.height(poster, column, size, cut) for b in c)
                  for c in _columns(poster, fields, column, size, cut)), default=0)
    if notes:
        heading = poster.text_height(width, "Empathy map", size + 4, "B")
        height += 6 + heading + sum(max(b.height(poster, column, size, cut) for b in pair)
                                    for pair in (notes[:2], notes[2:]))
    return height


def _draw_persona(poster: Poster, fields: list[_Box], notes: list[_Box], x: float, top: float,
                  width: float, size: float, cut: Cut | None) -> None:
    column = (width - GUTTER) / 2
    bottom = top
    for index, boxes in enumerate(_columns(poster, fields, column, size, cut)):
        y = top
        for box in boxes:
            y = box.draw(poster, x + index * (column + GUTTER), y, column, size, cut)
        bottom = max(bottom, y)
    if not notes:
        return
    y = bottom + 2
    poster.set_draw_color(*RULE)
    poster.line(x, y, x + width, y)
    y += 2 + poster.text_box(x, y + 2, width, "Empathy map", size + 4, "B", INK) + 2
    for pair in (notes[:2], notes[2:]):
        row = max(b.height(poster, column, size, cut) for b in pair)
        for index, box in enumerate(pair):
            box.draw(poster, x + index * (column + GUTTER), y, column, size, cut)
        y += row


def persona_poster(db: sqlite_utils.Database, workshop_id: int, persona_id: int,
                   today: dt.date | None = None) -> bytes:
    """A persona on one A3 landscape page: picture and who they are, what they need, and their
    empathy map (think, feel, say, do) when it has notes."""
    workshop = workshops.get(db, workshop_id)
    persona = personas.get_persona(db, workshop_id, persona_id)
    poster = Poster(persona.name)
    top = _header(poster, persona.name, _subtitle(workshop, "Persona", persona.segment))
    poster.image(io.BytesIO(personas.picture(persona)), x=MARGIN, y=top, w=PICTURE_MM)
    fields = [_Box(label, (text,)) for label, text in persona.filled()]
    board = empathy.board(db, workshop_id, persona_id)
    notes = ([_Box(empathy.LABELS[q], tuple(n.text for n in board[q]), bullets=True)
              for q in empathy.QUADRANTS] if any(board.values()) else [])
    if not fields and not notes:
        fields = [_Box("Nothing written yet", ("Fill in the persona's needs, pain points and "
                                               "quotes on the Personas step.",))]
    x = MARGIN + SIDE_WIDTH
    width = poster.w - MARGIN - x
    room = poster.h - MARGIN - 7 - top
    size, cut = _fit(lambda s, n: _persona_layout(poster, fields, notes, width, s, n), room)
    _draw_persona(poster, fields, notes, x, top, width, size, cut)
    _footer(poster, workshop, today or dt.date.today(), cut is not None)
    return _output(poster)


# ---- choosing what to print (the CLI names journeys and personas by their number)

def journey_by_number(db: sqlite_utils.Database, workshop_id: int, number: int) -> int:
    """The id of the workshop's ``number``-th journey (1-based, in the order pages show them)."""
    found = journeys.list_journeys(db, workshop_id)
    return _pick([(j.id, j.label) for j in found], number, "journey")


def persona_by_number(db: sqlite_utils.Database, workshop_id: int, number: int) -> int:
    found = personas.list_personas(db, workshop_id)
    return _pick([(p.id, p.name) for p in found], number, "persona")


def _pick(choices: list[tuple[int, str]], number: int, noun: str) -> int:
    if 1 <= number <= len(choices):
        return choices[number - 1][0]
    if not choices:
        raise ValidationError(f"This workshop has no {noun} yet.")
    listing = "; ".join(f"{i}: {label}" for i, (_, label) in enumerate(choices, start=1))
    raise ValidationError(f"There is no {noun} {number}. Choose one of {listing}.")
