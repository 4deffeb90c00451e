"""Dark matter: the tractor link, the unseen asteroid, the shock front, the three endings."""

import dataclasses
import math

import numpy as np
import pytest

from game.headless import Recording, simulate
from game.levels import load_level
from game.pilots import Autopilot
from game.sim import new_world, step
from game.sim.kinds import kind_of
from game.sim.kinds.dark_matter import (
    AT_SURFACE_WITH_MODULE,
    CAUGHT_ALONE,
    countdown,
    shock_accel,
    shock_hits_player,
    systems_phrase,
    tow_eta,
)


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

    calm = with_config(dm, player={"y": 300.0})  # in the calm eye: the shear layer's flow aside
    free = with_config(calm, tractor={"locked_at_start": False})
    assert speed_after(calm) < 0.5 * speed_after(free)


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
        for ev in step(world, ("modify_shields",) if world.steps == 0 else ()):  # or the shear wins
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


def shields_only(world):
    """A pilot who modifies the shields on the first step and then touches nothing."""
    return frozenset({"modify_shields"}) if world.steps == 0 else frozenset()


@pytest.mark.integration
def test_the_impact_comes_on_every_road_and_the_story_goes_on(dm):
    world, summary = simulate(dm, 1, shields_only)
    assert summary.outcome == "story", summary
    assert "shock" in summary.reason
    assert summary.next == "salvage"  # campaign.toml: every road passes the salvage
    knocked = world.state.asteroid.knocked_out
    assert "tractor" in knocked and len(knocked) == dm.config.shock.systems_knocked_out + 1
    for name in knocked:
        assert world.player.health[name] == 0.0
    # what it carries into the salvage: the module far (she was not at the surface), hull, systems
    assert summary.measures["module_distance"] == dm.config.shock.module_far
    assert summary.measures["systems"] == knocked
    assert summary.measures["hull"] == summary.hull
    # the seed chooses which systems: the same seed the same ones
    world2, _ = simulate(dm, 1, shields_only)
    assert world2.state.asteroid.knocked_out == knocked


def test_the_shock_caption_names_exactly_the_systems_knocked_out(dm):
    from game.run import Captions
    from game.sim.world import Event

    captions = Captions(dm.config.captions)
    captions(new_world(dm, 1), [Event("shock_hit", note=systems_phrase(["comms", "sensors", "tractor"]))])
    text = " ".join(captions.texts())
    assert "Comms, sensors and the tractor beam knocked out" in text
    assert "engines" not in text.lower() and "shields" not in text.lower()


@pytest.mark.integration
def test_the_autopilot_holds_her_at_the_surface_for_the_best_ending(dm):
    _, summary = simulate(dm, 1, Autopilot(dm, "keep"))
    assert summary.outcome == "won" and summary.reason == AT_SURFACE_WITH_MODULE, summary
    assert summary.next == "salvage"
    assert summary.measures["module_distance"] == dm.config.shock.module_close


@pytest.mark.integration
def test_letting_her_go_is_the_story_ending_and_scores_less(dm):
    _, safe = simulate(dm, 1, Autopilot(dm, "drop"))
    assert safe.outcome == "story" and safe.reason == CAUGHT_ALONE, safe
    assert safe.next == "salvage"
    _, best = simulate(dm, 1, Autopilot(dm, "keep"))
    assert best.score > safe.score + dm.config.scoring.module_out * 0.8


def test_unknown_strategy_is_refused(dm):
    with pytest.raises(ValueError):
        Autopilot(dm, "heroic")
    assert math.isfinite(dm.config.asteroid.impact_time)


def _front_damage_at(level, y: float) -> float:
    """Hull the front takes off a ship at (0, y) on the ellipse's short axis (what it had, at
    most)."""
    world = new_world(level, 1)
    while world.ellipse.presence < 1.0:  # the ellipse surfaces
        step(world, ())
    i = world.player.body
    world.bodies.pos[i] = (0.0, y)
    before = float(world.bodies.hull[i])
    shock_hits_player(world, 1.0, [])
    return before - float(world.bodies.hull[i])


def test_the_front_hits_harder_the_deeper_it_catches_the_ship(dm):
    shock, e = dm.config.shock, dm.config.ellipse
    b = e.semi_minor
    at_band = _front_damage_at(dm, b * (shock.surface_band + 0.02))
    halfway = _front_damage_at(dm, b * 0.5 * (shock.surface_band + e.eye_ratio))
    in_eye = _front_damage_at(dm, b * e.eye_ratio * 0.5)
    assert at_band == pytest.approx(shock.hull_damage)
    assert halfway == pytest.approx(shock.hull_damage + 0.5 * shock.deep_hull_damage, abs=0.5)
    assert shock.hull_damage + shock.deep_hull_damage >= 100.0  # caught at the eye, the hull goes
    assert in_eye > 95.0  # all it had left


def _hull_after(level, seconds: float, commands: tuple[str, ...]) -> float:
    world = new_world(level, 1)
    for _ in range(int(seconds / world.dt)):
        step(world, commands if world.steps == 0 else ())
    return float(world.bodies.hull[world.player.body])


def test_the_shear_wears_an_unmodified_hull_steadily(dm):
    wear = dm.config.field.shear_wear
    assert wear > 0
    worn, unworn = dm, with_config(dm, field={"shear_wear": 0.0})
    # the start's speed against the flow aside, the wear is the difference: steady, predictable
    lost = _hull_after(unworn, 4.0, ()) - _hull_after(worn, 4.0, ())
    assert lost == pytest.approx(4.0 * wear, rel=0.1)
    # modified shields hold off all but a small share of it
    lost_mod = _hull_after(unworn, 4.0, ("modify_shields",)) - _hull_after(worn, 4.0, ("modify_shields",))
    assert 0.0 < lost_mod < 0.15 * lost


def test_the_readout_averages_the_climb(dm):
    world = new_world(dm, 1)
    for _ in range(int(3.0 / world.dt)):
        step(world, ("modify_shields",) if world.steps == 0 else ("thrust",))
    eta = tow_eta(world)
    assert 0.0 < eta < math.inf
    # one step's jolt inward does not throw the readout to "never"
    i = world.player.body
    world.bodies.vel[i] *= -1.0
    step(world, ())
    assert tow_eta(world) < 3.0 * eta


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_idle_loses_every_seed_and_dropping_her_survives(dm, seed):
    _, idle = simulate(dm, seed, Recording("dark_matter", seed, []).pilot())
    assert idle.outcome == "lost" and idle.next == "retry", idle
    _, safe = simulate(dm, seed, Autopilot(dm, "drop"))
    assert safe.outcome == "story" and safe.reason == CAUGHT_ALONE and safe.hull > 0, safe
    assert safe.measures["module_distance"] == dm.config.shock.module_far


@pytest.mark.integration
@pytest.mark.parametrize("seed", [2, 3])
def test_the_autopilot_and_a_practised_person_win_and_beat_the_countdown(dm, seed):
    from game.headless import pilot_for

    for pilot in ("autopilot", "human:0.25"):
        world, summary = simulate(dm, seed, pilot_for(dm, pilot))
        assert summary.outcome == "won", (pilot, summary)
        # the clock the balance report counts: the countdown left when the tow reached the band
        left, of = kind_of("dark_matter").clock(world)
        reached = world.state.asteroid.band_reached_at
        assert of == dm.config.asteroid.impact_time
        assert 0.0 < reached < of and left == pytest.approx(of - reached)
        assert 0.05 < left / of < 0.6
