"""Level 5, the escape: out of the melting ellipse, then the starship's tractor beam.

The repaired engines run on fluctuating power: the thrust is scaled by seeded,
smoothly wandering noise between `power_floor` and full. The ellipse melts for the
whole level (its `melt_time` is the level's timer): it shrinks, its shear layer
thickens and the restless core sends surges ever faster. The starship closes in as
near as it dares (`starship_standoff`, in elliptical radii), always on the shuttle's
side of the ellipse. When the shuttle climbs to just beneath the surface
(`lock_depth`) within the beam's reach, the lock engages and the player takes the
starship's helm: full reverse against the collapsing ellipse's pull, the shuttle on
the beam ahead of the bow, until both are clear (`clear_ratio`).

The tow is a reaction test of its own: the shear's gusts (`gust_*`) now and then
grip the shuttle and drag it in. Pulling against one at full reverse puts the
strain on the beam, and tension above `strain_tension` crushes the shuttle's hull;
easing off spares her but gives ground to the pull, so the starship eases off as a
gust builds and pulls again as it dies away. The later the hand, the more of both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.levels.models import EscapeConfig
from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, LevelKind, required_table, won_bonus
from game.sim.tractor import attach_point
from game.sim.world import RESCUER, SYSTEMS, Event, KindState, Outcome, World

CLOSE_ENOUGH = 60.0  # m from its station: "as close as it dares"
DIP = 1.0 / 3.0  # fluctuating output below this is reported as a power dip


@dataclass(slots=True)
class EscapeState(KindState):
    shuttle: int  # body index of the shuttle
    starship: int  # body index of the starship
    locked: bool = False  # the tractor lock has engaged: the player flies the starship
    power: float = 1.0  # the shuttle's engine output this step, 0..1
    arrived: bool = False  # the starship reached its standoff
    dipped: bool = False
    freqs: tuple[float, float, float] = (1.0, 1.0, 1.0)
    phases: tuple[float, float, float] = (0.0, 0.0, 0.0)
    shuttle_r: float = 0.0  # elliptical radii, this step
    starship_r: float = 0.0
    pull: float = 0.0  # kN, the ellipse's pull on both ships together while the beam holds
    thrust_out: float = 0.0  # kN, the starship's engines pulling away from the ellipse
    # the shear's gusts on the towed shuttle (drawn from the world's generator as they come)
    gust: float = 0.0  # 0..1, how hard the gust holds the shuttle now
    gust_at: float = math.inf  # level time the next (or current) gust starts building
    gust_hold: float = 0.0  # s at full, this gust
    gust_strength: float = 1.0  # share of the full gust, this gust
    gust_on: bool = False  # a gust has begun and not yet died away
    strained: bool = False  # the beam's tension is above what the shuttle's hull bears

def state(world: World) -> EscapeState:
    return world.kind_state(EscapeState)


def config(world: World) -> EscapeConfig:
    """The level's [escape] table."""
    return required_table(world, "escape", EscapeConfig)

def _surface_point(world: World, x: float, y: float, ratio: float) -> tuple[float, float]:
    """The point at elliptical radius `ratio` on the line from the centre through (x, y)."""
    e = world.ellipse
    a, b = e.axes
    dx, dy = x - e.x, y - e.y
    d = math.hypot(dx, dy)
    if d < 1e-6:
        dx, dy, d = math.cos(e.heading + math.pi / 2), math.sin(e.heading + math.pi / 2), 1.0
    phi = math.atan2(dy, dx) - e.heading
    rim = 1.0 / math.sqrt((math.cos(phi) / max(a, 1e-6)) ** 2 + (math.sin(phi) / max(b, 1e-6)) ** 2)
    return e.x + dx / d * rim * ratio, e.y + dy / d * rim * ratio


