"""Playing a level: the World, stepped at the fixed rate with the player's commands.

Each fixed step takes the commands (the player's held keys, or a pilot such as a
recording or the autopilot), runs `step`, and hands the events to the renderer, the
audio and the captions. Drawing interpolates between the state before the last step
and the current one. When the level ends, a short beat, then the results.

The designer's tools live here too: the level's files are watched and a saved change
restarts the level from the new values (a broken file leaves the last good level
running under a panel of its problems); F3 shows the field overlay; F8 saves the run
as a replay in the user's data folder. Every run is recorded in memory from its first
step, so a replay started with F8 halfway through still plays from the beginning.
A replay (`replay=`) is played read-only: the player's keys are ignored, Esc leaves.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.heap import settle
from game.app.hotreload import LevelWatcher, ReloadResult
from game.app.input import key_name_of
from game.app.loop import FPS_STRIP_PX
from game.app.render.overlay import FieldOverlay
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.headless import Recorder, Recording
from game.levels import Level, levels_dir
from game.sim import World, new_world
from game.sim.commands import COMMANDS
from game.sim.world import Event

if TYPE_CHECKING:
    from game.app.loop import App

END_BEAT = 1.5  # s between the end of the level and the results

BANNERS = {
    "won": "MISSION COMPLETE",
    "lost": "SHIP LOST",
    "timeout": "OUT OF TIME",
    "story": "END OF RECORD",
}

Pilot = Callable[[World], frozenset[str]]

OVERLAY_KEY = pygame.K_F3
RECORD_KEY = pygame.K_F8
NOTICE_SECONDS = 2.5  # real s a notice stays up (then it fades)
REPLAYS_FOLDER = "replays"
MAX_PANEL_LINES = 14


def replays_dir() -> Path:
    """Where F8 saves replays: the user's data folder, `replays/`."""
    from game.app.settings import data_dir

    return data_dir() / REPLAYS_FOLDER


def new_replay_path(level_id: str, now: float | None = None) -> Path:
    """A fresh timestamped file name in `replays_dir()` (never one that exists)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    folder = replays_dir()
    path = folder / f"{level_id}-{stamp}.json"
    k = 2
    while path.exists():
        path = folder / f"{level_id}-{stamp}-{k}.json"
        k += 1
    return path


def write_recording(path: Path, recording: Recording) -> str | None:
    """Write a recording as JSON (folders made as needed); an error message, or None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(recording.to_json(), encoding="utf-8")
    except OSError as e:
        message = f"{path}: cannot write the recording ({e.strerror})"
        print(f"one-small-step: {message}", file=sys.stderr)
        return message
    return None


def recording_name(level: Level, name: str | None) -> str:
    """How a recording names its level: the id for the game's own levels, else the path."""
    if level.path.resolve().parent == levels_dir().resolve():
        return level.id
    return name or str(level.path)


