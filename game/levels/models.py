"""Typed, validated configuration for every level file.

Every tunable of the game lives here once: its default, its unit and its range.
The level files in `levels/` override the defaults; pydantic checks them and the
loader turns its complaints into `PATH: key.path: reason` lines. Nothing here
imports pygame; the simulation reads these models directly.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


def tunable(default: Any, unit: str, doc: str, **bounds: float) -> Any:
    """A documented field: default, unit and range, shown in the schema and reference."""
    return Field(default, description=f"{doc} [{unit}]", json_schema_extra={"unit": unit}, **bounds)


class Section(BaseModel):
    """Base of every table: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# ---------------------------------------------------------------- ships.toml


class SystemSpec(Section):
    draw: float = tunable(10.0, "MW", "Power drawn when the system is on", ge=0, le=500)
    health: float = tunable(100.0, "%", "Starting health of the system", ge=0, le=100)


class ShipSystems(Section):
    engines: SystemSpec = SystemSpec(draw=40.0)
    shields: SystemSpec = SystemSpec(draw=25.0)
    sensors: SystemSpec = SystemSpec(draw=10.0)
    tractor: SystemSpec = SystemSpec(draw=20.0)
    comms: SystemSpec = SystemSpec(draw=8.0)


class ShipSpec(Section):
    name: str = Field("Ship", description="Name shown on the HUD and in captions")
    mass: float = tunable(700.0, "t", "Mass of the hull", gt=0, le=1e6)
    moment_of_inertia: float = tunable(
        90000.0, "t*m^2", "Resistance to being spun", gt=0, le=1e9
    )
    thrust: float = tunable(42000.0, "kN", "Main engine thrust at full power", ge=0, le=1e7)
    reverse_thrust: float = tunable(21000.0, "kN", "Retro thrust at full power", ge=0, le=1e7)
    thruster_thrust: float = tunable(
        4000.0, "kN", "Manoeuvring thruster thrust (works with engines down)", ge=0, le=1e7
    )
    turn_torque: float = tunable(
        180000.0, "kN*m", "Torque of the rotation thrusters", ge=0, le=1e9
    )
    max_turn_rate: float = tunable(
        150.0, "deg/s", "Rotation rate the stabiliser will not exceed", gt=0, le=1080
    )
    linear_damping: float = tunable(
        0.18, "1/s", "Inertial dampers: fraction of velocity bled off per second", ge=0, le=5
    )
    length: float = tunable(60.0, "m", "Length of the hull, for drawing and collisions", gt=0, le=2000)
    min_screen_size: float = tunable(
        22.0, "px", "Smallest size the ship is drawn at when the camera zooms out", ge=4, le=200
    )
    hull: float = tunable(100.0, "%", "Hull integrity at the start", gt=0, le=1000)
    reactor_output: float = tunable(
        100.0, "MW", "Reactor output shared among the systems", gt=0, le=5000
    )
    life_support_draw: float = tunable(
        6.0, "MW", "Power life support always draws; the signature of a dark ship", ge=0, le=500
    )
    polarity_signature_factor: float = tunable(
        0.35, "x", "Multiplier on the EM signature while shield polarity is reversed", ge=0, le=1
    )
    shield_absorb: float = tunable(
        0.6, "fraction", "Share of hull damage the shields absorb when up", ge=0, le=1
    )
    probes: int = tunable(3, "count", "Probes carried", ge=0, le=20)
    shield_mod_draw: float = tunable(
        0.0, "MW", "Extra power the modified shields draw (0: the ship has no modification)",
        ge=0, le=500,
    )
    shield_mod_absorb: float = tunable(
        0.92, "fraction", "Share of shear-band damage the modified shields absorb", ge=0, le=1
    )
    scan_draw: float = tunable(
        12.0, "MW", "Extra power the sensors draw while sweeping", ge=0, le=500
    )
    tractor_range: float = tunable(60.0, "m", "Reach of the tractor beam for samples", ge=0, le=1e4)
    collision_radius: float = tunable(
        12.0, "m", "Radius of the hull for collisions with debris", gt=0, le=1e4
    )
    color: tuple[int, int, int] = Field((120, 220, 255), description="Glow colour (RGB 0-255)")
    outline: list[tuple[float, float]] = Field(
        default_factory=lambda: [(1.0, 0.0), (-0.6, 0.45), (-0.35, 0.0), (-0.6, -0.45)],
        description="Hull outline, in hull lengths; nose along +x",
        min_length=3,
    )
    systems: ShipSystems = ShipSystems()