def set_up(world: World) -> EscapeState:
    c = config(world)
    b = world.bodies
    i = world.player.body
    star = world.level.ships["starship"]
    x, y = float(b.pos[i, 0]), float(b.pos[i, 1])
    e = world.ellipse
    # the starship waits far out on the shuttle's side, facing the ellipse
    sx, sy = _surface_point(world, x, y + 1e-3, 1.0)
    far = c.starship_start * max(e.semi_major, e.semi_minor)
    ang = math.atan2(sy - e.y, sx - e.x)
    j = b.spawn(RESCUER, e.x + math.cos(ang) * far, e.y + math.sin(ang) * far, 0.0, 0.0,
                ang + math.pi, star.mass, star.moment_of_inertia, star.hull)
    b.grip[j] = 0.0
    rng = world.rng
    st = EscapeState(shuttle=i, starship=j)
    f1, f2, f3 = (c.power_rate * (0.6 + 0.8 * float(rng.random())) * k for k in (1.0, 1.9, 3.3))
    st.freqs = (f1, f2, f3)
    p1, p2, p3 = (float(rng.random()) * 2 * math.pi for _ in range(3))
    st.phases = (p1, p2, p3)
    world.state = st
    return st


def engine_output(world: World, t: float) -> float:
    """The fluctuating engine output at time t, between the floor and full."""
    st = state(world)
    c = config(world)
    wave = sum(w * math.sin(2 * math.pi * f * t + p)
               for w, f, p in zip((0.55, 0.3, 0.15), st.freqs, st.phases, strict=True))
    return c.power_floor + (1.0 - c.power_floor) * (0.5 + 0.5 * wave)


def _r(world: World, j: int) -> float:
    b = world.bodies
    if world.ellipse.scale <= 0:
        return math.inf
    return math.sqrt(world.r2_at(float(b.pos[j, 0]), float(b.pos[j, 1])))


def route(world: World, held: frozenset[str], pressed: frozenset[str], dt: float,
          events: list[Event]) -> tuple[frozenset[str], frozenset[str]]:
    st = state(world)
    st.shuttle_r, st.starship_r = _r(world, st.shuttle), _r(world, st.starship)
    if st.locked:
        world.player.thrust_factor = 1.0
        if world.tractor.target < 0:
            _relock(world, events)
    else:
        st.power = engine_output(world, world.t)
        world.player.thrust_factor = st.power
        low = st.power < DIP
        if low and not st.dipped:
            events.append(Event("power_dip", *world.ship_pos(), st.power))
        st.dipped = low
        _try_lock(world, events)
    return held, pressed


def _try_lock(world: World, events: list[Event]) -> None:
    st = state(world)
    c = config(world)
    b = world.bodies
    gap = float(math.hypot(*(b.pos[st.starship] - b.pos[st.shuttle])))
    if st.shuttle_r < c.lock_depth or gap > c.lock_range:
        return
    st.locked = True
    pl = world.player
    star = world.level.ships["starship"]
    x, y = world.ship_pos()
    # the commander's hand leaves the shuttle's helm; the player now flies the starship
    pl.body = st.starship
    world.spec = star
    pl.health = {name: getattr(star.systems, name).health for name in SYSTEMS}
    pl.shield_mod = False
    pl.dark = False
    pl.polarity_reversed = False
    pl.tractor = True
    pl.thrust_factor = 1.0
    b.grip[st.starship] = 0.0
    world.tractor.attach_side = 1.0
    _take_hold(world)
    st.gust_at = world.t + _gap(world)
    events.append(Event("beam_locked", x, y))
    events.append(Event("handover", *world.ship_pos()))


def _relock(world: World, events: list[Event]) -> None:
    """After a slip, the beam takes hold again once the shuttle is back in reach."""
    st = state(world)
    b = world.bodies
    c = config(world)
    gap = float(math.hypot(*(b.pos[st.starship] - b.pos[st.shuttle])))
    waited = world.t - world.tractor.broken_at >= c.relock_delay
    if gap <= c.lock_range and waited and world.player.health["tractor"] > 0:
        _take_hold(world)
        events.append(Event("beam_locked", *world.ship_pos()))


def _take_hold(world: World) -> None:
    """The beam holds the shuttle where it is, then reels it in toward its rest length."""
    st = state(world)
    b = world.bodies
    world.player.tractor = True
    world.tractor.target = st.shuttle
    ax, ay = attach_point(world)
    world.tractor.rest = float(math.hypot(float(b.pos[st.shuttle, 0]) - ax, float(b.pos[st.shuttle, 1]) - ay))


