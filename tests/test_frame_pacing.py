"""Frame pacing of the window loop, on a simulated clock (no real time is measured).

A simulated 60 Hz display: presenting a frame waits for the next refresh (vsync), a
fixed step and a draw cost simulated time. The picture the player sees at each frame
is the world interpolated to `steps * DT - DT + alpha * DT`; it must advance with the
real clock, frame after frame, so motion is even. An expensive step delays one frame;
it must not leave a hitch pattern behind (frames that show no motion, or a run of
uneven ones), and a world too slow for real time is slowed down evenly, at most
`MAX_STEPS_PER_FRAME` steps a frame, never spiralling.
"""

from __future__ import annotations

import math
import random

import pytest

from game.app.loop import MAX_STEPS_PER_FRAME, App
from game.app.scenes.base import Scene
from game.sim import DT

REFRESH = 1.0 / 60.0


class SimClock:
    """Simulated time; presenting waits for the next refresh, then wakes `late` after it."""

    def __init__(self, refresh: float = REFRESH, late=lambda: 0.0) -> None:
        self.now = 0.0
        self.refresh = refresh
        self.late = late

    def __call__(self) -> float:
        return self.now

    def wait_for_refresh(self) -> None:
        self.now = math.floor(self.now / self.refresh + 1.0 - 1e-9) * self.refresh + self.late()


class CostlyScene(Scene):
    """Every step costs `step_cost` of simulated time (or `spike` for step `spike_at`)."""

    def __init__(self, app: App, clock: SimClock, step_cost: float, draw_cost: float = 0.004,
                 spike_at: int = -1, spike: float = 0.0):
        super().__init__(app)
        self.clock = clock
        self.step_cost, self.draw_cost = step_cost, draw_cost
        self.spike_at, self.spike = spike_at, spike
        self.steps = 0
        self.shown: list[tuple[float, float, int]] = []  # (frame start, picture time, steps)
        self._frame_steps = 0
        self._frame_start = 0.0

    def update(self, dt: float) -> None:
        self.clock.now += self.spike if self.steps == self.spike_at else self.step_cost
        self.steps += 1

    def draw(self, surface, alpha: float) -> None:
        picture = (self.steps - 1 + alpha) * DT
        self.shown.append((self.app.timer._last or 0.0, picture, self.app.timer_steps))
        self.clock.now += self.draw_cost


@pytest.fixture
def paced(request, tmp_path, monkeypatch):
    import pygame

    from game.app.settings import Settings

    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))
    pygame.display.init()
    pygame.font.init()
    clock = getattr(request, "param", None) or SimClock()
    app = App(Settings(), clock=clock, fps_cap=None, vsync=True)
    monkeypatch.setattr(app.window, "present", lambda surface: clock.wait_for_refresh())
    original = app.timer.advance

    def advance() -> int:  # remember each frame's step count for the scene's record
        app.timer_steps = original()
        return app.timer_steps

    monkeypatch.setattr(app.timer, "advance", advance)
    yield app, clock
    app.close()
    pygame.display.quit()


def run(app: App, scene: CostlyScene, frames: int) -> list[tuple[float, float, int]]:
    app.push(scene)
    app.running = True
    app.timer.start()
    for _ in range(frames):
        app.frame()
    return scene.shown


def even_motion(shown: list[tuple[float, float, int]], tolerance: float = 1e-6) -> bool:
    """The picture stays the same distance behind real time: motion as even as the frames."""
    lag = [start - picture for start, picture, _ in shown]
    return max(lag) - min(lag) < tolerance


def test_the_loop_presents_once_per_refresh_with_even_motion(paced):
    app, clock = paced
    shown = run(app, CostlyScene(app, clock, step_cost=0.001), 120)
    starts = [s for s, _, _ in shown[2:]]
    assert all(abs(b - a - REFRESH) < 1e-9 for a, b in zip(starts, starts[1:], strict=False))
    assert even_motion(shown[2:])
    steps = [n for _, _, n in shown[2:]]
    # two steps a frame, or 1 then 3 where the refresh falls on a step's boundary (the
    # interpolation hides which: the picture is the same)
    assert sum(steps) == 2 * len(steps) and max(steps) <= 3


def test_an_expensive_step_leaves_no_hitch_behind(paced):
    app, clock = paced
    shown = run(app, CostlyScene(app, clock, step_cost=0.001, spike_at=60, spike=0.045), 90)
    spike = next(k for k, (_, _, n) in enumerate(shown) if n > 3)
    # the picture keeps the same distance behind real time before and after the spike:
    # the lost time is caught up in the frame after it, nothing is dropped or repeated
    assert even_motion(shown[2:])
    steps = [n for _, _, n in shown]
    assert steps[spike] <= MAX_STEPS_PER_FRAME
    assert max(steps[spike + 1:]) <= 3 and sum(steps[spike + 1:]) == 2 * len(steps[spike + 1:])
    pictures = [p for _, p, _ in shown]
    assert all(b > a for a, b in zip(pictures, pictures[1:], strict=False))  # never a frozen frame


