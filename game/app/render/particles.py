"""Cosmetic particles: luminescent motes, light debris, exhaust and sparks.

None of these can change an outcome, so they live here, on the window side, not in
the simulation: a headless run never moves them. They are fed by the world's state
(the ellipse, the field, the ship's throttle) and move through the same field as the
ships, with a random stream of their own (never `world.rng`), once per drawn frame.
The solid debris chunks that can hurt the ship stay in the simulation
(`world.chunks`); their current positions are copied into the chunk slots here so
the point layer draws every particle in one pass.

Slots: [0, debris_start) motes, [debris_start, chunk_end) chunks, [chunk_end,
exhaust_start) light debris, then a ring for exhaust and sparks.

A move is: the slots flung out last time start again in the eye, the exhaust is
emitted, the ring feels the field, everything moves; then one part of the long-lived
particles feels the field (`FIELD_PARTS`), which only changes their velocities, so
only the next move shows it. That last push is the costliest part of a move, and
nothing drawn this frame depends on it: with the glow texture's worker process
(`game.app.render.glow_worker`) it is worked out there, beside the frame, on the
particles' positions and velocities in shared memory and on a copy of the world's
state sent with it (`FieldKicks`), and picked up when the next frame moves them. Done
in line or in the worker it is the same code on the same numbers: the same pixels.
"""

from __future__ import annotations

import math
import pickle
import weakref
from multiprocessing import shared_memory
from typing import Any, Protocol

import numpy as np

from game.sim.debris import RESPAWN_R2, orbit_velocity, points_in_eye
from game.sim.field import sample_field
from game.sim.kinds import kind_of
from game.sim.world import World

F32 = np.float32
MOTE, EXHAUST, SPARK, DEBRIS, CHUNK = 0, 1, 2, 3, 4
PARTICLE_SALT = 0xC05E71C  # keeps this stream apart from the level's own generator
MAX_STEP = 1.0 / 30.0  # s: a longer frame is moved in steps no longer than this
MAX_CATCH_UP = 0.5  # s: a longer gap (a pause, a jump) is not replayed
# the long-lived particles (motes, light debris) drift slowly: the field is worked out for
# one of at least this many parts of them per move (each part taking that many moves'
# worth), and for no more than PART_SIZE of them at once. Four turns: each mote feels the
# field every fourth frame, still fifteen times a second at 60 FPS; the couplings (at most
# 1.6/s) times four frames' time stay far below 1, so the kicks cannot overshoot. Two
# turns cost the eye 0.3 ms more a frame (0.95-1.01 against 0.66-0.70 ms, bench)
FIELD_PARTS = 4
PART_SIZE = 40_000
NONE = np.zeros(0, np.intp)
# What the push reads of the world (the field, the surges, a kind's `point_accel`): the
# parts that stay put while a world is flown, sent to the worker only when one is replaced
# (a retry), and the parts sent with every push. A kind whose `point_accel` reads more
# adds it here (tests/test_particles.py runs every level's push on a copy of only these).
# Pickling only these, not the whole world, halved what sending a push cost the frame.
STATIC = ("level", "noise")
PUSH_READS = ("steps", "dt", "time_limit", "kind", "seed", "ellipse", "surges", "state")
KEPT_WORLDS = 3  # particle sets the worker keeps attached (a menu's backdrop and a level, say)
# Handing a push to the worker costs the frame about 0.2 ms (sending it and picking the
# answer up); a part of fewer long-lived particles than this is pushed in line for less
# (measured here: 1,000-1,250 a part 0.18-0.19 ms in line; 4,500 0.39 and 12,500 0.46)
PUSH_BESIDE_MIN = 4_000
FAILED = "failed"  # the worker's answer to a push that raised there


class Kicker(Protocol):
    """Where the long-lived particles' push can be sent (the glow worker)."""

    def send_kick(self, payload: tuple) -> int | None: ...

    def kick_result(self, seq: int) -> np.ndarray | str | None: ...


