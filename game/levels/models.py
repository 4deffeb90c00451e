"""Typed, validated configuration for every level file.

Every tunable of the game lives here once: its default, its unit and its range.
The level files in `levels/` override the defaults; pydantic checks them and the
loader turns its complaints into `PATH: key.path: reason` lines. Nothing here
imports pygame; the simulation reads these models directly.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator

# Numbers as the game reads them: no `true` for 1, no "3" for 3, never NaN or infinity
# (Section sets allow_inf_nan=False). An integer is a fine number; a float is not a count.
Number = Annotated[float, Strict()]
Count = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]
Byte = Annotated[int, Strict(), Field(ge=0, le=255)]
# outline points, in hull lengths from the ship's centre
OutlineCoord = Annotated[float, Strict(), Field(ge=-4, le=4)]
MAX_SEED = 2**31  # seeds run 0..MAX_SEED: in level files, on the command line and in recordings
MIN_OUTLINE_AREA = 0.01  # hull lengths^2: less is a line or a point, nothing to draw or hit


def tunable(default: Any, unit: str, doc: str, **bounds: Any) -> Any:
    """A documented field: default, unit and range, shown in the schema and reference."""
    return Field(default, description=f"{doc} [{unit}]", json_schema_extra={"unit": unit}, **bounds)


class Section(BaseModel):
    """Base of every table: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


# ---------------------------------------------------------------- ships.toml


class SystemSpec(Section):
    draw: Number = tunable(10.0, "MW", "Power drawn when the system is on", ge=0, le=500)
    health: Number = tunable(100.0, "%", "Starting health of the system", ge=0, le=100)


class ShipSystems(Section):
    engines: SystemSpec = SystemSpec(draw=40.0)
    shields: SystemSpec = SystemSpec(draw=25.0)
    sensors: SystemSpec = SystemSpec(draw=10.0)
    tractor: SystemSpec = SystemSpec(draw=20.0)
    comms: SystemSpec = SystemSpec(draw=8.0)


class ShipSpec(Section):
    name: str = Field("Ship", description="Name shown on the HUD and in captions")
    mass: Number = tunable(700.0, "t", "Mass of the hull", ge=1, le=1e6)
    moment_of_inertia: Number = tunable(
        90000.0, "t*m^2", "Resistance to being spun", ge=1, le=1e9
    )
    thrust: Number = tunable(42000.0, "kN", "Main engine thrust at full power", ge=0, le=1e7)
    reverse_thrust: Number = tunable(21000.0, "kN", "Retro thrust at full power", ge=0, le=1e7)
    thruster_thrust: Number = tunable(
        4000.0, "kN", "Manoeuvring thruster thrust (works with engines down)", ge=0, le=1e7
    )
    turn_torque: Number = tunable(
        180000.0, "kN*m", "Torque of the rotation thrusters", ge=0, le=1e9
    )
    max_turn_rate: Number = tunable(
        150.0, "deg/s", "Rotation rate the stabiliser will not exceed", gt=0, le=1080
    )
    linear_damping: Number = tunable(
        0.18, "1/s", "Inertial dampers: fraction of velocity bled off per second", ge=0, le=5
    )
    length: Number = tunable(60.0, "m", "Length of the hull, for drawing and collisions", ge=1, le=2000)
    min_screen_size: Number = tunable(
        22.0, "px", "Smallest size the ship is drawn at when the camera zooms out", ge=4, le=200
    )
    hull: Number = tunable(100.0, "%", "Hull integrity at the start", gt=0, le=1000)
    reactor_output: Number = tunable(
        100.0, "MW", "Reactor output shared among the systems", gt=0, le=5000
    )
    life_support_draw: Number = tunable(
        6.0, "MW", "Power life support always draws; the signature of a dark ship", ge=0, le=500
    )
    polarity_signature_factor: Number = tunable(
        0.35, "x", "Multiplier on the EM signature while shield polarity is reversed", ge=0, le=1
    )
    shield_absorb: Number = tunable(
        0.6, "fraction", "Share of hull damage the shields absorb when up", ge=0, le=1
    )
    probes: Count = tunable(3, "count", "Probes carried", ge=0, le=20)
    shield_mod_draw: Number = tunable(
        0.0, "MW", "Extra power the modified shields draw (0: the ship has no modification)",
        ge=0, le=500,
    )
    shield_mod_absorb: Number = tunable(
        0.92, "fraction", "Share of shear-band damage the modified shields absorb", ge=0, le=1
    )
    scan_draw: Number = tunable(
        12.0, "MW", "Extra power the sensors draw while sweeping", ge=0, le=500
    )
    tractor_range: Number = tunable(60.0, "m", "Reach of the tractor beam for samples", ge=0, le=1e4)
    collision_radius: Number = tunable(
        12.0, "m", "Radius of the hull for collisions with debris", gt=0, le=1e4
    )
    color: tuple[Byte, Byte, Byte] = Field((120, 220, 255), description="Glow colour (RGB 0-255)")
    outline: list[tuple[OutlineCoord, OutlineCoord]] = Field(
        default_factory=lambda: [(1.0, 0.0), (-0.6, 0.45), (-0.35, 0.0), (-0.6, -0.45)],
        description="Hull outline, in hull lengths (-4 to 4); nose along +x; it must enclose an area",
        min_length=3, max_length=64,
    )
    systems: ShipSystems = ShipSystems()

    @field_validator("outline")
    @classmethod
    def _outline_has_an_area(cls, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
        twice_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))
        if not abs(twice_area) / 2 >= MIN_OUTLINE_AREA:
            raise ValueError(f"the points must enclose an area of at least {MIN_OUTLINE_AREA} square hull "
                             "lengths (they lie on a line or on top of each other)")
        return pts


