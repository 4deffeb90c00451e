"""One frame of the Eye of the Storm level rendered headless: debris, chunks, the module
once found, the eye HUD, and the screenshot command."""

from __future__ import annotations

import math
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import PLAY_BAND, SIZE, rgb  # noqa: E402

from game.app.render import WorldRenderer  # noqa: E402
from game.app.render.module import MODULE_HULL  # noqa: E402
from game.app.render.particles import CHUNK, SPARK  # noqa: E402
from game.app.screenshot import render_screenshot  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.pilots import Autopilot  # noqa: E402
from game.sim import World, new_world, step  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def debris_mask(px: np.ndarray) -> np.ndarray:
    """Warm grey-brown or rust grains (red over blue), not the blue-violet eye or motes."""
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return (r > 90) & (r >= g) & (r > b + 10)


def module_mask(px: np.ndarray) -> np.ndarray:
    """The module's pale hull: bright and nearly white."""
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return (r > 190) & (g > 190) & (b > 160) & (np.abs(r - g) < 40)


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    yield


@pytest.fixture(scope="module")
def world25() -> World:
    level = load_level("eye_of_the_storm")
    world = new_world(level, 1)
    pilot = Autopilot(level)
    while world.outcome is None and world.t < 25.0:
        step(world, pilot(world))
    assert world.outcome is None
    return world


def draw(world: World, **kw) -> tuple[np.ndarray, WorldRenderer]:
    renderer = WorldRenderer(world.level, SIZE, **kw)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    return rgb(surface), renderer


def test_eye_frame_renders_and_is_not_blank(world25, fonts):
    px, _ = draw(world25)
    lit = (px.sum(axis=2) > 60).sum()
    assert lit > 0.05 * SIZE[0] * SIZE[1]
    assert px.std() > 10


def test_debris_is_drawn_as_points_and_chunks(world25, fonts):
    px, renderer = draw(world25)
    band = px[PLAY_BAND[0]:PLAY_BAND[1]]
    assert debris_mask(band).sum() > 500
    # the chunks are polygons, only those on screen, and there are some
    particles = renderer.follow(world25)
    assert particles.kind[particles.debris_start] == CHUNK
    # the solid chunks are the simulation's own, drawn where the simulation has them
    k = min(world25.chunks.count, particles.chunk_end - particles.debris_start)
    assert np.array_equal(particles.pos[particles.debris_start:particles.debris_start + k],
                          world25.chunks.pos[:k])
    drawn = renderer.chunks.draw(pygame.Surface(SIZE), world25, particles, renderer.camera.origin(),
                                renderer.camera.zoom, world25.t)
    assert 0 < drawn <= particles.chunk_end - particles.debris_start


def test_module_hidden_until_found_then_drawn(world25, fonts):
    import copy

    world = copy.deepcopy(world25)
    j = world.module
    assert j >= 0
    # put the module next to the ship so it is on screen
    sx, sy = world.ship_pos()
    world.bodies.pos[j] = (sx + 250.0, sy + 60.0)

    def near_module(px: np.ndarray, renderer: WorldRenderer) -> int:
        x, y = renderer.camera.to_screen(float(world.bodies.pos[j, 0]),
                                         float(world.bodies.pos[j, 1]))
        x, y = int(x), int(y)
        return int(module_mask(px[max(0, y - 40):y + 40, max(0, x - 40):x + 40]).sum())

    world.state.found = False
    px, renderer = draw(world)
    hidden = near_module(px, renderer)
    world.state.found = True
    px, renderer = draw(world)
    shown = near_module(px, renderer)
    assert shown > 40
    assert shown > hidden + 30
    assert max(MODULE_HULL) > 200


