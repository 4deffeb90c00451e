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
"""

from __future__ import annotations

import math

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
    def follow(self, world: World) -> None:
        """Catch up with the world's clock (nothing moves while it stands still)."""
        gap = world.t - self.t
        self.t = world.t
        if gap <= 0.0:
            self._copy_chunks(world)
            return
        gap = min(gap, MAX_CATCH_UP)
        steps = max(1, math.ceil(gap / MAX_STEP - 1e-9))
        for _ in range(steps):
            self.advance(world, gap / steps)
        self._copy_chunks(world)

    def advance(self, world: World, dt: float) -> None:
        self._emit_exhaust(world, dt)
        if self.capacity == 0:
            return
        # the long-lived particles feel the field in turns (one part of them per move, with
        # that many moves' worth of it), the short-lived ring every move; all of them move
        e0, cap = self.exhaust_start, self.capacity
        part, parts = self._part, self.field_parts
        self._part = (part + 1) % parts
        lo, hi = e0 * part // parts, e0 * (part + 1) // parts
        for a, b, kick in ((lo, hi, dt * parts), (e0, cap, dt)):
            if b > a:
                self._kick(world, a, b, kick)
        np.multiply(self.vel, F32(dt), out=self._step)
        self.pos += self._step
        ring = self.life[e0:]
        ring -= F32(dt)

    def _kick(self, world: World, a: int, b: int, dt: float) -> None:
        """The field's (and the surges') push on slots [a, b) over `dt`; lost long-lived
        particles (flung out of the ellipse) start again in the eye."""
        pos, vel = self.pos[a:b], self.vel[a:b]
        extra = kind_of(world.kind).point_accel(world, pos)
        # as `game.sim.debris.move_points`, with the surges' push in float32 on kept arrays
        fs = sample_field(world, pos, vel, scratch="cosmetic")
        acc = fs.acc
        if world.surges.alive.any():
            self._surge_push(world, pos, acc)
        if extra is not None:
            acc += extra
        acc *= F32(dt)
        vel += acc
        e = world.ellipse
        if a < self.exhaust_start and e.scale > 0.3 and not e.gone:
            lost = np.flatnonzero(fs.r2 > RESPAWN_R2)
            if lost.size:
                lost += a
                self.pos[lost] = points_in_eye(world, lost.size, self.rng)
                self.vel[lost] = orbit_velocity(world, self.pos[lost])

    def _surge_push(self, world: World, pos: np.ndarray, acc: np.ndarray) -> None:
        """Add the surge rings' radial push (`game.sim.field.surge_accel`) on `pos` into `acc`."""
        n = pos.shape[0]
        work = self._work.get(n)
        if work is None:
            work = self._work[n] = np.empty((3, n), np.float32)
        dx, dy, d2 = work
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