class ProbeSpec(Section):
    mass: float = tunable(2.0, "t", "Probe mass", gt=0, le=1000)
    hull: float = tunable(100.0, "%", "Probe hull integrity", gt=0, le=1000)
    launch_speed: float = tunable(
        160.0, "m/s", "Speed added along the launcher's nose at launch", ge=0, le=5000
    )
    em_signature: float = tunable(
        140.0, "MW", "EM signature of the probe: it is a decoy", ge=0, le=5000
    )
    thrust_accel: float = tunable(
        0.0, "m/s^2", "Acceleration of the probe's own motor along its course", ge=0, le=500
    )
    length: float = tunable(14.0, "m", "Size of the probe, for drawing", gt=0, le=500)
    reload_s: float = tunable(2.0, "s", "Time between two launches", ge=0, le=120)


class ShipsFile(Section):
    ships: dict[str, ShipSpec] = Field(description="Ship specs by id")
    probe: ProbeSpec = ProbeSpec()


# ---------------------------------------------------------------- level files


class LevelInfo(Section):
    id: str = Field(description="Level id (the file name without .toml)", min_length=1)
    title: str = Field(description="Title shown on the title card and results", min_length=1)
    subtitle: str = Field("", description="Line under the title")
    kind: Literal["prologue", "anomaly", "eye", "dark_matter", "salvage", "escape", "survival"] = Field(
        description="Which rules decide how the level is won"
    )
    player_ship: str = Field(description="Ship id from ships.toml that the player flies")
    seed: int = tunable(1, "-", "Default seed of the level's random generator", ge=0, le=2**31)
    time_limit: float = tunable(
        240.0, "s", "Level timer: the ellipse's return to subspace", gt=0, le=3600
    )
    briefing: str = Field("", description="Briefing text shown before the level")
    objectives: list[str] = Field(default_factory=list, description="Objective lines")


class StartState(Section):
    x: float = tunable(0.0, "m", "Start position, x", ge=-1e6, le=1e6)
    y: float = tunable(0.0, "m", "Start position, y (down is +y)", ge=-1e6, le=1e6)
    heading: float = tunable(0.0, "deg", "Nose direction; 0 points right, 90 down", ge=-360, le=360)
    vx: float = tunable(0.0, "m/s", "Start velocity, x", ge=-1e4, le=1e4)
    vy: float = tunable(0.0, "m/s", "Start velocity, y", ge=-1e4, le=1e4)


