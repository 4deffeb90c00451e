"""What the calm eye holds: tumbling debris chunks, the lost module, sensor echoes, the
scan sweep around the ship and the collectible samples.

Chunks are particles in the simulation (kind CHUNK, fixed slots); here each slot gets a
seeded irregular outline and spin, the vertices of all the chunks on screen are placed
in one numpy transform and only those few hundred polygons are drawn. The module stays
hidden until the sweep finds it; before that only its echoes show, scattered blips that
gather as the sweep closes in.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.palette import scaled, towards_white
from game.app.render.particles import CosmeticParticles
from game.app.render.text import Text
from game.app.render.vectors import Pen, hull_points
from game.levels import Level
from game.sim.kinds.eye import eye_of
from game.sim.world import World

F32 = np.float32
CHUNK_SIDES = 7
ECHO = (90, 235, 255)
SCAN = (120, 255, 200)
SAMPLE = (215, 255, 90)
MODULE_HULL = (236, 236, 222)
MODULE_GOLD = (240, 195, 90)
ECHO_RING_S = 1.6  # s: an echo's ping ring expands and fades in this time
ECHO_DOT_S = 10.0  # s: its blip fades in this time
SWEEP_RATE = 3.2  # rad/s of the radar wedge
SAMPLE_LABEL_PX = 300.0  # samples this close to the ship on screen show their name
MODULE_MIN_PX = 64.0  # the module is never drawn smaller than this (it must read)
TOWED_MIN_PX = 22.0  # in a towing level: smaller, so the beam shows between her and the ship

# the command module in hull lengths, nose +x: capsule, service section, engine bell,
# solar wings (mirrored for -y)
CAPSULE = [(0.06, 0.19), (0.43, 0.075), (0.5, 0.045), (0.5, -0.045), (0.43, -0.075),
           (0.06, -0.19)]
HEAT_SHIELD = [(0.055, 0.205), (0.055, -0.205)]
WINDOW = [(0.3, 0.05), (0.36, 0.03)]
SERVICE = [(0.05, 0.17), (-0.36, 0.17), (-0.36, -0.17), (0.05, -0.17)]
BANDS = [[(-0.08, 0.17), (-0.08, -0.17)], [(-0.22, 0.17), (-0.22, -0.17)]]
BELL = [(-0.36, 0.07), (-0.5, 0.125), (-0.5, -0.125), (-0.36, -0.07)]
WING = [(-0.03, 0.25), (-0.27, 0.25), (-0.27, 0.8), (-0.03, 0.8)]
BOOM = [(-0.15, 0.17), (-0.15, 0.25)]
WING_GRID = [[(-0.15, 0.25), (-0.15, 0.8)]] + [
    [(-0.03, 0.25 + 0.11 * k), (-0.27, 0.25 + 0.11 * k)] for k in range(1, 5)]
DISH = [(-0.3, -0.17), (-0.34, -0.26), (-0.26, -0.26)]


def _mirror(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x, -y) for x, y in pts]


class EyeObjects:
    def __init__(self, level: Level, seed: int, size: tuple[int, int]):
        self.level = level
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
        self.sample_names = [s.name for s in cfg.samples]
        self.module_name = cfg.module.name

    # ------------------------------------------------------------------ chunks
    def chunks(self, surface: pygame.Surface, world: World, particles: CosmeticParticles,
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

    # ------------------------------------------------------------------ module
    def module(self, pen: Pen, text: Text | None, x: float, y: float, angle: float,
               zoom: float, clock: float, dist: float | None, towed: bool = False,
               min_px: float = MODULE_MIN_PX, ring: bool = True) -> None:
        """The command module, found: pale hull, gold panels, a pulsing marker ring (if
        `ring`) and her name (not while she is towed: the beam marks her then)."""
        cfg = self.level.config.module
        size = max(cfg.length * zoom, min_px)

        def P(pts):  # noqa: N802 - a shape placed on screen
            return hull_points(pts, x, y, angle, size)

        gold = MODULE_GOLD
        if not pen.glow:
            # solid bodies first, so what drifts behind does not show through the hull
            fill = pygame.draw.polygon
            for wing in (WING, _mirror(WING)):
                fill(pen.target, (58, 44, 18), P(wing).tolist())
            fill(pen.target, (70, 68, 60), P(SERVICE).tolist())
            fill(pen.target, (86, 86, 80), P(CAPSULE).tolist())
            fill(pen.target, (70, 52, 22), P(BELL).tolist())
        for wing in (WING, _mirror(WING)):
            pen.poly(P(wing), scaled(gold, 0.9), width=1, glow=0.8)
        if not pen.glow:
            for grid in WING_GRID:
                for g in (grid, _mirror(grid)):
                    pen.poly(P(g), scaled(gold, 0.55), closed=False, width=1, glow=0.0,
                             core=False)
        for boom in (BOOM, _mirror(BOOM)):
            pen.poly(P(boom), scaled(gold, 0.8), closed=False, width=1, glow=0.3)
        pen.poly(P(SERVICE), scaled(MODULE_HULL, 0.85), width=2, glow=0.9)
        for band in BANDS:
            pen.poly(P(band), scaled(gold, 0.7), closed=False, width=1, glow=0.0, core=False)
        pen.poly(P(BELL), gold, width=2, glow=0.9)
        pen.poly(P(DISH), scaled(MODULE_HULL, 0.7), width=1, glow=0.3)
        pen.poly(P(CAPSULE), MODULE_HULL, width=2, glow=1.3)
        pen.poly(P(HEAT_SHIELD), gold, closed=False, width=2, glow=0.8)
        pen.poly(P(WINDOW), (150, 220, 255), closed=False, width=2, glow=0.6)
        if towed:
            return

        # the marker: a ring at the reach radius that breathes, with corner ticks
        pulse = 0.5 + 0.5 * math.sin(clock * 3.2)
        reach = max(cfg.reach_radius * zoom, size * 0.75)
        ring_r = reach * (1.0 + 0.06 * pulse) if ring else size * 0.6
        if ring:
            self._marker(pen, x, y, ring_r, pulse, clock)
        if text is not None and not pen.glow:
            label = self.module_name.upper()
            text.draw(pen.target, label, 20, towards_white(gold, 0.3),
                      (x, y + ring_r + 18), "center")
            if dist is not None:
                text.draw(pen.target, f"{dist:.0f} m", 16, scaled(gold, 0.8),
                          (x, y + ring_r + 34), "center")

    def _marker(self, pen: Pen, x: float, y: float, ring_r: float, pulse: float,
                clock: float) -> None:
        gold = MODULE_GOLD
        pen.ring(x, y, ring_r, scaled(gold, 0.45 + 0.4 * pulse), width=1, glow=0.9 * pulse,
                 segments=72)
        rot = clock * 0.6
        for k in range(4):
            t = rot + k * math.pi / 2
            c, s = math.cos(t), math.sin(t)
            a0, a1 = ring_r + 5, ring_r + 14
            pen.line((x + c * a0, y + s * a0), (x + c * a1, y + s * a1), scaled(gold, 0.85),
                     width=2, glow=0.8)

    # ------------------------------------------------------------------ scan
    def echoes(self, pen: Pen, world: World, to_screen, zoom: float, now: float) -> None:
        """Sensor echoes: a ping ring and a fading blip each, and the spread they share."""
        sc = eye_of(world)
        if sc is None or sc.found or not sc.echoes:
            return
        for ex, ey, te in sc.echoes:
            age = now - te
            if age < 0 or age > ECHO_DOT_S:
                continue
            x, y = to_screen(ex, ey)
            if not (-40 < x < self.w + 40 and -40 < y < self.h + 40):
                continue
            if age < ECHO_RING_S:
                f = age / ECHO_RING_S
                ease = 1.0 - (1.0 - f) ** 2
                pen.ring(x, y, 4.0 + 30.0 * ease, scaled(ECHO, 1.0 - f), width=1,
                         glow=1.2 * (1.0 - f), segments=28)
            k = max(0.18, 1.0 - age / ECHO_DOT_S)
            r = 3.5
            pen.poly([(x + r, y), (x, y + r), (x - r, y), (x, y - r)], scaled(ECHO, k),
                     width=2, glow=0.9 * k)
        # where the recent echoes cluster: a dashed search circle that tightens
        recent = sc.echoes[-8:]
        if len(recent) >= 3:
            xs = np.array([p[0] for p in recent])
            ys = np.array([p[1] for p in recent])
            cx, cy = float(xs.mean()), float(ys.mean())
            spread = float(np.sqrt(((xs - cx) ** 2 + (ys - cy) ** 2).mean()))
            sx, sy = to_screen(cx, cy)
            rpx = max(14.0, spread * zoom * 1.2)
            pen.ring(sx, sy, rpx, scaled(ECHO, 0.55), width=1, glow=0.4, dashed=True,
                     segments=64)
            pen.line((sx - 6, sy), (sx + 6, sy), scaled(ECHO, 0.6), width=1, glow=0.3)
            pen.line((sx, sy - 6), (sx, sy + 6), scaled(ECHO, 0.6), width=1, glow=0.3)

    def sweep(self, pen: Pen, x: float, y: float, clock: float, progress: float) -> None:
        """The sensor sweep round the ship: a rotating radar wedge and outgoing rings."""
        reach = 0.3 * self.h
        th = clock * SWEEP_RATE
        for k in range(9):
            t = th - k * 0.06
            fade = (1.0 - k / 9.0) ** 1.5
            c, s = math.cos(t), math.sin(t)
            if k and not pen.glow:
                continue  # the trail of the wedge is only a glow: crisp it would be spokes
            pen.line((x + c * 14, y + s * 14), (x + c * reach, y + s * reach),
                     scaled(SCAN, 0.9 * fade), width=2 if k == 0 else 3, glow=1.4 * fade)
        for k in range(2):
            f = ((clock * 0.8) + k * 0.5) % 1.0
            if f < 0.75 or pen.glow:
                pen.ring(x, y, 16 + (reach - 16) * f, scaled(SCAN, 0.75 * (1.0 - f)),
                         width=1, glow=0.8 * (1.0 - f), segments=64)
        pen.ring(x, y, reach, scaled(SCAN, 0.5 + 0.3 * progress), width=1, glow=0.3,
                 dashed=True, segments=72)

    # ------------------------------------------------------------------ samples
    def samples(self, pen: Pen, text: Text | None, world: World, to_screen,
                ship_xy: tuple[float, float], clock: float) -> None:
        smp = eye_of(world)
        if smp is None:
            return
        shx, shy = ship_xy
        for k in range(smp.sample_pos.shape[0]):
            if smp.collected[k]:
                continue
            x, y = to_screen(float(smp.sample_pos[k, 0]), float(smp.sample_pos[k, 1]))
            if not (-20 < x < self.w + 20 and -20 < y < self.h + 20):
                continue
            glint = math.sin(clock * 2.3 + k * 1.9) ** 12  # a sharp flash now and then
            size = 7.0 + 3.0 * glint
            rot = clock * 1.3 + k
            pts = []
            for j in range(8):
                rr = size if j % 2 == 0 else size * 0.32
                t = rot + j * math.pi / 4
                pts.append((x + math.cos(t) * rr, y + math.sin(t) * rr))
            col = towards_white(SAMPLE, 0.5 * glint)
            pen.poly(pts, col, width=1, glow=1.4 + glint)
            if glint > 0.2:
                arm = size * (1.6 + 1.6 * glint)
                pen.line((x - arm, y), (x + arm, y), scaled(col, glint), width=1, glow=glint)
                pen.line((x, y - arm * 0.7), (x, y + arm * 0.7), scaled(col, glint), width=1,
                         glow=glint)
            if text is not None and not pen.glow and k < len(self.sample_names):
                if math.hypot(x - shx, y - shy) < SAMPLE_LABEL_PX:
                    text.draw(pen.target, self.sample_names[k], 16, scaled(SAMPLE, 0.8),
                              (x + 12, y - 18))
