"""The autopilot: flies a level through the same commands a player sends.

It reads only what the player can see on screen (the ship, the ellipse's shape and
course, the probe, the HUD's gauges) and answers with a set of held commands each
step. It proves a level can be won, shows the margins a designer has left, drives
the tests and flies the title screen's demo.
"""

from __future__ import annotations

import math

from game.levels import Level
from game.sim.asteroid import countdown
from game.sim.field import eye_ratio_now
from game.sim.salvage import log_count, seam_offset, station_pos
from game.sim.ship import systems_on
from game.sim.world import World


def _angle_to(ax: float, ay: float, bx: float, by: float) -> float:
    return math.atan2(by - ay, bx - ax)


def _wrap(a: float) -> float:
    return (a + math.pi) % (2 * math.pi) - math.pi


class Autopilot:
    """A pilot for one level; call it with the world each step to get its commands."""

    STRATEGIES = ("auto", "keep", "drop")

    def __init__(self, level: Level, strategy: str = "auto"):
        if strategy not in self.STRATEGIES:
            raise ValueError(f"unknown autopilot strategy {strategy!r}")
        self.level = level
        # dark matter: keep the module whatever it costs, drop it at once, or judge
        self.strategy = strategy
        cfg = level.config
        self.kind = cfg.level.kind
        # strategy knobs (the autopilot's own, not the level's)
        self.launch_distance = 3.0  # ellipse surface distances, in semi-minor axes
        self.standoff = 0.62  # fraction of comms range to hold from the probe
        self.survival_top = 330.0  # m/s: fastest the survival pilot dares fly among the rocks
        self._toggle_sent: set[str] = set()
        self._start_r: float | None = None

    def __call__(self, world: World) -> frozenset[str]:
        # one method per level kind, named after it: _anomaly, _eye, _dark_matter, ...
        fly = getattr(self, f"_{self.kind}", None)
        return frozenset(fly(world) if fly is not None else ())

    # ------------------------------------------------------------------ helpers
    def _steer(self, world: World, heading: float, cmds: set[str], tolerance: float = 0.05) -> float:
        """Turn toward `heading`; returns the remaining error in radians."""
        b = world.bodies
        i = world.player.body
        err = _wrap(heading - float(b.angle[i]))
        spin = float(b.spin[i])
        spec = world.spec
        alpha = spec.turn_torque / spec.moment_of_inertia
        # stop turning early enough to stop on the heading
        brake = spin * spin / (2 * alpha) if alpha > 0 else 0.0
        if abs(err) > tolerance:
            if err > 0 and not (spin > 0 and brake >= err):
                cmds.add("turn_right")
            elif err < 0 and not (spin < 0 and brake >= -err):
                cmds.add("turn_left")
        return err

    def _toggle(self, cmds: set[str], name: str, want: bool, have: bool) -> None:
        # a toggle acts on its rising edge: press on one step, release the next
        if want != have and name not in self._toggle_sent:
            cmds.add(name)
            self._toggle_sent.add(name)
        else:
            self._toggle_sent.discard(name)

    def _seek(self, world: World, tx: float, ty: float, tvx: float, tvy: float,
              cmds: set[str], max_speed: float, arrive: float = 0.5) -> float:
        """Fly to (tx, ty), arriving matched to the target's velocity. Returns the distance."""
        b = world.bodies
        i = world.player.body
        sx, sy = world.ship_pos()
        vx, vy = float(b.vel[i, 0]), float(b.vel[i, 1])
        dx, dy = tx - sx, ty - sy
        dist = math.hypot(dx, dy)
        accel = self._accel(world)
        # speed we can still brake from over the remaining distance (with margin)
        approach = min(max_speed, math.sqrt(2 * accel * arrive * max(dist - 5.0, 0.0)))
        want_vx = tvx + (dx / dist * approach if dist > 1e-3 else 0.0)
        want_vy = tvy + (dy / dist * approach if dist > 1e-3 else 0.0)
        ex, ey = want_vx - vx, want_vy - vy
        need = math.hypot(ex, ey)
        if need > 4.0:
            err = self._steer(world, math.atan2(ey, ex), cmds)
            if abs(err) < 0.35:
                cmds.add("thrust")
        return dist

    @staticmethod
    def _accel(world: World) -> float:
        """What a full burn gives now, as the HUD shows it: engines, or thrusters alone."""
        spec, pl = world.spec, world.player
        if systems_on(world)["engines"]:
            return spec.thrust * pl.supply_ratio * pl.health["engines"] / 100.0 * pl.thrust_factor / spec.mass
        return spec.thruster_thrust / spec.mass

    def _ellipse_r(self, world: World, x: float, y: float) -> float:
        return math.sqrt(float(world.elliptical_r2(x, y)))

    def _where(self, world: World) -> tuple[float, float, float, float]:
        """The ship's position, its elliptical radius and the eye's radius now."""
        sx, sy = world.ship_pos()
        r = self._ellipse_r(world, sx, sy) if world.ellipse.scale > 0 else math.inf
        return sx, sy, r, eye_ratio_now(world)

    # ------------------------------------------------------------------ Anomaly
    def _anomaly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        b = world.bodies
        e = world.ellipse
        i = pl.body
        sx, sy = world.ship_pos()
        vx, vy = float(b.vel[i, 0]), float(b.vel[i, 1])
        dist = math.hypot(e.x - sx, e.y - sy)
        a, bax = e.axes
        r = self._ellipse_r(world, sx, sy) if e.scale > 0 else math.inf
        probe_out = world.probe.body >= 0
        obj = self.level.config.probe_objective

        # how threatening is the ellipse: is it coming at us, and how close
        course_err = abs(_wrap(e.heading - _angle_to(e.x, e.y, sx, sy)))
        coming = e.presence > 0.5 and course_err < math.radians(35) and e.speed > 20
        chased = e.presence > 0.5 and e.target == i  # the HUD's "tracking you" light
        danger = e.presence > 0.5 and (r < 1.25 or (coming and r < 1.9))

        if not probe_out and pl.probes_left > 0 and e.presence > 0.9:
            # hunt: face the ellipse, close in, launch when it is near enough
            want_dark = chased and r < 1.2
            self._toggle(cmds, "dark", want_dark, pl.dark)
            self._toggle(cmds, "polarity", want_dark, pl.polarity_reversed)
            if not pl.dark:
                # lead the target a little: aim where the ellipse will be
                lead = 1.2
                aim = _angle_to(sx, sy, e.x + e.vx * lead, e.y + e.vy * lead)
                err = self._steer(world, aim, cmds)
                gap = dist - bax
                if gap > self.launch_distance * bax:
                    if abs(err) < 0.5:
                        cmds.add("thrust")
                elif abs(err) < 0.12 and pl.reload <= 0:
                    cmds.add("launch")
                # don't fly into it
                closing = -((e.x - sx) * vx + (e.y - sy) * vy) / max(dist, 1.0)
                if gap < 1.6 * bax and closing < 0:
                    cmds.discard("thrust")
                    cmds.add("reverse")
            return cmds

        if probe_out:
            # keep the comms lit; stay out of its way, within range of the probe
            j = world.probe.body
            px, py = float(b.pos[j, 0]), float(b.pos[j, 1])
            pdist = math.hypot(px - sx, py - sy)
            # flee lit (polarity reversed keeps us quieter than the probe); go dark only
            # when the ellipse is on us and we cannot outrun it
            want_dark = chased and r < 1.3
            self._toggle(cmds, "polarity", True, pl.polarity_reversed)
            self._toggle(cmds, "dark", want_dark, pl.dark)
            away = _angle_to(e.x, e.y, sx, sy)
            target_gap = self.standoff * obj.comms_range
            if r < 1.6 or pdist < target_gap * 0.7:
                heading = away
            elif pdist > obj.comms_range * 0.85:
                heading = _angle_to(sx, sy, px, py)
            else:
                heading = None
            if heading is not None:
                err = self._steer(world, heading, cmds)
                if abs(err) < 0.6:
                    cmds.add("thrust")
            else:
                speed = math.hypot(vx, vy)
                if speed > 30:
                    err = self._steer(world, math.atan2(-vy, -vx), cmds)
                    if abs(err) < 0.4:
                        cmds.add("thrust")
            return cmds

        # before it surfaces, or out of probes: keep clear, stay hidden when it comes
        self._toggle(cmds, "dark", danger, pl.dark)
        self._toggle(cmds, "polarity", danger, pl.polarity_reversed)
        if e.presence > 0.5:
            err = self._steer(world, _angle_to(e.x, e.y, sx, sy), cmds)
            if abs(err) < 0.6 and r < 2.5:
                cmds.add("thrust")
        return cmds

    # ------------------------------------------------------------------ Eye of the storm
    def _eye(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        sx, sy, r, eye = self._where(world)
        # modified shields from just outside the layer until well inside the eye
        self._toggle(cmds, "modify_shields", eye * 0.9 < r < 1.25, pl.shield_mod)
        self._toggle(cmds, "tractor", r < 1.0, pl.tractor)
        sc = world.scan
        if r >= eye * 0.95:
            # dive for the centre, straight through the layer
            self._seek(world, e.x, e.y, e.vx, e.vy, cmds, max_speed=260.0, arrive=2.0)
            return cmds
        if not sc.found:
            cmds.add("scan")
            if sc.echoes:
                # head for the middle of the recent echoes: the player sees them too
                recent = sc.echoes[-8:]
                gx = sum(p[0] for p in recent) / len(recent)
                gy = sum(p[1] for p in recent) / len(recent)
                self._seek(world, gx, gy, e.vx, e.vy, cmds, max_speed=70.0)
            return cmds
        # found: pick up samples that are close on the way, then the module
        j = sc.module
        b = world.bodies
        mx, my = float(b.pos[j, 0]), float(b.pos[j, 1])
        smp = world.samples
        best = None
        for k in range(smp.pos.shape[0]):
            if smp.collected[k]:
                continue
            px, py = float(smp.pos[k, 0]), float(smp.pos[k, 1])
            d = math.hypot(px - sx, py - sy)
            if d < 700 and world.time_left > 45 and (best is None or d < best[0]):
                best = (d, px, py, float(smp.vel[k, 0]), float(smp.vel[k, 1]))
        if best is not None:
            self._seek(world, best[1], best[2], best[3], best[4], cmds, max_speed=80.0)
        else:
            self._seek(world, mx, my, float(b.vel[j, 0]), float(b.vel[j, 1]), cmds, max_speed=80.0)
        return cmds

    # ------------------------------------------------------------------ Dark matter
    def _dark_matter(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        sx, sy, r, eye = self._where(world)
        self._toggle(cmds, "modify_shields", r > eye * 0.85, pl.shield_mod)
        towing = world.tractor.target >= 0
        exit_r = self.level.config.shock.exit_ratio
        # straight out along the line from the centre through the ship
        dx, dy = sx - e.x, sy - e.y
        dist = math.hypot(dx, dy) + 1e-6
        ux, uy = dx / dist, dy / dist
        to_go = max(0.0, (exit_r - r) * dist / max(r, 1e-3))
        left = countdown(world)
        want_tractor = towing
        if towing:
            if self.strategy == "drop":
                want_tractor = False
            elif self.strategy == "auto":
                # at the pace made so far, will we clear the surface before the impact?
                if self._start_r is None and e.presence >= 1.0:
                    self._start_r = r
                if self._start_r is not None and world.t > 30.0:
                    pace = (r - self._start_r) / world.t  # elliptical radii per second
                    eta = (exit_r - r) / max(pace, 1e-4)
                    if eta > left + 2.0:  # the front takes a few seconds to reach us
                        want_tractor = False
        self._toggle(cmds, "tractor", want_tractor, pl.tractor)
        if towing and want_tractor:
            # a heavy load: nose straight out, burn only when lined up, or she spins us
            err = self._steer(world, math.atan2(uy, ux), cmds, tolerance=0.03)
            if abs(err) < 0.25:
                cmds.add("thrust")
        else:
            aim = (e.x + ux * (dist + to_go + 500.0), e.y + uy * (dist + to_go + 500.0))
            self._seek(world, aim[0], aim[1], 0.0, 0.0, cmds, max_speed=400.0, arrive=3.0)
        return cmds

    # ------------------------------------------------------------------ Salvage
    def _salvage(self, world: World) -> set[str]:
        cmds: set[str] = set()
        st = world.salvage
        c = self.level.config.salvage
        if st.phase == "shuttle":
            b = world.bodies
            j = st.module
            mx, my = float(b.pos[j, 0]), float(b.pos[j, 1])
            # hold off a little, on our side of her: well inside the range, clear of her hull
            sx, sy = world.ship_pos()
            gap = math.hypot(sx - mx, sy - my) or 1.0
            hold = 0.35 * c.transporter_range
            tx, ty = mx + (sx - mx) / gap * hold, my + (sy - my) / gap * hold
            self._seek(world, tx, ty, float(b.vel[j, 0]), float(b.vel[j, 1]), cmds,
                       max_speed=45.0, arrive=0.4)
            close = gap < 0.6 * c.transporter_range
            rel = math.hypot(*(b.vel[world.player.body] - b.vel[j]))
            shields_up = systems_on(world)["shields"]
            # shields stay up for the surges until the last moment
            self._toggle(cmds, "shields", close, world.player.shields_down)
            if close and not shields_up and rel < 8.0 and "shields" not in cmds:
                self._press(cmds, "beam")
            else:
                self._beam_sent = False
            return cmds
        if st.phase != "aboard":
            return cmds
        goal = self._cabin_goal(world)
        if goal == "beam":
            self._press(cmds, "beam")
            return cmds
        gx, gy = station_pos(world, goal)
        dx, dy = gx - float(st.suit[0]), gy - float(st.suit[1])
        if math.hypot(dx, dy) < 0.6 * c.reach and st.station == goal:
            cmds.add("action")
            if goal == "distributor":
                # track the seam a little ahead of the cut, the way a welder leads the bead
                err = seam_offset(world, min(1.0, st.cut + 0.01)) - st.torch
                if err > 0.04:
                    cmds.add("reverse")
                elif err < -0.04:
                    cmds.add("thrust")
            return cmds
        self._float_to(world, dx, dy, cmds)
        return cmds

    def _press(self, cmds: set[str], name: str) -> None:
        """A one-shot: pressed on one call, released on the next."""
        if not getattr(self, "_beam_sent", False):
            cmds.add(name)
            self._beam_sent = True
        else:
            self._beam_sent = False

    def _cabin_goal(self, world: World) -> str:
        """Core first, then the part, then the logs while the clock and hull allow."""
        st = world.salvage
        c = self.level.config.salvage
        if st.core < 1.0:
            return "core"
        if not st.part:
            return "distributor"
        spare = world.time_left - c.beam_time - 12.0
        hull = float(world.bodies.hull[world.player.body])
        more_logs = len(st.logs_done) < log_count(world)
        entry_left = (1.0 - st.log_progress) * c.log_time
        walk = 0.0 if st.station == "terminal" else 8.0
        if more_logs and spare > entry_left + walk and hull > 12.0 + c.hull_leak * (entry_left + walk + 10):
            return "terminal"
        return "beam"

    def _float_to(self, world: World, dx: float, dy: float, cmds: set[str]) -> None:
        """Suit thrusters: a speed that can still be braked, each axis on its own."""
        st = world.salvage
        c = self.level.config.salvage
        for axis, gap, plus, minus in ((0, dx, "turn_right", "turn_left"), (1, dy, "reverse", "thrust")):
            want = max(-2.5, min(2.5, math.copysign(math.sqrt(2 * c.suit_accel * 0.4 * abs(gap)), gap)))
            v = float(st.suit_vel[axis])
            if want - v > 0.08:
                cmds.add(plus)
            elif want - v < -0.08:
                cmds.add(minus)

    # ------------------------------------------------------------------ Escape
    def _escape(self, world: World) -> set[str]:
        cmds: set[str] = set()
        st = world.escape
        e = world.ellipse
        b = world.bodies
        if not st.locked:
            sx, sy, r, eye = self._where(world)
            self._toggle(cmds, "modify_shields", True, world.player.shield_mod)
            j = st.starship
            self._seek(world, float(b.pos[j, 0]), float(b.pos[j, 1]), float(b.vel[j, 0]),
                       float(b.vel[j, 1]), cmds, max_speed=160.0, arrive=0.5)
            return cmds
        # the starship's helm: nose on the ellipse, full reverse
        sx, sy = world.ship_pos()
        self._steer(world, math.atan2(e.y - sy, e.x - sx), cmds, tolerance=0.03)
        cmds.add("reverse")
        return cmds

    # ------------------------------------------------------------------ Prologue
    def _prologue(self, world: World) -> set[str]:
        """Imager on the ellipse, backing away on the main engine while fuel lasts; the ion
        drive once, nose away, when the ellipse is close; then back on target to the end."""
        cmds: set[str] = set()
        st = world.prologue
        e = world.ellipse
        sx, sy = world.ship_pos()
        bearing = _angle_to(sx, sy, e.x, e.y)
        if st.burning or (not st.burn_used and e.presence > 0.9 and st.r < 2.0 and st.fuel > 0.05):
            err = self._steer(world, bearing + math.pi, cmds, tolerance=0.03)
            if not st.burn_used and abs(err) < 0.2:
                cmds.add("action")
            return cmds
        err = self._steer(world, bearing, cmds, tolerance=0.02)
        reserve = 0.0 if st.burn_used else 0.55
        if e.presence > 0.5 and st.fuel > reserve and abs(err) < 0.3 and st.r < 3.2:
            cmds.add("reverse")  # back away, nose (and imager) still on it
        return cmds

    # ------------------------------------------------------------------ Survival
    def _survival(self, world: World) -> set[str]:
        """Run from the ellipse through the rocks: fly a wanted velocity away from it (toward
        an anomaly when it is far), swerve round the asteroids on the course, sweep for data
        when it is safe."""
        from game.sim.survival import asteroid_positions

        cmds: set[str] = set()
        st = world.survival
        e = world.ellipse
        b = world.bodies
        i = world.player.body
        sx, sy = world.ship_pos()
        vx, vy = float(b.vel[i, 0]), float(b.vel[i, 1])
        r = self._ellipse_r(world, sx, sy) if e.scale > 0 else math.inf
        dx, dy = sx - e.x, sy - e.y
        d = math.hypot(dx, dy) or 1.0
        ax, ay = dx / d, dy / d  # away from the ellipse
        pos, vel = asteroid_positions(world)
        live = st.alive
        rel = pos[live] - (sx, sy)
        # head for an unspent anomaly while the ellipse is far and it is not behind us
        if r > 2.6 and st.anomaly_alive.any():
            apos = st.anomaly_pos[st.anomaly_alive] - (sx, sy)
            dist = (apos**2).sum(axis=1) ** 0.5
            k = int(dist.argmin())
            if dist[k] < 2500.0 and (apos[k, 0] * ax + apos[k, 1] * ay) > -0.3 * dist[k]:
                w = 0.8 if dist[k] > world.level.config.survival.scan_range * 0.6 else 0.0
                ax, ay = ax + w * apos[k, 0] / dist[k] * 1.5, ay + w * apos[k, 1] / dist[k] * 1.5
                n = math.hypot(ax, ay) or 1.0
                ax, ay = ax / n, ay / n
        speed = max(140.0, min(self.survival_top, e.speed * 1.05 + 50.0 * max(0.0, 2.4 - r)))
        wx, wy = ax * speed, ay * speed
        # swerve round the rocks the wanted course would hit in the next seconds
        if rel.shape[0]:
            radius = st.radius[live] + world.spec.collision_radius + 45.0
            rvx = wx - vel[live, 0]
            rvy = wy - vel[live, 1]
            v2 = rvx * rvx + rvy * rvy + 1e-6
            tca = (rel[:, 0] * rvx + rel[:, 1] * rvy) / v2
            cx = rel[:, 0] - rvx * tca
            cy = rel[:, 1] - rvy * tca
            miss = (cx * cx + cy * cy) ** 0.5
            danger = (tca > 0) & (tca < 3.5) & (miss < radius)
            for j in danger.nonzero()[0]:
                m = float(miss[j]) or 1.0
                # push the wanted velocity sideways, away from the rock's closest point
                push = (float(radius[j]) - m) / float(radius[j]) * speed * 1.2
                wx -= float(cx[j]) / m * push
                wy -= float(cy[j]) / m * push
            # slow down when a rock is close and dead ahead
            close = (rel[:, 0] ** 2 + rel[:, 1] ** 2) ** 0.5 - radius
            if (danger & (close < 250.0)).any():
                ws = math.hypot(wx, wy) or 1.0
                k = min(1.0, max(0.55, 1.0 - 0.45 * (1.0 if r > 1.8 else 0.0)))
                wx, wy = wx / ws * speed * k, wy / ws * speed * k
        ex, ey = wx - vx, wy - vy
        if math.hypot(ex, ey) > 12.0:
            err = self._steer(world, math.atan2(ey, ex), cmds)
            if abs(err) < 0.45:
                cmds.add("thrust")
            elif abs(err) > 2.6:
                cmds.add("reverse")
        # sweep for data when the ellipse is not close (it costs the engines power)
        if r > 2.2 and (st.near_anomaly >= 0 or (r > 3.0 and not cmds & {"thrust"})):
            cmds.add("scan")
        return cmds
