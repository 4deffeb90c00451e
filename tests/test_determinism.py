"""Same seed and commands give the same run, bit for bit."""

from game.pilots import Autopilot
from game.sim import new_world, step


def run(level, seed, seconds=25.0):
    world = new_world(level, seed)
    pilot = Autopilot(level)
    while world.outcome is None and world.t < seconds:
        step(world, pilot(world))
    return world


def test_same_seed_same_state(anomaly):
    assert run(anomaly, 4).digest() == run(anomaly, 4).digest()


def test_other_seed_other_state(anomaly):
    assert run(anomaly, 4, 5.0).digest() != run(anomaly, 5, 5.0).digest()
