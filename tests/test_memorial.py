"""The epilogue: the run's record, the recovered logs, the burial, the answer; its keys;
the results screen leading to it; and its screenshot from the command line."""

import subprocess
import sys

import numpy as np
import pygame
import pytest

from game.app.scenes.burial import LAUNCH_AT, Burial
from game.app.scenes.memorial import (
    ANSWER_HEADLINE,
    NO_LOGS,
    PAGES,
    MemorialScene,
    recovered_logs,
)
from game.levels import LevelError, load_campaign, load_level
from game.progress import CampaignRun, LevelResult

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def salvage_logs():
    try:
        return load_level("salvage").config.logs
    except LevelError:
        pytest.fail("levels/salvage.toml should load: the memorial reads the pilot's logs from it")


def sample_run(logs: list[int]) -> CampaignRun:
    levels = [
        LevelResult(level="anomaly", seed=1, outcome="won", sim_time_s=141.3, score=4820, hull=72,
                    telemetry=100),
        LevelResult(level="eye_of_the_storm", seed=1, outcome="won", sim_time_s=203.9, score=6210,
                    hull=55, samples=7, attempts=2),
        LevelResult(level="salvage", seed=1, outcome="won", sim_time_s=174.0, score=5300, hull=12,
                    logs=logs),
    ]
    return CampaignRun(levels=levels, logs=sorted(logs), complete=True)


def render(scene, alpha: float = 1.0) -> pygame.Surface:
    surface = pygame.Surface((1280, 720))
    surface.fill((0, 0, 0))
    scene.draw(surface, alpha)
    return surface


def lit(surface: pygame.Surface) -> int:
    return int(np.count_nonzero(pygame.surfarray.array3d(surface).max(axis=2) > 40))


def key(app, k: int) -> None:
    app.handle_event(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    app.handle_event(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))


def test_memorial_tells_the_run_the_logs_and_the_answer(app):
    logs = salvage_logs()
    last = len(logs) - 1
    scene = MemorialScene(app, sample_run([last]))
    # (a) the record: one row per level played, with the total
    assert [r.title for r in scene.rows] == ["Anomaly", "Eye of the Storm", "Salvage"]
    assert scene.rows[1].outcome == "Complete (2 tries)" and scene.rows[1].samples == "7"
    assert scene.rows[0].time == "2:21.3" and scene.rows[0].data == "100 %"
    assert scene.total.score == "16,330" and scene.total.samples == "7"
    # (b) the recovered log, in the level file's words
    assert scene.logs == [(logs[last].title, logs[last].text)]
    # (d) the answer to his question
    text = " ".join(scene.texts())
    assert "New York Yankees" in text and "2032 World Series, in six games" in text
    assert ANSWER_HEADLINE == "THE NEW YORK YANKEES"
    # one frame of each page, on the dummy driver
    for i, name in enumerate(PAGES):
        scene.page, scene.t = i, 40.0
        assert scene.page_name == name
        assert lit(render(scene)) > 3000, f"page {name} drew almost nothing"


def test_no_logs_recovered_says_so():
    run = sample_run([])
    assert recovered_logs(run) == []
    assert recovered_logs(CampaignRun()) == []


def test_no_logs_page_and_an_empty_record(app):
    scene = MemorialScene(app, CampaignRun())
    assert scene.logs == [] and NO_LOGS in scene.texts()
    order = load_campaign().order
    assert [r.outcome for r in scene.rows] == ["Not played"] * len(order)
    scene.page, scene.t = 1, 5.0
    assert lit(render(scene)) > 2000


def test_a_log_index_out_of_range_or_a_missing_level_shows_nothing():
    run = CampaignRun(levels=[LevelResult(level="salvage", outcome="won", logs=[999]),
                              LevelResult(level="no_such_level", outcome="won", logs=[0])])
    assert recovered_logs(run) == []


def test_pages_turn_and_escape_returns_to_the_title(app):
    from game.app.scenes.title import TitleScene

    app.push(MemorialScene(app, sample_run([0])))
    scene = app.stack.top
    key(app, pygame.K_RETURN)
    assert scene.page_name == "logs"
    key(app, pygame.K_SPACE)
    assert scene.page_name == "burial" and scene.t == 0.0
    key(app, pygame.K_LEFT)
    assert scene.page_name == "logs"
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RETURN)
    assert scene.page_name == "answer"
    key(app, pygame.K_RETURN)  # past the last page: the title
    assert isinstance(app.stack.top, TitleScene)
    app.replace(MemorialScene(app, sample_run([0])))
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, TitleScene) and len(app.stack) == 1


def test_the_casket_drifts_away_and_shrinks():
    burial = Burial((1280, 720))
    assert burial.casket(LAUNCH_AT - 0.5) is None  # still aboard
    bx, by = burial.bay
    tx, ty = burial.target
    states = [burial.casket(LAUNCH_AT + s) for s in (0.5, 4.0, 10.0, 20.0, 40.0)]
    from_bay = [np.hypot(x - bx, y - by) for x, y, *_ in states]
    to_star = [np.hypot(x - tx, y - ty) for x, y, *_ in states]
    sizes = [length for _, _, length, _, _ in states]
    assert from_bay == sorted(from_bay) and to_star == sorted(to_star, reverse=True)
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] < sizes[0] / 3
    # slow and dignified: never faster than 80 px/s
    step = [burial.casket(LAUNCH_AT + s / 10) for s in range(0, 400)]
    speeds = [np.hypot(b[0] - a[0], b[1] - a[1]) * 10 for a, b in zip(step, step[1:], strict=False)]
    assert max(speeds) < 80.0


def test_reduce_motion_shows_the_page_at_once_and_nothing_blinks(app):
    def still_frames_differ(scene) -> int:
        """Pixels that change between two moments before the launch, when nothing should move."""
        scene.page, scene.t = 2, LAUNCH_AT - 1.5
        a = pygame.surfarray.array3d(render(scene))
        scene.t = LAUNCH_AT - 0.2
        b = pygame.surfarray.array3d(render(scene))
        return int(np.count_nonzero(np.any(a != b, axis=2)))

    moving = MemorialScene(app, sample_run([0]))
    assert moving.fade() == 0.0  # pages fade in ...
    assert still_frames_differ(moving) > 0  # ... and the stars twinkle, the lights blink
    app.settings.reduce_motion = True
    calm = MemorialScene(app, sample_run([0]))
    assert calm.fade() == 1.0 and calm.burial.reduce_motion
    assert still_frames_differ(calm) == 0


def test_results_continue_to_the_memorial(app):
    from game.app.scenes.results import ResultsScene
    from game.sim import new_world
    from game.sim.world import Outcome

    level = load_level(load_campaign().start)
    world = new_world(level, 3)
    world.outcome = Outcome("won", "done")
    app.push(ResultsScene(app, level, world))
    results = app.stack.top
    results.next = "memorial"
    results.choose("continue")
    assert isinstance(app.stack.top, MemorialScene)


def test_screenshot_renders_the_memorial_and_the_level_select(tmp_path):
    for scene, extra in (("memorial", ["--page", "2", "--time", "9"]), ("levels", [])):
        out = tmp_path / f"{scene}.png"
        cmd = [sys.executable, "-m", "game", "screenshot", "--scene", scene, "--out", str(out), *extra]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        image = pygame.image.load(str(out))
        assert image.get_size() == (1280, 720) and lit(image) > 3000


def test_screenshot_of_a_level_still_needs_level_and_time(tmp_path, capsys):
    from game.cli import main

    assert main(["screenshot", "--out", str(tmp_path / "x.png")]) == 2
    assert "--level and --time" in capsys.readouterr().err
