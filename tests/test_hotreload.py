"""Hot reload: a level saved while it is played restarts from the new values within a
second; a broken save keeps the last good level running under a panel of its problems;
a file caught mid-write is just broken until the next save; never a traceback."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import re  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.app.hotreload import POLL_INTERVAL, LevelWatcher  # noqa: E402
from game.app.scenes.pause import PauseScene  # noqa: E402
from game.app.scenes.play import PlayScene  # noqa: E402
from game.levels import LevelError, levels_dir, load_level  # noqa: E402
from game.sim import DT  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

SEED = 5


@pytest.fixture
def level_copy(tmp_path) -> Path:
    """anomaly.toml and the ships.toml beside it, in a folder of their own."""
    folder = tmp_path / "levels"
    folder.mkdir()
    shutil.copy(levels_dir() / "anomaly.toml", folder / "anomaly.toml")
    shutil.copy(levels_dir() / "ships.toml", folder / "ships.toml")
    return folder / "anomaly.toml"


_bumps = {"n": 0}


def save(path: Path, text: str) -> None:
    """Write the file and move its mtime on, as a save seconds later would."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    _bumps["n"] += 1
    later = st.st_mtime_ns + _bumps["n"] * 2_000_000_000
    os.utime(path, ns=(later, later))


def set_key(text: str, key: str, value: str) -> str:
    new, n = re.subn(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text, count=1)
    assert n == 1, key
    return new


def tick(play: PlayScene, seconds: float, frame: float = 1 / 60) -> None:
    for _ in range(int(round(seconds / frame))):
        play.tick(frame)


def lit(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface)


def frame_of(play: PlayScene) -> np.ndarray:
    s = pygame.Surface((1280, 720))
    play.draw(s, 1.0)
    return lit(s)


def test_a_saved_change_restarts_the_level_with_the_new_value(app, level_copy):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    app.push(play)
    for _ in range(60):
        play.update(DT)
    old_world = play.world
    assert old_world.level.config.ellipse.top_speed == 200.0
    text = level_copy.read_text(encoding="utf-8")
    save(level_copy, set_key(text, "top_speed", "333.0"))
    tick(play, 1.0)  # within a second
    assert play.world is not old_world
    assert play.world.level.config.ellipse.top_speed == 333.0
    assert play.level.config.ellipse.top_speed == 333.0
    assert play.world.steps == 0 and play.world.seed == SEED
    assert play.problems == []
    assert any(n[0] == "Reloaded anomaly.toml" for n in play.notices)
    play.update(DT)
    assert play.world.steps == 1
    # the notice goes away after a few seconds
    tick(play, 3.0)
    assert play.notices == []


def test_a_broken_save_keeps_the_last_good_level_and_lists_every_problem(app, level_copy):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    app.push(play)
    good = level_copy.read_text(encoding="utf-8")
    before = frame_of(play)
    broken = set_key(set_key(good, "top_speed", "-5.0"), "pull_surface", '"strong"')
    save(level_copy, broken)
    tick(play, 1.0)
    world = play.world
    with pytest.raises(LevelError) as err:
        load_level(level_copy)
    assert len(err.value.problems) == 2
    assert play.problems == err.value.problems
    assert all(re.match(r"^.+anomaly\.toml: [\w.\[\]]+: .+$", line) for line in play.problems)
    assert "ellipse.top_speed" in play.problems[0] or "ellipse.top_speed" in play.problems[1]
    # the old world keeps running
    for _ in range(30):
        play.update(DT)
    assert play.world is world and world.steps == 30
    assert world.level.config.ellipse.top_speed == 200.0
    # the panel is on screen (and its text is exactly the problems, wrapped)
    with_panel = frame_of(play)
    assert np.count_nonzero(np.any(with_panel != before, axis=2)) > 20000
    assert " ".join(play.problem_lines(4000)) == " ".join(play.problems)
    # fixed: reloaded, the panel is gone
    save(level_copy, set_key(good, "top_speed", "250.0"))
    tick(play, 1.0)
    assert play.problems == []
    assert play.world is not world and play.world.level.config.ellipse.top_speed == 250.0


