"""What the eye level adds to the frame: sensor echoes, the scan sweep around the ship,
the collectible samples, the module once found, the arrow to the eye and then to her.

The module stays hidden until the sweep finds it; before that only its echoes show:
blips where the scanner puts her, brighter and bigger the stronger, scattered the more
the farther she is. The sweep's rings show the scanner's reach and the lock range to
scale. (The module itself is drawn by
`game.app.render.module`, the debris chunks by `game.app.render.chunks`; the HUD's
sweep and samples are in `hud.py`.)
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView
from game.app.render.kinds.eye.hud import ECHO, lights_and_samples, scan_panel
from game.app.render.module import MODULE_GOLD, MODULE_MIN_PX, draw_module
from game.app.render.palette import EYE_RIM, scaled, towards_white
from game.app.render.text import Text
from game.app.render.vectors import Pen
from game.headless import Summary
from game.levels import Level
from game.sim.field import eye_ratio_now
from game.sim.kinds.eye import eye_of
from game.sim.world import MODULE, World

SCAN = (120, 255, 200)
SAMPLE = (215, 255, 90)
ECHO_RING_S = 1.6  # s: an echo's ping ring expands and fades in this time
ECHO_DOT_S = 10.0  # s: its blip fades in this time
SWEEP_RATE = 3.2  # rad/s of the radar wedge
SAMPLE_LABEL_PX = 300.0  # samples this close to the ship on screen show their name


class EyeView(KindView):
    name = "eye"

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)
        self.sample_names = [s.name for s in level.config.samples]

    # ------------------------------------------------------------------ hooks
    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """The echoes, the samples and, while it runs, the sweep round the ship."""
        world, view, cam = f.world, f.view, f.cam
        sweep = eye_of(world)
        if sweep is None:
            return
        pl = world.player
        self.echoes(pen, world, cam.to_screen, cam.zoom, view.t)
        ship_xy = cam.to_screen(float(view.pos[pl.body, 0]), float(view.pos[pl.body, 1]))
        self.samples(pen, text, world, cam.to_screen, ship_xy, f.clock)
        if pl.scanning and not sweep.found:
            scan = world.level.config.scan
            self.sweep(pen, ship_xy[0], ship_xy[1], f.clock, sweep.progress, scan.scan_range * cam.zoom,
                       scan.lock_range * cam.zoom, sweep.locked)

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        """The module, once the sweep has found her: ringed, named, her distance."""
        world, view = f.world, f.view
        if world.bodies.kind[i] != MODULE:
            return
        sweep = eye_of(world)
        if i == world.module and sweep is not None and not sweep.found:
            return  # lost in the debris until the sweep finds it
        j = world.player.body
        dist = math.hypot(float(view.pos[i, 0]) - float(view.pos[j, 0]),
                          float(view.pos[i, 1]) - float(view.pos[j, 1]))
        draw_module(pen, text, self.level, x, y, angle, f.cam.zoom, f.clock, dist,
                    min_px=MODULE_MIN_PX, ring=True)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        scan_panel(hud, s, world, clock)
        lights_and_samples(hud, s, world)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """The eye's centre until the ship is in it; then the module, or its echoes."""
        if not f.present:
            self.ellipse_arrow(f, hud, surface)
            return
        world, view = f.world, f.view
        sx, sy = view.camera_x, view.camera_y
        eye = eye_ratio_now(world)
        inside = float(world.elliptical_r2(sx, sy)) < eye * eye
        sc = eye_of(world)
        if not inside or sc is None:
            target = (view.ellipse_x, view.ellipse_y, "EYE", towards_white(EYE_RIM, 0.3))
        elif sc.found and world.module >= 0:
            j = world.module
            target = (float(view.pos[j, 0]), float(view.pos[j, 1]),
                      self.level.config.module.name.upper(), MODULE_GOLD)
        elif sc.echoes:
            recent = sc.echoes[-6:]
            gx = sum(p[0] for p in recent) / len(recent)
            gy = sum(p[1] for p in recent) / len(recent)
            target = (gx, gy, "ECHOES", ECHO)
        else:
            return
        hud.objective_arrow(surface, f.cam, world, *target, f.clock)

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        return [("Samples", f"{summary.samples} of {len(level.config.samples)}")]

    # ------------------------------------------------------------------ scan
    def echoes(self, pen: Pen, world: World, to_screen, zoom: float, now: float) -> None:
        """Sensor echoes: a ping ring and a fading blip each, and the spread they share."""
        sc = eye_of(world)
        if sc is None or sc.found or not sc.echoes:
            return
        for echo in sc.echoes:
            ex, ey, age = echo.x, echo.y, now - echo.t
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
            k = max(0.18, 1.0 - age / ECHO_DOT_S) * (0.45 + 0.55 * echo.strength)
            r = 2.5 + 2.5 * echo.strength
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

    def sweep(self, pen: Pen, x: float, y: float, clock: float, progress: float, reach: float,
              lock: float, locked: bool) -> None:
        """The sensor sweep round the ship: a rotating radar wedge and outgoing rings out to
        the scanner's reach (to scale), and the lock range inside it."""
        reach = max(24.0, reach)
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
        if lock > 8.0:
            pen.ring(x, y, lock, scaled(SCAN if locked else ECHO, 0.7 if locked else 0.3), width=1,
                     glow=0.5 if locked else 0.15, dashed=not locked, segments=48)

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
