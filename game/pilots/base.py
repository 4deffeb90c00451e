"""What every pilot of a level kind shares: steering, seeking, toggles, one-shot presses.

A pilot reads only what the player can see on screen (the ship, the ellipse's shape
and course, the HUD's gauges) and answers with a set of held commands each step,
the same commands a player sends. One pilot per level kind (`game.pilots.PILOTS`).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import ClassVar

from game.levels import Level
from game.sim.field import eye_ratio_now
from game.sim.ship import systems_on
from game.sim.world import World


def angle_to(ax: float, ay: float, bx: float, by: float) -> float:
    return math.atan2(by - ay, bx - ax)


def wrap(a: float) -> float:
    return (a + math.pi) % (2 * math.pi) - math.pi


class KindPilot(ABC):
    """The autopilot of one level kind; `fly(world)` returns the commands held this step."""

    kind: ClassVar[str]
    STRATEGIES: ClassVar[tuple[str, ...]] = ("auto",)

    def __init__(self, level: Level, strategy: str = "auto"):
        self.level = level
        self.strategy = strategy
        self._toggle_sent: set[str] = set()
        self._press_sent = False

    @abstractmethod
    def fly(self, world: World) -> set[str]:
        """The commands to hold this step."""

    def _steer(self, world: World, heading: float, cmds: set[str], tolerance: float = 0.05) -> float:
        """Turn toward `heading`; returns the remaining error in radians."""
        b = world.bodies
        i = world.player.body
        err = wrap(heading - float(b.angle[i]))
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
        return math.sqrt(world.r2_at(x, y))

    def _where(self, world: World) -> tuple[float, float, float, float]:
        """The ship's position, its elliptical radius and the eye's radius now."""
        sx, sy = world.ship_pos()
        r = self._ellipse_r(world, sx, sy) if world.ellipse.scale > 0 else math.inf
        return sx, sy, r, eye_ratio_now(world)

    def _press(self, cmds: set[str], name: str) -> None:
        """A one-shot: pressed on one call, released on the next."""
        if not self._press_sent:
            cmds.add(name)
            self._press_sent = True
        else:
            self._press_sent = False