class ProbeSpec(Section):
    mass: Number = tunable(2.0, "t", "Probe mass", ge=0.1, le=1000)
    hull: Number = tunable(100.0, "%", "Probe hull integrity", gt=0, le=1000)
    launch_speed: Number = tunable(
        160.0, "m/s", "Speed added along the launcher's nose at launch", ge=0, le=5000
    )
    em_signature: Number = tunable(
        140.0, "MW", "EM signature of the probe: it is a decoy", ge=0, le=5000
    )
    thrust_accel: Number = tunable(
        0.0, "m/s^2", "Acceleration of the probe's own motor along its course", ge=0, le=500
    )
    length: Number = tunable(14.0, "m", "Size of the probe, for drawing", ge=1, le=500)
    reload_s: Number = tunable(2.0, "s", "Time between two launches", ge=0, le=120)


class ShipsFile(Section):
    ships: dict[str, ShipSpec] = Field(description="Ship specs by id")
    probe: ProbeSpec = ProbeSpec()


# ---------------------------------------------------------------- level files


LevelKind = Literal["prologue", "anomaly", "eye", "dark_matter", "salvage", "escape", "survival"]
KINDS: tuple[str, ...] = typing.get_args(LevelKind)

# The optional tables of a level file that a level of each kind cannot run without.
# One entry per kind; `check` reports a missing one as `PATH: TABLE: ...`.
KIND_TABLES: dict[str, tuple[str, ...]] = {
    "prologue": ("prologue",),
    "anomaly": (),
    "eye": (),
    "dark_matter": ("asteroid",),
    "salvage": ("salvage",),
    "escape": ("escape",),
    "survival": ("survival",),
}
assert set(KIND_TABLES) == set(KINDS), "KIND_TABLES needs one entry per level kind"

# Kinds whose story starts outside the ellipse (the others start in its core).
STARTS_OUTSIDE: frozenset[str] = frozenset({"prologue", "anomaly", "eye", "survival"})


class LevelInfo(Section):
    id: str = Field(description="Level id (the file name without .toml)", min_length=1)
    title: str = Field(description="Title shown on the title card and results", min_length=1)
    subtitle: str = Field("", description="Line under the title")
    kind: LevelKind = Field(
        description="Which rules decide how the level is won"
    )
    player_ship: str = Field(description="Ship id from ships.toml that the player flies")
    seed: Count = tunable(1, "-", "Default seed of the level's random generator", ge=0, le=MAX_SEED)
    time_limit: Number = tunable(
        240.0, "s", "Level timer: the ellipse's return to subspace", gt=0, le=3600
    )
    briefing: str = Field("", description="Briefing text shown before the level")
    objectives: list[str] = Field(default_factory=list, description="Objective lines")


class StartState(Section):
    x: Number = tunable(0.0, "m", "Start position, x", ge=-1e6, le=1e6)
    y: Number = tunable(0.0, "m", "Start position, y (down is +y)", ge=-1e6, le=1e6)
    heading: Number = tunable(0.0, "deg", "Nose direction; 0 points right, 90 down", ge=-360, le=360)
    vx: Number = tunable(0.0, "m/s", "Start velocity, x", ge=-1e4, le=1e4)
    vy: Number = tunable(0.0, "m/s", "Start velocity, y", ge=-1e4, le=1e4)


class EllipseConfig(Section):
    x: Number = tunable(3000.0, "m", "Where the ellipse surfaces, x", ge=-1e6, le=1e6)
    y: Number = tunable(0.0, "m", "Where the ellipse surfaces, y", ge=-1e6, le=1e6)
    heading: Number = tunable(180.0, "deg", "Initial course (the long axis)", ge=-360, le=360)
    semi_major: Number = tunable(1300.0, "m", "Half the long axis", gt=10, le=1e5)
    semi_minor: Number = tunable(750.0, "m", "Half the short axis", gt=10, le=1e5)
    eye_ratio: Number = tunable(
        0.55, "fraction", "Elliptical radius of the calm eye (the band is eye..1)", gt=0.05, lt=0.98
    )
    emerge_delay: Number = tunable(4.0, "s", "Time before the ellipse starts to surface", ge=0, le=600)
    emerge_time: Number = tunable(6.0, "s", "Time the ellipse takes to surface", gt=0, le=120)
    melt_time: Number = tunable(
        20.0, "s", "Before the timer ends: the ellipse shrinks and its shear thickens", ge=0, le=600
    )
    melt_scale: Number = tunable(
        0.55, "fraction", "Size left when the timer reaches zero", gt=0, le=1
    )
    top_speed: Number = tunable(190.0, "m/s", "Fastest the ellipse moves", ge=0, le=1e4)
    accel: Number = tunable(28.0, "m/s^2", "How fast it gains or loses speed", ge=0, le=1e4)
    cruise_speed: Number = tunable(
        40.0, "m/s", "Speed it drifts at when it senses nothing", ge=0, le=1e4
    )
    turn_rate: Number = tunable(22.0, "deg/s", "How fast it can change course", ge=0, le=720)
    sense_threshold: Number = tunable(
        2.0e-6, "MW/m^2", "Weakest signal (signature / distance^2) it notices", ge=0, le=1
    )
    sense_softening: Number = tunable(
        400.0, "m", "Softens signature/distance^2 so a source inside does not blow up", gt=0, le=1e5
    )
    surge_threshold: Number = tunable(
        25.0, "deg", "Course change that sends out a gravimetric surge", gt=0, le=360
    )
    surge_speed: Number = tunable(900.0, "m/s", "Speed of the surge ring", gt=0, le=1e5)
    surge_width: Number = tunable(160.0, "m", "Thickness of the surge ring", gt=0, le=1e5)
    surge_impulse: Number = tunable(
        90.0, "m/s^2", "Radial push of the surge ring on what it crosses", ge=0, le=1e4
    )
    surge_range: Number = tunable(6000.0, "m", "Distance at which the ring has faded", gt=0, le=1e6)
    surge_damage: Number = tunable(4.0, "%/s", "Hull damage while the ring crosses a ship", ge=0, le=1000)
    surge_every: Number = tunable(
        0.0, "s", "Time between two surges the restless core sends out on its own (0: only on "
        "course changes)", ge=0, le=600,
    )
    surge_every_end: Number = tunable(
        0.0, "s", "Time between those surges when the timer reaches zero (0: as surge_every); "
        "the interval shrinks steadily toward it", ge=0, le=600,
    )


