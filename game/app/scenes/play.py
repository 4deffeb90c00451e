"""Playing a level: the World, stepped at the fixed rate with the player's commands.

Each fixed step takes the commands (the player's held keys, or a pilot such as a
recording or the autopilot), runs `step`, and hands the events to the renderer, the
audio and the captions. Drawing interpolates between the state before the last step
and the current one. When the level ends, a short beat, then the results.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.captions import CaptionQueue
from game.app.input import key_name_of
from game.app.scenes.base import Scene
from game.headless import Recorder
from game.levels import Level, levels_dir
from game.sim import World, step
from game.sim.commands import COMMANDS

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


def recording_name(level: Level, name: str | None) -> str:
    """How a recording names its level: the id for the game's own levels, else the path."""
    if level.path.resolve().parent == levels_dir().resolve():
        return level.id
    return name or str(level.path)


class PlayScene(Scene):
    def __init__(self, app: App, level: Level, name: str | None = None, seed: int | None = None,
                 pilot: Pilot | None = None, record: Path | None = None):
        from game.app.render import WorldRenderer

        super().__init__(app)
        self.level = level
        self.name = name or level.id
        self.seed = seed
        self.pilot = pilot
        self.record = record
        self.world = World(level, seed)
        self.renderer = WorldRenderer(level, size=app.size,
                                      reduce_motion=app.settings.reduce_motion)
        self.captions = CaptionQueue(level.config.captions)
        self.prev = None
        self.end_timer = 0.0
        self.recorder = Recorder(recording_name(level, name), self.world.seed) if record else None
        self._saved = False
        self._audio_events: list = []
        self._tapped: frozenset[str] = frozenset()  # pressed since the last step
        self._finished = False

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

    # ---------------------------------------------------------------- time
    def update(self, dt: float) -> None:
        from game.app.render import take_snapshot

        world = self.world
        if world.outcome is None:
            cmds = self.commands()
            if self.recorder is not None:
                self.recorder.add(world.steps, cmds)
            self.prev = take_snapshot(world)
            events = step(world, cmds, dt)
            self.renderer.on_events(events, world)
            self._audio_events += events
            self.captions.feed(events)
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

    def tick(self, frame_time: float) -> None:
        # the audio answers a frame's events at once (one sound per kind per frame)
        if self._audio_events:
            self.app.audio.on_events(self._audio_events, self.world)
            self._audio_events = []
        self.app.audio.update(self.world)

    def finish(self) -> None:
        from game.app.scenes.results import ResultsScene

        self.app.replace(ResultsScene(self.app, self.level, self.world, name=self.name,
                                      seed=self.seed, record=self.record,
                                      renderer=self.renderer))

    def restart(self) -> None:
        self.app.replace(PlayScene(self.app, self.level, name=self.name, seed=self.seed,
                                   pilot=None, record=self.record))

    def save_recording(self) -> None:
        if self.recorder is None or self._saved or self.record is None:
            return
        self._saved = True
        try:
            Path(self.record).write_text(self.recorder.recording.to_json(), encoding="utf-8")
        except OSError as e:
            print(f"one-small-step: {self.record}: cannot write the recording ({e.strerror})",
                  file=sys.stderr)

    # ---------------------------------------------------------------- draw
    def banner(self) -> str | None:
        if self.world.outcome is None:
            return None
        return BANNERS.get(self.world.outcome.result, self.world.outcome.result.upper())

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.renderer.reduce_motion = self.app.settings.reduce_motion
        self.renderer.draw(surface, self.world, self.prev, alpha,
                           captions=self.caption_lines(), banner=self.banner())

    def caption_lines(self) -> list[str]:
        # the HUD fades captions in and out itself; it takes the texts
        return self.captions.texts()
