"""Keys and gamepads -> the game's commands, through the player's saved bindings.

As in SolarWolf's input module, the game never reads raw keys: scenes feed every
pygame event to an `InputMapper`, the play scene asks `held()` for the set of
commands held this frame (the same command names the autopilot and recordings
use), and menus ask `menu_action(ev)` for abstract navigation. Toggles and
one-shots ("dark", "launch") are reported while held; the sim finds rising edges.

Gamepads go through SDL's game-controller API (`pygame._sdl2.controller`): SDL maps
every pad it knows onto one Xbox-style layout, so the controls have names ("a",
"leftshoulder", "righttrigger", "lefty-") whatever the maker's numbering. Pads are
opened lazily on the first event and hot-plugged through CONTROLLERDEVICEADDED /
CONTROLLERDEVICEREMOVED; a joystick SDL has no mapping for is reported, not guessed
at. A pad that is missing, unplugged mid-game or refuses to open never raises: its
held controls are released and play goes on.
"""

from __future__ import annotations

import pygame

from game.app.settings import (
    BINDABLE_COMMANDS,
    DEFAULT_BINDINGS,
    DEFAULT_PAD_BINDINGS,
    FIXED_PAD_CONTROLS,
    FIXED_UI_KEYS,
    PAD_CONTROLS,
    Settings,
)
from game.sim.commands import COMMANDS

MENU_DIRECTIONS = {"up": "up", "down": "down", "left": "left", "right": "right"}
MENU_CONFIRM_KEYS = frozenset({"return", "enter", "space"})
MENU_BACK_KEYS = frozenset({"backspace"})
PAUSE_KEYS = ("escape", "p")
PAD_MENU = {"a": "confirm", "b": "back", "back": "back", "dpup": "up", "dpdown": "down",
            "dpleft": "left", "dpright": "right"}
PAD_PAUSE = "start"
MENU_STICK_THRESHOLD = 0.5
CAPTURE_AXIS_THRESHOLD = 0.6
AXIS_FULL = 32767.0  # SDL reports controller axes as -32768..32767 (triggers 0..32767)

KEY_LABELS = {"return": "ENTER", "escape": "ESC", "backspace": "BKSP"}
PAD_LABELS = {
    "a": "A", "b": "B", "x": "X", "y": "Y", "back": "BACK", "guide": "GUIDE", "start": "START",
    "leftstick": "LS CLICK", "rightstick": "RS CLICK", "leftshoulder": "LB", "rightshoulder": "RB",
    "dpup": "D-PAD UP", "dpdown": "D-PAD DOWN", "dpleft": "D-PAD LEFT", "dpright": "D-PAD RIGHT",
    "lefttrigger": "LT", "righttrigger": "RT",
    "leftx-": "LS LEFT", "leftx+": "LS RIGHT", "lefty-": "LS UP", "lefty+": "LS DOWN",
    "rightx-": "RS LEFT", "rightx+": "RS RIGHT", "righty-": "RS UP", "righty+": "RS DOWN",
}


def _button_names() -> dict[int, str]:
    return {
        pygame.CONTROLLER_BUTTON_A: "a", pygame.CONTROLLER_BUTTON_B: "b",
        pygame.CONTROLLER_BUTTON_X: "x", pygame.CONTROLLER_BUTTON_Y: "y",
        pygame.CONTROLLER_BUTTON_BACK: "back", pygame.CONTROLLER_BUTTON_GUIDE: "guide",
        pygame.CONTROLLER_BUTTON_START: "start",
        pygame.CONTROLLER_BUTTON_LEFTSTICK: "leftstick",
        pygame.CONTROLLER_BUTTON_RIGHTSTICK: "rightstick",
        pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "leftshoulder",
        pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "rightshoulder",
        pygame.CONTROLLER_BUTTON_DPAD_UP: "dpup", pygame.CONTROLLER_BUTTON_DPAD_DOWN: "dpdown",
        pygame.CONTROLLER_BUTTON_DPAD_LEFT: "dpleft", pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "dpright",
    }


def _axis_names() -> dict[int, str]:
    return {
        pygame.CONTROLLER_AXIS_LEFTX: "leftx", pygame.CONTROLLER_AXIS_LEFTY: "lefty",
        pygame.CONTROLLER_AXIS_RIGHTX: "rightx", pygame.CONTROLLER_AXIS_RIGHTY: "righty",
        pygame.CONTROLLER_AXIS_TRIGGERLEFT: "lefttrigger",
        pygame.CONTROLLER_AXIS_TRIGGERRIGHT: "righttrigger",
    }


