"""The autopilot of the tractor-beam escape level kind."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.escape import state
from game.sim.world import World

EASE_AT = 0.15  # gust level from which the starship eases off
HOLD_ON_R = 1.08  # elliptical radius below which the starship pulls whatever the beam suffers


class EscapePilot(KindPilot):
    kind = "escape"

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        st = state(world)
        e = world.ellipse
        b = world.bodies
        if not st.locked:
            sx, sy, r, eye = self._where(world)
            self._toggle(cmds, "modify_shields", True, world.player.shield_mod)
            j = st.starship
            self._seek(world, float(b.pos[j, 0]), float(b.pos[j, 1]), float(b.vel[j, 0]),
                       float(b.vel[j, 1]), cmds, max_speed=160.0, arrive=0.5)
            return cmds
        # the starship's helm: nose on the ellipse, full reverse; ease off while a gust
        # grips the shuttle (pulling against it strains the beam), unless the starship
        # itself is too near the surface to give ground
        sx, sy = world.ship_pos()
        self._steer(world, math.atan2(e.y - sy, e.x - sx), cmds, tolerance=0.03)
        if st.gust < EASE_AT or st.starship_r < HOLD_ON_R:
            cmds.add("reverse")
        return cmds
