"""Level 3, dark matter: the unseen asteroid and the shock front of its collision.

The asteroid cannot be seen: it closes on the ellipse on a countdown, shown only
through the lensing of starlight and, from `contact_time`, as a sensor contact. Before
the contact the ellipse itself gives it away: small course changes toward it, each
sending a surge ring (`clue_surges`). When it strikes, a shock front expands from the
impact point: a radial push that decays with distance on every body and particle it
crosses, and, on the ship, systems knocked offline (which ones is the level's seed's
choice) and the tractor beam broken.

The impact comes on every road, as in the story. What the player did before it is
what counts: the module still on the beam with the shuttle in the surface band when
the front arrives is the best ending (won: she ends up close by for the salvage);
letting her go and getting clear, or being caught a little short of the band, is the
story ending (she ends up far away). The front hits harder the deeper below the surface
band it catches the ship (`shock.deep_hull_damage`, all of it at the eye's edge): caught
deep, the hull goes, and losing the hull is the loss, before the front or by it. The
summary's measures carry into the salvage: `module_distance`, `hull` and the `systems`
knocked out.

The race is against the impact's countdown: the kind's `clock` is the countdown left
when the tow first reached the surface band, so the balance report's time left of a
win says by how much the tow beat the asteroid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.sim.field import FieldSample, eye_ratio_now
from game.sim.kinds.base import BASIC, LevelKind, Measure
from game.sim.tractor import release
from game.sim.world import MODULE, SYSTEMS, Event, KindState, Outcome, World

F32 = np.float32
KNOCKABLE = ("engines", "shields", "sensors", "comms")
CLIMB_S = 1.5  # s: the time over which the readout averages the tow's outward pace
AT_SURFACE_WITH_MODULE = "at the surface with the module on the beam when the front hit"
CAUGHT_DEEP = "caught by the shock wave short of the surface, the module on the beam"
CAUGHT_ALONE = "caught by the shock wave, the module let go"


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
    contact: bool = False  # the sensors have found it
    clues_sent: int = 0  # course changes toward it so far
    towing_at_front: bool = False  # the module was on the beam when the front reached the ship
    band_at_front: bool = False  # ... and the ship was in the surface band
    band_reached_at: float = -1.0  # sim time the tow first reached the surface band
    climb: float = 0.0  # the ship's outward pace, elliptical radii per second, smoothed (`CLIMB_S`)
    last_r: float = -1.0  # the ship's elliptical radius at the last step (< 0: none yet)
    depth_at_front: float = 0.0  # how deep below the surface band the front caught the ship, 0..1


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
        _clues(world, ast, events)
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


def _clues(world: World, ast: AsteroidState, events: list[Event]) -> None:
    """Before the contact, the ellipse edges toward the unseen mass: a small course change
    and a surge ring, `clue_surges` times, evenly spread before `contact_time`."""
    a = world.level.config.asteroid
    if a is None:
        return
    if not ast.contact and world.t >= a.contact_time:
        ast.contact = True
        events.append(Event("contact", ast.x, ast.y))
    if ast.clues_sent >= a.clue_surges or a.contact_time <= 0:
        return
    due = a.contact_time * (ast.clues_sent + 1) / (a.clue_surges + 1)
    if world.t < due:
        return
    ast.clues_sent += 1
    e = world.ellipse
    toward = math.atan2(ast.y - e.y, ast.x - e.x)
    # swing the long axis a little toward the asteroid's bearing (either end of the axis)
    diff = (toward - e.heading + math.pi / 2) % math.pi - math.pi / 2
    e.heading += math.copysign(min(abs(diff), math.radians(a.clue_turn)), diff)
    e.surge_ref = e.heading
    e.last_surge = world.t
    world.surges.emit(e.x, e.y)
    events.append(Event("surge", e.x, e.y, float(ast.clues_sent)))


def in_surface_band(world: World) -> bool:
    if world.ellipse.presence < 1.0:  # while it surfaces its size is no measure (r is infinite at 0)
        return False
    sx, sy = world.ship_pos()
    band = world.level.config.shock.surface_band
    return float(world.elliptical_r2(sx, sy)) >= band * band


def front_eta(world: World) -> float:
    """Seconds until the shock front reaches the ship (0 once it has), as the sensors reckon it."""
    ast = asteroid_of(world)
    if ast is None:
        return math.inf
    if ast.hit_player_at >= 0:
        return 0.0
    speed = world.level.config.shock.speed
    sx, sy = world.ship_pos()
    if ast.impacted:
        return max(0.0, (math.hypot(sx - ast.shock_x, sy - ast.shock_y) - ast.shock_radius) / speed)
    left = countdown(world)
    ix, iy = ast.x + ast.vx * left, ast.y + ast.vy * left  # where it will strike
    return left + math.hypot(sx - ix, sy - iy) / speed


def tow_eta(world: World) -> float:
    """Seconds until the ship reaches the surface band at its present outward pace (0 when in
    it, inf when not climbing): the readout of whether the tow beats the front. The pace is
    averaged over `CLIMB_S`, so the flow's gusts do not throw the readout about."""
    sx, sy = world.ship_pos()
    band = world.level.config.shock.surface_band
    r = math.sqrt(float(world.elliptical_r2(sx, sy)))
    if r >= band:
        return 0.0
    ast = asteroid_of(world)
    pace = ast.climb if ast is not None else 0.0
    return (band - r) / pace if pace > 1e-4 else math.inf


