"""Replays in the window: a run played through the real PlayScene with key presses is
recorded (with `play --record FILE` and with F8), the file reproduces the run exactly
headless, and the title's Replays list plays it back read-only."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import cli  # noqa: E402
from game.app.loop import App  # noqa: E402
from game.app.scenes.briefing import BriefingScene, open_level  # noqa: E402
from game.app.scenes.pause import PauseScene  # noqa: E402
from game.app.scenes.play import PlayScene, replays_dir  # noqa: E402
from game.app.scenes.results import ResultsScene  # noqa: E402
from game.app.scenes.title import TitleScene  # noqa: E402
from game.headless import Recording, simulate  # noqa: E402
from game.levels import levels_dir, load_level  # noqa: E402
from game.run import Run  # noqa: E402
from game.sim import new_world  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

TIME_LIMIT = 4.0


@pytest.fixture
def app(app):
    """The shared App, with its frame timer already running."""
    app.timer.start()
    return app


@pytest.fixture
def short(tmp_path) -> Path:
    """The Anomaly level, compressed so a run ends (by timeout) in four seconds."""
    text = (levels_dir() / "anomaly.toml").read_text(encoding="utf-8")
    for key, value in (("time_limit", TIME_LIMIT), ("emerge_delay", 0.2), ("emerge_time", 0.8),
                       ("melt_time", 1.0), ("motes", 1500)):
        text = re.sub(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text, count=1)
    path = tmp_path / "short.toml"
    path.write_text(text, encoding="utf-8")
    return path


def down(app: App, k: int) -> None:
    app.handle_event(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))


def up(app: App, k: int) -> None:
    app.handle_event(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))


def tap(app: App, k: int) -> None:
    down(app, k)
    up(app, k)  # released before the next step: the tap must still reach the sim


# frame -> key events: thrust, a turn, a probe launch (a tap), dark (a toggle), retro
SCRIPT = {
    2: [(down, pygame.K_UP)],
    20: [(down, pygame.K_LEFT)],
    35: [(up, pygame.K_LEFT)],
    50: [(tap, pygame.K_SPACE)],
    70: [(up, pygame.K_UP), (down, pygame.K_DOWN)],
    90: [(tap, pygame.K_q)],
    110: [(up, pygame.K_DOWN), (down, pygame.K_RIGHT), (down, pygame.K_UP)],
    150: [(tap, pygame.K_q)],
    175: [(up, pygame.K_RIGHT)],
}


def play_script(app: App, play: PlayScene, frames: int, extra: dict | None = None) -> None:
    script = dict(SCRIPT)
    for k, v in (extra or {}).items():
        script[k] = script.get(k, []) + v
    for n in range(frames):
        for action, key in script.get(n, []):
            action(app, key)
        app.frame()
        if app.stack.top is not play:
            return


def test_play_record_writes_the_run_and_simulate_reproduces_it(app, short, tmp_path, capsys):
    record = tmp_path / "run.json"
    app.record = record  # what `one-small-step play --record FILE` sets
    app.push(open_level(app, str(short)))
    assert isinstance(app.stack.top, BriefingScene)
    tap(app, pygame.K_RETURN)
    play = app.stack.top
    assert isinstance(play, PlayScene) and play.record == record
    play_script(app, play, 600)
    assert play.world.outcome is not None
    for _ in range(200):
        if isinstance(app.stack.top, ResultsScene):
            break
        app.frame()
    assert isinstance(app.stack.top, ResultsScene)
    recording = Recording.load(record)
    assert recording.level == str(short) and recording.seed == play.world.seed
    held = [c for _, c in recording.inputs]
    assert frozenset({"launch"}) <= frozenset().union(*held)
    assert any("dark" in c for c in held) and any("turn_left" in c for c in held)
    world, summary = simulate(load_level(recording.level), recording.seed, recording.pilot())
    assert world.digest() == play.world.digest()
    assert summary.steps == play.world.steps
    # the command line says the same
    assert cli.main(["simulate", "--inputs", str(record), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["steps"] == play.world.steps and out["score"] == play.world.score


def test_quitting_to_the_title_writes_the_recording(app, short, tmp_path):
    record = tmp_path / "quit.json"
    play = PlayScene(app, load_level(short), name=str(short), seed=4, record=record)
    app.push(play)
    play_script(app, play, 80)
    assert not record.exists()
    steps = play.world.steps
    tap(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, PauseScene)
    tap(app, pygame.K_UP)
    tap(app, pygame.K_RETURN)  # quit to title
    assert isinstance(app.stack.top, TitleScene)
    recording = Recording.load(record)
    # down was held at the quit: the recording lets go there
    assert recording.inputs[-1] == (steps, frozenset())
    world = new_world(load_level(short), recording.seed)
    Run(world, recording.pilot()).run(steps)
    assert world.digest() == play.world.digest()


def test_f8_records_a_replay_that_reproduces_the_run(app, short):
    play = PlayScene(app, load_level(short), name=str(short), seed=9)
    app.push(play)
    # F8 halfway through: the replay still holds the run from its first step
    play_script(app, play, 600, extra={100: [(tap, pygame.K_F8)]})
    assert play.world.outcome is not None
    files = list(replays_dir().glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith("anomaly-")
    assert any(n[0] == f"Replay saved: {files[0].name}" for n in play.notices)
    recording = Recording.load(files[0])
    assert recording.inputs[0][0] <= 4
    world, _ = simulate(load_level(recording.level), recording.seed, recording.pilot())
    assert world.digest() == play.world.digest()


def test_f8_twice_saves_at_once(app, short):
    play = PlayScene(app, load_level(short), name=str(short), seed=9)
    app.push(play)
    play_script(app, play, 60, extra={10: [(tap, pygame.K_F8)], 40: [(tap, pygame.K_F8)]})
    assert play.capture is None and play.world.outcome is None
    files = list(replays_dir().glob("*.json"))
    assert len(files) == 1
    texts = [n[0] for n in play.notices]
    assert f"Recording replay {files[0].name}" in texts and f"Replay saved: {files[0].name}" in texts
    # written when F8 was pressed the second time, and never again by the end of the run
    size = files[0].stat().st_size
    play_script(app, play, 600)
    assert files[0].stat().st_size == size


def test_the_title_lists_replays_newest_first_and_plays_one_read_only(app, short):
    first = PlayScene(app, load_level(short), name=str(short), seed=9)
    app.push(first)
    play_script(app, first, 600, extra={3: [(tap, pygame.K_F8)]})
    recorded = first.world
    older = replays_dir() / "anomaly-20000101-000000.json"
    older.write_text(Recording(str(short), 1, []).to_json(), encoding="utf-8")
    os.utime(older, (946684800, 946684800))
    app.to_title(demo=False)
    title = app.stack.top
    keys = [i.key for i in title.main_menu.items]
    assert keys == ["play", "levels", "settings", "replays", "scores", "quit"]
    title.main_menu.select("replays")
    tap(app, pygame.K_RETURN)
    assert title.mode == "replays"
    items = [i.key for i in title.menu.items]
    assert len(items) == 3 and items[-1] == "back" and items[1].endswith(older.name)
    assert title.menu.selected.key == items[0]  # the newest
    tap(app, pygame.K_RETURN)
    replay = app.stack.top
    assert isinstance(replay, PlayScene) and replay.replay is not None
    assert replay.recorder is None
    # the player's keys do nothing in a replay; F8 neither
    play_script(app, replay, 600, extra={5: [(down, pygame.K_UP), (tap, pygame.K_SPACE)],
                                         30: [(tap, pygame.K_F8)], 60: [(tap, pygame.K_q)]})
    assert replay.world.outcome is not None
    assert replay.world.digest() == recorded.digest()
    for _ in range(200):
        if app.stack.top is not replay:
            break
        app.frame()
    # the end of a replay goes back to the list
    top = app.stack.top
    assert isinstance(top, TitleScene) and top.mode == "replays"


def test_esc_leaves_a_replay(app, short):
    recording = Recording(str(short), 2, [(0, frozenset({"thrust"}))])
    play = PlayScene(app, load_level(short), replay=recording)
    app.push(play)
    for _ in range(10):
        app.frame()
    assert play.world.steps > 0
    tap(app, pygame.K_ESCAPE)
    top = app.stack.top
    assert isinstance(top, TitleScene) and top.mode == "replays"


def test_a_broken_replay_file_is_a_message(app):
    folder = replays_dir()
    folder.mkdir(parents=True)
    (folder / "anomaly-20240101-101010.json").write_text("{not json", encoding="utf-8")
    app.push(TitleScene(app, demo=False))
    title = app.stack.top
    title.open_replays()
    tap(app, pygame.K_RETURN)
    from game.app.scenes.message import MessageScene

    top = app.stack.top
    assert isinstance(top, MessageScene) and "not valid JSON" in top.lines[0]
    tap(app, pygame.K_RETURN)
    assert app.stack.top is title


def test_a_replay_of_a_carried_run_starts_from_its_carry(app):
    """A campaign salvage that began from dark matter's far carry records that carry (F8),
    and the title's replay plays it from the same carry: the worlds match step for step."""
    far = {"module_distance": 800.0, "hull": 70.0, "systems": ["sensors", "shields", "tractor"]}
    salvage = load_level("salvage")
    play = PlayScene(app, salvage, seed=3, carry=far)
    app.push(play)
    play_script(app, play, 40, extra={1: [(down, pygame.K_LEFT)], 4: [(tap, pygame.K_F8)]})
    tap(app, pygame.K_F8)  # stop: written now
    files = list(replays_dir().glob("*.json"))
    assert len(files) == 1
    recording = Recording.load(files[0])
    assert recording.carry == far
    steps = play.world.steps
    app.to_title(demo=False)
    title = app.stack.top
    title.play_replay(files[0])
    replay = app.stack.top
    assert isinstance(replay, PlayScene) and replay.carry == far
    assert float(replay.world.bodies.hull[replay.world.player.body]) == 70.0  # above the carried-hull floor
    while replay.world.steps < steps and app.stack.top is replay:
        app.frame()
    assert replay.world.steps == steps and replay.world.digest() == play.world.digest()
    # without its carry the same inputs start elsewhere
    bare = new_world(salvage, recording.seed)
    Run(bare, recording.pilot()).run(steps)
    assert bare.digest() != play.world.digest()
