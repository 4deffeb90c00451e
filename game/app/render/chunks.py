"""The debris chunks: tumbling irregular polygons, in every level whose [debris] has them.

Chunks are solid points in the simulation (`world.chunks`) copied into the cosmetic
particles' chunk slots; here each slot gets a seeded irregular outline and spin, the
vertices of all the chunks on screen are placed in one numpy transform and only those
few hundred polygons are drawn.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.particles import CosmeticParticles
from game.levels import Level
from game.sim.world import World

F32 = np.float32
CHUNK_SIDES = 7


class DebrisChunks:
    def __init__(self, level: Level, seed: int, size: tuple[int, int]):
        self.w, self.h = size
        cfg = level.config
        self.chunk_radius = float(cfg.debris.chunk_radius)
        n = max(0, min(cfg.debris.chunks, cfg.debris.count))
        rng = np.random.Generator(np.random.PCG64(seed ^ 0xC4C4B0))
        # seeded outlines: jittered angles, lumpy radii (unit chunk radius)
        ang = (np.arange(CHUNK_SIDES) / CHUNK_SIDES)[None, :] * 2 * math.pi
        ang = ang + rng.uniform(-0.35, 0.35, (n, CHUNK_SIDES)) * (2 * math.pi / CHUNK_SIDES)
        rad = rng.uniform(0.55, 1.15, (n, CHUNK_SIDES))
        rad *= rng.uniform(0.7, 1.25, (n, 1))  # some chunks are bigger than others
        stretch = rng.uniform(0.65, 1.0, (n, 1))  # and many are elongated
        self.shape_x = (np.cos(ang) * rad).astype(F32)
        self.shape_y = (np.sin(ang) * rad * stretch).astype(F32)
        self.spin = rng.uniform(-1.1, 1.1, n).astype(F32)
        self.phase = rng.uniform(0, 2 * math.pi, n).astype(F32)
        rust = rng.random(n)[:, None]
        light = rng.uniform(0.7, 1.1, n)[:, None]
        rock = np.array([150, 135, 115], np.float32)
        rusty = np.array([170, 100, 58], np.float32)
        cols = (rock * (1 - rust) + rusty * rust) * light
        self.edge = np.clip(cols, 0, 255).astype(np.uint8)
        self.fill = np.clip(cols * 0.3, 0, 255).astype(np.uint8)

    def draw(self, surface: pygame.Surface, world: World, particles: CosmeticParticles,
             origin: tuple[float, float], zoom: float, clock: float) -> int:
        """Draw the chunks on screen as tumbling polygons; returns how many were drawn."""
        lo, hi = particles.debris_start, particles.chunk_end
        n = min(hi - lo, self.spin.size)
        rpx = self.chunk_radius * zoom
        if n <= 0 or rpx < 2.5:
            return 0
        presence = world.ellipse.presence if not world.ellipse.gone else 0.0
        if presence <= 0.01:
            return 0
        pos = particles.pos[lo:lo + n]
        sx = pos[:, 0] * F32(zoom) + F32(origin[0])
        sy = pos[:, 1] * F32(zoom) + F32(origin[1])
        m = F32(rpx * 1.5)
        vis = np.flatnonzero((sx > -m) & (sx < self.w + m) & (sy > -m) & (sy < self.h + m))
        if vis.size == 0:
            return 0
        a = self.phase[vis] + self.spin[vis] * F32(clock)
        c = np.cos(a)[:, None] * F32(rpx)
        s = np.sin(a)[:, None] * F32(rpx)
        bx, by = self.shape_x[vis], self.shape_y[vis]
        px = bx * c - by * s + sx[vis, None]
        py = bx * s + by * c + sy[vis, None]
        verts = np.stack([px, py], axis=2).tolist()
        k = min(1.0, presence * 2.0)
        fills = (self.fill[vis] * k).astype(np.uint8).tolist()
        edges = (self.edge[vis] * k).astype(np.uint8).tolist()
        draw_poly = pygame.draw.polygon
        for pts, fc, ec in zip(verts, fills, edges, strict=True):
            draw_poly(surface, fc, pts)
            draw_poly(surface, ec, pts, 1)
        return int(vis.size)
