"""Survival: the ellipse hunts the shuttle across an endless, seeded asteroid field.

The field is cut into square regions (`cell_size`). What a region holds (a few
asteroids, now and then an anomaly) is generated from its coordinates and the level's
seed alone, with a generator of its own, never from `world.rng`: the same seed gives
the same field wherever and whenever the ship flies, and far regions cost nothing.
Only the regions round the ship's own (`cells_around` each way) are kept, in
preallocated arrays that are refilled when the ship crosses into another region.

Asteroids drift slowly round their places (`wobble`, `wobble_period`), so where one
is is a function of time too. The ship bounces off them (`restitution`) and its hull
takes damage above `safe_speed`. Holding `scan` gathers data: fast from an anomaly in
range (until its `anomaly_data` is spent; spent anomalies stay spent), slowly from
any asteroid in range. Scanning draws power, so the engines get less.

The hunt quickens: every `hunt_interval` after the ellipse has surfaced its pace (the
multiplier on its top speed, acceleration and turn rate) grows by `pace_step`, up to
`pace_max`, which is faster than the shuttle can fly: every run ends engulfed (or
with the hull gone). The level timer is only a backstop: a run that outlasts it (the
ellipse sinks back into subspace) is won.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np

from game.levels.models import SurvivalConfig
from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, LevelKind, Measure, required_table
from game.sim.ship import shields_protecting
from game.sim.world import Event, KindState, Outcome, World

F32 = np.float32
FIELD_SALT = 0x5A5E7  # keeps the field's streams apart from any other use of the seed
HIT_GAP = 0.25  # s: two bounces closer than this are one impact


def _zig(n: int) -> int:
    """A signed region coordinate as a non-negative integer (for the seed sequence)."""
    return 2 * n if n >= 0 else -2 * n - 1


class Region(TypedDict):
    """What one region of the field holds."""

    x: np.ndarray
    y: np.ndarray
    radius: np.ndarray
    phase: np.ndarray
    spin: np.ndarray
    shape: np.ndarray
    anomaly: tuple[float, float] | None


def region(seed: int, cx: int, cy: int, cfg: SurvivalConfig) -> Region:
    """What the region (cx, cy) holds: asteroids and at most one anomaly.

    A pure function of (seed, cx, cy) and the level's survival table.
    """
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, _zig(cx), _zig(cy), FIELD_SALT])))
    size = cfg.cell_size
    n = int(rng.integers(cfg.asteroids_min, cfg.asteroids_max + 1))
    margin = cfg.radius_max + cfg.wobble
    span = max(0.0, size - 2 * margin)
    x = cx * size + margin + rng.random(n) * span
    y = cy * size + margin + rng.random(n) * span
    # many small rocks, a few big ones
    radius = cfg.radius_min + (cfg.radius_max - cfg.radius_min) * rng.random(n) ** 2.2
    phase = rng.random(n) * 2 * math.pi
    spin = (rng.random(n) - 0.5) * 0.6
    shape = rng.integers(0, 2**31, n)
    anomaly: tuple[float, float] | None = None
    if rng.random() < cfg.anomaly_chance:
        anomaly = (cx * size + size * (0.15 + 0.7 * float(rng.random())),
                   cy * size + size * (0.15 + 0.7 * float(rng.random())))
    return Region(x=x, y=y, radius=radius, phase=phase, spin=spin, shape=shape, anomaly=anomaly)


@dataclass(slots=True)
class SurvivalState(KindState):
    capacity: int
    cells: int  # regions kept
    centre: tuple[int, int] | None = None  # the ship's region when the window was filled
    base: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))  # (cap, 2) m
    radius: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    phase: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    spin: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # rad/s, drawing
    shape: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # outline seed, drawing
    alive: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    anomaly_pos: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))
    anomaly_key: list[tuple[int, int] | None] = field(default_factory=list)  # region of each slot's anomaly
    anomaly_alive: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    spent: dict[tuple[int, int], float] = field(default_factory=dict)  # data taken, by region
    seen: set[tuple[int, int]] = field(default_factory=set)  # anomalies announced in range
    start: tuple[float, float] = (0.0, 0.0)
    pace_level: int = 0  # quickenings so far
    scanning_from: str = ""  # "anomaly", "asteroid" or "" this step
    rate: float = 0.0  # data %/s this step
    near_anomaly: int = -1  # slot of the anomaly in scan range, -1 for none
    hits: int = 0
    last_hit: float = -1.0
    regions_built: int = 0  # how many times the window was refilled
    data: float = 0.0  # data gathered, %



def state(world: World) -> SurvivalState:
    return world.kind_state(SurvivalState)


def config(world: World) -> SurvivalConfig:
    """The level's [survival] table."""
    return required_table(world, "survival", SurvivalConfig)

