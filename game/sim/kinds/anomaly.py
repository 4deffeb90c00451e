"""Level 1, the anomaly: the probe, an EM decoy the starship launches into the ellipse.

Its loud signature draws the ellipse away from the ship. While it survives inside
the ellipse it gathers telemetry (faster in the calm eye) into a buffer, which the
ship receives only while its comms are powered and the probe is within range: the
player must stay lit, and near, to be paid.

The ellipse feeds on the probe: while the probe is inside it and calling, its EM
signal drains (exponentially, `probe_objective.signal_fade`); below `signal_floor` its
beacon cuts out, and it comes back once the probe has recovered to `signal_restart`
(recovery, `signal_recover`, runs whenever it is silent or outside). A lit ship, even
masked by reversed polarity, is then the loudest thing the ellipse hears, and once it has
tasted a probe it hunts the ship faster than a lit starship flies (`hunger_pace`): the
player must go dark (and reverse) until the beacon has the ellipse again, then light up
to bring the telemetry home. While it holds the ship lit it feeds on its reactor through
the hull (`feed_rate`): once the beacon dies, every fraction of a second lit costs hull,
so a quick hand on the dark switch matters. Dark, the comms are off and the telemetry
waits on the probe; its telemetry rides on its beacon, so a silent probe sends nothing.
With `dying_burst`, the probe sends all it holds as its beacon dies: a lit ship in comms
range catches it (and is fed on until it goes dark), a dark one loses it.
Outside the calm eye the probe steers for the centre (`homing_accel`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.sim.events import LAUNCHER_DARK, NO_PROBES, PROBE_OUT, RELOADING
from game.sim.field import FieldSample
from game.sim.kinds.base import BASIC, Commands, LevelKind, Measure, won_bonus
from game.sim.ship import systems_on
from game.sim.world import PROBE, Event, KindState, Outcome, World


@dataclass(slots=True)
class ProbeState(KindState):
    """The anomaly's own state: the probe out, and the telemetry it has gathered."""

    body: int = -1
    buffered: float = 0.0  # telemetry gathered, not yet received, %
    returned: float = 0.0  # telemetry received by the ship, %
    gathering: bool = False
    linked: bool = False
    launched: int = 0
    charge: float = 1.0  # the probe's EM signal, share of its full signature (the ellipse drains it)
    silent: bool = False  # drained below the floor, its beacon is off until it recovers
    hunted: bool = False  # the ellipse is chasing the ship while a probe is out
    feeding: bool = False  # the hungry ellipse holds the lit ship and feeds on its reactor


def state(world: World) -> ProbeState:
    return world.kind_state(ProbeState)


def probe_of(world: World) -> ProbeState | None:
    """The probe of an anomaly level, None for any other kind."""
    st = world.state
    return st if isinstance(st, ProbeState) else None


def launch_probe(world: World, events: list[Event]) -> None:
    pl = world.player
    spec = world.level.probe
    b = world.bodies
    i = pl.body
    x, y = world.ship_pos()
    why = (LAUNCHER_DARK if pl.dark else NO_PROBES if pl.probes_left <= 0
           else PROBE_OUT if state(world).body >= 0 else RELOADING if pl.reload > 0 else 0)
    if why:
        events.append(Event("launch_refused", x, y, why))
        return
    ang = float(b.angle[i])
    cx, cy = math.cos(ang), math.sin(ang)
    nose = world.spec.length * 0.6
    j = b.spawn(
        PROBE, x + cx * nose, y + cy * nose,
        float(b.vel[i, 0]) + cx * spec.launch_speed, float(b.vel[i, 1]) + cy * spec.launch_speed,
        ang, spec.mass, spec.mass * spec.length**2 / 12.0, spec.hull,
    )
    b.signature[j] = spec.em_signature
    pl.probes_left -= 1
    pl.reload = spec.reload_s
    state(world).body = j
    state(world).buffered = 0.0
    state(world).charge = 1.0
    state(world).silent = False
    state(world).launched += 1
    events.append(Event("launch", x, y, pl.probes_left))


