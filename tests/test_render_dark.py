"""One frame of the Dark Matter level rendered headless: the tow beam between ship and
module, the unseen asteroid's lensing (and nothing else of it), the shock front's ring
after the impact, the impact flash that reduce-motion leaves out, and the screenshot
command."""

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
from game.app.screenshot import render_screenshot  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.pilots import Autopilot  # noqa: E402
from game.sim import World, new_world, step  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

def beam_mask(px: np.ndarray) -> np.ndarray:
    """The beam's slack green (pale or full): green well over red and blue."""
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return (g > r + 30) & (g > b + 20) & (g > 150)


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    yield


def run_to(seconds: float, strategy: str | None) -> World:
    level = load_level("dark_matter")
    world = new_world(level, 1)
    pilot = Autopilot(level, strategy) if strategy else None
    while world.outcome is None and world.t < seconds:
        # nobody at the controls but for the shield modification (or the shear layer wins)
        idle = frozenset({"modify_shields"}) if world.steps == 0 else frozenset()
        step(world, pilot(world) if pilot else idle)
    return world


@pytest.fixture(scope="module")
def towing() -> World:
    world = run_to(24.0, "keep")
    assert world.outcome is None and world.tractor.target >= 0
    assert world.state.asteroid is not None and not world.state.asteroid.impacted
    return world


@pytest.fixture(scope="module")
def after_impact() -> World:
    impact = load_level("dark_matter").config.asteroid.impact_time
    world = run_to(impact + 1.0, None)  # nobody at the controls: the front sweeps over the ship
    assert world.outcome is None
    assert world.state.asteroid.impacted and world.state.asteroid.shock_radius > 0
    return world


def draw(world: World, **kw) -> tuple[np.ndarray, WorldRenderer]:
    renderer = WorldRenderer(world.level, SIZE, **kw)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    return rgb(surface), renderer


def test_towing_frame_renders_with_the_beam_between_ship_and_module(towing, fonts):
    px, renderer = draw(towing)
    assert (px.sum(axis=2) > 60).sum() > 0.05 * SIZE[0] * SIZE[1]
    cam = renderer.camera
    b = towing.bodies
    i, j = towing.player.body, towing.tractor.target
    ax, ay = cam.to_screen(float(b.pos[i, 0]), float(b.pos[i, 1]))
    mx, my = cam.to_screen(float(b.pos[j, 0]), float(b.pos[j, 1]))
    assert math.hypot(mx - ax, my - ay) > 25  # far enough apart for a beam to show

    def along(frame: np.ndarray) -> int:
        hits = 0
        for f in np.linspace(0.3, 0.7, 9):
            x, y = int(ax + (mx - ax) * f), int(ay + (my - ay) * f)
            hits += int(beam_mask(frame[y - 4:y + 5, x - 4:x + 5]).sum())
        return hits

    with_beam = along(px)
    target = towing.tractor.target
    try:
        towing.tractor.target = -1
        without, _ = draw(towing)
    finally:
        towing.tractor.target = target
    assert with_beam > 15
    assert with_beam > along(without) + 10


def test_the_asteroid_shows_only_by_lensing_the_stars(towing, fonts):
    ast = towing.state.asteroid
    keep = (ast.x, ast.y)
    sx, sy = towing.ship_pos()
    try:
        view = towing.level.config.view.min_view_width
        ast.x, ast.y = sx - 0.3 * view, sy - 0.04 * view  # on screen, over space and stars
        near, renderer = draw(towing)
        cx, cy = renderer.camera.to_screen(ast.x, ast.y)
        radius = towing.level.config.asteroid.lens_radius * renderer.camera.zoom
        ast.x, ast.y = sx + 5e7, sy + 5e7  # far beyond the sensors: no lens, no marker
        far, _ = draw(towing)
    finally:
        ast.x, ast.y = keep
    assert 0 < cx < SIZE[0] and PLAY_BAND[0] < cy < PLAY_BAND[1]
    yy, xx = np.mgrid[0:SIZE[1], 0:SIZE[0]]
    d = np.hypot(xx - cx, yy - cy)
    changed = np.abs(near - far).sum(axis=2) > 30
    in_lens = d < radius
    # the starlight near it is bent: a good many pixels change in the lens ...
    assert changed[in_lens].sum() > 150
    # ... and nothing of it shows beyond the lens in the play area (the HUD aside)
    play = np.zeros_like(changed)
    play[PLAY_BAND[0]:PLAY_BAND[1], 340:SIZE[0] - 340] = True
    # 40 px: the glow layer's blur. Two draws of one frame can differ in a stray pixel or two
    # near the ship (a known render nondeterminism, under investigation); a lens showing
    # beyond its radius would change hundreds
    assert changed[play & (d > radius + 40)].sum() <= 3


