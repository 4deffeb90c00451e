"""The field overlay and the path prediction: reading the world never changes it, the
prediction follows the ship's own rules, and the overlay draws what it promises."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import copy  # noqa: E402
import math  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.app.render import WorldRenderer  # noqa: E402
from game.app.render.overlay import FieldOverlay  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.pilots import Autopilot  # noqa: E402
from game.sim import World, new_world, step  # noqa: E402
from game.sim.kinds.dark_matter import AsteroidState, DarkMatterState
from game.sim.predict import predict_path  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def flown(level_id: str, seconds: float, seed: int = 1) -> World:
    level = load_level(level_id)
    world = new_world(level, seed)
    pilot = Autopilot(level)
    while world.t < seconds and world.outcome is None:
        step(world, pilot(world))
    return world


@pytest.fixture(scope="module")
def surfaced() -> World:
    world = flown("anomaly", 12.0)
    assert world.ellipse.presence > 0.5
    return world


def nose(world: World) -> np.ndarray:
    a = float(world.bodies.angle[world.player.body])
    return np.array([math.cos(a), math.sin(a)])


def test_predicting_never_changes_the_world(surfaced):
    world = copy.deepcopy(surfaced)
    digest = world.digest()
    rng_state = world.rng.bit_generator.state
    scratch = dict(world.field_scratch)
    player = (world.player.throttle, world.player.turning, world.player.dark)
    for cmds in (set(), {"thrust"}, {"reverse", "turn_left"}, {"dark", "polarity", "launch"}):
        path = predict_path(world, cmds)
        assert path.shape == (41, 2) and np.all(np.isfinite(path))
    predict_path(world, {"thrust"}, seconds=2.0, every=0.05, dt=1 / 30)
    assert world.digest() == digest
    assert world.rng.bit_generator.state == rng_state
    assert world.field_scratch.keys() == scratch.keys()
    assert (world.player.throttle, world.player.turning, world.player.dark) == player
    # and the world then runs exactly as one that was never predicted
    twin = copy.deepcopy(surfaced)
    for _ in range(120):
        step(world, {"thrust"})
        step(twin, {"thrust"})
    assert world.digest() == twin.digest()


def test_the_path_follows_thrust(surfaced):
    world = surfaced
    start = np.array(world.ship_pos())
    coast = predict_path(world, set())
    burn = predict_path(world, {"thrust"})
    retro = predict_path(world, {"reverse"})
    assert np.allclose(coast[0], start) and np.allclose(burn[0], start)
    along = [float((p[-1] - start) @ nose(world)) for p in (coast, burn, retro)]
    assert along[1] > along[0] + 100.0  # 4 s of engines: hundreds of metres further
    assert along[2] < along[0]


def test_the_prediction_matches_the_simulation_of_the_ship():
    # before the ellipse surfaces the ship flies alone: the prediction is the real run
    world = new_world(load_level("anomaly"), 3)
    assert world.ellipse.presence == 0.0
    twin = copy.deepcopy(world)
    path = predict_path(world, {"thrust", "turn_left"}, seconds=1.0, every=0.25)
    real = [np.array(twin.ship_pos())]
    for k in range(120):
        step(twin, {"thrust", "turn_left"})
        if (k + 1) % 30 == 0:
            real.append(np.array(twin.ship_pos()))
    assert path.shape == (5, 2)
    assert np.allclose(path, np.array(real), atol=0.05)


@pytest.fixture
def screen():
    pygame.display.init()
    pygame.font.init()
    yield pygame.Surface((1280, 720))
    pygame.display.quit()


def draw(world: World, overlay: FieldOverlay | None, surface: pygame.Surface) -> np.ndarray:
    renderer = WorldRenderer(world.level)
    renderer.overlay = overlay
    surface.fill((0, 0, 0))
    renderer.draw(surface, world)
    return pygame.surfarray.array3d(surface)


@pytest.mark.parametrize("level_id, seconds", [("anomaly", 20.0), ("eye_of_the_storm", 14.0)])
def test_the_overlay_draws_and_changes_pixels(screen, level_id, seconds):
    world = flown(level_id, seconds)
    digest = world.digest()
    plain = draw(world, None, screen)
    overlay = FieldOverlay((1280, 720))
    overlay.commands = frozenset({"thrust"})
    hidden = draw(world, overlay, screen)
    # not visible: not drawn (two draws of one frame can differ in a stray pixel or two near
    # the ship, a known render nondeterminism; a drawn overlay changes tens of thousands)
    assert np.count_nonzero(np.any(plain != hidden, axis=2)) <= 8
    assert overlay.toggle() is True
    shown = draw(world, overlay, screen)
    changed = np.count_nonzero(np.any(plain != shown, axis=2))
    assert changed > 20000, changed
    assert overlay.last_path is not None and overlay.last_path.shape[0] > 10
    assert world.digest() == digest


def test_the_overlay_grid_is_one_field_call(surfaced):
    overlay = FieldOverlay((1280, 720))
    pos = overlay.grid_world(0.0, 0.0, 0.1)
    assert pos.shape == (overlay.grid_screen.shape[0], 2) and pos.shape[0] > 300
    e = surfaced.ellipse
    centre = np.array([[e.x, e.y]], np.float32)
    far = np.array([[e.x + 50 * e.axes[0], e.y]], np.float32)
    acc, band, eye = overlay.field_at(surfaced, np.concatenate([centre, far]))
    assert eye[0] == 1.0 and band[1] == 0.0
    # far outside, the pull points back at the ellipse
    assert acc[1, 0] < 0.0


def placed_camera(world: World, surface: pygame.Surface):
    renderer = WorldRenderer(world.level)
    renderer.draw(surface, world)
    return renderer.camera


def overlay_only(world: World, overlay: FieldOverlay, surface: pygame.Surface,
                 camera=None) -> np.ndarray:
    camera = camera or placed_camera(world, surface)
    surface.fill((0, 0, 0))
    overlay.draw(surface, world, camera)
    return pygame.surfarray.array3d(surface)


def test_the_overlay_shows_a_shock_front_and_the_beam_where_a_level_has_them(screen, surfaced):
    world = copy.deepcopy(surfaced)
    overlay = FieldOverlay((1280, 720))
    overlay.toggle()
    camera = placed_camera(world, screen)
    before = overlay_only(world, overlay, screen, camera)
    x, y = world.ship_pos()
    world.state = DarkMatterState(AsteroidState(shock_x=x - 300.0, shock_y=y, shock_radius=250.0))
    j = world.bodies.spawn(2, x + 60.0, y + 40.0, 0.0, 0.0, 0.0, 10.0, 10.0, 100.0)
    world.tractor = SimpleNamespace(target=j, tension=5000.0)
    after = overlay_only(world, overlay, screen, camera)
    assert np.count_nonzero(np.any(before != after, axis=2)) > 500


def test_the_overlay_on_the_dark_matter_level(screen):
    world = flown("dark_matter", 20.0)
    digest = world.digest()
    overlay = FieldOverlay((1280, 720))
    overlay.toggle()
    assert np.count_nonzero(overlay_only(world, overlay, screen)) > 5000
    assert world.digest() == digest
