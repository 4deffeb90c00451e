"""The autopilot of the eye of the storm level kind."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.eye import state
from game.sim.world import World


class EyePilot(KindPilot):
    kind = "eye"
    SAMPLE_DETOUR = 700.0  # m: samples nearer than this are worth the detour
    SAMPLE_TIME = 45.0  # s: no detours with less than this left on the timer

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        sx, sy, r, eye = self._where(world)
        # modified shields from just outside the layer until well inside the eye
        self._toggle(cmds, "modify_shields", eye * 0.9 < r < 1.25, pl.shield_mod)
        self._toggle(cmds, "tractor", r < 1.0, pl.tractor)
        sc = state(world)
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
        j = world.module
        b = world.bodies
        mx, my = float(b.pos[j, 0]), float(b.pos[j, 1])
        smp = sc
        best = None
        for k in range(smp.sample_pos.shape[0]):
            if smp.collected[k]:
                continue
            px, py = float(smp.sample_pos[k, 0]), float(smp.sample_pos[k, 1])
            d = math.hypot(px - sx, py - sy)
            if d < self.SAMPLE_DETOUR and world.time_left > self.SAMPLE_TIME and (best is None or d < best[0]):
                best = (d, px, py, float(smp.sample_vel[k, 0]), float(smp.sample_vel[k, 1]))
        if best is not None:
            self._seek(world, best[1], best[2], best[3], best[4], cmds, max_speed=80.0)
        else:
            self._seek(world, mx, my, float(b.vel[j, 0]), float(b.vel[j, 1]), cmds, max_speed=80.0)
        return cmds
