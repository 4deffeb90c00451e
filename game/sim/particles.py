"""Particles: luminescent motes carried in the ellipse, exhaust and sparks.

All of them move through the same field as the ships, in one vectorised update.
Motes that the band flings out are reborn in the eye, so the ellipse stays full of
light; exhaust and sparks live a short while in a ring buffer.
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.field import sample_field, surge_accel
from game.sim.world import CHUNK, DEBRIS, EXHAUST, MOTE, SPARK, World

F32 = np.float32
RESPAWN_R2 = 1.69  # motes flung beyond 1.3 elliptical radii are reborn in the eye


def _points_in_eye(world: World, count: int, inner: float = 0.0) -> np.ndarray:
    """`count` random points inside the calm eye (beyond `inner` eye radii), full size."""
    e = world.ellipse
    rng = world.rng
    lo2 = inner * inner
    radius = np.sqrt(lo2 + (1.0 - lo2) * rng.random(count)) * e.eye_ratio * 0.97
    theta = rng.random(count) * 2 * math.pi
    size = e.scale if e.scale > 0.05 else 1.0  # before it surfaces: where it will be
    u = radius * np.cos(theta) * e.semi_major * size
    v = radius * np.sin(theta) * e.semi_minor * size
    c, s = math.cos(e.heading), math.sin(e.heading)
    out = np.empty((count, 2), np.float32)
    out[:, 0] = e.x + u * c - v * s
    out[:, 1] = e.y + u * s + v * c
    return out


def orbit_velocity(world: World, pos: np.ndarray) -> np.ndarray:
    """The calm eye's slow drift at these points: the ellipse's motion plus its swirl."""
    e = world.ellipse
    swirl = world.level.config.field.eye_swirl
    vel = np.empty_like(pos)
    vel[:, 0] = e.vx
    vel[:, 1] = e.vy
    if swirl:
        omega = np.float32(swirl / (e.eye_ratio * e.semi_minor * max(e.scale, 1.0)))
        vel[:, 0] -= omega * (pos[:, 1] - np.float32(e.y))
        vel[:, 1] += omega * (pos[:, 0] - np.float32(e.x))
    return vel


def seed_motes(world: World) -> None:
    """Motes and debris start inside the eye, debris already in its slow orbits."""
    p = world.particles
    n, d0, d1 = world.debris_start, world.debris_start, world.exhaust_start
    if n:
        p.pos[:n] = _points_in_eye(world, n)
        p.vel[:n] = world.rng.normal(0.0, 12.0, (n, 2)).astype(np.float32)
        p.life[:n] = np.inf
        p.kind[:n] = MOTE
    if d1 > d0:
        inner = world.level.config.debris.inner_ratio
        p.pos[d0:d1] = _points_in_eye(world, d1 - d0, inner)
        p.vel[d0:d1] = orbit_velocity(world, p.pos[d0:d1])
        p.life[d0:d1] = np.inf
        p.kind[d0:d1] = DEBRIS
        p.kind[d0:world.chunk_end] = CHUNK
    p.kind[d1:] = EXHAUST
    p.life[d1:] = 0.0


def emit(world: World, count: int, x: float, y: float, vx: float, vy: float,
         spread: float, life: float, kind: int = EXHAUST) -> None:
    """Start `count` short-lived particles at (x, y) with velocity (vx, vy) +- spread."""
    p = world.particles
    start, cap = world.exhaust_start, p.capacity
    ring = cap - start
    if ring <= 0 or count <= 0:
        return
    count = min(count, ring)
    idx = start + (p.next_free + np.arange(count)) % ring
    p.next_free = (p.next_free + count) % ring
    rng = world.rng
    p.pos[idx] = (x, y)
    p.pos[idx] += rng.normal(0.0, 3.0, (count, 2)).astype(np.float32)
    p.vel[idx, 0] = vx
    p.vel[idx, 1] = vy
    p.vel[idx] += rng.normal(0.0, spread, (count, 2)).astype(np.float32)
    p.life[idx] = life * (0.6 + 0.4 * rng.random(count)).astype(np.float32)
    p.kind[idx] = kind


def emit_exhaust(world: World, dt: float) -> None:
    pl = world.player
    if pl.throttle == 0.0:
        world.exhaust_debt = 0.0
        return
    cfg = world.level.config.particles
    world.exhaust_debt += cfg.exhaust_rate * dt * (1.0 if not pl.dark else 0.25)
    count = int(world.exhaust_debt)
    if count <= 0:
        return
    world.exhaust_debt -= count
    b = world.bodies
    i = pl.body
    ang = float(b.angle[i])
    dirx, diry = math.cos(ang) * pl.throttle, math.sin(ang) * pl.throttle
    half = world.spec.length * 0.45
    x = float(b.pos[i, 0]) - dirx * half
    y = float(b.pos[i, 1]) - diry * half
    speed = cfg.exhaust_speed
    emit(world, count, x, y, float(b.vel[i, 0]) - dirx * speed, float(b.vel[i, 1]) - diry * speed,
         speed * 0.12, cfg.exhaust_life, EXHAUST if not pl.dark else SPARK)


def update_particles(world: World, dt: float) -> None:
    p = world.particles
    if p.capacity == 0:
        return
    fs = sample_field(world, p.pos, p.vel, scratch="particles")
    acc = fs.acc
    if world.surges.alive.any():
        sacc, _ = surge_accel(world, p.pos)
        acc += sacc
    if world.asteroid is not None and world.asteroid.shock_radius >= 0:
        from game.sim.asteroid import shock_accel

        acc += shock_accel(world, p.pos)[0]
    acc *= F32(dt)
    p.vel += acc
    p.pos += p.vel * F32(dt)
    ring = p.life[world.exhaust_start:]
    ring -= F32(dt)
    e = world.ellipse
    if world.exhaust_start and e.scale > 0.3 and not e.gone:
        motes_r2 = fs.r2[: world.exhaust_start]
        lost = np.flatnonzero(motes_r2 > RESPAWN_R2)
        if lost.size:
            p.pos[lost] = _points_in_eye(world, lost.size)
            p.vel[lost] = orbit_velocity(world, p.pos[lost])
