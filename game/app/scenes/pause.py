"""The pause overlay: pushed over play, pops back to the very same play scene."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.scenes import ui
from game.app.scenes.base import Scene

if TYPE_CHECKING:
    from game.app.loop import App
    from game.app.scenes.play import PlayScene


class PauseScene(Scene):
    def __init__(self, app: App, play: PlayScene):
        super().__init__(app)
        self.play = play
        self.menu = ui.Menu([
            ui.MenuItem("resume", "RESUME"),
            ui.MenuItem("restart", "RESTART LEVEL"),
            ui.MenuItem("settings", "SETTINGS"),
            ui.MenuItem("title", "QUIT TO TITLE"),
        ])

    def enter(self) -> None:
        self.app.audio.pause()

    def exit(self) -> None:
        self.app.input.release_all()
        self.app.audio.resume()

    def tick(self, frame_time: float) -> None:
        self.play.watch(frame_time)  # a level saved while paused reloads under the pause

    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if action in ("up", "down"):
            if self.menu.move(-1 if action == "up" else 1):
                self.ui_sound("move")
        elif action in ("back", "pause"):
            self.ui_sound("back")
            self.app.pop()
        elif action == "confirm":
            self.ui_sound("confirm")
            self.choose(self.menu.selected.key)

    def choose(self, key: str) -> None:
        from game.app.scenes.settings import SettingsScene

        if key == "resume":
            self.app.pop()
        elif key == "restart":
            self.app.pop()
            self.play.restart()
        elif key == "settings":
            self.app.push(SettingsScene(self.app))
        elif key == "title":
            self.app.to_title()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        self.play.draw(surface, 1.0)  # frozen: no interpolation while time stands still
        ui.dim(surface, 170)
        ui.glow_text(surface, "PAUSED", 96, ui.CYAN, (w // 2, 110), "midtop", spread=8)
        info = self.play.level.config.level
        ui.draw_text(surface, f"{info.title}  -  {self.play.world.t:6.1f} s", 26, ui.GREY,
                     (w // 2, 205), "midtop")
        self.menu.draw(surface, w // 2, 270, size=42, spacing=54)