class EllipseConfig(Section):
    x: float = tunable(3000.0, "m", "Where the ellipse surfaces, x", ge=-1e6, le=1e6)
    y: float = tunable(0.0, "m", "Where the ellipse surfaces, y", ge=-1e6, le=1e6)
    heading: float = tunable(180.0, "deg", "Initial course (the long axis)", ge=-360, le=360)
    semi_major: float = tunable(1300.0, "m", "Half the long axis", gt=10, le=1e5)
    semi_minor: float = tunable(750.0, "m", "Half the short axis", gt=10, le=1e5)
    eye_ratio: float = tunable(
        0.55, "fraction", "Elliptical radius of the calm eye (the band is eye..1)", gt=0.05, lt=0.98
    )
    emerge_delay: float = tunable(4.0, "s", "Time before the ellipse starts to surface", ge=0, le=600)
    emerge_time: float = tunable(6.0, "s", "Time the ellipse takes to surface", gt=0, le=120)
    melt_time: float = tunable(
        20.0, "s", "Before the timer ends: the ellipse shrinks and its shear thickens", ge=0, le=600
    )
    melt_scale: float = tunable(
        0.55, "fraction", "Size left when the timer reaches zero", gt=0, le=1
    )
    top_speed: float = tunable(190.0, "m/s", "Fastest the ellipse moves", ge=0, le=1e4)
    accel: float = tunable(28.0, "m/s^2", "How fast it gains or loses speed", ge=0, le=1e4)
    cruise_speed: float = tunable(
        40.0, "m/s", "Speed it drifts at when it senses nothing", ge=0, le=1e4
    )
    turn_rate: float = tunable(22.0, "deg/s", "How fast it can change course", ge=0, le=720)
    sense_threshold: float = tunable(
        2.0e-6, "MW/m^2", "Weakest signal (signature / distance^2) it notices", ge=0, le=1
    )
    sense_softening: float = tunable(
        400.0, "m", "Softens signature/distance^2 so a source inside does not blow up", gt=0, le=1e5
    )
    surge_threshold: float = tunable(
        25.0, "deg", "Course change that sends out a gravimetric surge", gt=0, le=360
    )
    surge_speed: float = tunable(900.0, "m/s", "Speed of the surge ring", gt=0, le=1e5)
    surge_width: float = tunable(160.0, "m", "Thickness of the surge ring", gt=0, le=1e5)
    surge_impulse: float = tunable(
        90.0, "m/s^2", "Radial push of the surge ring on what it crosses", ge=0, le=1e4
    )
    surge_range: float = tunable(6000.0, "m", "Distance at which the ring has faded", gt=0, le=1e6)
    surge_damage: float = tunable(4.0, "%/s", "Hull damage while the ring crosses a ship", ge=0, le=1000)
    surge_every: float = tunable(
        0.0, "s", "Time between two surges the restless core sends out on its own (0: only on "
        "course changes)", ge=0, le=600,
    )
    surge_every_end: float = tunable(
        0.0, "s", "Time between those surges when the timer reaches zero (0: as surge_every); "
        "the interval shrinks steadily toward it", ge=0, le=600,
    )


class FieldConfig(Section):
    pull_surface: float = tunable(
        9.0, "m/s^2", "Pull toward the ellipse at its surface; falls off as 1/r^2", ge=0, le=1e4
    )
    pull_softening: float = tunable(
        0.3, "fraction", "Softening of the pull, in elliptical radii", ge=0, le=10
    )
    shear_flow: float = tunable(
        420.0, "m/s", "Speed of the tangential flow in the middle of the shear band", ge=0, le=1e5
    )
    shear_coupling: float = tunable(
        1.6, "1/s", "How hard the band drags a body toward its flow", ge=0, le=100
    )
    shear_inward: float = tunable(
        30.0, "m/s^2", "Inward pull inside the shear band", ge=0, le=1e4
    )
    eye_coupling: float = tunable(
        0.25, "1/s", "How gently the calm eye carries bodies along with the ellipse", ge=0, le=100
    )
    eye_swirl: float = tunable(
        0.0, "m/s", "Slow orbital drift at the edge of the calm eye (debris orbits)", ge=-1e4, le=1e4
    )
    turbulence: float = tunable(
        0.9, "fraction", "Strength of the turbulence relative to the flow", ge=0, le=5
    )
    turbulence_scale: float = tunable(
        260.0, "m", "Size of the turbulent eddies", gt=1, le=1e5
    )
    turbulence_rate: float = tunable(
        0.7, "1/s", "How fast the turbulence changes", ge=0, le=100
    )
    shear_damage: float = tunable(
        0.09, "%/s per m/s", "Hull damage per m/s of speed against the band's flow", ge=0, le=100
    )
    shear_safe_speed: float = tunable(
        40.0, "m/s", "Speed against the flow that does no damage", ge=0, le=1e4
    )
    engulf_ratio: float = tunable(
        0.8, "fraction", "Elliptical radius inside which a powered starship is engulfed", gt=0, le=1
    )
    dark_coupling_factor: float = tunable(
        0.15,
        "x",
        "Multiplier on the band's grip on a dark ship with reversed polarity",
        ge=0,
        le=1,
    )


