"""The autopilot of the eye of the storm level kind.

It knows only what the player is shown: the eye and its swirl (the debris rides it),
the echoes on the scope and the fix on the HUD, the samples once on screen, and the
module once the sweep has found her - never where she lies before that. It dives
through the shear band and straight across the eye past its middle with the scan
held, then round a search loop; it turns in on the echoes when they come, holds
station over where they cluster (the tractor off, so the engines have the power)
until the fix completes, then flies to her, taking a sample on the way when the
timer and the hull can spare the detour and she is not drifting out.
"""

from __future__ import annotations

import math

import numpy as np

from game.levels import Level
from game.pilots.base import KindPilot, wrap
from game.sim.debris import orbit_velocity
from game.sim.field import eye_ratio_now
from game.sim.kinds.eye import state
from game.sim.world import World


class EyePilot(KindPilot):
    kind = "eye"
    SEARCH_RING = 0.42  # eye semi-major axes: the radius of the search loop round the centre
    SEARCH_LEAD = 0.7  # rad: how far ahead along the loop it aims
    SEARCH_SPEED = 110.0  # m/s against the eye's drift while searching
    ECHO_MEMORY = 3.0  # s: echoes older than this are not trusted for the estimate
    LOST_AFTER = 3.0  # s without an echo: the contact is lost, back to searching
    DIVE_SPEED = 260.0  # m/s: through the layer, fast, before its flow carries the shuttle round
    CROSSED_AT = 200.0  # m from the far side of the loop: across, now round
    HOLD_AT = 45.0  # m from the estimate: hold station there
    HOLD_RADIUS = 150.0  # m from the estimate: from here in, station-keeping for the fix
    HOLD_CREEP = 0.3  # share of scan.steady_speed at which it creeps towards the estimate
    HOLD_SLACK = 0.3  # share of scan.steady_speed of slip it lets be before answering it
    CRUISE = 80.0  # m/s once she is found
    SAMPLE_SPEED = 45.0  # m/s into a sample's knot of chunks
    SAMPLE_MARGIN = 0.3  # share of the timer that must be left when she is reached after a detour
    DETOUR_SPEED = 45.0  # m/s: what a detour averages, turns and the eye's drag included
    KNOT_S = 6.0  # s: threading a sample's knot of chunks
    MODULE_SAFE = 0.75  # eye radii: no detours while she drifts out beyond this
    SAMPLE_HULL = 45.0  # %: no detours with less hull than this

    def __init__(self, level: Level, strategy: str = "auto"):
        super().__init__(level, strategy)
        self._last_estimate: tuple[float, float, float] | None = None  # x, y, when
        self._swept = 0.0  # rad of search loop flown since the last contact
        self._last_theta: float | None = None
        self._inside = False  # through the shear band into the eye
        self._far: float | None = None  # bearing of the loop's far side from where it came in
        self._crossed = False  # across the eye, past its middle, to the loop's far side

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        sx, sy, r, eye = self._where(world)
        # modified shields from just outside the layer until well inside the eye
        # (once inside, off again: near the rim its power is better spent on the engines)
        if r < eye * 0.8:
            self._inside = True
        self._toggle(cmds, "modify_shields", (eye * 0.9 < r < 1.25 and not self._inside) or r > eye * 1.02,
                     pl.shield_mod)
        sc = state(world)
        # the tractor only once she is found: while searching its power is better spent on the engines
        self._toggle(cmds, "tractor", r < 1.0 and sc.found, pl.tractor)
        if self._far is None and r < eye:
            self._far = self._theta(world, sx, sy) + math.pi  # in: now across to the far side
        if r >= eye * 0.95:
            # dive straight through the layer for the middle of the eye
            self._seek(world, e.x, e.y, e.vx, e.vy, cmds, max_speed=self.DIVE_SPEED, arrive=2.0)
            return cmds
        if not sc.found:
            cmds.add("scan")
            self._search(world, cmds)
            return cmds
        self._to_module(world, cmds)
        return cmds

    # ------------------------------------------------------------------ the search

    def _search(self, world: World, cmds: set[str]) -> None:
        sx, sy = world.ship_pos()
        estimate = self._estimate(world)
        if estimate is not None:
            self._last_estimate = (estimate[0], estimate[1], world.t)
            self._swept = 0.0
        elif self._last_estimate is not None and world.t - self._last_estimate[2] < 2 * self.LOST_AFTER:
            # contact lost a moment ago: go back where she seemed to be, carried on by the swirl
            x, y, t0 = self._last_estimate
            vx, vy = self._drift(world, x, y)
            estimate = (x + vx * (world.t - t0), y + vy * (world.t - t0))
            if math.hypot(estimate[0] - sx, estimate[1] - sy) < self.HOLD_AT:
                self._last_estimate = None  # nothing here: search on
                estimate = None
        if estimate is None and not self._crossed and self._far is not None:
            # first straight across the eye, past its middle: that covers most of it at once
            tx, ty = self._loop_point(world, self._far)
            if math.hypot(tx - sx, ty - sy) < self.CROSSED_AT:
                self._crossed = True
            else:
                vx, vy = self._drift(world, tx, ty)
                self._seek(world, tx, ty, vx, vy, cmds, max_speed=self.SEARCH_SPEED, arrive=1.0)
                return
        if estimate is None:
            self._crossed = True
            theta = self._theta(world, sx, sy)
            if self._last_theta is not None:
                self._swept += abs(wrap(theta - self._last_theta))
            self._last_theta = theta
            tx, ty = self._loop_point(world, theta + self._direction(world) * self.SEARCH_LEAD)
            vx, vy = self._drift(world, tx, ty)
            self._seek(world, tx, ty, vx, vy, cmds, max_speed=self.SEARCH_SPEED, arrive=1.0)
            return
        ex, ey = estimate
        vx, vy = self._drift(world, ex, ey)
        d = math.hypot(ex - sx, ey - sy)
        if d < self.HOLD_RADIUS:
            self._hold(world, ex, ey, vx, vy, d, cmds)
            return
        # close in briskly while far, gently near (overshoot costs the lock)
        speed = 50.0 if d < 250.0 else 100.0
        self._seek(world, ex, ey, vx, vy, cmds, max_speed=speed, arrive=0.8)

    def _hold(self, world: World, ex: float, ey: float, vx: float, vy: float, d: float,
              cmds: set[str]) -> None:
        """Hold station on the estimate: creep towards it, and answer every eddy's push as
        soon as the slip against the drift grows past a small margin (the fix needs the
        shuttle steadier than `scan.steady_speed`)."""
        b = world.bodies
        i = world.player.body
        steady = world.level.config.scan.steady_speed
        vx, vy = self._drift(world, float(b.pos[i, 0]), float(b.pos[i, 1]))  # the slip is against the drift here
        creep = min(self.HOLD_CREEP * steady, 0.05 * d)
        want_vx = vx + ((ex - float(b.pos[i, 0])) / d * creep if d > 1e-3 else 0.0)
        want_vy = vy + ((ey - float(b.pos[i, 1])) / d * creep if d > 1e-3 else 0.0)
        err_x, err_y = want_vx - float(b.vel[i, 0]), want_vy - float(b.vel[i, 1])
        if math.hypot(err_x, err_y) > self.HOLD_SLACK * steady:
            if abs(self._steer(world, math.atan2(err_y, err_x), cmds)) < 0.35:
                cmds.add("thrust")

    def _estimate(self, world: World) -> tuple[float, float] | None:
        """Where the recent echoes put her, each carried on by the eye's drift since it came
        back (all alike: the strong ones read near, so favouring them would pull it short)."""
        sc = state(world)
        recent = [p for p in sc.echoes if world.t - p.t <= self.ECHO_MEMORY]
        if not recent or world.t - recent[-1].t > self.LOST_AFTER:
            return None
        pts = np.array([(p.x, p.y) for p in recent], np.float32)
        drift = orbit_velocity(world, pts)
        age = np.array([world.t - p.t for p in recent], np.float32)
        pts += drift * age[:, None]
        return float(pts[:, 0].mean()), float(pts[:, 1].mean())

    # ------------------------------------------------------------------ the loop

    def _theta(self, world: World, x: float, y: float) -> float:
        """The bearing of a point from the ellipse's centre (the eye's swirl turns round it;
        the ellipse itself swings round after the loud shuttle, so not its own frame)."""
        e = world.ellipse
        return math.atan2(y - e.y, x - e.x)

    def _loop_point(self, world: World, theta: float) -> tuple[float, float]:
        """The point of the search loop at bearing `theta`; a loop further in or out after
        each full one without a contact."""
        e = world.ellipse
        a, _ = e.axes
        laps = int(self._swept / (2 * math.pi))
        ring = self.SEARCH_RING + (0.0, -0.15, 0.15)[laps % 3]
        rr = ring * eye_ratio_now(world) * a
        return e.x + rr * math.cos(theta), e.y + rr * math.sin(theta)

    def _direction(self, world: World) -> float:
        """Round the loop with the eye's swirl: it carries the shuttle along for free."""
        return 1.0 if world.level.config.field.eye_swirl >= 0 else -1.0

    @staticmethod
    def _drift(world: World, x: float, y: float) -> tuple[float, float]:
        v = orbit_velocity(world, np.array([[x, y]], np.float32))
        return float(v[0, 0]), float(v[0, 1])

    # ------------------------------------------------------------------ found

    def _to_module(self, world: World, cmds: set[str]) -> None:
        """Fly to her, by way of a sample when the detour pays: time to spare, hull to
        spare, the sample worth more than the seconds it costs, and she is not drifting
        out toward the shear meanwhile."""
        sc = state(world)
        b = world.bodies
        j = world.module
        sx, sy = world.ship_pos()
        mx, my = float(b.pos[j, 0]), float(b.pos[j, 1])
        direct = math.hypot(mx - sx, my - sy)
        best = None
        if self._detours_allowed(world, mx, my):
            scoring = world.level.config.scoring
            for k in range(sc.sample_pos.shape[0]):
                if sc.collected[k]:
                    continue
                px, py = float(sc.sample_pos[k, 0]), float(sc.sample_pos[k, 1])
                if self._ellipse_r(world, px, py) > eye_ratio_now(world) * 0.97:
                    continue  # in the shear already
                d = math.hypot(px - sx, py - sy)
                detour = d + math.hypot(mx - px, my - py) - direct
                cost = detour / self.DETOUR_SPEED + self.KNOT_S
                left = world.time_left - cost - direct / self.DETOUR_SPEED
                worth = self.level.config.samples[k].value * scoring.per_sample
                if (left > self.SAMPLE_MARGIN * self.level.config.level.time_limit
                        and worth > cost * scoring.per_second_left
                        and (best is None or cost < best[0])):
                    best = (cost, px, py, float(sc.sample_vel[k, 0]), float(sc.sample_vel[k, 1]), d)
        if best is not None:
            speed = self.SAMPLE_SPEED if best[5] < 250.0 else self.CRUISE
            self._seek(world, best[1], best[2], best[3], best[4], cmds, max_speed=speed)
        else:
            self._seek(world, mx, my, float(b.vel[j, 0]), float(b.vel[j, 1]), cmds, max_speed=self.CRUISE)

    def _detours_allowed(self, world: World, mx: float, my: float) -> bool:
        hull = float(world.bodies.hull[world.player.body])
        drifting_out = self._ellipse_r(world, mx, my) > self.MODULE_SAFE * eye_ratio_now(world)
        return hull >= self.SAMPLE_HULL and not drifting_out
