"""The autopilot of the dark matter level kind: tow the module up through the shear layer,
out past the skin into the surface band, and hold her there until the front passes; or let
her go when the readout says the tow will not make it before the front (strategy "auto");
"keep" never lets go, "drop" lets go at once.

Inside the shear layer the flow carries the tow round and the band pulls it back in, hardest
on the ellipse's long flat sides: the climb is one long burn straight out along the outward
normal, the nose lined up first (a burn across her line spins the shuttle). Past the skin the
flow is gone and only the soft pull is left: there the tow is held just outside the surface
(`HOLD_OUT`), the orbit braked off gently so she hangs behind the shuttle.
"""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.dark_matter import asteroid_of, front_eta, tow_eta
from game.sim.world import World


class DarkMatterPilot(KindPilot):
    kind = "dark_matter"
    STRATEGIES = ("auto", "keep", "drop")  # keep the module whatever it costs, drop it at once, or judge
    SHORT = 0.02  # how far short of the surface band (elliptical radius) the tow may be caught
    DECIDE = 8.0  # s: the front this close, the readout is trusted (alone the shuttle is out in a few s)
    HOLD_OUT = 0.25  # where the tow is held: share of the surface band from its inner edge out
    ALIGN = 0.2  # rad: the nose within this of the burn's direction, or no burn while towing

    @staticmethod
    def _band_reached(world: World) -> bool:
        """Once she has been in the band, a dip below it is fought back up, never given up."""
        ast = asteroid_of(world)
        return ast is not None and ast.band_reached_at >= 0

    @staticmethod
    def _normal(world: World, x: float, y: float) -> tuple[float, float]:
        """The ellipse's outward normal at (x, y): across its contours, straight out."""
        e = world.ellipse
        a, b = e.axes
        dx, dy = x - e.x, y - e.y
        if a <= 0 or b <= 0:  # not surfaced yet: straight out from the centre
            d = math.hypot(dx, dy) + 1e-12
            return dx / d, dy / d
        c, s = math.cos(e.heading), math.sin(e.heading)
        u = (dx * c + dy * s) / (a * a)
        v = (-dx * s + dy * c) / (b * b)
        gx, gy = u * c - v * s, u * s + v * c
        g = math.hypot(gx, gy) + 1e-12
        return gx / g, gy / g

    def _keep(self, world: World) -> bool:
        """Whether to keep her on the beam now. With the front `DECIDE` seconds off, the readout
        is trusted: she is let go when, at the tow's present pace, the front would catch the
        shuttle more than `SHORT` below the band (a near miss costs little, a deep one the hull)."""
        if self.strategy == "drop":
            return False
        if self.strategy == "keep" or self._band_reached(world):
            return True
        front = front_eta(world)
        if front >= self.DECIDE or tow_eta(world) <= front:
            return True
        ast = asteroid_of(world)
        sx, sy = world.ship_pos()
        r = math.sqrt(world.r2_at(sx, sy))
        climb = ast.climb if ast is not None else 0.0
        return r + max(0.0, climb) * front >= self.level.config.shock.surface_band - self.SHORT

    def fly(self, world: World) -> set[str]:
        cmds: set[str] = set()
        pl = world.player
        e = world.ellipse
        shock = self.level.config.shock
        sx, sy, r, eye = self._where(world)
        self._toggle(cmds, "modify_shields", r > eye * 0.85, pl.shield_mod)
        towing = world.tractor.target >= 0
        want_tractor = towing and self._keep(world)
        self._toggle(cmds, "tractor", want_tractor, pl.tractor)
        nx, ny = self._normal(world, sx, sy)
        if towing and want_tractor:
            self._tow(world, cmds, r, nx, ny)
            return cmds
        # alone: out past the goal ring along the line from the centre
        dx, dy = sx - e.x, sy - e.y
        dist = math.hypot(dx, dy) + 1e-6
        target = shock.exit_ratio * dist / max(r, 1e-3)
        tx, ty = e.x + dx / dist * target, e.y + dy / dist * target
        self._seek(world, tx, ty, 0.0, 0.0, cmds, max_speed=400.0 if not towing else 60.0, arrive=1.0)
        return cmds

    def _tow(self, world: World, cmds: set[str], r: float, nx: float, ny: float) -> None:
        """Nose straight out along the outward normal, burn only when lined up (or she spins
        us); in the band, burn just enough to hold against the pull back to the core."""
        shock = self.level.config.shock
        b = world.bodies
        i = world.player.body
        e = world.ellipse
        radial = (float(b.vel[i, 0]) - e.vx) * nx + (float(b.vel[i, 1]) - e.vy) * ny
        hold = shock.surface_band + self.HOLD_OUT * (shock.exit_ratio - shock.surface_band)
        err = self._steer(world, math.atan2(ny, nx), cmds, tolerance=0.03)
        if abs(err) < self.ALIGN and (r < hold or radial < -4.0):
            cmds.add("thrust")
