"""Level 0, the prologue "Ares IV, 2032": record the ellipse until it swallows the module.

The command module is in Mars orbit when the ellipse surfaces; its two crew on the
surface are on the radio. The module cannot hide (2032 knows nothing of EM
signatures), and the ellipse is faster than anything it carries: the level always
ends with the module swallowed (a story ending). What the player decides is how much
of it the world gets to see:

* the imager looks along the module's nose. It records while the ellipse fills its
  cone: the ellipse's apparent half-width (half of it, the bright body) widened by
  `aim_tolerance`, the quality falling off linearly beyond. The nearer the module is
  to the surface the more it resolves (`far_share` at `record_range` elliptical
  radii, full at the surface), and the turbulent shear layer is worth `band_bonus`
  more. Data is a percentage of a full record, capped at 100. The module is swallowed
  (the level ends) deeper than `swallow_ratio`, or after `shear_seconds` in the layer;
* the main engine draws on one tank (`fuel_seconds` of burn when full); when it runs
  dry only the manoeuvring thrusters are left;
* `action` fires the ion drive, once: it burns whatever is left in the tank, at
  `ion_accel` along the nose, `ion_burn_time` for a full tank. It is a real burn in
  the same field as everything else; the ellipse is faster and its pull wins;
* radio lines (`[[prologue.radio]]`) are spoken at set times or on events, one at a
  time; a line about an event goes to the head of the queue and cuts in on a line that
  has been on the air `RADIO_MIN_AIR`; each line on the air emits a `radio` event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.levels.models import PrologueConfig
from game.sim.events import ION_SPENT
from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, LevelKind, Measure, required_table
from game.sim.ship import systems_on
from game.sim.world import Event, KindState, Outcome, World

SWALLOWED = "swallowed by the ellipse"
RADIO_QUEUE = 3  # lines waiting for the air at most; the last in the queue are dropped
RADIO_MIN_AIR = 2.0  # s a line stays on the air before a line about a new event cuts in


@dataclass(slots=True)
class PrologueState(KindState):
    fuel: float = 1.0  # share of the tank left, 0..1
    burning: bool = False  # the ion drive is firing
    burn_used: bool = False  # the one attempt has been made
    burn_started: float = -1.0  # sim time the ion drive lit, -1 before
    burn_ended: float = -1.0
    aim_error: float = math.pi  # rad: nose against the bearing to the ellipse's centre
    cone: float = 0.0  # rad: the half-angle that counts as fully on target
    quality: float = 0.0  # 0..1, how well the imager is aimed
    rate: float = 0.0  # %/s recorded this step
    recording: bool = False
    r: float = math.inf  # the module's elliptical radius
    touched: bool = False  # the surface has reached the module
    in_shear: float = 0.0  # s the module has been inside the ellipse's surface
    radio_line: int = -1  # the line on the air, -1 for none
    radio_since: float = -1.0  # sim time it started
    radio_queue: list[int] = field(default_factory=list)
    radio_done: set[int] = field(default_factory=set)  # lines spoken or waiting
    data: float = 0.0  # % of a full record of the ellipse



def state(world: World) -> PrologueState:
    return world.kind_state(PrologueState)


def config(world: World) -> PrologueConfig:
    """The level's [prologue] table."""
    return required_table(world, "prologue", PrologueConfig)

# ------------------------------------------------------------------ fuel and the ion drive

def route(world: World, held: frozenset[str], pressed: frozenset[str], dt: float,
          events: list[Event]) -> tuple[frozenset[str], frozenset[str]]:
    st = state(world)
    c = config(world)
    pl = world.player
    x, y = world.ship_pos()
    if "action" in pressed:
        if st.burn_used or st.fuel <= 0.0:
            events.append(Event("refused", x, y, ION_SPENT))
        else:
            st.burn_used = st.burning = True
            st.burn_started = world.t
            events.append(Event("ion_burn", x, y, st.fuel))
    engines = pl.health["engines"] > 0 and not pl.dark
    use = 0.0
    if st.burning:
        use += dt / c.ion_burn_time
    if engines and ("thrust" in held) != ("reverse" in held):
        use += dt / c.fuel_seconds
    if use > 0.0 and st.fuel > 0.0:
        st.fuel = max(0.0, st.fuel - use)
        if st.fuel <= 0.0:
            pl.health["engines"] = 0.0  # dry tanks: the thrusters are all that is left
            if st.burning:
                st.burning = False
                st.burn_ended = world.t
                events.append(Event("ion_burnout", x, y))
            else:
                events.append(Event("tanks_dry", x, y))
    return held, pressed


def forces(world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample, surge_hit: np.ndarray,
           dt: float, events: list[Event]) -> None:
    st = state(world)
    if not st.burning:
        return
    i = world.player.body
    ang = float(world.bodies.angle[i])
    accel = config(world).ion_accel
    acc[i, 0] += math.cos(ang) * accel
    acc[i, 1] += math.sin(ang) * accel


# ------------------------------------------------------------------ the imager

def apparent_half_width(world: World, x: float, y: float) -> float:
    """Half the angle the ellipse fills seen from (x, y), radians (pi/2 from inside)."""
    e = world.ellipse
    a, b = e.axes
    if a <= 0 or b <= 0:
        return 0.0
    dx, dy = e.x - x, e.y - y
    dist = math.hypot(dx, dy)
    if dist < 1e-6 or world.r2_at(x, y) <= 1.0:
        return math.pi / 2
    # the ellipse's half-width across the line of sight (its support function)
    nx, ny = -dy / dist, dx / dist
    c, s = math.cos(e.heading), math.sin(e.heading)
    along_u, along_v = nx * c + ny * s, -nx * s + ny * c
    half = math.hypot(a * along_u, b * along_v)
    return math.atan2(half, dist)


