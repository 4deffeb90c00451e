"""Level 3, dark matter: the unseen asteroid and the shock front of its collision.

The asteroid cannot be seen: it closes on the ellipse on a countdown, shown only
through the lensing of starlight and as a sensor contact. When it strikes, a shock
front expands from the impact point: a radial push that decays with distance on
every body and particle it crosses, and, on the ship, systems knocked offline (which
ones is the level's seed's choice) and the tractor beam broken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, LevelKind, won_bonus
from game.sim.tractor import release
from game.sim.world import MODULE, SYSTEMS, Event, KindState, Outcome, World

F32 = np.float32
KNOCKABLE = ("engines", "shields", "sensors", "comms")
OUT_WITH_MODULE = "out of the ellipse with the module"
OUT_WITHOUT_MODULE = "out of the ellipse, the module left behind"


@dataclass(slots=True)
class AsteroidState(KindState):
    """The dark-matter asteroid: unseen, closing on the ellipse; then its shock front."""

    x: float = 0.0
    y: float = 0.0
    vx: float = 0.0
    vy: float = 0.0
    impacted: bool = False
    shock_x: float = 0.0
    shock_y: float = 0.0
    shock_radius: float = -1.0  # < 0 before impact
    hit_player_at: float = -1.0  # sim time the front reached the ship
    knocked_out: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DarkMatterState(KindState):
    asteroid: AsteroidState | None = None  # None where the level has no [asteroid]


def state(world: World) -> DarkMatterState:
    return world.kind_state(DarkMatterState)


def asteroid_of(world: World) -> AsteroidState | None:
    """The asteroid of a dark-matter level, None for any other kind (or none configured)."""
    st = world.state
    return st.asteroid if isinstance(st, DarkMatterState) else None


def set_up(world: World) -> DarkMatterState:
    cfg = world.level.config
    b = world.bodies
    i = world.player.body
    ang = float(b.angle[i])
    back = cfg.tractor.attach_offset * world.spec.length + cfg.tractor.rest_length
    m = cfg.module
    j = b.spawn(
        MODULE, float(b.pos[i, 0]) - math.cos(ang) * back, float(b.pos[i, 1]) - math.sin(ang) * back,
        float(b.vel[i, 0]), float(b.vel[i, 1]), ang, m.mass, m.mass * m.length**2 / 12.0, 100.0,
    )
    world.module = j
    if cfg.tractor.locked_at_start:
        world.tractor.target = j
        world.player.tractor = True
    st = DarkMatterState()
    a = cfg.asteroid
    if a is not None:
        e = world.ellipse
        bearing = math.radians(a.bearing)
        reach = e.semi_major + a.start_distance
        st.asteroid = AsteroidState(x=e.x + math.cos(bearing) * reach, y=e.y + math.sin(bearing) * reach)
    return st


def _surface_distance(world: World, x: float, y: float) -> float:
    """Distance from (x, y) to the ellipse's surface along the line to its centre."""
    e = world.ellipse
    a_axis, b_axis = e.axes
    dx, dy = x - e.x, y - e.y
    dist = math.hypot(dx, dy)
    if a_axis <= 0 or dist < 1e-6:
        return dist
    phi = math.atan2(dy, dx) - e.heading
    radius = 1.0 / math.sqrt((math.cos(phi) / a_axis) ** 2 + (math.sin(phi) / b_axis) ** 2)
    return dist - radius


def countdown(world: World) -> float:
    a = world.level.config.asteroid
    return 0.0 if a is None else max(0.0, a.impact_time - world.t)


def update_asteroid(world: World, dt: float, events: list[Event]) -> None:
    ast = asteroid_of(world)
    if ast is None:
        return
    cfg = world.level.config
    if not ast.impacted:
        left = (cfg.asteroid.impact_time if cfg.asteroid is not None else 0.0) - world.t
        e = world.ellipse
        dx, dy = e.x - ast.x, e.y - ast.y
        dist = math.hypot(dx, dy) + 1e-6
        speed = max(0.0, _surface_distance(world, ast.x, ast.y)) / max(left, dt)
        ast.vx, ast.vy = dx / dist * speed, dy / dist * speed
        ast.x += ast.vx * dt
        ast.y += ast.vy * dt
        if left <= 0.0:
            ast.impacted = True
            ast.shock_x, ast.shock_y, ast.shock_radius = ast.x, ast.y, 0.0
            events.append(Event("impact", ast.x, ast.y))
        return
    ast.shock_radius += cfg.shock.speed * dt


