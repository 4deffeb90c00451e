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

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

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


AXES = {"leftx": pygame.CONTROLLER_AXIS_LEFTX, "lefty": pygame.CONTROLLER_AXIS_LEFTY,
        "rightx": pygame.CONTROLLER_AXIS_RIGHTX, "righty": pygame.CONTROLLER_AXIS_RIGHTY,
        "lt": pygame.CONTROLLER_AXIS_TRIGGERLEFT, "rt": pygame.CONTROLLER_AXIS_TRIGGERRIGHT}
BUTTONS = {"a": pygame.CONTROLLER_BUTTON_A, "b": pygame.CONTROLLER_BUTTON_B,
           "x": pygame.CONTROLLER_BUTTON_X, "y": pygame.CONTROLLER_BUTTON_Y,
           "start": pygame.CONTROLLER_BUTTON_START, "back": pygame.CONTROLLER_BUTTON_BACK,
           "dpup": pygame.CONTROLLER_BUTTON_DPAD_UP, "dpright": pygame.CONTROLLER_BUTTON_DPAD_RIGHT,
           "lb": pygame.CONTROLLER_BUTTON_LEFTSHOULDER}


def axis(a, v, pad=0):
    """A game-controller axis event; `v` in -1..1 as SDL's -32768..32767."""
    return pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=pad, axis=AXES[a],
                              value=int(round(v * 32767)))


def button(name, down=True, pad=0):
    kind = pygame.CONTROLLERBUTTONDOWN if down else pygame.CONTROLLERBUTTONUP
    return pygame.event.Event(kind, instance_id=pad, button=BUTTONS[name])


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
    assert msg is not None and str(home / "settings.json") in msg
    assert "'w' is already bound to thrust" in msg
    assert s.bindings["thrust"] == ["w", "up"]
    assert s.bindings["launch"] == ["space"]  # w is taken, escape is the menus': default back
    assert s.bindings["dark"] == ["q"]  # commands missing from the file get defaults
    assert (home / "settings.json").exists()  # a repaired file is not set aside


def test_unknown_keys_and_pad_controls_are_dropped_with_a_message(home):
    (home / "settings.json").write_text(json.dumps({
        "bindings": {"thrust": ["nosuchkey", "up"], "warp": ["k"]},
        "pad_bindings": {"launch": ["button:0"], "dark": ["start"]},
        "master_volume": 0.4,
    }), encoding="utf-8")
    from game.app.input import known_key

    s, msg = load_settings(known_key)
    assert msg is not None
    assert "'nosuchkey' is not a key" in msg and "warp: no such command" in msg
    assert s.bindings["thrust"] == ["up"]
    assert s.pad_bindings["launch"] == ["a"] and s.pad_bindings["dark"] == ["x"]  # defaults back
    assert s.master_volume == 0.4


def test_every_command_unbound_restores_the_defaults(home):
    from game.app.settings import DEFAULT_BINDINGS

    (home / "settings.json").write_text(
        json.dumps({"bindings": {cmd: [] for cmd in DEFAULT_BINDINGS}}), encoding="utf-8")
    s, msg = load_settings()
    assert msg is not None and "defaults restored" in msg
    assert s.bindings == DEFAULT_BINDINGS


