"""A pad session through SDL's own virtual game controller: SDL_JoystickAttachVirtual on
the SDL that pygame-ce loaded (pygame has no wrapper for it, so ctypes), then the real
event pump turns its buttons and axes into CONTROLLER* events: menus, a level, thrust,
the pause, unplugging. Skipped where that SDL cannot be found or refuses a virtual pad."""

from __future__ import annotations

import ctypes
import glob
import math
import os

import pygame
import pytest

pytestmark = pytest.mark.integration  # windows and the command line

BUTTONS = {"a": 0, "b": 1, "x": 2, "start": 6, "dpup": 11, "dpdown": 12}  # SDL's virtual layout
AXIS_RIGHT_TRIGGER = 5


def _sdl():
    libs = glob.glob(os.path.join(os.path.dirname(pygame.__file__), "..", "pygame_ce.libs", "libSDL2-2*.so*"))
    if not libs:
        pytest.skip("no bundled SDL2 library to attach a virtual pad through")
    sdl = ctypes.CDLL(libs[0])
    sdl.SDL_JoystickFromInstanceID.restype = ctypes.c_void_p
    sdl.SDL_JoystickSetVirtualButton.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint8]
    sdl.SDL_JoystickSetVirtualAxis.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int16]
    return sdl


def test_a_virtual_pad_drives_menus_and_play(app):
    from game.app.scenes.pause import PauseScene
    from game.app.scenes.play import PlayScene
    from game.app.scenes.title import TitleScene

    sdl = _sdl()
    pygame.joystick.init()
    dev = sdl.SDL_JoystickAttachVirtual(1, 6, 15, 0)  # a game controller: 6 axes, 15 buttons
    if dev < 0:
        pytest.skip("this SDL refuses a virtual joystick")
    try:
        app.push(TitleScene(app, demo=False))
        for _ in range(3):
            app.frame()
        assert app.input.pads() == ["Virtual Controller"]
        joy = sdl.SDL_JoystickFromInstanceID(sdl.SDL_JoystickGetDeviceInstanceID(dev))

        def press(name: str) -> None:
            for value in (1, 0):
                sdl.SDL_JoystickSetVirtualButton(joy, BUTTONS[name], value)
                app.frame()
                app.frame()

        title = app.stack.top
        while title.menu.selected.key != "levels":
            press("dpdown")
        press("a")
        assert app.stack.top.menu.selected.key == "level:ares_iv"
        for _ in range(4):
            if isinstance(app.stack.top, PlayScene):
                break
            press("a")  # the level, then past its briefing
        play = app.stack.top
        assert isinstance(play, PlayScene)
        sdl.SDL_JoystickSetVirtualAxis(joy, AXIS_RIGHT_TRIGGER, 32767)
        for _ in range(60):
            app.frame()
        world = play.world
        assert world.player.throttle == 1.0
        assert math.hypot(*map(float, world.bodies.vel[world.player.body])) > 1.0
        sdl.SDL_JoystickSetVirtualAxis(joy, AXIS_RIGHT_TRIGGER, 0)
        press("start")
        assert isinstance(app.stack.top, PauseScene)
        press("b")
        assert app.stack.top is play
    finally:
        sdl.SDL_JoystickDetachVirtual(dev)
    for _ in range(3):
        app.frame()
    assert app.input.pads() == []
