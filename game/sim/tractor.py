"""The tractor beam as a physical link: a spring-damper between the ship and its load.

The beam leaves the hull behind the ship's centre, so a heavy load tugs the tail
and can spin a ship that thrusts carelessly (the feel of the pod in Thrust). It has
a rest length, a stiffness, a damping and a break tension; it draws power (and so
raises the EM signature) while on, and a power shortage weakens it.
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.ship import systems_on
from game.sim.world import MODULE, Event, World

PUSH_FRACTION = 0.3  # a beam pushes back only weakly when squeezed


def attach_point(world: World) -> tuple[float, float]:
    b = world.bodies
    i = world.player.body
    ang = float(b.angle[i])
    # behind the centre (a shuttle towing), or ahead of it (the starship's beam at the bow)
    back = world.level.config.tractor.attach_offset * world.spec.length * -world.tractor.attach_side
    return float(b.pos[i, 0]) - math.cos(ang) * back, float(b.pos[i, 1]) - math.sin(ang) * back


def _lockable(world: World) -> int:
    """The nearest module within lock range of the beam, or -1."""
    b = world.bodies
    ax, ay = attach_point(world)
    reach = world.level.config.tractor.lock_range
    best, best_d = -1, reach
    for j in np.flatnonzero(b.alive & (b.kind == MODULE)):
        d = math.hypot(float(b.pos[j, 0]) - ax, float(b.pos[j, 1]) - ay)
        if d <= best_d:
            best, best_d = int(j), d
    return best


def release(world: World, events: list[Event], kind: str) -> None:
    link = world.tractor
    if link.target < 0:
        return
    x, y = world.ship_pos()
    link.target = -1
    link.tension = 0.0
    if kind == "beam_broken":
        link.broken_at = world.t
        world.player.tractor = False
    events.append(Event(kind, x, y))


def tractor_forces(world: World, acc: np.ndarray, alpha: np.ndarray, events: list[Event]) -> None:
    """Lock, hold, release or break the beam; add its forces to `acc` and `alpha`."""
    link = world.tractor
    on = systems_on(world)["tractor"]
    if link.target >= 0 and (not on or not world.bodies.alive[link.target]):
        release(world, events, "beam_released")
    if link.target < 0 and on and world.level.config.tractor.locks_module:
        j = _lockable(world)
        if j >= 0:
            link.target = j
            events.append(Event("beam_locked", *world.ship_pos()))
    if link.target < 0:
        link.tension = 0.0
        return
    cfg = world.level.config.tractor
    b = world.bodies
    i, j = world.player.body, link.target
    ax, ay = attach_point(world)
    dx, dy = float(b.pos[j, 0]) - ax, float(b.pos[j, 1]) - ay
    dist = math.hypot(dx, dy) + 1e-6
    nx, ny = dx / dist, dy / dist
    closing = (float(b.vel[j, 0]) - float(b.vel[i, 0])) * nx + (float(b.vel[j, 1]) - float(b.vel[i, 1])) * ny
    strength = world.player.supply_ratio * world.player.health["tractor"] / 100.0
    rest = link.rest if link.rest > 0 else cfg.rest_length
    tension = (cfg.stiffness * (dist - rest) + cfg.damping * closing) * strength
    if tension < 0:
        tension *= PUSH_FRACTION
    link.length = dist
    link.tension = tension
    if tension > cfg.break_tension:
        release(world, events, "beam_broken")
        return
    fx, fy = tension * nx, tension * ny  # kN, pulling the ship toward the load
    acc[i, 0] += fx / float(b.mass[i])
    acc[i, 1] += fy / float(b.mass[i])
    acc[j, 0] -= fx / float(b.mass[j])
    acc[j, 1] -= fy / float(b.mass[j])
    rx, ry = ax - float(b.pos[i, 0]), ay - float(b.pos[i, 1])
    alpha[i] += (rx * fy - ry * fx) / float(b.inertia[i])
