"""The window's cosmetic particles: fed by the world, moved by its field, never part of it."""

import numpy as np
import pytest

from game.app.render.particles import EXHAUST, CosmeticParticles
from game.levels import load_level
from game.pilots import Autopilot
from game.run import Run
from game.sim import new_world

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def flown(level_id: str, seconds: float, follow_every: int = 0, pilot=None):
    level = load_level(level_id)
    world = new_world(level, 2)
    particles = CosmeticParticles(world)
    subscribers = []
    if follow_every:
        subscribers.append(lambda w, _events: particles.follow(w) if w.steps % follow_every == 0 else None)
    Run(world, pilot or Autopilot(level), subscribers=subscribers).run_until(seconds)
    return world, particles


def test_the_simulation_carries_no_cosmetic_particles():
    world = new_world(load_level("eye_of_the_storm"), 1)
    assert not hasattr(world, "particles")
    # only the solid chunks (they can hurt the ship) are simulated
    cfg = world.level.config.debris
    assert world.chunks.count == min(cfg.chunks, cfg.count) < cfg.count


def test_following_the_world_never_changes_it():
    watched, _ = flown("eye_of_the_storm", 20.0, follow_every=2)
    alone, _ = flown("eye_of_the_storm", 20.0)
    assert watched.digest() == alone.digest()


def test_motes_and_debris_stay_in_the_eye_and_drift():
    world, particles = flown("eye_of_the_storm", 20.0, follow_every=2)
    start = particles.pos[: particles.exhaust_start].copy()
    for _ in range(60):
        world.steps += 2  # the clock moves on; the particles catch up frame by frame
        particles.follow(world)
    held = particles.pos[: particles.exhaust_start]
    r2 = world.elliptical_r2(held[:, 0], held[:, 1])
    assert (r2 < 1.0).mean() > 0.9
    assert np.median(np.hypot(*(held - start).T)) > 1.0


def test_thrust_leaves_an_exhaust_trail_and_it_fades():
    world, particles = flown("anomaly", 3.0, follow_every=2, pilot=lambda _w: frozenset({"thrust"}))
    ring = particles.life[particles.exhaust_start:]
    lit = int((ring > 0).sum())
    assert lit > 20 and (particles.kind[particles.exhaust_start:][ring > 0] == EXHAUST).all()
    world.player.throttle = 0.0
    for _ in range(120):
        world.steps += 2
        particles.follow(world)
    assert int((particles.life[particles.exhaust_start:] > 0).sum()) == 0


def test_a_paused_world_holds_its_particles_still():
    world, particles = flown("eye_of_the_storm", 12.0, follow_every=2)
    before = particles.pos.copy()
    for _ in range(10):
        particles.follow(world)  # drawn again and again, no step between
    assert np.array_equal(before, particles.pos)


def test_a_crowd_of_motes_feels_the_field_in_turns_and_every_one_in_time():
    """The long-lived particles feel the field in parts of at most PART_SIZE (two parts at
    least); over one round of moves every one of them has been pushed once."""
    from game.app.render.particles import FIELD_PARTS, PART_SIZE
    from game.bench import _variant_motes

    level = _variant_motes(load_level("eye_of_the_storm"), 100_000)
    world = new_world(level, 2)
    particles = CosmeticParticles(world)
    long_lived = particles.exhaust_start
    assert particles.field_parts == max(FIELD_PARTS, -(-long_lived // PART_SIZE)) == 4
    assert CosmeticParticles(new_world(load_level("eye_of_the_storm"), 2)).field_parts == FIELD_PARTS
    pushed = np.zeros(long_lived, bool)
    calls = []
    real_kick = particles._kick

    def kick(w, a, b, dt):
        calls.append((a, b, dt))
        real_kick(w, a, b, dt)

    particles._kick = kick
    for _ in range(particles.field_parts):
        particles.advance(world, 1.0 / 60.0)
    for a, b, dt in calls:
        if a < long_lived:
            assert b - a <= PART_SIZE and dt == pytest.approx(particles.field_parts / 60.0)
            pushed[a:b] = True
    assert pushed.all()


def test_surge_rings_push_the_particles_as_the_simulation_does_and_distant_rings_are_passed_over():
    """The window's surge push (which passes over rings whose band misses the box round
    the particles) gives what `game.sim.field.surge_accel` gives, ring by ring."""
    from game.app.render.particles import surge_push
    from game.sim.field import surge_accel

    world = new_world(load_level("eye_of_the_storm"), 2)
    particles = CosmeticParticles(world)
    pos = particles.pos[: particles.exhaust_start]
    x0, y0 = pos.min(axis=0)
    x1, y1 = pos.max(axis=0)
    cx, cy = float(x0 + x1) / 2, float(y0 + y1) / 2
    span = float(max(x1 - x0, y1 - y0))
    half = world.level.config.ellipse.surge_width * 0.5
    rings = [
        (cx, cy, span * 0.25),  # its band cuts through the cloud
        (cx + span * 3, cy, span),  # short of the box
        (cx, cy, span * 2),  # gone past every particle
        (float(x1) + half * 0.5 + span, cy, span),  # its band just reaches the box's edge
    ]
    s = world.surges
    tried = []
    real = np.flatnonzero

    for x, y, r in rings:
        s.alive[:] = False
        s.emit(x, y)
        s.radius[0] = r
        acc = np.zeros_like(pos)
        calls = []

        def counting(a, _calls=calls):
            _calls.append(1)
            return real(a)

        np.flatnonzero = counting
        try:
            surge_push(world, pos, acc, {})
        finally:
            np.flatnonzero = real
        expected, hit = surge_accel(world, pos)
        np.testing.assert_allclose(acc, expected, rtol=1e-5, atol=1e-6)
        tried.append((len(calls) > 1, int((hit > 0).sum())))  # one call lists the live rings
    assert tried[0][0] and tried[0][1] > 100  # worked out, and it pushed many
    assert tried[1] == (False, 0) and tried[2] == (False, 0)  # passed over: they touch none
    assert tried[3][0]  # a band reaching into the box is worked out, whatever it touches


@pytest.mark.parametrize("level_id, at", [
    ("ares_iv", 25.0), ("anomaly", 20.0), ("eye_of_the_storm", 25.0), ("dark_matter", 24.8),
    ("salvage", 85.0), ("escape", 38.0), ("survival", 60.0)])
def test_every_kinds_push_reads_only_what_the_worker_is_sent(level_id, at):
    """The worker pushes the particles on a copy of only part of the world (`STATIC` and
    `PUSH_READS`): on that copy every level's push (the field, the surges, its kind's
    `point_accel`) gives what it gives on the whole world, to the bit. A kind that reads
    more of the world fails here (dark matter at 24.8 s: its shock front in the motes)."""
    from game.app.render.particles import PUSH_READS, STATIC, kick, mirror_world

    world, particles = flown(level_id, at, follow_every=2)
    d = world.__dict__
    copy = mirror_world({k: d[k] for k in STATIC}, {k: d[k] for k in PUSH_READS})
    e0, parts = particles.exhaust_start, particles.field_parts
    assert e0 > 0  # every level has long-lived particles (4,000 in survival to 50,000 in the eye)
    results = []
    for w in (world, copy):
        pos = particles.pos[:e0].copy()
        vel = particles.vel[:e0].copy()
        lost = kick(w, pos, vel, parts / 60.0, {}, True)
        results.append((vel, lost))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    assert not np.array_equal(results[0][0], particles.vel[:e0])  # it pushed them
