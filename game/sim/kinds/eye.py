"""Level 2, the eye of the storm: the lost module, the sensor sweep, samples.

The module lies somewhere in the calm eye, placed by the level's generator; the
player does not know where. The scanner reaches only `scan.scan_range`: while the
scan is held it answers every `echo_period` with an echo of the module if she is in
reach, a bearing and a distance that are the noisier the farther she is (and nothing
at all when she is not). The fix on her grows only while she is within
`scan.lock_range`, the scan is held and the shuttle moves no faster than
`scan.steady_speed` against the eye's drift, faster the closer; otherwise it fades. So
the pilot must sweep the eye, follow the echoes in and hold station on them while
the eye's swirl, its eddies (`[eddies]`) and the debris push the shuttle about,
until she is found and marked. Samples drift near the rim of the eye, each in a knot
of debris chunks, and come aboard with the tractor on: a detour that costs time and
hull. Debris chunks cost hull when the shuttle runs into them (`game.sim.debris`,
solid in this kind).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from game.sim.debris import orbit_velocity
from game.sim.field import FieldSample, eye_ratio_now
from game.sim.kinds.base import BASIC, LevelKind, Measure, won_bonus
from game.sim.world import MODULE, Event, KindState, Outcome, World

ECHOES_KEPT = 24


class Echo(NamedTuple):
    """One answer of the scanner: where the module seems to be (a noisy bearing and
    distance from where the ship was), when, and how strong it came back (0..1)."""

    x: float
    y: float
    t: float
    strength: float
    from_x: float
    from_y: float


@dataclass(slots=True)
class EyeState(KindState):
    """The sensor sweep for the module (the fix 0..1, the echoes heard) and the
    collectible samples drifting in the eye."""

    progress: float = 0.0
    found: bool = False
    next_echo: float = 0.0
    signal: float = 0.0  # strength of the last echo heard: 0 nothing in reach .. 1 on top of her
    locked: bool = False  # the fix is growing (she is within lock range, the scan held, the ship steady)
    slip: float = 0.0  # m/s: the ship's speed against the eye's drift (the HUD's steadiness)
    echoes: list[Echo] = field(default_factory=list)
    sample_pos: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))
    sample_vel: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))
    collected: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    collected_at: np.ndarray = field(default_factory=lambda: np.zeros(0))
    guarded: bool = False  # the samples' knots of chunks are in place


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
    """The sweep: echoes of the module within reach, and the fix that grows only close to her."""
    sc = state(world)
    target = module_pos(world)
    if target is None or sc.found:
        sc.signal = 1.0 if sc.found else 0.0
        sc.locked = False
        return
    cfg = world.level.config.scan
    sx, sy = world.ship_pos()
    dist = math.hypot(target[0] - sx, target[1] - sy)
    scanning = world.player.scanning
    # a fix needs a steady platform: near her, and not racing across the eye's drift
    i = world.player.body
    drift = orbit_velocity(world, world.bodies.pos[i:i + 1])[0]
    sc.slip = math.hypot(float(world.bodies.vel[i, 0] - drift[0]), float(world.bodies.vel[i, 1] - drift[1]))
    sc.locked = scanning and dist <= cfg.lock_range and sc.slip <= cfg.steady_speed
    if sc.locked:
        closeness = 1.0 - dist / cfg.lock_range
        sc.progress = min(1.0, sc.progress + dt / cfg.sweep_time * (1.0 + (cfg.near_bonus - 1.0) * closeness))
    else:
        sc.progress = max(0.0, sc.progress - dt / cfg.decay_time)
    if not scanning:
        sc.signal = 0.0
        sc.next_echo = min(sc.next_echo, world.t + cfg.echo_period)
        return
    if world.t >= sc.next_echo:
        sc.next_echo = world.t + cfg.echo_period
        if dist > cfg.scan_range:
            sc.signal = 0.0  # nothing in reach: no echo
        else:
            echo = _echo(world, sx, sy, target, dist)
            sc.signal = echo.strength
            sc.echoes.append(echo)
            del sc.echoes[:-ECHOES_KEPT]
            events.append(Event("echo", echo.x, echo.y, echo.strength))
    if sc.progress >= 1.0:
        sc.found = True
        sc.locked = False
        events.append(Event("module_found", target[0], target[1]))


def _echo(world: World, sx: float, sy: float, target: tuple[float, float], dist: float) -> Echo:
    """A noisy bearing and distance to the module, the noisier the farther she is."""
    cfg = world.level.config.scan
    far = dist / cfg.scan_range
    bearing = math.atan2(target[1] - sy, target[0] - sx)
    bearing += math.radians(cfg.bearing_noise) * (0.2 + 0.8 * far) * float(world.rng.normal())
    seen = max(0.0, dist * (1.0 + cfg.range_noise * far * float(world.rng.normal())))
    strength = max(0.02, min(1.0, 1.0 - seen / cfg.scan_range))
    return Echo(sx + seen * math.cos(bearing), sy + seen * math.sin(bearing), world.t, strength, sx, sy)


def guard_samples(world: World) -> None:
    """Gather some of the eye's chunks into a knot round each sample, riding the eye's
    swirl with it (once, on the first step: the chunks are made after the kind's set-up)."""
    st = state(world)
    st.guarded = True
    ch = world.chunks
    k = 0
    for n, spec in enumerate(world.level.config.samples):
        take = min(spec.guards, ch.count - k)
        if take <= 0:
            continue
        angle = world.rng.random(take) * 2 * math.pi
        radius = spec.guard_radius * np.sqrt(0.15 + 0.85 * world.rng.random(take))
        ch.pos[k:k + take, 0] = st.sample_pos[n, 0] + radius * np.cos(angle)
        ch.pos[k:k + take, 1] = st.sample_pos[n, 1] + radius * np.sin(angle)
        ch.vel[k:k + take] = orbit_velocity(world, ch.pos[k:k + take])
        k += take


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


def eddy_push(world: World, acc: np.ndarray, fs: FieldSample) -> None:
    """The eye's eddies buffet the shuttle while it is inside (seeded noise that drifts
    and changes with time): the pilot must keep answering them to hold station."""
    cfg = world.level.config.eddies
    i = world.player.body
    if cfg.accel <= 0.0 or fs.eye[i] <= 0.0:
        return
    sx, sy = world.ship_pos()
    n1, n2 = world.noise.turbulence_one(sx, sy, world.t, cfg.scale, cfg.rate)
    # the noise's spread is about a fifth of its unit: scaled so a strong eddy pushes with `accel`
    acc[i, 0] += cfg.accel * max(-1.0, min(1.0, 2.4 * n1))
    acc[i, 1] += cfg.accel * max(-1.0, min(1.0, 2.2 * n2))


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
    milestones = {
        "shield_mod_on": "shields modified",
        "echo": "first echo",
        "module_found": "module found",
        "sample": "first sample",
    }
    outcomes = ("won", "lost", "timeout")
    commands = BASIC + ("modify_shields", "scan", "tractor", "dark", "polarity")
    debris_hurts = True

    def set_up(self, world: World) -> EyeState:
        return set_up(world)

    def forces(self, world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample,
               surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
        eddy_push(world, acc, fs)

    def drifters(self, world: World) -> list[tuple[np.ndarray, np.ndarray]]:
        st = state(world)
        return [(st.sample_pos, st.sample_vel)] if st.sample_pos.shape[0] else []

    def update(self, world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float,
               events: list[Event]) -> None:
        if not state(world).guarded:
            guard_samples(world)
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