def ship_level(world: World) -> float:
    """The share of its full signal at which the probe sounds to the ellipse as loud as the
    ship does now (both as signature / (distance^2 + softening^2)): drained below it, the
    probe no longer holds the ellipse. 0 without a probe or an ellipse to hear them."""
    pr = state(world)
    e = world.ellipse
    if pr.body < 0 or e.presence <= 0.0:
        return 0.0
    b = world.bodies
    soft2 = world.level.config.ellipse.sense_softening ** 2
    i, j = world.player.body, pr.body
    ship = float(b.signature[i]) / ((float(b.pos[i, 0]) - e.x) ** 2 + (float(b.pos[i, 1]) - e.y) ** 2 + soft2)
    full = world.level.probe.em_signature / ((float(b.pos[j, 0]) - e.x) ** 2 + (float(b.pos[j, 1]) - e.y) ** 2
                                             + soft2)
    return ship / full if full > 0 else 0.0


def update_probe(world: World, r2_probe: float, in_eye: bool, dt: float,
                 events: list[Event]) -> None:
    pr = state(world)
    pl = world.player
    pl.reload = max(0.0, pl.reload - dt)
    j = pr.body
    if j < 0:
        pr.gathering = pr.linked = False
        return
    b = world.bodies
    obj = world.level.config.probe_objective
    x, y = float(b.pos[j, 0]), float(b.pos[j, 1])
    if b.hull[j] <= 0 or world.ellipse.gone:
        b.alive[j] = False
        b.signature[j] = 0.0
        pr.body = -1
        pr.gathering = pr.linked = False
        events.append(Event("probe_lost", x, y, pr.buffered))
        pr.buffered = 0.0
        return
    pr.gathering = r2_probe < 1.0
    # the ellipse drains what it hears inside it; a silent or outside probe recovers
    fade, recover = obj.signal_fade, obj.signal_recover
    if pr.gathering and fade > 0 and not pr.silent:
        pr.charge *= math.exp(-dt / fade)
        if pr.charge < obj.signal_floor:
            pr.silent = True
            events.append(Event("probe_silent", x, y, pr.charge))
            if obj.dying_burst:
                _dying_burst(world, x, y, events)
    else:
        pr.charge = 1.0 - (1.0 - pr.charge) * math.exp(-dt / recover)
        if pr.silent and pr.charge >= max(obj.signal_restart, obj.signal_floor):
            pr.silent = False
            events.append(Event("probe_beacon", x, y, pr.charge))
    b.signature[j] = 0.0 if pr.silent else world.level.probe.em_signature * pr.charge
    hunted = world.ellipse.target == pl.body
    if hunted and not pr.hunted:
        events.append(Event("ellipse_turned", x, y, pr.charge))
    pr.hunted = hunted
    if pr.gathering:
        rate = obj.telemetry_rate * (obj.eye_bonus if in_eye else 1.0)
        pr.buffered += rate * dt
    sx, sy = world.ship_pos()
    in_range = math.hypot(x - sx, y - sy) <= obj.comms_range
    # its telemetry rides on its beacon: a silent probe sends nothing
    pr.linked = in_range and systems_on(world)["comms"] and not pr.silent
    if pr.linked and pr.buffered > 0:
        _receive(pr, min(pr.buffered, obj.downlink_rate * pl.supply_ratio * dt), x, y, events)


def _receive(pr: ProbeState, got: float, x: float, y: float, events: list[Event]) -> None:
    pr.buffered -= got
    before = pr.returned
    pr.returned += got
    for mark in (25.0, 50.0, 75.0):
        if before < mark <= pr.returned:
            events.append(Event("telemetry", x, y, mark))


