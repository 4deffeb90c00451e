"""The window scales the 1280x720 picture with letterboxing; pads drive the menus by name."""

import json

import numpy as np
import pygame
import pytest
from conftest import FakeClock  # noqa: E402

from game.app.settings import Settings, load_settings, settings_path
from game.app.window import letterbox, to_logical

# ------------------------------------------------------------------ letterbox


@pytest.mark.parametrize("window, fit, integer", [
    ((1280, 720), (0, 0, 1280, 720), (0, 0, 1280, 720)),
    ((960, 540), (0, 0, 960, 540), (0, 0, 960, 540)),       # below 1x: fit either way
    ((1920, 1080), (0, 0, 1920, 1080), (320, 180, 1280, 720)),
    ((2560, 1440), (0, 0, 2560, 1440), (0, 0, 2560, 1440)),
    ((1000, 1000), (0, 219, 1000, 562), (0, 219, 1000, 562)),  # bars above and below
    ((3000, 720), (860, 0, 1280, 720), (860, 0, 1280, 720)),   # bars left and right
])
def test_letterbox_keeps_the_whole_picture(window, fit, integer):
    assert tuple(letterbox(window, mode="fit")) == fit
    assert tuple(letterbox(window, mode="integer")) == integer
    for mode in ("fit", "integer"):
        r = letterbox(window, mode=mode)
        assert r.left >= 0 and r.top >= 0 and r.right <= window[0] and r.bottom <= window[1]
        assert abs(r.w / r.h - 16 / 9) < 0.01


def test_mouse_positions_map_through_the_scaling():
    dest = letterbox((1920, 1080), mode="integer")  # 1280x720 at (320, 180)
    assert to_logical((320, 180), dest) == (0, 0)
    assert to_logical((320 + 640, 180 + 360), dest) == (640, 360)
    dest = letterbox((960, 540))
    assert to_logical((480, 270), dest) == (640, 360)


# ------------------------------------------------------------------ the window


def _app(settings, monkeypatch, tmp_path):
    from game.app.loop import App

    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))
    pygame.display.init()
    pygame.font.init()
    return App(settings, clock=FakeClock(60), fps_cap=None, vsync=False)


