"""The window: the game's fixed 1280x720 picture, scaled to whatever size the window has.

Every scene draws on one logical surface of `LOGICAL_SIZE`; once a frame `present`
scales it into the window and fills the rest with black bars (letterboxing), so any
window, and fullscreen on any monitor, shows the whole picture. How it fills the
window is the `scale_mode` setting:

- "fit": as large as fits, keeping the 16:9 shape (smooth filtering);
- "integer": the largest whole multiple that fits (crisp pixels; smaller when the
  window is not a multiple), and never less than fit would give below 1x;
- "stretch": the whole window, ignoring the shape.

The scaling is done on the GPU when SDL gives a renderer (pygame-ce's
`pygame._sdl2.video`), else by `pygame.transform` on the window's surface. The
window asks for high-DPI pixels, and the letterbox is computed in those pixels, so a
Retina or 200 % screen gets the picture at its own resolution rather than an
upscaled small window. Mouse positions in the window map back through `to_logical`.
"""

from __future__ import annotations

import os
import sys

import pygame

LOGICAL_SIZE = (1280, 720)
SCALE_MODES = ("fit", "integer", "stretch")

# Windows scales a DPI-unaware window as a bitmap (blurry); ask for real pixels instead.
os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")


def letterbox(window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE,
              mode: str = "fit") -> pygame.Rect:
    """Where the logical picture goes in a window of `window` pixels (centred)."""
    ww, wh = max(1, int(window[0])), max(1, int(window[1]))
    lw, lh = logical
    if mode == "stretch":
        return pygame.Rect(0, 0, ww, wh)
    scale = min(ww / lw, wh / lh)
    if mode == "integer" and scale >= 1.0:
        scale = float(int(scale))
    w, h = max(1, round(lw * scale)), max(1, round(lh * scale))
    return pygame.Rect((ww - w) // 2, (wh - h) // 2, w, h)


def to_logical(pos: tuple[float, float], dest: pygame.Rect,
               logical: tuple[int, int] = LOGICAL_SIZE) -> tuple[int, int]:
    """A window position (pixels) as a position on the logical picture (may fall outside it)."""
    x = (pos[0] - dest.x) * logical[0] / max(1, dest.w)
    y = (pos[1] - dest.y) * logical[1] / max(1, dest.h)
    return int(x), int(y)


class GameWindow:
    """One OS window showing the logical surface, letterboxed."""

    def __init__(self, title: str, size: tuple[int, int], *, fullscreen: bool = False,
                 scale_mode: str = "fit", vsync: bool = True,
                 logical: tuple[int, int] = LOGICAL_SIZE):
        self.logical = logical
        self.scale_mode = scale_mode if scale_mode in SCALE_MODES else "fit"
        self.fullscreen = False
        self.window = pygame.Window(title, size, resizable=True, allow_high_dpi=True)
        self.window.minimum_size = (320, 180)
        self.renderer = None
        self._texture = None
        self._texture_mode: str | None = None
        try:
            from pygame._sdl2.video import Renderer

            try:
                self.renderer = Renderer(self.window, vsync=vsync)
            except pygame.error:
                self.renderer = Renderer(self.window)  # some drivers refuse vsync
        except (pygame.error, ImportError) as e:
            # no renderer at all: scale in software onto the window's own surface
            print(f"one-small-step: no accelerated scaling ({e}); scaling in software",
                  file=sys.stderr)
            self.renderer = None
        if fullscreen:
            self.set_fullscreen(True)

    # ------------------------------------------------------------ geometry
    def pixel_size(self) -> tuple[int, int]:
        """The drawable size in pixels (larger than the window's size on high-DPI screens)."""
        if self.renderer is not None:
            self.renderer.set_viewport(None)
            vp = self.renderer.get_viewport()
            if vp.w > 0 and vp.h > 0:
                return vp.w, vp.h
        return tuple(self.window.size)

    @property
    def size(self) -> tuple[int, int]:
        """The window's size as the desktop counts it (what is saved in the settings)."""
        return tuple(self.window.size)

    def dest(self) -> pygame.Rect:
        return letterbox(self.pixel_size(), self.logical, self.scale_mode)

    def to_logical(self, pos: tuple[float, float]) -> tuple[int, int]:
        """A mouse position (window coordinates) on the logical picture."""
        px, py = self.pixel_size()
        wx, wy = self.size
        sx, sy = px / max(1, wx), py / max(1, wy)  # window units -> pixels on high-DPI
        return to_logical((pos[0] * sx, pos[1] * sy), self.dest(), self.logical)

    # ------------------------------------------------------------ modes
    def set_scale_mode(self, mode: str) -> None:
        if mode in SCALE_MODES:
            self.scale_mode = mode

    def set_fullscreen(self, on: bool) -> None:
        """Desktop fullscreen on the monitor the window is on, or back to the window."""
        if on:
            self.window.set_fullscreen(desktop=True)
        else:
            self.window.set_windowed()
        self.fullscreen = on

    # ------------------------------------------------------------ drawing
    def _texture_for(self, surface: pygame.Surface):
        from pygame._sdl2.video import Texture

        quality = "nearest" if self.scale_mode == "integer" else "linear"
        if self._texture is None or self._texture_mode != quality \
                or self._texture.width != surface.get_width() \
                or self._texture.height != surface.get_height():
            os.environ["SDL_RENDER_SCALE_QUALITY"] = quality  # read when a texture is made
            self._texture = Texture.from_surface(self.renderer, surface)
            self._texture_mode = quality
        else:
            self._texture.update(surface)
        return self._texture

    def present(self, surface: pygame.Surface) -> None:
        """Show `surface` (the logical picture) letterboxed in the window."""
        dest = self.dest()
        if self.renderer is not None:
            texture = self._texture_for(surface)
            self.renderer.draw_color = (0, 0, 0, 255)
            self.renderer.clear()
            texture.draw(dstrect=dest)
            self.renderer.present()
            return
        target = self.window.get_surface()
        target.fill((0, 0, 0))
        if dest.size == surface.get_size():
            target.blit(surface, dest)
        elif self.scale_mode == "integer":
            target.blit(pygame.transform.scale(surface, dest.size), dest)
        else:
            target.blit(pygame.transform.smoothscale(surface, dest.size), dest)
        self.window.flip()

    def snapshot(self) -> pygame.Surface:
        """What the window shows now, bars included (tests, and a window screenshot)."""
        if self.renderer is not None:
            return self.renderer.to_surface()
        return self.window.get_surface().copy()

    def set_title(self, title: str) -> None:
        self.window.title = title

    def close(self) -> None:
        self._texture = None
        self.renderer = None
        try:
            self.window.destroy()
        except pygame.error:
            pass