def _gap(world: World) -> float:
    return config(world).gust_every * float(world.rng.uniform(0.6, 1.4))


def gust_level(world: World, t: float) -> float:
    """How hard the current gust holds the shuttle at time t, 0..1: it builds over
    `gust_rise`, holds, and dies away over `gust_rise` again."""
    st = state(world)
    c = config(world)
    s = t - st.gust_at
    if s < 0:
        return 0.0
    if s < c.gust_rise:
        u = s / c.gust_rise
    elif s < c.gust_rise + st.gust_hold:
        u = 1.0
    else:
        u = max(0.0, 1.0 - (s - c.gust_rise - st.gust_hold) / c.gust_rise)
    return u * u * (3.0 - 2.0 * u) * st.gust_strength


def _gusts(world: World, acc: np.ndarray, events: list[Event]) -> None:
    """The shear's gusts on the towed shuttle: each grips it in the shear and drags it
    in, so the beam, pulled at the other end at full reverse, takes the strain."""
    st = state(world)
    c = config(world)
    t = world.t
    if t >= st.gust_at and not st.gust_on:
        st.gust_on = True
        # a new gust begins: how long it holds and how hard, drawn now
        st.gust_hold = c.gust_hold * float(world.rng.uniform(0.6, 1.4))
        st.gust_strength = float(world.rng.uniform(0.7, 1.0))
        events.append(Event("gust", *world.ship_pos(), st.gust_strength))
    g = gust_level(world, t) if t >= st.gust_at else 0.0
    if st.gust_on and t >= st.gust_at + 2 * c.gust_rise + st.gust_hold:
        st.gust_at = t + _gap(world)
        st.gust_on = False
        g = 0.0
    st.gust = g
    if g <= 0.0:
        return
    i = st.shuttle
    b = world.bodies
    e = world.ellipse
    d = np.array([e.x, e.y], np.float32) - b.pos[i]
    dist = float(math.hypot(*d)) + 1e-6
    rel = b.vel[i] - np.array([e.vx, e.vy], np.float32)
    acc[i] += np.float32(g) * (d / dist * np.float32(c.gust_pull) - rel * np.float32(c.gust_grip))


def _strain(world: World, dt: float, events: list[Event]) -> None:
    """Beam tension above what the shuttle's hull bears crushes it, by the excess."""
    st = state(world)
    c = config(world)
    over = world.tractor.tension - c.strain_tension if world.tractor.target >= 0 else 0.0
    if over > 0.0:
        b = world.bodies
        b.hull[st.shuttle] = max(0.0, float(b.hull[st.shuttle]) - c.strain_damage * over / c.strain_tension * dt)
        if not st.strained:
            events.append(Event("beam_strain", *world.ship_pos(), over))
    st.strained = over > 0.0


def _pull(world: World, j: int) -> np.ndarray:
    """The collapsing ellipse's drag on a body the beam holds: toward the centre, 1/r^2."""
    c = config(world)
    soft = world.level.config.field.pull_softening
    e = world.ellipse
    b = world.bodies
    d = np.array([e.x, e.y], np.float32) - b.pos[j]
    dist = float(math.hypot(*d)) + 1e-6
    r = _r(world, j)
    strength = c.tow_pull * (1.0 + soft * soft) / (r * r + soft * soft) * world.ellipse.presence
    return d / dist * np.float32(strength)


