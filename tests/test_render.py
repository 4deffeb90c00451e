"""One frame of play rendered headless: the ellipse blazes, the ship is where the camera
says, interpolation and screenshots work, and the renderer never changes the world."""

from __future__ import annotations

import math
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import PLAY_BAND, SIZE, rgb  # noqa: E402

from game.app.render import Snapshot, WorldRenderer, take_snapshot  # noqa: E402
from game.app.render.snapshot import View, lerp_angle  # noqa: E402
from game.app.screenshot import render_screenshot  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.pilots import Autopilot  # noqa: E402
from game.sim import World, new_world, step  # noqa: E402
from game.sim.world import Event  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def run_to(seconds: float, seed: int = 1) -> tuple[World, Autopilot]:
    level = load_level("anomaly")
    world = new_world(level, seed)
    pilot = Autopilot(level)
    while world.outcome is None and world.t < seconds:
        step(world, pilot(world))
    return world, pilot


def orange_mask(px: np.ndarray) -> np.ndarray:
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return (r > 180) & (g >= 60) & (g <= 175) & (b < 90)


def ship_mask(px: np.ndarray) -> np.ndarray:
    """The starship's cyan glow (120, 220, 255), full or dimmed: blue >= green > red."""
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return (b > 100) & (b >= g) & (g >= r + 30) & (b >= r + 60)


@pytest.fixture(scope="module")
def pygame_fonts():
    pygame.font.init()
    yield
    pygame.font.quit()


@pytest.fixture(scope="module")
def world20() -> World:
    world, _ = run_to(20.0)
    assert world.ellipse.presence > 0.99, "the ellipse should have surfaced by 20 s"
    return world


@pytest.fixture(scope="module")
def frame20(world20, pygame_fonts) -> tuple[np.ndarray, WorldRenderer]:
    renderer = WorldRenderer(world20.level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world20, captions=["Probe away. Keep the comms lit."])
    return rgb(surface), renderer


def test_frame_is_not_blank(frame20):
    px, _ = frame20
    lit = (px.sum(axis=2) > 60).sum()
    assert lit > 0.05 * SIZE[0] * SIZE[1]
    assert px.std() > 10


def test_ellipse_blazes_orange(frame20):
    px, _ = frame20
    band = px[PLAY_BAND[0]:PLAY_BAND[1]]
    assert orange_mask(band).sum() > 5000


def test_ship_is_drawn_near_the_screen_centre(frame20, world20):
    px, renderer = frame20
    x, y = renderer.camera.to_screen(*world20.ship_pos())
    assert abs(x - SIZE[0] / 2) < 0.2 * SIZE[0] and abs(y - SIZE[1] / 2) < 0.2 * SIZE[1]
    x, y = int(x), int(y)
    near = px[max(0, y - 30):y + 30, max(0, x - 30):x + 30]
    assert ship_mask(near).sum() > 20
    # and that colour is the ship's, not the background's: far from it there is little of it
    corner = px[PLAY_BAND[0]:PLAY_BAND[0] + 60, 400:460]
    assert ship_mask(corner).sum() < ship_mask(near).sum()