def set_up(world: World) -> SurvivalState:
    cfg = config(world)
    side = 2 * cfg.cells_around + 1
    cells = side * side
    cap = cells * cfg.asteroids_max
    st = SurvivalState(capacity=cap, cells=cells)
    st.base = np.zeros((cap, 2), np.float32)
    st.radius = np.zeros(cap, np.float32)
    st.phase = np.zeros(cap, np.float32)
    st.spin = np.zeros(cap, np.float32)
    st.shape = np.zeros(cap, np.int64)
    st.alive = np.zeros(cap, bool)
    st.anomaly_pos = np.zeros((cells, 2), np.float32)
    st.anomaly_key = [None] * cells
    st.anomaly_alive = np.zeros(cells, bool)
    st.start = world.ship_pos()
    world.state = st
    refresh(world)
    return st


def cell_of(world: World, x: float, y: float) -> tuple[int, int]:
    size = config(world).cell_size
    return math.floor(x / size), math.floor(y / size)


def refresh(world: World) -> None:
    """Refill the window of regions round the ship when it has moved to another one."""
    st = state(world)
    cfg = config(world)
    centre = cell_of(world, *world.ship_pos())
    if centre == st.centre:
        return
    st.centre = centre
    st.regions_built += 1
    for arr in (st.base, st.radius, st.phase, st.spin, st.shape, st.anomaly_pos):
        arr.fill(0)  # empty slots hold nothing stale
    st.alive[:] = False
    st.anomaly_alive[:] = False
    st.anomaly_key = [None] * st.cells
    k = cfg.cells_around
    clear2 = cfg.clear_start**2
    sx, sy = st.start
    slot = 0
    for n, (dx, dy) in enumerate((dx, dy) for dy in range(-k, k + 1) for dx in range(-k, k + 1)):
        cx, cy = centre[0] + dx, centre[1] + dy
        reg = region(world.seed, cx, cy, cfg)
        x, y = reg["x"], reg["y"]
        keep = (x - sx) ** 2 + (y - sy) ** 2 > clear2
        m = int(keep.sum())
        sl = slice(slot, slot + m)
        st.base[sl, 0] = x[keep]
        st.base[sl, 1] = y[keep]
        st.radius[sl] = reg["radius"][keep]
        st.phase[sl] = reg["phase"][keep]
        st.spin[sl] = reg["spin"][keep]
        st.shape[sl] = reg["shape"][keep]
        st.alive[sl] = True
        slot += cfg.asteroids_max
        if reg["anomaly"] is not None:
            st.anomaly_pos[n] = reg["anomaly"]
            st.anomaly_key[n] = (cx, cy)
            st.anomaly_alive[n] = st.spent.get((cx, cy), 0.0) < cfg.anomaly_data