class ParticleConfig(Section):
    motes: int = tunable(6000, "count", "Luminescent motes carried in the ellipse", ge=0, le=400000)
    exhaust: int = tunable(1500, "count", "Pool of exhaust and spark particles", ge=0, le=100000)
    exhaust_rate: float = tunable(240.0, "1/s", "Exhaust particles per second at full thrust", ge=0, le=1e5)
    exhaust_speed: float = tunable(220.0, "m/s", "Exhaust speed relative to the ship", ge=0, le=1e5)
    exhaust_life: float = tunable(0.9, "s", "Lifetime of an exhaust particle", gt=0, le=60)


class ProbeObjective(Section):
    telemetry_required: float = tunable(
        100.0, "%", "Telemetry that must reach the ship to win", gt=0, le=1000
    )
    telemetry_rate: float = tunable(
        7.0, "%/s", "Telemetry the probe gathers per second while inside the ellipse", gt=0, le=1000
    )
    eye_bonus: float = tunable(
        2.0, "x", "Multiplier on the telemetry rate while the probe is in the calm eye", ge=1, le=20
    )
    comms_range: float = tunable(
        4500.0, "m", "Distance over which the ship's comms receive the probe", gt=0, le=1e6
    )
    downlink_rate: float = tunable(
        25.0, "%/s", "Fastest the ship's comms receive buffered telemetry", gt=0, le=1000
    )


class DebrisConfig(Section):
    count: int = tunable(0, "count", "Debris particles drifting in slow orbits in the eye", ge=0, le=400000)
    chunks: int = tunable(
        0, "count", "Of those, larger tumbling chunks that damage a hull they hit", ge=0, le=5000
    )
    chunk_radius: float = tunable(14.0, "m", "Size of a chunk, for collisions and drawing", gt=0, le=1e4)
    chunk_damage: float = tunable(
        0.12, "% per m/s", "Hull damage per m/s of impact speed with a chunk", ge=0, le=100
    )
    chunk_safe_speed: float = tunable(
        25.0, "m/s", "Impact speed with a chunk that does no damage", ge=0, le=1e4
    )
    inner_ratio: float = tunable(
        0.15, "fraction", "Innermost orbit of the debris, in eye radii", ge=0, le=1
    )


class SampleSpec(Section):
    name: str = Field(description="Name shown when collected", min_length=1)
    description: str = Field("", description="What it is, shown on the result screen")
    value: float = tunable(100.0, "points", "Score for collecting it", ge=0, le=1e6)
    radius: float = tunable(
        0.6, "fraction", "Where it drifts: elliptical radius, in eye radii", ge=0, le=1
    )
    angle: float = tunable(0.0, "deg", "Where it drifts: angle around the eye", ge=-360, le=360)


class ModuleConfig(Section):
    name: str = Field("Ares IV", description="Name of the module on the HUD")
    mass: float = tunable(180.0, "t", "Mass of the module (for the tractor beam)", gt=0, le=1e6)
    length: float = tunable(34.0, "m", "Length of the module, for drawing", gt=0, le=2000)
    min_radius: float = tunable(
        0.3, "fraction", "Closest to the centre it can lie, in eye radii", ge=0, le=1
    )
    max_radius: float = tunable(
        0.8, "fraction", "Farthest from the centre it can lie, in eye radii", ge=0, le=1
    )
    reach_radius: float = tunable(
        90.0, "m", "How close the ship must come to reach it", gt=0, le=1e5
    )