def shock_accel(world: World, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Radial push of the shock front on points, and how strongly each is hit (0..1)."""
    n = pos.shape[0]
    acc = np.zeros((n, 2), np.float32)
    hit = np.zeros(n, np.float32)
    ast = asteroid_of(world)
    if ast is None or ast.shock_radius < 0 or n == 0:
        return acc, hit
    cfg = world.level.config.shock
    radius = ast.shock_radius
    half = cfg.width * 0.5
    dx = pos[:, 0] - F32(ast.shock_x)
    dy = pos[:, 1] - F32(ast.shock_y)
    d2 = dx * dx + dy * dy
    k = np.flatnonzero((d2 > F32(max(0.0, radius - half) ** 2)) & (d2 < F32((radius + half) ** 2)))
    if k.size:
        strength = math.exp(-radius / cfg.decay)
        d = np.sqrt(d2[k]) + F32(1e-6)
        push = F32(cfg.impulse * strength) / d
        acc[k, 0] = dx[k] * push
        acc[k, 1] = dy[k] * push
        hit[k] = F32(strength)
    return acc, hit


def shock_hits_player(world: World, hit: float, events: list[Event]) -> None:
    """The first touch of the front: systems offline, beam broken, hull damaged."""
    ast = asteroid_of(world)
    if ast is None or hit <= 0 or ast.hit_player_at >= 0:
        return
    cfg = world.level.config.shock
    ast.hit_player_at = world.t
    pl = world.player
    count = min(cfg.systems_knocked_out, len(KNOCKABLE))
    picks: list[int] = ([int(k) for k in world.rng.choice(len(KNOCKABLE), size=count, replace=False)]
                        if count else [])
    ast.knocked_out = sorted(KNOCKABLE[int(k)] for k in picks) + ["tractor"]
    for name in ast.knocked_out:
        if name in SYSTEMS:
            pl.health[name] = 0.0
    release(world, events, "beam_broken")
    b = world.bodies
    b.hull[pl.body] = max(0.0, float(b.hull[pl.body]) - cfg.hull_damage)
    events.append(Event("shock_hit", *world.ship_pos(), len(ast.knocked_out)))


class DarkMatter(LevelKind):
    name = "dark_matter"
    outcomes = ("won", "lost", "timeout", "story")
    commands = BASIC + ("modify_shields", "tractor", "dark", "polarity")
    debris_hurts = True

    def set_up(self, world: World) -> DarkMatterState:
        return set_up(world)

    def forces(self, world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample,
               surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
        update_asteroid(world, dt, events)
        ast = state(world).asteroid
        if ast is not None and ast.shock_radius >= 0:
            shock, shock_hit = shock_accel(world, world.bodies.pos)
            acc += shock
            shock_hits_player(world, float(shock_hit[world.player.body]), events)

    def point_accel(self, world: World, pos: np.ndarray) -> np.ndarray | None:
        ast = state(world).asteroid
        if ast is None or ast.shock_radius < 0:
            return None
        return shock_accel(world, pos)[0]

    def judge(self, world: World, ship_r2: float) -> Outcome | None:
        hull = float(world.bodies.hull[world.player.body])
        ast = state(world).asteroid
        shock = world.level.config.shock
        if hull <= 0.0:
            return Outcome("lost", "hull breached")
        if ast is not None and ast.hit_player_at >= 0:
            if world.t - ast.hit_player_at >= shock.aftermath:
                return Outcome("story", "caught by the shock wave: beam broken, systems down")
            return None
        if world.ellipse.presence >= 1.0 and ship_r2 > shock.exit_ratio**2:
            towing = world.tractor.target >= 0 and world.tractor.target == world.module
            return Outcome("won", OUT_WITH_MODULE if towing else OUT_WITHOUT_MODULE)
        if world.time_left <= 0.0:
            return Outcome("timeout", "the ellipse returned to subspace with the shuttle inside")
        return None

    def score(self, world: World) -> float:
        total = won_bonus(world)
        if world.outcome is not None and world.outcome.reason == OUT_WITH_MODULE:
            total += world.level.config.scoring.module_out
        return round(total, 1)


KIND = DarkMatter()
