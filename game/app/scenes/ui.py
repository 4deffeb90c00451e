"""Drawing helpers shared by the menu scenes: fonts, glowing text, menus, wrapping.

The look follows the renderer's vector-arcade style: thin bright shapes on black,
with a soft glow made by shrinking a copy, scaling it back up and adding it.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field

import pygame

Color = tuple[int, int, int]

CYAN: Color = (120, 220, 255)
ORANGE: Color = (255, 160, 70)
AMBER: Color = (255, 200, 110)
WHITE: Color = (235, 240, 245)
GREY: Color = (130, 140, 150)
DIM: Color = (80, 88, 96)
RED: Color = (255, 90, 80)
GREEN: Color = (120, 255, 170)

_fonts: dict[int, pygame.font.Font] = {}
_glow_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_GLOW_CACHE_SIZE = 160
_quit_hooked = False


def forget_fonts() -> None:
    """Drop cached fonts: a Font used after pygame.font.quit() crashes the interpreter.

    Called by pygame.quit() and whenever a new App opens its window, since pygame has
    no way to tell whether the font module was shut down and started again since.
    """
    _fonts.clear()
    _glow_cache.clear()


def font(size: int) -> pygame.font.Font:
    global _quit_hooked
    if not _quit_hooked:
        pygame.register_quit(forget_fonts)  # pygame.quit() empties the caches
        _quit_hooked = True
    if not pygame.font.get_init():
        forget_fonts()
        pygame.font.init()
    f = _fonts.get(size)
    if f is None:
        f = _fonts[size] = pygame.font.Font(None, size)
    return f


def _place(rect: pygame.Rect, pos: tuple[int, int], anchor: str) -> pygame.Rect:
    setattr(rect, anchor, pos)
    return rect


def draw_text(surface: pygame.Surface, text: str, size: int, color: Color,
              pos: tuple[int, int], anchor: str = "topleft", alpha: float = 1.0) -> pygame.Rect:
    img = font(size).render(text, True, color)
    if alpha < 1.0:
        img.set_alpha(int(255 * max(0.0, alpha)))
    return surface.blit(img, _place(img.get_rect(), pos, anchor))


def _glow_image(text: str, size: int, color: Color, spread: int) -> pygame.Surface:
    key = (text, size, color, spread)
    img = _glow_cache.get(key)
    if img is not None:
        _glow_cache.move_to_end(key)
        return img
    sharp = font(size).render(text, True, color)
    pad = spread * 2
    w, h = sharp.get_width() + pad * 2, sharp.get_height() + pad * 2
    canvas = pygame.Surface((w, h))
    canvas.fill((0, 0, 0))
    canvas.blit(sharp, (pad, pad))
    small = pygame.transform.smoothscale(canvas, (max(1, w // spread), max(1, h // spread)))
    blur = pygame.transform.smoothscale(small, (w, h))
    img = pygame.Surface((w, h))
    img.fill((0, 0, 0))
    img.blit(blur, (0, 0), special_flags=pygame.BLEND_ADD)
    img.blit(blur, (0, 0), special_flags=pygame.BLEND_ADD)
    img.blit(canvas, (0, 0), special_flags=pygame.BLEND_ADD)
    _glow_cache[key] = img
    if len(_glow_cache) > _GLOW_CACHE_SIZE:
        _glow_cache.popitem(last=False)
    return img


def glow_text(surface: pygame.Surface, text: str, size: int, color: Color,
              pos: tuple[int, int], anchor: str = "topleft", spread: int = 6) -> pygame.Rect:
    """Text with a soft additive halo, as the vector screens draw it."""
    img = _glow_image(text, size, color, spread)
    pad = spread * 2
    inner = pygame.Rect(0, 0, img.get_width() - pad * 2, img.get_height() - pad * 2)
    _place(inner, pos, anchor)
    surface.blit(img, (inner.x - pad, inner.y - pad), special_flags=pygame.BLEND_ADD)
    return inner


def wrap(text: str, size: int, width: int) -> list[str]:
    """Word-wrap text to a pixel width; blank lines in the text start new paragraphs."""
    f = font(size)
    lines: list[str] = []
    paragraphs = text.strip().split("\n\n")
    for k, para in enumerate(paragraphs):
        words = " ".join(para.split()).split(" ")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        if k < len(paragraphs) - 1:
            lines.append("")
    return lines


def dim(surface: pygame.Surface, amount: int = 150) -> None:
    """Darken what is already drawn (0 leaves it, 255 blacks it out)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, max(0, min(255, amount))))
    surface.blit(shade, (0, 0))