def kick(world: World, pos: np.ndarray, vel: np.ndarray, dt: float, work: dict[int, np.ndarray],
         long_lived: bool) -> np.ndarray:
    """The field's (and the surges') push on `pos`, added into `vel` over `dt`. Returns
    the long-lived points flung out of the ellipse (indices into `pos`), which start
    again in the eye at the next move."""
    extra = kind_of(world.kind).point_accel(world, pos)
    # as `game.sim.debris.move_points`, with the surges' push in float32 on kept arrays
    fs = sample_field(world, pos, vel, scratch="cosmetic")
    acc = fs.acc
    if world.surges.alive.any():
        surge_push(world, pos, acc, work)
    if extra is not None:
        acc += extra
    acc *= F32(dt)
    vel += acc
    e = world.ellipse
    if long_lived and e.scale > 0.3 and not e.gone:
        return np.flatnonzero(fs.r2 > RESPAWN_R2)
    return NONE


def surge_push(world: World, pos: np.ndarray, acc: np.ndarray, work: dict[int, np.ndarray]) -> None:
    """Add the surge rings' radial push (`game.sim.field.surge_accel`) on `pos` into `acc`
    (`work`: scratch arrays by length, kept between calls)."""
    n = pos.shape[0]
    scratch = work.get(n)
    if scratch is None:
        scratch = work[n] = np.empty((3, n), np.float32)
    dx, dy, d2 = scratch
    s = world.surges
    cfg = world.level.config.ellipse
    half = cfg.surge_width * 0.5
    # the box round the particles: a ring whose band misses it is passed over (in the
    # eye four rings in five are, a ring being several times the eye's size)
    px, py = pos[:, 0], pos[:, 1]  # by column: numpy reduces rows of two 13x slower
    x0, x1, y0, y1 = float(px.min()), float(px.max()), float(py.min()), float(py.max())
    for i in np.flatnonzero(s.alive):
        radius = float(s.radius[i])
        cx, cy = float(s.x[i]), float(s.y[i])
        near = math.hypot(min(max(cx, x0), x1) - cx, min(max(cy, y0), y1) - cy)
        far = math.hypot(max(cx - x0, x1 - cx), max(cy - y0, y1 - cy))
        if radius + half < near - 1.0 or radius - half > far + 1.0:
            continue
        fade = max(0.0, 1.0 - radius / cfg.surge_range)
        np.subtract(pos[:, 0], F32(s.x[i]), out=dx)
        np.subtract(pos[:, 1], F32(s.y[i]), out=dy)
        np.multiply(dx, dx, out=d2)
        d2 += dy * dy
        inner = max(0.0, radius - half) ** 2
        k = np.flatnonzero((d2 > F32(inner)) & (d2 < F32((radius + half) ** 2)))
        if k.size == 0:
            continue
        d = np.sqrt(d2[k])
        d += F32(1e-6)
        push = F32(cfg.surge_impulse * fade) / d
        acc[k, 0] += dx[k] * push
        acc[k, 1] += dy[k] * push