def test_reduce_motion_stops_the_buffeting(fonts):
    level = load_level("eye_of_the_storm")
    world = new_world(level, 1)
    pilot = Autopilot(level)
    renderer = WorldRenderer(level, SIZE)
    while world.t < 20.0 and renderer.shear_grip(world) < 0.3:
        step(world, pilot(world))
    assert renderer.shear_grip(world) >= 0.3, "the autopilot should cross the shear band"
    surface = pygame.Surface(SIZE)
    shakes = []
    for _ in range(6):
        step(world, pilot(world))
        renderer.draw(surface, world)
        shakes.append(math.hypot(renderer.camera.shake_x, renderer.camera.shake_y))
    assert max(shakes) > 0.5
    calm = WorldRenderer(level, SIZE, reduce_motion=True)
    calm.draw(surface, world)
    assert calm.camera.shake_x == 0.0 and calm.camera.shake_y == 0.0


def test_render_screenshot_eye_level(tmp_path):
    out = tmp_path / "eye.png"
    render_screenshot("eye_of_the_storm", 1, 14.0, out)
    image = pygame.image.load(str(out))
    assert image.get_size() == SIZE
    px = rgb(image)
    assert (px.sum(axis=2) > 60).sum() > 0.05 * SIZE[0] * SIZE[1]


def test_the_sweep_panel_says_what_the_search_needs():
    from game.app.render.kinds.eye.hud import sweep_status
    from game.sim.debris import orbit_velocity
    from game.sim.kinds.eye import module_pos

    level = load_level("eye_of_the_storm")
    world = new_world(level, 2)
    while world.ellipse.presence < 1.0:
        step(world, ())
    assert sweep_status(world)[0] == "IDLE"
    i = world.player.body
    scan = level.config.scan
    words = []
    for distance in (1.5 * scan.scan_range, 0.8 * scan.scan_range, 0.3 * scan.lock_range):
        for _ in range(int(1.5 / world.dt)):
            mx, my = module_pos(world)
            world.bodies.pos[i] = (mx + distance, my)
            world.bodies.vel[i] = orbit_velocity(world, world.bodies.pos[i:i + 1])[0]
            world.bodies.hull[i] = 100.0  # the words, not the shear band: out of reach may lie in it
            step(world, ("scan",))
        words.append(sweep_status(world)[0])
    assert words[0] in ("NO CONTACT", "LOST") and words[1] == "CONTACT" and words[2] == "LOCKED"


