"""`WorldRenderer`: one full frame of play (world, effects, HUD) from a read-only World.

A frame is composed of three layers, all added onto black:

1. the point layer (full resolution): parallax stars, particles, spark bursts;
2. the glow layer (a quarter of the resolution, smoothscaled up): the ellipse's noise
   texture, the particles' haze and the halos of every vector shape;
3. crisp vector lines (ships, probe, rings, the ellipse's rim) and the HUD on top.

The renderer never writes to the world and never draws from `world.rng`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np
import pygame

from game.app.render.camera import Camera
from game.app.render.effects import Effects
from game.app.render.ellipse_glow import EllipseTexture
from game.app.render.hud import Hud
from game.app.render.palette import (
    ELLIPSE_RIM,
    EYE_RIM,
    FLAME,
    LINK,
    MAGENTA,
    PROBE,
    SHIELD,
    SURGE,
    scaled,
    towards_white,
)
from game.app.render.points import PointLayer
from game.app.render.snapshot import Snapshot, View
from game.app.render.vectors import Pen, hull_points
from game.levels import Level
from game.sim.field import eye_ratio_now
from game.sim.world import MODULE, PROBE as PROBE_KIND, Event, World

GLOW_DIV = 4  # the glow layer is this many times smaller than the screen
HAZE_GAIN = 1.0


class WorldRenderer:
    def __init__(self, level: Level, size: tuple[int, int] = (1280, 720),
                 reduce_motion: bool = False):
        self.level = level
        self.size = (int(size[0]), int(size[1]))
        self.reduce_motion = reduce_motion
        w, h = self.size
        self.glow_size = (max(1, w // GLOW_DIV), max(1, h // GLOW_DIV))
        self.camera = Camera(level, self.size)
        self.ellipse_tex = EllipseTexture(self.size, self.glow_size)
        self.points: PointLayer | None = None  # seeded from the world on the first frame
        self._seed: int | None = None
        self.effects = Effects(level.config.level.seed)
        self.hud = Hud(level, self.size)
        self.glow = np.zeros((*self.glow_size, 3), np.float32)  # x-major, 0..255
        self.glow_u8 = np.zeros((*self.glow_size, 3), np.uint8)
        self.glow_surface = pygame.Surface(self.glow_size)
        self.halo_surface = pygame.Surface(self.glow_size)
        self.big = pygame.Surface(self.size)
        self.pen = Pen(self.halo_surface, self.size)
        self._last_clock: float | None = None
        self._post = 0.0  # wall time since the level ended, so end effects still play
        self._post_wall: float | None = None
        self._ring_th = np.linspace(0.0, 2.0 * math.pi, 160, endpoint=False)

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World) -> None:
        if events:
            self.effects.on_events(events, world, world.t + self._post)

    # ------------------------------------------------------------------ frame
    def _ensure_points(self, world: World) -> PointLayer:
        if self.points is None or self._seed != world.seed:
            self._seed = world.seed
            self.points = PointLayer(self.level, world.seed, self.size, self.glow_size)
        return self.points

    def _clock(self, world: World, t: float) -> float:
        if world.outcome is not None:
            now = time.perf_counter()
            if self._post_wall is not None:
                self._post += min(0.25, now - self._post_wall)
            self._post_wall = now
        else:
            self._post_wall = None
        return t + self._post

    def draw(self, surface: pygame.Surface, world: World, prev: Snapshot | None = None,
             alpha: float = 1.0, captions: Sequence[str] = (), banner: str | None = None) -> None:
        view = View.blend(world, prev, alpha)
        clock = self._clock(world, view.t)
        dt = 0.0 if self._last_clock is None else clock - self._last_clock
        self._last_clock = clock
        points = self._ensure_points(world)
        e = world.ellipse
        a_axis, b_axis = e.semi_major * view.ellipse_scale, e.semi_minor * view.ellipse_scale
        present = e.presence > 0 and not e.gone

        # camera
        cam = self.camera
        sx, sy = view.camera_x, view.camera_y
        wanted = cam.wanted_view_width(sx, sy, view.ellipse_x, view.ellipse_y,
                                       view.ellipse_heading, a_axis, b_axis,
                                       e.presence if present else 0.0)
        cam.update(sx, sy, wanted, dt if dt >= 0 else 10.0)
        if self.reduce_motion:
            cam.shake_x = cam.shake_y = 0.0
        else:
            cam.shake_x, cam.shake_y = self.effects.shake(clock)
        origin = cam.origin()
        zoom = cam.zoom

        # layer 2: the glow texture
        glow = self.glow
        glow.fill(0.0)
        if present:
            self.ellipse_tex.render(glow, world, view.ellipse_x, view.ellipse_y,
                                    view.ellipse_heading, view.ellipse_scale, origin, zoom, view.t)
        # layer 1: points (and the particles' haze into the glow)
        sparks = self.effects.sparks(clock, cam.to_screen)
        haze = points.render(world, cam.x, cam.y, origin, zoom, clock, sparks)
        if haze is not None:
            glow.reshape(-1, 3)[:] += haze * np.float32(HAZE_GAIN)
        np.clip(glow, 0.0, 255.0, out=glow)
        self.glow_u8[:] = glow
        pygame.surfarray.blit_array(self.glow_surface, self.glow_u8)

        # halos of the vector shapes
        self.halo_surface.fill((0, 0, 0))
        self.pen.begin(self.halo_surface, glow=True)
        self._vectors(world, view, clock, a_axis, b_axis, present)
        self.glow_surface.blit(self.halo_surface, (0, 0), special_flags=pygame.BLEND_ADD)
        pygame.transform.smoothscale(self.glow_surface, self.size, self.big)

        surface.fill((0, 0, 0))
        surface.blit(points.surface, (0, 0), special_flags=pygame.BLEND_ADD)
        surface.blit(self.big, (0, 0), special_flags=pygame.BLEND_ADD)

        # layer 3: crisp vectors, flash, HUD
        self.pen.begin(surface, glow=False)
        self._vectors(world, view, clock, a_axis, b_axis, present)
        if not self.reduce_motion:
            flash = self.effects.flash(clock)
            if any(flash):
                surface.fill(flash, special_flags=pygame.BLEND_ADD)
        self._objective_arrow(surface, world, view, clock, a_axis, b_axis, present)
        self.hud.draw(surface, world, clock, captions, banner)

    # ------------------------------------------------------------------ vectors
    def _vectors(self, world: World, view: View, clock: float, a_axis: float, b_axis: float,
                 present: bool) -> None:
        pen = self.pen
        cam = self.camera
        if present:
            self._ellipse_rim(world, view, clock, a_axis, b_axis)
        self._surges(world, clock)
        self._effect_rings(clock)
        b = world.bodies
        pl = world.player
        # the probe's link line under the ships
        j = world.probe.body
        if j >= 0 and world.probe.linked and b.alive[j]:
            self._link(view, pl.body, j, clock)
        for i in np.flatnonzero(b.alive):
            x, y = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
            if not (-200 < x < self.size[0] + 200 and -200 < y < self.size[1] + 200):
                continue
            if i == pl.body:
                self._ship(world, x, y, float(view.angle[i]), clock)
            elif b.kind[i] == PROBE_KIND:
                self._probe(x, y, float(view.angle[i]), clock)
            elif b.kind[i] == MODULE:
                size = max(18.0, 40.0 * cam.zoom)
                box = [(0.5, 0.3), (-0.5, 0.3), (-0.5, -0.3), (0.5, -0.3)]
                pen.poly(hull_points(box, x, y, float(view.angle[i]), size), (200, 200, 190),
                         width=2)
        del pen

    def _ship(self, world: World, x: float, y: float, angle: float, clock: float) -> None:
        pen = self.pen
        spec = self.level.ship
        pl = world.player
        size = max(spec.length * self.camera.zoom, spec.min_screen_size)
        colour = tuple(int(c) for c in spec.color)
        hull = hull_points(spec.outline, x, y, angle, size)
        c, s = math.cos(angle), math.sin(angle)
        tail = min(p[0] for p in spec.outline)

        # thruster flame
        if pl.throttle != 0.0:
            flick = 0.75 + 0.25 * math.sin(clock * 53.0) * math.sin(clock * 31.0 + 1.0)
            strength = 0.45 if pl.dark else 1.0
            if pl.throttle > 0:
                length = (0.45 + 0.45 * flick) * strength
                flame = [(tail + 0.04, 0.13), (tail - length, 0.0), (tail + 0.04, -0.13)]
                inner = [(tail + 0.02, 0.06), (tail - length * 0.55, 0.0), (tail + 0.02, -0.06)]
            else:
                length = (0.22 + 0.12 * flick) * strength
                flame = [(0.35, 0.2), (0.35 + length, 0.3), (0.3, 0.26)]
                inner = [(0.35, -0.2), (0.35 + length, -0.3), (0.3, -0.26)]
            pen.poly(hull_points(flame, x, y, angle, size), scaled(FLAME, strength), width=2,
                     glow=1.6)
            pen.poly(hull_points(inner, x, y, angle, size),
                     towards_white(FLAME, 0.6 * strength), width=1, glow=1.2)

        # shield bubble: blue when up, magenta with polarity reversed (masking, not shielding)
        shields_up = pl.draw.get("shields", 0.0) > 0.0
        if shields_up or pl.polarity_reversed:
            ring_col = MAGENTA if pl.polarity_reversed else SHIELD
            k = 1.0 if shields_up else 0.45
            radius = size * 0.78
            pen.ring(x, y, radius, scaled(ring_col, 0.75 * k), width=1, glow=0.7 * k,
                     ripple=1.2, waves=5, phase=clock * 4.0, segments=56,
                     dashed=not shields_up)
        if pl.dark:
            pen.poly(hull, scaled(colour, 0.5), width=2, glow=0.35, dashed=True)
        else:
            pen.poly(hull, colour, width=2, glow=1.3)
            # a bright spine so it reads as a ship, not a blob
            nose = (x + c * size * 0.55, y + s * size * 0.55)
            mid = (x - c * size * 0.2, y - s * size * 0.2)
            pen.line(mid, nose, scaled(colour, 0.7), width=1, glow=0.0)

    def _probe(self, x: float, y: float, angle: float, clock: float) -> None:
        size = max(self.level.probe.length * self.camera.zoom, 8.0)
        blink = 1.0 if (clock * 2.5) % 1.0 < 0.55 else 0.45
        col = scaled(PROBE, blink)
        pts = [(x + size, y), (x, y + size * 0.75), (x - size, y), (x, y - size * 0.75)]
        self.pen.poly(pts, col, width=2, glow=1.8 * blink)
        if blink > 0.5:
            self.pen.ring(x, y, size * 1.8, scaled(PROBE, 0.35), width=1, glow=0.5, segments=24)

    def _link(self, view: View, ship: int, probe: int, clock: float) -> None:
        cam = self.camera
        ax, ay = cam.to_screen(float(view.pos[ship, 0]), float(view.pos[ship, 1]))
        bx, by = cam.to_screen(float(view.pos[probe, 0]), float(view.pos[probe, 1]))
        length = math.hypot(bx - ax, by - ay)
        if length < 4:
            return
        n = max(2, int(length / 14))
        shift = (clock * 3.0) % 1.0  # dashes flow from the probe to the ship
        for k in range(n):
            f0 = (k + shift) / n
            f1 = min(1.0, f0 + 0.45 / n)
            p0 = (bx + (ax - bx) * f0, by + (ay - by) * f0)
            p1 = (bx + (ax - bx) * f1, by + (ay - by) * f1)
            self.pen.poly([p0, p1], scaled(LINK, 0.55), closed=False, width=1, glow=0.5)

    def _surges(self, world: World, clock: float) -> None:
        s = world.surges
        if not s.alive.any():
            return
        cfg = self.level.config.ellipse
        cam = self.camera
        zoom = cam.zoom
        w, h = self.size
        diag = math.hypot(w, h) * 0.5
        for i in np.flatnonzero(s.alive):
            radius = float(s.radius[i])
            fade = max(0.0, 1.0 - radius / cfg.surge_range)
            if fade <= 0.02:
                continue
            cx, cy = cam.to_screen(float(s.x[i]), float(s.y[i]))
            rpx = radius * zoom
            half = max(2.0, cfg.surge_width * zoom * 0.5)
            dist = math.hypot(cx - w * 0.5, cy - h * 0.5)
            if rpx + half < dist - diag or rpx - half > dist + diag:
                continue
            col = scaled(SURGE, fade)
            for off, k, width in ((-half, 0.35, 1), (0.0, 1.0, 2), (half, 0.35, 1)):
                self.pen.ring(cx, cy, rpx + off, scaled(col, k), width=width, glow=1.4 * k,
                              ripple=half * 0.35, waves=11, phase=clock * 9.0 + off * 0.05)

    def _effect_rings(self, clock: float) -> None:
        cam = self.camera
        for ring in self.effects.rings:
            age = clock - ring.t0
            if age < 0 or age > ring.duration:
                continue
            f = age / ring.duration
            ease = 1.0 - (1.0 - f) ** 3
            cx, cy = cam.to_screen(ring.x, ring.y)
            radius = ring.radius_m * cam.zoom if ring.radius_m > 0 else ring.radius_px
            self.pen.ring(cx, cy, max(2.0, radius * ease), scaled(ring.colour, 1.0 - f),
                          width=2, glow=1.5 * (1.0 - f))

    def _ellipse_rim(self, world: World, view: View, clock: float, a: float, b: float) -> None:
        """A crisp, wavering line along the surface and a faint one along the eye wall."""
        if a <= 1.0 or b <= 1.0:
            return
        e = world.ellipse
        cam = self.camera
        th = self._ring_th
        c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
        u0 = np.cos(th)
        v0 = np.sin(th)
        wobble = 1.0 + 0.012 * np.sin(th * 9.0 + clock * 2.3) + 0.008 * np.sin(th * 23.0
                                                                                - clock * 4.1)
        ox, oy = cam.origin()
        z = cam.zoom
        pres = min(1.0, e.presence)

        def outline(k: np.ndarray | float) -> np.ndarray:
            u = u0 * a * k
            v = v0 * b * k
            pts = np.empty((th.size, 2))
            pts[:, 0] = ox + (view.ellipse_x + u * c - v * s) * z
            pts[:, 1] = oy + (view.ellipse_y + u * s + v * c) * z
            return pts

        pts = outline(wobble)
        if (pts[:, 0].max() < 0 or pts[:, 0].min() > self.size[0] or pts[:, 1].max() < 0
                or pts[:, 1].min() > self.size[1]):
            return
        self.pen.poly(pts, scaled(ELLIPSE_RIM, 0.55 * pres), width=1, glow=0.6, core=True)
        eye = eye_ratio_now(world)
        self.pen.poly(outline(eye * (2.0 - wobble)), scaled(EYE_RIM, 0.45 * pres), width=1,
                      glow=0.5, core=False)

    # ------------------------------------------------------------------ HUD arrow
    def _objective_arrow(self, surface: pygame.Surface, world: World, view: View, clock: float,
                         a: float, b: float, present: bool) -> None:
        j = world.probe.body
        probe_xy = (float(view.pos[j, 0]), float(view.pos[j, 1])) if j >= 0 else None
        near = None
        if present and a > 1.0 and b > 1.0:
            th = self._ring_th
            c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
            u = np.cos(th) * a
            v = np.sin(th) * b
            px = view.ellipse_x + u * c - v * s
            py = view.ellipse_y + u * s + v * c
            k = int(np.argmin((px - view.camera_x) ** 2 + (py - view.camera_y) ** 2))
            near = (float(px[k]), float(py[k]))
        self.hud.objective_arrow(surface, self.camera, world, probe_xy, near,
                                 (view.ellipse_x, view.ellipse_y), clock)
