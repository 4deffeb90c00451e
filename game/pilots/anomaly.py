"""The autopilot of the anomaly level kind.

Close in lit, launch the probe into the ellipse, then hold station within comms range
while it gathers. As the ellipse drains the probe's signal (the HUD's signal bar and its
YOU tick), stay lit within comms range to catch the probe's dying burst (all it holds,
sent as its beacon dies) and go dark with polarity reversed the moment it dies, when the
ship becomes the loudest thing it hears and it would feed on it (without a burst to
catch, go dark just before: `DARK_LEAD`); keep clear on the thrusters while dark, and
light up again once the recovered beacon has the ellipse back, to bring the buffered
telemetry home.
"""

from __future__ import annotations

import math

from game.pilots.base import KindPilot, angle_to, wrap
from game.sim.kinds.anomaly import ProbeState, state
from game.sim.world import World


class AnomalyPilot(KindPilot):
    kind = "anomaly"
    LAUNCH_DISTANCE = 3.0  # launch when this many semi-minor axes from the surface
    STANDOFF = 0.62  # share of the probe's comms range to hold from it
    DARK_MARGIN = 1.2  # go dark when the ellipse hears the probe less than this over us lit
    DARK_LEAD = 0.2  # s: or when the draining beacon will die within this (no dying burst to catch)
    LIGHT_MARGIN = 5.0  # light up when it hears the probe this much over us lit
    RELIGHT_CHARGE = 0.15  # and the probe's signal has come back this far
    RELIGHT_R = 1.6  # light up only this many ellipse radii clear of it
    DARK_CLEARANCE = 2.2  # dark, keep this many ellipse radii from it on the thrusters

    def fly(self, world: World) -> set[str]:
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
        probe = state(world)
        probe_out = probe.body >= 0

        # how threatening is the ellipse: is it coming at us, and how close
        course_err = abs(wrap(e.heading - angle_to(e.x, e.y, sx, sy)))
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
                aim = angle_to(sx, sy, e.x + e.vx * lead, e.y + e.vy * lead)
                err = self._steer(world, aim, cmds)
                gap = dist - bax
                if gap > self.LAUNCH_DISTANCE * bax:
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
            self._with_probe(world, cmds, probe, r)
            return cmds

        # before it surfaces, or out of probes: keep clear, stay hidden when it comes
        self._toggle(cmds, "dark", danger, pl.dark)
        self._toggle(cmds, "polarity", danger, pl.polarity_reversed)
        if e.presence > 0.5:
            err = self._steer(world, angle_to(e.x, e.y, sx, sy), cmds)
            if abs(err) < 0.6 and r < 2.5:
                cmds.add("thrust")
        return cmds

    def _with_probe(self, world: World, cmds: set[str], probe: ProbeState, r: float) -> None:
        """Keep the comms lit near the probe while it holds the ellipse; go dark (polarity
        reversed throughout) when the probe's fading signal is about to lose it or it turns
        on us; light up again once the probe's beacon has it back and it is not on top of us."""
        pl = world.player
        b = world.bodies
        e = world.ellipse
        i = pl.body
        obj = self.level.config.probe_objective
        sx, sy = world.ship_pos()
        vx, vy = float(b.vel[i, 0]), float(b.vel[i, 1])
        j = probe.body
        px, py = float(b.pos[j, 0]), float(b.pos[j, 1])
        pdist = math.hypot(px - sx, py - sy)
        soft2 = self.level.config.ellipse.sense_softening ** 2
        chased = e.presence > 0.5 and e.target == i
        # what the ellipse hears of the probe, and of us lit (polarity reversed, engines on)
        heard_probe = float(b.signature[j]) / (math.hypot(px - e.x, py - e.y) ** 2 + soft2)
        heard_ship = self._lit_signature(world) / (math.hypot(sx - e.x, sy - e.y) ** 2 + soft2)
        # the beacon dies in `fade * ln(charge / floor)` s while it drains. With a dying burst
        # to catch, stay lit through it and go dark the moment it dies; else just before
        dies_in = math.inf
        lead = 0.0 if obj.dying_burst else self.DARK_LEAD
        if probe.gathering and obj.signal_fade > 0 and obj.signal_floor > 0 and not probe.silent:
            dies_in = obj.signal_fade * math.log(max(probe.charge, 1e-9) / obj.signal_floor)
        fading = (probe.silent or heard_probe < heard_ship * self.DARK_MARGIN or dies_in < lead)
        if pl.dark:
            # light up once the probe's signal has come back well and it holds the ellipse
            back = (e.target == j and not probe.silent and heard_probe > heard_ship * self.LIGHT_MARGIN
                    and probe.charge > self.RELIGHT_CHARGE)
            want_dark = not (back and r > self.RELIGHT_R)
        else:
            want_dark = chased or fading
        self._toggle(cmds, "polarity", True, pl.polarity_reversed)
        self._toggle(cmds, "dark", want_dark, pl.dark)
        target_gap = self.STANDOFF * obj.comms_range
        if r < (self.DARK_CLEARANCE if pl.dark else 1.8) or (not pl.dark and pdist < target_gap * 0.7):
            heading: float | None = angle_to(e.x, e.y, sx, sy)  # away from it
        elif pdist > obj.comms_range * (0.95 if pl.dark else 0.85):
            heading = angle_to(sx, sy, px, py)
        else:
            heading = None
        if heading is not None:
            err = self._steer(world, heading, cmds)
            if abs(err) < 0.6:
                cmds.add("thrust")
        elif math.hypot(vx, vy) > 30:
            err = self._steer(world, math.atan2(-vy, -vx), cmds)
            if abs(err) < 0.4:
                cmds.add("thrust")

    @staticmethod
    def _lit_signature(world: World) -> float:
        """The ship's EM signature lit, polarity reversed, engines at full (MW)."""
        spec = world.spec
        draw = sum(getattr(spec.systems, name).draw for name in ("engines", "shields", "sensors", "comms"))
        return (min(draw, spec.reactor_output) + spec.life_support_draw) * spec.polarity_signature_factor
