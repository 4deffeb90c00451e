"""`step(world, commands, dt)`: the only way time moves in a level.

Called at the fixed rate (`world.DT`) by the window loop, the headless runner, the
tests and the benchmark alike. Returns the events of the step; audio, effects and
captions react to those, the simulation never calls them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.sim.debris import collide_chunks, respawn_chunks
from game.sim.ellipse import update_ellipse, update_surges
from game.sim.field import FieldSample, field_at, point_frame, sample_field, surge_accel, surge_at
from game.sim.kinds import kind_of
from game.sim.kinds.base import LevelKind
from game.sim.ship import (
    apply_controls,
    integrate_bodies,
    shields_modified,
    shields_protecting,
    ship_forces,
    update_power,
)
from game.sim.tractor import tractor_forces
from game.sim.world import Event, World

HIT_EVENT_GAP = 0.3  # seconds between two "hit" events while damage keeps coming
# the debris chunks drift in slow orbits: the field turns their velocity every few steps
# (by that many steps' worth), they move and collide every step
CHUNK_FIELD_EVERY = 4
# up to this many points (the bodies, a kind's few drifters) the field is worked out one point at a time in
# plain floats: numpy's cost per call is most of the work for so few
FEW_POINTS = 16


def step(world: World, commands: Iterable[str], dt: float | None = None) -> list[Event]:
    dt = world.dt if dt is None else dt
    events: list[Event] = []
    if world.outcome is not None:
        return events
    kind = kind_of(world.kind)
    held = frozenset(commands)
    pressed = held - world.prev_commands
    world.prev_commands = held
    held, pressed = kind.route(world, held, pressed, dt, events)

    apply_controls(world, held, pressed, events)
    kind.act(world, held, pressed, events)
    update_power(world)
    update_ellipse(world, dt, events)
    update_surges(world, dt)

    # one evaluation of the field for the bodies and every free point that decides
    # anything (debris chunks, the kind's drifters): numpy's cost is per call here
    b = world.bodies
    nb = b.capacity
    turn_chunks = world.chunks.count > 0 and world.steps % CHUNK_FIELD_EVERY == 0
    free = ([(world.chunks.pos, world.chunks.vel)] if turn_chunks else []) + kind.drifters(world)
    if free:
        pos = np.concatenate([b.pos] + [p for p, _ in free])
        vel = np.concatenate([b.vel] + [v for _, v in free])
        grip = np.ones(pos.shape[0], np.float32)
        grip[:nb] = b.grip
        active = np.ones(pos.shape[0], bool)
        active[:nb] = b.alive
    else:
        pos, vel, grip, active = b.pos, b.vel, b.grip, b.alive
    if int(active.sum()) <= FEW_POINTS:
        every, every_sacc, every_hit = _field_point_by_point(world, pos, vel, grip, active)
    else:
        every = sample_field(world, pos, vel, grip, scratch="step", active=active)
        every_sacc, every_hit = surge_accel(world, pos)
    fs = FieldSample(every.acc[:nb], every.r2[:nb], every.flow[:nb], every.band[:nb], every.eye[:nb])
    sacc, surge_hit = every_sacc[:nb], every_hit[:nb]
    acc = fs.acc + sacc * b.grip[:, None]
    alpha = np.zeros(b.capacity, np.float32)
    own_acc, own_alpha = ship_forces(world)
    i = world.player.body
    acc[i] += own_acc
    alpha[i] = own_alpha
    tractor_forces(world, acc, alpha, events)
    kind.forces(world, acc, alpha, fs, surge_hit, dt, events)
    integrate_bodies(world, acc, alpha, dt)
    _damage(world, fs, surge_hit, dt, events)

    kind.update(world, fs, surge_hit, dt, events)
    if world.chunks.count:
        knock = collide_chunks(world, events)
        if knock > 0:
            _hurt_player(world, knock * (1.0 - _shield_share(world)), events, force_event=True)
    if free:
        _turn_free(world, kind, free, every, every_sacc, nb, dt)
    if world.chunks.count:
        world.chunks.pos += world.chunks.vel * np.float32(dt)

    world.steps += 1
    outcome = kind.judge(world, float(fs.r2[i]))
    if outcome is not None:
        world.outcome = outcome
        events.append(Event(outcome.result, *world.ship_pos()))
    world.score = kind.score(world)
    for ev in events:
        world.events_total[ev.kind] = world.events_total.get(ev.kind, 0) + 1
    return events


def _field_point_by_point(world: World, points: np.ndarray, velocities: np.ndarray, grips: np.ndarray,
                          active: np.ndarray) -> tuple[FieldSample, np.ndarray, np.ndarray]:
    """The field and the surges on each active point (`field_at`, `surge_at`), as arrays
    shaped as `sample_field` and `surge_accel` give them."""
    n = points.shape[0]
    acc = np.zeros((n, 2), np.float32)
    r2 = np.full(n, np.inf, np.float32)
    flow = np.zeros((n, 2), np.float32)
    band = np.zeros(n, np.float32)
    eye = np.zeros(n, np.float32)
    sacc = np.zeros((n, 2), np.float32)
    hit = np.zeros(n, np.float32)
    frame = point_frame(world)
    if frame is not None:
        pos, vel, grip = points.tolist(), velocities.tolist(), grips.tolist()
        for i in np.flatnonzero(active).tolist():
            (x, y), (vx, vy) = pos[i], vel[i]
            ax, ay, r2[i], fx, fy, in_band, in_eye = field_at(frame, x, y, vx, vy, grip[i])
            acc[i] = ax, ay
            flow[i] = fx, fy
            band[i], eye[i] = in_band, in_eye
            sx, sy, hit[i] = surge_at(frame, x, y)
            sacc[i] = sx, sy
    return FieldSample(acc, r2, flow, band, eye), sacc, hit


def _turn_free(world: World, kind: LevelKind, free: list[tuple[np.ndarray, np.ndarray]],
               every: FieldSample, every_sacc: np.ndarray, nb: int, dt: float) -> None:
    """The field sampled this step turns the free points: the kind's drifters move on it
    now; the chunks take `CHUNK_FIELD_EVERY` steps of it and move every step."""
    start = nb
    for pos, vel in free:
        end = start + pos.shape[0]
        acc = every.acc[start:end] + every_sacc[start:end]
        extra = kind.point_accel(world, pos)
        if extra is not None:
            acc += extra
        if pos is world.chunks.pos:
            vel += acc * np.float32(dt * CHUNK_FIELD_EVERY)
            respawn_chunks(world, every.r2[start:end])
        else:
            vel += acc * np.float32(dt)
            pos += vel * np.float32(dt)
        start = end


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


def _damage(world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
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
    if fc.shear_wear > 0.0:  # a steady wear in the band, on top of the speed's (off by default)
        rate[i] += fc.shear_wear * fs.band[i] * band_factor * b.grip[i] * presence
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
