"""The timer's chime: a short two-note bell made here as a WAV file (no sound file, no network)."""
from __future__ import annotations

import io
import math
import struct
import wave

RATE = 22_050
NOTES = ((880.0, 0.35), (1318.5, 0.65))  # A5 then E6, seconds each


def _note(frequency: float, seconds: float) -> list[int]:
    count = int(RATE * seconds)
    return [int(0.5 * 32767 * math.exp(-4.0 * i / count)          # a bell's fading strike
                * math.sin(2 * math.pi * frequency * i / RATE)) for i in range(count)]


def wav_bytes() -> bytes:
    """16-bit mono PCM WAV, about one second long."""
    samples = [s for frequency, seconds in NOTES for s in _note(frequency, seconds)]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()
