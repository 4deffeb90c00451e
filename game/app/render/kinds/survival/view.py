"""What survival adds to the frame: the asteroid field, the anomalies, the sweep, its HUD.

* asteroids are dark, filled, jagged polygons with a glowing rim, each outline made
  once from the asteroid's own shape seed and turned by its spin on the sim clock;
* anomalies pulse violet in rings round a turning four-pointed star; spent ones are
  a dim grey ring. While the sweep is held, a dashed ring shows the sensors' reach and
  a wavering beam joins the ship to the anomaly it is reading;
* the HUD shows the time survived where the other levels show the subspace timer, the
  hunt (its pace, its speed against yours, the next quickening) where they show the EM
  signature, and a sensors panel (data, what is being swept, anomalies recorded,
  impacts); an arrow points to the nearest unspent anomaly when it is off screen.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.effects import EMBER_PALETTE, Effects, Ring
from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, RED, scaled, towards_white
from game.app.render.text import Text
from game.app.render.vectors import Pen
from game.headless import Summary
from game.levels import Level
from game.sim.kinds.survival import asteroid_positions, data_left
from game.sim.kinds.survival import state as survival_state
from game.sim.world import Event, World

ROCK = (196, 170, 136)
ROCK_FILL = (20, 16, 13)
ANOMALY = (205, 130, 255)
SWEEP = (110, 255, 170)
ORANGE = (255, 150, 40)
SENSORS_PANEL = (360, 112)
HUNT_PANEL = (304, 132)
ANOMALY_ARROW_RANGE = 6000.0  # m: farther anomalies get no arrow


def rock_outline(shape: int) -> np.ndarray:
    """A unit-radius jagged outline (n, 2) for an asteroid's shape seed."""
    rng = np.random.Generator(np.random.PCG64(int(shape)))
    n = int(rng.integers(9, 15))
    th = np.linspace(0, 2 * math.pi, n, endpoint=False) + (rng.random(n) - 0.5) * (1.2 * math.pi / n)
    r = 0.78 + 0.3 * rng.random(n)
    # a dent or two so they are not all round
    for _ in range(int(rng.integers(0, 3))):
        k = int(rng.integers(0, n))
        r[k] *= 0.72
    return np.stack([np.cos(th) * r, np.sin(th) * r], axis=1)


