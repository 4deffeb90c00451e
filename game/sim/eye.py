"""Inside the eye: the lost module, the sensor sweep, samples and debris chunks.

The module lies somewhere in the calm eye, placed by the level's generator; the
player does not know where. Holding the scan costs power and time and returns
sensor echoes scattered around the module that tighten as the sweep progresses
(and faster the closer the ship is), until it is found and marked. Samples drift
in the eye and are picked up with the tractor on. Debris chunks orbiting in the eye
cost hull when the shuttle runs into them.
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.field import eye_ratio_now, sample_field
from game.sim.world import MODULE, Event, World

ECHOES_KEPT = 24


def _eye_point(world: World, radius: float, angle: float) -> tuple[float, float]:
    """A point at `radius` eye radii and `angle` radians in the ellipse's frame, full size."""
    e = world.ellipse
    u = radius * e.eye_ratio * e.semi_major * math.cos(angle)
    v = radius * e.eye_ratio * e.semi_minor * math.sin(angle)
    c, s = math.cos(e.heading), math.sin(e.heading)
    return e.x + u * c - v * s, e.y + u * s + v * c


def place_module_and_samples(world: World) -> None:
    cfg = world.level.config
    m = cfg.module
    lo, hi = sorted((m.min_radius, m.max_radius))
    radius = math.sqrt(lo * lo + (hi * hi - lo * lo) * float(world.rng.random()))
    angle = float(world.rng.random()) * 2 * math.pi
    x, y = _eye_point(world, radius, angle)
    world.scan.module = world.bodies.spawn(
        MODULE, x, y, world.ellipse.vx, world.ellipse.vy, float(world.rng.random()) * 6.28,
        m.mass, m.mass * m.length**2 / 12.0, 100.0,
    )
    for k, spec in enumerate(cfg.samples):
        world.samples.pos[k] = _eye_point(world, spec.radius, math.radians(spec.angle))


def module_pos(world: World) -> tuple[float, float] | None:
    j = world.scan.module
    if j < 0:
        return None
    return float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1])


def update_scan(world: World, dt: float, events: list[Event]) -> None:
    sc = world.scan
    target = module_pos(world)
    if target is None or sc.found:
        sc.signal = 1.0 if sc.found else 0.0
        return
    cfg = world.level.config.scan
    sx, sy = world.ship_pos()
    dist = math.hypot(target[0] - sx, target[1] - sy)
    closeness = max(0.0, 1.0 - dist / cfg.scan_range)
    if not world.player.scanning:
        return
    sc.signal = closeness
    if closeness <= 0.0:
        return
    sc.progress = min(1.0, sc.progress + dt / cfg.sweep_time * (1.0 + (cfg.near_bonus - 1.0) * closeness))
    if world.t >= sc.next_echo:
        sc.next_echo = world.t + cfg.echo_period
        spread = cfg.echo_spread * (1.0 - sc.progress) ** 1.5
        ex = target[0] + float(world.rng.normal()) * spread
        ey = target[1] + float(world.rng.normal()) * spread
        sc.echoes.append((ex, ey, world.t))
        del sc.echoes[:-ECHOES_KEPT]
        events.append(Event("echo", ex, ey, sc.progress))
    if sc.progress >= 1.0:
        sc.found = True
        events.append(Event("module_found", target[0], target[1]))


def update_samples(world: World, dt: float, events: list[Event]) -> None:
    smp = world.samples
    if smp.pos.shape[0] == 0:
        return
    fs = sample_field(world, smp.pos, smp.vel)
    smp.vel += fs.acc * np.float32(dt)
    smp.pos += smp.vel * np.float32(dt)
    pl = world.player
    if not pl.tractor:
        return
    sx, sy = world.ship_pos()
    reach = world.spec.tractor_range
    d = np.hypot(smp.pos[:, 0] - sx, smp.pos[:, 1] - sy)
    for k in np.flatnonzero((d <= reach) & ~smp.collected):
        smp.collected[k] = True
        smp.collected_at[k] = world.t
        events.append(Event("sample", float(smp.pos[k, 0]), float(smp.pos[k, 1]), float(k)))


def collide_chunks(world: World, events: list[Event]) -> float:
    """Hull damage from debris chunks the ship runs into; chunks bounce off. Returns damage."""
    lo, hi = world.debris_start, world.chunk_end
    if hi <= lo:
        return 0.0
    p = world.particles
    b = world.bodies
    i = world.player.body
    cfg = world.level.config.debris
    reach = cfg.chunk_radius + world.spec.collision_radius
    d = p.pos[lo:hi] - b.pos[i]
    d2 = (d * d).sum(axis=1)
    hits = np.flatnonzero(d2 < reach * reach)
    damage = 0.0
    for k in hits:
        n = d[k] / (math.sqrt(float(d2[k])) + 1e-6)
        rel = p.vel[lo + k] - b.vel[i]
        closing = -float(rel @ n)
        if closing <= 0:  # already separating
            continue
        # the chunk bounces off; the shuttle takes part of the knock
        p.vel[lo + k] += 1.6 * closing * n
        b.vel[i] -= 0.25 * closing * n
        damage += cfg.chunk_damage * max(0.0, closing - cfg.chunk_safe_speed)
        events.append(Event("debris_hit", float(p.pos[lo + k, 0]), float(p.pos[lo + k, 1]), closing))
    return damage


def module_reached(world: World) -> bool:
    target = module_pos(world)
    if target is None or not world.scan.found:
        return False
    sx, sy = world.ship_pos()
    return math.hypot(target[0] - sx, target[1] - sy) <= world.level.config.module.reach_radius


def inside_eye(world: World) -> bool:
    sx, sy = world.ship_pos()
    eye = eye_ratio_now(world)
    return float(world.elliptical_r2(sx, sy)) < eye * eye
