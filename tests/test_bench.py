"""The benchmark's frames measure the game's frame: the layers it is split into, and
nothing a player's frame never pays (the autopilot's own thinking). No timing targets
here: those are the benchmark's own figures."""

import time

import game.pilots
from game.bench import bench_render
from game.levels import load_level

SLOW_PILOT_S = 0.05


def test_the_autopilots_thinking_is_kept_out_of_the_frame(monkeypatch):
    """A pilot that takes 50 ms a decision (two a frame) would make every frame over 100 ms
    if it were counted; it is reported beside the frame instead."""
    real = game.pilots.Autopilot

    class SlowPilot:
        def __init__(self, level):
            self.inner = real(level)
            self.slow = False

        def __call__(self, world):
            if self.slow:
                time.sleep(SLOW_PILOT_S)
            return self.inner(world)

    made: list[SlowPilot] = []

    def make(level):
        made.append(SlowPilot(level))
        return made[-1]

    monkeypatch.setattr(game.pilots, "Autopilot", make)
    level = load_level("ares_iv")
    # slow only in the measured frames (the warm-up flies a second and draws a few first)
    from game.app.render import WorldRenderer

    first_draw = WorldRenderer.draw

    def draw(self, *args, **kwargs):
        for pilot in made:  # slow from the first measured frame (the profile is on)
            pilot.slow = self.profile is not None
        return first_draw(self, *args, **kwargs)

    monkeypatch.setattr(WorldRenderer, "draw", draw)
    out = bench_render(level, 3, 1.0, inline=True)
    assert out["pilot_ms_median"] >= 2 * SLOW_PILOT_S * 1000.0
    assert out["frame_ms_median"] < out["pilot_ms_median"]
    assert out["profile"]["sim"]["median_ms"] < SLOW_PILOT_S * 1000.0
    # the frame is its layers: the sim and the draw's profile add up to it
    layers = sum(v["median_ms"] for v in out["profile"].values())
    assert 0.5 * out["frame_ms_median"] < layers < 2.0 * out["frame_ms_median"]


def test_each_row_reports_the_reference_frames_measured_beside_it():
    """The reference frame is measured between each row's frames; a row reports those of
    its own frames (not the run's so far), so a row run through a busy spell shows it."""
    from game.bench import ReferenceFrame

    reference = ReferenceFrame()
    reference.samples.extend([1.0] * 50)  # a busy spell before this row: not its own
    out = bench_render(load_level("ares_iv"), 4, 1.0, reference, inline=True)
    assert len(reference.samples) == 54
    own = sorted(reference.samples[50:])
    assert out["reference_ms_median"] is not None and out["reference_ms_median"] < 1000.0
    assert own[0] * 1000.0 - 0.01 <= out["reference_ms_median"] <= own[-1] * 1000.0 + 0.01
    assert out["reference_ms_p95"] >= out["reference_ms_median"]
    assert bench_render(load_level("ares_iv"), 2, 1.0, inline=True)["reference_ms_median"] is None
