"""The burial in space, drawn in the game's vector glow: the starship, and a casket
launched from it drifting away toward the stars.

Kept apart from the memorial's pages because it is a small renderer of its own:
every shape goes through the same `Pen` as the play renderer, once thick and dim on
a small glow layer (scaled up and added: the halo), once crisp on the frame. Time is
the page's time in seconds, so the animation is the same whatever the frame rate
and a screenshot can show any moment of it. The motion is slow on purpose; with
reduce-motion on, nothing blinks, twinkles or flashes and the casket glides at the
same pace.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.palette import scaled, towards_white
from game.app.render.vectors import Pen, hull_points

GLOW_DIV = 2  # the halo is drawn at half resolution ...
BLUR_DIV = 8  # ... and blurred through an eighth
LAUNCH_AT = 3.0  # s into the page when the casket leaves the bay
DRIFT_TAU = 13.0  # s: the casket covers 63 % of its way in this time, then slows
EASE_IN = 2.5  # s: how gently it starts moving
FADE_FROM = 0.72  # fraction of the way after which the casket dims to a star
SHIP_COLOUR = (120, 220, 255)
CASKET_COLOUR = (225, 232, 245)
BEACON = (255, 190, 90)
WINDOW = (255, 214, 150)

# the starship of ships.toml, used when that file cannot be read
FALLBACK_OUTLINE = [(1.0, 0.0), (0.35, 0.16), (-0.2, 0.2), (-0.55, 0.5), (-0.62, 0.42),
                    (-0.45, 0.12), (-0.5, 0.0), (-0.45, -0.12), (-0.62, -0.42), (-0.55, -0.5),
                    (-0.2, -0.2), (0.35, -0.16)]
CASKET_SHAPE = [(1.0, 0.0), (0.72, 0.34), (-0.72, 0.34), (-1.0, 0.0), (-0.72, -0.34), (0.72, -0.34)]


def starship_outline() -> list[tuple[float, float]]:
    """The starship's hull outline from ships.toml (nose +x, in hull lengths)."""
    try:
        from game.levels import load_ships

        spec = load_ships().ships.get("starship")
        if spec is not None and spec.outline:
            return [(float(x), float(y)) for x, y in spec.outline]
    except Exception:  # noqa: BLE001 - a broken ships file only costs the exact shape
        pass
    return list(FALLBACK_OUTLINE)