def test_small_window_shows_the_whole_picture(monkeypatch, tmp_path):
    from game.app.scenes.base import Scene

    class Corners(Scene):
        def draw(self, surface, alpha):
            surface.fill((0, 0, 255))
            w, h = surface.get_size()
            for x, y in ((0, 0), (w - 8, 0), (0, h - 8), (w - 8, h - 8)):
                surface.fill((255, 0, 0), (x, y, 8, 8))

    app = _app(Settings(window_size=(960, 540)), monkeypatch, tmp_path)
    try:
        assert app.screen.get_size() == (1280, 720)  # scenes always draw the logical picture
        app.push(Corners(app))
        app.running = True
        app.frame()
        shot = app.window.snapshot()
        w, h = shot.get_size()
        assert (w, h) == (960, 540)
        for x, y in ((1, 1), (w - 2, 1), (1, h - 2), (w - 2, h - 2)):  # all four corners in view
            assert shot.get_at((x, y))[:3] == (255, 0, 0)
        assert shot.get_at((w // 2, h // 2))[:3] == (0, 0, 255)
    finally:
        app.close()
        pygame.display.quit()


def test_cpu_rasterisers_are_known_by_name():
    from game.app.window import cpu_rasteriser

    for name in ("llvmpipe (LLVM 15.0.6, 256 bits)", "softpipe", "Mesa Software Rasterizer",
                 "SwiftShader Device (LLVM 10.0.0)", "Microsoft Basic Render Driver"):
        assert cpu_rasteriser(name), name
    for name in (None, "", "NVIDIA GeForce RTX 3060/PCIe/SSE2", "AMD Radeon Graphics (radeonsi, renoir)",
                 "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "Apple M1"):
        assert not cpu_rasteriser(name), name


@pytest.mark.parametrize("env, gl, shown, renderer", [
    ("", "llvmpipe (LLVM 15.0.6, 256 bits)", "CPU (llvmpipe not used)", False),  # no GPU: its own surface
    ("", "AMD Radeon Graphics (radeonsi)", "GPU (AMD)", True),
    ("", None, "SDL renderer", True),  # cannot ask (not OpenGL, not X11): the renderer SDL gave
    ("gpu", "llvmpipe (LLVM 15.0.6, 256 bits)", "GPU (llvmpipe)", True),  # asked for
    ("cpu", "AMD Radeon Graphics (radeonsi)", "CPU", False),
])
def test_the_picture_is_shown_by_the_gpu_only_where_there_is_one(monkeypatch, tmp_path, env, gl, shown,
                                                                 renderer):
    """At start-up: a renderer whose OpenGL is drawn by the CPU (llvmpipe: no GPU, a
    virtual machine) is dropped for the window's own surface, and the loop then paces
    itself at the display's refresh rate; the picture is shown whole either way."""
    from game.app import window as window_module
    from game.app.scenes.base import Scene

    class Corners(Scene):
        def draw(self, surface, alpha):
            surface.fill((0, 0, 255))
            surface.fill((255, 0, 0), (0, 0, 32, 32))

    monkeypatch.setenv(window_module.PRESENT_ENV, env)
    monkeypatch.setattr(window_module, "gl_renderer", lambda: gl)
    app = _app(Settings(window_size=(960, 540)), monkeypatch, tmp_path)
    try:
        win = app.window
        assert (win.renderer is not None) == renderer and win.shown_by == shown
        assert not win.paced  # vsync=False here
        app.push(Corners(app))
        app.running = True
        app.frame()
        shot = win.snapshot()
        assert shot.get_size() == (960, 540)
        red, blue = shot.get_at((4, 4)), shot.get_at((480, 270))  # smoothscale rounds 255 to 253
        assert red.r > 245 and red.g + red.b == 0 and blue.b > 245 and blue.r + blue.g == 0
    finally:
        app.close()
        pygame.display.quit()


def test_an_unpaced_window_runs_at_the_displays_rate(monkeypatch, tmp_path):
    """Without vsync the loop is capped at the display's refresh rate (60 Hz where the
    display does not say); with it, at the app's own cap."""
    from game.app.window import refresh_rate

    for rates, hz in (([0], 60), ([144, 60], 144), ([], 60), ([300], 300)):
        monkeypatch.setattr(pygame.display, "get_desktop_refresh_rates", lambda r=rates: r)
        assert refresh_rate() == hz
    app = _app(Settings(), monkeypatch, tmp_path)
    try:
        app.fps_cap = 240
        for hz, cap in ((60, 60), (144, 144), (300, 240)):
            app.window.refresh_hz = hz
            app.window.paced = False
            assert app.frame_cap() == cap
            app.window.paced = True
            assert app.frame_cap() == 240
        app.fps_cap = None  # the screenshots' app: never capped
        app.window.paced = False
        assert app.frame_cap() is None
        monkeypatch.setattr(pygame.display, "get_desktop_refresh_rates", lambda: [75])
        app.set_fullscreen(True)  # another mode, perhaps another monitor: read again
        assert app.window.refresh_hz == 75
    finally:
        app.close()
        pygame.display.quit()


def test_f11_and_settings_agree_and_are_saved(monkeypatch, tmp_path):
    app = _app(Settings(), monkeypatch, tmp_path)
    try:
        from game.app.scenes.base import Scene

        app.push(Scene(app))
        app.running = True
        app.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0, unicode="",
                                            scancode=0))
        assert app.fullscreen is True and app.settings.fullscreen is True
        assert json.loads(settings_path().read_text())["fullscreen"] is True
        app.settings.scale_mode = "integer"
        app.apply_window_settings()
        assert app.window.scale_mode == "integer"
    finally:
        app.close()
        pygame.display.quit()
    settings, message = load_settings()
    assert message is None and settings.fullscreen is True and settings.scale_mode == "integer"


# ------------------------------------------------------------------ a pad session


def _pad(kind, **attrs):
    return pygame.event.Event(kind, instance_id=0, **attrs)


def test_a_pad_drives_the_menus_and_rebinds_by_name(app):
    """Synthetic SDL game-controller events through the real event queue and loop."""
    from game.app.scenes.settings import SettingsScene
    from game.app.scenes.title import TitleScene

    app.push(TitleScene(app, demo=False))
    title = app.stack.top
    pygame.event.clear()
    while title.menu.selected.key != "settings":
        pygame.event.post(_pad(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_DPAD_DOWN))
        app.frame()
    pygame.event.post(_pad(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A))
    app.frame()
    settings = app.stack.top
    assert isinstance(settings, SettingsScene)
    settings.menu.select("bind:shields")
    settings.column = 2
    pygame.event.post(_pad(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A))
    app.frame()
    assert settings.capturing == "shields"
    # a trigger lying at rest, then pressed past the threshold
    pygame.event.post(_pad(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_TRIGGERLEFT, value=0))
    app.frame()
    assert settings.capturing == "shields"
    pygame.event.post(_pad(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_TRIGGERLEFT,
                           value=30000))
    app.frame()
    # LT was reverse's: offered as a swap, confirmed with A
    assert settings.pending is not None and "LT is on Retro thrust" in settings.note
    pygame.event.post(_pad(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A))
    app.frame()
    assert app.settings.pad_bindings["shields"] == ["lefttrigger"]
    assert app.settings.pad_bindings["reverse"][0] == "back"  # what shields had
    assert "LT" in settings.menu.selected.value
    pygame.event.post(_pad(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_B))
    app.frame()
    assert app.stack.top is title
    # hot-plug: a pad that appears and goes away never raises
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=7))
    pygame.event.post(_pad(pygame.CONTROLLERDEVICEREMOVED))
    app.frame()
    assert app.stack.top is title


