"""One frame of the salvage and the escape rendered headless: the transporter's range ring
and shimmer in space, the dark cabin lit by the suit lamp and the torch, the starship and
the beam after the tractor lock, and a camera that follows the handover without a jump."""

from __future__ import annotations

import math
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402
from conftest import SIZE, put_aboard, rgb  # noqa: E402

from game.app.render import WorldRenderer  # noqa: E402
from game.levels import load_level  # noqa: E402
from game.sim import World, new_world, step  # noqa: E402
from game.sim.kinds.salvage import station_pos  # noqa: E402

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    yield


def settle(world: World, seconds: float = 0.3) -> None:
    """A few steps with nobody at the controls, so the ellipse has surfaced."""
    while world.t < seconds:
        step(world, frozenset())


def draw(world: World, renderer: WorldRenderer | None = None) -> tuple[np.ndarray, WorldRenderer]:
    renderer = renderer or WorldRenderer(world.level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)
    return rgb(surface), renderer


def lum(px: np.ndarray) -> np.ndarray:
    return px.sum(axis=2) / 3.0


# ---------------------------------------------------------------------- salvage
def salvage_world(seconds: float = 0.3) -> World:
    world = new_world(load_level("salvage"), 1)
    settle(world, seconds)
    return world


def near_module(world: World, gap: float) -> None:
    """Put the shuttle `gap` metres from the module, both at rest."""
    b = world.bodies
    i, j = world.player.body, world.state.module
    b.pos[i] = b.pos[j] + np.array([-gap, 0.0], np.float32)
    b.vel[i] = b.vel[j] = 0.0
    world.state.range_now = gap


def ring_green(px: np.ndarray, renderer: WorldRenderer, world: World) -> float:
    """Share of the transporter ring's circle that is drawn green."""
    cam = renderer.camera
    j = world.state.module
    cx, cy = cam.to_screen(float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1]))
    r = world.level.config.salvage.transporter_range * cam.zoom
    hits = total = 0
    for th in np.linspace(0.0, 2.0 * math.pi, 180, endpoint=False):
        x, y = int(cx + math.cos(th) * r), int(cy + math.sin(th) * r)
        if not (170 < y < 560 and 360 < x < 920):  # clear of the HUD's panels and labels
            continue
        total += 1
        patch = px[y - 3:y + 4, x - 3:x + 4].reshape(-1, 3)
        green = (patch[:, 1] > patch[:, 0] + 40) & (patch[:, 1] > patch[:, 2] + 10) & (patch[:, 1] > 110)
        hits += bool(green.any())
    assert total > 20
    return hits / total


def test_transporter_ring_lights_green_in_range(fonts):
    world = salvage_world()
    near_module(world, 100.0)  # inside the 150 m reach
    inside, r_in = draw(world)
    near_module(world, 260.0)
    outside, r_out = draw(world)
    assert ring_green(inside, r_in, world) > 0.6
    assert ring_green(outside, r_out, world) < 0.2


def test_beaming_over_sparkles_over_both_ships(fonts):
    world = salvage_world()
    near_module(world, 100.0)
    world.player.shields_down = True
    quiet, r0 = draw(world)
    st = world.state
    st.phase, st.beam = "beaming_over", 0.5
    beaming, r1 = draw(world)
    cam = r1.camera
    b = world.bodies
    for j in (world.player.body, st.module):
        x, y = (int(v) for v in cam.to_screen(float(b.pos[j, 0]), float(b.pos[j, 1])))
        box = (slice(y - 45, y + 10), slice(x - 20, x + 21))  # the column rises above the ship
        assert lum(beaming[box]).mean() > lum(quiet[box]).mean() + 8.0


def aboard(world: World, where: str, facing: float = 1.0) -> None:
    put_aboard(world, where, facing, core=1.0)


def right_of_figure(world: World, renderer: WorldRenderer) -> tuple[slice, slice]:
    """A stretch of the wall 1.5 to 5 m aft of the figure, under the windows."""
    cab = renderer.view.cabin
    x, _ = station_pos(world, "core")
    x0, y0 = cab.to_screen(x + 1.5, 1.8)
    x1, y1 = cab.to_screen(x + 5.0, 3.0)
    return slice(int(y0), int(y1)), slice(int(x0), int(x1))


