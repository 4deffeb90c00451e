"""The level kinds that bring scenery and panels of their own: the prologue and survival.

`scenery_for(level, size)` gives the renderer one object (or None) with the same hooks
for both, so the world renderer and the HUD need one dispatch line per hook:
`on_events`, `frame` (the point layer), `backdrop` (under the glow), `vectors` (both
passes of the pen), `arrows` (edge-of-screen markers) and `hud` (its own panels).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import pygame

from game.app.render.palette import HUD, HUD_BRIGHT
from game.levels import Level


class Scenery(ABC):
    """What the prologue's and survival's views share: the HUD's layout around their panels."""

    def hud(self, hud, s: pygame.Surface, world, clock: float) -> None:
        """Their own clock at the top, the usual ship panel, then their own panels."""
        self.hud_top(hud, s, world, clock)
        hud._ship_panel(s, world)
        self.hud_panels(hud, s, world, clock)

    @staticmethod
    def top_clock(hud, s: pygame.Surface, label: str, reading: str, size: int) -> None:
        """A clock in the timer's place: the prologue's mission time, survival's time survived."""
        cx = hud.w // 2
        s.blit(hud.timer_panel, (cx - 105, 10))
        hud.text.draw(s, label, 18, HUD, (cx, 24), "center")
        hud._glow_text(s, reading, size, HUD_BRIGHT, (cx, 60), 0.4)

    @abstractmethod
    def hud_top(self, hud, s: pygame.Surface, world, clock: float) -> None:
        """Each view names its own clock (see `top_clock`)."""

    @abstractmethod
    def hud_panels(self, hud, s: pygame.Surface, world, clock: float) -> None:
        """Each view draws its own panels."""


def scenery_for(level: Level, size: tuple[int, int]):
    from game.app.render.kinds.prologue.view import PrologueView, uses_prologue
    from game.app.render.kinds.survival.view import SurvivalView, uses_survival

    if uses_prologue(level):
        return PrologueView(level, size)
    if uses_survival(level):
        return SurvivalView(level, size)
    return None
