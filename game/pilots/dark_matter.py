"""The autopilot of the dark matter level kind: tow the module up into the surface band and
hold her there until the front passes, or let her go when the readout says the tow will not
make it before the front (strategy "auto"); "keep" never lets go, "drop" lets go at once."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.dark_matter import asteroid_of, front_eta, tow_eta
from game.sim.world import World


class DarkMatterPilot(KindPilot):
    kind = "dark_matter"
    STRATEGIES = ("auto", "keep", "drop")  # keep the module whatever it costs, drop it at once, or judge
    MARGIN = 3.0  # s: the tow must beat the front by this much, or she is let go

    @staticmethod
    def _band_reached(world: World) -> bool:
        """Once she has been in the band, a dip below it is fought back up, never given up."""
        ast = asteroid_of(world)
        return ast is not None and ast.band_reached_at >= 0

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        shock = self.level.config.shock
        sx, sy, r, eye = self._where(world)
        self._toggle(cmds, "modify_shields", r > eye * 0.85, pl.shield_mod)
        towing = world.tractor.target >= 0
        want_tractor = towing
        if towing and self.strategy == "drop":
            want_tractor = False
        elif towing and self.strategy == "auto" and world.t > 12.0 and not self._band_reached(world):
            # the readout: will the tow reach the surface band before the front?
            eta = tow_eta(world)
            if eta > 0.0 and eta > front_eta(world) - self.MARGIN and front_eta(world) < 25.0:
                want_tractor = False
        self._toggle(cmds, "tractor", want_tractor, pl.tractor)
        # straight out along the line from the centre through the ship, to hold in the band
        dx, dy = sx - e.x, sy - e.y
        dist = math.hypot(dx, dy) + 1e-6
        ux, uy = dx / dist, dy / dist
        hold_r = 0.5 * (shock.surface_band + min(1.0, shock.exit_ratio)) if towing else shock.exit_ratio
        target = hold_r * dist / max(r, 1e-3)
        tx, ty = e.x + ux * target, e.y + uy * target
        if towing and want_tractor:
            # a heavy load: nose straight out, burn only when lined up, or she spins us; in the
            # band, burn just enough to hold against the pull back to the core
            b = world.bodies
            i = pl.body
            radial = float(b.vel[i, 0]) * ux + float(b.vel[i, 1]) * uy
            err = self._steer(world, math.atan2(uy, ux), cmds, tolerance=0.03)
            if abs(err) < 0.25 and (r < hold_r or radial < -4.0):
                cmds.add("thrust")
        else:
            self._seek(world, tx, ty, 0.0, 0.0, cmds, max_speed=400.0 if not towing else 60.0, arrive=1.0)
        return cmds
