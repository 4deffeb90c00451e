"""Mars, seen from orbit: a large shaded disc low on the screen, its surface turning slowly.

The planet is scenery, hundreds of kilometres below the level's few kilometres, so it
is drawn in screen space and does not move with the camera. Its surface is a map
(longitude x latitude) made once from seeded value noise: butterscotch plains, dark
basalt provinces, a bright impact basin, craters, a long canyon, a north polar cap.
Everything about the disc that does not change (which pixels it covers, the latitude
and base longitude of each, the sunlight, the limb darkening and the thin limb haze)
is computed once; a frame only shifts the longitude (the module's orbit carries it
over the ground) and gathers colours from the map, into a cached surface that is
rebuilt when the surface has turned by a map column.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

F32 = np.float32
MAP_W, MAP_H = 1024, 512
SUN = np.array([0.85, -0.3, 0.35])  # toward the sun, in the view frame (x right, y down, z out)
HAZE = np.array([255.0, 196.0, 160.0], np.float32)  # the dusty limb
HAZE_BLUE = np.array([150.0, 185.0, 255.0], np.float32)  # high haze where the sun grazes it
ROTATION_DEG_S = 0.35  # the ground drifting by under the orbit, degrees of longitude per second


def _value_noise(rng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    """Smooth noise (h, w) in 0..1 from a random grid `cells` wide, wrapping in x."""
    gw, gh = cells, max(2, cells // 2)
    grid = rng.random((gh + 1, gw)).astype(np.float32)
    x = np.linspace(0, gw, w, endpoint=False, dtype=np.float32)
    y = np.linspace(0, gh, h, endpoint=False, dtype=np.float32)
    x0 = x.astype(np.int32)
    y0 = y.astype(np.int32)
    fx = x - x0
    fy = y - y0
    fx = fx * fx * (3 - 2 * fx)
    fy = fy * fy * (3 - 2 * fy)
    x1 = (x0 + 1) % gw
    y1 = np.minimum(y0 + 1, gh)
    a = grid[y0][:, x0]
    b = grid[y0][:, x1]
    c = grid[y1][:, x0]
    d = grid[y1][:, x1]
    top = a + (b - a) * fx[None, :]
    bottom = c + (d - c) * fx[None, :]
    return top + (bottom - top) * fy[:, None]


def _fbm(rng: np.random.Generator, w: int, h: int, base: int, octaves: int) -> np.ndarray:
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for k in range(octaves):
        out += F32(amp) * _value_noise(rng, w, h, base * 2**k)
        total += amp
        amp *= 0.5
    out -= out.mean()
    out /= out.std() + F32(1e-6)
    return out  # mean 0, standard deviation 1


def surface_map(seed: int) -> np.ndarray:
    """The planet's colours, (MAP_H, MAP_W, 3) float32 0..255, latitude +90 at row 0."""
    rng = np.random.Generator(np.random.PCG64(seed ^ 0x4D415253))
    w, h = MAP_W, MAP_H
    lat = np.linspace(90, -90, h, dtype=np.float32)[:, None]
    lon = np.linspace(0, 360, w, endpoint=False, dtype=np.float32)[None, :]
    relief = _fbm(rng, w, h, 8, 7)
    provinces = _fbm(rng, w, h, 3, 5)
    mottle = _fbm(rng, w, h, 20, 4)
    # dark basalt provinces with ragged edges, and finer mottling of dust over rock
    dark = np.clip((provinces - 0.45) * 1.3 + mottle * 0.35, 0.0, 1.0)
    # a bright, smooth impact basin
    dlon = (lon - 290.0 + 180.0) % 360.0 - 180.0
    basin = np.exp(-((dlon / 26.0) ** 2 + ((lat - 48.0) / 14.0) ** 2))
    dark *= 1.0 - basin
    bright = np.array([204.0, 108.0, 54.0], np.float32)
    dusty = np.array([236.0, 158.0, 96.0], np.float32)
    basalt = np.array([96.0, 58.0, 42.0], np.float32)
    tone = np.clip(0.5 + 0.28 * relief, 0.0, 1.0)[..., None]
    col = bright * (1.0 - tone) + dusty * tone
    col = col * (1.0 - dark[..., None] * 0.8) + basalt * (dark[..., None] * 0.8)
    col = col * (1.0 + 0.18 * basin[..., None])
    # a long canyon system
    d_canyon = np.abs(lat - (58.0 + 3.0 * np.sin(np.radians(lon) * 3.0)))
    along = np.exp(-(((lon - 120.0 + 180.0) % 360.0 - 180.0) / 40.0) ** 2)
    canyon = np.exp(-(d_canyon / 1.0) ** 2) * along
    col *= (1.0 - 0.5 * canyon)[..., None]
    # craters: dark floors, faint rims; many small, a few large
    shade = np.zeros((h, w), np.float32)
    for _ in range(1400):
        cx = rng.random() * w
        cy = h * (0.05 + 0.9 * rng.random())
        radius = 0.6 + 6.0 * rng.random() ** 4.0
        x0, x1 = int(cx - 2 * radius), int(cx + 2 * radius) + 1
        y0, y1 = max(0, int(cy - 2 * radius)), min(h, int(cy + 2 * radius) + 1)
        ys = np.arange(y0, y1)[:, None]
        xs = np.arange(x0, x1)[None, :]
        d = np.hypot(xs - cx, ys - cy) / radius
        bowl = -0.13 * np.clip(1.0 - d * d, 0.0, 1.0) + 0.05 * np.exp(-((d - 1.0) / 0.2) ** 2)
        shade[y0:y1, xs[0] % w] += bowl.astype(np.float32)
    col *= (1.0 + shade)[..., None]
    # the north polar cap (and a smaller southern one), with a frosty ragged edge
    edge = 79.0 + 2.0 * _fbm(rng, w, h, 16, 3)
    cap = np.clip((lat - edge) / 3.0, 0.0, 1.0)
    south = np.clip((-lat - 82.0) / 2.5, 0.0, 1.0)
    ice = np.array([250.0, 244.0, 236.0], np.float32)
    frost = np.maximum(cap, south)[..., None]
    col = col * (1.0 - frost) + ice * frost
    return np.clip(col, 0.0, 255.0).astype(np.float32)


