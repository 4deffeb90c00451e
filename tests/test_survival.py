"""Survival: a seeded endless field (same seed, same rocks, wherever you fly), bounces that
hurt, data from anomalies, a hunt that quickens, the autopilot lasting a while, and a
frame of the field."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from game.headless import simulate
from game.levels import check_paths, levels_dir, load_level
from game.sim import World, new_world, step
from game.sim.kinds.survival import asteroid_positions, data_left, refresh, region


@pytest.fixture(scope="module")
def level():
    return load_level("survival")


def with_survival(level, **changes):
    """The level with some of its survival (or ellipse) tunables changed."""
    cfg = level.config
    ellipse = {k: v for k, v in changes.items() if k in type(cfg.ellipse).model_fields}
    surv = {k: v for k, v in changes.items() if k not in ellipse}
    new = cfg.model_copy(update={"survival": cfg.survival.model_copy(update=surv),
                                 "ellipse": cfg.ellipse.model_copy(update=ellipse)})
    return dataclasses.replace(level, config=new)


def test_a_region_is_a_function_of_the_seed_and_its_coordinates(level):
    cfg = level.config.survival
    a, b = region(7, 3, -2, cfg), region(7, 3, -2, cfg)
    for key in ("x", "y", "radius", "phase", "shape"):
        assert np.array_equal(a[key], b[key])
    assert a["anomaly"] == b["anomaly"]
    other_place, other_seed = region(7, 4, -2, cfg), region(8, 3, -2, cfg)
    for other in (other_place, other_seed):
        same = a["x"].shape == other["x"].shape and np.allclose(a["x"] % cfg.cell_size,
                                                                  other["x"] % cfg.cell_size)
        assert not same
    # every rock lies (with its drift) inside its own region
    size = cfg.cell_size
    reach = a["radius"] + cfg.wobble
    assert np.all((a["x"] - reach >= 3 * size) & (a["x"] + reach <= 4 * size))


def test_the_field_round_the_ship_is_the_same_wherever_it_has_flown(level):
    one, two = new_world(level, 5), new_world(level, 5)
    i = one.player.body
    # the second ship takes a long way round before arriving at the same place
    for x, y in ((40000.0, -9000.0), (-15000.0, 22000.0), (8000.0, 8000.0)):
        two.bodies.pos[i] = (x, y)
        refresh(two)
    one.bodies.pos[i] = two.bodies.pos[i] = (8000.0, 8000.0)
    refresh(one)
    refresh(two)
    assert one.state.centre == two.state.centre
    for name in ("base", "radius", "alive", "anomaly_alive"):
        assert np.array_equal(getattr(one.state, name), getattr(two.state, name))
    # a different seed, a different field
    three = new_world(level, 6)
    three.bodies.pos[i] = (8000.0, 8000.0)
    refresh(three)
    assert not np.array_equal(one.state.base[one.state.alive][:3],
                              three.state.base[three.state.alive][:3])
    # and the start is clear of rocks
    start = new_world(level, 5)
    pos, _ = asteroid_positions(start)
    d = np.hypot(pos[:, 0], pos[:, 1])[start.state.alive]
    assert d.min() > level.config.survival.clear_start - level.config.survival.wobble


def test_hitting_an_asteroid_bounces_and_hurts(level):
    world = new_world(level, 1)
    st = world.state
    j = int(np.flatnonzero(st.alive)[0])
    pos, vel = asteroid_positions(world)
    i = world.player.body
    reach = float(st.radius[j]) + world.spec.collision_radius
    world.bodies.pos[i] = pos[j] + np.array([-(reach + 2.0), 0.0], np.float32)
    world.bodies.vel[i] = vel[j] + np.array([120.0, 0.0], np.float32)
    events = []
    for _ in range(12):
        events += step(world, frozenset())
    kinds = [e.kind for e in events]
    assert "asteroid_hit" in kinds and "hit" in kinds
    assert float(world.bodies.hull[i]) < 100.0
    assert float(world.bodies.vel[i, 0] - vel[j, 0]) < 0.0  # bounced back
    hit = next(e for e in events if e.kind == "asteroid_hit")
    assert hit.value == pytest.approx(120.0, abs=6.0)
    assert world.state.hits == 1


def _anomaly_slot(world: World) -> int:
    live = np.flatnonzero(world.state.anomaly_alive)
    assert live.size, "no anomaly round the start for this seed"
    return int(live[0])


def test_sweeping_an_anomaly_gathers_its_data_once(level):
    cfg = level.config.survival
    world = new_world(level, 2)
    st = world.state
    n = _anomaly_slot(world)
    key = st.anomaly_key[n]
    i = world.player.body
    world.bodies.pos[i] = st.anomaly_pos[n] + np.array([60.0, 0.0], np.float32)
    refresh(world)
    n = st.anomaly_key.index(key)
    events = []
    seconds = cfg.anomaly_data / cfg.anomaly_rate
    while world.t < seconds + 0.5 and "anomaly_scanned" not in [e.kind for e in events]:
        world.bodies.pos[i] = st.anomaly_pos[n] + np.array([60.0, 0.0], np.float32)
        world.bodies.vel[i] = 0.0
        events += step(world, {"scan"})
    assert world.t == pytest.approx(seconds, abs=0.02)
    kinds = [e.kind for e in events]
    assert "anomaly_in_range" in kinds and kinds.count("anomaly_scanned") == 1
    assert data_left(world, n) == 0.0 and not st.anomaly_alive[n]
    assert world.state.data == pytest.approx(cfg.anomaly_data, abs=1e-6)  # the anomaly, not the rocks
    # spent stays spent when the ship flies away and comes back
    where = st.anomaly_pos[n].copy()
    world.bodies.pos[i] = where + np.array([20000.0, 0.0], np.float32)
    refresh(world)
    assert key not in st.anomaly_key
    world.bodies.pos[i] = where
    refresh(world)
    assert not st.anomaly_alive[st.anomaly_key.index(key)]
    # no sweep, no data
    before = world.state.data
    for _ in range(60):
        step(world, frozenset())
    assert world.state.data == before


def test_the_hunt_quickens(level):
    quick = with_survival(level, hunt_interval=4.0, pace_step=1.0, pace_max=3.5, emerge_delay=0.0,
                          emerge_time=1.0)
    world = new_world(quick, 1)
    i = world.player.body
    world.bodies.pos[i] = (0.0, 30000.0)  # far off: it runs flat out toward us
    refresh(world)
    speeds, paces, events = [], [], []
    while world.t < 14.0 and world.outcome is None:
        world.bodies.pos[i] = (0.0, 30000.0)
        world.bodies.vel[i] = 0.0
        events += step(world, frozenset())
        if world.steps % 120 == 0:
            speeds.append(world.ellipse.speed)
            paces.append(world.ellipse.pace)
    assert paces[0] == 1.0 and paces[-1] == pytest.approx(3.5)
    assert [e.value for e in events if e.kind == "hunt_faster"] == [2.0, 3.0, 3.5]  # then at full pace
    top = quick.config.ellipse.top_speed
    assert max(speeds[:3]) <= top + 1e-3
    assert speeds[-1] > 2.0 * top  # faster than it could ever go at the start


def test_score_is_time_and_data(level):
    world = new_world(level, 1)
    for _ in range(240):
        step(world, frozenset())
    world.state.data = 3.0
    step(world, frozenset())
    cfg = level.config.survival
    assert world.score == pytest.approx(world.t * cfg.points_per_second + 3.0 * cfg.points_per_data, abs=0.2)


@pytest.mark.integration
def test_the_autopilot_stays_ahead_for_a_while(level):
    world, summary = simulate(level, 1, max_seconds=45.0)
    assert world.outcome is None and summary.sim_time_s == pytest.approx(45.0, abs=0.01)
    assert summary.hull > 50.0
    # and an idle shuttle is soon engulfed
    _, idle = simulate(level, 1, pilot=lambda w: frozenset(), max_seconds=120.0)
    assert (idle.outcome, idle.reason) == ("lost", "engulfed by the ellipse")
    assert idle.sim_time_s < 90.0


def test_impossible_fields_are_reported(tmp_path):
    text = (levels_dir() / "survival.toml").read_text()
    text = text.replace("asteroids_min = 2", "asteroids_min = 9")
    text = text.replace("cell_size = 1600.0", "cell_size = 300.0")
    path = tmp_path / "dense.toml"
    path.write_text(text)
    problems = check_paths([path])
    assert [p.split(": ", 1)[1] for p in problems] == [
        "survival.asteroids_min: must not exceed survival.asteroids_max",
        "survival.cell_size: must hold the largest asteroid and its drift (at least 2 * (radius_max + wobble))",
    ]


def test_a_frame_draws_the_field(level):
    import pygame
    from conftest import SIZE, rgb

    from game.app.render import WorldRenderer

    pygame.font.init()
    world = new_world(level, 1)
    for _ in range(120 * 5):
        step(world, frozenset())
    renderer = WorldRenderer(level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    px = rgb(surface)
    cam = renderer.camera
    st = world.state
    pos, _ = asteroid_positions(world)
    lit = 0
    seen = 0
    for j in np.flatnonzero(st.alive):
        x, y = cam.to_screen(float(pos[j, 0]), float(pos[j, 1]))
        rad = float(st.radius[j]) * cam.zoom
        if not (380 < x < SIZE[0] - 380 and 170 + rad < y < 560 - rad):
            continue
        seen += 1
        # the rim: a ring of pixels round the centre, some of them bright
        th = np.linspace(0, 2 * math.pi, 64, endpoint=False)
        ring = px[(y + np.sin(th) * rad * 0.92).astype(int), (x + np.cos(th) * rad * 0.92).astype(int)]
        lit += int((ring.sum(axis=1) > 200).sum() > 4)
    assert seen >= 3 and lit >= seen - 1


def test_the_asteroids_are_placed_once_a_frame_and_follow_the_camera(level):
    """Both passes of the pen (halos, crisp lines) share one placing of the asteroids a
    frame; a camera that moves (or a later time) places them afresh, where `to_screen` puts
    them, to the bit."""
    import pygame
    from conftest import SIZE

    from game.app.render import WorldRenderer
    from game.app.render.kinds import Frame
    from game.app.render.snapshot import View

    pygame.font.init()
    world = new_world(level, 1)
    for _ in range(120 * 5):
        step(world, frozenset())
    renderer = WorldRenderer(level, SIZE)
    renderer.draw(pygame.Surface(SIZE), world)
    view, cam, st = renderer.view, renderer.camera, world.state
    f = Frame(world, View.blend(world, None, 1.0), cam, world.t, 1.0, 1.0, False)
    rocks = view._rocks(f, st)
    assert len(rocks) >= 3 and view._rocks(f, st) is rocks
    pos, _ = asteroid_positions(world, f.view.t)
    screen = [cam.to_screen(float(pos[j, 0]), float(pos[j, 1])) for j in np.flatnonzero(st.alive)]
    inside = [(x, y) for x, y in screen if 0 < x < SIZE[0] and 0 < y < SIZE[1]]
    assert inside and set(inside) <= {(x, y) for _, x, y, _ in rocks}
    cam.x += 10.0
    moved = view._rocks(f, st)
    assert moved is not rocks
    assert {round(x + 10.0 * cam.zoom, 6) for _, x, _, _ in moved} >= {round(x, 6) for _, x, _, _ in rocks
                                                                      if x + 10.0 * cam.zoom < SIZE[0]}