class FieldConfig(Section):
    pull_surface: Number = tunable(
        9.0, "m/s^2", "Pull toward the ellipse at its surface; falls off as 1/r^2", ge=0, le=1e4
    )
    pull_softening: Number = tunable(
        0.3, "fraction", "Softening of the pull, in elliptical radii", ge=0, le=10
    )
    shear_flow: Number = tunable(
        420.0, "m/s", "Speed of the tangential flow in the middle of the shear band", ge=0, le=1e5
    )
    shear_coupling: Number = tunable(
        1.6, "1/s", "How hard the band drags a body toward its flow", ge=0, le=100
    )
    shear_inward: Number = tunable(
        30.0, "m/s^2", "Inward pull inside the shear band", ge=0, le=1e4
    )
    eye_coupling: Number = tunable(
        0.25, "1/s", "How gently the calm eye carries bodies along with the ellipse", ge=0, le=100
    )
    eye_swirl: Number = tunable(
        0.0, "m/s", "Slow orbital drift at the edge of the calm eye (debris orbits)", ge=-1e4, le=1e4
    )
    turbulence: Number = tunable(
        0.9, "fraction", "Strength of the turbulence relative to the flow", ge=0, le=5
    )
    turbulence_scale: Number = tunable(
        260.0, "m", "Size of the turbulent eddies", gt=1, le=1e5
    )
    turbulence_rate: Number = tunable(
        0.7, "1/s", "How fast the turbulence changes", ge=0, le=100
    )
    shear_damage: Number = tunable(
        0.09, "%/s per m/s", "Hull damage per m/s of speed against the band's flow", ge=0, le=100
    )
    shear_safe_speed: Number = tunable(
        40.0, "m/s", "Speed against the flow that does no damage", ge=0, le=1e4
    )
    shear_wear: Number = tunable(
        0.0, "%/s", "Steady hull loss of the player's ship in the shear band, however it rides the "
        "flow (modified shields hold off the same share as of the shear damage)", ge=0, le=100
    )
    engulf_ratio: Number = tunable(
        0.8, "fraction", "Elliptical radius inside which a powered starship is engulfed", gt=0, le=1
    )
    dark_coupling_factor: Number = tunable(
        0.15,
        "x",
        "Multiplier on the band's grip on a dark ship with reversed polarity",
        ge=0,
        le=1,
    )


class ParticleConfig(Section):
    motes: Count = tunable(6000, "count", "Luminescent motes carried in the ellipse", ge=0, le=400000)
    exhaust: Count = tunable(1500, "count", "Pool of exhaust and spark particles", ge=0, le=100000)
    exhaust_rate: Number = tunable(240.0, "1/s", "Exhaust particles per second at full thrust", ge=0, le=1e5)
    exhaust_speed: Number = tunable(220.0, "m/s", "Exhaust speed relative to the ship", ge=0, le=1e5)
    exhaust_life: Number = tunable(0.9, "s", "Lifetime of an exhaust particle", gt=0, le=60)


