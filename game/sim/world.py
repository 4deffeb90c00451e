"""The state of a level in play: struct-of-arrays for bodies and particles, timers, rng.

A `World` is plain data. Only `game.sim.step.step` changes it; renderers, audio and
the autopilot read it. All randomness comes from `world.rng`, one generator seeded
by the level's seed, so the same seed and commands give the same run.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

import numpy as np

from game.levels import Level
from game.sim.noise import NoiseField

DT = 1.0 / 120.0  # the fixed simulation step, seconds

# body kinds (RESCUER: the starship that comes for the shuttle in the escape)
SHIP, PROBE, MODULE, RESCUER = 0, 1, 2, 3
# particle kinds
MOTE, EXHAUST, SPARK, DEBRIS, CHUNK = 0, 1, 2, 3, 4

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


class Particles:
    """Motes, exhaust and sparks: thousands of points moved by the field at once."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.pos = np.zeros((capacity, 2), np.float32)
        self.vel = np.zeros((capacity, 2), np.float32)
        self.life = np.zeros(capacity, np.float32)  # seconds left; <= 0 is a free slot
        self.kind = np.zeros(capacity, np.int8)
        self.next_free = 0  # ring cursor for short-lived particles


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
class ProbeState:
    body: int = -1
    buffered: float = 0.0  # telemetry gathered, not yet received, %
    returned: float = 0.0  # telemetry received by the ship, %
    gathering: bool = False
    linked: bool = False
    launched: int = 0


class Samples:
    """Collectible pieces drifting in the eye: name, score value, where they are."""

    def __init__(self, count: int):
        self.pos = np.zeros((count, 2), np.float32)
        self.vel = np.zeros((count, 2), np.float32)
        self.collected = np.zeros(count, bool)
        self.collected_at = np.full(count, -1.0)


@dataclass(slots=True)
class ScanState:
    """The sensor sweep for the module: progress 0..1, echoes that tighten as it grows."""

    progress: float = 0.0
    found: bool = False
    next_echo: float = 0.0
    signal: float = 0.0  # hot/cold: 0 cold .. 1 on top of it
    echoes: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, time
    module: int = -1  # body index of the module, -1 where the level has none


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
class AsteroidState:
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
class Outcome:
    result: str  # won / lost / timeout / story
    reason: str


class World:
    """One level in play."""

    def __init__(self, level: Level, seed: int | None = None):
        cfg = level.config
        self.level = level
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
        self.probe = ProbeState()

        p = cfg.particles
        d = cfg.debris
        self.particles = Particles(p.motes + d.count + p.exhaust)
        # slots: [0, motes) motes, then debris (chunks first), then a ring for exhaust
        self.debris_start = p.motes
        self.chunk_end = p.motes + min(d.chunks, d.count)
        self.exhaust_start = p.motes + d.count
        self.exhaust_debt = 0.0
        from game.sim.particles import seed_motes  # local: particles imports world

        seed_motes(self)
        self.samples = Samples(len(cfg.samples))
        self.scan = ScanState()
        self.tractor = TractorLink()
        self.asteroid: AsteroidState | None = None
        self.data = 0.0  # data gathered (the prologue's imager, survival's sensors), %
        # state of the level kinds that have their own (set by their set-up hooks)
        self.salvage = None
        self.escape = None
        self.prologue = None
        self.survival = None
        from game.sim.kinds import set_up  # local: the kinds import this module

        set_up(self)

        self.prev_commands: frozenset[str] = frozenset()
        self.outcome: Outcome | None = None
        self.score = 0.0
        self.last_hit_t = -1.0
        self.field_scratch: dict = {}  # work arrays of game.sim.field, by array length
        self.events_total: dict[str, int] = {}

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

    def elliptical_r2(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
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

    def digest(self) -> str:
        """A hash of the whole simulated state: equal digests mean identical runs."""
        h = hashlib.sha256()
        for arr in (
            self.bodies.pos, self.bodies.vel, self.bodies.angle, self.bodies.spin,
            self.bodies.hull, self.bodies.alive, self.particles.pos, self.particles.vel,
            self.particles.life, self.surges.radius,
        ):
            h.update(np.ascontiguousarray(arr).tobytes())
        e = self.ellipse
        h.update(repr((e.x, e.y, e.heading, e.speed, e.scale, self.steps, self.score,
                       self.probe.returned, self.player.dark, self.player.polarity_reversed)
                      ).encode())
        h.update(self.rng.bit_generator.state["state"]["state"].to_bytes(16, "little"))
        return h.hexdigest()