class SurvivalView(KindView):
    name = "survival"

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)
        self.cfg = level.config.survival
        self._outlines: dict[int, list[tuple[float, float]]] = {}
        self._rock_key: object = None  # the frame the asteroids below were placed for
        self._rock_list: list = []

    # ------------------------------------------------------------------ hooks
    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        for ev in events:
            if ev.kind == "asteroid_hit":
                effects.burst(t, ev.x, ev.y, 30 + int(min(40.0, ev.value * 0.3)), 200.0, EMBER_PALETTE)
            elif ev.kind == "anomaly_scanned":
                effects.rings.append(Ring(t, ev.x, ev.y, 1.3, 0.0, 160.0, ANOMALY))
            elif ev.kind == "anomaly_in_range":
                effects.rings.append(Ring(t, ev.x, ev.y, 0.9, 0.0, 70.0, ANOMALY))
            elif ev.kind == "hunt_faster":
                effects.rings.append(Ring(t, ev.x, ev.y, 1.6, 2600.0, 0.0, ORANGE))

    def _outline(self, shape: int) -> list[tuple[float, float]]:
        out = self._outlines.get(shape)
        if out is None:
            if len(self._outlines) > 2000:
                self._outlines.clear()
            out = self._outlines[shape] = [tuple(p) for p in rock_outline(shape).tolist()]
        return out

    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        world, clock = f.world, f.clock
        st = survival_state(world)
        if st is None:
            return
        for pts, x, y, rad in self._rocks(f, st):
            if not pen.glow:
                pygame.draw.polygon(pen.target, ROCK_FILL, pts)
                # a crater or a ridge line on the bigger ones
                if rad > 14:
                    k = len(pts) // 3
                    ridge = [(x + (pts[k][0] - x) * 0.45, y + (pts[k][1] - y) * 0.45),
                             (x + (pts[k + 2][0] - x) * 0.2, y + (pts[k + 2][1] - y) * 0.2),
                             (x + (pts[-2][0] - x) * 0.5, y + (pts[-2][1] - y) * 0.5)]
                    pen.poly(ridge, scaled(ROCK, 0.45), closed=False, width=1, glow=0.0)
            pen.poly(pts, ROCK, width=2, glow=0.7)
        self._anomalies(pen, world, f.cam, clock, text)
        if world.player.scanning:
            self._sweep(pen, world, f.view, f.cam, clock)

    def _rocks(self, f: Frame, st) -> list[tuple[list[tuple[float, float]], float, float, float]]:
        """The asteroids on screen this frame: outline points, centre and radius on screen.

        Worked out once a frame for both passes of the pen (the halos and the crisp lines),
        the centres, turns and culling for all of them in numpy, the outlines' points in
        plain floats (a dozen points each: numpy's calls on arrays that small cost more
        than the arithmetic; 100 asteroids took 2 ms a frame drawn the other way)."""
        cam, view = f.cam, f.view
        key = (view.t, cam.origin(), cam.zoom)
        if self._rock_key == key:
            return self._rock_list
        z = cam.zoom
        margin = 40.0
        pos, _ = asteroid_positions(f.world, view.t)
        alive = np.flatnonzero(st.alive)
        # as `cam.to_screen` works it out, in float64, so the points are the same to the bit
        x = (pos[alive, 0].astype(np.float64) - cam.x) * z + cam.width * 0.5
        x += cam.shake_x
        y = (pos[alive, 1].astype(np.float64) - cam.y) * z + cam.height * 0.5
        y += cam.shake_y
        rad = st.radius[alive].astype(np.float64) * z
        on = ((-rad - margin < x) & (x < self.w + rad + margin)
              & (-rad - margin < y) & (y < self.h + rad + margin))
        j = alive[on]
        rocks = []
        for jj, xx, yy, rr, spin, phase in zip(j.tolist(), x[on].tolist(), y[on].tolist(), rad[on].tolist(),
                                               st.spin[j].tolist(), st.phase[j].tolist(), strict=True):
            ang = spin * view.t + phase
            c, s = math.cos(ang), math.sin(ang)
            pts = [(xx + (u * c - v * s) * rr, yy + (u * s + v * c) * rr)
                   for u, v in self._outline(int(st.shape[jj]))]
            rocks.append((pts, xx, yy, rr))
        self._rock_key, self._rock_list = key, rocks
        return rocks

    def _anomalies(self, pen: Pen, world: World, cam, clock: float, text) -> None:
        st = survival_state(world)
        z = cam.zoom
        for n in range(st.anomaly_alive.shape[0]):
            key = st.anomaly_key[n]
            live = bool(st.anomaly_alive[n])
            if not live and key not in st.spent:
                continue
            x, y = cam.to_screen(float(st.anomaly_pos[n, 0]), float(st.anomaly_pos[n, 1]))
            if not (-80 < x < self.w + 80 and -80 < y < self.h + 80):
                continue
            if not live:
                pen.ring(x, y, max(4.0, 14.0 * z), scaled(HUD_DIM, 0.8), width=1, glow=0.2, segments=20)
                continue
            size = max(9.0, 34.0 * z)
            pulse = 0.5 + 0.5 * math.sin(clock * 3.0 + n)
            for k in range(3):
                f = ((clock * 0.6) + k / 3.0) % 1.0
                pen.ring(x, y, size * (1.0 + 2.2 * f), scaled(ANOMALY, 0.8 * (1.0 - f)), width=1,
                         glow=1.0 * (1.0 - f), segments=40)
            a = clock * 1.3 + n
            star = []
            for q in range(8):
                rr = size * (1.0 if q % 2 == 0 else 0.35)
                t = a + q * math.pi / 4
                star.append((x + math.cos(t) * rr, y + math.sin(t) * rr))
            pen.poly(star, towards_white(ANOMALY, 0.3 * pulse), width=2, glow=1.6)
            if text is not None and st.near_anomaly == n:
                left = data_left(world, n) / self.cfg.anomaly_data
                text.draw(pen.target, f"ANOMALY  {left * 100:.0f}% LEFT", 18, ANOMALY,
                          (x, y - size * 3.4 - 12), "center")

    def _sweep(self, pen: Pen, world: World, view, cam, clock: float) -> None:
        st = survival_state(world)
        i = world.player.body
        x, y = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
        reach = self.cfg.scan_range * cam.zoom
        col = SWEEP if st.scanning_from else scaled(SWEEP, 0.5)
        pen.ring(x, y, reach, scaled(col, 0.6), width=1, glow=0.4, dashed=True, segments=72)
        a = clock * 3.2
        pen.line((x, y), (x + math.cos(a) * reach, y + math.sin(a) * reach), scaled(col, 0.7), width=1,
                 glow=0.8)
        if st.near_anomaly >= 0 and st.scanning_from == "anomaly":
            ax, ay = cam.to_screen(float(st.anomaly_pos[st.near_anomaly, 0]),
                                   float(st.anomaly_pos[st.near_anomaly, 1]))
            n = 14
            pts = []
            for k in range(n + 1):
                f = k / n
                wob = math.sin(f * 18.0 - clock * 14.0) * 4.0 * math.sin(f * math.pi)
                dx, dy = ax - x, ay - y
                ln = math.hypot(dx, dy) or 1.0
                pts.append((x + dx * f - dy / ln * wob, y + dy * f + dx / ln * wob))
            pen.poly(pts, ANOMALY, closed=False, width=2, glow=1.4)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """To the nearest unspent anomaly (within reach), and to the ellipse."""
        self._anomaly_arrow(hud, surface, f.cam, f.world, f.clock)
        self.ellipse_arrow(f, hud, surface)

    def _anomaly_arrow(self, hud: Hud, surface: pygame.Surface, cam, world: World, clock: float) -> None:
        st = survival_state(world)
        live = np.flatnonzero(st.anomaly_alive)
        if live.size == 0:
            return
        sx, sy = world.ship_pos()
        d2 = ((st.anomaly_pos[live] - np.array([sx, sy], np.float32)) ** 2).sum(axis=1)
        k = int(np.argmin(d2))
        if d2[k] > ANOMALY_ARROW_RANGE**2:
            return
        n = int(live[k])
        hud.objective_arrow(surface, cam, world, float(st.anomaly_pos[n, 0]), float(st.anomaly_pos[n, 1]),
                     "ANOMALY", ANOMALY, clock)

    # ------------------------------------------------------------------ HUD
    def hud(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """Time survived where the other levels show the subspace timer, the ship's panel,
        then the hunt and the sensors."""
        m, sec = divmod(world.t, 60.0)
        hud.top_clock(s, "SURVIVED", f"{int(m)}:{sec:04.1f}", 56)
        hud.ship_panel(s, world)
        self.hud_panels(hud, s, world, clock)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        sensors = hud.panel_surface("survival_sensors", SENSORS_PANEL)
        hunt = hud.panel_surface("survival_hunt", HUNT_PANEL)
        self._hunt_panel(hud, s, world, clock, hunt)
        self._sensors_panel(hud, s, world, clock, sensors)

    def _hunt_panel(self, hud: Hud, s: pygame.Surface, world: World, clock: float, back) -> None:
        e = world.ellipse
        cfg = self.cfg
        ec = self.level.config.ellipse
        pw, _ = HUNT_PANEL
        x0, y0 = hud.w - 18 - pw, 12
        hud.put(s, back, (x0, y0))
        x, y = x0 + 14, y0 + 12
        right = x0 + pw - 14
        text = hud.text
        text.draw(s, "THE HUNT", 20, HUD_BRIGHT, (x, y))
        text.draw(s, f"PACE x{e.pace:.2f}", 20, ORANGE if e.pace > 1.0 else HUD, (right, y), "topright")
        y += 26
        i = world.player.body
        mine = float(np.hypot(*world.bodies.vel[i]))
        top = max(ec.top_speed * cfg.pace_max, 1.0)
        for label, v, col in (("IT", e.speed, ORANGE), ("YOU", mine, GREEN)):
            text.draw(s, label, 17, col, (x, y))
            hud.bar(s, x + 40, y + 1, 170, 11, v / top, scaled(col, 0.85))
            text.draw(s, f"{v:.0f} m/s", 17, HUD, (right, y), "topright")
            y += 18
        y += 4
        since = world.t - (ec.emerge_delay + ec.emerge_time)
        if e.pace >= cfg.pace_max:
            text.draw(s, "AT FULL PACE", 17, RED, (x, y))
        elif since < 0:
            text.draw(s, "SURFACING", 17, AMBER, (x, y))
        else:
            left = cfg.hunt_interval - since % cfg.hunt_interval
            text.draw(s, "QUICKENS IN", 17, HUD, (x, y))
            hud.bar(s, x + 110, y + 1, 100, 11, 1.0 - left / cfg.hunt_interval, scaled(ORANGE, 0.7))
            text.draw(s, f"{left:.0f} s", 17, HUD, (right, y), "topright")
        y += 22
        if e.target == world.player.body and e.presence > 0 and not e.gone:
            hud.alert(s, pygame.Rect(x, y - 2, pw - 28, 22), "!  TRACKING YOU  !", 20, clock)

    def _sensors_panel(self, hud: Hud, s: pygame.Surface, world: World, clock: float, back) -> None:
        st = survival_state(world)
        pw, ph = SENSORS_PANEL
        x0, y0 = 18, hud.h - 12 - ph
        hud.put(s, back, (x0, y0))
        x, y = x0 + 14, y0 + 10
        right = x0 + pw - 14
        text = hud.text
        text.draw(s, "DATA GATHERED", 18, HUD, (x, y + 2))
        text.draw(s, f"{survival_state(world).data:.1f}%", 24, HUD_BRIGHT, (right, y), "topright")
        y += 26
        if world.player.scanning:
            on = (clock * 2.5) % 1.0 < 0.6
            if st.scanning_from == "anomaly":
                msg, col = f"SWEEPING ANOMALY  +{st.rate:.1f} %/s", ANOMALY
            elif st.scanning_from == "asteroid":
                msg, col = f"SWEEPING ASTEROIDS  +{st.rate:.2f} %/s", SWEEP
            else:
                msg, col = "SWEEPING - NOTHING IN RANGE", scaled(SWEEP, 0.6)
            text.draw(s, msg, 17, col if on else scaled(col, 0.7), (x, y))
        elif st.near_anomaly >= 0:
            text.draw(s, "ANOMALY IN RANGE - HOLD THE SWEEP (R)", 17, ANOMALY, (x, y))
        else:
            text.draw(s, "SENSORS IDLE", 17, HUD_DIM, (x, y))
        y += 22
        recorded = sum(1 for v in st.spent.values() if v >= self.cfg.anomaly_data - 1e-6)
        text.draw(s, f"ANOMALIES RECORDED  {recorded}", 17, HUD, (x, y))
        y += 20
        text.draw(s, f"IMPACTS  {st.hits}", 17, AMBER if st.hits else HUD, (x, y))
        score = world.score
        text.draw(s, f"SCORE {score:,.0f}", 17, HUD_BRIGHT, (right, y), "topright")

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        return [("Data gathered", f"{summary.data:.1f} %")]
