"""The HUD reads at a glance: objective markers stay out of every panel and the top
title at each window size, the ship shows its heading at any zoom, and states differ in
shape as well as colour (lights, the hull's warning); warnings hold still with reduce-motion."""

from __future__ import annotations

import math
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import SIZE, rgb  # noqa: E402

from game.app.render import WorldRenderer  # noqa: E402
from game.app.render.hud import Hud, nose_marker  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.pilots import Autopilot  # noqa: E402
from game.sim import new_world, step  # noqa: E402

pytestmark = pytest.mark.integration  # windows and the command line

SIZES = [(960, 540), (1280, 720), (1920, 1080)]
LEVELS = ["ares_iv", "anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape", "survival"]


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    yield
    pygame.font.quit()


class FlatCamera:
    """Screen = world: a target's screen point is where the test puts it."""

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        return x, y


def flown(level_id: str, seconds: float = 3.0):
    level = load_level(level_id)
    world = new_world(level, 1)
    pilot = Autopilot(level)
    while world.outcome is None and world.t < seconds:
        step(world, pilot(world))
    return level, world


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("level_id", LEVELS)
def test_markers_stay_out_of_the_panels_and_the_title(level_id, size, fonts):
    level, world = flown(level_id)
    renderer = WorldRenderer(level, size)
    hud = renderer.hud
    s = pygame.Surface(size)
    hud.begin()
    renderer.view.hud(hud, s, world, 1.0)
    panels = [pygame.Rect(r) for r in hud.reserved]
    assert len(panels) >= 2, "the title and at least one panel are reserved"
    w, h = size
    screen = pygame.Rect(0, 0, w, h)
    for deg in range(0, 360, 6):  # a target far off screen in every direction
        a = math.radians(deg)
        tx, ty = w / 2 + math.cos(a) * 4 * w, h / 2 + math.sin(a) * 4 * h
        hud.reserved[:] = panels
        marks = pygame.Surface(size, pygame.SRCALPHA)
        hud.objective_arrow(marks, FlatCamera(), world, tx, ty, "PROBE", (255, 255, 255), 0.0)
        placed = hud.reserved[-1]
        assert len(hud.reserved) == len(panels) + 1
        assert screen.contains(placed), (deg, placed)
        hit = [p for p in panels if placed.colliderect(p)]
        assert not hit, f"marker at {deg} deg {placed} sits in {hit}"
        alpha = pygame.surfarray.array_alpha(marks)  # (w, h)
        for p in panels:
            c = p.clip(screen)
            assert alpha[c.left:c.right, c.top:c.bottom].max(initial=0) == 0, (deg, p)


def test_two_markers_toward_the_same_side_do_not_overlap(fonts):
    level, world = flown("anomaly")
    hud = Hud(level, SIZE)
    hud.begin()
    s = pygame.Surface(SIZE)
    hud.objective_arrow(s, FlatCamera(), world, -5000.0, 360.0, "PROBE", (255, 255, 255), 0.0)
    hud.objective_arrow(s, FlatCamera(), world, -5000.0, 361.0, "ELLIPSE", (255, 150, 40), 0.0)
    assert not hud.reserved[-1].colliderect(hud.reserved[-2])


def test_panels_are_dark_enough_over_the_brightest_blaze(fonts):
    level, _ = flown("anomaly", 0.0)
    hud = Hud(level, SIZE)
    s = pygame.Surface((400, 300))
    s.fill((255, 250, 215))  # white-hot, the top of the fire ramp
    hud.put(s, hud.panel_surface("test", (300, 200)), (50, 50))
    px = rgb(s)[150, 200]
    assert px.max() < 70, px  # HUD text (HUD_DIM and brighter) stands out against it


def ship_on_screen(renderer, world):
    pl = world.player
    x, y = renderer.camera.to_screen(*map(float, world.bodies.pos[pl.body]))
    spec = world.spec
    size = max(spec.length * renderer.camera.zoom, spec.min_screen_size)
    return x, y, float(world.bodies.angle[pl.body]), size


@pytest.mark.parametrize("level_id", ["anomaly", "eye_of_the_storm"])
def test_the_ship_shows_its_heading_with_a_nose_marker(level_id, fonts):
    level, world = flown(level_id, 6.0)
    renderer = WorldRenderer(level, SIZE, reduce_motion=True)
    s = pygame.Surface(SIZE)
    renderer.draw(s, world)
    x, y, angle, size = ship_on_screen(renderer, world)
    pts = nose_marker(x, y, angle, size)
    px = rgb(s)
    apex = pts[1]
    ax, ay = int(round(apex[0])), int(round(apex[1]))
    patch = px[ay - 2:ay + 3, ax - 2:ax + 3]
    assert patch.max() > 150, "the chevron's apex is drawn bright"
    # and it points the ship's way: the apex is ahead of the centre, on the heading
    ahead = (apex[0] - x) * math.cos(angle) + (apex[1] - y) * math.sin(angle)
    assert ahead > size * 0.55