def test_cabin_is_dark_but_for_the_lamp_cone(fonts):
    world = salvage_world()
    aboard(world, "core", facing=1.0)
    right, r_right = draw(world)
    aboard(world, "core", facing=-1.0)
    left, r_left = draw(world)
    cab = r_right.view.cabin
    # the cabin's interior band: pitch dark for the most part
    top, bottom = int(cab.sy(0.3)), int(cab.sy(cab.H - 0.3))
    band = lum(right[top:bottom, :])
    assert (band < 40).mean() > 0.5
    # aft of the figure the lamp's cone is bright; turned round, the same wall is dark
    lit, unlit = right[right_of_figure(world, r_right)], left[right_of_figure(world, r_left)]
    assert lum(lit).max() > 170
    assert lum(lit).mean() > 3.0 * lum(unlit).mean()


def test_cabin_torch_sparks_and_lights_the_seam(fonts):
    world = salvage_world()
    aboard(world, "distributor")
    st = world.state
    st.cut, st.torch, st.working = 0.4, 0.0, True
    cold, renderer = draw(world)
    st.torch_on = True
    cutting, renderer = draw(world, renderer)
    cab = renderer.view.cabin
    tx, ty = (int(v) for v in cab.to_screen(*cab.torch_tip(world)))
    box = (slice(ty - 40, ty + 40), slice(tx - 80, tx + 20))  # the sparks fly back into the room
    hot = lambda px: ((px[..., 0] > 230) & (px[..., 1] > 150)).sum()  # noqa: E731
    assert hot(cutting[box]) > hot(cold[box]) + 20
    assert lum(cutting[box]).mean() > lum(cold[box]).mean() + 15.0


def test_cabin_prompt_uses_the_key_labels(fonts):
    world = salvage_world()
    aboard(world, "core")
    world.state.core = 0.0
    renderer = WorldRenderer(world.level, SIZE)
    renderer.view.keys["action"] = "SPACE"
    key, what, _ = renderer.view.prompt_text(world)
    assert key == "SPACE" and "POWER THE COMPUTER CORE" in what
    draw(world, renderer)  # and it draws


# ---------------------------------------------------------------------- escape
def escape_world(gap: float) -> World:
    """The shuttle just beneath the surface, the starship `gap` metres further out."""
    world = new_world(load_level("escape"), 1)
    settle(world)
    b = world.bodies
    st = world.state
    _, minor = world.ellipse.axes
    b.pos[st.shuttle] = (0.0, -0.9 * minor)
    b.pos[st.starship] = (0.0, -0.9 * minor - gap)
    b.angle[st.starship] = math.pi / 2  # nose on the ellipse
    b.vel[st.shuttle] = b.vel[st.starship] = 0.0
    return world


def beam_pixels(px: np.ndarray, renderer: WorldRenderer, world: World) -> int:
    """Pixels along the middle of the segment from the starship's bow to the shuttle that
    are drawn in the beam's slack green."""
    cam = renderer.camera
    view_bow = renderer.view.bow_world(world)
    ax, ay = cam.to_screen(*view_bow)
    j = world.state.shuttle
    bx, by = cam.to_screen(float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1]))
    count = 0
    for f in np.linspace(0.25, 0.75, 30):
        x, y = int(ax + (bx - ax) * f), int(ay + (by - ay) * f)
        patch = px[y - 4:y + 5, x - 4:x + 5].reshape(-1, 3)
        green = (patch[:, 1] > patch[:, 0] + 30) & (patch[:, 1] > patch[:, 2] + 40) & (patch[:, 1] > 120)
        count += int(green.sum())
    return count


def test_escape_starship_drawn_before_the_lock(fonts):
    world = escape_world(600.0)  # beyond the beam's 420 m reach
    step(world, frozenset())
    assert not world.state.locked
    px, renderer = draw(world)
    cam = renderer.camera
    j = world.state.starship
    x, y = (int(v) for v in cam.to_screen(float(world.bodies.pos[j, 0]), float(world.bodies.pos[j, 1])))
    assert 0 < x < SIZE[0] and 0 < y < SIZE[1]  # the view widened to hold it
    patch = px[y - 20:y + 21, x - 20:x + 21].reshape(-1, 3)
    cyan = (patch[:, 2] > 180) & (patch[:, 1] > 150) & (patch[:, 0] < patch[:, 2])
    assert cyan.sum() > 10
    assert world.tractor.target < 0 and beam_pixels(px, renderer, world) < 15