def test_deeply_nested_settings_are_set_aside(home):
    path = home / "settings.json"
    path.write_text('{"bindings": ' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    s, msg = load_settings()
    assert s == Settings()
    assert msg is not None and str(path) in msg
    assert len(list(home.glob("settings.json.corrupt-*"))) == 1


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


def test_rebind_swaps_with_the_command_that_had_the_key():
    s = Settings()
    m = InputMapper(s)
    old = m.rebind("launch", "w")
    assert old == "thrust"
    assert s.bindings["launch"] == ["w"]
    assert s.bindings["thrust"] == ["up", "space"]  # thrust gets what launch had: nothing lost
    assert m.binding_label("thrust") == "UP / SPACE"
    m.handle_event(key(pygame.KEYDOWN, pygame.K_w))
    assert m.held() == {"launch"}
    with pytest.raises(ValueError):
        m.rebind("launch", "escape")
    with pytest.raises(ValueError):
        m.rebind("warp", "x")


def test_both_keys_of_a_pair_can_be_set_and_reset():
    s = Settings()
    m = InputMapper(s)
    m.rebind("thrust", "i", slot=1)
    assert s.bindings["thrust"] == ["up", "i"]
    m.rebind("thrust", "k", slot=0)
    assert s.bindings["thrust"] == ["k", "i"]
    m.rebind("dark", "z", slot=1)  # a command with one key gets a second
    assert s.bindings["dark"] == ["q", "z"]
    m.rebind_pad("dark", "leftshoulder", slot=1)
    m.reset_bindings()
    assert s.bindings == Settings().bindings and s.pad_bindings == Settings().pad_bindings


def test_binding_labels():
    m = InputMapper(Settings())
    assert m.binding_label("thrust") == "UP / W"
    assert m.binding_label("launch") == "SPACE"
    assert m.binding_label("action") == "ENTER"
    assert m.binding_label("turn_left", pad=True) == "LS LEFT / D-PAD LEFT"
    assert m.binding_label("thrust", pad=True) == "RT / LS UP / D-PAD UP"
    assert m.binding_label("dark", pad=True) == "X"


def test_every_command_has_a_pad_default():
    from game.app.settings import BINDABLE_COMMANDS

    s = Settings()
    assert all(s.pad_bindings.get(cmd) for cmd in BINDABLE_COMMANDS)
    assert s.pad_bindings["shields"]


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
    assert m.menu_action(axis("lefty", 0.9)) == "down"
    assert m.menu_action(axis("lefty", 0.95)) is None
    assert m.menu_action(axis("lefty", 0.0)) is None
    assert m.menu_action(axis("lefty", -0.9)) == "up"
    assert m.menu_action(axis("rt", 0.9)) is None  # a trigger never navigates
    assert m.menu_action(button("start")) == "pause"
    assert m.menu_action(button("a")) == "confirm"
    assert m.menu_action(button("b")) == "back"
    assert m.menu_action(button("dpright")) == "right"
    assert m.menu_action(button("a"), playing=True) is None
    assert m.menu_action(button("start"), playing=True) == "pause"


# ------------------------------------------------------------------ gamepad


def test_pad_axis_beyond_deadzone_turns():
    m = InputMapper(Settings())
    m.handle_event(axis("leftx", -0.2))
    assert m.held() == frozenset()
    m.handle_event(axis("leftx", 0.3))
    assert m.held() == frozenset()  # inside the 0.35 deadzone
    m.handle_event(axis("leftx", -0.8))
    assert m.held() == {"turn_left"}
    m.handle_event(axis("leftx", 0.9))
    assert m.held() == {"turn_right"}
    m.handle_event(axis("rt", 1.0))  # right trigger
    assert m.held() == {"turn_right", "thrust"}
    m.handle_event(axis("leftx", 0.0))
    m.handle_event(axis("rt", 0.0))
    assert m.held() == frozenset()


def test_pad_buttons_taps_and_unplug():
    m = InputMapper(Settings())
    m.handle_event(button("a", pad=3))
    m.handle_event(button("dpup", pad=3))
    m.handle_event(button("dpright", pad=3))
    assert m.held() == {"launch", "thrust", "turn_right"}
    m.handle_event(button("dpup", down=False, pad=3))
    m.handle_event(button("dpright", down=False, pad=3))
    assert m.held() == {"launch"}
    # a tap pressed and released between two frames still counts once
    m.handle_event(button("x", pad=3))
    m.handle_event(button("x", down=False, pad=3))
    assert m.held() == {"launch", "dark"}
    assert m.held() == {"launch"}
    m.handle_event(axis("leftx", -1.0, pad=3))
    m.handle_event(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=3))
    assert m.held() == frozenset()  # nothing stays stuck when a pad goes away
    # a device that cannot be opened is reported, not raised
    m.handle_event(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=42))
    assert m.held() == frozenset()
    assert m.pads() == []
    assert m.message


def test_pad_capture_and_rebind():
    s = Settings()
    m = InputMapper(s)
    assert m.pad_control_of(axis("rightx", 0.9)) == "rightx+"
    m.handle_event(axis("rightx", -1.0))
    assert m.pad_control_of(axis("rightx", -0.9)) is None  # relaxing toward the centre
    assert m.pad_control_of(button("y")) == "y"
    assert m.pad_control_of(button("start")) is None  # the pause is not bindable
    assert m.rebind_pad("launch", "y") == "polarity"
    assert s.pad_bindings["launch"] == ["y"]
    assert s.pad_bindings["polarity"] == ["a"]  # swapped
    with pytest.raises(ValueError):
        m.rebind_pad("launch", "wheel:9")


def test_resting_trigger_is_never_captured():
    """SDL's joystick API reports a trigger at rest as about -1; a pad plugged in while
    the settings wait for a control sends its resting axes: none of that is a press."""
    m = InputMapper(Settings())
    m._axis_rest[(0, "lefttrigger")] = -1.0
    assert m.pad_control_of(axis("lt", -1.0)) is None
    assert m.pad_control_of(axis("lt", 0.0)) is None
    assert m.pad_control_of(axis("lt", 0.3)) is None  # not past the threshold
    assert m.pad_control_of(axis("rt", 0.0)) is None
    assert m.pad_control_of(axis("rt", 0.9)) == "righttrigger"


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


def test_a_stale_temp_file_of_an_interrupted_settings_save_is_removed(tmp_path, monkeypatch):
    import os
    import time

    from game.app.settings import load_settings, settings_path

    monkeypatch.setenv("ONE_SMALL_STEP_HOME", str(tmp_path / "home"))
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.parent / f".{path.name}.abc123.tmp"
    fresh = path.parent / f".{path.name}.def456.tmp"
    old.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    settings, message = load_settings()
    assert not old.exists() and fresh.exists()  # a save under way in another window is left alone