class ScanConfig(Section):
    sweep_time: float = tunable(
        10.0, "s", "Scanning time that finds the module from the eye's edge", gt=0, le=600
    )
    near_bonus: float = tunable(
        3.0, "x", "How much faster the sweep is right next to the module", ge=1, le=100
    )
    echo_period: float = tunable(0.5, "s", "Time between two sensor echoes", gt=0, le=60)
    echo_spread: float = tunable(
        900.0, "m", "Scatter of the first echoes around the module", ge=0, le=1e5
    )
    scan_range: float = tunable(
        6000.0, "m", "Beyond this distance the sweep finds nothing", gt=0, le=1e6
    )


class TractorConfig(Section):
    locks_module: bool = Field(False, description="The beam can lock onto the module in this level")
    locked_at_start: bool = Field(False, description="The beam holds the module when the level starts")
    rest_length: float = tunable(70.0, "m", "Length of the beam at rest", gt=0, le=1e4)
    stiffness: float = tunable(900.0, "kN/m", "Spring stiffness of the beam", gt=0, le=1e7)
    damping: float = tunable(600.0, "kN*s/m", "Damping along the beam", ge=0, le=1e7)
    break_tension: float = tunable(
        9000.0, "kN", "Tension at which the beam breaks", gt=0, le=1e8
    )
    lock_range: float = tunable(
        120.0, "m", "How close the module must be for the beam to lock on", gt=0, le=1e4
    )
    attach_offset: float = tunable(
        0.5, "hull lengths", "Where the beam leaves the hull, behind the centre", ge=0, le=2
    )


class AsteroidConfig(Section):
    impact_time: float = tunable(
        60.0, "s", "Countdown to the dark-matter asteroid hitting the ellipse", gt=0, le=3600
    )
    bearing: float = tunable(
        200.0, "deg", "Direction from the ellipse the asteroid comes from", ge=-360, le=360
    )
    start_distance: float = tunable(
        9000.0, "m", "Distance from the ellipse's surface at the start", gt=0, le=1e7
    )
    lens_radius: float = tunable(
        420.0, "m", "Radius of the starlight it visibly bends", gt=0, le=1e5
    )
    sensor_range: float = tunable(
        1e6, "m", "Range at which the sensors show it as a contact", gt=0, le=1e8
    )


class ShockConfig(Section):
    speed: float = tunable(700.0, "m/s", "Speed of the expanding shock front", gt=0, le=1e6)
    width: float = tunable(220.0, "m", "Thickness of the front", gt=0, le=1e5)
    impulse: float = tunable(
        260.0, "m/s^2", "Radial push of the front where it starts", ge=0, le=1e6
    )
    decay: float = tunable(
        4000.0, "m", "Distance over which the push falls to a third", gt=0, le=1e7
    )
    systems_knocked_out: int = tunable(
        3, "count", "Systems (besides the tractor) the front knocks offline, chosen by the seed",
        ge=0, le=4,
    )
    hull_damage: float = tunable(12.0, "%", "Hull damage when the front hits the ship", ge=0, le=100)
    aftermath: float = tunable(
        5.0, "s", "Time the level runs on after the front hits the ship", ge=0, le=60
    )
    exit_ratio: float = tunable(
        1.12, "fraction", "Elliptical radius the ship must pass to be out of the ellipse", gt=1, le=5
    )


