"""Copies of what moves between two simulation steps, so frames can be interpolated.

The window loop runs the simulation at a fixed rate and draws whenever it can; a frame
drawn between two steps blends the previous step's `Snapshot` with the current world
(alpha in [0, 1]). Particles are not interpolated: at 120 steps a second nobody sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.sim.world import World


@dataclass(slots=True)
class Snapshot:
    """Positions and angles of the bodies and the ellipse at one step."""

    t: float
    pos: np.ndarray  # (capacity, 2) float32
    angle: np.ndarray  # (capacity,) float32
    alive: np.ndarray  # (capacity,) bool
    ellipse_x: float
    ellipse_y: float
    ellipse_heading: float
    ellipse_scale: float
    camera_x: float  # what the camera follows: the player's ship
    camera_y: float


def take_snapshot(world: World) -> Snapshot:
    b = world.bodies
    e = world.ellipse
    sx, sy = world.ship_pos()
    return Snapshot(
        t=world.t, pos=b.pos.copy(), angle=b.angle.copy(), alive=b.alive.copy(),
        ellipse_x=e.x, ellipse_y=e.y, ellipse_heading=e.heading, ellipse_scale=e.scale,
        camera_x=sx, camera_y=sy,
    )


def lerp_angle(a: float, b: float, alpha: float) -> float:
    """Blend two angles (radians) the short way round."""
    d = (b - a + math.pi) % (2.0 * math.pi) - math.pi
    return a + d * alpha


@dataclass(slots=True)
class View:
    """What one frame draws: the world's moving parts blended at `alpha`."""

    t: float
    pos: np.ndarray
    angle: np.ndarray
    ellipse_x: float
    ellipse_y: float
    ellipse_heading: float
    ellipse_scale: float
    camera_x: float
    camera_y: float

    @classmethod
    def blend(cls, world: World, prev: Snapshot | None, alpha: float) -> View:
        cur = take_snapshot(world)
        alpha = min(1.0, max(0.0, float(alpha)))
        if prev is None or alpha >= 1.0 or prev.pos.shape != cur.pos.shape:
            return cls(cur.t, cur.pos, cur.angle, cur.ellipse_x, cur.ellipse_y,
                       cur.ellipse_heading, cur.ellipse_scale, cur.camera_x, cur.camera_y)
        both = (prev.alive & cur.alive)[:, None]
        pos = cur.pos + (cur.pos - prev.pos) * np.float32(alpha - 1.0) * both
        d = (cur.angle - prev.angle + np.float32(math.pi)) % np.float32(2 * math.pi)
        d -= np.float32(math.pi)
        angle = cur.angle + d * np.float32(alpha - 1.0) * both[:, 0]

        def mix(a: float, b: float) -> float:
            return a + (b - a) * alpha

        return cls(
            t=mix(prev.t, cur.t), pos=pos.astype(np.float32), angle=angle.astype(np.float32),
            ellipse_x=mix(prev.ellipse_x, cur.ellipse_x),
            ellipse_y=mix(prev.ellipse_y, cur.ellipse_y),
            ellipse_heading=lerp_angle(prev.ellipse_heading, cur.ellipse_heading, alpha),
            ellipse_scale=mix(prev.ellipse_scale, cur.ellipse_scale),
            camera_x=mix(prev.camera_x, cur.camera_x), camera_y=mix(prev.camera_y, cur.camera_y),
        )