class ProbeObjective(Section):
    telemetry_required: Number = tunable(
        100.0, "%", "Telemetry that must reach the ship to win", gt=0, le=1000
    )
    telemetry_rate: Number = tunable(
        7.0, "%/s", "Telemetry the probe gathers per second while inside the ellipse", gt=0, le=1000
    )
    eye_bonus: Number = tunable(
        2.0, "x", "Multiplier on the telemetry rate while the probe is in the calm eye", ge=1, le=20
    )
    comms_range: Number = tunable(
        4500.0, "m", "Distance over which the ship's comms receive the probe", gt=0, le=1e6
    )
    downlink_rate: Number = tunable(
        25.0, "%/s", "Fastest the ship's comms receive buffered telemetry", gt=0, le=1000
    )
    signal_fade: Number = tunable(
        0.0, "s", "The ellipse feeds on the probe: time constant of its EM signal's fall while "
        "inside (0: it never fades)", ge=0, le=600
    )
    signal_recover: Number = tunable(
        6.0, "s", "Time constant of the probe's signal coming back while it is silent or outside the ellipse",
        gt=0, le=600
    )
    signal_floor: Number = tunable(
        0.0, "fraction", "Drained below this share of its signal, the probe's beacon cuts out (0: never)",
        ge=0, le=1
    )
    signal_restart: Number = tunable(
        0.5, "fraction", "Share of its signal the probe must recover before a cut-out beacon comes back",
        ge=0, le=1
    )
    homing_accel: Number = tunable(
        0.0, "m/s^2", "Outside the calm eye, the probe's motor steers it toward the ellipse's centre "
        "this hard (0: it drifts)", ge=0, le=500
    )
    hunger_pace: Number = tunable(
        1.0, "x", "Once it has fed on a probe, multiplier on the ellipse's top speed, acceleration and "
        "turn rate while it hunts the ship", ge=1, le=5
    )
    dying_burst: bool = tunable(
        False, "true/false", "As its beacon dies the probe sends everything it holds in one burst: a lit "
        "ship within comms range catches it, otherwise it is lost (false: the probe keeps it)"
    )
    feed_rate: Number = tunable(
        0.0, "%/s", "Once it has fed on a probe, hull damage per second while the ellipse holds the ship lit "
        "(it feeds on the reactor through the hull; dark, it cannot; 0: never)", ge=0, le=1000
    )


class DebrisConfig(Section):
    count: Count = tunable(0, "count", "Debris particles drifting in slow orbits in the eye", ge=0, le=400000)
    chunks: Count = tunable(
        0, "count", "Of those, larger tumbling chunks that damage a hull they hit", ge=0, le=5000
    )
    chunk_radius: Number = tunable(14.0, "m", "Size of a chunk, for collisions and drawing", gt=0, le=1e4)
    chunk_damage: Number = tunable(
        0.12, "% per m/s", "Hull damage per m/s of impact speed with a chunk", ge=0, le=100
    )
    chunk_safe_speed: Number = tunable(
        25.0, "m/s", "Impact speed with a chunk that does no damage", ge=0, le=1e4
    )
    inner_ratio: Number = tunable(
        0.15, "fraction", "Innermost orbit of the debris, in eye radii", ge=0, le=1
    )


class SampleSpec(Section):
    name: str = Field(description="Name shown when collected", min_length=1)
    description: str = Field("", description="What it is, shown on the result screen")
    value: Number = tunable(100.0, "points", "Score for collecting it", ge=0, le=1e6)
    radius: Number = tunable(
        0.6, "fraction", "Where it drifts: elliptical radius, in eye radii", ge=0, le=1
    )
    angle: Number = tunable(0.0, "deg", "Where it drifts: angle around the eye", ge=-360, le=360)
    guards: Count = tunable(
        0, "count", "Debris chunks of the eye's own that drift in a knot round it", ge=0, le=200
    )
    guard_radius: Number = tunable(
        90.0, "m", "How far round the sample its knot of chunks is scattered", ge=0, le=2000
    )


class ModuleConfig(Section):
    name: str = Field("Ares IV", description="Name of the module on the HUD")
    mass: Number = tunable(180.0, "t", "Mass of the module (for the tractor beam)", ge=1, le=1e6)
    length: Number = tunable(34.0, "m", "Length of the module, for drawing", ge=1, le=2000)
    min_radius: Number = tunable(
        0.3, "fraction", "Closest to the centre it can lie, in eye radii", ge=0, le=1
    )
    max_radius: Number = tunable(
        0.8, "fraction", "Farthest from the centre it can lie, in eye radii", ge=0, le=1
    )
    reach_radius: Number = tunable(
        90.0, "m", "How close the ship must come to reach it", gt=0, le=1e5
    )


class ScanConfig(Section):
    """The eye's sensor sweep: a short-range scanner whose echoes must be followed."""

    sweep_time: Number = tunable(
        8.0, "s", "Scanning time that fixes the module, held at the edge of the lock range",
        gt=0, le=600
    )
    near_bonus: Number = tunable(
        3.0, "x", "How much faster the fix grows right next to the module", ge=1, le=100
    )
    decay_time: Number = tunable(
        15.0, "s", "Time a full fix takes to fade while the ship is out of lock range or not scanning",
        gt=0, le=600
    )
    echo_period: Number = tunable(0.5, "s", "Time between two sensor echoes", gt=0, le=60)
    scan_range: Number = tunable(
        600.0, "m", "Reach of the scanner: beyond it the module returns no echo", gt=0, le=1e6
    )
    lock_range: Number = tunable(
        200.0, "m", "The fix grows only while the module is this close", gt=0, le=1e6
    )
    steady_speed: Number = tunable(
        15.0, "m/s", "The fix grows only while the ship moves no faster than this against the eye's drift",
        gt=0, le=1e4
    )
    bearing_noise: Number = tunable(
        20.0, "deg", "Scatter of an echo's bearing at the edge of the scanner's reach", ge=0, le=180
    )
    range_noise: Number = tunable(
        0.35, "fraction", "Scatter of an echo's distance at the edge of the reach, as a share of it",
        ge=0, le=2
    )