class SalvageConfig(Section):
    """Level 4: the crippled shuttle closes on the module, a crew member beams across."""

    engines_health: float = tunable(
        0.0, "%", "Health of the shuttle's engines at the start (0: thrusters only)", ge=0, le=100
    )
    shields_health: float = tunable(
        35.0, "%", "Health of the emergency shields at the start (0: none)", ge=0, le=100
    )
    hull_leak: float = tunable(0.25, "%/s", "Hull the crippled shuttle loses every second", ge=0, le=100)
    module_distance: float = tunable(
        900.0, "m", "Distance from the shuttle's start to the module", gt=0, le=1e5
    )
    module_bearing: float = tunable(
        -60.0, "deg", "Direction from the shuttle to the module at the start", ge=-360, le=360
    )
    transporter_range: float = tunable(
        150.0, "m", "Farthest the shuttle can be from the module to beam across", gt=0, le=1e4
    )
    beam_time: float = tunable(4.0, "s", "Time one transport takes (the level timer runs on)", gt=0, le=120)
    station_keeping: float = tunable(
        0.6, "fraction", "The shuttle holds within this share of transporter range while the crew "
        "member is aboard", ge=0.1, le=1,
    )
    cabin_length: float = tunable(30.0, "m", "Length of the module's cabin", gt=4, le=500)
    cabin_height: float = tunable(5.0, "m", "Height of the module's cabin", gt=1, le=100)
    suit_accel: float = tunable(3.0, "m/s^2", "Acceleration of the suit's thrusters", gt=0, le=100)
    suit_damping: float = tunable(1.2, "1/s", "How fast the suit's stabiliser bleeds off speed", ge=0, le=20)
    reach: float = tunable(1.4, "m", "How close the suited figure must be to use a station", gt=0, le=50)
    lamp_range: float = tunable(9.0, "m", "Reach of the suit lamp's beam in the dark cabin", gt=0, le=100)
    power_time: float = tunable(3.0, "s", "Holding time to bring the old computer core up", gt=0, le=120)
    log_time: float = tunable(6.0, "s", "Download time of one log entry", gt=0, le=120)
    cut_rate: float = tunable(
        0.09, "1/s", "Share of the weld seam cut per second while the torch is on it", gt=0, le=10
    )
    seam_wander: float = tunable(
        0.7, "m", "How far the fused seam wanders up and down along the cut", ge=0, le=5
    )
    seam_tolerance: float = tunable(
        0.22, "m", "How close to the seam the torch must stay to cut", gt=0, le=5
    )
    torch_speed: float = tunable(1.3, "m/s", "How fast the torch moves across the seam", gt=0, le=20)
    heat_rate: float = tunable(
        0.45, "1/s", "How fast the torch overheats while burning beside the seam", ge=0, le=20
    )
    cool_rate: float = tunable(0.3, "1/s", "How fast the torch cools when not burning", gt=0, le=20)
    seam_cool: float = tunable(
        0.05, "fraction", "Share of cool_rate the torch still sheds while it cuts on the seam", ge=0, le=1
    )
    relight_heat: float = tunable(
        0.35, "fraction", "Heat an overheated torch must cool to before it lights again", ge=0, lt=1
    )
    jolt: float = tunable(
        0.5, "m", "How far a surge crossing the module throws the torch off the seam", ge=0, le=5
    )
    jolt_kick: float = tunable(
        1.6, "m/s", "Most speed a surge crossing the module throws at the suited figure", ge=0, le=50
    )


class LogEntry(Section):
    title: str = Field(description="Heading of the entry (the pilot's day)", min_length=1)
    text: str = Field(description="The entry, as the pilot recorded it", min_length=1)


class EscapeConfig(Section):
    """Level 5: out of the melting ellipse on fluctuating power, then the starship's beam."""

    power_floor: float = tunable(
        0.35, "fraction", "Least engine output the fluctuating power gives", ge=0, le=1
    )
    power_rate: float = tunable(0.6, "1/s", "How fast the engine output fluctuates", gt=0, le=50)
    surge_interval_start: float = tunable(
        9.0, "s", "Time between two surges from the core at the start", gt=0, le=600
    )
    surge_interval_end: float = tunable(
        2.5, "s", "Time between two surges when the ellipse is about to vanish", gt=0, le=600
    )
    starship_standoff: float = tunable(
        1.25, "fraction", "Elliptical radius the starship dares to come to", gt=1, le=5
    )
    starship_speed: float = tunable(160.0, "m/s", "Fastest the starship closes in", gt=0, le=1e4)
    starship_accel: float = tunable(
        30.0, "m/s^2", "How hard the starship's own helm accelerates while it closes in", gt=0, le=1e4
    )
    starship_start: float = tunable(
        2.6, "x", "Where the starship waits at the start, in the ellipse's semi-major axes from its centre",
        gt=1, le=100,
    )
    lock_range: float = tunable(
        420.0, "m", "Reach of the starship's tractor beam", gt=0, le=1e5
    )
    lock_depth: float = tunable(
        0.86, "fraction", "Elliptical radius the shuttle must reach (just beneath the surface) "
        "for the lock", gt=0, lt=1,
    )
    reel_speed: float = tunable(
        25.0, "m/s", "How fast the starship's beam reels the shuttle in from where it locked",
        ge=0, le=1e4,
    )
    relock_delay: float = tunable(
        1.5, "s", "Time after the beam slips before it can take hold again", ge=0, le=60
    )
    tow_pull: float = tunable(
        14.0, "m/s^2", "The collapsing ellipse's pull on what its beam holds, at the surface",
        ge=0, le=1e4,
    )
    clear_ratio: float = tunable(
        1.5, "fraction", "Elliptical radius both ships must pass to be clear", gt=1, le=10
    )


