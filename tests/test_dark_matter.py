"""Dark matter: the tractor link, the unseen asteroid, the shock front, the three endings."""

import dataclasses
import math

import numpy as np
import pytest

from game.headless import Recording, simulate
from game.levels import load_level
from game.pilots import Autopilot
from game.sim import new_world, step
from game.sim.kinds.dark_matter import OUT_WITH_MODULE, OUT_WITHOUT_MODULE, countdown, shock_accel


@pytest.fixture(scope="module")
def dm():
    return load_level("dark_matter")


def with_config(level, **sections):
    cfg = level.config.model_copy(deep=True)
    for section, values in sections.items():
        for k, v in values.items():
            setattr(getattr(cfg, section), k, v)
    return dataclasses.replace(level, config=cfg)


def test_starts_towing_the_module(dm):
    world = new_world(dm, 1)
    assert world.tractor.target == world.module >= 0
    assert world.player.tractor


def test_the_load_slows_the_shuttle(dm):
    def speed_after(level, seconds=2.0):
        world = new_world(level, 1)
        for _ in range(int(seconds / world.dt)):
            step(world, ("thrust",))
        return float(np.hypot(*world.bodies.vel[world.player.body]))

    free = with_config(dm, tractor={"locked_at_start": False})
    assert speed_after(dm) < 0.5 * speed_after(free)


def test_the_link_is_a_spring(dm):
    world = new_world(dm, 1)
    step(world, ())
    j = world.tractor.target
    # pull the module 5 m further away along the link: the tension grows with the stretch
    i = world.player.body
    d = world.bodies.pos[j] - world.bodies.pos[i]
    world.bodies.pos[j] += 5.0 * d / np.linalg.norm(d)
    step(world, ())
    k = dm.config.tractor.stiffness
    assert world.tractor.tension == pytest.approx(k * (world.tractor.length - dm.config.tractor.rest_length),
                                                  rel=0.25)


def test_the_beam_breaks_over_its_break_tension(dm):
    weak = with_config(dm, tractor={"break_tension": 300.0})
    world = new_world(weak, 1)
    kinds = []
    for _ in range(int(3 / world.dt)):
        kinds += [e.kind for e in step(world, ("thrust",))]
    assert "beam_broken" in kinds and world.tractor.target == -1 and not world.player.tractor


def test_a_pull_across_the_hull_spins_the_ship(dm):
    tail_heavy = with_config(dm, tractor={"attach_offset": 1.0})
    world = new_world(tail_heavy, 1)
    j = world.tractor.target
    i = world.player.body
    # put the module off to the side: the pull acts behind the centre and turns the ship
    from game.sim.tractor import attach_point

    ax, ay = attach_point(world)
    world.bodies.pos[j] = (ax + dm.config.tractor.rest_length + 3.0, ay)
    world.bodies.vel[j] = world.bodies.vel[i]
    angle0 = float(world.bodies.angle[i])
    for _ in range(60):
        step(world, ())
    # the stabiliser cannot hold it: the load swings the ship round
    assert abs(float(world.bodies.angle[i]) - angle0) > 0.15


def test_asteroid_closes_on_a_countdown_and_strikes(dm):
    world = new_world(dm, 1)
    impact_at = dm.config.asteroid.impact_time
    assert countdown(world) == pytest.approx(impact_at)
    seen = []
    while world.outcome is None and world.t < impact_at + 1:
        for ev in step(world, ()):
            seen.append((round(world.t, 2), ev.kind))
    assert any(kind == "impact" and abs(t - impact_at) < 0.05 for t, kind in seen)
    ast = world.state.asteroid
    a, b = world.ellipse.axes
    r2 = float(world.elliptical_r2(ast.shock_x, ast.shock_y))
    assert 0.8 < r2 < 1.3  # it struck the ellipse's surface


def test_shock_front_pushes_outward_and_decays(dm):
    world = new_world(dm, 1)
    ast = world.state.asteroid
    ast.impacted, ast.shock_x, ast.shock_y = True, 0.0, 0.0
    ast.shock_radius = 500.0
    near = np.array([[500.0, 0.0]], np.float32)
    acc_near, hit = shock_accel(world, near)
    assert acc_near[0, 0] > 0 and hit[0] > 0
    ast.shock_radius = 5000.0
    acc_far, _ = shock_accel(world, np.array([[5000.0, 0.0]], np.float32))
    assert 0 < acc_far[0, 0] < 0.5 * acc_near[0, 0]
    miss, hit2 = shock_accel(world, np.array([[3000.0, 0.0]], np.float32))
    assert miss[0, 0] == 0 and hit2[0] == 0


@pytest.mark.integration
def test_idle_pilot_is_caught_and_the_story_goes_on(dm):
    world, summary = simulate(dm, 1, Recording("dark_matter", 1, []).pilot())
    assert summary.outcome == "story", summary
    assert "shock" in summary.reason
    assert summary.next == "salvage"  # campaign.toml: caught by the shock wave, adrift in the core
    knocked = world.state.asteroid.knocked_out
    assert "tractor" in knocked and len(knocked) == dm.config.shock.systems_knocked_out + 1
    for name in knocked:
        assert world.player.health[name] == 0.0
    # the seed chooses which systems: the same seed the same ones
    world2, _ = simulate(dm, 1, Recording("dark_matter", 1, []).pilot())
    assert world2.state.asteroid.knocked_out == knocked


@pytest.mark.integration
@pytest.mark.parametrize("seed", [2, 3])
def test_autopilot_can_bring_the_module_out(dm, seed):
    _, summary = simulate(dm, seed, Autopilot(dm, "keep"))
    assert summary.outcome == "won" and summary.reason == OUT_WITH_MODULE, summary


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 4])
def test_autopilot_can_take_the_safe_ending(dm, seed):
    _, safe = simulate(dm, seed, Autopilot(dm, "drop"))
    assert safe.outcome == "won" and safe.reason == OUT_WITHOUT_MODULE, safe
    _, best = simulate(dm, 3, Autopilot(dm, "keep"))
    assert best.score > safe.score + dm.config.scoring.module_out * 0.8


@pytest.mark.integration
def test_autopilot_auto_strategy_wins(dm):
    _, summary = simulate(dm, 5)
    assert summary.outcome == "won", summary


def test_unknown_strategy_is_refused(dm):
    with pytest.raises(ValueError):
        Autopilot(dm, "heroic")
    assert math.isfinite(dm.config.asteroid.impact_time)