def frame_box(surface: pygame.Surface, rect: pygame.Rect, color: Color = CYAN) -> None:
    """A thin glowing rectangle with cut corners, the panels of the menus."""
    c = 14
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - 1, rect.bottom - 1
    pts = [(x0 + c, y0), (x1 - c, y0), (x1, y0 + c), (x1, y1 - c), (x1 - c, y1),
           (x0 + c, y1), (x0, y1 - c), (x0, y0 + c)]
    faint = tuple(v // 4 for v in color)
    for off in (3, 2):
        grown = [(x + (off if x > rect.centerx else -off), y + (off if y > rect.centery else -off))
                 for x, y in pts]
        pygame.draw.lines(surface, faint, True, grown, 1)
    pygame.draw.lines(surface, color, True, pts, 1)


def star_field(size: tuple[int, int], count: int = 220, seed: int = 7) -> pygame.Surface:
    """A fixed scatter of faint stars for screens without a world behind them."""
    import numpy as np

    rng = np.random.default_rng(seed)
    surf = pygame.Surface(size)
    surf.fill((0, 0, 0))
    xs = rng.integers(0, size[0], count)
    ys = rng.integers(0, size[1], count)
    levels = rng.integers(40, 170, count)
    for x, y, v in zip(xs, ys, levels, strict=True):
        surf.set_at((int(x), int(y)), (int(v), int(v), int(min(255, v + 30))))
    return surf


@dataclass
class MenuItem:
    key: str
    label: str
    enabled: bool = True
    value: str | None = None  # shown to the right (settings)


@dataclass
class Menu:
    """A vertical list of items moved through with menu actions."""

    items: list[MenuItem]
    index: int = 0
    wrap_around: bool = True
    _last_moved: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        if self.items and not self.items[self.index].enabled:
            self.move(1)

    @property
    def selected(self) -> MenuItem:
        return self.items[self.index]

    def select(self, key: str) -> None:
        for i, item in enumerate(self.items):
            if item.key == key:
                self.index = i
                return

    def move(self, delta: int) -> bool:
        """Move to the next enabled item; returns True if the selection changed."""
        n = len(self.items)
        if n == 0:
            return False
        i = self.index
        for _ in range(n):
            j = i + delta
            if self.wrap_around:
                j %= n
            elif not 0 <= j < n:
                return False
            i = j
            if self.items[i].enabled:
                changed = i != self.index
                self.index = i
                return changed
        return False

    def draw(self, surface: pygame.Surface, center_x: int, top: int, size: int = 40,
             spacing: int = 50, color: Color = CYAN, value_x: int | None = None) -> None:
        for i, item in enumerate(self.items):
            y = top + i * spacing
            chosen = i == self.index
            col = color if chosen else (GREY if item.enabled else DIM)
            if value_x is None:
                anchor, x = "midtop", center_x
            else:
                anchor, x = "topright", value_x - 40
            if chosen:
                rect = glow_text(surface, item.label, size, col, (x, y), anchor)
                mark = font(size).size(">")[0]
                draw_text(surface, ">", size, col, (rect.left - mark - 14, rect.top))
            else:
                draw_text(surface, item.label, size, col, (x, y), anchor)
            if item.value is not None and value_x is not None:
                vcol = WHITE if chosen else GREY
                draw_text(surface, item.value, size, vcol, (value_x, y))


def _draw_nothing(*args, **kwargs) -> None:
    return None


@contextmanager
def without_hud(renderer):
    """Draw a world view without its HUD panels, objective markers and banners.

    For the title's demo (the logo and menu sit where the HUD would) and the results
    (their text goes over the dimmed scene, not over a frozen HUD). The renderer's own
    methods are shadowed on the instance for the one draw and put back after.
    """
    hud = getattr(renderer, "hud", None)
    targets = [(hud, "draw"), (hud, "banner"), (renderer, "_objective_arrow")]
    saved = []
    for owner, name in targets:
        if owner is None or not hasattr(owner, name):
            continue
        saved.append((owner, name, owner.__dict__.get(name, _MISSING)))
        setattr(owner, name, _draw_nothing)
    try:
        yield renderer
    finally:
        for owner, name, before in saved:
            if before is _MISSING:
                owner.__dict__.pop(name, None)
            else:
                setattr(owner, name, before)


_MISSING = object()
