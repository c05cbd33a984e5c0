"""Where to draw several markers that share one spot on a chart, so that none hides another."""
from __future__ import annotations

# Unit offsets: first the two diagonals (two markers sit corner to corner), then the axes.
PATTERN = ((-1, 1), (1, -1), (-1, -1), (1, 1), (0, 1.4), (0, -1.4), (-1.4, 0), (1.4, 0))


def around(index: int, count: int, step: float) -> tuple[float, float]:
    """The offset of marker ``index`` of ``count`` on one spot; a lone marker stays on it.
    More than eight markers go round the pattern again, one step further out."""
    if count == 1:
        return 0.0, 0.0
    dx, dy = PATTERN[index % len(PATTERN)]
    scale = step * (1 + index // len(PATTERN))
    return round(dx * scale, 4), round(dy * scale, 4)