def _dying_burst(world: World, x: float, y: float, events: list[Event]) -> None:
    """The beacon dies: the probe sends all it holds at once. A lit ship in comms range
    catches it; otherwise it is lost."""
    pr = state(world)
    sx, sy = world.ship_pos()
    caught = (math.hypot(x - sx, y - sy) <= world.level.config.probe_objective.comms_range
              and systems_on(world)["comms"])
    sent = pr.buffered
    if caught:
        _receive(pr, sent, x, y, events)
    else:
        pr.buffered = 0.0
    events.append(Event("burst_caught" if caught else "burst_lost", x, y, sent))


class Anomaly(LevelKind):
    name = "anomaly"
    milestones = {
        "launch": "probe away",
        "dark_on": "went dark",
        "polarity_reversed": "polarity reversed",
        "telemetry@50": "telemetry 50 %",
        "probe_silent": "beacon drained",
        "ellipse_turned": "ellipse turned on ship",
    }
    outcomes = ("won", "lost", "timeout")
    commands = BASIC + ("dark", "polarity", "launch")

    def set_up(self, world: World) -> ProbeState:
        return ProbeState()

    def act(self, world: World, held: Commands, pressed: Commands, events: list[Event]) -> None:
        if "launch" in pressed:
            launch_probe(world, events)

    def forces(self, world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample,
               surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
        motor = world.level.probe.thrust_accel
        homing = world.level.config.probe_objective.homing_accel
        j = state(world).body
        if j < 0:
            return
        b = world.bodies
        if motor > 0:
            speed = float(np.hypot(*b.vel[j])) + 1e-6
            acc[j] += b.vel[j] / speed * motor
        e = world.ellipse
        if homing > 0 and e.presence > 0 and not e.gone and not fs.eye[j]:
            # outside the calm eye (thrown out, or in the shear), the probe steers for the centre
            dx, dy = e.x - float(b.pos[j, 0]), e.y - float(b.pos[j, 1])
            dist = math.hypot(dx, dy) + 1e-6
            acc[j, 0] += homing * dx / dist
            acc[j, 1] += homing * dy / dist

    def update(self, world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float,
               events: list[Event]) -> None:
        j = state(world).body
        update_probe(world, float(fs.r2[j]) if j >= 0 else math.inf,
                     bool(fs.eye[j]) if j >= 0 else False, dt, events)
        # once it has tasted a probe, it hunts the ship hungrier: faster than a lit ship can fly
        e = world.ellipse
        fed = state(world).launched > 0
        hungry = fed and e.target == world.player.body
        obj = world.level.config.probe_objective
        e.pace = obj.hunger_pace if hungry else 1.0
        pl = world.player
        if hungry and obj.feed_rate > 0 and not pl.dark and e.presence > 0.5:
            # it feeds on the lit ship's reactor through the hull while it holds it
            i = pl.body
            b = world.bodies
            loss = min(float(b.hull[i]), obj.feed_rate * e.presence * dt)
            b.hull[i] -= loss
            pl.damage_taken += loss
            if not state(world).feeding:
                x, y = world.ship_pos()
                events.append(Event("fed_on", x, y, loss))
            state(world).feeding = True
        else:
            state(world).feeding = False

    def judge(self, world: World, ship_r2: float) -> Outcome | None:
        cfg = world.level.config
        hull = float(world.bodies.hull[world.player.body])
        hidden = world.player.dark and world.player.polarity_reversed
        e = world.ellipse
        if hull <= 0.0:
            return Outcome("lost", "hull breached")
        if e.presence > 0.5 and not hidden and ship_r2 < cfg.field.engulf_ratio**2:
            return Outcome("lost", "engulfed by the ellipse")
        if state(world).returned >= cfg.probe_objective.telemetry_required:
            return Outcome("won", "telemetry returned")
        if world.time_left <= 0.0:
            return Outcome("timeout", "the ellipse returned to subspace before the telemetry came home")
        return None

    def score(self, world: World) -> float:
        sc = world.level.config.scoring
        return round(state(world).returned * sc.per_telemetry + won_bonus(world), 1)

    def measures(self, world: World) -> dict[str, Measure]:
        return {"telemetry": round(state(world).returned, 2)}


KIND = Anomaly()
