"""`step(world, commands, dt)`: the only way time moves in a level.

Called at the fixed rate (`world.DT`) by the window loop, the headless runner, the
tests and the benchmark alike. Returns the events of the step; audio, effects and
captions react to those, the simulation never calls them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from game.sim.asteroid import shock_accel, shock_hits_player, update_asteroid
from game.sim.ellipse import update_ellipse, update_surges
from game.sim.eye import collide_chunks, update_samples, update_scan
from game.sim.field import sample_field, surge_accel
from game.sim.kinds import hooks_for, route
from game.sim.particles import emit_exhaust, update_particles
from game.sim.probe import launch_probe, update_probe
from game.sim.rules import judge
from game.sim.ship import (
    apply_controls,
    integrate_bodies,
    shields_modified,
    shields_protecting,
    ship_forces,
    update_power,
)
from game.sim.tractor import tractor_forces
from game.sim.world import PROBE, Event, World

HIT_EVENT_GAP = 0.3  # seconds between two "hit" events while damage keeps coming


def step(world: World, commands: Iterable[str], dt: float | None = None) -> list[Event]:
    dt = world.dt if dt is None else dt
    events: list[Event] = []
    if world.outcome is not None:
        return events
    held = frozenset(commands)
    pressed = held - world.prev_commands
    world.prev_commands = held
    hooks = hooks_for(world)
    held, pressed = route(world, held, pressed, dt, events)

    apply_controls(world, held, pressed, events)
    if "launch" in pressed:
        launch_probe(world, events)
    update_power(world)
    update_ellipse(world, dt, events)
    update_surges(world, dt)
    update_asteroid(world, dt, events)

    b = world.bodies
    fs = sample_field(world, b.pos, b.vel, b.grip)
    sacc, surge_hit = surge_accel(world, b.pos)
    acc = fs.acc + sacc * b.grip[:, None]
    alpha = np.zeros(b.capacity, np.float32)
    own_acc, own_alpha = ship_forces(world)
    i = world.player.body
    acc[i] += own_acc
    alpha[i] = own_alpha
    probe_motor = world.level.probe.thrust_accel
    if probe_motor > 0:
        for j in np.flatnonzero(b.alive & (b.kind == PROBE)):
            speed = float(np.hypot(*b.vel[j])) + 1e-6
            acc[j] += b.vel[j] / speed * probe_motor
    tractor_forces(world, acc, alpha, events)
    if hooks.forces is not None:
        hooks.forces(world, acc, alpha, fs, surge_hit, dt, events)
    if world.asteroid is not None and world.asteroid.shock_radius >= 0:
        shock, shock_hit = shock_accel(world, b.pos)
        acc += shock
        shock_hits_player(world, float(shock_hit[i]), events)
    integrate_bodies(world, acc, alpha, dt)
    _damage(world, fs, surge_hit, dt, events)

    j = world.probe.body
    update_probe(world, float(fs.r2[j]) if j >= 0 else math.inf,
                 bool(fs.eye[j]) if j >= 0 else False, dt, events)
    if world.scan.module >= 0:
        update_scan(world, dt, events)
        update_samples(world, dt, events)
        knock = collide_chunks(world, events)
        if knock > 0:
            _hurt_player(world, knock * (1.0 - _shield_share(world)), events, force_event=True)
    if hooks.update is not None:
        hooks.update(world, fs, surge_hit, dt, events)
    emit_exhaust(world, dt)
    update_particles(world, dt)

    world.steps += 1
    judge(world, float(fs.r2[i]), events)
    for ev in events:
        world.events_total[ev.kind] = world.events_total.get(ev.kind, 0) + 1
    return events


def _shield_share(world: World) -> float:
    return world.spec.shield_absorb if shields_protecting(world) else 0.0


def _hurt_player(world: World, amount: float, events: list[Event], force_event: bool = False) -> None:
    b = world.bodies
    i = world.player.body
    b.hull[i] = max(0.0, float(b.hull[i]) - amount)
    world.player.damage_taken += amount
    if amount > 0 and (force_event or world.t - world.last_hit_t > HIT_EVENT_GAP):
        world.last_hit_t = world.t
        x, y = world.ship_pos()
        events.append(Event("hit", x, y, amount))


def _damage(world: World, fs, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
    """Hull damage from speed against the band's flow and from surge rings."""
    b = world.bodies
    fc = world.level.config.field
    ec = world.level.config.ellipse
    rel = b.vel - fs.flow
    rel_speed = np.sqrt((rel * rel).sum(axis=1))
    presence = world.ellipse.presence
    shear = fc.shear_damage * np.maximum(0.0, rel_speed - fc.shear_safe_speed) * fs.band
    surge = surge_hit * ec.surge_damage
    rate = (shear + surge) * b.grip * presence
    i = world.player.body
    # the player's shields: modified ones hold off the band, ordinary ones soften surges
    band_factor = 1.0 - world.spec.shield_mod_absorb if shields_modified(world) else 1.0
    rate[i] = (shear[i] * band_factor + surge[i] * (1.0 - _shield_share(world))) * b.grip[i] * presence
    loss = (rate * dt).astype(np.float32) * b.alive
    loss[i] = 0.0
    b.hull -= loss
    np.maximum(b.hull, 0.0, out=b.hull)
    player_loss = float(rate[i] * dt)
    if player_loss > 0.02 * dt * 60:
        _hurt_player(world, player_loss, events)
    elif player_loss > 0:
        b.hull[i] = max(0.0, float(b.hull[i]) - player_loss)
        world.player.damage_taken += player_loss
