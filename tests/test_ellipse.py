"""The ellipse senses EM: it turns to the strongest source and loses a ship that goes dark."""

import math

from game.sim import new_world, step
from game.sim.ellipse import signals, wrap_angle


def test_turns_toward_the_strongest_source(anomaly):
    world = new_world(anomaly, 2)
    for _ in range(int(10 / world.dt)):  # let it surface
        step(world, ())
    b = world.bodies
    e = world.ellipse
    # the ship above the ellipse, a loud decoy below it
    b.pos[world.player.body] = (e.x, e.y - 4000)
    b.vel[world.player.body] = 0
    decoy = b.spawn(1, e.x, e.y + 4000, 0, 0, 0, 1, 1, 100)
    b.signature[decoy] = 500.0
    for _ in range(int(12 / world.dt)):
        step(world, ())
        b.pos[decoy] = (e.x, e.y + 4000)
        b.vel[decoy] = 0
    assert world.ellipse.target == decoy
    assert abs(wrap_angle(world.ellipse.heading - math.pi / 2)) < math.radians(10)
    s = signals(world)
    assert s[decoy] > s[world.player.body]


def test_loses_a_ship_that_goes_dark(anomaly):
    world = new_world(anomaly, 1)
    for _ in range(int(12 / world.dt)):
        step(world, ())
    assert world.ellipse.target == world.player.body
    step(world, ("dark", "polarity"))
    for _ in range(int(3 / world.dt)):
        step(world, ())
    assert world.player.dark and world.player.polarity_reversed
    assert world.ellipse.target == -1
    assert world.bodies.signature[world.player.body] < 3.0


def test_a_powered_ship_is_chased_and_engulfed(anomaly):
    world = new_world(anomaly, 1)
    while world.outcome is None and world.t < 120:
        step(world, ())
    assert world.outcome is not None
    assert world.outcome.result == "lost"


def test_a_hidden_ship_is_passed_over(anomaly):
    """Dark with reversed polarity before it arrives: the ellipse does not take the ship."""
    world = new_world(anomaly, 1)
    step(world, ("dark", "polarity"))
    while world.t < 90:
        step(world, ())
    assert world.outcome is None
    assert world.bodies.hull[world.player.body] > 50