def aim(world: World) -> tuple[float, float, float]:
    """(error, cone, quality) of the imager on the ellipse now."""
    e = world.ellipse
    if e.presence <= 0.0 or e.gone or e.scale <= 0.0:
        return math.pi, 0.0, 0.0
    c = config(world)
    i = world.player.body
    x, y = world.ship_pos()
    bearing = math.atan2(e.y - y, e.x - x)
    err = abs((bearing - float(world.bodies.angle[i]) + math.pi) % (2 * math.pi) - math.pi)
    cone = 0.5 * apparent_half_width(world, x, y)
    tol = math.radians(c.aim_tolerance)
    quality = max(0.0, min(1.0, 1.0 - max(0.0, err - cone) / tol))
    return err, cone, quality


def record_rate(world: World, r: float, quality: float) -> float:
    """Data recorded per second (%/s) at elliptical radius r with this aim quality."""
    c = config(world)
    if quality <= 0.0 or not systems_on(world)["sensors"]:
        return 0.0
    near = max(0.0, min(1.0, (c.record_range - r) / (c.record_range - 1.0)))
    rate = c.record_rate * (c.far_share + (1.0 - c.far_share) * near) * quality
    if r < 1.0:
        rate *= c.band_bonus
    return rate * min(1.0, world.ellipse.presence)


def _imager(world: World, dt: float, events: list[Event]) -> None:
    st = state(world)
    x, y = world.ship_pos()
    e = world.ellipse
    st.r = math.sqrt(world.r2_at(x, y)) if e.scale > 0 and not e.gone else math.inf
    st.aim_error, st.cone, st.quality = aim(world)
    st.rate = record_rate(world, st.r, st.quality) if state(world).data < 100.0 else 0.0
    state(world).data = min(100.0, state(world).data + st.rate * dt)
    recording = st.rate > 0.0
    if recording != st.recording:
        events.append(Event("imager_locked" if recording else "imager_lost", x, y, st.quality))
    st.recording = recording
    if st.r < 1.0 and e.presence > 0.5:
        st.in_shear += dt
        if not st.touched:
            st.touched = True
            events.append(Event("shear_contact", x, y))


# ------------------------------------------------------------------ the radio

def _radio(world: World, events: list[Event]) -> None:
    st = state(world)
    lines = config(world).radio
    kinds = {ev.kind for ev in events}
    news: list[int] = []
    for k, line in enumerate(lines):
        if k in st.radio_done:
            continue
        due = (line.at is not None and world.t >= line.at) or (line.on is not None and line.on in kinds)
        if due:
            st.radio_done.add(k)
            if line.on is not None:
                news.append(k)
            else:
                st.radio_queue.append(k)
    st.radio_queue[:0] = news  # news goes on the air first, the newest first
    del st.radio_queue[RADIO_QUEUE:]
    age = world.t - st.radio_since
    on_air = st.radio_line >= 0 and age < lines[st.radio_line].seconds
    if on_air and news and age >= RADIO_MIN_AIR:
        on_air = False  # something just happened: the crew cut in
    if not on_air and st.radio_queue:
        st.radio_line = st.radio_queue.pop(0)
        st.radio_since = world.t
        events.append(Event("radio", *world.ship_pos(), st.radio_line))
    elif not on_air:
        st.radio_line = -1


def radio_now(world: World) -> tuple[int, float]:
    """The line on the air (index into [[prologue.radio]], -1 for none) and its age, s."""
    st = state(world)
    if st is None or st.radio_line < 0:
        return -1, 0.0
    line = config(world).radio[st.radio_line]
    age = world.t - st.radio_since
    return (st.radio_line, age) if age < line.seconds else (-1, 0.0)


def update(world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
    _imager(world, dt, events)
    _radio(world, events)


# ------------------------------------------------------------------ rules

def judge(world: World, ship_r2: float) -> Outcome | None:
    c = config(world)
    held = state(world).in_shear >= c.shear_seconds
    if world.ellipse.presence > 0.5 and (ship_r2 < c.swallow_ratio**2 or held):
        return Outcome("story", SWALLOWED)
    if float(world.bodies.hull[world.player.body]) <= 0.0:
        return Outcome("story", SWALLOWED + ", its hull buckling in the shear")
    if world.time_left <= 0.0:
        # the ellipse never lets go of its prey; a designer's short timer ends it the same way
        return Outcome("story", SWALLOWED)
    return None


def score(world: World) -> float:
    return state(world).data * config(world).points_per_data


class Prologue(LevelKind):
    name = "prologue"
    milestones = {
        "imager_locked": "imager on it",
        "ion_burn": "ion drive lit",
        "shear_contact": "shear contact",
    }
    outcomes = ("story",)
    commands = BASIC + ("action",)

    def set_up(self, world: World) -> PrologueState:
        return PrologueState()

    route = staticmethod(route)
    forces = staticmethod(forces)
    update = staticmethod(update)
    judge = staticmethod(judge)

    def score(self, world: World) -> float:
        return round(score(world), 1)

    def measures(self, world: World) -> dict[str, Measure]:
        return {"data": round(state(world).data, 2)}


KIND = Prologue()
