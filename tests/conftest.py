"""Shared test set-up: no display, no audio device, settings in a temporary home."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# the glow texture in line, as screenshots do (tests/test_glow_worker.py asks for the process)
os.environ["ONE_SMALL_STEP_GLOW_WORKER"] = "0"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def anomaly():
    from game.levels import load_level

    return load_level("anomaly")


SIZE = (1280, 720)  # the game's logical resolution
PLAY_BAND = (160, 560)  # screen rows between the HUD's top and bottom panels


def rgb(surface):
    """A surface's pixels as an int32 (height, width, 3) array."""
    import numpy as np
    import pygame

    return pygame.surfarray.array3d(surface).transpose(1, 0, 2).astype(np.int32)


class FakeClock:
    """A clock for the window loop that advances one frame at `fps` per call."""

    def __init__(self, fps: float):
        self.fps = fps
        self.n = 0

    def __call__(self) -> float:
        self.n += 1
        return self.n / self.fps


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A window-side App on the dummy video driver, driven by a fake 60 FPS clock."""
    import pygame

    from game.app.loop import App
    from game.app.settings import Settings

    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))
    pygame.display.init()
    pygame.font.init()
    a = App(Settings(), clock=FakeClock(60), fps_cap=None, vsync=False)
    a.running = True
    yield a
    a.close()
    pygame.display.quit()


def put_aboard(world, where: str, facing: float = 1.0, core: float = 1.0) -> None:
    """The salvage's crew member aboard the module at a station (`where`), lamp `facing`
    (+1 aft, -1 fore), the core powered to `core`."""
    from game.sim.kinds.salvage import station_pos

    st = world.state
    st.phase = "aboard"
    st.suit[:] = station_pos(world, where)
    st.suit_vel[:] = 0.0
    st.facing = facing
    st.station = where
    st.core = core


@pytest.fixture(scope="session")
def salvage():
    from game.levels import load_level

    return load_level("salvage")


@pytest.fixture(scope="session")
def escape():
    from game.levels import load_level

    return load_level("escape")