class EddyConfig(Section):
    """Eddies in the calm eye that buffet the shuttle (the eye level): the push a pilot
    must keep answering while holding station over the module."""

    accel: Number = tunable(
        0.0, "m/s^2", "Strongest push of an eddy on the ship inside the eye (0: none)", ge=0, le=1000
    )
    scale: Number = tunable(200.0, "m", "Size of the eddies", gt=1, le=1e5)
    rate: Number = tunable(0.6, "1/s", "How fast the eddies change", ge=0, le=100)


class TractorConfig(Section):
    locks_module: Flag = Field(False, description="The beam can lock onto the module in this level")
    locked_at_start: Flag = Field(False, description="The beam holds the module when the level starts")
    rest_length: Number = tunable(70.0, "m", "Length of the beam at rest", gt=0, le=1e4)
    stiffness: Number = tunable(900.0, "kN/m", "Spring stiffness of the beam", gt=0, le=1e7)
    damping: Number = tunable(600.0, "kN*s/m", "Damping along the beam", ge=0, le=1e7)
    break_tension: Number = tunable(
        9000.0, "kN", "Tension at which the beam breaks", gt=0, le=1e8
    )
    lock_range: Number = tunable(
        120.0, "m", "How close the module must be for the beam to lock on", gt=0, le=1e4
    )
    attach_offset: Number = tunable(
        0.5, "hull lengths", "Where the beam leaves the hull, behind the centre", ge=0, le=2
    )


class AsteroidConfig(Section):
    impact_time: Number = tunable(
        60.0, "s", "Countdown to the dark-matter asteroid hitting the ellipse", gt=0, le=3600
    )
    bearing: Number = tunable(
        200.0, "deg", "Direction from the ellipse the asteroid comes from", ge=-360, le=360
    )
    start_distance: Number = tunable(
        9000.0, "m", "Distance from the ellipse's surface at the start", gt=0, le=1e7
    )
    lens_radius: Number = tunable(
        420.0, "m", "Radius of the starlight it visibly bends", gt=0, le=1e5
    )
    sensor_range: Number = tunable(
        1e6, "m", "Range at which the sensors show it as a contact", gt=0, le=1e8
    )
    contact_time: Number = tunable(
        0.0, "s", "When the sensors first find the contact (before it: only the ellipse's surges hint at it)",
        ge=0, le=3600,
    )
    clue_surges: Count = tunable(
        0, "count", "Small course changes of the ellipse toward the unseen asteroid before the contact, "
        "each sending a surge ring", ge=0, le=20,
    )
    clue_turn: Number = tunable(
        1.5, "deg", "How far the ellipse's course swings toward the asteroid at each clue surge", ge=0, le=45
    )


class ShockConfig(Section):
    speed: Number = tunable(700.0, "m/s", "Speed of the expanding shock front", gt=0, le=1e6)
    width: Number = tunable(220.0, "m", "Thickness of the front", gt=0, le=1e5)
    impulse: Number = tunable(
        260.0, "m/s^2", "Radial push of the front where it starts", ge=0, le=1e6
    )
    decay: Number = tunable(
        4000.0, "m", "Distance over which the push falls to a third", gt=0, le=1e7
    )
    systems_knocked_out: Count = tunable(
        3, "count", "Systems (besides the tractor) the front knocks offline, chosen by the seed",
        ge=0, le=4,
    )
    hull_damage: Number = tunable(12.0, "%", "Hull damage when the front hits the ship", ge=0, le=100)
    deep_hull_damage: Number = tunable(
        0.0, "%", "Extra hull damage when the front catches the ship below the surface band, growing "
        "with depth: none at the band, all of it at the eye's edge and inside the eye", ge=0, le=200,
    )
    aftermath: Number = tunable(
        5.0, "s", "Time the level runs on after the front hits the ship", ge=0, le=60
    )
    exit_ratio: Number = tunable(
        1.12, "fraction", "Outer edge of the surface band (elliptical radius; the goal ring drawn)", gt=1, le=5
    )
    surface_band: Number = tunable(
        0.9, "fraction", "Elliptical radius from which a tow counts as at the surface when the front "
        "arrives (the best ending)", gt=0, le=5
    )
    module_close: Number = tunable(
        350.0, "m", "Where the module ends up from the shuttle when she was on the beam at the surface "
        "band as the front hit (the salvage's start)", gt=0, le=1e5
    )
    module_far: Number = tunable(
        900.0, "m", "Where the module ends up from the shuttle otherwise (let go, or caught deep)",
        gt=0, le=1e5
    )


