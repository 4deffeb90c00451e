"""The designer's field overlay (F3): what the level's numbers do, drawn over play.

* the ellipse's field as a grid of arrows: the acceleration a body at rest would feel
  at each grid point (field plus surge rings), from one `sample_field` call for the
  whole grid; length on a log scale, colour by zone (outside, shear band, eye);
* the eye wall and the outer surface of the shear band as ellipse outlines;
* surge fronts (and, in levels that have them, the shock front and the tractor
  beam's tension against its breaking point);
* the ship's predicted path over the next seconds with the commands held now
  (`game.sim.predict.predict_path`), with a tick each second.

It only reads the world: the prediction flies a stand-in, and `sample_field` is
called without a scratch name so not even the world's work arrays are touched.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator

import numpy as np
import pygame

from game.app.render.camera import Camera
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, RED, SURGE
from game.app.render.text import Text
from game.sim.field import eye_ratio_now, sample_field, surge_accel
from game.sim.kinds.dark_matter import asteroid_of
from game.sim.predict import iter_path, predict_path
from game.sim.world import World

GRID_PX = 46  # px between arrows
PREDICT_SECONDS = 4.0
PREDICT_EVERY = 0.1  # s between path points
PREDICT_DT = 1.0 / 20.0  # s: the prediction's integration step (the sim's is 1/120)
PREDICT_REFRESH = 12  # simulation steps between two predictions (10 a second)
PREDICT_POINTS_PER_FRAME = 12  # of the 41 points of a path, worked out per frame
OUTSIDE = (120, 210, 255)
BAND = (255, 250, 215)  # pale on the orange glow, where orange would vanish
EYE = (205, 190, 255)
ZONE_BAND = (255, 170, 80)  # the outlines of the zones
PATH = (150, 255, 190)
SHADE = 80  # how much the frame is darkened under the overlay (0..255)
SHOCK = (200, 235, 255)
RING_SEGMENTS = 144


class FieldOverlay:
    def __init__(self, size: tuple[int, int], grid_px: int = GRID_PX):
        self.size = (int(size[0]), int(size[1]))
        self.visible = False
        self.commands: frozenset[str] = frozenset()  # held now: the play scene sets them
        self.text = Text()
        w, h = self.size
        xs = np.arange(grid_px * 0.5, w, grid_px, dtype=np.float32)
        ys = np.arange(grid_px * 0.5, h, grid_px, dtype=np.float32)
        gx, gy = np.meshgrid(xs, ys)
        self.grid_screen = np.stack([gx.ravel(), gy.ravel()], axis=1)
        self.grid_px = grid_px
        self._th = np.linspace(0.0, 2.0 * math.pi, RING_SEGMENTS, endpoint=False)
        self._path: np.ndarray | None = None
        self._path_key: tuple | None = None
        self._path_step = 0
        self._pending: Iterator[tuple[float, float]] | None = None
        self._pending_points: list[tuple[float, float]] = []
        self._pending_step = 0
        self.last_path: np.ndarray | None = None  # for tests and the legend
        self._shade = pygame.Surface(self.size, pygame.SRCALPHA)
        self._shade.fill((0, 0, 0, SHADE))

    def toggle(self) -> bool:
        self.visible = not self.visible
        self._path_key = None
        return self.visible

    # ------------------------------------------------------------------ frame
    def draw(self, surface: pygame.Surface, world: World, camera: Camera) -> None:
        ox, oy = camera.origin()
        zoom = camera.zoom
        e = world.ellipse
        present = e.presence > 0.0 and not e.gone
        surface.blit(self._shade, (0, 0))
        peak = self._arrows(surface, world, ox, oy, zoom) if present else 0.0
        if present:
            self._zones(surface, world, ox, oy, zoom)
        self._surges(surface, world, ox, oy, zoom)
        self._shock(surface, world, ox, oy, zoom)
        self._tractor(surface, world, ox, oy, zoom)
        self._predicted(surface, world, ox, oy, zoom, self.commands)
        self._legend(surface, world, peak)

    def grid_world(self, ox: float, oy: float, zoom: float) -> np.ndarray:
        pts = (self.grid_screen - np.array([ox, oy], np.float32)) / np.float32(zoom)
        return pts.astype(np.float32)

    def field_at(self, world: World, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Acceleration on bodies at rest at `pos` (field and surges), with zone masks."""
        fs = sample_field(world, pos, np.zeros_like(pos))
        sacc, _ = surge_accel(world, pos)
        return fs.acc + sacc, fs.band, fs.eye

    def _arrows(self, surface: pygame.Surface, world: World, ox: float, oy: float,
                zoom: float) -> float:
        pos = self.grid_world(ox, oy, zoom)
        acc, band, eye = self.field_at(world, pos)
        mag = np.sqrt((acc * acc).sum(axis=1))
        ref = max(0.5, float(world.level.config.field.pull_surface))
        # log scale: the surface pull is a third of a cell, the band's drag fills it
        length = np.minimum(1.0, np.log1p(mag / ref) / math.log1p(60.0)) * self.grid_px * 0.9
        length = np.where(mag > 1e-4, np.maximum(length, 7.0), 0.0)  # long enough to point
        unit = acc / np.maximum(mag, 1e-9)[:, None]
        tip = self.grid_screen + unit * length[:, None]
        tail = self.grid_screen
        bright = 0.45 + 0.55 * np.minimum(1.0, length / (self.grid_px * 0.9))
        zone = np.where(band > 0, 1, np.where(eye > 0, 2, 0))
        colours = (OUTSIDE, BAND, EYE)
        for k in range(tail.shape[0]):
            col = tuple(int(c * bright[k]) for c in colours[zone[k]])
            x0, y0 = float(tail[k, 0]), float(tail[k, 1])
            if length[k] <= 0.0:
                surface.fill(col, (int(x0), int(y0), 2, 2))
                continue
            x1, y1 = float(tip[k, 0]), float(tip[k, 1])
            ux, uy = float(unit[k, 0]), float(unit[k, 1])
            head = min(6.0, 0.4 * float(length[k]))
            lines = [((x0, y0), (x1, y1))]
            for side in (1.0, -1.0):
                hx = x1 - head * (ux * 0.85 - side * uy * 0.5)
                hy = y1 - head * (uy * 0.85 + side * ux * 0.5)
                lines.append(((x1, y1), (hx, hy)))
            for p, q in lines:  # a dark shadow first, so arrows read on the bright glow
                pygame.draw.line(surface, (0, 0, 0), (p[0] + 1, p[1] + 1), (q[0] + 1, q[1] + 1), 1)
            for p, q in lines:
                pygame.draw.line(surface, col, p, q, 1)
        return float(mag.max()) if mag.size else 0.0

    def _ellipse_outline(self, world: World, k: float, ox: float, oy: float,
                         zoom: float) -> np.ndarray:
        e = world.ellipse
        a, b = e.axes
        c, s = math.cos(e.heading), math.sin(e.heading)
        u = np.cos(self._th) * a * k
        v = np.sin(self._th) * b * k
        pts = np.empty((self._th.size, 2))
        pts[:, 0] = ox + (e.x + u * c - v * s) * zoom
        pts[:, 1] = oy + (e.y + u * s + v * c) * zoom
        return pts

    def _zones(self, surface: pygame.Surface, world: World, ox: float, oy: float,
               zoom: float) -> None:
        e = world.ellipse
        a, b = e.axes
        if a <= 1.0 or b <= 1.0:
            return
        eye = eye_ratio_now(world)
        for k, col, label in ((1.0, ZONE_BAND, "SHEAR BAND  r = 1"),
                              (eye, EYE, f"EYE WALL  r = {eye:.2f}")):
            pts = self._ellipse_outline(world, k, ox, oy, zoom)
            _dashed(surface, (0, 0, 0), pts + 1.0, dash=3, width=3)
            _dashed(surface, col, pts, dash=3, width=2)
            # label the outline where it is nearest the screen's centre
            cx, cy = self.size[0] * 0.5, self.size[1] * 0.5
            j = int(np.argmin((pts[:, 0] - cx) ** 2 + (pts[:, 1] - cy) ** 2))
            x, y = pts[j]
            if 0 <= x < self.size[0] and 0 <= y < self.size[1]:
                self.text.draw(surface, label, 18, col, (x + 6, y - 16))

    def _ring(self, surface: pygame.Surface, colour, x: float, y: float, radius: float,
              ox: float, oy: float, zoom: float, dash: int = 0) -> np.ndarray | None:
        if radius <= 0.0:
            return None
        pts = np.empty((self._th.size, 2))
        pts[:, 0] = ox + (x + np.cos(self._th) * radius) * zoom
        pts[:, 1] = oy + (y + np.sin(self._th) * radius) * zoom
        if dash:
            _dashed(surface, colour, pts, dash)
        else:
            pygame.draw.lines(surface, colour, True, pts.tolist(), 1)
        return pts

    def _label(self, surface: pygame.Surface, pts: np.ndarray | None, text: str, colour) -> None:
        """Label a ring where it passes nearest the screen's centre, if that is on screen."""
        if pts is None:
            return
        cx, cy = self.size[0] * 0.5, self.size[1] * 0.5
        j = int(np.argmin((pts[:, 0] - cx) ** 2 + (pts[:, 1] - cy) ** 2))
        x, y = float(pts[j, 0]), float(pts[j, 1])
        if 0 <= x < self.size[0] - 60 and 0 <= y < self.size[1] - 20:
            self.text.draw(surface, text, 18, colour, (x + 4, y + 2))

    def _surges(self, surface: pygame.Surface, world: World, ox: float, oy: float,
                zoom: float) -> None:
        s = world.surges
        cfg = world.level.config.ellipse
        half = cfg.surge_width * 0.5
        for i in np.flatnonzero(s.alive):
            r = float(s.radius[i])
            x, y = float(s.x[i]), float(s.y[i])
            fade = max(0.0, 1.0 - r / cfg.surge_range)
            col = tuple(int(c * (0.4 + 0.6 * fade)) for c in SURGE)
            pts = self._ring(surface, col, x, y, r, ox, oy, zoom)
            for edge in (r - half, r + half):
                self._ring(surface, tuple(v // 2 for v in col), x, y, edge, ox, oy, zoom, dash=2)
            self._label(surface, pts, f"SURGE {cfg.surge_impulse * fade:.0f} m/s2", col)

    def _shock(self, surface: pygame.Surface, world: World, ox: float, oy: float,
               zoom: float) -> None:
        ast = asteroid_of(world)
        r = float(getattr(ast, "shock_radius", -1.0)) if ast is not None else -1.0
        if r < 0.0:
            return
        x, y = float(getattr(ast, "shock_x", 0.0)), float(getattr(ast, "shock_y", 0.0))
        pts = self._ring(surface, SHOCK, x, y, r, ox, oy, zoom)
        shock_cfg = getattr(world.level.config, "shock", None)
        half = float(getattr(shock_cfg, "width", 0.0)) * 0.5
        if half > 0:
            for edge in (r - half, r + half):
                self._ring(surface, tuple(v // 2 for v in SHOCK), x, y, edge, ox, oy, zoom, dash=2)
        self._label(surface, pts, "SHOCK FRONT", SHOCK)

    def _tractor(self, surface: pygame.Surface, world: World, ox: float, oy: float,
                 zoom: float) -> None:
        link = getattr(world, "tractor", None)
        j = int(getattr(link, "target", -1)) if link is not None else -1
        b = world.bodies
        if j < 0 or j >= b.capacity or not b.alive[j]:
            return
        i = world.player.body
        tension = float(getattr(link, "tension", 0.0))
        cfg = getattr(world.level.config, "tractor", None)
        limit = float(getattr(cfg, "break_tension", 0.0)) or 1.0
        frac = max(0.0, min(1.0, tension / limit))
        col = GREEN if frac < 0.5 else AMBER if frac < 0.85 else RED
        a = (ox + float(b.pos[i, 0]) * zoom, oy + float(b.pos[i, 1]) * zoom)
        c = (ox + float(b.pos[j, 0]) * zoom, oy + float(b.pos[j, 1]) * zoom)
        pygame.draw.line(surface, col, a, c, 1 + int(frac * 3))
        mid = ((a[0] + c[0]) * 0.5, (a[1] + c[1]) * 0.5)
        self.text.draw(surface, f"BEAM {tension:,.0f} / {limit:,.0f} kN", 18, col,
                       (mid[0] + 8, mid[1] + 4))

    def predicted(self, world: World, commands: Iterable[str]) -> np.ndarray:
        """The path for these commands, kept fresh without stalling a frame.

        A prediction costs several ms (more in the shear band), so a new one is worked
        out a few points per frame and shown once complete; the first one of a world,
        or after the commands change, is computed at once.
        """
        held = frozenset(commands)
        key = (id(world), held)
        if self._path is None or key != self._path_key:
            self._path = predict_path(world, held, PREDICT_SECONDS, PREDICT_EVERY, PREDICT_DT)
            self._path_key, self._path_step, self._pending = key, world.steps, None
            return self._path
        if self._pending is None and world.steps - self._path_step >= PREDICT_REFRESH:
            self._pending = iter_path(world, held, PREDICT_SECONDS, PREDICT_EVERY, PREDICT_DT)
            self._pending_points = []
            self._pending_step = world.steps
        if self._pending is not None:
            for point in itertools.islice(self._pending, PREDICT_POINTS_PER_FRAME):
                self._pending_points.append(point)
            if len(self._pending_points) > round(PREDICT_SECONDS / PREDICT_EVERY):
                self._path = np.array(self._pending_points, np.float32)
                self._path_step, self._pending = self._pending_step, None
        return self._path

    def _predicted(self, surface: pygame.Surface, world: World, ox: float, oy: float,
                   zoom: float, commands: Iterable[str]) -> None:
        if world.outcome is not None:
            return
        path = self.predicted(world, commands)
        self.last_path = path
        if path.shape[0] < 2:
            return
        pts = np.empty_like(path)
        pts[:, 0] = ox + path[:, 0] * zoom
        pts[:, 1] = oy + path[:, 1] * zoom
        # start from where the ship is drawn now, however old the prediction is
        i = world.player.body
        pts[0] = (ox + float(world.bodies.pos[i, 0]) * zoom, oy + float(world.bodies.pos[i, 1]) * zoom)
        n = pts.shape[0] - 1
        for k in range(n):
            f = 1.0 - 0.7 * k / n
            col = tuple(int(c * f) for c in PATH)
            pygame.draw.line(surface, col, pts[k].tolist(), pts[k + 1].tolist(), 2)
        per_second = max(1, int(round(1.0 / PREDICT_EVERY)))
        last = (float(pts[0, 0]), float(pts[0, 1]))
        for k in range(per_second, n + 1, per_second):
            x, y = float(pts[k, 0]), float(pts[k, 1])
            if math.hypot(x - last[0], y - last[1]) < 22.0:
                continue  # a slow ship: ticks would pile up on each other
            last = (x, y)
            pygame.draw.circle(surface, PATH, (x, y), 3, 1)
            self.text.draw(surface, f"{k // per_second}s", 16, PATH, (x + 5, y + 3))

    def _legend(self, surface: pygame.Surface, world: World, peak: float) -> None:
        x, y = self.size[0] // 2 - 152, 102  # under the timer, above the objective arrows
        box = pygame.Surface((304, 96), pygame.SRCALPHA)
        box.fill((4, 10, 18, 170))
        surface.blit(box, (x, y))
        pygame.draw.rect(surface, HUD_DIM, (x, y, 304, 96), 1)
        t = self.text
        t.draw(surface, "FIELD OVERLAY  (F3)", 18, HUD_BRIGHT, (x + 10, y + 8))
        t.draw(surface, f"max {peak:,.0f} m/s2", 18, HUD, (x + 294, y + 8), "topright")
        t.draw(surface, "outside", 18, OUTSIDE, (x + 10, y + 30))
        t.draw(surface, "shear band", 18, ZONE_BAND, (x + 80, y + 30))
        t.draw(surface, "eye", 18, EYE, (x + 178, y + 30))
        t.draw(surface, "surge", 18, SURGE, (x + 220, y + 30))
        held = " + ".join(sorted(self.commands)) or "nothing held"
        t.draw(surface, f"path {PREDICT_SECONDS:.0f} s: {held}", 18, PATH, (x + 10, y + 52))
        e = world.ellipse
        t.draw(surface, f"eye r {eye_ratio_now(world):.2f}   speed {e.speed:.0f} m/s   "
                        f"t {world.t:.1f} s", 18, HUD, (x + 10, y + 72))


def _dashed(surface: pygame.Surface, colour, pts: np.ndarray, dash: int = 3,
            width: int = 1) -> None:
    """A closed polyline drawn as dashes of `dash` segments, gaps of the same length."""
    n = pts.shape[0]
    w, h = surface.get_size()
    for k in range(0, n, dash * 2):
        seg = [pts[(k + q) % n] for q in range(dash + 1)]
        xs = [p[0] for p in seg]
        ys = [p[1] for p in seg]
        if max(xs) < -50 or min(xs) > w + 50 or max(ys) < -50 or min(ys) > h + 50:
            continue
        pygame.draw.lines(surface, colour, False, [(float(p[0]), float(p[1])) for p in seg], width)


__all__ = ["FieldOverlay"]
