"""Where the player's ship is heading: its path over the next seconds, for the overlay.

`predict_path` flies a copy of the ship alone through the ellipse's field with the
commands held now, using the simulation's own pieces (`sample_field`, `surge_accel`,
`ship_forces`, `integrate_bodies`, `update_surges`) on a stand-in world, so what it
shows follows the rules the level really runs on. It never writes to the real world
and never draws from its generator: a level's digest is the same with or without it.

What it leaves out, on purpose: the ellipse keeps its present course and speed (it
does not steer after the ship), other bodies (probe, module, tractor link, shock
front) are not flown, toggles keep their present state, and there is no damage.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from game.sim.ellipse import update_surges
from game.sim.field import sample_field, surge_accel
from game.sim.ship import integrate_bodies, ship_forces
from game.sim.world import Bodies, Surges, World

_OWN = frozenset({
    "_world", "steps", "dt", "t0", "bodies", "player", "ellipse", "surges", "rng",
    "field_scratch",
})


class _Ghost:
    """A stand-in World: its own ship, ellipse, surges, clock and generator; every other
    attribute is read from the real world (the level, the noise field)."""

    def __init__(self, world: World, held: frozenset[str], dt: float):
        i = world.player.body
        b = world.bodies
        self._world = world
        self.t0 = world.t
        self.steps = 0
        self.dt = dt
        ship = Bodies(capacity=1)
        for name in ("pos", "vel", "angle", "spin", "mass", "inertia", "hull", "signature",
                     "grip", "alive", "kind"):
            getattr(ship, name)[0] = getattr(b, name)[i]
        self.bodies = ship
        pl = world.player
        self.player = dataclasses.replace(
            pl, body=0, health=dict(pl.health), draw=dict(pl.draw),
            throttle=float("thrust" in held) - float("reverse" in held),
            turning=float("turn_right" in held) - float("turn_left" in held),
        )
        self.ellipse = dataclasses.replace(world.ellipse)
        surges = Surges(world.surges.alive.shape[0])
        for name in ("x", "y", "radius", "alive"):
            getattr(surges, name)[:] = getattr(world.surges, name)
        self.surges = surges
        # anything that would draw from the generator draws from a copy of it
        self.rng = copy.deepcopy(world.rng)
        self.field_scratch: dict = {}

    def __getattr__(self, name: str) -> Any:
        if name == "_world":
            raise AttributeError(name)
        return getattr(self._world, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in _OWN:
            raise AttributeError(f"the prediction may not set world.{name}")
        object.__setattr__(self, name, value)

    @property
    def t(self) -> float:
        return self.t0 + self.steps * self.dt

    @property
    def time_left(self) -> float:
        return max(0.0, self.time_limit - self.t)

    @property
    def ship_index(self) -> int:
        return 0

    def ship_pos(self) -> tuple[float, float]:
        p = self.bodies.pos[0]
        return float(p[0]), float(p[1])


def predict_path(world: World, commands: Iterable[str], seconds: float = 4.0, every: float = 0.1,
                 dt: float | None = None) -> np.ndarray:
    """The ship's predicted positions (m) with `commands` held for `seconds`.

    Returns an (n + 1, 2) float32 array: row 0 is where the ship is now, row k where it
    will be after k * `every` seconds. `dt` is the longest integration step (the
    simulation's own by default; a coarser one is cheaper and a little less exact); it
    is shortened so that a whole number of steps makes up `every`.
    """
    points = list(iter_path(world, commands, seconds, every, dt))
    out = np.array(points, np.float32).reshape(-1, 2)
    if not np.all(np.isfinite(out)):
        out = out[: int(np.argmin(np.isfinite(out).all(axis=1)))]
    return out


def iter_path(world: World, commands: Iterable[str], seconds: float = 4.0, every: float = 0.1,
              dt: float | None = None) -> Iterator[tuple[float, float]]:
    """`predict_path` one point at a time, so a caller can spread the work over frames.

    The ship's state is copied when the first point is asked for; the world may move on
    meanwhile without changing what this yields.
    """
    every = float(every)
    if every <= 0.0:
        raise ValueError("every must be positive")
    n = max(1, int(round(seconds / every)))
    # whole steps per sample, none longer than asked: the samples fall exactly `every` apart
    per_sample = max(1, math.ceil(every / float(world.dt if dt is None else dt) - 1e-9))
    step_dt = every / per_sample
    ghost = _Ghost(world, frozenset(commands), step_dt)
    b = ghost.bodies
    e = ghost.ellipse
    yield float(b.pos[0, 0]), float(b.pos[0, 1])
    acc = np.zeros((1, 2), np.float32)
    alpha = np.zeros(1, np.float32)
    moving = e.presence > 0.0 and not e.gone
    surging = bool(ghost.surges.alive.any())
    for _ in range(n):
        for _ in range(per_sample):
            if moving:
                e.x += e.vx * step_dt
                e.y += e.vy * step_dt
            # the ghost's own scratch arrays: reused between its steps, never the world's
            fs = sample_field(ghost, b.pos, b.vel, b.grip, scratch="predict")  # type: ignore[arg-type]
            own_acc, own_alpha = ship_forces(ghost)  # type: ignore[arg-type]
            acc[0] = fs.acc[0] + own_acc
            if surging:
                update_surges(ghost, step_dt)  # type: ignore[arg-type]
                sacc, _ = surge_accel(ghost, b.pos)  # type: ignore[arg-type]
                acc[0] += sacc[0] * b.grip[0]
                surging = bool(ghost.surges.alive.any())
            alpha[0] = own_alpha
            integrate_bodies(ghost, acc, alpha, step_dt)  # type: ignore[arg-type]
            ghost.steps += 1
        yield float(b.pos[0, 0]), float(b.pos[0, 1])