def test_escape_handover_beam_and_camera(fonts):
    world = escape_world(300.0)  # in reach: the lock engages on the next step
    before, renderer = draw(world)
    cam_before = (renderer.camera.x, renderer.camera.y)
    step(world, frozenset())
    st = world.state
    assert st.locked and world.player.body == st.starship and world.tractor.target == st.shuttle
    # the next frame (a step later): no jump, though the followed body is 300 m away
    after, renderer = draw(world, renderer)
    assert math.hypot(renderer.camera.x - cam_before[0], renderer.camera.y - cam_before[1]) < 30.0
    assert beam_pixels(after, renderer, world) > 40
    assert beam_pixels(before, renderer, world) < beam_pixels(after, renderer, world) // 3
    # a fresh view of the same moment: centred on the starship, the shuttle on screen
    fresh, r2 = draw(world)
    cam = r2.camera
    b = world.bodies
    sx, sy = cam.to_screen(float(b.pos[st.starship, 0]), float(b.pos[st.starship, 1]))
    assert abs(sx - SIZE[0] / 2) < 0.2 * SIZE[0] and abs(sy - SIZE[1] / 2) < 0.2 * SIZE[1]
    hx, hy = cam.to_screen(float(b.pos[st.shuttle, 0]), float(b.pos[st.shuttle, 1]))
    assert 0 < hx < SIZE[0] and 0 < hy < SIZE[1]
    assert fresh.sum() > 0


def test_play_scene_prompts_with_the_players_keys(app):
    from game.app.scenes.play import PlayScene

    app.settings.bindings["action"] = ["space"]
    play = PlayScene(app, load_level("salvage"), seed=1)
    assert play.renderer.view.keys["action"] == "SPACE"
    aboard(play.world, "core")
    play.world.state.core = 0.0
    key, what, _ = play.renderer.view.prompt_text(play.world)
    assert key == "SPACE"
    surface = pygame.Surface(SIZE)
    play.draw(surface, 1.0)
    assert lum(rgb(surface)).max() > 200


# ---------------------------------------------------------------------- sound
def test_sounds_of_the_salvage_and_escape():
    from game.app.audio import EVENT_SOUNDS, Audio, synthesize
    from game.app.settings import Settings

    sounds = synthesize(22050)
    for kind in ("beam_start", "aboard", "beamed_back", "core_powered", "log", "torch_overheat",
                 "part_free", "jolt", "power_dip", "beam_locked", "handover", "clear"):
        assert EVENT_SOUNDS[kind][0] in sounds, kind
    a = Audio(Settings())
    try:
        world = salvage_world(0.05)
        aboard(world, "distributor")
        assert a._targets(world)["torch"] == 0.0
        world.state.torch_on = True
        assert a._targets(world)["torch"] == 1.0
        tow = escape_world(300.0)
        assert a._targets(tow)["beam"] == 0.0
        step(tow, frozenset())  # the lock engages: the beam hums
        assert a._targets(tow)["beam"] > 0.4
    finally:
        pygame.mixer.quit()


def test_the_salvage_draws_the_module_by_her_distance(fonts, monkeypatch):
    import game.app.render.module as module

    calls = []
    real = module.draw_module
    monkeypatch.setattr(module, "draw_module",
                        lambda *a, **kw: (calls.append(a), real(*a, **kw))[1])
    world = salvage_world(1.0)
    surface = pygame.Surface((1280, 720))
    WorldRenderer(world.level).draw(surface, world)
    assert calls, "the Ares IV was not drawn"
    b, i, j = world.bodies, world.player.body, world.module
    gap = float(np.hypot(*(b.pos[j] - b.pos[i])))
    assert abs(calls[-1][8] - gap) < 0.05 * gap + 1.0  # her distance, for her label


def test_a_gust_on_the_towed_shuttle_is_drawn_around_her(fonts):
    """The shear's gust shows in the world, not only on the HUD: streaks stream past the
    towed shuttle while it holds her, and none are drawn when it has died away."""
    from game.pilots import Autopilot
    from game.run import Run

    level = load_level("escape")
    world = new_world(level, 1)
    run = Run(world, Autopilot(level))
    while world.outcome is None and not (world.state.locked and world.state.gust > 0.8):
        run.step()
    assert world.outcome is None
    gusty, renderer = draw(world)
    i = world.state.shuttle
    x, y = renderer.camera.to_screen(float(world.bodies.pos[i, 0]), float(world.bodies.pos[i, 1]))
    near = (slice(max(0, int(y) - 90), int(y) + 90), slice(max(0, int(x) - 90), int(x) + 90))  # rows, columns
    world.state.gust = 0.0
    calm, _ = draw(world)
    changed = np.abs(gusty[near].astype(int) - calm[near].astype(int)).sum(axis=2) > 30
    assert int(changed.sum()) > 150
