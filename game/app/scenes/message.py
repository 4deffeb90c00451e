"""A screen of text: level problems, the end-of-campaign card, error notices.

Confirm or back closes it (by default back to the title); a screen can give back
its own action (the level problems screen reloads the file on confirm).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.app.scenes import ui
from game.app.scenes.base import Scene

if TYPE_CHECKING:
    from game.app.loop import App

MAX_LINES = 18


class MessageScene(Scene):
    def __init__(self, app: App, title: str, lines: Sequence[str], *,
                 color: ui.Color = ui.CYAN, text_size: int = 28,
                 footer: str = "PRESS CONFIRM TO CONTINUE",
                 on_close: Callable[[], None] | None = None,
                 on_back: Callable[[], None] | None = None):
        super().__init__(app)
        self.title = title
        self.lines = list(lines)
        self.color = color
        self.text_size = text_size
        self.footer = footer
        self.on_close = on_close
        self.on_back = on_back  # None: back does what confirm does
        self.t = 0.0
        self._stars = ui.star_field(app.size, seed=11)

    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if action not in ("confirm", "back", "pause"):
            return
        self.ui_sound("confirm" if action == "confirm" else "back")
        if action != "confirm" and self.on_back is not None:
            self.on_back()
        elif self.on_close is not None:
            self.on_close()
        else:
            self.app.to_title()

    def update(self, dt: float) -> None:
        self.t += dt

    def wrapped(self, width: int) -> list[str]:
        out: list[str] = []
        for line in self.lines:
            out += ui.wrap(line, self.text_size, width) if line else [""]
        return out

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        surface.blit(self._stars, (0, 0))
        ui.glow_text(surface, self.title, 64, self.color, (w // 2, 90), "midtop")
        box = pygame.Rect(120, 180, w - 240, h - 300)
        ui.frame_box(surface, box, tuple(v // 2 for v in self.color))
        lines = self.wrapped(box.width - 60)
        shown = lines[:MAX_LINES]
        if len(lines) > MAX_LINES:
            shown[-1] = f"... and {len(lines) - MAX_LINES + 1} more lines"
        y = box.top + 24
        for line in shown:
            if line:
                ui.draw_text(surface, line, self.text_size, ui.WHITE, (box.left + 30, y))
            y += self.text_size + 4
        blink = 0.55 + 0.45 * abs(((self.t * 0.8) % 2.0) - 1.0)
        ui.draw_text(surface, self.footer, 26, ui.GREY, (w // 2, h - 80), "midtop", alpha=blink)