BUTTON_NAMES = _button_names()
AXIS_NAMES = _axis_names()


def key_name_of(ev: pygame.event.Event) -> str | None:
    """The binding name of the key pressed in a KEYDOWN event, as pygame.key.name gives it."""
    if ev.type != pygame.KEYDOWN:
        return None
    name = pygame.key.name(ev.key).strip().lower()
    return name or None


def known_key(name: str) -> bool:
    """Whether pygame knows a key by this name (for checking a saved settings file)."""
    try:
        return pygame.key.key_code(name) != pygame.K_UNKNOWN
    except (ValueError, pygame.error):
        return False


def _pad_id(ev: pygame.event.Event) -> int:
    return int(getattr(ev, "instance_id", getattr(ev, "joy", 0)))


def axis_value(ev: pygame.event.Event) -> float:
    """A controller axis event's value in -1..1 (triggers 0..1)."""
    return max(-1.0, min(1.0, float(ev.value) / AXIS_FULL))


def button_name(ev: pygame.event.Event) -> str | None:
    return BUTTON_NAMES.get(int(ev.button))


def control_label(control: str) -> str:
    """A short label for a key name or a pad control, as the screens show it."""
    if control in PAD_CONTROLS:
        return PAD_LABELS.get(control, control.upper())
    return KEY_LABELS.get(control, control.upper())


