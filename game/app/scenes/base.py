"""The base of every screen of the game: the hooks the loop and the stack call."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.app.loop import App


class Scene:
    """A screen on the stack.

    `enter` when it is pushed (or replaces another), `exit` when it leaves the stack,
    `handle` for each pygame event while it is on top, `update` once per fixed step
    (`dt` is the simulation's DT) and `draw` once per frame with the interpolation
    `alpha` (0..1) between the last two steps; `tick` once per frame before `draw`.
    """

    def __init__(self, app: App):
        self.app = app

    def enter(self) -> None:
        pass

    def exit(self) -> None:
        pass

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def tick(self, frame_time: float) -> None:
        """Once per frame, before `draw`, on the top scene only: for what follows the
        frame rate rather than the simulation (audio levels). `frame_time` is real s."""

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        pass

    # helpers for scenes
    def menu_action(self, event: pygame.event.Event) -> str | None:
        return self.app.input.menu_action(event)

    def navigate(self, menu, action: str | None) -> bool:
        """Up/down move `menu`'s selection, confirm calls `self.choose`; True if used."""
        if action in ("up", "down"):
            if menu.move(-1 if action == "up" else 1):
                self.ui_sound("move")
            return True
        if action == "confirm":
            self.ui_sound("confirm")
            self.choose(menu.selected.key)
            return True
        return False

    def choose(self, key: str) -> None:
        """What a menu entry does; scenes with a menu override it."""

    def ui_sound(self, name: str) -> None:
        try:
            self.app.audio.ui(name)
        except Exception:  # noqa: BLE001 - a missing sound never stops a menu
            pass