def test_no_orange_before_the_ellipse_surfaces(pygame_fonts):
    world, _ = run_to(1.0)
    assert world.ellipse.presence == 0.0
    renderer = WorldRenderer(world.level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    band = rgb(surface)[PLAY_BAND[0]:PLAY_BAND[1]]
    assert orange_mask(band).sum() < 150
    assert (band.sum(axis=2) > 30).sum() > 200  # stars and the ship are there


def test_interpolated_draw_between_two_steps(world20, pygame_fonts):
    world, pilot = run_to(12.0)
    renderer = WorldRenderer(world.level, SIZE)
    surface = pygame.Surface(SIZE)
    prev = take_snapshot(world)
    assert isinstance(prev, Snapshot)
    for _ in range(3):
        step(world, pilot(world))
    renderer.draw(surface, world, prev, 0.5, captions=["a caption"], banner="PAUSED")
    px = rgb(surface)
    assert (px.sum(axis=2) > 60).sum() > 10000

    view = View.blend(world, prev, 0.5)
    i = world.player.body
    mid = (prev.pos[i] + world.bodies.pos[i]) / 2
    assert np.allclose(view.pos[i], mid, atol=1e-3)
    assert view.ellipse_x == pytest.approx((prev.ellipse_x + world.ellipse.x) / 2)


def test_angles_blend_the_short_way():
    assert abs(abs(lerp_angle(3.1, -3.1, 0.5)) - math.pi) < 1e-6
    assert lerp_angle(0.2, 0.4, 0.5) == pytest.approx(0.3)


def test_drawing_never_changes_the_world(pygame_fonts):
    world, _ = run_to(8.0)
    before = world.digest()
    renderer = WorldRenderer(world.level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.on_events([Event("hit", *world.ship_pos(), 5.0), Event("surge", 0.0, 0.0)], world)
    renderer.draw(surface, world)
    renderer.draw(surface, world, take_snapshot(world), 0.3)
    assert world.digest() == before


def test_reduce_motion_stops_the_shake(pygame_fonts):
    world, _ = run_to(8.0)
    events = [Event("hit", *world.ship_pos(), 20.0), Event("surge", *world.ship_pos())]
    shaky = WorldRenderer(world.level, SIZE)
    calm = WorldRenderer(world.level, SIZE, reduce_motion=True)
    surface = pygame.Surface(SIZE)
    for r in (shaky, calm):
        r.on_events(events, world)
        r.draw(surface, world)
    assert math.hypot(shaky.camera.shake_x, shaky.camera.shake_y) > 0.5
    assert calm.camera.shake_x == 0.0 and calm.camera.shake_y == 0.0


def test_render_screenshot_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    render_screenshot("anomaly", 1, 11.0, out)
    assert out.exists()
    image = pygame.image.load(str(out))
    assert image.get_size() == SIZE
    assert orange_mask(rgb(image)[PLAY_BAND[0]:PLAY_BAND[1]]).sum() > 1000


def test_clear_blacks_every_kind_of_surface_as_fill_would() -> None:
    """`palette.clear` (numpy's fill, for the frame's own layers) leaves what
    `Surface.fill((0, 0, 0))` leaves, on opaque 32-bit surfaces and on those it hands
    back to SDL (with alpha, 24-bit, a subsurface with gaps between its rows)."""
    from game.app.render.palette import clear

    big = pygame.Surface((64, 40))
    kinds = [pygame.Surface((64, 40)), pygame.Surface((64, 40), pygame.SRCALPHA),
             pygame.Surface((64, 40), 0, 24), big.subsurface((5, 3, 30, 20))]
    for surface in kinds:
        surface.fill((200, 120, 40))
        if surface is kinds[1]:
            surface.fill((200, 120, 40, 90))
        expected = surface.copy()
        expected.fill((0, 0, 0))
        clear(surface)
        assert not surface.get_locked()
        assert pygame.image.tobytes(surface, "RGBA") == pygame.image.tobytes(expected, "RGBA")
    big.fill((9, 9, 9))
    clear(big.subsurface((5, 3, 30, 20)))
    assert big.get_at((4, 3))[:3] == (9, 9, 9) and big.get_at((5, 3))[:3] == (0, 0, 0)
    assert big.get_at((35, 3))[:3] == (9, 9, 9)  # the parent's pixels past the subsurface stay


def test_lift_adds_one_colour_to_every_pixel_of_a_glow_buffer() -> None:
    """`palette.lift` (the flash, the front hitting the ship) adds the colour to each
    pixel's three channels, as broadcasting would, in place, and refuses a buffer it
    could only add to through a copy."""
    from game.app.render.palette import lift

    rng = np.random.default_rng(3)
    glow = rng.uniform(0, 200, (17, 9, 3)).astype(np.float32)
    expected = glow + np.array([60.0, 90.0, 120.0], np.float32)
    lift(glow, (60.0, 90.0, 120.0))
    assert np.array_equal(glow, expected)
    with pytest.raises(ValueError, match="packed columns"):
        lift(np.zeros((9, 17, 3), np.float32).transpose(1, 0, 2), (1.0, 2.0, 3.0))


def test_dashes_are_dashed_along_the_whole_line_and_drawn_alike_both_ways(monkeypatch) -> None:
    """Dashes are measured along the whole line, so a ring of short segments (a shield
    that is down, a small search circle) is as dashed as a long line: about half of its
    circle drawn. Thin dashes are written into the pixels with numpy, the same dashes as
    `pygame.draw.lines` draws (kept for thicker dashes and 24-bit targets), a pixel apart
    at most; inside the target's clip; the target left unlocked."""
    from game.app.render.vectors import Pen

    def dashes(bits: int, clip: pygame.Rect | None = None) -> np.ndarray:
        target = pygame.Surface((320, 240), 0, bits)
        if clip is not None:
            target.set_clip(clip)
        pen = Pen(pygame.Surface((64, 48)), (320, 240))
        pen.begin(target, glow=False)
        pen.ring(160, 120, 90, (90, 200, 255), width=1, dashed=True, segments=72)
        pen.ring(40, 40, 20, (90, 200, 255), width=1, dashed=True, segments=56)  # 2.2 px a segment
        pen.poly([(20.3, 200.7), (300.2, 180.4)], (255, 255, 255), width=2, dashed=True, closed=False)
        assert not target.get_locked()
        return pygame.surfarray.array3d(target).max(axis=2) > 0

    lines = dashes(24)  # numpy writes 32-bit pixels; 24-bit goes to draw.lines
    calls = []
    monkeypatch.setattr(pygame.draw, "lines", lambda *a, **k: calls.append(a))
    mine = dashes(32)
    assert not calls
    assert 0.9 < mine.sum() / lines.sum() < 1.1
    near = lines.copy()  # every pixel of draw.lines' and its neighbours
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        near |= np.roll(lines, (dx, dy), axis=(0, 1))
    assert (mine & ~near).sum() == 0
    assert (mine & lines).sum() > 0.7 * lines.sum()  # the rest a diagonal step apart
    for box, radius in (((slice(60, 260), slice(20, 220)), 90), ((slice(14, 66), slice(14, 66)), 20)):
        on = mine[box].sum() / (2 * math.pi * radius)  # of the circle's length, in pixels
        assert 0.35 < on < 0.75, (radius, on)  # dashes and gaps
    clipped = dashes(32, pygame.Rect(160, 0, 160, 240))
    assert not clipped[:160].any() and (clipped[160:] == mine[160:]).all()


def test_the_rims_are_worked_out_once_a_frame(world20, pygame_fonts) -> None:
    """Both passes of the pen (the halos, the crisp lines) draw the ellipse's rims from
    one working-out a frame (bent once where a lens bends them), and a new frame works
    them out afresh."""
    renderer = WorldRenderer(world20.level, SIZE)
    surface = pygame.Surface(SIZE)
    bent = []
    bend = renderer.view.bend
    renderer.view.bend = lambda pts: bent.append(pts.copy()) or bend(pts)
    renderer.draw(surface, world20)
    assert len(bent) == 1
    renderer.draw(surface, world20)
    assert len(bent) == 2
    assert np.allclose(bent[0], bent[1], atol=2.0)  # the same moment: the rim where it was


def test_the_modules_parts_are_placed_each_from_its_own_outline():
    """The module's parts are placed on screen in one array: each part's rows are its own
    outline, and the parts neither overlap nor leave rows out."""
    from game.app.render import module

    covered = []
    for name, outlines in module._PARTS.items():
        assert len(module._AT[name]) == len(outlines)
        for outline, rows in zip(outlines, module._AT[name], strict=True):
            np.testing.assert_array_equal(module._OUTLINE[rows], np.asarray(outline, np.float64))
            covered.extend(range(rows.start, rows.stop))
    assert covered == list(range(len(module._OUTLINE)))
