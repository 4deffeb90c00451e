"""What events look like: camera shake, screen flashes, spark bursts, expanding rings.

Each effect is kept with the time it started and evaluated as a function of its age,
so a frame looks the same however often frames are drawn (and a screenshot that feeds
the last second of events before one frame shows them at their right age).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.app.render.palette import (
    FLAME,
    GREEN,
    HUD,
    LINK,
    MAGENTA,
    RED,
    SHIELD_MOD,
    SURGE,
    SYSTEM_COLOURS,
)
from game.sim.kinds.anomaly import probe_of
from game.sim.world import Event, World

SHAKE_DECAY = 2.2  # 1/s
FLASH_DECAY = 5.0  # 1/s
MAX_SHAKE_PX = 16.0
BUFFET_PX = 6.0  # shake at the middle of the shear band, where its grip is strongest
# rows of the point layer's colour tables (see points.py)
SPARK_PALETTE, GLINT_PALETTE, EMBER_PALETTE = 2, 6, 7
SAMPLE_COLOUR = (215, 255, 90)
ECHO_COLOUR = (90, 235, 255)


@dataclass(slots=True)
class Ring:
    t0: float
    x: float  # world metres
    y: float
    duration: float
    radius_m: float  # final radius in metres (0: use radius_px)
    radius_px: float
    colour: tuple[int, int, int]


@dataclass(slots=True)
class Burst:
    t0: float
    x: float
    y: float
    dirs: np.ndarray  # (n, 2) unit vectors times speed, px/s
    life: np.ndarray  # (n,) seconds
    palette: int = 2  # row of the point layer's colour tables (SPARK)


@dataclass(slots=True)
class Kick:
    t0: float
    amount: float
    colour: tuple[int, int, int] | None  # flash colour, None for shake only


class Effects:
    def __init__(self, seed: int):
        self.rng = np.random.Generator(np.random.PCG64(seed ^ 0xEFFEC75))
        self.rings: list[Ring] = []
        self.bursts: list[Burst] = []
        self.kicks: list[Kick] = []
        self._shake_phase = self.rng.uniform(0, 100, 4)

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World, t: float) -> None:
        sx, sy = world.ship_pos()
        ship_len = world.spec.length
        surge_range = world.level.config.ellipse.surge_range
        for ev in events:
            k = ev.kind
            if k == "hit":
                amount = 0.22 + min(0.35, ev.value / 40.0)
                self.kicks.append(Kick(t, amount, RED))
                self.burst(t, ev.x, ev.y, 36, 260.0)
            elif k == "surge":
                near = max(0.0, 1.0 - math.hypot(ev.x - sx, ev.y - sy) / surge_range)
                self.kicks.append(Kick(t, 0.25 + 0.45 * near, SURGE))
                self.rings.append(Ring(t, ev.x, ev.y, 0.9, 0.0, 120.0, SURGE))
            elif k == "emerge":
                self.kicks.append(Kick(t, 0.45, FLAME))
                self.rings.append(Ring(t, ev.x, ev.y, 2.5, 4000.0, 0.0, FLAME))
            elif k == "launch":
                self.rings.append(Ring(t, ev.x, ev.y, 0.6, ship_len * 3.0, 60.0, HUD))
            elif k == "telemetry":
                pr = probe_of(world)
                j = pr.body if pr is not None else -1
                x, y = (float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1])) \
                    if j >= 0 else (ev.x, ev.y)
                self.rings.append(Ring(t, x, y, 1.0, 0.0, 90.0, LINK))
                self.rings.append(Ring(t, sx, sy, 1.0, 0.0, 70.0, LINK))
            elif k == "probe_lost":
                self.rings.append(Ring(t, ev.x, ev.y, 0.8, 0.0, 70.0, RED))
                self.burst(t, ev.x, ev.y, 50, 220.0)
            elif k == "polarity_reversed":
                self.rings.append(Ring(t, sx, sy, 0.7, 0.0, 80.0, MAGENTA))
            elif k == "dark_on":
                self.rings.append(Ring(t, sx, sy, 0.5, 0.0, 55.0, (90, 110, 140)))
            elif k == "sample":
                self.burst(t, ev.x, ev.y, 44, 200.0, GLINT_PALETTE)
                self.rings.append(Ring(t, ev.x, ev.y, 0.7, 0.0, 46.0, SAMPLE_COLOUR))
            elif k == "debris_hit":
                self.kicks.append(Kick(t, 0.18 + min(0.3, ev.value / 120.0), None))
                self.burst(t, ev.x, ev.y, 26, 170.0, EMBER_PALETTE)
            elif k == "module_found":
                self.rings.append(Ring(t, ev.x, ev.y, 1.4, 0.0, 260.0, ECHO_COLOUR))
                self.rings.append(Ring(t, ev.x, ev.y, 2.2, 0.0, 520.0, (240, 195, 90)))
                self.kicks.append(Kick(t, 0.0, ECHO_COLOUR))
            elif k == "shield_mod_on":
                self.rings.append(Ring(t, sx, sy, 0.6, 0.0, 70.0, SHIELD_MOD))
            elif k == "shield_mod_off":
                self.rings.append(Ring(t, sx, sy, 0.5, 0.0, 40.0, (120, 100, 60)))
            elif k == "tractor_on":
                self.rings.append(Ring(t, sx, sy, 0.5, 0.0, 50.0, SYSTEM_COLOURS["tractor"]))
            elif k == "refused":
                self.rings.append(Ring(t, sx, sy, 0.4, 0.0, 30.0, RED))
            elif k == "won":
                self.rings.append(Ring(t, sx, sy, 1.6, 0.0, 420.0, GREEN))
                self.kicks.append(Kick(t, 0.0, GREEN))
            elif k == "lost":
                self.kicks.append(Kick(t, 0.7, RED))
                self.burst(t, sx, sy, 90, 380.0)
        self._prune(t)

    def burst(self, t: float, x: float, y: float, count: int, speed: float,
              palette: int = SPARK_PALETTE) -> None:
        """`count` sparks flying out from a world point at up to `speed` m/s, from time `t`."""
        ang = self.rng.uniform(0, 2 * math.pi, count)
        sp = speed * self.rng.uniform(0.2, 1.0, count)
        dirs = np.stack([np.cos(ang) * sp, np.sin(ang) * sp], axis=1).astype(np.float32)
        life = self.rng.uniform(0.25, 0.8, count).astype(np.float32)
        self.bursts.append(Burst(t, x, y, dirs, life, palette))

    def _prune(self, t: float) -> None:
        self.rings = [r for r in self.rings if t - r.t0 < r.duration][-24:]
        self.bursts = [b for b in self.bursts if t - b.t0 < 0.8][-12:]
        self.kicks = [k for k in self.kicks if t - k.t0 < 2.0][-24:]

    # ------------------------------------------------------------------ queries
    def buffet(self, t: float, grip: float) -> tuple[float, float]:
        """A continuous rattle while the shear band holds the ship (grip 0..1)."""
        if grip <= 0.0:
            return 0.0, 0.0
        mag = BUFFET_PX * min(1.0, grip)
        p = self._shake_phase
        return (mag * (math.sin(t * 31.0 + p[1]) * 0.5 + math.sin(t * 53.0 + p[2]) * 0.3
                       + math.sin(t * 11.0 + p[3]) * 0.2),
                mag * (math.sin(t * 37.0 + p[0]) * 0.5 + math.sin(t * 59.0 + p[3]) * 0.3
                       + math.sin(t * 13.0 + p[1]) * 0.2))

    def shake(self, t: float) -> tuple[float, float]:
        trauma = 0.0
        for k in self.kicks:
            age = t - k.t0
            if age >= 0:
                trauma += k.amount * math.exp(-SHAKE_DECAY * age)
        trauma = min(1.0, trauma)
        if trauma <= 0.01:
            return 0.0, 0.0
        mag = MAX_SHAKE_PX * trauma * trauma
        p = self._shake_phase
        return (mag * (math.sin(t * 47.0 + p[0]) * 0.6 + math.sin(t * 23.0 + p[1]) * 0.4),
                mag * (math.sin(t * 41.0 + p[2]) * 0.6 + math.sin(t * 29.0 + p[3]) * 0.4))

    def flash(self, t: float) -> tuple[int, int, int]:
        r = g = b = 0.0
        for k in self.kicks:
            age = t - k.t0
            if k.colour is None or age < 0:
                continue
            f = 0.22 * math.exp(-FLASH_DECAY * age) * max(0.4, min(1.0, k.amount * 1.5))
            r += k.colour[0] * f
            g += k.colour[1] * f
            b += k.colour[2] * f
        return int(min(90, r)), int(min(90, g)), int(min(90, b))

    def sparks(self, t: float, to_screen) -> tuple[np.ndarray, ...] | None:
        """Screen positions (x, y), remaining life and palette of every live spark."""
        xs, ys, ls, ps = [], [], [], []
        for bst in self.bursts:
            age = t - bst.t0
            if age < 0:
                continue
            left = bst.life - np.float32(age)
            live = left > 0
            if not live.any():
                continue
            ox, oy = to_screen(bst.x, bst.y)
            travel = (1.0 - math.exp(-3.0 * age)) / 3.0
            xs.append(ox + bst.dirs[live, 0] * travel)
            ys.append(oy + bst.dirs[live, 1] * travel)
            ls.append(left[live])
            ps.append(np.full(int(live.sum()), bst.palette, np.int32))
        if not xs:
            return None
        return np.concatenate(xs), np.concatenate(ys), np.concatenate(ls), np.concatenate(ps)
