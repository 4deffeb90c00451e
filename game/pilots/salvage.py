"""The autopilot of the salvage level kind."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.salvage import config, log_count, seam_offset, state, station_pos
from game.sim.ship import systems_on
from game.sim.world import World


class SalvagePilot(KindPilot):
    kind = "salvage"

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        st = state(world)
        c = config(world)
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
                self._press_sent = False
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

    def _cabin_goal(self, world: World) -> str:
        """Core first, then the part, then the logs while the clock and hull allow."""
        st = state(world)
        c = config(world)
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
        st = state(world)
        c = config(world)
        for axis, gap, plus, minus in ((0, dx, "turn_right", "turn_left"), (1, dy, "reverse", "thrust")):
            want = max(-2.5, min(2.5, math.copysign(math.sqrt(2 * c.suit_accel * 0.4 * abs(gap)), gap)))
            v = float(st.suit_vel[axis])
            if want - v > 0.08:
                cmds.add(plus)
            elif want - v < -0.08:
                cmds.add(minus)