def test_chunks_as_sprites_look_like_the_chunks_drawn_directly(world25, fonts):
    """Whole chunks are blitted from sprites of their shape at their turn (in steps), made
    a few a frame; the picture is the polygons' own but for a pixel along the edges."""
    from game.app.render import chunks as chunk_module

    _, renderer = draw(world25)
    particles = renderer.follow(world25)
    chunks = renderer.chunks
    origin, zoom = renderer.camera.origin(), renderer.camera.zoom
    chunks._sprites.clear()
    surface = pygame.Surface(SIZE)
    drawn = chunks.draw(surface, world25, particles, origin, zoom, world25.t)
    assert drawn > chunk_module.NEW_SPRITES  # more chunks than sprites made in one frame
    assert len(chunks._sprites) == chunk_module.NEW_SPRITES  # the rest were drawn directly
    for _ in range(drawn // chunk_module.NEW_SPRITES + 1):
        surface.fill((0, 0, 0))
        chunks.draw(surface, world25, particles, origin, zoom, world25.t)
    assert len(chunks._sprites) == drawn  # every chunk on screen now from a sprite
    blitted = rgb(surface).sum(axis=2) > 0

    direct = pygame.Surface(SIZE)
    lo = particles.debris_start
    pos = particles.pos[lo:lo + chunks.spin.size]
    sx = pos[:, 0] * np.float32(zoom) + np.float32(origin[0])
    sy = pos[:, 1] * np.float32(zoom) + np.float32(origin[1])
    vis = np.flatnonzero((sx > -40) & (sx < SIZE[0] + 40) & (sy > -40) & (sy < SIZE[1] + 40))
    a = chunks.phase[vis] + chunks.spin[vis] * np.float32(world25.t)
    chunks._draw_direct(direct, vis, a, sx, sy, zoom * chunks.chunk_radius, 1.0)
    polygons = rgb(direct).sum(axis=2) > 0
    assert polygons.sum() > 5000
    overlap = (blitted & polygons).sum() / (blitted | polygons).sum()
    assert overlap > 0.85, overlap


def test_the_chunk_sprites_stay_few_and_go_a_few_a_frame(world25, fonts):
    """The sprite cache stays bounded (twice the chunks drawn, or SPRITES), keeping the
    sprites drawn this frame, and what it lets go of is freed a few a frame, the newest
    first (2,000 at once, the oldest first, took 10 ms: a hitch every second or two in the
    eye, as SDL walks a list of every surface blitted onto the frame to free one)."""
    import weakref

    from game.app.render import chunks as chunk_module

    freed = chunk_module.FREED_PER_FRAME
    _, renderer = draw(world25)
    particles = renderer.follow(world25)
    chunks = renderer.chunks
    surface = pygame.Surface(SIZE)
    origin, zoom = renderer.camera.origin(), renderer.camera.zoom
    pruned = 0
    for k in range(400):  # the chunks turn through many steps
        before = len(chunks._unused)
        drawn = chunks.draw(surface, world25, particles, origin, zoom, world25.t + k * 0.05)
        limit = max(chunk_module.SPRITES, 2 * drawn)
        assert len(chunks._sprites) <= limit + chunk_module.NEW_SPRITES
        expected = max(0, before - freed)
        if len(chunks._unused) != expected:  # the cache was full: all but this frame's let go
            assert len(chunks._sprites) <= drawn
            assert len(chunks._unused) - expected > limit - drawn
            pruned += 1
    assert drawn > 100 and pruned >= 2
    # a new zoom: the old sprites are let go of at once and freed over the next frames
    pending = len(chunks._unused)
    let_go = len(chunks._sprites) + pending
    assert let_go > 2 * freed
    chunks.draw(surface, world25, particles, origin, zoom * 1.2, world25.t)
    assert len(chunks._sprites) <= chunk_module.NEW_SPRITES
    assert len(chunks._unused) == let_go - min(freed, pending)
    oldest, newest = weakref.ref(chunks._unused[0]), weakref.ref(chunks._unused[-1])
    chunks.draw(surface, world25, particles, origin, zoom * 1.2, world25.t)
    assert newest() is None and oldest() is not None
    # frames that draw no chunk (all off screen) free them too
    left = len(chunks._unused)
    assert chunks.draw(surface, world25, particles, (-1e7, -1e7), zoom * 1.2, world25.t) == 0
    assert len(chunks._unused) == left - freed
    frames = 0
    while chunks._unused:
        chunks.draw(surface, world25, particles, origin, zoom * 1.2, world25.t)
        frames += 1
    assert frames == -(-(left - freed) // freed)
    assert oldest() is None


def test_the_haze_of_many_lights_is_the_haze_of_each_light(world25, fonts, monkeypatch):
    """Past a quarter as many lights as glow pixels the motes' haze is counted per pixel
    and tinted once; it is the same haze as tinting every light on its own."""
    from game.app.render import points

    _, renderer = draw(world25)
    layer, cam = renderer.points, renderer.camera
    particles = renderer.particles
    # exhaust and sparks in the ring (their own tints), the ellipse half surfaced
    particles.emit(300, cam.x, cam.y, 0.0, 0.0, 40.0, 0.8)
    particles.emit(100, cam.x, cam.y, 0.0, 0.0, 40.0, 0.8, kind=SPARK)
    monkeypatch.setattr(world25.ellipse, "presence", 0.6)
    args = (world25, particles, cam.x, cam.y, cam.origin(), cam.zoom, world25.t)
    hazes = []
    for few in (10**9, 0):  # every light on its own; then counted, however few they are
        monkeypatch.setattr(points, "FEW_LIGHTS", few)
        hazes.append(layer.render(*args))
    each, counted = hazes
    assert each.max() > 1.0  # the motes do glow here
    np.testing.assert_allclose(counted, each, rtol=1e-4, atol=1e-3)