def test_a_world_slower_than_real_time_slows_down_evenly(paced):
    app, clock = paced
    shown = run(app, CostlyScene(app, clock, step_cost=0.011), 60)
    steps = [n for _, _, n in shown]
    assert max(steps) <= MAX_STEPS_PER_FRAME
    settled = steps[-20:]
    assert len(set(settled)) == 1  # one even pace, not an alternating pattern
    starts = [s for s, _, _ in shown[-20:]]
    gaps = {round(b - a, 9) for a, b in zip(starts, starts[1:], strict=False)}
    assert len(gaps) == 1


JITTER = random.Random(7)


@pytest.mark.parametrize("paced", [SimClock(late=lambda: JITTER.uniform(0.0, 0.001))], indirect=True)
def test_vsync_wake_up_jitter_moves_the_picture_with_real_time(paced):
    """The loop wakes up to a millisecond after each refresh: the picture follows the
    clock it read, so it is shown no more than that millisecond off the refresh."""
    app, clock = paced
    shown = run(app, CostlyScene(app, clock, step_cost=0.001), 240)
    assert even_motion(shown[2:])
    assert max(n for _, _, n in shown[2:]) <= 3


@pytest.mark.parametrize("paced", [SimClock(refresh=1 / 59.94)], indirect=True)
def test_a_display_slightly_off_60_hz_keeps_the_world_on_real_time(paced):
    app, clock = paced
    shown = run(app, CostlyScene(app, clock, step_cost=0.001), 600)
    assert even_motion(shown[2:])
    assert max(n for _, _, n in shown[2:]) <= 3


class PacedClock:
    """Simulated time for the pacer: reading it costs `tick`, sleeping overshoots by `over`."""

    def __init__(self, tick: float = 2e-5, over: float = 0.0):
        self.now = 0.0
        self.tick, self.over = tick, over
        self.slept = 0.0
        self.reads_awake = 0

    def __call__(self) -> float:
        self.now += self.tick
        self.reads_awake += 1
        return self.now

    def sleep(self, s: float) -> None:
        self.slept += s
        self.now += s + self.over


def paced_frames(clock: PacedClock, works: list[float], rate: float = 60.0) -> list[float]:
    """When each frame starts, with the pacer waiting between frames that take `works`."""
    from game.app.loop import FramePacer

    pacer = FramePacer(clock, clock.sleep)
    starts = []
    for work in works:
        starts.append(clock.now)
        clock.now += work
        pacer.wait(rate)
    return starts


@pytest.mark.parametrize("over", [0.0, 0.0004])
def test_the_pacer_holds_frames_to_the_display_rate_exactly(over):
    """Without vsync the loop waits out each frame itself: 600 frames at 60 Hz take 10 s,
    one period apart to within the clock's own tick (pygame's Clock.tick sleeps whole
    milliseconds: 16 ms a frame, 62.5 frames a second on a 60 Hz display), sleeping most of
    the wait and spending at most the pacer's spin awake, even where sleeping overshoots."""
    from game.app.loop import PACER_SPIN

    clock = PacedClock(over=over)
    rng = random.Random(3)
    starts = paced_frames(clock, [rng.uniform(0.003, 0.012) for _ in range(601)])
    gaps = [b - a for a, b in zip(starts[1:], starts[2:], strict=False)]
    assert starts[-1] - starts[1] == pytest.approx(599 * REFRESH, abs=1e-3)
    assert max(abs(g - REFRESH) for g in gaps) < 1e-4
    # the time neither working nor asleep is spent awake, reading the clock: at most the
    # spin a frame (less where the sleep overshoots into it)
    awake = clock.reads_awake * clock.tick / len(starts)
    assert awake < PACER_SPIN - over + 1e-4
    assert clock.slept > 0.3 * (starts[-1] - starts[0])  # mostly asleep while it waits


def test_a_late_frame_is_shown_at_once_and_the_frames_after_it_are_not_rushed():
    """A frame that takes three periods is followed at once by the next, then the frames
    go on one period apart from it: no run of short frames to make up the lost time."""
    clock = PacedClock()
    works = [0.005] * 10 + [0.05] + [0.005] * 10
    starts = paced_frames(clock, works)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps[10] == pytest.approx(0.05, abs=1e-3)  # the late frame: the next one at once
    assert all(g == pytest.approx(REFRESH, abs=1e-4) for g in gaps[11:])


def test_at_a_high_cap_the_pacer_spends_little_of_each_frame_awake():
    """Where vsync is asked for but a driver does not wait, the loop's cap (240 FPS) paces
    it: awake at most a small share of each frame there, not a whole millisecond of four."""
    from game.app.loop import PACER_SPIN_SHARE

    clock = PacedClock(tick=1e-6)
    starts = paced_frames(clock, [0.001] * 240, rate=240.0)
    assert starts[-1] - starts[1] == pytest.approx(238 / 240.0, abs=1e-4)
    awake = clock.reads_awake * clock.tick / len(starts)
    assert awake < PACER_SPIN_SHARE / 240.0 + 2e-5
    assert clock.slept > 0.5 * (starts[-1] - starts[0])  # the rest of the wait asleep