class SalvageConfig(Section):
    """Level 4: the crippled shuttle closes on the module, a crew member beams across."""

    engines_health: Number = tunable(
        0.0, "%", "Health of the shuttle's engines at the start (0: thrusters only)", ge=0, le=100
    )
    shields_health: Number = tunable(
        35.0, "%", "Health of the emergency shields at the start (0: none)", ge=0, le=100
    )
    hull_leak: Number = tunable(0.25, "%/s", "Hull the crippled shuttle loses every second", ge=0, le=100)
    min_carried_hull: Number = tunable(
        40.0, "%", "Least hull the shuttle starts with when dark matter's hull carries over", ge=1, le=100
    )
    knocked_out_health: Number = tunable(
        0.0, "%", "Health at the start of the systems the shock front knocked out in dark matter", ge=0, le=100
    )
    module_distance: Number = tunable(
        900.0, "m", "Distance from the shuttle's start to the module", gt=0, le=1e5
    )
    module_bearing: Number = tunable(
        -60.0, "deg", "Direction from the shuttle to the module at the start", ge=-360, le=360
    )
    transporter_range: Number = tunable(
        150.0, "m", "Farthest the shuttle can be from the module to beam across", gt=0, le=1e4
    )
    beam_time: Number = tunable(4.0, "s", "Time one transport takes (the level timer runs on)", gt=0, le=120)
    station_keeping: Number = tunable(
        0.6, "fraction", "The shuttle holds within this share of transporter range while the crew "
        "member is aboard", ge=0.1, le=1,
    )
    cabin_length: Number = tunable(30.0, "m", "Length of the module's cabin", gt=4, le=500)
    cabin_height: Number = tunable(5.0, "m", "Height of the module's cabin", gt=1, le=100)
    suit_accel: Number = tunable(3.0, "m/s^2", "Acceleration of the suit's thrusters", gt=0, le=100)
    suit_damping: Number = tunable(1.2, "1/s", "How fast the suit's stabiliser bleeds off speed", ge=0, le=20)
    reach: Number = tunable(1.4, "m", "How close the suited figure must be to use a station", gt=0, le=50)
    lamp_range: Number = tunable(9.0, "m", "Reach of the suit lamp's beam in the dark cabin", gt=0, le=100)
    power_time: Number = tunable(3.0, "s", "Holding time to bring the old computer core up", gt=0, le=120)
    log_time: Number = tunable(6.0, "s", "Download time of one log entry", gt=0, le=120)
    cut_rate: Number = tunable(
        0.09, "1/s", "Share of the weld seam cut per second while the torch is on it", gt=0, le=10
    )
    seam_wander: Number = tunable(
        0.7, "m", "How far the fused seam wanders up and down along the cut", ge=0, le=5
    )
    seam_tolerance: Number = tunable(
        0.22, "m", "How close to the seam the torch must stay to cut", gt=0, le=5
    )
    torch_speed: Number = tunable(1.3, "m/s", "How fast the torch moves across the seam", gt=0, le=20)
    heat_rate: Number = tunable(
        0.45, "1/s", "How fast the torch overheats while burning beside the seam", ge=0, le=20
    )
    cool_rate: Number = tunable(0.3, "1/s", "How fast the torch cools when not burning", gt=0, le=20)
    seam_cool: Number = tunable(
        0.05, "fraction", "Share of cool_rate the torch still sheds while it cuts on the seam", ge=0, le=1
    )
    relight_heat: Number = tunable(
        0.35, "fraction", "Heat an overheated torch must cool to before it lights again", ge=0, lt=1
    )
    jolt: Number = tunable(
        0.5, "m", "How far a surge crossing the module throws the torch off the seam", ge=0, le=5
    )
    jolt_kick: Number = tunable(
        1.6, "m/s", "Most speed a surge crossing the module throws at the suited figure", ge=0, le=50
    )


class LogEntry(Section):
    title: str = Field(description="Heading of the entry (the pilot's day)", min_length=1)
    text: str = Field(description="The entry, as the pilot recorded it", min_length=1)


class EscapeConfig(Section):
    """Level 5: out of the melting ellipse on fluctuating power, then the starship's beam."""

    power_floor: Number = tunable(
        0.35, "fraction", "Least engine output the fluctuating power gives", ge=0, le=1
    )
    power_rate: Number = tunable(0.6, "1/s", "How fast the engine output fluctuates", gt=0, le=50)
    surge_interval_start: Number = tunable(
        9.0, "s", "Time between two surges from the core at the start", gt=0, le=600
    )
    surge_interval_end: Number = tunable(
        2.5, "s", "Time between two surges when the ellipse is about to vanish", gt=0, le=600
    )
    starship_standoff: Number = tunable(
        1.25, "fraction", "Elliptical radius the starship dares to come to", gt=1, le=5
    )
    starship_speed: Number = tunable(160.0, "m/s", "Fastest the starship closes in", gt=0, le=1e4)
    starship_accel: Number = tunable(
        30.0, "m/s^2", "How hard the starship's own helm accelerates while it closes in", gt=0, le=1e4
    )
    starship_start: Number = tunable(
        2.6, "x", "Where the starship waits at the start, in the ellipse's semi-major axes from its centre",
        gt=1, le=100,
    )
    lock_range: Number = tunable(
        420.0, "m", "Reach of the starship's tractor beam", gt=0, le=1e5
    )
    lock_depth: Number = tunable(
        0.86, "fraction", "Elliptical radius the shuttle must reach (just beneath the surface) "
        "for the lock", gt=0, lt=1,
    )
    reel_speed: Number = tunable(
        25.0, "m/s", "How fast the starship's beam reels the shuttle in from where it locked",
        ge=0, le=1e4,
    )
    relock_delay: Number = tunable(
        1.5, "s", "Time after the beam slips before it can take hold again", ge=0, le=60
    )
    tow_pull: Number = tunable(
        14.0, "m/s^2", "The collapsing ellipse's pull on what its beam holds, at the surface",
        ge=0, le=1e4,
    )
    clear_ratio: Number = tunable(
        1.5, "fraction", "Elliptical radius both ships must pass to be clear", gt=1, le=10
    )
    gust_every: Number = tunable(
        4.0, "s", "Mean time from the end of one shear gust on the towed shuttle to the next "
        "(each gap is drawn between 0.6 and 1.4 times it)", gt=0, le=600,
    )
    gust_rise: Number = tunable(
        0.6, "s", "How long a gust takes to build up to full (and to die away again)", gt=0, le=60
    )
    gust_hold: Number = tunable(
        1.0, "s", "Mean time a gust holds at full (each is drawn between 0.6 and 1.4 times it)",
        ge=0, le=60,
    )
    gust_grip: Number = tunable(
        0.0, "1/s", "How hard a full gust holds the shuttle in the shear: drag on its speed "
        "against the ellipse", ge=0, le=1e4,
    )
    gust_pull: Number = tunable(
        0.0, "m/s^2", "Extra pull of a full gust on the shuttle, toward the ellipse's centre",
        ge=0, le=1e4,
    )
    strain_tension: Number = tunable(
        1e6, "kN", "Beam tension the shuttle's hull bears; above it the beam's grip crushes it",
        gt=0, le=1e8,
    )
    strain_damage: Number = tunable(
        0.0, "%/s", "Shuttle hull lost per second for each strain_tension of tension above it",
        ge=0, le=1e4,
    )


