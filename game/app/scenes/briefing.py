"""The briefing before a level: what is going on, what to do, which keys do it.

`open_level` is how every other screen starts a level: it loads the file and returns
either this briefing or a screen listing the file's problems, never a traceback.
The briefing watches the level's files as the play scene does: a save while it is up
is read at once, so what is launched is the file as it is now; a broken save keeps
the last good level and lists the problems at the foot of the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.hotreload import LevelWatcher
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.levels import Level, LevelError, load_level
from game.sim.commands import COMMANDS, commands_for

if TYPE_CHECKING:
    from game.app.loop import App

CONTROL_ORDER = ("thrust", "reverse", "turn_left", "turn_right", "dark", "polarity", "launch")

def control_commands() -> list[str]:
    """The commands a player can bind: the familiar seven first, then any newer ones."""
    return list(CONTROL_ORDER) + sorted(COMMANDS - set(CONTROL_ORDER))


def control_name(command: str) -> str:
    return CONTROL_NAMES.get(command) or command.replace("_", " ").capitalize()


CONTROL_NAMES = {
    "thrust": "Thrust",
    "reverse": "Retro thrust",
    "turn_left": "Turn left",
    "turn_right": "Turn right",
    "dark": "Go dark",
    "polarity": "Shield polarity",
    "launch": "Launch probe",
    "modify_shields": "Modified shields",
    "scan": "Sensor sweep (hold)",
    "tractor": "Tractor beam",
}


def autopilot_for(app: App, level: Level):
    """The autopilot when the game was started with --autopilot, else None (the player flies)."""
    if not app.autopilot:
        return None
    from game.pilots import Autopilot

    return Autopilot(level, "keep")  # as `simulate --campaign`: the crew held on to the module


def open_level(app: App, name: str, seed: int | None = None,
               record: Path | None = None) -> Scene:
    """The briefing of level `name` (id or path), or the list of what is wrong with it.

    Seed and recording default to the ones given on the command line (`app.seed`,
    `app.record`).
    """
    from game.app.scenes.message import MessageScene

    seed = app.seed if seed is None else seed
    record = app.record if record is None else record

    try:
        level = load_level(name)
    except LevelError as e:
        def reload() -> None:
            app.replace(open_level(app, name, seed, record))

        return MessageScene(app, "THIS LEVEL CANNOT BE LOADED", e.problems, color=ui.RED,
                            text_size=24, on_close=reload, on_back=app.to_title,
                            footer="FIX THE FILE AND PRESS ENTER TO TRY AGAIN     ESC: TITLE")
    return BriefingScene(app, level, name=name, seed=seed, record=record)


def current_level(level: Level) -> tuple[Level, list[str]]:
    """`level` read again from its file as it is now (and given a trial run), or, when the file
    no longer loads or runs, the same last good level and the problems that stopped the new one."""
    result = LevelWatcher(level.path, settle=False).reload()
    if result.level is not None:
        return result.level, []
    return level, list(result.problems)


class BriefingScene(Scene):
    def __init__(self, app: App, level: Level, name: str | None = None,
                 seed: int | None = None, record: Path | None = None,
                 problems: list[str] | None = None):
        super().__init__(app)
        self.level = level
        self.name = name or level.id
        self.seed = seed
        self.record = record
        self.t = 0.0
        self._stars = ui.star_field(app.size, seed=3)
        self.problems = list(problems or [])  # of a save that did not load; the last good level stays
        self.watcher = LevelWatcher(level.path)
        self._fitted: tuple | None = None  # the briefing's (text, width, height) and its size and lines

    @classmethod
    def fresh(cls, app: App, level: Level, **kwargs) -> BriefingScene:
        """The briefing of `level` as its file is now (retry, continue): see `current_level`."""
        level, problems = current_level(level)
        return cls(app, level, problems=problems, **kwargs)

    def handle(self, event: pygame.event.Event) -> None:
        from game.app.scenes.play import PlayScene

        action = self.menu_action(event)
        if action == "confirm":
            self.ui_sound("confirm")
            self.app.replace(PlayScene(self.app, self.level, name=self.name, seed=self.seed,
                                       pilot=autopilot_for(self.app, self.level), record=self.record))
        elif action in ("back", "pause"):
            self.ui_sound("back")
            self.app.to_title()

    def update(self, dt: float) -> None:
        self.t += dt
        result = self.watcher.tick(dt)
        if result is None:
            return
        if result.level is not None:
            self.level, self.problems = result.level, []
        else:
            self.problems = list(result.problems)

    def controls(self) -> list[tuple[str, str]]:
        return [(control_name(cmd), self.app.input.binding_label(cmd) or "UNBOUND")
                for cmd in commands_for(self.level.config.level.kind)]

    BRIEFING_SIZES = (27, 25, 23, 21, 19)

    def _fit(self, text: str, width: int, height: int) -> tuple[int, list[str]]:
        """The briefing's text size and lines: the largest size at which all of it fits the
        column; at the smallest, what does not fit ends in an ellipsis (a designer's long
        briefing is never cut off mid-sentence without a sign)."""
        key = (text, width, height)
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1]
        for size in self.BRIEFING_SIZES:
            lines = ui.wrap(text, size, width)
            if sum(size if line else size // 2 for line in lines) <= height:
                break
        else:
            kept: list[str] = []
            used = 0
            for line in lines:
                step = size if line else size // 2
                if used + step > height:
                    break
                kept.append(line)
                used += step
            while kept and not kept[-1]:
                kept.pop()
            if kept:
                kept[-1] = kept[-1].rstrip(" .,;:") + " ..."
            lines = kept
        self._fitted = (key, (size, lines))
        return size, lines

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        info = self.level.config.level
        surface.blit(self._stars, (0, 0))
        ui.glow_text(surface, info.title.upper(), 76, ui.ORANGE, (80, 48))
        if info.subtitle:
            ui.draw_text(surface, info.subtitle, 28, ui.GREY, (84, 118))
        pygame.draw.line(surface, (60, 110, 130), (80, 152), (w - 80, 152), 1)

        left = pygame.Rect(80, 176, 700, h - 286)  # above the launch prompt
        size, lines = self._fit(info.briefing or "No briefing for this level.", left.width, left.height)
        y = left.top
        for line in lines:
            if line:
                ui.draw_text(surface, line, size, ui.WHITE, (left.left, y))
            y += size if line else size // 2

        x = 840
        y = 176
        ui.draw_text(surface, "OBJECTIVES", 28, ui.AMBER, (x, y))
        y += 34
        for obj in info.objectives:
            lines = ui.wrap(obj, 24, w - x - 90)
            for k, line in enumerate(lines):
                if k == 0:
                    pygame.draw.circle(surface, ui.AMBER, (x + 6, y + 8), 3, 1)
                ui.draw_text(surface, line, 24, ui.WHITE, (x + 20, y))
                y += 24
            y += 6
        y += 18
        ui.draw_text(surface, "CONTROLS", 28, ui.CYAN, (x, y))
        y += 34
        rows = self.controls()
        step = 26 if len(rows) <= 7 else 22
        for name, label in rows:
            ui.draw_text(surface, name, step - 2, ui.GREY, (x, y))
            ui.draw_text(surface, label, step - 2, ui.WHITE, (w - 80, y), "topright")
            y += step
        ui.draw_text(surface, "Pause: Esc / Start     Fullscreen: F11", 22, ui.DIM, (x, y + 8))

        if self.problems:
            py = h - 150 - 20 * min(len(self.problems), 3)
            ui.draw_text(surface, "THE SAVED FILE HAS PROBLEMS; THE LAST GOOD VERSION WILL BE LAUNCHED",
                         20, ui.RED, (80, py))
            for line in self.problems[:3]:
                py += 20
                ui.draw_text(surface, line[:150], 18, ui.RED, (80, py))

        blink = 0.5 + 0.5 * abs(((self.t * 0.7) % 2.0) - 1.0)
        ui.glow_text(surface, "PRESS CONFIRM TO LAUNCH", 36, ui.CYAN, (w // 2, h - 86), "midtop")
        ui.draw_text(surface, "Enter / A to confirm     Esc / B back to the title", 22, ui.DIM,
                     (w // 2, h - 44), "midtop", alpha=blink)