def asteroid_positions(world: World, t: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Positions (cap, 2) and velocities (cap, 2) of the window's asteroid slots at time t."""
    st = state(world)
    cfg = config(world)
    t = world.t if t is None else t
    omega = 2 * math.pi / cfg.wobble_period
    ang = st.phase + F32(omega * t)
    c, s = np.cos(ang), np.sin(ang)
    pos = st.base.copy()
    pos[:, 0] += F32(cfg.wobble) * c
    pos[:, 1] += F32(cfg.wobble) * s
    vel = np.empty_like(pos)
    vel[:, 0] = F32(-cfg.wobble * omega) * s
    vel[:, 1] = F32(cfg.wobble * omega) * c
    return pos, vel


def data_left(world: World, slot: int) -> float:
    st = state(world)
    cfg = config(world)
    return max(0.0, cfg.anomaly_data - st.spent.get(anomaly_key(st, slot), 0.0))


def anomaly_key(st: SurvivalState, slot: int) -> tuple[int, int]:
    """The region an anomaly slot's anomaly comes from (only slots that hold one are asked)."""
    key = st.anomaly_key[slot]
    if key is None:
        raise ValueError(f"the anomaly slot {slot} holds no anomaly")
    return key


# ------------------------------------------------------------------ hooks

def route(world: World, held: frozenset[str], pressed: frozenset[str], dt: float,
          events: list[Event]) -> tuple[frozenset[str], frozenset[str]]:
    """Quicken the hunt before the ellipse moves this step."""
    st = state(world)
    cfg = config(world)
    ec = world.level.config.ellipse
    since = world.t - (ec.emerge_delay + ec.emerge_time)
    level = max(0, int(since // cfg.hunt_interval)) if since >= 0 else 0
    e = world.ellipse
    before = e.pace
    e.pace = min(cfg.pace_max, 1.0 + level * cfg.pace_step)
    st.pace_level = level
    if e.pace > before:
        events.append(Event("hunt_faster", e.x, e.y, e.pace))
    return held, pressed


def _collide(world: World, events: list[Event]) -> None:
    st = state(world)
    cfg = config(world)
    b = world.bodies
    i = world.player.body
    pos, vel = asteroid_positions(world)
    d = b.pos[i] - pos
    reach = st.radius + F32(world.spec.collision_radius)
    d2 = (d * d).sum(axis=1)
    touching = np.flatnonzero(st.alive & (d2 < reach * reach))
    for j in touching:
        dist = math.sqrt(float(d2[j])) + 1e-6
        n = d[j] / np.float32(dist)
        b.pos[i] = pos[j] + n * reach[j]
        rel = b.vel[i] - vel[j]
        vn = float(rel @ n)
        if vn >= 0.0:
            continue
        b.vel[i] -= np.float32((1.0 + cfg.restitution) * vn) * n
        speed = -vn
        x, y = world.ship_pos()
        if world.t - st.last_hit > HIT_GAP:
            st.hits += 1
            events.append(Event("asteroid_hit", x, y, speed))
        st.last_hit = world.t
        shield = world.spec.shield_absorb if shields_protecting(world) else 0.0
        damage = max(0.0, speed - cfg.safe_speed) * cfg.hit_damage * (1.0 - shield)
        if damage > 0.0:
            b.hull[i] = max(0.0, float(b.hull[i]) - damage)
            world.player.damage_taken += damage
            world.last_hit_t = world.t
            events.append(Event("hit", x, y, damage))


def _scan(world: World, dt: float, events: list[Event]) -> None:
    st = state(world)
    cfg = config(world)
    x, y = world.ship_pos()
    st.rate = 0.0
    st.scanning_from = ""
    st.near_anomaly = -1
    reach2 = cfg.scan_range**2
    live = np.flatnonzero(st.anomaly_alive)
    if live.size:
        d2 = ((st.anomaly_pos[live] - np.array([x, y], np.float32)) ** 2).sum(axis=1)
        k = int(np.argmin(d2))
        if d2[k] <= reach2:
            st.near_anomaly = int(live[k])
            key = anomaly_key(st, st.near_anomaly)
            if key not in st.seen:
                st.seen.add(key)
                ax, ay = st.anomaly_pos[st.near_anomaly]
                events.append(Event("anomaly_in_range", float(ax), float(ay), len(st.seen)))
    if not world.player.scanning:
        return
    if st.near_anomaly >= 0:
        slot = st.near_anomaly
        key = anomaly_key(st, slot)
        take = min(cfg.anomaly_rate * dt, data_left(world, slot))
        st.spent[key] = st.spent.get(key, 0.0) + take
        st.rate = take / dt
        st.scanning_from = "anomaly"
        state(world).data += take
        if data_left(world, slot) <= 1e-9:
            st.spent[key] = cfg.anomaly_data
            st.anomaly_alive[slot] = False
            ax, ay = st.anomaly_pos[slot]
            events.append(Event("anomaly_scanned", float(ax), float(ay), state(world).data))
        return
    pos, _ = asteroid_positions(world)
    d = pos - np.array([x, y], np.float32)
    gap = np.sqrt((d * d).sum(axis=1)) - st.radius
    if bool((st.alive & (gap <= cfg.scan_range)).any()):
        st.rate = cfg.asteroid_rate
        st.scanning_from = "asteroid"
        state(world).data += cfg.asteroid_rate * dt


def update(world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
    refresh(world)
    _collide(world, events)
    _scan(world, dt, events)


# ------------------------------------------------------------------ rules

def judge(world: World, ship_r2: float) -> Outcome | None:
    cfg = world.level.config
    if float(world.bodies.hull[world.player.body]) <= 0.0:
        return Outcome("lost", "hull breached")
    if world.ellipse.presence > 0.5 and ship_r2 < cfg.field.engulf_ratio**2:
        return Outcome("lost", "engulfed by the ellipse")
    if world.time_left <= 0.0:
        return Outcome("won", "outlasted the hunt: the ellipse sank back into subspace")
    return None


def score(world: World) -> float:
    cfg = config(world)
    return world.t * cfg.points_per_second + state(world).data * cfg.points_per_data


class Survival(LevelKind):
    name = "survival"
    milestones = {"anomaly_scanned": "first anomaly", "hunt_faster": "hunt faster"}
    outcomes = ("won", "lost")
    commands = BASIC + ("scan",)

    def set_up(self, world: World) -> SurvivalState:
        return set_up(world)

    route = staticmethod(route)
    update = staticmethod(update)
    judge = staticmethod(judge)

    def score(self, world: World) -> float:
        return round(score(world), 1)

    def measures(self, world: World) -> dict[str, Measure]:
        return {"data": round(state(world).data, 2)}


KIND = Survival()
