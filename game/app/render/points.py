"""Point lights written straight into pixels: the parallax starfield and the particles.

Everything here goes through one full-resolution layer (blitted with BLEND_ADD) whose
pixels are written with numpy indexing through `pygame.surfarray.pixels2d`: brightness
is accumulated per pixel with `np.bincount` and mapped through per-kind colour tables.
The particles also leave a soft haze in the low-resolution glow buffer, so dense motes
read as luminescence rather than dust.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.palette import pack, ramp
from game.levels import Level
from game.sim.world import EXHAUST, MOTE, SPARK, World

F32 = np.float32
LEVELS = 256

# colour tables per particle kind, indexed by accumulated brightness 0..255
KIND_RAMPS = {
    MOTE: ramp([(0.0, (0, 0, 0)), (0.25, (40, 70, 170)), (0.55, (120, 170, 255)),
                (0.8, (200, 225, 255)), (1.0, (255, 255, 255))]),
    EXHAUST: ramp([(0.0, (0, 0, 0)), (0.2, (120, 30, 0)), (0.5, (255, 130, 30)),
                   (0.8, (255, 220, 150)), (1.0, (255, 255, 240))]),
    SPARK: ramp([(0.0, (0, 0, 0)), (0.3, (20, 120, 160)), (0.6, (90, 230, 255)),
                 (1.0, (235, 255, 255))]),
}
# what each kind adds to the soft glow, per unit of brightness (RGB, 0..1 per particle)
KIND_HAZE = {
    MOTE: np.array([0.10, 0.16, 0.42], np.float32),
    EXHAUST: np.array([0.55, 0.25, 0.05], np.float32),
    SPARK: np.array([0.10, 0.45, 0.55], np.float32),
}
MOTE_BRIGHTNESS = 150.0
EXHAUST_BRIGHTNESS = 230.0
SPARK_BRIGHTNESS = 255.0


class PointLayer:
    def __init__(self, level: Level, seed: int, size: tuple[int, int], glow_size: tuple[int, int]):
        self.w, self.h = size
        self.gw, self.gh = glow_size
        self.surface = pygame.Surface(size)
        self.luts = np.zeros((3, LEVELS), np.uint32)
        self.half_luts = np.zeros((3, LEVELS), np.uint32)
        for kind, table in KIND_RAMPS.items():
            self.luts[kind] = pack(self.surface, table)
            self.half_luts[kind] = pack(self.surface, (table.astype(np.uint16) * 2 // 5)
                                        .astype(np.uint8))
        self._haze = np.zeros((self.gw * self.gh, 3), np.float32)
        self._init_stars(level, seed)
        self.exhaust_life = float(level.config.particles.exhaust_life)

    # ------------------------------------------------------------------ stars
    def _init_stars(self, level: Level, seed: int) -> None:
        view = level.config.view
        rng = np.random.Generator(np.random.PCG64(seed ^ 0x5EED57A5))
        layers, per = int(view.star_layers), int(view.stars_per_layer)
        n = layers * per
        self.star_x = rng.uniform(0, self.w, n).astype(F32)
        self.star_y = rng.uniform(0, self.h, n).astype(F32)
        layer = np.repeat(np.arange(layers), per)
        depth = (layer + 1) / (layers + 1)  # 0 far .. 1 near
        # parallax: pixels of star drift per metre the camera moves
        self.star_parallax = (0.02 + 0.10 * depth**2).astype(F32) * F32(self.w / view.min_view_width)
        base = (60 + 150 * depth) * rng.uniform(0.45, 1.0, n)
        self.star_base = base.astype(F32)
        self.star_phase = rng.uniform(0, 2 * math.pi, n).astype(F32)
        self.star_rate = rng.uniform(0.8, 3.2, n).astype(F32)
        self.star_big = depth > 0.7
        tint = rng.choice(3, n, p=[0.7, 0.18, 0.12])
        cols = np.array([[0.85, 0.92, 1.0], [1.0, 0.85, 0.65], [0.7, 0.8, 1.0]], np.float32)
        self.star_tint = cols[tint]

    def _draw_stars(self, flat: np.ndarray, cam_x: float, cam_y: float, t: float) -> None:
        x = self.star_x - F32(cam_x) * self.star_parallax
        y = self.star_y - F32(cam_y) * self.star_parallax
        np.mod(x, F32(self.w - 2), out=x)
        np.mod(y, F32(self.h - 2), out=y)
        twinkle = np.sin(self.star_phase + F32(t) * self.star_rate)
        twinkle *= F32(0.3)
        twinkle += F32(0.7)
        bright = self.star_base * twinkle
        rgb = (self.star_tint * bright[:, None]).clip(0, 255).astype(np.uint8)
        packed = pack(self.surface, rgb)
        idx = y.astype(np.int32) * self.w + x.astype(np.int32)
        big = self.star_big
        if big.any():
            halo = pack(self.surface, (rgb[big].astype(np.uint16) * 2 // 5).astype(np.uint8))
            bi = idx[big]
            for off in (1, self.w):
                flat[bi + off] = halo
        flat[idx] = packed

    # ------------------------------------------------------------------ particles
    def _draw_particles(self, flat: np.ndarray, world: World, ox: float, oy: float,
                        zoom: float) -> np.ndarray | None:
        p = world.particles
        if p.capacity == 0:
            return None
        live = p.life > 0
        kind = p.kind
        presence = world.ellipse.presence if not world.ellipse.gone else 0.0
        sx = p.pos[:, 0] * F32(zoom)
        sx += F32(ox)
        sy = p.pos[:, 1] * F32(zoom)
        sy += F32(oy)
        keep = live & (sx >= 1) & (sx < self.w - 2) & (sy >= 1) & (sy < self.h - 2)
        if presence <= 0.01:
            keep &= kind != MOTE
        sel = np.flatnonzero(keep)
        if sel.size == 0:
            return None
        k = kind[sel]
        xi = sx[sel].astype(np.int32)
        yi = sy[sel].astype(np.int32)
        idx = yi * self.w + xi
        # brightness per particle by kind
        weight = np.empty(sel.size, np.float32)
        is_mote = k == MOTE
        is_exh = k == EXHAUST
        life = p.life[sel]
        np.minimum(life, F32(self.exhaust_life), out=life)
        weight[:] = F32(SPARK_BRIGHTNESS) * np.minimum(F32(1.0), life * F32(3.0))
        w_exh = F32(EXHAUST_BRIGHTNESS / self.exhaust_life) * life
        weight[is_exh] = w_exh[is_exh]
        weight[is_mote] = F32(MOTE_BRIGHTNESS * presence)
        acc = np.bincount(idx, weights=weight, minlength=self.w * self.h)
        level = np.minimum(acc[idx], LEVELS - 1).astype(np.int32)
        k32 = k.astype(np.int32)
        colour = self.luts[k32, level]
        halo = self.half_luts[k32, level]
        for off in (-1, 1, -self.w, self.w):
            flat[idx + off] = halo
        flat[idx] = colour

        # soft haze in the glow buffer (x-major, like the glow texture)
        gx = (xi * self.gw) // self.w
        gy = (yi * self.gh) // self.h
        gi = gx * self.gh + gy
        haze = self._haze
        haze.fill(0.0)
        n = self.gw * self.gh
        for kd, tint in KIND_HAZE.items():
            m = k == kd
            if not m.any():
                continue
            c = np.bincount(gi[m], weights=weight[m], minlength=n).astype(np.float32)
            haze += c[:, None] * tint
        return haze

    def _draw_sparks(self, flat: np.ndarray, sparks) -> None:
        x, y, life = sparks
        ok = (x >= 1) & (x < self.w - 2) & (y >= 1) & (y < self.h - 2)
        if not ok.any():
            return
        idx = y[ok].astype(np.int32) * self.w + x[ok].astype(np.int32)
        level = np.clip(life[ok] * 500.0, 0, LEVELS - 1).astype(np.int32)
        for off in (-1, 1, -self.w, self.w):
            flat[idx + off] = self.half_luts[SPARK, level]
        flat[idx] = self.luts[SPARK, level]

    # ------------------------------------------------------------------ frame
    def render(self, world: World, cam_x: float, cam_y: float, origin: tuple[float, float],
               zoom: float, t: float, sparks=None) -> np.ndarray | None:
        """Redraw the layer; returns the particles' haze (gw*gh, 3), x-major, or None."""
        self.surface.fill((0, 0, 0))
        pixels = pygame.surfarray.pixels2d(self.surface)
        flat = pixels.T.reshape(-1)  # a view when the rows are packed (they are here)
        if not np.shares_memory(flat, pixels):
            raise RuntimeError("point layer is not contiguous")
        self._draw_stars(flat, cam_x, cam_y, t)
        haze = self._draw_particles(flat, world, origin[0], origin[1], zoom)
        if sparks is not None:
            self._draw_sparks(flat, sparks)
        del flat, pixels
        return haze
