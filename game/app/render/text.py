"""Fonts and a cache of rendered text, so the HUD does not re-render strings every frame."""

from __future__ import annotations

import pygame


class Text:
    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[int, pygame.font.Font] = {}
        self._cache: dict[tuple[str, int, tuple[int, int, int]], pygame.Surface] = {}

    def font(self, size: int) -> pygame.font.Font:
        f = self._fonts.get(size)
        if f is None:
            f = pygame.font.Font(None, size)
            self._fonts[size] = f
        return f

    def render(self, text: str, size: int, colour: tuple[int, int, int]) -> pygame.Surface:
        key = (text, size, colour)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 600:
                self._cache.clear()
            surf = self.font(size).render(text, True, colour)
            self._cache[key] = surf
        return surf

    def draw(self, target: pygame.Surface, text: str, size: int, colour: tuple[int, int, int],
             pos: tuple[float, float], anchor: str = "topleft", alpha: int = 255) -> pygame.Rect:
        surf = self.render(text, size, colour)
        rect = surf.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
        if alpha < 255:
            surf = surf.copy()
            surf.set_alpha(max(0, alpha))
        target.blit(surf, rect)
        return rect