def test_a_file_caught_mid_write_is_only_broken_until_the_next_save(app, level_copy, capsys):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    app.push(play)
    good = level_copy.read_text(encoding="utf-8")
    world = play.world
    for partial in ("", good[: len(good) // 2], good[: len(good) // 3] + "[ellip", "\x00\xff"):
        save(level_copy, partial)
        tick(play, 0.8)
        assert play.problems, repr(partial[:20])
        assert play.world is world
        frame_of(play)  # the panel draws whatever the lines say
        play.update(DT)
    save(level_copy, good)
    tick(play, 0.8)
    assert play.problems == [] and play.world is not world
    assert "Traceback" not in capsys.readouterr().err


def test_a_deleted_file_is_a_problem_and_coming_back_reloads(app, level_copy):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    good = level_copy.read_text(encoding="utf-8")
    level_copy.unlink()
    tick(play, 0.8)
    assert len(play.problems) == 1 and "anomaly.toml" in play.problems[0]
    save(level_copy, good)
    tick(play, 0.8)
    assert play.problems == []


def test_the_ships_file_is_watched_too(app, level_copy):
    ships = level_copy.parent / "ships.toml"
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    assert play.level.ship.thrust == 42000.0
    text = ships.read_text(encoding="utf-8")
    save(ships, text.replace("thrust = 42000.0", "thrust = 50000.0", 1))
    tick(play, 1.0)
    assert play.world.level.ship.thrust == 50000.0
    assert any(n[0] == "Reloaded ships.toml" for n in play.notices)
    save(ships, text.replace("mass = 700.0", "mass = -1.0", 1))
    tick(play, 1.0)
    assert play.problems and all("ships.toml" in line for line in play.problems)
    assert play.world.level.ship.thrust == 50000.0


def test_reload_keeps_the_recording_settings(app, level_copy, tmp_path):
    record = tmp_path / "run.json"
    play = PlayScene(app, load_level(level_copy), seed=SEED, record=record)
    app.push(play)
    play.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F8, mod=0, unicode="",
                                   scancode=0))
    capture = play.capture
    assert capture is not None
    app.input.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0,
                                              unicode="", scancode=0))
    for _ in range(20):
        play.update(DT)
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "210.0"))
    tick(play, 1.0)
    assert play.world.steps == 0
    assert play.record == record and play.capture == capture and play.seed == SEED
    assert play.recorder is not None and play.recorder.recording.inputs == []
    play.update(DT)
    assert play.recorder.recording.inputs == [(0, frozenset({"thrust"}))]


def test_the_real_loop_reloads_within_a_second_even_under_the_pause(app, level_copy):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    app.push(play)
    app.timer.start()
    for _ in range(5):
        app.frame()
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "222.0"))
    for _ in range(60):  # one second at 60 FPS
        app.frame()
    assert play.world.level.config.ellipse.top_speed == 222.0
    app.push(PauseScene(app, play))
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "223.0"))
    for _ in range(60):
        app.frame()
    assert isinstance(app.stack.top, PauseScene)
    assert play.world.level.config.ellipse.top_speed == 223.0 and play.world.steps == 0


def test_the_watcher_waits_for_a_save_to_settle(level_copy):
    watcher = LevelWatcher(level_copy)
    assert watcher.tick(POLL_INTERVAL) is None  # nothing changed
    good = level_copy.read_text(encoding="utf-8")
    save(level_copy, "")
    assert watcher.tick(POLL_INTERVAL) is None  # seen, not read yet
    save(level_copy, good[:100])
    assert watcher.tick(POLL_INTERVAL) is None  # still moving
    save(level_copy, good)
    assert watcher.tick(POLL_INTERVAL) is None
    result = watcher.tick(POLL_INTERVAL)  # unchanged for a poll: read it
    assert result is not None and result.ok and result.problems == []
    assert watcher.tick(POLL_INTERVAL) is None


def test_the_watcher_follows_a_ships_file_put_beside_the_level(tmp_path):
    folder = tmp_path / "solo"
    folder.mkdir()
    path = folder / "anomaly.toml"
    shutil.copy(levels_dir() / "anomaly.toml", path)
    watcher = LevelWatcher(path, settle=False)
    assert watcher.watched()[1] == levels_dir() / "ships.toml"
    shutil.copy(levels_dir() / "ships.toml", folder / "ships.toml")
    result = watcher.poll()
    assert result is not None and result.ok
    assert folder / "ships.toml" in watcher.watched()


def test_a_level_that_loads_but_cannot_start_keeps_the_old_one(app, level_copy, monkeypatch,
                                                               capsys):
    import game.app.scenes.play as play_module

    play = PlayScene(app, load_level(level_copy), seed=SEED)
    world = play.world

    def refuse(level, seed=None, carry=None):
        raise RuntimeError("no free body slot")

    monkeypatch.setattr(play_module, "new_world", refuse)
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "230.0"))
    tick(play, 1.0)
    assert play.world is world and play.level is world.level
    assert len(play.problems) == 1 and "cannot start (RuntimeError: no free body slot)" in \
        play.problems[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_reloaded_level_that_fails_later_goes_back_to_the_last_good_one(app, level_copy, monkeypatch,
                                                                          capsys):
    play = PlayScene(app, load_level(level_copy), seed=SEED)
    first = play.level
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "230.0"))
    tick(play, 1.0)
    assert play.level is not first and play.level.config.ellipse.top_speed == 230.0

    def breaks(world, commands, dt=None):
        raise FloatingPointError("the reloaded numbers blew up")

    monkeypatch.setattr(play.run, "step", lambda dt=None: breaks(None, None))
    play.update(DT)
    assert play.level is first and play.world.level is first  # the last good level runs again
    assert len(play.problems) == 1 and "failed while playing (FloatingPointError" in play.problems[0]
    for _ in range(5):  # and it plays on
        play.update(DT)
    assert play.world.steps == 5
    assert "Traceback" not in capsys.readouterr().err


def test_restart_from_the_pause_reads_the_file_as_it_is_now(app, level_copy):
    play = PlayScene(app, load_level(level_copy), seed=SEED, watch=False)
    app.push(play)
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "231.0"))
    play.restart()
    again = app.stack.top
    assert isinstance(again, PlayScene) and again.level.config.ellipse.top_speed == 231.0
    save(level_copy, set_key(level_copy.read_text(encoding="utf-8"), "top_speed", "fast"))
    again.restart()
    third = app.stack.top
    assert third.level.config.ellipse.top_speed == 231.0 and third.problems  # the last good, and why
