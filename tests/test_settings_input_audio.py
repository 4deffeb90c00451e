"""Settings persistence, key/pad -> command mapping, and audio that never breaks the game."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.app import audio as audio_mod  # noqa: E402
from game.app import settings as settings_mod  # noqa: E402
from game.app.audio import PEAK, Audio, synthesize, to_mixer_array  # noqa: E402
from game.app.input import InputMapper  # noqa: E402
from game.app.settings import (  # noqa: E402
    Settings,
    data_dir,
    load_settings,
    save_settings,
    settings_path,
)
from game.sim import new_world  # noqa: E402
from game.sim.world import Event  # noqa: E402


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()  # pygame.key.name needs the video subsystem
    yield
    pygame.display.quit()


def key(kind, k):
    return pygame.event.Event(kind, key=k, mod=0, unicode="", scancode=0)


def axis(a, v, pad=0):
    return pygame.event.Event(pygame.JOYAXISMOTION, instance_id=pad, joy=pad, axis=a, value=v)


# ------------------------------------------------------------------ settings


def test_missing_file_gives_defaults_without_message(home):
    s, msg = load_settings()
    assert msg is None
    assert s == Settings()
    assert settings_path() == home / "settings.json"
    assert data_dir() == home / "data"
    assert s.bindings["thrust"] == ["up", "w"]
    assert s.bindings["launch"] == ["space"]
    assert s.bindings["beam"] == ["t"]


def test_settings_round_trip(home):
    s = Settings(master_volume=0.3, fullscreen=True, reduce_motion=True, window_size=(1600, 900))
    s.bindings = {**s.bindings, "launch": ["l"]}
    save_settings(s)
    loaded, msg = load_settings()
    assert msg is None
    assert loaded == s
    assert loaded.bindings["launch"] == ["l"]
    assert loaded.window_size == (1600, 900)


def test_corrupt_file_is_set_aside_with_message(home):
    path = home / "settings.json"
    path.write_text("{ this is not json", encoding="utf-8")
    s, msg = load_settings()
    assert s == Settings()
    assert msg is not None and "defaults" in msg
    assert not path.exists()
    aside = list(home.glob("settings.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == "{ this is not json"
    assert aside[0].name in msg


def test_invalid_value_reset_others_kept(home):
    path = home / "settings.json"
    path.write_text(json.dumps({"master_volume": 7, "sfx_volume": 0.25}), encoding="utf-8")
    s, msg = load_settings()
    assert msg is not None and "master_volume" in msg
    assert s.master_volume == Settings().master_volume
    assert s.sfx_volume == 0.25
    assert len(list(home.glob("settings.json.corrupt-*"))) == 1


def test_save_is_atomic_and_leaves_no_temp_files(home, monkeypatch):
    save_settings(Settings(master_volume=0.5))
    assert sorted(p.name for p in home.iterdir()) == ["settings.json"]

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(settings_mod.os, "replace", refuse)
    with pytest.raises(OSError):
        save_settings(Settings(master_volume=0.1))
    assert sorted(p.name for p in home.iterdir()) == ["settings.json"]
    monkeypatch.undo()
    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(home))
    assert load_settings()[0].master_volume == 0.5  # the old file is intact


def test_bindings_are_cleaned_on_load(home):
    (home / "settings.json").write_text(
        json.dumps({"bindings": {"thrust": ["W", "up"], "launch": ["w", "escape"]}}),
        encoding="utf-8",
    )
    s, msg = load_settings()
    assert msg is None
    assert s.bindings["thrust"] == ["w", "up"]
    assert s.bindings["launch"] == []  # w is taken, escape belongs to the menus
    assert s.bindings["dark"] == ["q"]  # commands missing from the file get defaults


# ------------------------------------------------------------------ keys


def test_keys_map_to_commands_and_release():
    m = InputMapper(Settings())
    assert m.held() == frozenset()
    m.handle_event(key(pygame.KEYDOWN, pygame.K_UP))
    m.handle_event(key(pygame.KEYDOWN, pygame.K_a))
    assert m.held() == {"thrust", "turn_left"}
    m.handle_event(key(pygame.KEYDOWN, pygame.K_w))
    m.handle_event(key(pygame.KEYUP, pygame.K_UP))
    assert m.held() == {"thrust", "turn_left"}  # still held through W
    m.handle_event(key(pygame.KEYUP, pygame.K_w))
    assert m.held() == {"turn_left"}
    m.handle_event(key(pygame.KEYDOWN, pygame.K_SPACE))
    m.handle_event(key(pygame.KEYDOWN, pygame.K_q))
    assert m.held() == {"turn_left", "launch", "dark"}
    m.release_all()
    assert m.held() == frozenset()


def test_salvage_commands_are_bound_by_default():
    m = InputMapper(Settings())
    m.handle_event(key(pygame.KEYDOWN, pygame.K_t))  # beam: the transporter
    m.handle_event(key(pygame.KEYDOWN, pygame.K_RETURN))  # action: work a station
    m.handle_event(key(pygame.KEYDOWN, pygame.K_x))  # shields: lower or raise them
    assert m.held() == {"beam", "action", "shields"}


def test_focus_loss_releases_everything():
    m = InputMapper(Settings())
    m.handle_event(key(pygame.KEYDOWN, pygame.K_UP))
    m.handle_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert m.held() == frozenset()


def test_rebind_moves_key_from_old_command():
    s = Settings()
    m = InputMapper(s)
    old = m.rebind("launch", "w")
    assert old == "thrust"
    assert s.bindings["launch"] == ["w"]
    assert s.bindings["thrust"] == ["up"]
    assert m.binding_label("thrust") == "UP"
    m.handle_event(key(pygame.KEYDOWN, pygame.K_w))
    assert m.held() == {"launch"}
    with pytest.raises(ValueError):
        m.rebind("launch", "escape")
    with pytest.raises(ValueError):
        m.rebind("warp", "x")


def test_binding_labels():
    m = InputMapper(Settings())
    assert m.binding_label("thrust") == "UP / W"
    assert m.binding_label("launch") == "SPACE"
    assert m.binding_label("action") == "ENTER"
    assert m.binding_label("turn_left", pad=True) == "STICK 0- / D-PAD LEFT"


def test_menu_actions():
    m = InputMapper(Settings())
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_UP)) == "up"
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_RETURN)) == "confirm"
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_BACKSPACE)) == "back"
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_ESCAPE)) == "pause"
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_p)) == "pause"
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_SPACE), playing=True) is None
    assert m.menu_action(key(pygame.KEYUP, pygame.K_UP)) is None
    m.rebind("polarity", "p")  # bound to a game command, P no longer pauses
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_p)) is None
    assert m.menu_action(key(pygame.KEYDOWN, pygame.K_ESCAPE)) == "pause"


def test_pad_stick_navigates_once_per_push():
    m = InputMapper(Settings())
    assert m.menu_action(axis(1, 0.9)) == "down"
    assert m.menu_action(axis(1, 0.95)) is None
    assert m.menu_action(axis(1, 0.0)) is None
    assert m.menu_action(axis(1, -0.9)) == "up"
    assert m.menu_action(axis(5, 0.9)) is None  # a trigger never navigates
    btn = pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=0, joy=0, button=7)
    assert m.menu_action(btn) == "pause"


# ------------------------------------------------------------------ gamepad


def test_pad_axis_beyond_deadzone_turns():
    m = InputMapper(Settings())
    m.handle_event(axis(0, -0.2))
    assert m.held() == frozenset()
    m.handle_event(axis(0, 0.3))
    assert m.held() == frozenset()  # inside the 0.35 deadzone
    m.handle_event(axis(0, -0.8))
    assert m.held() == {"turn_left"}
    m.handle_event(axis(0, 0.9))
    assert m.held() == {"turn_right"}
    m.handle_event(axis(5, 1.0))  # right trigger
    assert m.held() == {"turn_right", "thrust"}
    m.handle_event(axis(0, 0.0))
    m.handle_event(axis(5, -1.0))
    assert m.held() == frozenset()


def test_pad_buttons_hats_and_unplug():
    m = InputMapper(Settings())
    m.handle_event(pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=3, joy=3, button=0))
    m.handle_event(pygame.event.Event(pygame.JOYHATMOTION, instance_id=3, joy=3, hat=0,
                                      value=(1, 1)))
    assert m.held() == {"launch", "thrust", "turn_right"}
    m.handle_event(pygame.event.Event(pygame.JOYHATMOTION, instance_id=3, joy=3, hat=0,
                                      value=(0, 0)))
    assert m.held() == {"launch"}
    m.handle_event(axis(0, -1.0, pad=3))
    m.handle_event(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=3))
    assert m.held() == frozenset()  # nothing stays stuck when a pad goes away
    # a device that cannot be opened is reported, not raised
    m.handle_event(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=42))
    assert m.held() == frozenset()
    assert m.pads() == []


def test_pad_capture_and_rebind():
    s = Settings()
    m = InputMapper(s)
    assert m.pad_control_of(axis(2, 0.9)) == "axis:2+"
    m.handle_event(axis(2, -1.0))
    assert m.pad_control_of(axis(2, -0.9)) is None  # relaxing toward the centre
    assert m.rebind_pad("launch", "button:3") == "dark"
    assert s.pad_bindings["launch"] == ["button:3"]
    assert s.pad_bindings["dark"] == []
    with pytest.raises(ValueError):
        m.rebind_pad("launch", "wheel:9")


# ------------------------------------------------------------------ audio


@pytest.fixture(scope="module")
def world():
    from game.levels import load_level

    return new_world(load_level("anomaly"))


ALL_KINDS = ["surge", "hit", "launch", "launch_refused", "probe_lost", "telemetry", "dark_on",
             "dark_off", "polarity_reversed", "polarity_normal", "emerge", "ellipse_target",
             "won", "lost", "timeout", "subspace", "something_new"]


def test_audio_with_dummy_driver_never_raises(world):
    a = Audio(Settings())
    assert a.enabled or a.message
    a.on_events([Event(k, 1.0, 2.0, 0.0) for k in ALL_KINDS], world)
    a.update(world)
    a.ui("move")
    a.ui("confirm")
    a.ui("no_such_blip")
    a.set_volumes(Settings(master_volume=0.2))
    a.pause()
    a.resume()
    a.stop()
    a.update(world)
    pygame.mixer.quit()


def test_audio_loops_follow_the_world(world):
    a = Audio(Settings())
    assert a.enabled, f"the dummy audio driver should give a mixer: {a.message}"
    pl = world.player
    saved = (pl.throttle, pl.dark, float(world.bodies.hull[pl.body]))
    try:
        pl.throttle, pl.dark = 1.0, False
        assert a._targets(world)["engine"] == 1.0
        pl.dark = True
        assert a._targets(world)["engine"] == 0.0
        assert a._targets(world)["alarm"] == 0.0
        world.bodies.hull[pl.body] = 10.0
        assert a._targets(world)["alarm"] == 1.0
        pl.dark = False
        for _ in range(30):
            a.update(world)
        assert a._levels["engine"] > 0.9
        assert a._channels["engine"].get_busy()
    finally:
        pl.throttle, pl.dark, world.bodies.hull[pl.body] = saved
        pygame.mixer.quit()


def test_audio_silent_when_mixer_fails(world, monkeypatch):
    pygame.mixer.quit()

    def fail(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", fail)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    played = []
    monkeypatch.setattr(audio_mod.Audio, "play", lambda self, *a: played.append(a))
    a = Audio(Settings())
    assert not a.enabled
    assert "No available audio device" in a.message
    a.on_events([Event(k) for k in ALL_KINDS], world)
    a.update(world)
    a.ui("confirm")
    a.set_volumes(Settings())
    a.pause()
    a.resume()
    a.stop()
    assert played == [("ui_confirm",)]  # ui() still asks, play() itself is the no-op
    monkeypatch.undo()
    a2 = Audio(Settings())
    a2._enabled = False
    a2.play("boom")  # the real play() is silent when disabled
    pygame.mixer.quit()


def test_synthesised_sounds_are_sane():
    rate = 22050
    sounds = synthesize(rate)
    expected = {"engine", "drone", "beam", "alarm", "boom", "hit", "shimmer", "ui_move",
                "ui_confirm", "ui_back", "chime", "ping", "power_down", "power_up",
                "polarity", "swell", "sink", "lock", "denied"}
    assert expected <= set(sounds)
    for name, x in sounds.items():
        assert x.ndim == 1 and x.dtype == np.float32, name
        assert 0.03 * rate < x.size < 3 * rate, name
        assert np.all(np.isfinite(x)), name
        assert np.max(np.abs(x)) <= PEAK + 1e-6, name  # headroom: never clips
        assert np.sqrt(np.mean(x.astype(np.float64) ** 2)) > 0.05, name  # not silent
    for loop in ("engine", "drone", "beam", "alarm"):
        x = sounds[loop]
        assert abs(float(x[0]) - float(x[-1])) < 0.05, loop  # seamless loop point
    again = synthesize(rate)
    assert all(np.array_equal(sounds[k], again[k]) for k in sounds)  # deterministic


def test_mixer_array_formats():
    mono = np.array([0.0, 0.5, -1.0, 1.0], np.float32)
    s16 = to_mixer_array(mono, -16, 2)
    assert s16.shape == (4, 2) and s16.dtype == np.int16
    assert s16[3, 0] == 32767 and s16[2, 1] == -32767 and s16[0, 0] == 0
    u8 = to_mixer_array(mono, 8, 1)
    assert u8.shape == (4,) and u8.dtype == np.uint8 and u8[0] == 128
    f32 = to_mixer_array(mono, 32, 6)
    assert f32.shape == (4, 6) and f32.dtype == np.float32 and f32[1, 5] == 0.5
