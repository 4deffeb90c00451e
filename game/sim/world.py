"""The core state of a level in play: bodies, the ellipse, surges, debris chunks, timers, rng.

A `World` is plain data: the core every level kind shares, plus `world.state`, the
typed state of the level's kind (`game.sim.kinds`). It is built by
`game.sim.build.new_world`, which asks the kind to set itself up; this module imports
no kind. Only `game.sim.step.step` changes a world; renderers, audio and the pilots
read it. All randomness comes from `world.rng`, one generator seeded by the level's
seed, so the same seed and commands give the same run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from game.levels import Level
from game.sim.noise import NoiseField

DT = 1.0 / 120.0  # the fixed simulation step, seconds

# body kinds (RESCUER: the starship that comes for the shuttle in the escape)
SHIP, PROBE, MODULE, RESCUER = 0, 1, 2, 3
SYSTEMS = ("engines", "shields", "sensors", "tractor", "comms")


@dataclass(slots=True)
class Event:
    """Something that happened in a step, for audio, effects, captions and tests."""

    kind: str
    x: float = 0.0
    y: float = 0.0
    value: float = 0.0


class Bodies:
    """Rigid bodies (the player's ship, probes, the module) as parallel arrays."""

    def __init__(self, capacity: int = 16):
        self.capacity = capacity
        self.pos = np.zeros((capacity, 2), np.float32)
        self.vel = np.zeros((capacity, 2), np.float32)
        self.angle = np.zeros(capacity, np.float32)  # radians, 0 = +x
        self.spin = np.zeros(capacity, np.float32)  # rad/s
        self.mass = np.ones(capacity, np.float32)
        self.inertia = np.ones(capacity, np.float32)
        self.hull = np.zeros(capacity, np.float32)  # percent
        self.signature = np.zeros(capacity, np.float32)  # MW
        self.grip = np.ones(capacity, np.float32)  # how hard the ellipse's field holds it
        self.alive = np.zeros(capacity, bool)
        self.kind = np.zeros(capacity, np.int8)

    def spawn(self, kind: int, x: float, y: float, vx: float, vy: float, angle: float,
              mass: float, inertia: float, hull: float) -> int:
        free = np.flatnonzero(~self.alive)
        if free.size == 0:
            raise RuntimeError("no free body slot")
        i = int(free[0])
        self.pos[i] = (x, y)
        self.vel[i] = (vx, vy)
        self.angle[i] = angle
        self.spin[i] = 0.0
        self.mass[i] = mass
        self.inertia[i] = inertia
        self.hull[i] = hull
        self.signature[i] = 0.0
        self.grip[i] = 1.0
        self.alive[i] = True
        self.kind[i] = kind
        return i


class Chunks:
    """Debris chunks orbiting in the eye: the only particles that can hurt the ship.

    Luminous motes, light debris, exhaust and sparks decide nothing and live on the
    window side (`game.app.render.particles`); these stay in the simulation.
    """

    def __init__(self, count: int):
        self.pos = np.zeros((count, 2), np.float32)
        self.vel = np.zeros((count, 2), np.float32)

    @property
    def count(self) -> int:
        return int(self.pos.shape[0])


@dataclass(slots=True)
class EllipseState:
    x: float
    y: float
    heading: float  # radians: course and long axis
    speed: float
    semi_major: float
    semi_minor: float
    eye_ratio: float
    presence: float = 0.0  # 0 in subspace .. 1 fully surfaced
    scale: float = 0.0  # size factor (emerging, melting)
    surge_ref: float = 0.0  # course at the last surge
    target: int = -1  # body index it is chasing, -1 for none
    gone: bool = False
    last_surge: float = 0.0  # sim time of the last surge it sent out
    pace: float = 1.0  # multiplier on top speed, acceleration and turn rate (survival's hunt)

    @property
    def vx(self) -> float:
        return self.speed * math.cos(self.heading)

    @property
    def vy(self) -> float:
        return self.speed * math.sin(self.heading)

    @property
    def axes(self) -> tuple[float, float]:
        return self.semi_major * self.scale, self.semi_minor * self.scale


class Surges:
    """Expanding gravimetric rings sent out by the ellipse's course changes."""

    def __init__(self, capacity: int = 8):
        self.x = np.zeros(capacity, np.float32)
        self.y = np.zeros(capacity, np.float32)
        self.radius = np.zeros(capacity, np.float32)
        self.alive = np.zeros(capacity, bool)

    def emit(self, x: float, y: float) -> None:
        free = np.flatnonzero(~self.alive)
        i = int(free[0]) if free.size else int(np.argmax(self.radius))
        self.x[i], self.y[i], self.radius[i], self.alive[i] = x, y, 0.0, True


@dataclass(slots=True)
class PlayerState:
    """What the player controls: power modes, systems, launcher."""

    body: int
    dark: bool = False
    polarity_reversed: bool = False
    throttle: float = 0.0  # -1 reverse .. 1 full ahead, this step
    turning: float = 0.0  # -1 left .. 1 right, this step
    supply_ratio: float = 1.0  # reactor output / demand, capped at 1
    draw: dict[str, float] = field(default_factory=dict)  # MW per system this step
    health: dict[str, float] = field(default_factory=dict)  # % per system
    probes_left: int = 0
    reload: float = 0.0
    damage_taken: float = 0.0
    shield_mod: bool = False  # modified shields: survive the shear band, louder signature
    tractor: bool = False
    scanning: bool = False
    shields_down: bool = False  # lowered by the player (the transporter needs them down)
    thrust_factor: float = 1.0  # engine output this step (fluctuating power scales it)


@dataclass(slots=True)
class TractorLink:
    """The tractor beam as a spring-damper between the ship and a towed body."""

    target: int = -1  # body index held, -1 when the beam holds nothing
    tension: float = 0.0  # kN, positive when pulling
    length: float = 0.0  # m, current
    broken_at: float = -1.0  # sim time of the last break
    attach_side: float = -1.0  # -1: the beam leaves behind the centre, +1: ahead of it
    rest: float = 0.0  # m, rest length now when a beam reels its load in (0: the level's rest_length)


@dataclass(slots=True)
class Outcome:
    result: str  # won / lost / timeout / story
    reason: str


class KindState:
    """Base of every level kind's own state (`world.state`): plain data the step changes.

    `digest_bytes` hashes every field (arrays by content), so the determinism tests see
    the kind's state as well as the core.
    """

    __slots__ = ()

    def digest_bytes(self) -> bytes:
        parts: list[bytes] = []
        values = ([getattr(self, f.name) for f in dataclasses.fields(self)]
                  if dataclasses.is_dataclass(self) else list(vars(self).values()))
        for value in values:
            parts.append(_digest_value(value))
        return b"|".join(parts)


def _digest_value(value: Any) -> bytes:
    if isinstance(value, np.ndarray):
        return np.ascontiguousarray(value).tobytes()
    if isinstance(value, KindState):
        return value.digest_bytes()
    if isinstance(value, (list, tuple)):
        return b"[" + b",".join(_digest_value(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"{" + b",".join(repr(k).encode() + b":" + _digest_value(v) for k, v in value.items()) + b"}"
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return b"<" + b",".join(_digest_value(v) for v in vars(value).values()) + b">"
    return repr(value).encode()


S = TypeVar("S", bound=KindState)


class World:
    """One level in play: the core state every kind shares, and the kind's own (`state`).

    Build one with `game.sim.new_world(level, seed)`, which also sets up the kind.
    """

    def __init__(self, level: Level, seed: int | None = None):
        cfg = level.config
        self.level = level
        self.kind: str = cfg.level.kind
        self.seed = cfg.level.seed if seed is None else int(seed)
        self.rng = np.random.Generator(np.random.PCG64(self.seed))
        self.dt = DT
        self.steps = 0
        self.time_limit = cfg.level.time_limit
        self.noise = NoiseField(self.rng)

        self.bodies = Bodies()
        # the spec of the ship the player flies now (the escape hands over to the starship)
        self.spec = level.ship
        ship = level.ship
        start = cfg.player
        self.player = PlayerState(
            body=self.bodies.spawn(
                SHIP, start.x, start.y, start.vx, start.vy, math.radians(start.heading),
                ship.mass, ship.moment_of_inertia, ship.hull,
            ),
            probes_left=ship.probes,
            health={name: getattr(ship.systems, name).health for name in SYSTEMS},
            draw={name: 0.0 for name in SYSTEMS},
        )
        e = cfg.ellipse
        heading = math.radians(e.heading)
        self.ellipse = EllipseState(
            x=e.x, y=e.y, heading=heading, speed=0.0, semi_major=e.semi_major,
            semi_minor=e.semi_minor, eye_ratio=e.eye_ratio, surge_ref=heading,
        )
        self.surges = Surges()
        self.module = -1  # body index of the Ares IV where the level has her, else -1
        self.tractor = TractorLink()
        self.chunks = Chunks(0)  # sized by the kinds whose debris can hurt the ship
        self.state: KindState = KindState()  # replaced by the kind's set-up

        self.prev_commands: frozenset[str] = frozenset()
        self.outcome: Outcome | None = None
        self.score = 0.0
        self.last_hit_t = -1.0
        self.field_scratch: dict[Any, Any] = {}  # work arrays of game.sim.field, by array length
        self.events_total: dict[str, int] = {}

    def kind_state(self, cls: type[S]) -> S:
        """The kind's state, typed: `world.kind_state(SalvageState)`."""
        st = self.state
        if not isinstance(st, cls):
            raise TypeError(f"a {self.kind} level has no {cls.__name__}")
        return st

    # ------------------------------------------------------------ derived values
    @property
    def t(self) -> float:
        return self.steps * self.dt

    @property
    def time_left(self) -> float:
        return max(0.0, self.time_limit - self.t)

    @property
    def ship_index(self) -> int:
        return self.player.body

    def ship_pos(self) -> tuple[float, float]:
        p = self.bodies.pos[self.player.body]
        return float(p[0]), float(p[1])

    def elliptical_r2(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        """Squared elliptical radius of points in the ellipse's frame (1 = its surface)."""
        e = self.ellipse
        a, b = e.axes
        if a <= 0 or b <= 0:
            return np.full(np.shape(x), np.inf, np.float32)
        c, s = math.cos(e.heading), math.sin(e.heading)
        dx = np.asarray(x, np.float32) - np.float32(e.x)
        dy = np.asarray(y, np.float32) - np.float32(e.y)
        u = (dx * c + dy * s) / a
        v = (-dx * s + dy * c) / b
        return u * u + v * v

    def r2_at(self, x: float, y: float) -> float:
        """`elliptical_r2` of one point, in plain floats (cheaper than arrays for one)."""
        e = self.ellipse
        a, b = e.axes
        if a <= 0 or b <= 0:
            return math.inf
        c, s = math.cos(e.heading), math.sin(e.heading)
        dx, dy = float(x) - e.x, float(y) - e.y
        u = (dx * c + dy * s) / a
        v = (-dx * s + dy * c) / b
        return u * u + v * v

    def digest(self) -> str:
        """A hash of the whole simulated state, the kind's included: equal digests mean
        identical runs."""
        h = hashlib.sha256()
        for arr in (
            self.bodies.pos, self.bodies.vel, self.bodies.angle, self.bodies.spin,
            self.bodies.hull, self.bodies.alive, self.bodies.signature, self.chunks.pos,
            self.chunks.vel, self.surges.radius,
        ):
            h.update(np.ascontiguousarray(arr).tobytes())
        e = self.ellipse
        pl = self.player
        h.update(repr((e.x, e.y, e.heading, e.speed, e.scale, e.target, self.steps, self.score,
                       pl.dark, pl.polarity_reversed, pl.shield_mod, pl.tractor, pl.shields_down,
                       pl.body, sorted(pl.health.items()), dataclasses.astuple(self.tractor),
                       self.outcome)).encode())
        h.update(self.state.digest_bytes())
        h.update(self.rng.bit_generator.state["state"]["state"].to_bytes(16, "little"))
        return h.hexdigest()