class PlayScene(Scene):
    def __init__(self, app: App, level: Level, name: str | None = None, seed: int | None = None,
                 pilot: Pilot | None = None, record: Path | None = None, *,
                 replay: Recording | None = None, watch: bool = True, carry: dict | None = None):
        super().__init__(app)
        self.hint_rect: pygame.Rect | None = None  # where the key hints were last drawn
        # what the campaign's level before hands on (dark matter -> salvage): given, or read
        # from the run under way when this is the level it expects; a replay starts from
        # the carry-over it recorded (none in recordings made without one)
        if carry is None and replay is not None:
            carry = replay.carry
        elif carry is None:
            run = app.progress.run
            carry = run.carry_in(level.id) if run.levels and not run.complete else {}
        self.carry = carry or {}
        self.name = name or level.id
        self.replay = replay
        self.seed = replay.seed if replay is not None and seed is None else seed
        self.pilot = replay.pilot() if replay is not None and pilot is None else pilot
        self.record = record  # where the whole run is written (`play --record FILE`)
        self.capture: Path | None = None  # the F8 replay file while F8 recording is on
        self.overlay = FieldOverlay(app.size)
        self.watcher = LevelWatcher(level.path) if watch else None
        self.problems: list[str] = []  # of the level files, while they do not load
        self.notices: list[list] = []  # [text, colour, real seconds left]
        self._audio_events: list = []
        self._tapped: frozenset[str] = frozenset()  # pressed since the last step
        self._last_good: Level | None = None  # the level before the last reload, while it runs
        self._start(level)

    def _start(self, level: Level) -> None:
        """(Re)start the run: a fresh World of `level`, same seed, same recording targets."""
        from game.app.render import WorldRenderer
        from game.run import Captions, Run

        world = new_world(level, self.seed, self.carry)  # first: if it fails, nothing has changed yet
        renderer = WorldRenderer(level, size=self.app.size,
                                 reduce_motion=self.app.settings.reduce_motion)
        # prompts of the kind's (the salvage cabin's) name the player's own keys
        renderer.view.name_keys(lambda c: self.app.input.binding_label(c).split(" / ")[0])
        self.level, self.world, self.renderer = level, world, renderer
        self.renderer.overlay = self.overlay
        self.overlay.commands = frozenset()
        self.captions = Captions(level.config.captions)
        self.prev = None
        self.end_timer = 0.0
        # every run but a replay is recorded in memory, so F8 can save it at any moment
        self.recorder = (None if self.replay is not None
                         else Recorder(recording_name(level, self.name), self.world.seed, carry=self.carry))
        self.run = Run(world, lambda _world: self.commands(), self.recorder,
                       subscribers=(self._heard, self.captions))
        self._saved = False
        self._finished = False
        settle()  # no full pass of the collector over this level's objects in mid-play

    # ---------------------------------------------------------------- stack hooks
    def enter(self) -> None:
        self.app.input.release_all()
        self._tapped = frozenset()

    def exit(self) -> None:
        self.save_recording()
        self.app.audio.stop()

    def pause(self) -> None:
        from game.app.scenes.pause import PauseScene

        self.app.input.release_all()
        self._tapped = frozenset()
        self.app.push(PauseScene(self.app, self))

    # ---------------------------------------------------------------- input
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == OVERLAY_KEY:
            on = self.overlay.toggle()
            self.notify("Field overlay on" if on else "Field overlay off", ui.CYAN)
            return
        if self.replay is not None:
            if self.app.input.menu_action(event, playing=True) == "pause":
                self.leave_replay()
            return  # a replay is read-only: the player's keys do nothing
        if event.type == pygame.KEYDOWN and event.key == RECORD_KEY:
            self.toggle_capture()
            return
        if self.world.outcome is not None:
            return
        if (event.type == pygame.WINDOWFOCUSLOST
                or self.app.input.menu_action(event, playing=True) == "pause"):
            self.pause()
            return
        self._tapped |= self.pressed_commands(event)

    def pressed_commands(self, event: pygame.event.Event) -> frozenset[str]:
        """Commands a key or pad button press starts, so a tap shorter than a step
        (pressed and released between two steps) still reaches the simulation."""
        settings = self.app.settings
        if event.type == pygame.KEYDOWN:
            name, table = key_name_of(event), settings.bindings
        elif event.type == pygame.JOYBUTTONDOWN:
            name, table = f"button:{int(event.button)}", settings.pad_bindings
        else:
            return frozenset()
        return frozenset(c for c, names in table.items() if name in names) & COMMANDS

    def commands(self) -> frozenset[str]:
        if self.pilot is not None:
            return self.pilot(self.world)
        held = self.app.input.held() | self._tapped
        self._tapped = frozenset()
        return held

    def leave_replay(self) -> None:
        """Back to the title's list of replays."""
        from game.app.scenes.title import TitleScene

        self.app.to_title()
        title = self.app.stack.top
        if isinstance(title, TitleScene):
            title.open_replays()

    # ---------------------------------------------------------------- time
    def update(self, dt: float) -> None:
        from game.app.render import take_snapshot

        world = self.world
        if world.outcome is None:
            self.prev = take_snapshot(world)
            try:
                self.run.step(dt)
            except Exception as e:  # noqa: BLE001 - a reloaded level gone wrong: back to the last good one
                if not self.fall_back(e, "while playing"):
                    raise
                return
            self.overlay.commands = self.run.commands
            if world.outcome is not None:
                self.save_recording()
        else:
            self.prev = None
            self.end_timer += dt
            if self.end_timer >= END_BEAT and not self._finished:
                self._finished = True
                self.finish()
                return
            self.captions.update(dt)

    def _heard(self, world: World, events: list[Event]) -> None:
        """A step's events reach the renderer at once and the audio at the next frame."""
        self.renderer.on_events(events, world)
        self._audio_events += events

    def tick(self, frame_time: float) -> None:
        self.watch(frame_time)
        # the audio answers a frame's events at once (one sound per kind per frame)
        if self._audio_events:
            self.app.audio.on_events(self._audio_events, self.world)
            self._audio_events = []
        self.app.audio.update(self.world)

    def watch(self, frame_time: float) -> None:
        """Once per frame (also under the pause): notices age, the level files are polled."""
        for notice in self.notices:
            notice[2] -= frame_time
        self.notices = [n for n in self.notices if n[2] > 0.0]
        if self.watcher is None:
            return
        result = self.watcher.tick(frame_time)
        if result is not None:
            self.apply_reload(result)

    def apply_reload(self, result: ReloadResult) -> None:
        """A good level restarts the run from its new values; a broken one shows its problems."""
        if not result.ok:
            self.problems = list(result.problems)
            return
        assert result.level is not None
        previous = self.level
        try:
            self._start(result.level)
        except Exception as e:  # noqa: BLE001 - valid on paper, yet it cannot start: say so
            from game.app.loop import log_error
            from game.levels.loader import display_path

            log_error("restarting the reloaded level", e)
            self.problems = [f"{display_path(result.level.path)}: (level): loads, but the level "
                             f"cannot start ({type(e).__name__}: {e})"]
            return
        self.problems = []
        self._last_good = previous
        if self.pilot is not None and self.replay is not None:
            self.pilot = self.replay.pilot()  # a replay starts again from its first step
        self.app.audio.stop()
        self._audio_events = []
        self._tapped = frozenset()
        names = ", ".join(p.name for p in result.changed)
        self.notify(f"Reloaded {names}", ui.GREEN)

    def notify(self, text: str, colour: ui.Color = ui.CYAN, seconds: float = NOTICE_SECONDS) -> None:
        self.notices = [n for n in self.notices if n[0] != text][-3:]
        self.notices.append([text, colour, seconds])

    def finish(self) -> None:
        from game.app.scenes.results import ResultsScene

        if self.replay is not None:
            self.leave_replay()
            return

        self.app.replace(ResultsScene(self.app, self.level, self.world, name=self.name,
                                      seed=self.seed, record=self.record,
                                      renderer=self.renderer))

    def restart(self) -> None:
        """Play again from the start, with the level's file as it is now (or, when it no
        longer loads or runs, the last good level and a panel saying why)."""
        from game.app.scenes.briefing import autopilot_for, current_level

        level, problems = current_level(self.level) if self.replay is None else (self.level, [])
        scene = PlayScene(self.app, level, name=self.name, seed=self.seed,
                          pilot=autopilot_for(self.app, level), record=self.record,
                          watch=self.watcher is not None, carry=self.carry)  # a retry: the same carry-over
        scene.problems = problems
        self.app.replace(scene)

    # ---------------------------------------------------------------- recording
    def recording_so_far(self) -> Recording | None:
        """The run's inputs from its first step to now, as a replay file holds them.

        If the run is cut short (F8 off, quit) while something is held, the recording
        lets go at this step, so its replay holds nothing the player no longer held.
        """
        if self.recorder is None:
            return None
        rec = self.recorder.recording
        inputs = list(rec.inputs)
        if self.world.outcome is None and inputs and inputs[-1][1]:
            inputs.append((self.world.steps, frozenset()))
        return Recording(rec.level, rec.seed, inputs, carry=rec.carry)

    def toggle_capture(self) -> None:
        """F8: start saving this run as a replay, or stop and write it now."""
        if self.recorder is None:
            return
        if self.capture is None:
            self.capture = new_replay_path(self.level.id)
            self.notify(f"Recording replay {self.capture.name}", ui.RED)
            if self._saved:  # the run has already ended: write it at once
                self._write_capture()
            return
        self._write_capture()

    def _write_capture(self) -> None:
        path, self.capture = self.capture, None
        recording = self.recording_so_far()
        if path is None or recording is None:
            return
        error = write_recording(path, recording)
        if error:
            self.notify("Replay NOT saved: cannot write the file", ui.RED, 5.0)
        else:
            self.notify(f"Replay saved: {path.name}", ui.GREEN)

    def save_recording(self) -> None:
        """At the end of the run (level over, or the scene left): write what is asked for."""
        if self.recorder is None or self._saved:
            return
        self._saved = True
        recording = self.recording_so_far()
        if self.record is not None and recording is not None:
            write_recording(Path(self.record), recording)
        if self.capture is not None:
            self._write_capture()

    # ---------------------------------------------------------------- draw
    def banner(self) -> str | None:
        if self.world.outcome is None:
            return None
        return BANNERS.get(self.world.outcome.result, self.world.outcome.result.upper())

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.renderer.reduce_motion = self.app.settings.reduce_motion
        self.renderer.shake_strength = max(0.0, min(1.0, float(self.app.settings.shake_strength)))
        try:
            self.renderer.draw(surface, self.world, self.prev, alpha,
                               captions=self.caption_lines(), banner=self.banner())
        except Exception as e:  # noqa: BLE001 - a reloaded level gone wrong: back to the last good one
            if not self.fall_back(e, "while drawing"):
                raise
            surface.fill((0, 0, 0))
        self.draw_tools(surface)

    def fall_back(self, error: Exception, where: str) -> bool:
        """A level reloaded while playing failed later than its trial run: start the last good
        level again and list why. False when there is no earlier level to go back to."""
        good = self._last_good
        if good is None or good is self.level:
            return False
        from game.app.loop import log_error
        from game.levels.loader import display_path

        log_error(f"the reloaded level {where}", error)
        problem = (f"{display_path(self.level.path)}: (level): failed {where} "
                   f"({type(error).__name__}: {error}); the last good version runs again")
        self._start(good)
        self.problems = [problem]
        return True

    # ---------------------------------------------------------------- designer's tools
    def draw_tools(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        if self.replay is not None:
            hint = f"REPLAY  {self.replay.level}  seed {self.replay.seed}     ESC LEAVES     F3 FIELD"
        else:
            hint = "F3 FIELD     F8 " + ("STOP RECORDING" if self.capture else "RECORD REPLAY")
            if self.pilot is not None:
                hint = "AUTOPILOT FLYING     " + hint
        # bottom centre: the corners belong to the HUD's panels; a line up while the FPS
        # overlay's strip runs along the foot (it is wide enough to reach the centre)
        foot = h - 8 - (FPS_STRIP_PX if getattr(self.app.settings, "show_fps", False) else 0)
        self.hint_rect = ui.draw_text(surface, hint, 16, ui.DIM if self.replay is None else ui.AMBER,
                                      (w // 2, foot), "midbottom")
        y = 206 if self.overlay.visible else 102  # under the timer (and the overlay's legend)
        if self.capture is not None:
            if (time.perf_counter() * 1.5) % 1.0 < 0.7:
                pygame.draw.circle(surface, ui.RED, (w - 40, h - 50), 6)
            ui.draw_text(surface, "REC", 20, ui.RED, (w - 50, h - 50), "midright")
        for text, colour, left in self.notices:
            fade = min(1.0, left / 0.5)
            img = ui.font(24).render(text, True, colour)
            rect = img.get_rect(midtop=(w // 2, y + 12))
            back = pygame.Surface((rect.w + 24, rect.h + 8), pygame.SRCALPHA)
            back.fill((2, 8, 16, int(190 * fade)))
            surface.blit(back, (rect.x - 12, rect.y - 4))
            img.set_alpha(int(255 * fade))
            surface.blit(img, rect)
            y += 32
        if self.problems:
            self.draw_problems(surface)

    def problem_lines(self, width: int = 960, size: int = 22) -> list[str]:
        """The panel's text: every problem line, wrapped to the panel's width."""
        out: list[str] = []
        for line in self.problems:
            out += ui.wrap(line, size, width) or [line]
        return out

    def draw_problems(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        size = 22
        lines = self.problem_lines(w - 320, size)
        shown = lines[:MAX_PANEL_LINES]
        if len(lines) > MAX_PANEL_LINES:
            shown[-1] = f"... and {len(lines) - MAX_PANEL_LINES + 1} more lines"
        # above the bottom panels, growing upward: the ship at the centre stays in view
        height = 92 + len(shown) * (size + 2)
        box = pygame.Rect(140, max(110, h - 118 - height), w - 280, height)
        back = pygame.Surface(box.size, pygame.SRCALPHA)
        back.fill((20, 4, 6, 215))
        surface.blit(back, box.topleft)
        ui.frame_box(surface, box, ui.RED)
        ui.draw_text(surface, "LEVEL FILE HAS ERRORS", 30, ui.RED, (box.left + 24, box.top + 16))
        ui.draw_text(surface, "still playing the last good version; save the file to try again",
                     20, ui.GREY, (box.right - 24, box.top + 22), "topright")
        y = box.top + 56
        for line in shown:
            ui.draw_text(surface, line, size, ui.WHITE, (box.left + 24, y))
            y += size + 2

    def caption_lines(self) -> list[str]:
        # the HUD fades captions in and out itself; it takes the texts
        return self.captions.texts()
