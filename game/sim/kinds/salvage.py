"""Level 4, the salvage: transporter range, the dark cabin of the module, the fused part.

The shuttle drifts in the eye with its engines dead (manoeuvring thrusters only),
its emergency shields failing and its hull slowly giving way. The player closes to
transporter range of the Ares IV, lowers the shields and beams a crew member across.
Aboard, the player's commands move a suited figure through the module's cabin, a
small side-on room lit only by the suit's lamp:

* the old computer core must be powered first (hold `action` at its console);
* the pilot's logs can then be downloaded at his terminal, one entry at a time, each
  costing time on the level timer (optional: a score bonus, and kept for the memorial);
* the ion distributor is fused to the hull at the aft bulkhead: holding `action`
  there lights the cutting torch, and the up/down commands steer it along a seam
  that wanders (seeded). Only a torch on the seam cuts; one beside it heats up and
  cuts out. Surges crossing the module jolt the torch off the seam.

Then `beam` brings the crew member back, with the part if it is free. While the
crew member is aboard, the shuttle's commander holds station on thrusters.

Cabin coordinates are metres: x along the cabin from the bow end (0) to the aft
bulkhead (`cabin_length`), y from the ceiling (0) to the floor (`cabin_height`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.levels.models import SalvageConfig
from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, LevelKind, Measure, required_table, won_bonus
from game.sim.ship import systems_on
from game.sim.world import MODULE, Event, KindState, Outcome, World

# where the stations are, as fractions of the cabin's length and height
STATIONS: dict[str, tuple[float, float]] = {
    "pad": (0.08, 0.55),  # where the transporter sets the crew member down
    "core": (0.36, 0.28),  # the old computer core's console, on the upper wall
    "terminal": (0.6, 0.72),  # the pilot's log terminal, by his couch
    "distributor": (0.92, 0.5),  # the ion distributor, fused to the aft bulkhead
}
STATION_NAMES = {
    "pad": "transporter pad",
    "core": "computer core",
    "terminal": "log terminal",
    "distributor": "ion distributor",
}
SUIT_RADIUS = 0.45  # m, keeps the figure off the walls


@dataclass(slots=True)
class SalvageState(KindState):
    """Everything of the salvage beyond the shuttle: transporter, cabin, cut, logs."""

    module: int  # body index of the Ares IV
    phase: str = "shuttle"  # shuttle, beaming_over, aboard, beaming_back, home
    beam: float = 0.0  # progress of the transport under way, 0..1
    suit: np.ndarray = field(default_factory=lambda: np.zeros(2))  # cabin metres
    suit_vel: np.ndarray = field(default_factory=lambda: np.zeros(2))
    facing: float = 1.0  # +1 toward the aft bulkhead, -1 toward the bow
    station: str = ""  # the station in reach, "" for none
    working: bool = False  # action held at a station that can be worked
    core: float = 0.0  # core power-up progress, 0..1
    logs_done: list[int] = field(default_factory=list)  # indexes into [[logs]], in order
    log_progress: float = 0.0  # of the entry downloading, 0..1
    cut: float = 0.0  # share of the seam cut, 0..1
    torch: float = 0.0  # torch offset across the seam's line, m (+ down)
    torch_on: bool = False
    heat: float = 0.0  # 0 cold .. 1 cuts out
    overheated: bool = False
    part: bool = False  # the ion distributor is free (and carried)
    seam_freq: tuple[float, float] = (2.0, 4.0)  # waves along the seam
    seam_phase: tuple[float, float] = (0.0, 0.0)
    jolted: bool = False  # a surge ring is crossing the module now
    range_now: float = 0.0  # m from shuttle to module, this step



def state(world: World) -> SalvageState:
    return world.kind_state(SalvageState)


def config(world: World) -> SalvageConfig:
    """The level's [salvage] table."""
    return required_table(world, "salvage", SalvageConfig)

