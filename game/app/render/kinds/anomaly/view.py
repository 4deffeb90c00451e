"""What the anomaly level adds to the frame: the probe, its link to the ship, the arrow to it.

* the probe is a blinking diamond with a faint ring while its beacon is on;
* while it is linked, dashes flow along the line from the probe to the ship
  (telemetry coming home), drawn under the ships;
* while the hungry ellipse feeds on the lit ship, flickering red tendrils reach from its
  rim to the ship (the hull is being drained: go dark);
* the objective arrow points to the probe while one is out, else to the ellipse.

The HUD's probe and probe-signal panels are in `hud.py`.
"""

from __future__ import annotations

import math

import pygame

from game.app.render.hud import Hud
from game.app.render.kinds.anomaly.hud import probe_panel, signal_panel
from game.app.render.kinds.base import Frame, KindView
from game.app.render.palette import LINK, PROBE, RED, scaled
from game.app.render.text import Text
from game.app.render.vectors import Pen
from game.headless import Summary
from game.levels import Level
from game.sim.kinds.anomaly import probe_of
from game.sim.kinds.anomaly import state as probe_state
from game.sim.world import PROBE as PROBE_BODY
from game.sim.world import World


class AnomalyView(KindView):
    name = "anomaly"

    # ------------------------------------------------------------------ vectors
    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """The probe's link line, under the ships."""
        world = f.world
        probe = probe_of(world)
        if probe is not None and probe.body >= 0 and probe.linked and world.bodies.alive[probe.body]:
            self._link(f, pen, world.player.body, probe.body)
        if probe is not None and probe.feeding:
            self._feeding(f, pen, world.player.body)

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        if f.world.bodies.kind[i] == PROBE_BODY:
            self._probe(f, pen, x, y)

    def _probe(self, f: Frame, pen: Pen, x: float, y: float) -> None:
        size = max(self.level.probe.length * f.cam.zoom, 8.0)
        blink = 1.0 if (f.clock * 2.5) % 1.0 < 0.55 else 0.45
        col = scaled(PROBE, blink)
        pts = [(x + size, y), (x, y + size * 0.75), (x - size, y), (x, y - size * 0.75)]
        pen.poly(pts, col, width=2, glow=1.8 * blink)
        if blink > 0.5:
            pen.ring(x, y, size * 1.8, scaled(PROBE, 0.35), width=1, glow=0.5, segments=24)

    def _link(self, f: Frame, pen: Pen, ship: int, probe: int) -> None:
        cam, view = f.cam, f.view
        ax, ay = cam.to_screen(float(view.pos[ship, 0]), float(view.pos[ship, 1]))
        bx, by = cam.to_screen(float(view.pos[probe, 0]), float(view.pos[probe, 1]))
        length = math.hypot(bx - ax, by - ay)
        if length < 4:
            return
        n = max(2, int(length / 14))
        shift = (f.clock * 3.0) % 1.0  # dashes flow from the probe to the ship
        for k in range(n):
            f0 = (k + shift) / n
            f1 = min(1.0, f0 + 0.45 / n)
            p0 = (bx + (ax - bx) * f0, by + (ay - by) * f0)
            p1 = (bx + (ax - bx) * f1, by + (ay - by) * f1)
            pen.poly([p0, p1], scaled(LINK, 0.55), closed=False, width=1, glow=0.5)

    def _feeding(self, f: Frame, pen: Pen, ship: int) -> None:
        """Jagged red tendrils from the ellipse's rim, on the line to its centre, to the ship."""
        e = f.world.ellipse
        cam, view = f.cam, f.view
        sx, sy = cam.to_screen(float(view.pos[ship, 0]), float(view.pos[ship, 1]))
        cx, cy = cam.to_screen(e.x, e.y)
        dx, dy = sx - cx, sy - cy
        length = math.hypot(dx, dy)
        if length < 8:
            return
        ux, uy = dx / length, dy / length
        # start at the rim: the ellipse's radius toward the ship, in screen pixels
        a, b = e.axes
        rel = math.atan2(dy, dx) - e.heading  # screen and world share the orientation
        rim = a * b / math.hypot(b * math.cos(rel), a * math.sin(rel)) * cam.zoom
        start = min(rim, length * 0.9)
        seg = length - start
        phase = int(f.clock * 24)
        for strand in range(3):
            pts = []
            n = max(3, int(seg / 22))
            for k in range(n + 1):
                t = k / n
                # a wobble that is zero at both ends and flickers with the clock
                w = math.sin(t * math.pi) * (9 + 5 * strand) * math.sin(7.3 * k + 2.1 * strand + phase * 0.9)
                pts.append((cx + ux * (start + seg * t) - uy * w, cy + uy * (start + seg * t) + ux * w))
            pen.poly(pts, scaled(RED, 0.9 - 0.2 * strand), closed=False, width=2 if strand == 0 else 1,
                     glow=1.6)

    # ------------------------------------------------------------------ HUD
    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        if self.level.ship.probes > 0 or probe_state(world).launched > 0:
            probe_panel(hud, s, world, clock)
        if probe_state(world).launched > 0:  # the decoy's signal, once there has been one
            signal_panel(hud, s, world, clock)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """To the probe while one is out, else to the ellipse."""
        probe = probe_of(f.world)
        j = probe.body if probe is not None else -1
        if j < 0:
            self.ellipse_arrow(f, hud, surface)
            return
        hud.objective_arrow(surface, f.cam, f.world, float(f.view.pos[j, 0]), float(f.view.pos[j, 1]),
                            "PROBE", PROBE, f.clock)

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        return [("Telemetry", f"{summary.telemetry:.0f} %")]
