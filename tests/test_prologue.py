"""The prologue "Ares IV, 2032": the imager records only when aimed, the ion drive fires
once and loses to the field, the level always ends swallowed, the radio speaks in order,
and a frame shows Mars under the module."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.headless import simulate
from game.levels import check_paths, levels_dir, load_level
from game.pilots import Autopilot
from game.sim import World, new_world, step
from game.sim.kinds.prologue import SWALLOWED, record_rate


@pytest.fixture(scope="module")
def level():
    return load_level("ares_iv")


def run(world: World, seconds: float, pilot=None) -> list:
    events = []
    while world.outcome is None and world.t < seconds:
        events += step(world, pilot(world) if pilot else frozenset())
    return events


def aim_at_ellipse(world: World, offset: float = 0.0) -> None:
    e = world.ellipse
    sx, sy = world.ship_pos()
    i = world.player.body
    world.bodies.angle[i] = math.atan2(e.y - sy, e.x - sx) + offset
    world.bodies.spin[i] = 0.0


def test_the_imager_records_only_while_aimed(level):
    world = new_world(level, 1)
    emerged = level.config.ellipse.emerge_delay + level.config.ellipse.emerge_time
    run(world, emerged + 2.0)  # surfaced, still far: the module's nose points away from it
    assert world.ellipse.presence > 0.99 and world.state.r > 2.0
    assert world.state.data == 0.0 and not world.state.recording
    aim_at_ellipse(world)
    before = world.state.data
    events = run(world, world.t + 1.0)
    assert world.state.data > before + 0.5
    assert "imager_locked" in [e.kind for e in events]
    aim_at_ellipse(world, offset=math.radians(90.0))
    before = world.state.data
    events = run(world, world.t + 1.0)
    assert world.state.data == pytest.approx(before)
    assert "imager_lost" in [e.kind for e in events]


def test_nearer_records_more(level):
    world = new_world(level, 1)
    run(world, 15.0)
    near, far = record_rate(world, 1.2, 1.0), record_rate(world, 4.0, 1.0)
    assert near > far > 0.0
    assert record_rate(world, 0.95, 1.0) > near  # the shear layer is worth more
    assert record_rate(world, 1.2, 0.0) == 0.0


def test_the_ion_drive_fires_once_and_the_ellipse_still_wins(level):
    world = new_world(level, 1)
    run(world, 20.0)
    i = world.player.body
    # nose away from the ellipse, then every drop into the ion drive
    e = world.ellipse
    sx, sy = world.ship_pos()
    world.bodies.angle[i] = math.atan2(sy - e.y, sx - e.x)
    world.bodies.spin[i] = 0.0
    v0 = world.bodies.vel[i].copy()
    events = step(world, {"action"})
    assert [ev.kind for ev in events].count("ion_burn") == 1
    assert world.state.burning
    events += run(world, world.t + 2.0)
    nose = np.array([math.cos(world.bodies.angle[i]), math.sin(world.bodies.angle[i])])
    gained = float((world.bodies.vel[i] - v0) @ nose)
    assert gained > 8.0  # a real burn along the nose
    # pressing again does nothing but complain
    for _ in range(3):
        events += step(world, frozenset())
        events += step(world, {"action"})
    kinds = [ev.kind for ev in events]
    assert kinds.count("ion_burn") == 1 and kinds.count("refused") == 3
    events += run(world, 300.0)
    kinds = [ev.kind for ev in events]
    assert "ion_burnout" in kinds
    assert world.state.fuel == 0.0 and world.player.health["engines"] == 0.0
    assert world.outcome is not None
    assert (world.outcome.result, world.outcome.reason) == ("story", SWALLOWED)


def test_the_main_engine_drinks_from_the_same_tank(level):
    world = new_world(level, 1)
    while world.state.fuel > 0.0 and world.outcome is None:
        step(world, {"thrust"})  # nose away from where it surfaces: flee
    assert world.state.fuel == 0.0 and world.player.health["engines"] == 0.0
    assert world.outcome is None  # 45 s of burn, and the ellipse not there yet
    events = step(world, {"action"})
    assert "refused" in [e.kind for e in events] and not world.state.burn_used


@pytest.mark.integration
def test_idle_pilot_ends_swallowed_with_less_data_than_the_autopilot(level):
    _, idle = simulate(level, 1, pilot=lambda w: frozenset())
    world = new_world(level, 1)
    events = run(world, 400.0, Autopilot(level))
    assert idle.outcome == world.outcome.result == "story"
    assert idle.reason == world.outcome.reason == SWALLOWED
    assert world.state.data > 50.0 and world.state.data > idle.data + 40.0
    assert world.score == pytest.approx(world.state.data * level.config.prologue.points_per_data, abs=0.2)
    assert world.state.burn_used  # the autopilot makes the one attempt too
    # the radio: the timed lines before anything happens, every line once, the last word
    # as the shear takes the module
    spoken = [int(e.value) for e in events if e.kind == "radio"]
    assert spoken[:2] == [0, 1]
    assert len(spoken) == len(set(spoken)) >= 7
    assert level.config.prologue.radio[spoken[-1]].on == "shear_contact"


def test_radio_lines_need_a_time_or_an_event(tmp_path):
    text = (levels_dir() / "ares_iv.toml").read_text()
    text = text.replace('on = "emerge"\nspeaker', 'on = "emerge"\nat = 3.0\nspeaker', 1)
    text = text.replace('on = "ion_burn"', 'on = "ion_burned"', 1)
    path = tmp_path / "radio.toml"
    path.write_text(text)
    problems = check_paths([path])
    assert len(problems) == 2
    assert problems[0].endswith("prologue.radio[4]: give either at (a time) or on (an event), not both or neither")
    assert problems[1].endswith("prologue.radio[8].on: unknown event 'ion_burned' "
                                "(levels/README.md lists the events)")


def test_a_frame_shows_mars_under_the_module(level):
    import pygame
    from conftest import SIZE, rgb

    from game.app.render import WorldRenderer

    pygame.font.init()
    world = new_world(level, 1)
    run(world, 20.0, Autopilot(level))
    renderer = WorldRenderer(level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    px = rgb(surface)
    mars = renderer.view.mars
    # a patch of the disc clear of the HUD: rusty red, and no stars shine through it
    dx = 0.3 * mars.radius  # on the sunlit side
    x = int(mars.cx + dx)
    y = int(mars.cy - math.sqrt(mars.radius**2 - dx**2)) + 50
    patch = px[y:y + 30, x - 40:x + 40].reshape(-1, 3).mean(axis=0)
    assert patch[0] > 100 and patch[0] > patch[1] * 1.25 and patch[1] > patch[2] * 1.1
    # beyond the limb, black space (the stars are sparse points)
    space = px[y - 120:y - 90, x - 40:x + 40].reshape(-1, 3).mean(axis=0)
    assert space.sum() < 60
    # the imager panel and the radio panel are drawn: a line is on the air at 20 s
    from game.app.render.kinds.prologue import PrologueView
    from game.sim.kinds.prologue import radio_now

    assert isinstance(renderer.view, PrologueView)

    assert radio_now(world)[0] >= 0