def _track_climb(world: World, ast: AsteroidState, dt: float) -> None:
    """Average the ship's outward pace for the readout (`tow_eta`)."""
    if world.ellipse.presence < 1.0:
        return
    sx, sy = world.ship_pos()
    r = math.sqrt(world.r2_at(sx, sy))
    if ast.last_r >= 0.0 and math.isfinite(r):
        k = min(1.0, dt / CLIMB_S)
        ast.climb += ((r - ast.last_r) / dt - ast.climb) * k
    ast.last_r = r if math.isfinite(r) else -1.0


def depth_below_band(world: World) -> float:
    """How deep below the surface band the ship is: 0 in the band or beyond, 1 at the eye's edge
    and inside it."""
    sx, sy = world.ship_pos()
    band = world.level.config.shock.surface_band
    r = math.sqrt(world.r2_at(sx, sy))
    eye = eye_ratio_now(world)
    if r >= band:
        return 0.0
    return min(1.0, (band - r) / max(1e-6, band - eye))


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
    ast.towing_at_front = world.tractor.target >= 0 and world.tractor.target == world.module
    ast.band_at_front = ast.towing_at_front and in_surface_band(world)
    pl = world.player
    count = min(cfg.systems_knocked_out, len(KNOCKABLE))
    picks: list[int] = ([int(k) for k in world.rng.choice(len(KNOCKABLE), size=count, replace=False)]
                        if count else [])
    ast.knocked_out = sorted(KNOCKABLE[int(k)] for k in picks) + ["tractor"]
    for name in ast.knocked_out:
        if name in SYSTEMS:
            pl.health[name] = 0.0
    release(world, events, "beam_broken")
    # the front drives the shear layer before it as it runs inward: the deeper it catches
    # the ship, the harder it hits
    ast.depth_at_front = depth_below_band(world)
    b = world.bodies
    damage = cfg.hull_damage + cfg.deep_hull_damage * ast.depth_at_front
    b.hull[pl.body] = max(0.0, float(b.hull[pl.body]) - damage)
    events.append(Event("shock_hit", *world.ship_pos(), len(ast.knocked_out),
                        note=systems_phrase(ast.knocked_out)))


def systems_phrase(names: list[str]) -> str:
    """'Engines, shields and the tractor beam': the systems a front knocked out, for its caption."""
    words = [{"tractor": "the tractor beam"}.get(n, n) for n in names]
    if not words:
        return "Nothing"
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return text[0].upper() + text[1:]


def carried(world: World) -> dict[str, Measure]:
    """What this level hands on to the salvage: where the module ends up, the hull, the
    systems knocked out (`game.campaign.CARRIED`)."""
    ast = asteroid_of(world)
    shock = world.level.config.shock
    close = ast is not None and ast.band_at_front
    return {
        "module_distance": shock.module_close if close else shock.module_far,
        "hull": round(float(world.bodies.hull[world.player.body]), 2),
        "systems": list(ast.knocked_out) if ast is not None else [],
    }


class DarkMatter(LevelKind):
    name = "dark_matter"
    milestones = {
        "surge": "first surge",
        "contact": "contact",
        "surface_band": "surface band",
        "beam_released": "module dropped",
        "impact": "impact",
        "shock_hit": "shock front",
    }
    outcomes = ("won", "lost", "story")
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

    def update(self, world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float,
               events: list[Event]) -> None:
        ast = state(world).asteroid
        if ast is not None:
            _track_climb(world, ast, dt)
        if (ast is not None and ast.band_reached_at < 0 and ast.hit_player_at < 0
                and world.tractor.target >= 0 and world.tractor.target == world.module and in_surface_band(world)):
            ast.band_reached_at = world.t
            events.append(Event("surface_band", *world.ship_pos()))

    def judge(self, world: World, ship_r2: float) -> Outcome | None:
        hull = float(world.bodies.hull[world.player.body])
        ast = state(world).asteroid
        shock = world.level.config.shock
        if hull <= 0.0:
            before = ast is None or ast.hit_player_at < 0
            return Outcome("lost", "hull breached before the impact" if before else "hull breached by the front")
        if ast is not None and ast.hit_player_at >= 0:
            if world.t - ast.hit_player_at < shock.aftermath:
                return None
            if ast.band_at_front:
                return Outcome("won", AT_SURFACE_WITH_MODULE)
            return Outcome("story", CAUGHT_DEEP if ast.towing_at_front else CAUGHT_ALONE)
        if world.time_left <= 0.0:
            return Outcome("story", CAUGHT_DEEP if world.tractor.target >= 0 else CAUGHT_ALONE)
        return None

    def score(self, world: World) -> float:
        if world.outcome is None or world.outcome.result != "won":
            return 0.0
        sc = world.level.config.scoring
        hull = float(world.bodies.hull[world.player.body])
        return round(max(0.0, hull) * sc.per_hull + self.clock(world)[0] * sc.per_second_left + sc.module_out, 1)

    def clock(self, world: World) -> tuple[float, float]:
        """The race is against the impact: the countdown's seconds left when the tow reached
        the surface band (0 if it never did), of the whole countdown."""
        a = world.level.config.asteroid
        ast = state(world).asteroid
        if a is None or ast is None:
            return super().clock(world)
        left = max(0.0, a.impact_time - ast.band_reached_at) if ast.band_reached_at >= 0 else 0.0
        return left, a.impact_time

    def measures(self, world: World) -> dict[str, Measure]:
        return carried(world)


KIND = DarkMatter()