class RadioLine(Section):
    """One line the surface crew say on the radio in the prologue."""

    speaker: str = Field(description="Who speaks (shown above the line)", min_length=1)
    text: str = Field(description="What they say", min_length=1)
    at: Number | None = tunable(
        None, "s", "Level time the line is spoken (leave out to speak it on an event instead)", ge=0, le=3600
    )
    on: str | None = Field(
        None, description="Event kind that makes them speak it, the first time it happens (instead of at)"
    )
    seconds: Number = tunable(6.0, "s", "How long the line stays on the radio panel", gt=0, le=60)


class PrologueConfig(Section):
    """Level 0: the Ares IV in Mars orbit records the ellipse until it is swallowed."""

    record_rate: Number = tunable(
        3.0, "%/s", "Imager data recorded per second, aimed dead on, at the ellipse's surface", gt=0, le=100
    )
    aim_tolerance: Number = tunable(
        9.0, "deg", "Half-angle of the imager's cone beyond the ellipse's own apparent size", gt=0, le=90
    )
    record_range: Number = tunable(
        6.0, "fraction", "Elliptical radius beyond which the imager resolves nothing", gt=1, le=100
    )
    far_share: Number = tunable(
        0.2, "fraction", "Share of the full rate recorded at the edge of the imager's range", ge=0, le=1
    )
    band_bonus: Number = tunable(
        1.8, "x", "Multiplier on the rate while the module is inside the turbulent shear layer", ge=1, le=20
    )
    fuel_seconds: Number = tunable(
        45.0, "s", "Main-engine burn time on a full tank (thrust and reverse draw from it)", gt=0, le=3600
    )
    ion_burn_time: Number = tunable(
        10.0, "s", "How long the ion drive burns on a full tank; it always burns the tank dry", gt=0, le=600
    )
    ion_accel: Number = tunable(
        9.0, "m/s^2", "Acceleration of the ion drive's burn along the module's nose", ge=0, le=1000
    )
    swallow_ratio: Number = tunable(
        0.9, "fraction", "Elliptical radius inside which the module is swallowed: the level ends", gt=0, le=1
    )
    shear_seconds: Number = tunable(
        6.0, "s", "Time the shear layer holds the module before it is swallowed, however shallow", gt=0, le=600
    )
    points_per_data: Number = tunable(10.0, "points/%", "Score per percent of data recorded", ge=0, le=1e6)
    radio: list[RadioLine] = Field(
        default_factory=list, description="What the two surface crew say, at set times or on events"
    )


class SurvivalConfig(Section):
    """Survival: the ellipse hunts the shuttle across an endless, seeded asteroid field."""

    cell_size: Number = tunable(
        1600.0, "m", "Side of one region of the field; each is generated from its coordinates and the seed",
        ge=200, le=1e5,
    )
    cells_around: Count = tunable(
        2, "count", "Regions kept around the ship's own in every direction", ge=1, le=4
    )
    asteroids_min: Count = tunable(2, "count", "Fewest asteroids in a region", ge=0, le=40)
    asteroids_max: Count = tunable(6, "count", "Most asteroids in a region", ge=0, le=40)
    radius_min: Number = tunable(24.0, "m", "Smallest asteroid radius", gt=0, le=1e4)
    radius_max: Number = tunable(130.0, "m", "Largest asteroid radius", gt=0, le=1e4)
    wobble: Number = tunable(40.0, "m", "How far each asteroid drifts round its place", ge=0, le=1e4)
    wobble_period: Number = tunable(45.0, "s", "Time of one drift round its place", gt=0, le=3600)
    clear_start: Number = tunable(
        700.0, "m", "No asteroid this close to the ship's start", ge=0, le=1e5
    )
    hit_damage: Number = tunable(
        0.35, "% per m/s", "Hull damage per m/s of impact speed above the safe speed", ge=0, le=100
    )
    safe_speed: Number = tunable(12.0, "m/s", "Impact speed that does no damage", ge=0, le=1e4)
    restitution: Number = tunable(
        0.35, "fraction", "Share of the impact speed the ship bounces back with", ge=0, le=1
    )
    anomaly_chance: Number = tunable(
        0.14, "fraction", "Chance that a region holds an anomaly worth scanning", ge=0, le=1
    )
    anomaly_data: Number = tunable(6.0, "%", "Data one anomaly yields before it is spent", gt=0, le=1000)
    anomaly_rate: Number = tunable(
        2.0, "%/s", "Data gathered per second scanning an anomaly in range", ge=0, le=1000
    )
    asteroid_rate: Number = tunable(
        0.12, "%/s", "Data gathered per second scanning with an asteroid in range", ge=0, le=1000
    )
    scan_range: Number = tunable(420.0, "m", "Reach of the sensors while scanning", gt=0, le=1e5)
    hunt_interval: Number = tunable(
        25.0, "s", "Time between two quickenings of the hunt, from the ellipse's surfacing", gt=0, le=3600
    )
    pace_step: Number = tunable(
        0.14, "x", "Added to the ellipse's pace (its top speed, acceleration and turn rate) at each "
        "quickening", ge=0, le=10,
    )
    pace_max: Number = tunable(4.0, "x", "Fastest pace the hunt reaches", ge=1, le=100)
    points_per_second: Number = tunable(10.0, "points/s", "Score per second survived", ge=0, le=1e6)
    points_per_data: Number = tunable(25.0, "points/%", "Score per percent of data gathered", ge=0, le=1e6)


