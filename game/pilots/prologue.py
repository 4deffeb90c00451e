"""The autopilot of the prologue (ares iv) level kind."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot, angle_to
from game.sim.kinds.prologue import state
from game.sim.world import World


class ProloguePilot(KindPilot):
    kind = "prologue"

    def fly(self, world: World) -> set[str]:
        """Imager on the ellipse, backing away on the main engine while fuel lasts; the ion
        drive once, nose away, when the ellipse is close; then back on target to the end."""
        cmds: set[str] = set()
        st = state(world)
        e = world.ellipse
        sx, sy = world.ship_pos()
        bearing = angle_to(sx, sy, e.x, e.y)
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
