"""Level 2, the eye of the storm: the lost module, the sensor sweep, samples.

The module lies somewhere in the calm eye, placed by the level's generator; the
player does not know where. Holding the scan costs power and time and returns
sensor echoes scattered around the module that tighten as the sweep progresses
(and faster the closer the ship is), until it is found and marked. Samples drift
in the eye and are picked up with the tractor on. Debris chunks orbiting in the eye
cost hull when the shuttle runs into them (`game.sim.debris`, solid in this kind).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.sim.field import FieldSample, eye_ratio_now
from game.sim.kinds.base import BASIC, LevelKind, Measure, won_bonus
from game.sim.world import MODULE, Event, KindState, Outcome, World

ECHOES_KEPT = 24


@dataclass(slots=True)
class EyeState(KindState):
    """The sensor sweep for the module (progress 0..1, echoes that tighten as it grows)
    and the collectible samples drifting in the eye."""

    progress: float = 0.0
    found: bool = False
    next_echo: float = 0.0
    signal: float = 0.0  # hot/cold: 0 cold .. 1 on top of it
    echoes: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, time
    sample_pos: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))
    sample_vel: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))
    collected: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    collected_at: np.ndarray = field(default_factory=lambda: np.zeros(0))


def state(world: World) -> EyeState:
    return world.kind_state(EyeState)


def eye_of(world: World) -> EyeState | None:
    """The sweep and samples of an eye level, None for any other kind."""
    st = world.state
    return st if isinstance(st, EyeState) else None


def _eye_point(world: World, radius: float, angle: float) -> tuple[float, float]:
    """A point at `radius` eye radii and `angle` radians in the ellipse's frame, full size."""
    e = world.ellipse
    u = radius * e.eye_ratio * e.semi_major * math.cos(angle)
    v = radius * e.eye_ratio * e.semi_minor * math.sin(angle)
    c, s = math.cos(e.heading), math.sin(e.heading)
    return e.x + u * c - v * s, e.y + u * s + v * c


def set_up(world: World) -> EyeState:
    cfg = world.level.config
    m = cfg.module
    lo, hi = sorted((m.min_radius, m.max_radius))
    radius = math.sqrt(lo * lo + (hi * hi - lo * lo) * float(world.rng.random()))
    angle = float(world.rng.random()) * 2 * math.pi
    x, y = _eye_point(world, radius, angle)
    world.module = world.bodies.spawn(
        MODULE, x, y, world.ellipse.vx, world.ellipse.vy, float(world.rng.random()) * 6.28,
        m.mass, m.mass * m.length**2 / 12.0, 100.0,
    )
    count = len(cfg.samples)
    st = EyeState(sample_pos=np.zeros((count, 2), np.float32), sample_vel=np.zeros((count, 2), np.float32),
                  collected=np.zeros(count, bool), collected_at=np.full(count, -1.0))
    for k, spec in enumerate(cfg.samples):
        st.sample_pos[k] = _eye_point(world, spec.radius, math.radians(spec.angle))
    return st


def module_pos(world: World) -> tuple[float, float] | None:
    j = world.module
    if j < 0:
        return None
    return float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1])


def update_scan(world: World, dt: float, events: list[Event]) -> None:
    sc = state(world)
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
    """Samples within the tractor's reach come aboard (they drift with the field: `drifters`)."""
    smp = state(world)
    if smp.sample_pos.shape[0] == 0:
        return
    pl = world.player
    if not pl.tractor:
        return
    sx, sy = world.ship_pos()
    reach = world.spec.tractor_range
    d = np.hypot(smp.sample_pos[:, 0] - sx, smp.sample_pos[:, 1] - sy)
    for k in np.flatnonzero((d <= reach) & ~smp.collected):
        smp.collected[k] = True
        smp.collected_at[k] = world.t
        events.append(Event("sample", float(smp.sample_pos[k, 0]), float(smp.sample_pos[k, 1]), float(k)))


def module_reached(world: World) -> bool:
    target = module_pos(world)
    if target is None or not state(world).found:
        return False
    sx, sy = world.ship_pos()
    return math.hypot(target[0] - sx, target[1] - sy) <= world.level.config.module.reach_radius


def inside_eye(world: World) -> bool:
    sx, sy = world.ship_pos()
    eye = eye_ratio_now(world)
    return world.r2_at(sx, sy) < eye * eye


def samples_value(world: World) -> float:
    specs = world.level.config.samples
    return sum(s.value for s, got in zip(specs, state(world).collected, strict=True) if got)


class Eye(LevelKind):
    name = "eye"
    outcomes = ("won", "lost", "timeout")
    commands = BASIC + ("modify_shields", "scan", "tractor", "dark", "polarity")
    debris_hurts = True

    def set_up(self, world: World) -> EyeState:
        return set_up(world)

    def drifters(self, world: World) -> list[tuple[np.ndarray, np.ndarray]]:
        st = state(world)
        return [(st.sample_pos, st.sample_vel)] if st.sample_pos.shape[0] else []

    def update(self, world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float,
               events: list[Event]) -> None:
        update_scan(world, dt, events)
        update_samples(world, dt, events)

    def judge(self, world: World, ship_r2: float) -> Outcome | None:
        hull = float(world.bodies.hull[world.player.body])
        if hull <= 0.0:
            return Outcome("lost", "hull breached")
        if module_reached(world):
            return Outcome("won", "module found and reached")
        if world.time_left <= 0.0:
            if ship_r2 < 1.0:
                return Outcome("timeout", "the ellipse returned to subspace with the shuttle inside")
            return Outcome("timeout", "the ellipse sank back into subspace before the module was reached")
        return None

    def score(self, world: World) -> float:
        sc = world.level.config.scoring
        return round(samples_value(world) * sc.per_sample + won_bonus(world), 1)

    def measures(self, world: World) -> dict[str, Measure]:
        return {"samples": int(state(world).collected.sum())}


KIND = Eye()
