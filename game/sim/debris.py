"""Debris chunks: the solid wreckage orbiting in the calm eye, and where things sit in it.

Of the eye's debris (`[debris]`), the `chunks` are large and tumbling; in a kind whose
debris is solid (`LevelKind.debris_hurts`) they cost hull when the ship runs into
them and bounce off, so they live here, in the simulation. Everything else that
glows (motes, light debris, exhaust, sparks) cannot change an outcome and lives on
the window side, fed by this state (`game.app.render.particles`).
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.field import sample_field, surge_accel
from game.sim.world import Chunks, Event, World

F32 = np.float32
RESPAWN_R2 = 1.69  # chunks (and motes) flung beyond 1.3 elliptical radii are reborn in the eye


def points_in_eye(world: World, count: int, rng: np.random.Generator, inner: float = 0.0) -> np.ndarray:
    """`count` random points inside the calm eye (beyond `inner` eye radii), full size."""
    e = world.ellipse
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


def set_up_chunks(world: World) -> None:
    """The level's solid chunks, already in their slow orbits in the eye."""
    d = world.level.config.debris
    count = min(d.chunks, d.count)
    world.chunks = Chunks(count)
    if count:
        world.chunks.pos[:] = points_in_eye(world, count, world.rng, d.inner_ratio)
        world.chunks.vel[:] = orbit_velocity(world, world.chunks.pos)


def move_points(world: World, pos: np.ndarray, vel: np.ndarray, dt: float, scratch: str,
                extra: np.ndarray | None) -> np.ndarray:
    """Move free points through the field (and surges, and `extra`); returns their r²."""
    fs = sample_field(world, pos, vel, scratch=scratch)
    acc = fs.acc
    if world.surges.alive.any():
        acc += surge_accel(world, pos)[0]
    if extra is not None:
        acc += extra
    acc *= F32(dt)
    vel += acc
    pos += vel * F32(dt)
    return fs.r2


def respawn_chunks(world: World, r2: np.ndarray) -> None:
    """Chunks the band has flung far out (`r2`, before this step's move) are reborn in the eye."""
    ch = world.chunks
    e = world.ellipse
    if ch.count == 0 or e.scale <= 0.3 or e.gone:
        return
    lost = np.flatnonzero(r2 > RESPAWN_R2)
    if lost.size:
        ch.pos[lost] = points_in_eye(world, lost.size, world.rng)
        ch.vel[lost] = orbit_velocity(world, ch.pos[lost])


def collide_chunks(world: World, events: list[Event]) -> float:
    """Hull damage from chunks the ship runs into; chunks bounce off. Returns damage."""
    ch = world.chunks
    if ch.count == 0:
        return 0.0
    b = world.bodies
    i = world.player.body
    cfg = world.level.config.debris
    reach = cfg.chunk_radius + world.spec.collision_radius
    d = ch.pos - b.pos[i]
    d2 = (d * d).sum(axis=1)
    hits = np.flatnonzero(d2 < reach * reach)
    damage = 0.0
    for k in hits:
        n = d[k] / (math.sqrt(float(d2[k])) + 1e-6)
        rel = ch.vel[k] - b.vel[i]
        closing = -float(rel @ n)
        if closing <= 0:  # already separating
            continue
        # the chunk bounces off; the shuttle takes part of the knock
        ch.vel[k] += 1.6 * closing * n
        b.vel[i] -= 0.25 * closing * n
        damage += cfg.chunk_damage * max(0.0, closing - cfg.chunk_safe_speed)
        events.append(Event("debris_hit", float(ch.pos[k, 0]), float(ch.pos[k, 1]), closing))
    return damage