def forces(world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample, surge_hit: np.ndarray,
           dt: float, events: list[Event]) -> None:
    st = state(world)
    b = world.bodies
    j = st.starship
    if not st.locked:
        _close_in(world, acc, alpha, dt, events)
        return
    link = world.tractor
    floor = world.level.config.tractor.rest_length
    if link.rest > floor:
        link.rest = max(floor, link.rest - config(world).reel_speed * dt)
    tug = _pull(world, j)
    acc[j] += tug
    acc[st.shuttle] += _pull(world, st.shuttle)
    _gusts(world, acc, events)
    st.pull = float(math.hypot(*tug)) * float(b.mass[j]) + world.tractor.tension
    ang = float(b.angle[j])
    pl = world.player
    spec = world.spec
    eff = pl.supply_ratio * pl.health["engines"] / 100.0
    if pl.throttle < 0:
        out = spec.reverse_thrust * eff
    elif pl.throttle > 0:
        out = -spec.thrust * eff
    else:
        out = 0.0
    # reverse pulls the bow (and the shuttle ahead of it) away from the ellipse
    e = world.ellipse
    rx, ry = float(b.pos[j, 0]) - e.x, float(b.pos[j, 1]) - e.y
    rd = math.hypot(rx, ry) + 1e-6
    st.thrust_out = out * -(math.cos(ang) * rx + math.sin(ang) * ry) / rd


def _close_in(world: World, acc: np.ndarray, alpha: np.ndarray, dt: float, events: list[Event]) -> None:
    """The starship's own helm: come as close as it dares, on the shuttle's side."""
    st = state(world)
    c = config(world)
    b = world.bodies
    e = world.ellipse
    i, j = st.shuttle, st.starship
    tx, ty = _surface_point(world, float(b.pos[i, 0]), float(b.pos[i, 1]), c.starship_standoff)
    gx, gy = tx - float(b.pos[j, 0]), ty - float(b.pos[j, 1])
    gap = math.hypot(gx, gy)
    speed = min(c.starship_speed, math.sqrt(2 * c.starship_accel * 0.5 * gap))
    want = np.array([e.vx + gx / max(gap, 1e-6) * speed, e.vy + gy / max(gap, 1e-6) * speed], np.float32)
    need = want - b.vel[j]
    size = float(math.hypot(*need))
    acc[j] = need / size * min(c.starship_accel, size / dt) if size > 1e-6 else 0.0
    # nose to the ellipse, ready to pull away in reverse
    facing = math.atan2(e.y - float(b.pos[j, 1]), e.x - float(b.pos[j, 0]))
    turn = (facing - float(b.angle[j]) + math.pi) % (2 * math.pi) - math.pi
    alpha[j] = (turn * 4.0 - float(b.spin[j]) * 4.0)
    if not st.arrived and gap < CLOSE_ENOUGH:
        st.arrived = True
        events.append(Event("starship_close", tx, ty))


def update(world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
    st = state(world)
    st.shuttle_r, st.starship_r = _r(world, st.shuttle), _r(world, st.starship)
    if st.locked:
        _strain(world, dt, events)
    if clear(world):
        events.append(Event("clear", *world.ship_pos()))


def clear(world: World) -> bool:
    st = state(world)
    ratio = config(world).clear_ratio
    return st.locked and st.shuttle_r >= ratio and st.starship_r >= ratio


def judge(world: World, ship_r2: float) -> Outcome | None:
    st = state(world)
    b = world.bodies
    if float(b.hull[st.shuttle]) <= 0.0:
        return Outcome("lost", "the shuttle's hull gave way")
    if float(b.hull[st.starship]) <= 0.0:
        return Outcome("lost", "the starship's hull gave way")
    if clear(world):
        return Outcome("won", "both ships clear as the ellipse sinks into subspace")
    if st.locked and st.starship_r < 1.0:
        return Outcome("lost", "the starship was dragged into the ellipse")
    if world.time_left <= 0.0:
        if st.shuttle_r < 1.0:
            return Outcome("timeout", "still inside when the ellipse sank back into subspace")
        return Outcome("timeout", "the ellipse vanished before the beam pulled the shuttle clear")
    return None


class Escape(LevelKind):
    name = "escape"
    milestones = {"beam_locked": "beam lock", "handover": "handover", "clear": "clear"}
    outcomes = ("won", "lost", "timeout")
    commands = BASIC + ("modify_shields",)

    def set_up(self, world: World) -> EscapeState:
        return set_up(world)

    route = staticmethod(route)
    forces = staticmethod(forces)
    update = staticmethod(update)
    judge = staticmethod(judge)

    def score(self, world: World) -> float:
        return round(won_bonus(world), 1)


KIND = Escape()