class Caption(Section):
    on: str = Field(description="Event kind that shows the caption (see the README's event list)")
    text: str = Field(description="Caption text", min_length=1)
    once: Flag = Field(True, description="Show only the first time the event happens")
    seconds: Number = tunable(4.0, "s", "How long it stays on screen", gt=0, le=60)


class Scoring(Section):
    module_out: Number = tunable(
        3000.0, "points", "Bonus for bringing the module out of the ellipse", ge=0, le=1e7
    )
    per_log: Number = tunable(400.0, "points", "Bonus for every log entry downloaded", ge=0, le=1e6)
    part_recovered: Number = tunable(
        2000.0, "points", "Bonus for bringing the ion distributor back", ge=0, le=1e7
    )
    per_sample: Number = tunable(1.0, "x", "Multiplier on every sample's value", ge=0, le=1e3)
    per_telemetry: Number = tunable(10.0, "points/%", "Points per percent of telemetry returned", ge=0, le=1e6)
    per_hull: Number = tunable(20.0, "points/%", "Points per percent of hull left at the end", ge=0, le=1e6)
    per_second_left: Number = tunable(5.0, "points/s", "Points per second left on the timer", ge=0, le=1e6)


class View(Section):
    min_view_width: Number = tunable(2600.0, "m", "Narrowest view the camera zooms in to", gt=100, le=1e6)
    max_view_width: Number = tunable(14000.0, "m", "Widest view the camera zooms out to", gt=100, le=1e6)
    star_layers: Count = tunable(3, "count", "Parallax star layers", ge=1, le=6)
    stars_per_layer: Count = tunable(260, "count", "Stars in each layer", ge=0, le=5000)


class LevelFile(Section):
    level: LevelInfo
    player: StartState = StartState()
    ellipse: EllipseConfig = EllipseConfig()
    field: FieldConfig = FieldConfig()
    particles: ParticleConfig = ParticleConfig()
    probe_objective: ProbeObjective = ProbeObjective()
    debris: DebrisConfig = DebrisConfig()
    samples: list[SampleSpec] = Field(default_factory=list, description="Collectible samples")
    module: ModuleConfig = ModuleConfig()
    scan: ScanConfig = ScanConfig()
    eddies: EddyConfig = EddyConfig()
    tractor: TractorConfig = TractorConfig()
    asteroid: AsteroidConfig | None = Field(
        None, description="The dark-matter asteroid (levels without it leave the table out)"
    )
    shock: ShockConfig = ShockConfig()
    salvage: SalvageConfig | None = Field(
        None, description="The module's salvage (levels without it leave the table out)"
    )
    logs: list[LogEntry] = Field(
        default_factory=list, description="The pilot's log entries the player can download"
    )
    escape: EscapeConfig | None = Field(
        None, description="The escape from the melting ellipse (levels without it leave the table out)"
    )
    prologue: PrologueConfig | None = Field(
        None, description="The prologue's imager, fuel and radio (levels without it leave the table out)"
    )
    survival: SurvivalConfig | None = Field(
        None, description="Survival's endless asteroid field and quickening hunt (levels without it leave the "
        "table out)"
    )
    scoring: Scoring = Scoring()
    view: View = View()
    captions: list[Caption] = Field(default_factory=list)


# ---------------------------------------------------------------- campaign.toml

END_MARKERS = ("memorial", "retry")


class CampaignEntry(Section):
    won: str = Field(description="Level id after a win, 'memorial' or 'retry'")
    lost: str = Field("retry", description="Level id after a loss, 'memorial' or 'retry'")
    timeout: str = Field("retry", description="Level id when the timer runs out")
    story: str = Field("memorial", description="Level id after a story ending")


class CampaignFile(Section):
    start: str = Field(description="First level of the campaign")
    order: list[str] = Field(description="Levels in campaign order, for level select", min_length=1)
    survival: str | None = Field(None, description="Level id of the endless mode")
    levels: dict[str, CampaignEntry] = Field(description="Where each outcome leads")
