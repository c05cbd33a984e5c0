"""The countdown timer: wall-clock based, so it survives page switches; amber and red near the end."""
from __future__ import annotations

import pytest

from cxcore.timer import Timer, mmss

FIVE_MINUTES = Timer(duration=300)


def test_a_new_timer_shows_its_whole_duration_and_is_not_running():
    assert (FIVE_MINUTES.running, FIVE_MINUTES.remaining(now=1000.0)) == (False, 300)


def test_a_started_timer_counts_down_on_the_wall_clock():
    timer = FIVE_MINUTES.start(now=1000.0)
    assert (timer.running, timer.remaining(now=1060.0), timer.remaining(now=2000.0)) == (
        True, 240.0, 0.0)


def test_pausing_keeps_what_was_left_and_starting_again_continues_from_there():
    paused = FIVE_MINUTES.start(now=1000.0).pause(now=1100.0)
    assert (paused.running, paused.remaining(now=5000.0)) == (False, 200.0)
    resumed = paused.start(now=5000.0)
    assert resumed.remaining(now=5050.0) == 150.0


def test_starting_a_finished_timer_runs_it_again_from_the_top():
    finished = FIVE_MINUTES.start(now=0.0).pause(now=400.0)
    assert finished.remaining(now=400.0) == 0
    assert finished.start(now=500.0).remaining(now=500.0) == 300


@pytest.mark.parametrize("minutes, seconds", [(10, 600), (0, 60), (-5, 60), (60, 3600),
                                              (90, 3600), (None, 300)])
def test_reset_sets_a_duration_between_one_and_sixty_minutes(minutes, seconds):
    assert FIVE_MINUTES.start(now=0.0).reset(minutes) == Timer(duration=seconds)


@pytest.mark.parametrize("left, level", [
    (300, "normal"), (61, "normal"), (60, "amber"), (16, "amber"), (15, "red"), (1, "red"),
    (0, "done")])
def test_the_colour_turns_amber_at_twenty_percent_left_and_red_at_five(left, level):
    timer = FIVE_MINUTES.start(now=0.0)
    assert timer.level(now=300 - left) == level


@pytest.mark.parametrize("seconds, text", [(300, "05:00"), (59.2, "01:00"), (59.0, "00:59"),
                                           (0.4, "00:01"), (0, "00:00"), (-3, "00:00"),
                                           (3600, "60:00")])
def test_mmss_rounds_up_so_the_clock_reaches_zero_only_at_the_end(seconds, text):
    assert mmss(seconds) == text


def test_the_chime_is_a_one_second_mono_wav_that_starts_loud_and_fades():
    import io
    import wave

    from cxcore import chime

    with wave.open(io.BytesIO(chime.wav_bytes())) as sound:
        shape = (sound.getnchannels(), sound.getsampwidth(), sound.getframerate(),
                 sound.getnframes())
        frames = sound.readframes(sound.getnframes())
    assert shape == (1, 2, chime.RATE, int(chime.RATE * 0.35) + int(chime.RATE * 0.65))
    samples = [int.from_bytes(frames[i:i + 2], "little", signed=True)
               for i in range(0, len(frames), 2)]
    first, last = max(map(abs, samples[:2000])), max(map(abs, samples[-2000:]))
    assert first > 10_000 and last < first / 10