def test_after_impact_the_shock_ring_is_drawn(after_impact, fonts):
    ast = after_impact.state.asteroid
    px, renderer = draw(after_impact, reduce_motion=True)
    cam = renderer.camera
    cx, cy = cam.to_screen(ast.shock_x, ast.shock_y)
    half = after_impact.level.config.shock.width * 0.5 * cam.zoom
    keep = ast.shock_radius
    try:
        ast.shock_radius = -1.0
        without, _ = draw(after_impact, reduce_motion=True)
    finally:
        ast.shock_radius = keep
    rpx = keep * cam.zoom
    th = np.linspace(0, 2 * math.pi, 2000, endpoint=False)
    ring_lum, ahead_lum = [], []
    for r, out in ((rpx + half * 0.5, ring_lum), (rpx + half * 2.5, ahead_lum)):
        x = (cx + np.cos(th) * r).astype(int)
        y = (cy + np.sin(th) * r).astype(int)
        ok = (x >= 0) & (x < SIZE[0]) & (y >= PLAY_BAND[0]) & (y < PLAY_BAND[1])
        assert ok.sum() > 50, "the ring should cross the play area"
        out.append(px[y[ok], x[ok]].sum(axis=1) - without[y[ok], x[ok]].sum(axis=1))
    ring, ahead = ring_lum[0], ahead_lum[0]
    assert ring.mean() > 120  # bright pixels at the ring radius
    assert ahead.mean() < 0.25 * ring.mean()  # and not ahead of the front


def test_impact_flash_is_skipped_with_reduce_motion(fonts):
    level = load_level("dark_matter")
    world = run_to(level.config.asteroid.impact_time + 0.05, None)
    assert world.state.asteroid.impacted
    flashed, _ = draw(world)
    calm, _ = draw(world, reduce_motion=True)
    band = slice(PLAY_BAND[0], PLAY_BAND[1])
    assert flashed[band].mean() > calm[band].mean() + 40


def test_screenshot_command_renders_dark_matter(tmp_path):
    out = tmp_path / "dark.png"
    render_screenshot("dark_matter", 1, 56.0, out)
    img = pygame.image.load(str(out))
    assert img.get_size() == SIZE
    px = rgb(img)
    assert px.std() > 10


def test_the_towed_module_is_drawn_small_with_no_ring(towing, fonts, monkeypatch):
    import game.app.render.module as module

    calls = []
    real = module.draw_module
    monkeypatch.setattr(module, "draw_module",
                        lambda *a, **kw: (calls.append(kw), real(*a, **kw))[1])
    draw(towing)
    towed = [kw for kw in calls if kw.get("towed")]
    assert towed, "the module on the beam was not drawn"
    assert all(kw["ring"] is False and kw["min_px"] == module.TOWED_MIN_PX for kw in towed)


def test_the_top_clock_counts_down_to_the_impact_once_the_contact_is_found(fonts, monkeypatch):
    """Before the sensors find the asteroid the top clock is the subspace timer; from the
    contact to the impact it counts down to the impact, the race the player is in."""
    from game.app.render.hud import Hud
    from game.sim.kinds.dark_matter import countdown

    shown: list[tuple[str, float]] = []
    real = Hud.countdown
    monkeypatch.setattr(Hud, "countdown", lambda self, s, label, left, clock:
                        (shown.append((label, left)), real(self, s, label, left, clock))[1])
    cfg = load_level("dark_matter").config.asteroid
    before = run_to(cfg.contact_time - 2.0, "keep")
    assert not before.state.asteroid.contact
    draw(before)
    assert shown[-1] == ("SUBSPACE IN", pytest.approx(before.time_left))
    during = run_to(cfg.contact_time + 2.0, "keep")
    assert during.state.asteroid.contact and not during.state.asteroid.impacted
    draw(during)
    assert shown[-1] == ("IMPACT IN", pytest.approx(countdown(during)))


@pytest.mark.parametrize("moment", ["towing", "after_impact"])
def test_the_exit_dashes_and_the_fronts_edges_show_under_the_glow(moment, request, fonts, monkeypatch):
    """The thin lines under the glow (the exit line's dashes; after the impact, the
    front's edges) are drawn on the point layer once it is whole, so they show: the
    layer is cleared and drawn in parts around the glow, and a line drawn on it too
    early is wiped."""
    from game.app.render.kinds.dark_matter.view import DarkMatterView

    world = request.getfixturevalue(moment)
    px, renderer = draw(world)
    assert isinstance(renderer.view, DarkMatterView)
    monkeypatch.setattr(DarkMatterView, "_underlay", lambda *a, **kw: None)
    bare, _ = draw(world)
    changed = int((np.abs(px.astype(int) - bare.astype(int)).max(axis=2) > 8).sum())
    assert changed > 150, f"only {changed} pixels show the lines under the glow"