def station_pos(world: World, name: str) -> tuple[float, float]:
    c = config(world)
    fx, fy = STATIONS[name]
    return fx * c.cabin_length, fy * c.cabin_height


def seam_offset(world: World, cut: float) -> float:
    """Where the fused seam runs, across the cut's line, at `cut` (0..1) along it."""
    st = state(world)
    w = config(world).seam_wander
    (f1, f2), (p1, p2) = st.seam_freq, st.seam_phase
    return w * (0.62 * math.sin(2 * math.pi * f1 * cut + p1) + 0.38 * math.sin(2 * math.pi * f2 * cut + p2))


def on_seam(world: World) -> bool:
    st = state(world)
    tol = config(world).seam_tolerance
    return abs(st.torch - seam_offset(world, st.cut)) <= tol


def module_range(world: World) -> float:
    b = world.bodies
    i, j = world.player.body, state(world).module
    return float(math.hypot(*(b.pos[j] - b.pos[i])))


def log_count(world: World) -> int:
    return len(world.level.config.logs)


def set_up(world: World) -> SalvageState:
    cfg = world.level.config
    c = config(world)
    b = world.bodies
    i = world.player.body
    pl = world.player
    pl.health["engines"] = c.engines_health
    pl.health["shields"] = c.shields_health
    # what dark matter carried in (the campaign's carry-over; none when played on its own):
    # where the front left the module, the hull, and the systems it knocked out
    carry = world.carry
    distance = float(carry.get("module_distance", c.module_distance))
    if "hull" in carry:
        b.hull[i] = max(c.min_carried_hull, min(float(b.hull[i]), float(carry["hull"])))
    for name in carry.get("systems", ()):
        if name in pl.health and name != "tractor":  # the tractor is not needed here
            pl.health[name] = min(pl.health[name], c.knocked_out_health)
    bearing = math.radians(c.module_bearing)
    x = float(b.pos[i, 0]) + math.cos(bearing) * distance
    y = float(b.pos[i, 1]) + math.sin(bearing) * distance
    m = cfg.module
    j = b.spawn(MODULE, x, y, 0.0, 0.0, float(world.rng.random()) * 2 * math.pi,
                m.mass, m.mass * m.length**2 / 12.0, 100.0)
    world.module = j
    st = SalvageState(module=j)
    st.seam_freq = (1.2 + float(world.rng.random()), 2.6 + 1.4 * float(world.rng.random()))
    st.seam_phase = (float(world.rng.random()) * 2 * math.pi, float(world.rng.random()) * 2 * math.pi)
    world.state = st
    st.suit[:] = station_pos(world, "pad")
    st.range_now = module_range(world)
    return st


# ------------------------------------------------------------------ the transporter

def _try_beam(world: World, events: list[Event]) -> None:
    st = state(world)
    x, y = world.ship_pos()
    if st.range_now > config(world).transporter_range:
        events.append(Event("out_of_range", x, y, st.range_now))
        return
    if systems_on(world)["shields"]:
        events.append(Event("shields_block_beam", x, y))
        return
    across = st.phase == "shuttle"
    st.phase = "beaming_over" if across else "beaming_back"
    st.beam = 0.0
    events.append(Event("beam_start", x, y, 1.0 if across else 2.0))