class Mars:
    """The planet's disc for a screen of `size`, lower left, lit from the upper right."""

    def __init__(self, size: tuple[int, int], seed: int):
        self.w, self.h = size
        w, h = size
        self.radius = 1.35 * h
        self.cx = 0.3 * w
        self.cy = h + self.radius - 0.36 * h
        self.map = surface_map(seed)
        self.surface = pygame.Surface(size)
        self._column = None
        self._geometry()

    def _geometry(self) -> None:
        """Which pixels the disc (and its haze) covers, and what is constant about each."""
        w, h = self.w, self.h
        top = max(0, int(self.cy - self.radius * 1.05))
        self.rect = pygame.Rect(0, top, w, h - top)  # the part of the screen it can touch
        ys, xs = np.mgrid[top:h, 0:w]
        nx = (xs - self.cx) / self.radius
        ny = (ys - self.cy) / self.radius
        d2 = nx * nx + ny * ny
        on = d2 < 1.0
        haze_zone = (d2 >= 1.0) & (d2 < 1.045**2)
        self.idx_disc = (ys[on] * w + xs[on]).astype(np.int64)  # row-major (y, x)
        nz = np.sqrt(np.maximum(0.0, 1.0 - d2[on]))
        px, py = nx[on], ny[on]
        # the planet's axis leans a little toward the viewer and to the left
        tilt = math.radians(8.0)
        roll = math.radians(-14.0)
        # roll about the view axis, then tilt about x
        rx = px * math.cos(roll) - py * math.sin(roll)
        ry = px * math.sin(roll) + py * math.cos(roll)
        y2 = ry * math.cos(tilt) - nz * math.sin(tilt)
        z2 = ry * math.sin(tilt) + nz * math.cos(tilt)
        lat = np.degrees(np.arcsin(np.clip(-y2, -1.0, 1.0)))
        lon = np.degrees(np.arctan2(rx, z2))
        self.row = np.clip(((90.0 - lat) / 180.0 * MAP_H).astype(np.int32), 0, MAP_H - 1)
        self.col0 = ((lon % 360.0) / 360.0 * MAP_W).astype(np.int32)
        sun = SUN / np.linalg.norm(SUN)
        lambert = np.clip(px * sun[0] + py * sun[1] + nz * sun[2], 0.0, 1.0)
        light = (0.03 + 1.3 * lambert**0.75) * (0.72 + 0.28 * nz**0.3)
        # dusty air: the limb reddens and lifts a little where the sun grazes it
        limb = np.exp(-nz / 0.09)
        self.light = light.astype(np.float32)[:, None]
        self.limb_tint = (limb * lambert ** 0.5)[:, None].astype(np.float32) * (HAZE * 0.35)
        # the thin haze above the limb, brightest on the sunlit side
        hx, hy = nx[haze_zone], ny[haze_zone]
        hd = np.sqrt(d2[haze_zone])
        lit = np.clip((hx * sun[0] + hy * sun[1]) / np.maximum(hd, 1e-6) * 0.8 + 0.35, 0.0, 1.0)
        fall = np.exp(-(hd - 1.0) / 0.007)
        glow = (fall * lit)[:, None]
        high = np.exp(-(hd - 1.0) / 0.02)[:, None] * lit[:, None] * 0.25
        self.idx_haze = (ys[haze_zone] * w + xs[haze_zone]).astype(np.int64)
        self.haze_rgb = np.clip(glow * HAZE * 0.9 + high * HAZE_BLUE, 0, 255).astype(np.uint8)
        self.rgb = np.zeros((h * w, 3), np.uint8)

    def column(self, t: float) -> int:
        return int(t * ROTATION_DEG_S / 360.0 * MAP_W) % MAP_W

    def render(self, t: float) -> pygame.Surface:
        """The disc (black around it) at time t; rebuilt only when the ground has moved."""
        col = self.column(t)
        if col == self._column:
            return self.surface
        self._column = col
        c = (self.col0 + col) % MAP_W
        colour = self.map[self.row, c] * self.light + self.limb_tint
        rgb = self.rgb
        rgb[self.idx_disc] = np.clip(colour, 0, 255).astype(np.uint8)
        rgb[self.idx_haze] = self.haze_rgb
        pygame.surfarray.blit_array(self.surface, rgb.reshape(self.h, self.w, 3).transpose(1, 0, 2))
        return self.surface

    def covers(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Which screen points lie on the disc (for hiding the stars behind it)."""
        dx = (x - F32(self.cx)) / F32(self.radius)
        dy = (y - F32(self.cy)) / F32(self.radius)
        return dx * dx + dy * dy < F32(1.0)
