"""The autopilot of the dark matter level kind."""

from __future__ import annotations

import math

from game.levels import Level
from game.pilots.base import KindPilot
from game.sim.kinds.dark_matter import countdown
from game.sim.world import World


class DarkMatterPilot(KindPilot):
    kind = "dark_matter"
    STRATEGIES = ("auto", "keep", "drop")  # keep the module whatever it costs, drop it at once, or judge

    def __init__(self, level: Level, strategy: str = "auto"):
        super().__init__(level, strategy)
        self._start_r: float | None = None


    def fly(self, world: World) -> set[str]:
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