class RadioLine(Section):
    """One line the surface crew say on the radio in the prologue."""

    speaker: str = Field(description="Who speaks (shown above the line)", min_length=1)
    text: str = Field(description="What they say", min_length=1)
    at: float | None = tunable(
        None, "s", "Level time the line is spoken (leave out to speak it on an event instead)", ge=0, le=3600
    )
    on: str | None = Field(
        None, description="Event kind that makes them speak it, the first time it happens (instead of at)"
    )
    seconds: float = tunable(6.0, "s", "How long the line stays on the radio panel", gt=0, le=60)


class PrologueConfig(Section):
    """Level 0: the Ares IV in Mars orbit records the ellipse until it is swallowed."""

    record_rate: float = tunable(
        3.0, "%/s", "Imager data recorded per second, aimed dead on, at the ellipse's surface", gt=0, le=100
    )
    aim_tolerance: float = tunable(
        9.0, "deg", "Half-angle of the imager's cone beyond the ellipse's own apparent size", gt=0, le=90
    )
    record_range: float = tunable(
        6.0, "fraction", "Elliptical radius beyond which the imager resolves nothing", gt=1, le=100
    )
    far_share: float = tunable(
        0.2, "fraction", "Share of the full rate recorded at the edge of the imager's range", ge=0, le=1
    )
    band_bonus: float = tunable(
        1.8, "x", "Multiplier on the rate while the module is inside the turbulent shear layer", ge=1, le=20
    )
    fuel_seconds: float = tunable(
        45.0, "s", "Main-engine burn time on a full tank (thrust and reverse draw from it)", gt=0, le=3600
    )
    ion_burn_time: float = tunable(
        10.0, "s", "How long the ion drive burns on a full tank; it always burns the tank dry", gt=0, le=600
    )
    ion_accel: float = tunable(
        9.0, "m/s^2", "Acceleration of the ion drive's burn along the module's nose", ge=0, le=1000
    )
    swallow_ratio: float = tunable(
        0.9, "fraction", "Elliptical radius inside which the module is swallowed: the level ends", gt=0, le=1
    )
    shear_seconds: float = tunable(
        6.0, "s", "Time the shear layer holds the module before it is swallowed, however shallow", gt=0, le=600
    )
    points_per_data: float = tunable(10.0, "points/%", "Score per percent of data recorded", ge=0, le=1e6)
    radio: list[RadioLine] = Field(
        default_factory=list, description="What the two surface crew say, at set times or on events"
    )


