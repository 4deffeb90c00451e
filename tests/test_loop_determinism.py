"""The window loop steps the simulation exactly as the headless runner does.

The same level, seed and recorded inputs, played through the real loop (events,
fixed steps, the renderer drawing every frame) at a fake 30 FPS and a fake 144 FPS,
end in bit-identical worlds, equal to a headless run; a stall never runs more than
the allowed catch-up steps in one frame.
"""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import FakeClock  # noqa: E402

from game.app.loop import MAX_FRAME, MAX_STEPS_PER_FRAME, App, FixedTimestep  # noqa: E402
from game.app.scenes.play import PlayScene  # noqa: E402
from game.app.scenes.results import ResultsScene  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from game.headless import Recording, simulate  # noqa: E402
from game.levels import levels_dir, load_level  # noqa: E402
from game.sim import DT  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

SEED = 7
TIME_LIMIT = 4.0  # s: the short level ends by timeout, freezing the world


class ScriptedClock:
    """Frame times from a list (the first read is the loop starting), then 1/60 s."""

    def __init__(self, frames):
        self.frames = list(frames)
        self.now = 0.0

    def __call__(self) -> float:
        self.now += self.frames.pop(0) if self.frames else 1 / 60
        return self.now


def short_level(tmp_path: Path):
    """The Anomaly level, compressed: it surfaces at once and times out quickly."""
    text = (levels_dir() / "anomaly.toml").read_text(encoding="utf-8")
    for key, value in (("time_limit", TIME_LIMIT), ("emerge_delay", 0.2),
                       ("emerge_time", 0.8), ("melt_time", 1.0), ("motes", 1500),
                       ):
        text = re.sub(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text, count=1)
    path = tmp_path / "short.toml"
    path.write_text(text, encoding="utf-8")
    return load_level(path)


def recording() -> Recording:
    s = int(1 / DT)
    return Recording("short", SEED, [
        (0, frozenset({"thrust"})),
        (s // 2, frozenset({"thrust", "turn_left"})),
        (s, frozenset({"launch"})),
        (s + 1, frozenset()),
        (s + s // 3, frozenset({"reverse", "turn_right"})),
        (2 * s, frozenset({"dark", "polarity"})),
        (2 * s + 30, frozenset({"thrust"})),
        (3 * s, frozenset({"dark"})),
        (3 * s + 7, frozenset({"turn_left", "thrust"})),
    ])


@pytest.fixture
def display(tmp_path, monkeypatch):
    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


def play_through_loop(level, fps: float, record: Path | None = None):
    app = App(Settings(), clock=FakeClock(fps), fps_cap=None, vsync=False)
    play = PlayScene(app, level, seed=SEED, pilot=recording().pilot(), record=record)
    app.push(play)
    draws = {"n": 0}
    real_draw = play.draw

    def counting_draw(surface, alpha):
        draws["n"] += 1
        assert 0.0 <= alpha <= 1.0
        real_draw(surface, alpha)

    play.draw = counting_draw
    app.run(max_frames=int((TIME_LIMIT + 3) * fps),
            until=lambda: isinstance(app.stack.top, ResultsScene))
    app.close()
    assert play.world.outcome is not None, "the level did not end"
    return play.world, app.frames, draws["n"]


def test_frame_rate_does_not_change_the_run(display, tmp_path):
    level = short_level(tmp_path)
    saved = tmp_path / "run.json"
    w30, frames30, draws30 = play_through_loop(level, 30, record=saved)
    w144, frames144, draws144 = play_through_loop(level, 144)
    headless, summary = simulate(level, SEED, recording().pilot())

    # the loop really ran at two rates, drawing every frame in play
    steps = round(TIME_LIMIT / DT)
    assert w30.steps == w144.steps == headless.steps == steps
    assert frames30 < frames144
    assert draws30 >= TIME_LIMIT * 30 - 2 and draws144 >= TIME_LIMIT * 144 - 2
    # and the worlds are bit-identical
    assert w30.digest() == w144.digest() == headless.digest()
    assert summary.outcome == w30.outcome.result == "timeout"
    # the recording written at the end replays to the same world
    replay = Recording.load(saved)
    assert replay.seed == SEED
    assert [(at, set(c)) for at, c in replay.inputs] == \
        [(at, set(c)) for at, c in recording().inputs]
    again, _ = simulate(level, replay.seed, replay.pilot())
    assert again.digest() == w30.digest()


def test_inputs_that_differ_give_a_different_world(display, tmp_path):
    """The digest comparison above can fail: one changed command shows."""
    level = short_level(tmp_path)
    w, _, _ = play_through_loop(level, 60)
    rec = recording()
    rec.inputs[1] = (rec.inputs[1][0] + 1, rec.inputs[1][1])
    other, _ = simulate(level, SEED, rec.pilot())
    assert other.digest() != w.digest()


def test_a_stall_runs_no_more_than_the_catch_up_steps(display, tmp_path):
    level = short_level(tmp_path)
    app = App(Settings(), clock=ScriptedClock([1 / 60] * 11 + [2.0]), fps_cap=None,
              vsync=False)
    play = PlayScene(app, level, seed=SEED)
    app.push(play)
    app.running = True
    app.timer.start()
    per_frame = []
    for _ in range(14):
        before = play.world.steps
        ran = app.frame()
        per_frame.append(play.world.steps - before)
        assert ran == per_frame[-1]
    app.close()
    assert max(per_frame) == MAX_STEPS_PER_FRAME  # the 2 s frame, capped
    stall = per_frame.index(MAX_STEPS_PER_FRAME)
    assert stall == 10
    assert all(n <= 3 for n in per_frame[stall + 1:])  # the debt was dropped, no burst
    assert app.timer.dropped_steps == round(MAX_FRAME / DT) - MAX_STEPS_PER_FRAME


def test_fixed_timestep_arithmetic():
    t = FixedTimestep(FakeClock(30))
    t.start()
    total = sum(t.advance() for _ in range(30))
    assert total in (119, 120)  # one second of 30 FPS frames: 120 steps (float rounding)
    assert 0.0 <= t.alpha < 1.0
    t = FixedTimestep(FakeClock(144))
    t.start()
    counts = [t.advance() for _ in range(144)]
    assert set(counts) == {0, 1} and sum(counts) in (119, 120)
    alphas = []
    for _ in range(6):
        t.advance()
        alphas.append(t.alpha)
    assert len(set(round(a, 6) for a in alphas)) > 1  # alpha moves between steps


def test_frame_stats_give_the_pace_and_the_work_apart():
    from game.app.loop import FrameStats

    stats = FrameStats(frames=100)
    for k in range(100):
        stats.add(1 / 60 if k % 10 else 1 / 30, 0.004 if k % 20 else 0.012)
    assert round(stats.fps) == 60
    assert abs(stats.frame_ms(50) - 16.7) < 0.1 and abs(stats.frame_ms(95) - 33.3) < 0.1
    assert abs(stats.work_ms(50) - 4.0) < 1e-6 and abs(stats.work_ms(95) - 12.0) < 1e-6
    assert FrameStats().fps == 0.0  # nothing measured yet


def test_the_fps_overlay_draws(app):
    from game.app.scenes.title import TitleScene

    app.settings.show_fps = True
    app.push(TitleScene(app, demo=False))
    for _ in range(5):
        app.frame()
    assert app.frame_stats.work and app.fps > 0
