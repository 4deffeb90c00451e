"""The debris chunks: tumbling irregular polygons, in every level whose [debris] has them.

Chunks are solid points in the simulation (`world.chunks`) copied into the cosmetic
particles' chunk slots; here each slot gets a seeded irregular outline and spin. Only
the chunks on screen are drawn: each as a sprite of its outline at its turn (in steps
of 5.6 degrees, made once and kept while it is drawn and the zoom holds), all blitted
in one call; the few still without a sprite this frame, and chunks fading in with the
ellipse, are drawn as polygons, their vertices placed in one numpy transform.
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
ANGLE_STEPS = 64  # a chunk's sprite turns in steps of 5.6 degrees (under a pixel at its tips)
# Sprites kept: at least this many, and twice the chunks drawn; past that, all but this
# frame's go. A chunk turns to its next step every few frames and comes back to a step a
# whole turn later (seconds), so a sprite not drawn this frame is rarely drawn again soon:
# in the eye, 2,048 kept made as many sprites a frame as 384 (17.8), but freeing them costs
# more the more are alive (SDL walks a list of every surface blitted onto the frame), so
# the chunks took 0.57-0.62 ms a frame (p95 1.06-1.07) against 0.52-0.56 (p95 0.82-0.86).
SPRITES = 384
NEW_SPRITES = 24  # made at most per frame; the other chunks that need one are drawn directly
# Sprites let go of (past SPRITES, or all of them at a new zoom) are freed at most this many
# a frame, the newest first. SDL lists every surface blitted onto a target in that target
# (newest first) and freeing one walks the list to it: freeing 2,000 at once, the oldest
# first, took 9-10 ms in the eye, a visible hitch every second or two.
FREED_PER_FRAME = 64


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
        self._edges = [tuple(c) for c in self.edge.tolist()]
        self._fills = [tuple(c) for c in self.fill.tolist()]
        # each chunk at each of ANGLE_STEPS turns, drawn once at this on-screen radius
        self._sprites: dict[tuple[int, int], pygame.Surface] = {}
        self._sprite_rpx = -1.0
        self._unused: list[pygame.Surface] = []  # let go of, oldest first; freed from the end

    def draw(self, surface: pygame.Surface, world: World, particles: CosmeticParticles,
             origin: tuple[float, float], zoom: float, clock: float) -> int:
        """Draw the chunks on screen as tumbling polygons; returns how many were drawn."""
        del self._unused[-FREED_PER_FRAME:]  # every frame, drawn or not (off screen, faded)
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
        k = min(1.0, presence * 2.0)
        if k < 1.0:  # fading in with the ellipse: colours of this frame, drawn directly
            self._draw_direct(surface, vis, a, sx, sy, rpx, k)
            return int(vis.size)
        # whole, as almost always: each chunk as a sprite of its shape at its turn (step),
        # blitted in one call; a sprite is drawn the first time it is needed
        rkey = round(rpx * 4.0) / 4.0
        if rkey != self._sprite_rpx:
            self._unused.extend(self._sprites.values())
            self._sprites = {}
            self._sprite_rpx = rkey
        step = np.rint(a * F32(ANGLE_STEPS / (2.0 * math.pi))).astype(np.intp) % ANGLE_STEPS
        half = self._half(rkey)
        xs = np.rint(sx[vis] - F32(half)).astype(np.intp).tolist()
        ys = np.rint(sy[vis] - F32(half)).astype(np.intp).tolist()
        sprites, seq, direct, used = self._sprites, [], [], []
        budget = NEW_SPRITES
        for j, key in enumerate(zip(vis.tolist(), step.tolist(), strict=True)):
            sprite = sprites.get(key)
            if sprite is None:
                if budget <= 0:
                    direct.append(j)
                    continue
                budget -= 1
                sprite = sprites[key] = self._sprite(key[0], key[1], rkey)
            seq.append((sprite, (xs[j], ys[j])))
            used.append(key)
        if len(sprites) > max(SPRITES, 2 * len(seq)):  # this frame's are kept, the others let go of
            kept = {key: sprites.pop(key) for key in used}
            self._unused.extend(sprites.values())  # in the order they were made
            self._sprites = kept
        if direct:
            at = np.asarray(direct, np.intp)
            self._draw_direct(surface, vis[at], a[at], sx, sy, rpx, 1.0)
        surface.blits(seq, doreturn=False)
        return int(vis.size)

    @staticmethod
    def _half(rpx: float) -> float:
        """Half a sprite's side: the largest outline (1.15 x 1.25 chunk radii) and a pixel."""
        return math.ceil(rpx * 1.45) + 1.0

    def _sprite(self, i: int, step: int, rpx: float) -> pygame.Surface:
        half = self._half(rpx)
        side = int(2 * half) + 1
        t = step * (2.0 * math.pi / ANGLE_STEPS)
        c, s = math.cos(t) * rpx, math.sin(t) * rpx
        pts = [(half + x * c - y * s, half + x * s + y * c)
               for x, y in zip(self.shape_x[i].tolist(), self.shape_y[i].tolist(), strict=True)]
        sprite = pygame.Surface((side, side))
        pygame.draw.polygon(sprite, self._fills[i], pts)
        pygame.draw.polygon(sprite, self._edges[i], pts, 1)
        sprite.set_colorkey((0, 0, 0), pygame.RLEACCEL)
        return sprite

    def _draw_direct(self, surface: pygame.Surface, vis: np.ndarray, a: np.ndarray, sx: np.ndarray,
                     sy: np.ndarray, rpx: float, k: float) -> None:
        """The chunks `vis` (turned by `a`) drawn as polygons on `surface`, colours times k."""
        c = np.cos(a)[:, None] * F32(rpx)
        s = np.sin(a)[:, None] * F32(rpx)
        bx, by = self.shape_x[vis], self.shape_y[vis]
        px = bx * c - by * s + sx[vis, None]
        py = bx * s + by * c + sy[vis, None]
        verts = np.stack([px, py], axis=2).tolist()
        fills = (self.fill[vis] * k).astype(np.uint8).tolist()
        edges = (self.edge[vis] * k).astype(np.uint8).tolist()
        draw_poly = pygame.draw.polygon
        for pts, fc, ec in zip(verts, fills, edges, strict=True):
            draw_poly(surface, fc, pts)
            draw_poly(surface, ec, pts, 1)