class SurvivalConfig(Section):
    """Survival: the ellipse hunts the shuttle across an endless, seeded asteroid field."""

    cell_size: float = tunable(
        1600.0, "m", "Side of one region of the field; each is generated from its coordinates and the seed",
        ge=200, le=1e5,
    )
    cells_around: int = tunable(
        2, "count", "Regions kept around the ship's own in every direction", ge=1, le=4
    )
    asteroids_min: int = tunable(2, "count", "Fewest asteroids in a region", ge=0, le=40)
    asteroids_max: int = tunable(6, "count", "Most asteroids in a region", ge=0, le=40)
    radius_min: float = tunable(24.0, "m", "Smallest asteroid radius", gt=0, le=1e4)
    radius_max: float = tunable(130.0, "m", "Largest asteroid radius", gt=0, le=1e4)
    wobble: float = tunable(40.0, "m", "How far each asteroid drifts round its place", ge=0, le=1e4)
    wobble_period: float = tunable(45.0, "s", "Time of one drift round its place", gt=0, le=3600)
    clear_start: float = tunable(
        700.0, "m", "No asteroid this close to the ship's start", ge=0, le=1e5
    )
    hit_damage: float = tunable(
        0.35, "% per m/s", "Hull damage per m/s of impact speed above the safe speed", ge=0, le=100
    )
    safe_speed: float = tunable(12.0, "m/s", "Impact speed that does no damage", ge=0, le=1e4)
    restitution: float = tunable(
        0.35, "fraction", "Share of the impact speed the ship bounces back with", ge=0, le=1
    )
    anomaly_chance: float = tunable(
        0.14, "fraction", "Chance that a region holds an anomaly worth scanning", ge=0, le=1
    )
    anomaly_data: float = tunable(6.0, "%", "Data one anomaly yields before it is spent", gt=0, le=1000)
    anomaly_rate: float = tunable(
        2.0, "%/s", "Data gathered per second scanning an anomaly in range", ge=0, le=1000
    )
    asteroid_rate: float = tunable(
        0.12, "%/s", "Data gathered per second scanning with an asteroid in range", ge=0, le=1000
    )
    scan_range: float = tunable(420.0, "m", "Reach of the sensors while scanning", gt=0, le=1e5)
    hunt_interval: float = tunable(
        25.0, "s", "Time between two quickenings of the hunt, from the ellipse's surfacing", gt=0, le=3600
    )
    pace_step: float = tunable(
        0.14, "x", "Added to the ellipse's pace (its top speed, acceleration and turn rate) at each "
        "quickening", ge=0, le=10,
    )
    pace_max: float = tunable(4.0, "x", "Fastest pace the hunt reaches", ge=1, le=100)
    points_per_second: float = tunable(10.0, "points/s", "Score per second survived", ge=0, le=1e6)
    points_per_data: float = tunable(25.0, "points/%", "Score per percent of data gathered", ge=0, le=1e6)


class Caption(Section):
    on: str = Field(description="Event kind that shows the caption (see the README's event list)")
    text: str = Field(description="Caption text", min_length=1)
    once: bool = Field(True, description="Show only the first time the event happens")
    seconds: float = tunable(4.0, "s", "How long it stays on screen", gt=0, le=60)


class Scoring(Section):
    module_out: float = tunable(
        3000.0, "points", "Bonus for bringing the module out of the ellipse", ge=0, le=1e7
    )
    per_log: float = tunable(400.0, "points", "Bonus for every log entry downloaded", ge=0, le=1e6)
    part_recovered: float = tunable(
        2000.0, "points", "Bonus for bringing the ion distributor back", ge=0, le=1e7
    )
    per_sample: float = tunable(1.0, "x", "Multiplier on every sample's value", ge=0, le=1e3)
    per_telemetry: float = tunable(10.0, "points/%", "Points per percent of telemetry returned", ge=0, le=1e6)
    per_hull: float = tunable(20.0, "points/%", "Points per percent of hull left at the end", ge=0, le=1e6)
    per_second_left: float = tunable(5.0, "points/s", "Points per second left on the timer", ge=0, le=1e6)


class View(Section):
    min_view_width: float = tunable(2600.0, "m", "Narrowest view the camera zooms in to", gt=100, le=1e6)
    max_view_width: float = tunable(14000.0, "m", "Widest view the camera zooms out to", gt=100, le=1e6)
    star_layers: int = tunable(3, "count", "Parallax star layers", ge=1, le=6)
    stars_per_layer: int = tunable(260, "count", "Stars in each layer", ge=0, le=5000)


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