# ------------------------------------------------------------------ readable screens


def test_without_hud_mutes_the_hud_for_one_draw_only():
    from game.app.scenes.ui import without_hud

    class Hud:
        def __init__(self):
            self.calls = []

        def draw(self, *a):
            self.calls.append("draw")

        def banner(self, *a):
            self.calls.append("banner")

    class Renderer:
        def __init__(self):
            self.hud = Hud()

        def _objective_arrow(self, *a):
            self.hud.calls.append("arrow")

        def draw(self):
            self.hud.draw()
            self.hud.banner()
            self._objective_arrow()

    r = Renderer()
    with without_hud(r):
        r.draw()
    assert r.hud.calls == []
    r.draw()
    assert r.hud.calls == ["draw", "banner", "arrow"]


def test_designer_levels_are_found_by_id_and_listed(monkeypatch, tmp_path):
    import shutil

    from game.cli import main
    from game.levels import load_level
    from game.levels.loader import designer_level_files, levels_dir, set_extra_level_dirs

    user = tmp_path / "home" / "data" / "levels"
    user.mkdir(parents=True)
    text = (levels_dir() / "anomaly.toml").read_text().replace('id = "anomaly"', 'id = "my_storm"', 1)
    (user / "my_storm.toml").write_text(text)
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(levels_dir() / "anomaly.toml", extra / "anomaly.toml")  # a shipped id: not listed
    try:
        set_extra_level_dirs([extra])
        assert load_level("my_storm").path == user / "my_storm.toml"
        assert load_level("anomaly").path.parent == levels_dir()  # shipped ids first
        assert designer_level_files() == [user / "my_storm.toml"]
        from game.app.scenes.title import designer_level_items

        assert [i.label for i in designer_level_items()] == ["YOUR LEVEL: ANOMALY"]  # its title
    finally:
        set_extra_level_dirs([])
    assert main(["check"]) == 0
    assert main(["check", "--levels", str(tmp_path / "nowhere")]) == 2


def test_no_new_best_for_a_zero_score(app):
    from test_scenes import finished_world

    from game.app.scenes.results import ResultsScene
    from game.levels import load_level

    level = load_level("anomaly")
    world = finished_world(level, "lost", "hull breached")
    seen = []
    import game.app.scenes.ui as ui

    real = ui.draw_text

    def spy(surface, text, *a, **k):
        seen.append(text)
        return real(surface, text, *a, **k)

    app.push(ResultsScene(app, level, world))
    results = app.stack.top
    assert results.summary.score == 0
    assert results.recorded is not None and results.recorded.rank == 1
    ui.draw_text = spy
    try:
        results.draw(app.screen, 1.0)
    finally:
        ui.draw_text = real
    assert not any("BEST" in t for t in seen)


@pytest.mark.parametrize("size, mode", [((960, 540), "fit"), ((1000, 700), "fit"), ((1500, 700), "fit"),
                                        ((2000, 900), "integer"), ((1280, 720), "fit"),
                                        ((1100, 650), "stretch")])
def test_the_cpu_path_scales_the_picture_into_place_and_clears_only_the_bars(monkeypatch, tmp_path,
                                                                             size, mode):
    """The window's own surface: the picture scaled straight into its place (the same
    pixels as scaling a copy), the bars round it black whatever was there before."""
    from game.app import window as window_module
    from game.app.window import bars, letterbox

    monkeypatch.setenv(window_module.PRESENT_ENV, "cpu")
    app = _app(Settings(window_size=size), monkeypatch, tmp_path)
    try:
        win = app.window
        assert win.renderer is None
        win.set_scale_mode(mode)
        picture = pygame.Surface((1280, 720))
        rng = np.random.default_rng(5)
        pygame.surfarray.blit_array(picture, rng.integers(0, 256, (1280, 720, 3), dtype=np.uint8))
        win.window.get_surface().fill((200, 100, 50))  # the last frame, or anything
        win.present(picture)
        shot = win.snapshot()
        dest = letterbox(shot.get_size(), mode=mode)
        scale = pygame.transform.scale if mode == "integer" else pygame.transform.smoothscale
        expected = picture if dest.size == picture.get_size() else scale(picture, dest.size)
        got = pygame.surfarray.array3d(shot)
        np.testing.assert_array_equal(got[dest.left:dest.right, dest.top:dest.bottom],
                                      pygame.surfarray.array3d(expected))
        edges = bars(shot.get_rect(), dest)
        assert (len(edges) > 0) == (dest.size != shot.get_size())
        covered = sum(r.w * r.h for r in edges) + dest.w * dest.h
        assert covered == shot.get_width() * shot.get_height()  # the bars and the picture tile it
        for r in edges:
            assert not got[r.left:r.right, r.top:r.bottom].any(), f"bar {r} not cleared"
    finally:
        app.close()
        pygame.display.quit()