def test_the_nose_marker_keeps_its_size_at_any_zoom():
    small = nose_marker(0, 0, 0.3, 6.0)
    big = nose_marker(0, 0, 0.3, 200.0)
    span = [math.dist(p[0], p[2]) for p in (small, big)]
    assert span[0] == pytest.approx(span[1])
    assert math.dist(small[1], (0, 0)) < math.dist(big[1], (0, 0))


def lum(surface) -> np.ndarray:
    return rgb(surface).sum(axis=2)


def test_lights_on_and_off_differ_in_shape_not_only_colour(fonts):
    level, _ = flown("anomaly", 0.0)
    hud = Hud(level, SIZE)
    on, off = pygame.Surface((160, 30)), pygame.Surface((160, 30))
    hud.light(on, 0, 0, 150, "DARK", True, (140, 160, 200))
    hud.light(off, 0, 0, 150, "DARK", False, (140, 160, 200))
    # the pip: filled when on, a hollow ring when off (in grey the two still differ)
    assert lum(on)[11, 11] > 300
    assert lum(off)[11, 11] < 60
    assert lum(off)[11, 6] > 100  # the ring itself is drawn


@pytest.mark.parametrize("frac, shape", [(0.9, "none"), (0.5, "hollow"), (0.2, "filled")])
def test_the_hull_state_shows_as_a_shape(frac, shape, fonts):
    s = pygame.Surface((40, 40))
    Hud.hull_mark(s, 20, 20, frac)
    px = lum(s)
    edge = px[26, 20]  # on the triangle's base
    inside = px[23, 16]  # inside it, off the exclamation bar
    if shape == "none":
        assert px.max() == 0
    elif shape == "hollow":
        assert edge > 200 and inside == 0
    else:
        assert edge > 200 and inside > 200


def test_warnings_hold_steady_with_reduce_motion(fonts):
    level, _ = flown("anomaly", 0.0)
    hud = Hud(level, SIZE)
    hud.begin(reduce_motion=False)
    assert {hud.blink(t / 10.0) for t in range(10)} == {True, False}
    hud.begin(reduce_motion=True)
    assert {hud.blink(t / 10.0) for t in range(10)} == {True}


def test_kept_panels_show_what_they_would_show_drawn_afresh(fonts):
    """The ship and signature panels are kept between frames and drawn again only when
    what they show changes: after each change of state below, the kept panels are pixel
    for pixel the panels a new HUD draws of that state (a change the key missed would
    leave the last frame's panel)."""
    level, world = flown("anomaly", 3.0)
    pl, e = world.player, world.ellipse
    kept = Hud(level, SIZE)

    def panels(hud: Hud, clock: float) -> bytes:
        s = pygame.Surface(SIZE)
        s.fill((40, 30, 20))
        hud.begin()
        hud.ship_panel(s, world, hatch_dead=True)
        hud.signature_panel(s, world, clock)
        return pygame.image.tobytes(s, "RGB")

    def hull(v: float) -> None:
        world.bodies.hull[pl.body] = v

    def power(name: str, v: float) -> None:
        pl.draw[name] = v

    def health(name: str, v: float) -> None:
        pl.health[name] = v

    def player(attr: str, v) -> None:
        setattr(pl, attr, v)

    def signature(v: float) -> None:
        world.bodies.signature[pl.body] = v

    def target(v: int) -> None:
        e.target = v

    changes = [
        lambda: hull(float(world.bodies.hull[pl.body]) - 0.6),  # 100 -> 99 %
        lambda: hull(45.0), lambda: hull(20.0),
        lambda: power("engines", 12.0), lambda: power("tractor", 9.0),
        lambda: health("sensors", 0.0), lambda: health("sensors", 60.0),
        lambda: player("supply_ratio", 0.62),
        lambda: player("dark", True), lambda: player("polarity_reversed", True),
        lambda: signature(float(world.bodies.signature[pl.body]) * 2.0 + 3.0),
        lambda: target(pl.body), lambda: target(-1),
    ]
    before = panels(kept, 0.0)
    for k, change in enumerate(changes):
        change()
        assert panels(kept, 0.0) == panels(Hud(level, SIZE), 0.0), f"change {k}"
    assert panels(kept, 0.0) != before
    e.presence = 1.0
    target(pl.body)  # tracking you: the alert blinks, and the kept panel with it
    assert panels(kept, 0.0) == panels(Hud(level, SIZE), 0.0)
    assert panels(kept, 0.25) == panels(Hud(level, SIZE), 0.25) != panels(Hud(level, SIZE), 0.0)
