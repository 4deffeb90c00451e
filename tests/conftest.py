"""Shared test set-up: no display, no audio device, settings in a temporary home."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

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