def test_the_exit_line_is_worked_out_once_a_frame_where_the_frame_shows_the_ellipse(fonts, monkeypatch):
    """The exit line's dashes (under the glow) and its halo and chevrons (with the vectors)
    are one line, worked out once a frame from the ellipse as the frame shows it (blended
    between two steps), not three times, the dashes from where the last step left it."""
    from game.app.render import take_snapshot
    from game.app.render.kinds.dark_matter.view import DarkMatterView

    world = run_to(18.0, "keep")
    prev = take_snapshot(world)
    step(world, Autopilot(world.level, "keep")(world))
    asked: list[tuple[float, float, float, float]] = []
    real = DarkMatterView._exit_contour

    def contour(self, w, ex, ey, heading, a_axis, b_axis):
        asked.append((ex, ey, heading, a_axis))
        return real(self, w, ex, ey, heading, a_axis, b_axis)

    monkeypatch.setattr(DarkMatterView, "_exit_contour", contour)
    renderer = WorldRenderer(world.level, SIZE)
    renderer.draw(pygame.Surface(SIZE), world, prev, 0.25)
    e = world.ellipse
    shown = (0.75 * prev.ellipse_x + 0.25 * e.x, 0.75 * prev.ellipse_y + 0.25 * e.y,
             prev.ellipse_heading + 0.25 * (e.heading - prev.ellipse_heading),
             e.semi_major * (0.75 * prev.ellipse_scale + 0.25 * e.scale))
    assert asked == [pytest.approx(shown)]


def test_the_fronts_edges_follow_their_ripples_to_a_fraction_of_a_pixel():
    """The front's rippling edges are polylines of a fixed number of points: at the
    finest ripple (29 waves round) and the highest (6 px), and at any size on screen, each
    chord strays from the true curve by well under a pixel, so the antialiased line looks
    as drawn through the curve itself."""
    from game.app.render.kinds.dark_matter.view import DarkMatterView

    view = DarkMatterView(load_level("dark_matter"), SIZE, (256, 144))
    for radius in (60.0, 300.0, 900.0):
        cx, cy, ripple, waves, phase = 640.0, 360.0 - radius * 0.5, 6.0, 29, 0.7
        worst = 0.0
        for run in view._arc_runs(cx, cy, radius, ripple, waves, phase):
            a, b = run[:-1], run[1:]
            mid = (a + b) * 0.5  # where a chord is farthest from the curve, near enough
            ang = np.arctan2(mid[:, 1] - cy, mid[:, 0] - cx)
            r = radius + ripple * np.sin(ang * waves + phase)
            true = np.stack([cx + np.cos(ang) * r, cy + np.sin(ang) * r], axis=1)
            worst = max(worst, float(np.hypot(*(true - mid).T).max()))
        assert 0.0 < worst < 0.3, (radius, worst)


def test_the_fronts_underlay_is_drawn_while_the_glow_is_scaled_up(towing, after_impact, fonts,
                                                                  monkeypatch):
    """Once the front is out, its edges (drawn on the point layer, under the glow) are drawn
    on this thread while the glow is scaled up on the other, not after: the frame is the
    frame drawn all in line. While towing there is too little to draw there to pay for
    the thread."""
    import time

    from game.app.render import upscale
    from game.app.render.kinds.dark_matter.view import DarkMatterView

    view = DarkMatterView(towing.level, SIZE, (256, 144))
    assert not view.backdrop_is_heavy(_frame_of(towing))
    assert view.backdrop_is_heavy(_frame_of(after_impact))
    scale = upscale._smoothscale
    events: list[str] = []

    def slow_scale(*args):
        time.sleep(0.05)  # long enough for the underlay to be drawn meanwhile
        scale(*args)
        events.append("scaled")

    underlay = DarkMatterView.backdrop

    def backdrop(self, f, surface):
        underlay(self, f, surface)
        events.append("underlay")

    monkeypatch.setattr(upscale, "_smoothscale", slow_scale)
    monkeypatch.setattr(DarkMatterView, "backdrop", backdrop)
    frames = {}
    for threaded in (False, True):
        monkeypatch.setattr(upscale, "threaded", threaded)
        events.clear()
        frames[threaded], _ = draw(after_impact, reduce_motion=True)
        assert "scaled" in events and "underlay" in events
        if threaded:
            assert events.index("underlay") < events.index("scaled")
    # the same frame, but for a stray pixel or two: two draws of one frame can differ so
    # (the known render nondeterminism, see the lens test; it showed here once in seventeen
    # full runs); an underlay drawn over the glow, or wiped, changes hundreds
    changed = np.abs(frames[True] - frames[False]).max(axis=2) > 0
    ys, xs = np.nonzero(changed)
    assert changed.sum() <= 3, (int(changed.sum()), list(zip(xs[:10].tolist(), ys[:10].tolist(), strict=True)))


def _frame_of(world: World):
    """A `Frame` of `world` as a renderer's first draw makes it (for the view's own calls)."""
    renderer = WorldRenderer(world.level, SIZE)
    made = []
    real = renderer.view.frame

    def keep(f, points):
        made.append(f)
        return real(f, points)

    renderer.view.frame = keep
    renderer.draw(pygame.Surface(SIZE), world)
    return made[0]