class CosmeticParticles:
    """The window's particles of one world; `follow(world)` once per drawn frame."""

    def __init__(self, world: World):
        cfg = world.level.config
        p, d = cfg.particles, cfg.debris
        self.rng = np.random.Generator(np.random.PCG64(world.seed ^ PARTICLE_SALT))
        self.solid = kind_of(world.kind).debris_hurts
        chunks = min(d.chunks, d.count)
        self.debris_start = p.motes
        self.chunk_end = p.motes + chunks
        self.exhaust_start = p.motes + d.count
        self.capacity = self.exhaust_start + p.exhaust
        n = self.capacity
        self.pos = np.zeros((n, 2), np.float32)
        self.vel = np.zeros((n, 2), np.float32)
        self.life = np.zeros(n, np.float32)  # seconds left; <= 0 is a free slot (the ring)
        self.kind = np.zeros(n, np.int8)
        self.next_free = 0
        self.exhaust_debt = 0.0
        self.t = world.t
        self._work: dict[int, np.ndarray] = {}  # the surges' scratch by size: dx, dy, d2 per particle
        self._step = np.zeros((n, 2), np.float32)
        self._part = 0  # which part of the long-lived particles feels the field next
        self._lost = NONE  # long-lived slots flung out by the last push: they start again
        # the worker's side: the shared block of positions and velocities, the push sent
        # and not yet picked up, and the world's static parts the worker has of this set
        self._shm: shared_memory.SharedMemory | None = None
        self._shm_name = ""
        self._due: tuple[World, Kicker, int, int, float] | None = None  # left by `follow`
        self._out: tuple[Kicker, int, int, int, float] | None = None
        self._sent_to: Kicker | None = None
        self._in_line = False  # the push raised in the worker: never sent there again
        self._statics: dict[str, Any] = {}
        self.field_parts = max(FIELD_PARTS, math.ceil(self.exhaust_start / PART_SIZE))
        self._seed_eye(world)

    # ------------------------------------------------------------------ set-up
    def _seed_eye(self, world: World) -> None:
        """Motes and debris start inside the eye, debris already in its slow orbits."""
        n, d0, c1, d1 = self.debris_start, self.debris_start, self.chunk_end, self.exhaust_start
        if n:
            self.pos[:n] = points_in_eye(world, n, self.rng)
            self.vel[:n] = self.rng.normal(0.0, 12.0, (n, 2)).astype(np.float32)
            self.life[:n] = np.inf
            self.kind[:n] = MOTE
        if d1 > d0:
            inner = world.level.config.debris.inner_ratio
            self.pos[d0:d1] = points_in_eye(world, d1 - d0, self.rng, inner)
            self.vel[d0:d1] = orbit_velocity(world, self.pos[d0:d1])
            self.life[d0:d1] = np.inf
            self.kind[d0:d1] = DEBRIS
            self.kind[d0:c1] = CHUNK
        self.kind[d1:] = EXHAUST
        self._copy_chunks(world)

    def _copy_chunks(self, world: World) -> None:
        if self.solid and world.chunks.count:
            k = min(world.chunks.count, self.chunk_end - self.debris_start)
            self.pos[self.debris_start:self.debris_start + k] = world.chunks.pos[:k]

    # ------------------------------------------------------------------ time
    def follow(self, world: World, kicker: Kicker | None = None) -> None:
        """Catch up with the world's clock (nothing moves while it stands still); with a
        `kicker` (the glow worker), the push that ends the move is left for `send_push`,
        which hands it to the worker when the frame has room for it."""
        self._settle(world)
        gap = world.t - self.t
        self.t = world.t
        if gap <= 0.0:
            self._copy_chunks(world)
            return
        gap = min(gap, MAX_CATCH_UP)
        steps = max(1, math.ceil(gap / MAX_STEP - 1e-9))
        dt = gap / steps
        for k in range(steps):
            if k:
                self._push_part(world, dt)
            self._move(world, dt)
        self._copy_chunks(world)
        self._push_part(world, dt, kicker)

    def advance(self, world: World, dt: float) -> None:
        """One whole move of `dt`, in line (the bench's update of the particles)."""
        self._move(world, dt)
        self._push_part(world, dt)

    def _move(self, world: World, dt: float) -> None:
        """The slots flung out start again, the exhaust is emitted, the ring feels the
        field and everything moves."""
        self._respawn(world)
        self._emit_exhaust(world, dt)
        if self.capacity == 0:
            return
        e0, cap = self.exhaust_start, self.capacity
        if cap > e0:
            self._kick(world, e0, cap, dt)
        np.multiply(self.vel, F32(dt), out=self._step)
        self.pos += self._step
        ring = self.life[e0:]
        ring -= F32(dt)

    def _push_part(self, world: World, dt: float, kicker: Kicker | None = None) -> None:
        """The long-lived particles feel the field in turns: one part of them, with that
        many moves' worth of it (in the worker where one is given and can take it)."""
        e0, parts = self.exhaust_start, self.field_parts
        part = self._part
        self._part = (part + 1) % parts
        lo, hi = e0 * part // parts, e0 * (part + 1) // parts
        if hi <= lo:
            return
        if kicker is not None and not self._in_line and hi - lo >= PUSH_BESIDE_MIN:
            self._due = (world, kicker, lo, hi, dt * parts)
            return
        self._kick(world, lo, hi, dt * parts)

    def send_push(self) -> None:
        """Hand the push left by `follow` to the worker (in line where it cannot take it).
        Any time before the next move will do: nothing drawn reads the velocities."""
        due, self._due = self._due, None
        if due is not None:
            world, kicker, lo, hi, dt = due
            if not self._send(world, kicker, lo, hi, dt):
                self._kick(world, lo, hi, dt)

    def _kick(self, world: World, a: int, b: int, dt: float) -> None:
        """The field's (and the surges') push on slots [a, b) over `dt`, in line; lost
        long-lived particles (flung out of the ellipse) start again at the next move."""
        lost = kick(world, self.pos[a:b], self.vel[a:b], dt, self._work, a < self.exhaust_start)
        if lost.size:
            self._lost = lost + a

    def _respawn(self, world: World) -> None:
        lost, self._lost = self._lost, NONE
        e = world.ellipse
        if lost.size and e.scale > 0.3 and not e.gone:
            self.pos[lost] = points_in_eye(world, lost.size, self.rng)
            self.vel[lost] = orbit_velocity(world, self.pos[lost])

    # ------------------------------------------------------------------ the worker
    def _send(self, world: World, kicker: Kicker, lo: int, hi: int, dt: float) -> bool:
        """Send the push on [lo, hi) to the worker; False when it cannot take it."""
        if self._shm is None:
            self._share()
        d = world.__dict__
        fresh = self._sent_to is not kicker
        if fresh:
            self._sent_to, self._statics = kicker, {}
        statics = {k: d[k] for k in STATIC if self._statics.get(k) is not d[k]}
        dynamic = {k: d[k] for k in PUSH_READS}
        try:
            seq = kicker.send_kick((self._shm_name, self.capacity, statics or None, dynamic,
                                    lo, hi, dt, lo < self.exhaust_start))
        except (pickle.PicklingError, TypeError, AttributeError):
            # the world holds something that cannot be sent (a kind's state, say): the
            # pushes stay in line (the send pickles the whole message before writing any)
            self._in_line = True
            return False
        if seq is None:
            return False
        self._statics.update(statics)
        self._out = (kicker, seq, lo, hi, dt)
        return True

    def _settle(self, world: World) -> None:
        """Pick up the push sent to the worker last frame (or, where it failed, work it
        out in line now)."""
        if self._due is not None:  # never handed over (the frame stopped short): in line
            _, _, lo, hi, dt = self._due
            self._due = None
            self._kick(world, lo, hi, dt)
        out, self._out = self._out, None
        if out is None:
            return
        kicker, seq, lo, hi, dt = out
        lost = kicker.kick_result(seq)
        if lost is None or isinstance(lost, str):  # in line after all
            # the worker failed, or did not know this world (it is sent whole next time);
            # a push that raised there is never sent again: in line it raises on this side
            self._sent_to = None
            self._in_line = isinstance(lost, str)
            self._kick(world, lo, hi, dt)
        elif lost.size:
            self._lost = lost + lo

    def _share(self) -> None:
        """Move the positions and velocities into shared memory, for the worker."""
        n = self.capacity
        shm = shared_memory.SharedMemory(create=True, size=max(8, n * 16))
        both = np.ndarray((2, n, 2), F32, buffer=shm.buf)
        both[0] = self.pos
        both[1] = self.vel
        self.pos, self.vel = both[0], both[1]
        self._shm, self._shm_name = shm, shm.name
        weakref.finalize(self, _unlink, shm)

    # ------------------------------------------------------------------ exhaust
    def emit(self, count: int, x: float, y: float, vx: float, vy: float, spread: float,
             life: float, kind: int = EXHAUST) -> None:
        """Start `count` short-lived particles at (x, y) with velocity (vx, vy) +- spread."""
        start, cap = self.exhaust_start, self.capacity
        ring = cap - start
        if ring <= 0 or count <= 0:
            return
        count = min(count, ring)
        idx = start + (self.next_free + np.arange(count)) % ring
        self.next_free = (self.next_free + count) % ring
        rng = self.rng
        self.pos[idx] = (x, y)
        self.pos[idx] += rng.normal(0.0, 3.0, (count, 2)).astype(np.float32)
        self.vel[idx, 0] = vx
        self.vel[idx, 1] = vy
        self.vel[idx] += rng.normal(0.0, spread, (count, 2)).astype(np.float32)
        self.life[idx] = life * (0.6 + 0.4 * rng.random(count)).astype(np.float32)
        self.kind[idx] = kind

    def _emit_exhaust(self, world: World, dt: float) -> None:
        pl = world.player
        if pl.throttle == 0.0:
            self.exhaust_debt = 0.0
            return
        cfg = world.level.config.particles
        self.exhaust_debt += cfg.exhaust_rate * dt * (1.0 if not pl.dark else 0.25)
        count = int(self.exhaust_debt)
        if count <= 0:
            return
        self.exhaust_debt -= count
        b = world.bodies
        i = pl.body
        ang = float(b.angle[i])
        dirx, diry = math.cos(ang) * pl.throttle, math.sin(ang) * pl.throttle
        half = world.spec.length * 0.45
        x = float(b.pos[i, 0]) - dirx * half
        y = float(b.pos[i, 1]) - diry * half
        speed = cfg.exhaust_speed
        self.emit(count, x, y, float(b.vel[i, 0]) - dirx * speed, float(b.vel[i, 1]) - diry * speed,
                  speed * 0.12, cfg.exhaust_life, EXHAUST if not pl.dark else SPARK)


