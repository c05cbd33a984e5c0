"""The workshop countdown timer as plain data: it runs on wall-clock time, so it keeps going
while people switch pages, and pausing keeps what was left."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

MIN_MINUTES, MAX_MINUTES = 1, 60
AMBER_AT, RED_AT = 0.20, 0.05


@dataclass(frozen=True)
class Timer:
    duration: float = 5 * 60          # seconds
    remaining_when_paused: float | None = None
    ends_at: float | None = None      # epoch seconds while running

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def remaining(self, now: float) -> float:
        if self.ends_at is not None:
            return max(0.0, self.ends_at - now)
        return self.duration if self.remaining_when_paused is None else self.remaining_when_paused

    def start(self, now: float) -> "Timer":
        if self.running:
            return self
        left = self.remaining(now) or self.duration
        return replace(self, ends_at=now + left, remaining_when_paused=None)

    def pause(self, now: float) -> "Timer":
        if not self.running:
            return self
        return replace(self, ends_at=None, remaining_when_paused=self.remaining(now))

    def reset(self, minutes: float | None = None) -> "Timer":
        minutes = self.duration / 60 if minutes is None else minutes
        minutes = min(MAX_MINUTES, max(MIN_MINUTES, minutes))
        return Timer(duration=minutes * 60)

    def level(self, now: float) -> str:
        """'normal', 'amber' at 20% left, 'red' at 5% left, 'done' at zero."""
        left = self.remaining(now)
        if left <= 0:
            return "done"
        share = left / self.duration
        if share <= RED_AT:
            return "red"
        if share <= AMBER_AT:
            return "amber"
        return "normal"


def mmss(seconds: float) -> str:
    whole = math.ceil(max(0.0, seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"
