"""Every scene draws a frame; menus move and open the right scenes; pause pops back;
a broken level shows its problems; a scene that fails sends the player to the title."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.app.loop import App  # noqa: E402
from game.app.scenes.base import Scene  # noqa: E402
from game.app.scenes.briefing import BriefingScene, open_level  # noqa: E402
from game.app.scenes.message import MessageScene  # noqa: E402
from game.app.scenes.pause import PauseScene  # noqa: E402
from game.app.scenes.play import PlayScene  # noqa: E402
from game.app.scenes.results import ResultsScene  # noqa: E402
from game.app.scenes.settings import SettingsScene  # noqa: E402
from game.app.scenes.title import TitleScene  # noqa: E402
from game.app.settings import settings_path  # noqa: E402
from game.captions import CaptionQueue  # noqa: E402
from game.levels import LevelError, levels_dir, load_campaign, load_level  # noqa: E402
from game.sim import DT, World, new_world, step  # noqa: E402
from game.sim.world import Outcome  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def press(app: App, *keys: int) -> None:
    for k in keys:
        app.handle_event(key(k))
        app.handle_event(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))


def lit_pixels(surface: pygame.Surface) -> int:
    rgb = pygame.surfarray.array3d(surface)
    return int(np.count_nonzero(rgb.max(axis=2) > 40))


def render(scene: Scene, alpha: float = 0.5) -> pygame.Surface:
    surface = pygame.Surface((1280, 720))
    surface.fill((0, 0, 0))
    scene.draw(surface, alpha)
    return surface


def finished_world(level, result: str, reason: str) -> World:
    world = new_world(level, 3)
    world.steps = 2400
    world.outcome = Outcome(result, reason)
    return world


# ------------------------------------------------------------------ one frame of each


def test_every_scene_draws_a_frame(app):
    level = load_level("anomaly")
    title = TitleScene(app)
    for _ in range(4):
        title.update(DT)
    play = PlayScene(app, level, seed=2)
    for _ in range(30):
        play.update(DT)
    play.tick(1 / 60)
    scenes = {
        "title": title,
        "briefing": BriefingScene(app, level),
        "play": play,
        "pause": PauseScene(app, play),
        "won": ResultsScene(app, level, finished_world(level, "won", "telemetry returned")),
        "lost": ResultsScene(app, level, finished_world(level, "lost", "hull breached"),
                             renderer=play.renderer),
        "settings": SettingsScene(app),
        "problems": MessageScene(app, "PROBLEMS", ["levels/x.toml: level.id: required"]),
    }
    counts = {name: lit_pixels(render(scene)) for name, scene in scenes.items()}
    for name, count in counts.items():
        assert count > 2000, f"{name} drew almost nothing ({count} lit pixels)"


def test_results_say_what_happened(app):
    level = load_level("anomaly")
    won = ResultsScene(app, level, finished_world(level, "won", "telemetry returned"))
    lost = ResultsScene(app, level, finished_world(level, "lost", "hull breached"))
    assert won.summary.outcome == "won" and lost.summary.reason == "hull breached"
    assert [i.key for i in won.menu.items] == ["retry", "continue", "title"]
    assert won.menu.selected.key == "continue"
    assert dict(won.rows())["Time"] == "0:20.0"
    # different outcomes look different
    a = pygame.surfarray.array3d(render(won))
    b = pygame.surfarray.array3d(render(lost))
    assert np.count_nonzero(a != b) > 1000


def test_results_show_each_levels_own_measure(app):
    salvage = load_level("salvage")
    world = finished_world(salvage, "won", "back aboard the shuttle with the ion distributor")
    world.state.logs_done[:] = [0, 1]
    rows = dict(ResultsScene(app, salvage, world).rows())
    assert rows["Pilot's logs"] == "2 of 4" and "Telemetry" not in rows
    prologue = load_level("ares_iv")
    world = finished_world(prologue, "story", "swallowed by the ellipse")
    world.state.data = 61.25
    assert dict(ResultsScene(app, prologue, world).rows())["Data recorded"] == "61.2 %"


def test_with_autopilot_on_the_autopilot_flies_the_level(app):
    app.autopilot = True
    app.push(BriefingScene(app, load_level("escape")))
    press(app, pygame.K_RETURN)
    play = app.stack.top
    assert isinstance(play, PlayScene) and play.pilot is not None
    for _ in range(30):
        play.update(DT)
    assert play.world.player.shield_mod  # the autopilot switched the modified shields on


def test_briefing_shows_the_players_own_bindings(app):
    app.input.rebind("launch", "l")
    rows = dict(BriefingScene(app, load_level("anomaly")).controls())
    assert rows["Launch probe"] == "L"
    assert rows["Thrust"] == app.input.binding_label("thrust")


# ------------------------------------------------------------------ menus


def test_title_menu_moves_and_opens_scenes(app):
    app.push(TitleScene(app))
    title = app.stack.top
    assert title.menu.selected.key == "play"
    press(app, pygame.K_DOWN)
    assert title.menu.selected.key == "levels"
    press(app, pygame.K_DOWN)
    assert title.menu.selected.key == "settings"
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, SettingsScene)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is title
    press(app, pygame.K_UP, pygame.K_UP, pygame.K_UP)
    assert title.menu.selected.key == "quit"  # wrapped round
    press(app, pygame.K_DOWN, pygame.K_RETURN)
    top = app.stack.top
    assert isinstance(top, BriefingScene)
    assert top.level.id == load_campaign().start
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, PlayScene)
    assert len(app.stack) == 1


def test_level_select_lists_the_reached_levels(app):
    from game.progress import survival_level

    app.push(TitleScene(app))
    title = app.stack.top
    press(app, pygame.K_DOWN, pygame.K_RETURN)
    assert title.mode == "levels"
    keys = [i.key for i in title.menu.items]
    campaign = load_campaign()
    survival = survival_level(campaign)
    # fresh progress: only the first level is reached (tests/test_progress.py covers the rest)
    assert keys == ([f"level:{campaign.start}"] + ([f"level:{survival}"] if survival else [])
                    + ["back"])
    press(app, pygame.K_ESCAPE)
    assert title.mode == "main" and app.stack.top is title
    press(app, pygame.K_RETURN, pygame.K_RETURN)  # level select, first level
    assert isinstance(app.stack.top, BriefingScene)


def test_quit_from_the_title_stops_the_loop(app):
    app.push(TitleScene(app))
    press(app, pygame.K_UP, pygame.K_RETURN)
    assert app.running is False


def test_window_close_stops_the_loop(app):
    app.push(TitleScene(app))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run(max_frames=50) == 0
    assert app.frames == 1


def test_pause_pushes_and_pops_back_to_the_same_play(app):
    app.push(PlayScene(app, load_level("anomaly"), seed=1))
    play = app.stack.top
    app.timer.start()
    for _ in range(3):
        app.frame()
    steps = play.world.steps
    assert steps > 0
    app.handle_event(key(pygame.K_UP))  # holding thrust when pausing
    assert "thrust" in app.input.held()
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    assert isinstance(pause, PauseScene) and pause.play is play and len(app.stack) == 2
    assert app.input.held() == frozenset()
    for _ in range(5):
        app.frame()
    assert play.world.steps == steps  # time stands still under the pause
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is play and len(app.stack) == 1
    app.frame()
    assert play.world.steps > steps
    # resume through the menu as well
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)
    assert app.stack.top is play


def test_pause_menu_restart_and_quit(app):
    app.push(PlayScene(app, load_level("anomaly"), seed=1))
    play = app.stack.top
    play.update(DT)
    press(app, pygame.K_ESCAPE, pygame.K_DOWN, pygame.K_RETURN)  # restart
    fresh = app.stack.top
    assert isinstance(fresh, PlayScene) and fresh is not play and fresh.world.steps == 0
    press(app, pygame.K_ESCAPE, pygame.K_UP, pygame.K_RETURN)  # quit to title
    assert isinstance(app.stack.top, TitleScene) and len(app.stack) == 1


def test_results_continue_follows_the_campaign(app):
    level = load_level("anomaly")
    campaign = load_campaign()
    won_next = campaign.levels["anomaly"].won
    lost_next = campaign.levels["anomaly"].lost
    app.push(ResultsScene(app, level, finished_world(level, "won", "telemetry returned")))
    press(app, pygame.K_RETURN)  # Continue is preselected after a win
    top = app.stack.top
    if won_next == "memorial":
        from game.app.scenes.memorial import MemorialScene

        assert isinstance(top, MemorialScene)
    else:
        assert isinstance(top, BriefingScene)
    app.to_title()
    app.replace(ResultsScene(app, level, finished_world(level, "lost", "hull breached")))
    results = app.stack.top
    assert results.next == lost_next
    results.menu.select("continue")
    press(app, pygame.K_RETURN)
    # retry reads the file as it is now: the same level, freshly loaded
    assert isinstance(app.stack.top, BriefingScene) and app.stack.top.level.config == level.config


def test_play_ends_with_a_beat_then_results(app):
    app.push(PlayScene(app, load_level("anomaly"), seed=1))
    play = app.stack.top
    play.world.outcome = Outcome("lost", "hull breached")
    for _ in range(int(1.4 / DT)):
        play.update(DT)
    assert app.stack.top is play and play.banner() == "SHIP LOST"
    for _ in range(int(0.2 / DT)):
        play.update(DT)
    assert isinstance(app.stack.top, ResultsScene)


# ------------------------------------------------------------------ settings


def test_settings_adjust_rebind_and_save(app):
    app.push(TitleScene(app))
    app.push(SettingsScene(app))
    settings = app.stack.top
    before = app.settings.master_volume
    press(app, pygame.K_LEFT)
    assert app.settings.master_volume == pytest.approx(before - 0.1)
    while settings.menu.selected.key != "reduce_motion":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.settings.reduce_motion is True
    while settings.menu.selected.key != "bind:thrust":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert settings.capturing == "thrust"
    press(app, pygame.K_k)
    assert settings.capturing is None
    assert app.settings.bindings["thrust"][0] == "k"
    assert "K" in settings.menu.selected.value
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, TitleScene)
    saved = json.loads(settings_path().read_text())
    assert saved["bindings"]["thrust"][0] == "k" and saved["reduce_motion"] is True


def test_rebinding_escape_cancels(app):
    app.push(SettingsScene(app))
    settings = app.stack.top
    settings.menu.select("bind:launch")
    old = list(app.settings.bindings["launch"])
    press(app, pygame.K_RETURN, pygame.K_ESCAPE)
    assert settings.capturing is None and app.settings.bindings["launch"] == old
    assert app.stack.top is settings  # escape cancelled the capture, not the screen


# ------------------------------------------------------------------ problems, errors


def _broken_level(tmp_path: Path) -> Path:
    text = (levels_dir() / "anomaly.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^time_limit = .*$", 'time_limit = "soon"', text, count=1)
    text = re.sub(r"(?m)^semi_minor = .*$", "semi_minor = 760.0\nwobble = 3", text, count=1)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_level_shows_its_problems(app, tmp_path):
    path = _broken_level(tmp_path)
    with pytest.raises(LevelError) as err:
        load_level(path)
    problems = err.value.problems
    assert any("level.time_limit" in p for p in problems)
    assert any("ellipse.wobble" in p for p in problems)
    app.push(open_level(app, str(path)))
    scene = app.stack.top
    assert isinstance(scene, MessageScene)
    assert scene.lines == problems
    app.frame()
    assert lit_pixels(render(scene)) > 2000
    # every problem line is on screen (wrapped lines joined back)
    shown = " ".join(scene.wrapped(980))
    for p in problems:
        assert " ".join(p.split()) in shown
    press(app, pygame.K_RETURN)  # confirm reloads: still broken
    again = app.stack.top
    assert isinstance(again, MessageScene) and again is not scene and again.lines == problems
    fixed = (levels_dir() / "anomaly.toml").read_text(encoding="utf-8")
    path.write_text(fixed, encoding="utf-8")
    press(app, pygame.K_RETURN)  # fixed on disk: the briefing opens
    assert isinstance(app.stack.top, BriefingScene) and len(app.stack) == 1
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, TitleScene)


def test_back_from_the_problems_goes_to_the_title(app, tmp_path):
    app.push(open_level(app, str(_broken_level(tmp_path))))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, TitleScene)


def test_a_missing_level_is_a_message_too(app):
    scene = open_level(app, "no_such_level")
    assert isinstance(scene, MessageScene)
    assert "no level with id 'no_such_level'" in scene.lines[0]


class _Broken(Scene):
    def update(self, dt):
        raise RuntimeError("the flux capacitor")


def test_a_failing_scene_returns_to_the_title(app, capsys):
    app.push(TitleScene(app))
    app.push(_Broken(app))
    app.timer.start()
    app.frame()
    app.frame()
    top = app.stack.top
    assert isinstance(top, TitleScene) and len(app.stack) == 1
    assert top.message and "went wrong" in top.message
    err = capsys.readouterr().err
    assert "the flux capacitor" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_run_game_with_a_broken_level_never_raises(tmp_path, monkeypatch):
    from game.app import main

    path = _broken_level(tmp_path)
    seen = {}

    def fake_run(self, max_frames=None, until=None):
        seen["top"] = self.stack.top
        self.frame()
        return 0

    monkeypatch.setattr(App, "run", fake_run)
    assert main.run_game(level=str(path)) == 0
    assert isinstance(seen["top"], MessageScene)
    assert any("level.time_limit" in line for line in seen["top"].lines)


# ------------------------------------------------------------------ captions


class _Spec:
    def __init__(self, on, text, once=True, seconds=2.0):
        self.on, self.text, self.once, self.seconds = on, text, once, seconds


class _Ev:
    def __init__(self, kind):
        self.kind = kind


def test_captions_show_once_queue_and_expire():
    q = CaptionQueue([_Spec("surge", "Brace!"), _Spec("hit", "Ouch", once=False, seconds=1.0),
                      _Spec("launch", "Away"), _Spec("emerge", "Look")], max_visible=2)
    q.feed([_Ev("surge"), _Ev("hit"), _Ev("launch")])
    assert q.texts() == ["Brace!", "Ouch"]  # the third waits
    assert q.active()[0].alpha == 0.0  # fades in
    q.update(0.5)
    assert 0.99 < q.active()[0].alpha <= 1.0
    q.update(0.6)  # "Ouch" done: "Away" takes its place
    assert q.texts() == ["Brace!", "Away"]
    q.feed([_Ev("surge")])  # once only
    assert "Brace!" in q.texts() and len(q.texts()) == 2
    q.update(5.0)
    q.feed([_Ev("surge"), _Ev("hit"), _Ev("hit")])
    assert q.texts() == ["Ouch"]  # no duplicates, surge was once
    q.update(0.9)
    assert 0.0 < q.active()[0].alpha < 1.0  # fading out
    q.update(0.2)
    assert q.texts() == []


def test_play_feeds_the_levels_captions(app):
    level = load_level("anomaly")
    play = PlayScene(app, level, seed=1)
    emerge = [c.text for c in level.config.captions if c.on == "emerge"]
    for _ in range(int(4.0 / DT)):
        play.update(DT)
    assert emerge and emerge[0] in play.captions.texts()


def test_a_failing_title_demo_falls_back_to_a_plain_title(app, monkeypatch, capsys):
    from game.app.scenes import title as title_module

    def broken_draw(self, surface, alpha):
        raise ValueError("no ellipse today")

    monkeypatch.setattr(title_module.TitleDemo, "draw", broken_draw)
    app.push(TitleScene(app))
    app.timer.start()
    for _ in range(5):
        app.frame()
    top = app.stack.top
    assert isinstance(top, TitleScene) and top.demo is None
    assert len(capsys.readouterr().err.strip().splitlines()) == 1  # no error loop
    assert lit_pixels(render(top)) > 2000


def test_a_tap_between_two_steps_still_reaches_the_simulation(app):
    app.push(PlayScene(app, load_level("anomaly"), seed=1))
    play = app.stack.top
    press(app, pygame.K_SPACE)  # down and up before any step
    assert "launch" not in app.input.held()
    play.update(DT)
    assert play.world.state.launched == 1
    play.update(DT)
    assert play.world.prev_commands == frozenset()  # released on the next step


def test_a_refused_command_says_why():
    from game.captions import CaptionQueue
    from game.sim.events import ENGINES_DARK, LAUNCHER_DARK
    from game.sim.world import Event

    captions = CaptionQueue()
    captions.feed([Event("dark_limits", 0.0, 0.0, ENGINES_DARK), Event("launch_refused", 0.0, 0.0, LAUNCHER_DARK)])
    texts = captions.texts()
    assert texts == ["Running dark: engines offline, manoeuvring thrusters only",
                     "Running dark: the probe launcher is offline"]


def test_thrust_while_dark_is_answered_by_the_thrusters_and_a_reason():
    from game.sim.events import ENGINES_DARK

    world = new_world(load_level("anomaly"), 1)
    step(world, frozenset({"dark"}))
    events = step(world, frozenset({"thrust"}))
    assert [e.value for e in events if e.kind == "dark_limits"] == [ENGINES_DARK]
    assert world.player.throttle == 1.0  # the thrusters still push, weakly


def test_a_started_level_is_set_aside_from_the_collectors_full_passes(app):
    """A full pass of the cycle collector over a level's objects stalls a frame by tens of
    ms: once the level is built they are frozen, and later passes see only what frames make."""
    import gc

    gc.unfreeze()
    try:
        play = PlayScene(app, load_level("eye_of_the_storm"), seed=1)
        assert gc.get_freeze_count() > 10_000
        frozen_at_start = gc.get_freeze_count()
        app.push(play)
        surface = pygame.Surface((1280, 720))
        for _ in range(10):
            play.update(DT)
            play.draw(surface, 1.0)
        # what ten frames of play left tracked is small beside what was set aside
        assert len(gc.get_objects()) < frozen_at_start // 5
    finally:
        gc.unfreeze()


def test_every_briefing_fits_its_column_and_a_too_long_one_ends_in_an_ellipsis(app):
    """The briefing's text shrinks to fit above the launch prompt; every shipped level's
    fits whole, and a designer's far too long one is cut at a line with '...', not mid-air."""
    import dataclasses

    surface = pygame.Surface((1280, 720))
    for level_id in ("ares_iv", "anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape",
                     "survival"):
        scene = BriefingScene(app, load_level(level_id))
        scene.draw(surface, 1.0)
        size, lines = scene._fitted[1]
        words = " ".join(scene.level.config.level.briefing.split())
        assert " ".join(" ".join(lines).split()) == words, level_id  # all of it, nothing added
        height = sum(size if line else size // 2 for line in lines)
        assert 176 + height <= 720 - 110, level_id  # clear of PRESS CONFIRM TO LAUNCH
    level = load_level("anomaly")
    long_info = level.config.level.model_copy(update={"briefing": "A very long briefing. " * 400})
    config = level.config.model_copy(update={"level": long_info})
    scene = BriefingScene(app, dataclasses.replace(level, config=config))
    scene.draw(surface, 1.0)
    size, lines = scene._fitted[1]
    assert size == BriefingScene.BRIEFING_SIZES[-1] and lines[-1].endswith(" ...")
    assert 176 + sum(size if line else size // 2 for line in lines) <= 720 - 110


@pytest.mark.parametrize("show_fps", [False, True])
def test_the_key_hints_keep_clear_of_the_fps_overlay(app, show_fps):
    """The play scene's key hints sit at the foot of the picture, bottom centre; with Show
    FPS on, the overlay's strip runs along the foot from the right past the centre, so
    the hints move a line up instead of being drawn under it."""
    app.settings.show_fps = show_fps
    app.push(BriefingScene(app, load_level("anomaly")))
    press(app, pygame.K_RETURN)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    for _ in range(3):
        app.frame()
    assert play.hint_rect is not None
    if show_fps:
        assert app.fps_rect is not None
        assert play.hint_rect.bottom <= app.fps_rect.top  # above the strip, whatever its width
    else:
        assert app.fps_rect is None and play.hint_rect.bottom == app.size[1] - 8