def _transport(world: World, dt: float, events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    x, y = world.ship_pos()
    if st.range_now > c.transporter_range:
        st.phase = "shuttle" if st.phase == "beaming_over" else "aboard"
        st.beam = 0.0
        events.append(Event("beam_aborted", x, y))
        return
    st.beam = min(1.0, st.beam + dt / c.beam_time)
    if st.beam < 1.0:
        return
    if st.phase == "beaming_over":
        st.phase = "aboard"
        st.suit[:] = station_pos(world, "pad")
        st.suit_vel[:] = 0.0
        st.facing = 1.0
        events.append(Event("aboard", x, y))
    else:
        st.phase = "home" if st.part else "shuttle"
        events.append(Event("beamed_back", x, y, 1.0 if st.part else 0.0))


def route(world: World, held: frozenset[str], pressed: frozenset[str], dt: float,
          events: list[Event]) -> tuple[frozenset[str], frozenset[str]]:
    """Beam presses go to the transporter; aboard, the rest move the suited figure."""
    st = state(world)
    st.range_now = module_range(world)
    if "beam" in pressed and st.phase in ("shuttle", "aboard"):
        _try_beam(world, events)
    if st.phase == "shuttle":
        return held, pressed
    if st.phase == "aboard":
        _cabin(world, held, pressed, dt, events)
    else:
        st.working = st.torch_on = False
    return frozenset(), frozenset()


# ------------------------------------------------------------------ the cabin

def _near_station(world: World) -> str:
    st = state(world)
    reach = config(world).reach
    best, best_d = "", reach
    for name in STATIONS:
        sx, sy = station_pos(world, name)
        d = math.hypot(st.suit[0] - sx, st.suit[1] - sy)
        if d <= best_d:
            best, best_d = name, d
    return best


def _cabin(world: World, held: frozenset[str], pressed: frozenset[str], dt: float,
           events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    st.station = _near_station(world)
    acting = "action" in held
    cutting = acting and st.station == "distributor" and not st.part
    st.working = False
    st.torch_on = False
    dx = float("turn_right" in held) - float("turn_left" in held)
    dy = float("reverse" in held) - float("thrust" in held)
    if cutting:
        # braced against the bulkhead: up/down steer the torch, the figure holds still
        st.suit_vel[:] = 0.0
        _cut(world, dy, "action" in pressed, dt, events)
    else:
        _cool(world, dt)
        if dx:
            st.facing = dx
        st.suit_vel[0] += dx * c.suit_accel * dt
        st.suit_vel[1] += dy * c.suit_accel * dt
        st.suit_vel *= max(0.0, 1.0 - c.suit_damping * dt)
        st.suit += st.suit_vel * dt
        for axis, size in ((0, c.cabin_length), (1, c.cabin_height)):
            lo, hi = SUIT_RADIUS, size - SUIT_RADIUS
            if not lo <= st.suit[axis] <= hi:
                st.suit[axis] = min(hi, max(lo, st.suit[axis]))
                st.suit_vel[axis] = 0.0
        if acting and st.station in ("core", "terminal"):
            _work(world, st.station, "action" in pressed, dt, events)


def _work(world: World, station: str, just_pressed: bool, dt: float, events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    x, y = world.ship_pos()
    if station == "core":
        if st.core < 1.0:
            st.working = True
            st.core = min(1.0, st.core + dt / c.power_time)
            if st.core >= 1.0:
                events.append(Event("core_powered", x, y))
        return
    if st.core < 1.0:
        if just_pressed:
            events.append(Event("needs_power", x, y))
        return
    if len(st.logs_done) >= log_count(world):
        return
    st.working = True
    st.log_progress += dt / c.log_time
    if st.log_progress >= 1.0:
        st.log_progress = 0.0
        index = len(st.logs_done)
        st.logs_done.append(index)
        events.append(Event("log", x, y, index))


def _cool(world: World, dt: float) -> None:
    st = state(world)
    st.heat = max(0.0, st.heat - config(world).cool_rate * dt)
    if st.overheated and st.heat <= config(world).relight_heat:
        st.overheated = False


def _cut(world: World, steer: float, just_pressed: bool, dt: float, events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    x, y = world.ship_pos()
    if st.core < 1.0:
        # the distributor's clamps and plasma vents answer only to the powered core
        _cool(world, dt)
        if just_pressed:
            events.append(Event("needs_power", x, y))
        return
    st.working = True
    limit = 2 * c.seam_wander + 0.5
    st.torch = max(-limit, min(limit, st.torch + steer * c.torch_speed * dt))
    if st.overheated:
        _cool(world, dt)
        return
    st.torch_on = True
    if on_seam(world):
        st.cut = min(1.0, st.cut + c.cut_rate * dt)
        st.heat = max(0.0, st.heat - c.seam_cool * c.cool_rate * dt)
        if st.cut >= 1.0:
            st.part = True
            st.torch_on = False
            events.append(Event("part_free", x, y))
    else:
        st.heat += c.heat_rate * dt
        if st.heat >= 1.0:
            st.heat = 1.0
            st.overheated = True
            st.torch_on = False
            events.append(Event("torch_overheat", x, y))


# ------------------------------------------------------------------ forces and hull

def forces(world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample, surge_hit: np.ndarray,
           dt: float, events: list[Event]) -> None:
    """While the crew member is away, the commander holds station on thrusters."""
    st = state(world)
    if st.phase == "shuttle" or st.phase == "home":
        return
    c = config(world)
    b = world.bodies
    i, j = world.player.body, st.module
    gap = b.pos[j] - b.pos[i]
    dist = float(math.hypot(*gap))
    hold = c.station_keeping * c.transporter_range
    accel = world.spec.thruster_thrust / world.spec.mass
    # close at a speed that can still be braked, matched to the module's drift
    closing = math.sqrt(2 * accel * 0.5 * max(0.0, dist - 0.5 * hold))
    want = b.vel[j] + (gap / max(dist, 1e-6)) * min(closing, 40.0)
    need = want - b.vel[i]
    size = float(math.hypot(*need))
    if size > 1.0:
        acc[i] += need / size * min(accel, size / dt)


def update(world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    b = world.bodies
    i = world.player.body
    b.hull[i] = max(0.0, float(b.hull[i]) - c.hull_leak * dt)
    world.player.damage_taken += c.hull_leak * dt
    st.range_now = module_range(world)
    if st.phase in ("beaming_over", "beaming_back"):
        _transport(world, dt, events)
    crossing = bool(surge_hit[st.module] > 0)
    if crossing and not st.jolted and st.phase == "aboard":
        side = 1.0 if world.rng.random() < 0.5 else -1.0
        st.torch += side * c.jolt
        st.suit_vel += (world.rng.random(2) - 0.5) * 2 * c.jolt_kick
        x, y = map(float, b.pos[st.module])
        events.append(Event("jolt", x, y))
    st.jolted = crossing


# ------------------------------------------------------------------ rules

PART_HOME = "back aboard the shuttle with the ion distributor"


def judge(world: World, ship_r2: float) -> Outcome | None:
    st = state(world)
    if float(world.bodies.hull[world.player.body]) <= 0.0:
        return Outcome("lost", "the shuttle's hull gave way")
    if st.phase == "home" and st.part:
        return Outcome("won", PART_HOME)
    if world.time_left <= 0.0:
        if st.phase in ("aboard", "beaming_back"):
            return Outcome("timeout", "the ellipse sank back into subspace with the crew member aboard the module")
        return Outcome("timeout", "the ellipse sank back into subspace before the part was recovered")
    return None


def score(world: World) -> float:
    sc = world.level.config.scoring
    total = len(state(world).logs_done) * sc.per_log + won_bonus(world)
    if world.outcome is not None and world.outcome.result == "won" and state(world).part:
        total += sc.part_recovered
    return round(total, 1)


class Salvage(LevelKind):
    name = "salvage"
    milestones = {
        "aboard": "aboard",
        "core_powered": "core powered",
        "part_free": "part free",
        "log": "first log",
        "beamed_back": "home",
    }
    outcomes = ("won", "lost", "timeout")
    commands = BASIC + ("shields", "beam", "action")

    def set_up(self, world: World) -> SalvageState:
        return set_up(world)

    route = staticmethod(route)
    forces = staticmethod(forces)
    update = staticmethod(update)
    judge = staticmethod(judge)

    def score(self, world: World) -> float:
        return score(world)

    def measures(self, world: World) -> dict[str, Measure]:
        return {"logs": list(state(world).logs_done)}


KIND = Salvage()
