"""The probe: an EM decoy the starship launches into the ellipse.

Its loud signature draws the ellipse away from the ship. While it survives inside
the ellipse it gathers telemetry (faster in the calm eye) into a buffer, which the
ship receives only while its comms are powered and the probe is within range: the
player must stay lit, and near, to be paid.
"""

from __future__ import annotations

import math

from game.sim.ship import systems_on
from game.sim.world import PROBE, Event, World


def launch_probe(world: World, events: list[Event]) -> None:
    pl = world.player
    spec = world.level.probe
    b = world.bodies
    i = pl.body
    x, y = world.ship_pos()
    if pl.dark or pl.probes_left <= 0 or pl.reload > 0 or world.probe.body >= 0:
        events.append(Event("launch_refused", x, y))
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
    world.probe.body = j
    world.probe.buffered = 0.0
    world.probe.launched += 1
    events.append(Event("launch", x, y, pl.probes_left))


def update_probe(world: World, r2_probe: float, in_eye: bool, dt: float,
                 events: list[Event]) -> None:
    pr = world.probe
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
    if pr.gathering:
        rate = obj.telemetry_rate * (obj.eye_bonus if in_eye else 1.0)
        pr.buffered += rate * dt
    sx, sy = world.ship_pos()
    in_range = math.hypot(x - sx, y - sy) <= obj.comms_range
    pr.linked = in_range and systems_on(world)["comms"]
    if pr.linked and pr.buffered > 0:
        got = min(pr.buffered, obj.downlink_rate * pl.supply_ratio * dt)
        pr.buffered -= got
        before = pr.returned
        pr.returned += got
        for mark in (25.0, 50.0, 75.0):
            if before < mark <= pr.returned:
                events.append(Event("telemetry", x, y, mark))
