"""The graviton ellipse's behaviour: surfacing, sensing EM, steering, surges, melting.

It senses every powered body by signature / distance^2 (softened), chases the
strongest signal above its threshold, turns at a limited rate, and sends out a
gravimetric surge ring whenever its course has swung past a threshold since the
last one. Near the end of the level timer it melts back into subspace.
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.field import melt_progress
from game.sim.world import Event, World


def wrap_angle(a: float) -> float:
    return (a + math.pi) % (2.0 * math.pi) - math.pi


def signals(world: World) -> np.ndarray:
    """What the ellipse senses of each body: signature / (distance^2 + softening^2), MW/m^2."""
    e = world.ellipse
    cfg = world.level.config.ellipse
    b = world.bodies
    d = b.pos - np.array([e.x, e.y], np.float32)
    d2 = (d * d).sum(axis=1) + np.float32(cfg.sense_softening**2)
    return np.where(b.alive, b.signature / d2, 0.0).astype(np.float32)


def update_ellipse(world: World, dt: float, events: list[Event]) -> None:
    e = world.ellipse
    cfg = world.level.config.ellipse
    t = world.t

    before = e.presence
    p = min(1.0, max(0.0, (t - cfg.emerge_delay) / cfg.emerge_time))
    e.presence = p * p * (3.0 - 2.0 * p)
    if before <= 0.0 < e.presence:
        events.append(Event("emerge", e.x, e.y))
    melt = melt_progress(world)
    e.scale = e.presence * (1.0 - (1.0 - cfg.melt_scale) * melt)
    if world.time_left <= 0.0 and not e.gone:
        e.gone = True
        events.append(Event("subspace", e.x, e.y))
    if e.presence <= 0.0 or e.gone:
        e.target = -1
        return

    sig = signals(world)
    best = int(np.argmax(sig)) if sig.size else -1
    if best >= 0 and sig[best] >= cfg.sense_threshold:
        if best != e.target:
            bx, by = world.bodies.pos[best]
            events.append(Event("ellipse_target", float(bx), float(by), best))
        e.target = best
        tx, ty = map(float, world.bodies.pos[best])
        dx, dy = tx - e.x, ty - e.y
        desired = math.atan2(dy, dx)
        dist = math.hypot(dx, dy)
        # slows to turn and as it closes, so it settles on its prey instead of circling it
        facing = max(0.0, math.cos(wrap_angle(desired - e.heading)))
        want_speed = min(cfg.top_speed * e.pace, 0.6 * dist) * facing
    else:
        if e.target != -1:
            events.append(Event("ellipse_lost", e.x, e.y, e.target))
        e.target = -1
        desired = e.heading
        want_speed = cfg.cruise_speed * e.pace

    turn = wrap_angle(desired - e.heading)
    max_turn = math.radians(cfg.turn_rate * e.pace) * dt
    e.heading = wrap_angle(e.heading + max(-max_turn, min(max_turn, turn)))
    dv = want_speed - e.speed
    max_dv = cfg.accel * e.pace * dt
    e.speed += max(-max_dv, min(max_dv, dv))
    e.x += e.vx * dt
    e.y += e.vy * dt

    course_change = abs(wrap_angle(e.heading - e.surge_ref)) > math.radians(cfg.surge_threshold)
    if course_change or _restless_surge_due(world, dt):
        e.surge_ref = e.heading
        e.last_surge = t
        world.surges.emit(e.x, e.y)
        events.append(Event("surge", e.x, e.y))


def _restless_surge_due(world: World, dt: float) -> bool:
    """Surges the core sends on its own, ever faster as the timer runs down."""
    cfg = world.level.config.ellipse
    if cfg.surge_every <= 0 or world.ellipse.presence < 1.0:
        return False
    end = cfg.surge_every_end or cfg.surge_every
    frac = min(1.0, world.t / world.time_limit)
    interval = cfg.surge_every + (end - cfg.surge_every) * frac
    return world.t - world.ellipse.last_surge >= interval


def update_surges(world: World, dt: float) -> None:
    s = world.surges
    cfg = world.level.config.ellipse
    s.radius[s.alive] += np.float32(cfg.surge_speed * dt)
    s.alive &= s.radius < cfg.surge_range