class InputMapper:
    """Turns pygame events into held game commands and menu actions."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.message: str | None = None  # last gamepad problem, for the settings scene
        self._keys: set[str] = set()
        self._buttons: set[tuple[int, str]] = set()
        self._axes: dict[tuple[int, str], float] = {}
        self._pressed: set[str] = set()  # pad controls pressed since the last `held()`
        self._menu_stick: dict[tuple[int, str], int] = {}
        self._axis_rest: dict[tuple[int, str], float] = {}
        self._pads: dict[int, object] = {}
        self._pads_ready = False

    # ------------------------------------------------------------ gamepads
    def _ensure_pads(self) -> None:
        if self._pads_ready:
            return
        self._pads_ready = True
        try:
            from pygame._sdl2 import controller

            if not pygame.joystick.get_init():
                pygame.joystick.init()
            if not controller.get_init():
                controller.init()
            for index in range(pygame.joystick.get_count()):
                self._open_pad(index)
        except (pygame.error, ImportError) as exc:
            self.message = f"Gamepads unavailable: {exc}"

    def _open_pad(self, device_index: int) -> None:
        try:
            from pygame._sdl2 import controller

            if not controller.is_controller(device_index):
                name = pygame.joystick.Joystick(device_index).get_name()
                self.message = f"{name}: SDL has no button layout for this pad, so it is not used"
                return
            pad = controller.Controller(device_index)
            iid = pad.as_joystick().get_instance_id()
        except (pygame.error, ValueError, IndexError, ImportError) as exc:
            self.message = f"Gamepad {device_index} could not be opened: {exc}"
            return
        if iid in self._pads:
            return
        self._pads[iid] = pad
        try:  # rest positions, so capturing a control ignores a trigger resting away from 0
            for axis, name in AXIS_NAMES.items():
                self._axis_rest[(iid, name)] = max(-1.0, min(1.0, pad.get_axis(axis) / AXIS_FULL))
        except pygame.error:
            pass

    def _forget_pad(self, iid: int) -> None:
        self._pads.pop(iid, None)
        self._pressed.clear()
        self._buttons = {b for b in self._buttons if b[0] != iid}
        self._axes = {k: v for k, v in self._axes.items() if k[0] != iid}
        self._menu_stick = {k: v for k, v in self._menu_stick.items() if k[0] != iid}
        self._axis_rest = {k: v for k, v in self._axis_rest.items() if k[0] != iid}

    def pads(self) -> list[str]:
        """Names of the connected gamepads."""
        self._ensure_pads()
        names = []
        for pad in self._pads.values():
            try:
                names.append(pad.name)
            except (pygame.error, AttributeError):
                pass
        return names

    # ------------------------------------------------------------ events
    def handle_event(self, ev: pygame.event.Event) -> None:
        """Update the held state from one event; any other event type is ignored."""
        self._ensure_pads()
        t = ev.type
        if t == pygame.KEYDOWN:
            name = key_name_of(ev)
            if name:
                self._keys.add(name)
        elif t == pygame.KEYUP:
            self._keys.discard(pygame.key.name(ev.key).strip().lower())
        elif t == pygame.CONTROLLERBUTTONDOWN:
            name = button_name(ev)
            if name:
                self._buttons.add((_pad_id(ev), name))
                self._pressed.add(name)
        elif t == pygame.CONTROLLERBUTTONUP:
            name = button_name(ev)
            if name:
                self._buttons.discard((_pad_id(ev), name))
        elif t == pygame.CONTROLLERAXISMOTION:
            name = AXIS_NAMES.get(int(ev.axis))
            if name:
                key = (_pad_id(ev), name)
                before = self._axes.get(key, 0.0)
                value = axis_value(ev)
                self._axes[key] = value
                for control in self._axis_controls(name, value) - self._axis_controls(name, before):
                    self._pressed.add(control)
        elif t == pygame.CONTROLLERDEVICEADDED:
            self._ensure_pads()
            self._open_pad(int(ev.device_index))
        elif t == pygame.CONTROLLERDEVICEREMOVED:
            self._forget_pad(_pad_id(ev))
        elif t == pygame.WINDOWFOCUSLOST:
            self.release_all()

    def release_all(self) -> None:
        """Forget every held key and pad control (focus lost, pause, scene change)."""
        self._keys.clear()
        self._buttons.clear()
        self._axes = {k: 0.0 for k in self._axes}
        self._pressed.clear()
        self._menu_stick.clear()

    def _axis_controls(self, axis: str, value: float) -> set[str]:
        dz = self.settings.pad_deadzone
        if axis.endswith("trigger"):
            return {axis} if value >= dz else set()
        if value >= dz:
            return {f"{axis}+"}
        if value <= -dz:
            return {f"{axis}-"}
        return set()

    def _pad_controls(self) -> set[str]:
        active = {name for _, name in self._buttons}
        for (_, axis), v in self._axes.items():
            active |= self._axis_controls(axis, v)
        return active

    def held(self) -> frozenset[str]:
        """The game commands held now (only those the simulation knows).

        A pad control pressed and released since the last call still counts once, so
        a tap shorter than a frame is not lost."""
        held = set()
        keys = self._keys
        for command, names in self.settings.bindings.items():
            if any(n in keys for n in names):
                held.add(command)
        if self._buttons or self._axes or self._pressed:
            pad = self._pad_controls() | self._pressed
            self._pressed = set()
            for command, controls in self.settings.pad_bindings.items():
                if any(c in pad for c in controls):
                    held.add(command)
        return frozenset(held & COMMANDS)

    # ------------------------------------------------------------ menus
    def _pause_keys(self) -> set[str]:
        bound = {k for names in self.settings.bindings.values() for k in names}
        return {k for k in PAUSE_KEYS if k in FIXED_UI_KEYS or k not in bound}

    def menu_action(self, ev: pygame.event.Event, playing: bool = False) -> str | None:
        """"up"/"down"/"left"/"right"/"confirm"/"back"/"pause" for this event, or None.

        Escape and the pad's Start are "pause" (menus treat it as back), P too unless
        the player bound P to a game command; backspace and the pad's B / Back are
        "back", A confirms, the d-pad and left stick move. With playing=True only
        "pause" is reported, so in-game controls never read as menu actions.
        """
        t = ev.type
        if t == pygame.KEYDOWN:
            name = key_name_of(ev)
            if name is None:
                return None
            if name in self._pause_keys():
                return "pause"
            if playing:
                return None
            if name in MENU_DIRECTIONS:
                return MENU_DIRECTIONS[name]
            if name in MENU_CONFIRM_KEYS:
                return "confirm"
            if name in MENU_BACK_KEYS:
                return "back"
            return None
        if t == pygame.CONTROLLERBUTTONDOWN:
            name = button_name(ev)
            if name == PAD_PAUSE:
                return "pause"
            if playing or name is None:
                return None
            return PAD_MENU.get(name)
        if playing:
            return None
        if t == pygame.CONTROLLERAXISMOTION:
            axis = AXIS_NAMES.get(int(ev.axis))
            if axis not in ("leftx", "lefty"):
                return None  # triggers and the right stick do not navigate
            key = (_pad_id(ev), axis)
            threshold = max(MENU_STICK_THRESHOLD, self.settings.pad_deadzone)
            v = axis_value(ev)
            direction = 1 if v >= threshold else -1 if v <= -threshold else 0
            before = self._menu_stick.get(key, 0)
            self._menu_stick[key] = direction
            if direction == 0 or direction == before:
                return None
            if axis == "leftx":
                return "right" if direction > 0 else "left"
            return "down" if direction > 0 else "up"
        return None

    # ------------------------------------------------------------ bindings
    def pad_control_of(self, ev: pygame.event.Event) -> str | None:
        """The pad control an event pushes (for "press a button" capture), or None.

        Call it before `handle_event` for the same event. A stick or trigger counts
        only when it moves past the capture threshold away from where it rests, so a
        trigger lying at its rest (SDL's joystick API reports -1 there; a pad plugged
        in mid-capture sends its resting values) is never taken for a press. Start and
        Guide are the pad's pause and the system's: never bound.
        """
        t = ev.type
        if t == pygame.CONTROLLERBUTTONDOWN:
            name = button_name(ev)
            return None if name is None or name in FIXED_PAD_CONTROLS else name
        if t == pygame.CONTROLLERAXISMOTION:
            axis = AXIS_NAMES.get(int(ev.axis))
            if axis is None:
                return None
            v = axis_value(ev)
            key = (_pad_id(ev), axis)
            rest = self._axis_rest.get(key, 0.0)
            before = self._axes.get(key, rest)
            if axis.endswith("trigger"):
                # pressed: well past the threshold and past where it rests
                if v >= CAPTURE_AXIS_THRESHOLD and v > before and v - rest >= CAPTURE_AXIS_THRESHOLD:
                    return axis
                return None
            if abs(v) >= CAPTURE_AXIS_THRESHOLD and abs(v) > abs(before) and v * before >= 0 \
                    and abs(v - rest) >= CAPTURE_AXIS_THRESHOLD:
                return f"{axis}{'+' if v > 0 else '-'}"
        return None

    @staticmethod
    def owner_of(table: dict[str, list[str]], control: str, command: str) -> str | None:
        """The other command that holds `control`, if any."""
        for other, controls in table.items():
            if other != command and control in controls:
                return other
        return None

    @staticmethod
    def _move(
        table: dict[str, list[str]], command: str, control: str, slot: int
    ) -> tuple[dict[str, list[str]], str | None]:
        """Put `control` in `command`'s slot; the other command that held it gets the
        control the slot held before (a swap), or loses it when the slot was empty."""
        table = {c: list(v) for c, v in table.items()}
        mine = table.setdefault(command, [])
        displaced = mine[slot] if slot < len(mine) and mine[slot] != control else None
        old_owner = None
        for other, controls in table.items():
            if other != command and control in controls:
                i = controls.index(control)
                if displaced is not None and displaced not in controls:
                    controls[i] = displaced
                else:
                    controls.pop(i)
                old_owner = other
        if control in mine:
            mine.remove(control)
            mine.insert(min(slot, len(mine)), control)
        elif slot < len(mine):
            mine[slot] = control
        else:
            mine.append(control)
        return table, old_owner

    def rebind(self, command: str, key_name: str, slot: int = 0) -> str | None:
        """Bind a key to a command in the given slot (0 first, 1 second).

        If another command held the key, the two swap: it gets the key this slot held
        (or simply loses it when the slot was empty), and its name is returned so the
        UI can say so. Raises ValueError for an unknown command or a key the menus own.
        """
        name = key_name.strip().lower()
        if command not in BINDABLE_COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        if not name:
            raise ValueError("empty key name")
        if name in FIXED_UI_KEYS:
            raise ValueError(f"{name.upper()} is kept for the menus")
        table, old_owner = self._move(self.settings.bindings, command, name, slot)
        self.settings.bindings = table
        self._keys.discard(name)
        return old_owner

    def rebind_pad(self, command: str, control: str, slot: int = 0) -> str | None:
        """As `rebind`, for a pad control such as "x" or "righttrigger"."""
        if command not in BINDABLE_COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        if control not in PAD_CONTROLS or control in FIXED_PAD_CONTROLS:
            raise ValueError(f"{control_label(control)} cannot be bound")
        table, old_owner = self._move(self.settings.pad_bindings, command, control, slot)
        self.settings.pad_bindings = table
        return old_owner

    def reset_bindings(self) -> None:
        """Every key and pad control back to the game's defaults."""
        self.settings.bindings = {k: list(v) for k, v in DEFAULT_BINDINGS.items()}
        self.settings.pad_bindings = {k: list(v) for k, v in DEFAULT_PAD_BINDINGS.items()}
        self.release_all()

    def binding_label(self, command: str, pad: bool = False) -> str:
        """"UP / W" for the HUD and briefings; "UNBOUND" when nothing is bound."""
        table = self.settings.pad_bindings if pad else self.settings.bindings
        controls = table.get(command, [])
        return " / ".join(control_label(c) for c in controls) or "UNBOUND"
