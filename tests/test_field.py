"""The ellipse's field: calm eye, turbulent band, pull outside, surges."""

import dataclasses
import math

import numpy as np
import pytest

from game.sim import new_world, step
from game.sim.field import eye_ratio_now, sample_field, surge_accel


def surfaced(level, **ellipse):
    cfg = level.config.model_copy(deep=True)
    cfg.ellipse.emerge_delay = 0.0
    cfg.ellipse.emerge_time = 0.05
    for k, v in ellipse.items():
        setattr(cfg.ellipse, k, v)
    world = new_world(dataclasses.replace(level, config=cfg), 3)
    for _ in range(12):
        step(world, ())
    assert world.ellipse.presence == 1.0
    return world


def ring_points(world, r, count=400):
    """Points at elliptical radius r all round the ellipse, in world coordinates."""
    e = world.ellipse
    a, b = e.axes
    th = np.linspace(0, 2 * np.pi, count, endpoint=False)
    u, v = r * a * np.cos(th), r * b * np.sin(th)
    c, s = math.cos(e.heading), math.sin(e.heading)
    pos = np.stack([e.x + u * c - v * s, e.y + u * s + v * c], axis=1).astype(np.float32)
    return pos


def co_moving(world, n):
    vel = np.empty((n, 2), np.float32)
    vel[:] = (world.ellipse.vx, world.ellipse.vy)
    return vel


def test_eye_is_calm(anomaly):
    world = surfaced(anomaly)
    r_eye = eye_ratio_now(world)
    pos = ring_points(world, 0.6 * r_eye)
    fs = sample_field(world, pos, co_moving(world, len(pos)))
    assert fs.eye.all() and not fs.band.any()
    # a body drifting with the ellipse inside the eye feels nothing at all
    assert np.abs(fs.acc).max() < 1e-3


def test_band_is_turbulent_and_strong(anomaly):
    world = surfaced(anomaly)
    r_mid = 0.5 * (eye_ratio_now(world) + 1.0)
    pos = ring_points(world, r_mid)
    vel = co_moving(world, len(pos))
    fs = sample_field(world, pos, vel)
    assert fs.band.all()
    rel = fs.flow - vel
    speed = np.hypot(rel[:, 0], rel[:, 1])
    # strong flow, and not the same everywhere (seeded turbulence)
    assert speed.mean() > 0.4 * world.level.config.field.shear_flow
    assert speed.std() > 0.1 * speed.mean()
    # and it changes over time
    for _ in range(120):
        step(world, ())
    pos2 = ring_points(world, r_mid)
    fs2 = sample_field(world, pos2, co_moving(world, len(pos2)))
    rel2 = fs2.flow - co_moving(world, len(pos2))
    assert np.abs(np.hypot(rel2[:, 0], rel2[:, 1]) - speed).max() > 5.0
    # the band also pulls inward (acceleration has a component toward the centre)
    toward = np.stack([world.ellipse.x - pos[:, 0], world.ellipse.y - pos[:, 1]], axis=1)
    fs_still = sample_field(world, pos, fs.flow)  # moving with the flow: only the pull is left
    assert ((fs_still.acc * toward).sum(axis=1) > 0).mean() > 0.95


def test_pull_outside_points_at_the_ellipse(anomaly):
    world = surfaced(anomaly)
    pos = ring_points(world, 2.5)
    fs = sample_field(world, pos, np.zeros_like(pos))
    toward = np.stack([world.ellipse.x - pos[:, 0], world.ellipse.y - pos[:, 1]], axis=1)
    cos = (fs.acc * toward).sum(axis=1) / (
        np.hypot(*fs.acc.T) * np.hypot(*toward.T))
    assert (cos > 0.999).all()
    # and it falls off with distance
    far = sample_field(world, ring_points(world, 5.0), np.zeros_like(pos))
    assert np.hypot(*far.acc.T).mean() < 0.5 * np.hypot(*fs.acc.T).mean()


def test_nothing_before_the_ellipse_surfaces(anomaly):
    world = new_world(anomaly, 1)
    pos = np.array([[world.ellipse.x, world.ellipse.y]], np.float32)
    fs = sample_field(world, pos, np.zeros_like(pos))
    assert np.abs(fs.acc).max() == 0.0


def test_surge_ring_pushes_outward(anomaly):
    world = surfaced(anomaly)
    world.surges.emit(0.0, 0.0)
    world.surges.radius[:] = 1000.0
    pos = np.array([[1000.0, 0.0], [0.0, -1000.0], [3000.0, 0.0]], np.float32)
    acc, hit = surge_accel(world, pos)
    assert acc[0, 0] > 0 and acc[1, 1] < 0
    assert hit[2] == 0.0 and acc[2].tolist() == [0.0, 0.0]


@pytest.mark.parametrize("threshold", [10.0, 40.0])
def test_sharp_turns_send_surges(anomaly, threshold):
    world = surfaced(anomaly, surge_threshold=threshold)
    # put the ship behind the ellipse: it must turn round to chase it, sending surges
    e = world.ellipse
    world.bodies.pos[world.player.body] = (e.x - 3000 * math.cos(e.heading) + 800,
                                           e.y - 3000 * math.sin(e.heading))
    surges = 0
    for _ in range(int(12 / world.dt)):
        surges += sum(ev.kind == "surge" for ev in step(world, ()))
    expected = int(math.degrees(math.pi * 0.8) // threshold)
    assert surges >= max(1, expected - 1)