def _unlink(shm: shared_memory.SharedMemory) -> None:
    """Give a particle set's shared block back (its name; the pages go with the last map)."""
    try:
        shm.unlink()
    except FileNotFoundError:
        pass
    try:
        shm.close()
    except BufferError:  # arrays still look at it: unmapped when they go
        pass


def mirror_world(statics: dict[str, Any], dynamic: dict[str, Any]) -> World:
    """A world made of only what a push reads (`STATIC`, `PUSH_READS`), with work arrays of
    its own: the worker's copy."""
    mirror = World.__new__(World)
    mirror.field_scratch = {}
    mirror.__dict__.update(statics)
    mirror.__dict__.update(dynamic)
    return mirror


class FieldKicks:
    """The worker's side: the particle sets it has been sent (their shared positions and
    velocities, and a copy of their world), and the push on one part of them."""

    def __init__(self) -> None:
        self.sets: dict[str, tuple[shared_memory.SharedMemory, np.ndarray, World,
                                   dict[int, np.ndarray]]] = {}

    def kick(self, name: str, capacity: int, statics: dict[str, Any] | None,
             dynamic: dict[str, Any], lo: int, hi: int, dt: float,
             long_lived: bool) -> np.ndarray | None:
        """The push on slots [lo, hi) of set `name` (None: a set it does not know, sent
        without the world's static parts)."""
        entry = self.sets.get(name)
        if entry is None:
            if statics is None:
                return None
            shm = shared_memory.SharedMemory(name=name)
            both = np.ndarray((2, capacity, 2), F32, buffer=shm.buf)
            entry = (shm, both, mirror_world({}, {}), {})
            self.sets[name] = entry
            while len(self.sets) > KEPT_WORLDS:
                self.drop(next(iter(self.sets)))
        shm, both, mirror, work = entry
        if statics:
            mirror.__dict__.update(statics)
        mirror.__dict__.update(dynamic)
        return kick(mirror, both[0, lo:hi], both[1, lo:hi], dt, work, long_lived)

    def drop(self, name: str) -> None:
        entry = self.sets.pop(name, None)
        if entry is not None:
            shm = entry[0]
            del entry
            try:
                shm.close()
            except BufferError:
                pass

    def close(self) -> None:
        for name in list(self.sets):
            self.drop(name)