class Burial:
    """Draws the burial at page time `t` (s) onto a frame of `size`."""

    def __init__(self, size: tuple[int, int], reduce_motion: bool = False,
                 outline: list[tuple[float, float]] | None = None):
        self.size = size
        self.reduce_motion = reduce_motion
        w, h = size
        self.glow = pygame.Surface((max(1, w // GLOW_DIV), max(1, h // GLOW_DIV)))
        self.blur = pygame.Surface((max(1, w // BLUR_DIV), max(1, h // BLUR_DIV)))
        self.big = pygame.Surface(size)
        self.pen = Pen(self.glow, size)
        self.outline = outline or starship_outline()
        self.ship_at = (w * 0.30, h * 0.44)
        self.ship_angle = -0.14  # nose a little above the horizon
        self.ship_size = h * 0.34  # px per hull length
        self.target = (w * 0.82, h * 0.27)  # the star the casket drifts toward
        rng = np.random.default_rng(2032)
        self.faint = _star_layer(size, rng)
        n = 46
        self.stars = np.column_stack([rng.uniform(0, w, n), rng.uniform(0, h * 0.9, n)])
        self.star_level = rng.uniform(0.35, 1.0, n)
        self.star_phase = rng.uniform(0, 2 * math.pi, n)
        self.star_rate = rng.uniform(0.3, 0.9, n)

    # ---------------------------------------------------------------- geometry
    def to_screen(self, local: tuple[float, float]) -> tuple[float, float]:
        """A point of the ship in hull lengths -> screen pixels."""
        p = hull_points([local], *self.ship_at, self.ship_angle, self.ship_size)
        return float(p[0, 0]), float(p[0, 1])

    @property
    def bay(self) -> tuple[float, float]:
        """The launch bay, on the ship's upper side behind the saucer."""
        return self.to_screen((-0.12, -0.17))

    def casket(self, t: float) -> tuple[float, float, float, float, float] | None:
        """(x, y, length px, angle, brightness 0..1) of the casket at page time t; None before launch."""
        if t < LAUNCH_AT:
            return None
        s = t - LAUNCH_AT
        s -= EASE_IN * (1.0 - math.exp(-s / EASE_IN))  # leaves the bay from rest...
        way = 1.0 - math.exp(-s / DRIFT_TAU)  # ... then ever slower toward its star
        bx, by = self.bay
        tx, ty = self.target
        dx, dy = tx - bx, ty - by
        dist = math.hypot(dx, dy) or 1.0
        nx, ny = dy / dist, -dx / dist  # the arc rises away from the hull
        bulge = 28.0 * 4.0 * way * (1.0 - way)  # a shallow arc rather than a ruler line
        x = bx + dx * way + nx * bulge
        y = by + dy * way + ny * bulge
        length = 34.0 * (1.0 - 0.88 * way)  # receding: smaller as it goes
        angle = math.atan2(dy, dx) + 0.35 * math.sin(0.09 * s)  # a slow, slight roll
        bright = 1.0 if way < FADE_FROM else max(0.25, 1.0 - (way - FADE_FROM) / (1 - FADE_FROM))
        return x, y, length, angle, bright

    # ---------------------------------------------------------------- drawing
    def draw(self, surface: pygame.Surface, t: float) -> None:
        surface.blit(self.faint, (0, 0))
        self._stars(surface, t)
        self.glow.fill((0, 0, 0))
        self.pen.begin(self.glow, glow=True)
        self._vectors(t)
        # the halo: the half-size layer averaged down to an eighth (which smooths its
        # aliased lines), scaled back up and added a few times for strength
        pygame.transform.smoothscale(self.glow, self.blur.get_size(), self.blur)
        pygame.transform.smoothscale(self.blur, self.size, self.big)
        for _ in range(4):
            surface.blit(self.big, (0, 0), special_flags=pygame.BLEND_ADD)
        self.pen.begin(surface, glow=False)
        self._vectors(t)
        self._windows(surface)

    def _stars(self, surface: pygame.Surface, t: float) -> None:
        tw = 0.0 if self.reduce_motion else 0.25
        for (x, y), lvl, ph, rate in zip(self.stars, self.star_level, self.star_phase,
                                         self.star_rate, strict=True):
            k = lvl * (1.0 - tw + tw * math.sin(ph + rate * t))
            c = scaled((200, 215, 255), k)
            pygame.draw.circle(surface, c, (int(x), int(y)), 1)
        # the casket's star: brighter, with a faint cross
        tx, ty = self.target
        pygame.draw.circle(surface, (235, 240, 255), (int(tx), int(ty)), 2)
        for dx, dy in ((1, 0), (0, 1)):
            pygame.draw.line(surface, (70, 80, 110), (tx - 9 * dx, ty - 9 * dy), (tx + 9 * dx, ty + 9 * dy))

    def _vectors(self, t: float) -> None:
        pen = self.pen
        hull = hull_points(self.outline, *self.ship_at, self.ship_angle, self.ship_size)
        pen.poly(hull, SHIP_COLOUR, width=2, glow=1.2)
        for side in (-1, 1):  # the nacelles' pylons
            pen.line(self.to_screen((-0.2, 0.2 * side)), self.to_screen((-0.5, 0.44 * side)),
                     scaled(SHIP_COLOUR, 0.5), width=1, glow=0.3)
        self._running_lights(t)
        self._casket(t)

    def _running_lights(self, t: float) -> None:
        on = 1.0 if self.reduce_motion else 0.55 + 0.45 * (math.sin(t * 1.3) > 0.6)
        for local, colour in (((-0.58, -0.47), (255, 80, 70)), ((-0.58, 0.47), (90, 255, 140))):
            x, y = self.to_screen(local)
            self.pen.ring(x, y, 2.5, scaled(colour, on), width=2, glow=1.5 * on, segments=10)

    def _casket(self, t: float) -> None:
        pen = self.pen
        if t >= LAUNCH_AT and not self.reduce_motion:
            age = t - LAUNCH_AT
            if age < 2.5:  # the bay's soft light as the casket leaves it
                k = 1.0 - age / 2.5
                bx, by = self.bay
                pen.ring(bx, by, 6.0 + 14.0 * age, scaled(BEACON, 0.5 * k), width=1, glow=0.8 * k)
        state = self.casket(t)
        if state is None:
            return
        x, y, length, angle, bright = state
        if length >= 5.0:
            body = hull_points(CASKET_SHAPE, x, y, angle, length / 2.0)
            pen.poly(body, scaled(CASKET_COLOUR, bright), width=2, glow=0.9 * bright)
            c, s = math.cos(angle), math.sin(angle)
            half = length * 0.3
            pen.line((x - c * half, y - s * half), (x + c * half, y + s * half),
                     scaled(CASKET_COLOUR, 0.6 * bright), width=1, glow=0.2)
        beacon = 0.8 if self.reduce_motion else 0.45 + 0.55 * max(0.0, math.sin(t * 1.6))
        pen.ring(x, y, max(1.5, length * 0.09), scaled(BEACON, beacon * bright), width=2,
                 glow=1.4 * bright, segments=10)

    def _windows(self, surface: pygame.Surface) -> None:
        """A row of lit windows along the hull: the crew, watching."""
        for k in range(9):
            x, y = self.to_screen((0.62 - k * 0.075, -0.05 + 0.006 * k))
            pygame.draw.circle(surface, WINDOW, (int(x), int(y)), 2)
        for k in range(6):
            x, y = self.to_screen((0.1 - k * 0.07, 0.1))
            pygame.draw.circle(surface, towards_white(WINDOW, 0.2), (int(x), int(y)), 1)


def _star_layer(size: tuple[int, int], rng: np.random.Generator, count: int = 700) -> pygame.Surface:
    """Faint fixed stars, with a thin band of denser ones across the sky."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill((0, 0, 0))
    xs = rng.uniform(0, w, count)
    band = rng.random(count) < 0.45
    ys = np.where(band, (h * 0.15 + xs * 0.22 + rng.normal(0, h * 0.07, count)),
                  rng.uniform(0, h, count))
    levels = rng.uniform(25, 120, count)
    for x, y, v in zip(xs, ys, levels, strict=True):
        if 0 <= y < h:
            surf.set_at((int(x), int(y)), (int(v * 0.9), int(v * 0.95), int(min(255, v + 25))))
    return surf
