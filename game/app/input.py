"""Keys and gamepads -> the game's commands, through the player's saved bindings.

As in SolarWolf's input module, the game never reads raw keys: scenes feed every
pygame event to an `InputMapper`, the play scene asks `held()` for the set of
commands held this frame (the same command names the autopilot and recordings
use), and menus ask `menu_action(ev)` for abstract navigation. Toggles and
one-shots ("dark", "launch") are reported while held; the sim finds rising edges.

Gamepads are opened lazily on the first event, through `pygame.joystick.Joystick`
only (the API pygame and pygame-ce share), and hot-plugged through
JOYDEVICEADDED / JOYDEVICEREMOVED. A pad that is missing, unplugged mid-game or
refuses to open never raises: its held controls are released and play goes on.
"""

from __future__ import annotations

import pygame

from game.app.settings import BINDABLE_COMMANDS, FIXED_UI_KEYS, Settings
from game.sim.commands import COMMANDS

MENU_DIRECTIONS = {"up": "up", "down": "down", "left": "left", "right": "right"}
MENU_CONFIRM_KEYS = frozenset({"return", "enter", "space"})
MENU_BACK_KEYS = frozenset({"backspace"})
PAUSE_KEYS = ("escape", "p")
# Xbox-style numbering, the same under SDL on Linux and Windows.
PAD_CONFIRM, PAD_BACK, PAD_SELECT, PAD_START = 0, 1, 6, 7
MENU_STICK_AXES = (0, 1)  # left stick only: triggers rest at -1 and would navigate
MENU_STICK_THRESHOLD = 0.5
CAPTURE_AXIS_THRESHOLD = 0.6

KEY_LABELS = {"return": "ENTER", "escape": "ESC", "backspace": "BKSP"}
HAT_LABELS = {"up": "D-PAD UP", "down": "D-PAD DOWN", "left": "D-PAD LEFT", "right": "D-PAD RIGHT"}


def key_name_of(ev: pygame.event.Event) -> str | None:
    """The binding name of the key pressed in a KEYDOWN event, as pygame.key.name gives it."""
    if ev.type != pygame.KEYDOWN:
        return None
    name = pygame.key.name(ev.key).strip().lower()
    return name or None


def _pad_id(ev: pygame.event.Event) -> int:
    return int(getattr(ev, "instance_id", getattr(ev, "joy", 0)))


def _hat_controls(hat: int, value: tuple[int, int]) -> list[str]:
    x, y = value
    out = []
    if y > 0:
        out.append(f"hat:{hat}:up")
    elif y < 0:
        out.append(f"hat:{hat}:down")
    if x < 0:
        out.append(f"hat:{hat}:left")
    elif x > 0:
        out.append(f"hat:{hat}:right")
    return out


def control_label(control: str) -> str:
    """A short HUD label for a key name or a pad control."""
    if control.startswith("button:"):
        return f"PAD {control.split(':')[1]}"
    if control.startswith("axis:"):
        return f"STICK {control.split(':')[1]}"
    if control.startswith("hat:"):
        return HAT_LABELS.get(control.rsplit(":", 1)[1], control.upper())
    return KEY_LABELS.get(control, control.upper())


class InputMapper:
    """Turns pygame events into held game commands and menu actions."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.message: str | None = None  # last gamepad problem, for the settings scene
        self._keys: set[str] = set()
        self._buttons: set[tuple[int, int]] = set()
        self._axes: dict[tuple[int, int], float] = {}
        self._hats: dict[tuple[int, int], tuple[int, int]] = {}
        self._menu_stick: dict[tuple[int, int], int] = {}
        self._axis_rest: dict[tuple[int, int], float] = {}
        self._pads: dict[int, pygame.joystick.JoystickType] = {}
        self._pads_ready = False

    # ------------------------------------------------------------ gamepads
    def _ensure_pads(self) -> None:
        if self._pads_ready:
            return
        self._pads_ready = True
        try:
            if not pygame.joystick.get_init():
                pygame.joystick.init()
            for index in range(pygame.joystick.get_count()):
                self._open_pad(index)
        except pygame.error as exc:
            self.message = f"Gamepads unavailable: {exc}"

    def _open_pad(self, device_index: int) -> None:
        try:
            pad = pygame.joystick.Joystick(device_index)
            pad.init()
            iid = pad.get_instance_id()
        except (pygame.error, ValueError, IndexError) as exc:
            self.message = f"Gamepad {device_index} could not be opened: {exc}"
            return
        if iid in self._pads:
            return
        self._pads[iid] = pad
        try:  # rest positions, so capturing a control ignores a trigger resting at -1
            for axis in range(pad.get_numaxes()):
                self._axis_rest[(iid, axis)] = float(pad.get_axis(axis))
        except pygame.error:
            pass

    def _forget_pad(self, iid: int) -> None:
        self._pads.pop(iid, None)
        self._buttons = {b for b in self._buttons if b[0] != iid}
        self._axes = {k: v for k, v in self._axes.items() if k[0] != iid}
        self._hats = {k: v for k, v in self._hats.items() if k[0] != iid}
        self._menu_stick = {k: v for k, v in self._menu_stick.items() if k[0] != iid}
        self._axis_rest = {k: v for k, v in self._axis_rest.items() if k[0] != iid}

    def pads(self) -> list[str]:
        """Names of the connected gamepads."""
        self._ensure_pads()
        names = []
        for pad in self._pads.values():
            try:
                names.append(pad.get_name())
            except pygame.error:
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
        elif t == pygame.JOYBUTTONDOWN:
            self._buttons.add((_pad_id(ev), int(ev.button)))
        elif t == pygame.JOYBUTTONUP:
            self._buttons.discard((_pad_id(ev), int(ev.button)))
        elif t == pygame.JOYAXISMOTION:
            self._axes[(_pad_id(ev), int(ev.axis))] = float(ev.value)
        elif t == pygame.JOYHATMOTION:
            self._hats[(_pad_id(ev), int(ev.hat))] = tuple(ev.value)
        elif t == pygame.JOYDEVICEADDED:
            self._open_pad(int(ev.device_index))
        elif t == pygame.JOYDEVICEREMOVED:
            self._forget_pad(_pad_id(ev))
        elif t == pygame.WINDOWFOCUSLOST:
            self.release_all()

    def release_all(self) -> None:
        """Forget every held key and pad control (focus lost, pause, scene change)."""
        self._keys.clear()
        self._buttons.clear()
        self._axes = {k: 0.0 for k in self._axes}
        self._hats.clear()
        self._menu_stick.clear()

    def _pad_controls(self) -> set[str]:
        dz = self.settings.pad_deadzone
        active = {f"button:{b}" for _, b in self._buttons}
        for (_, axis), v in self._axes.items():
            if v >= dz:
                active.add(f"axis:{axis}+")
            elif v <= -dz:
                active.add(f"axis:{axis}-")
        for (_, hat), v in self._hats.items():
            active.update(_hat_controls(hat, v))
        return active

    def held(self) -> frozenset[str]:
        """The game commands held now (only those the simulation knows)."""
        held = set()
        keys = self._keys
        for command, names in self.settings.bindings.items():
            if any(n in keys for n in names):
                held.add(command)
        if self._buttons or self._axes or self._hats:
            pad = self._pad_controls()
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
        the player bound P to a game command; backspace and the pad's B / Select are
        "back". With playing=True only "pause" is reported, so in-game controls
        (space, pad buttons) never read as menu actions.
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
        if t == pygame.JOYBUTTONDOWN:
            button = int(ev.button)
            if button == PAD_START:
                return "pause"
            if playing:
                return None
            if button == PAD_CONFIRM:
                return "confirm"
            if button in (PAD_BACK, PAD_SELECT):
                return "back"
            return None
        if playing:
            return None
        if t == pygame.JOYHATMOTION:
            x, y = ev.value
            if y > 0:
                return "up"
            if y < 0:
                return "down"
            if x < 0:
                return "left"
            if x > 0:
                return "right"
            return None
        if t == pygame.JOYAXISMOTION and int(ev.axis) in MENU_STICK_AXES:
            key = (_pad_id(ev), int(ev.axis))
            threshold = max(MENU_STICK_THRESHOLD, self.settings.pad_deadzone)
            v = float(ev.value)
            direction = 1 if v >= threshold else -1 if v <= -threshold else 0
            before = self._menu_stick.get(key, 0)
            self._menu_stick[key] = direction
            if direction == 0 or direction == before:
                return None
            if key[1] == 0:
                return "right" if direction > 0 else "left"
            return "down" if direction > 0 else "up"
        return None

    # ------------------------------------------------------------ bindings
    def pad_control_of(self, ev: pygame.event.Event) -> str | None:
        """The pad control an event pushes (for "press a button" capture), or None.

        Call it before `handle_event` for the same event: an axis counts only when
        it moves outward past the capture threshold, so a trigger relaxing from its
        rest at -1 is not taken for "axis:N-".
        """
        t = ev.type
        if t == pygame.JOYBUTTONDOWN:
            return f"button:{int(ev.button)}"
        if t == pygame.JOYHATMOTION:
            controls = _hat_controls(int(ev.hat), tuple(ev.value))
            return controls[0] if controls else None
        if t == pygame.JOYAXISMOTION:
            v = float(ev.value)
            key = (_pad_id(ev), int(ev.axis))
            before = self._axes.get(key, self._axis_rest.get(key, 0.0))
            if abs(v) >= CAPTURE_AXIS_THRESHOLD and abs(v) > abs(before) and v * before >= 0:
                return f"axis:{int(ev.axis)}{'+' if v > 0 else '-'}"
        return None

    @staticmethod
    def _move(
        table: dict[str, list[str]], command: str, control: str, slot: int
    ) -> tuple[dict[str, list[str]], str | None]:
        table = {c: list(v) for c, v in table.items()}
        old_owner = None
        for other, controls in table.items():
            if other != command and control in controls:
                controls.remove(control)
                old_owner = other
        mine = table.setdefault(command, [])
        if control in mine:
            mine.remove(control)
            mine.insert(min(slot, len(mine)), control)
        elif slot < len(mine):
            mine[slot] = control
        else:
            mine.append(control)
        return table, old_owner

    def rebind(self, command: str, key_name: str, slot: int = 0) -> str | None:
        """Bind a key to a command in the given slot (0 primary, 1 secondary ...).

        The key the slot held is unbound; if another command owned `key_name` it
        loses it, and that command's name is returned so the UI can say so.
        Raises ValueError for an unknown command or a key the menus own (escape).
        """
        name = key_name.strip().lower()
        if command not in BINDABLE_COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        if not name:
            raise ValueError("empty key name")
        if name in FIXED_UI_KEYS:
            raise ValueError(f"{name!r} is reserved for the menus")
        table, old_owner = self._move(self.settings.bindings, command, name, slot)
        self.settings.bindings = table
        self._keys.discard(name)
        return old_owner

    def rebind_pad(self, command: str, control: str, slot: int = 0) -> str | None:
        """As `rebind`, for a pad control such as "button:2" or "axis:5+"."""
        if command not in BINDABLE_COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        table, old_owner = self._move(self.settings.pad_bindings, command, control, slot)
        self.settings.pad_bindings = table  # validation rejects malformed controls
        return old_owner

    def binding_label(self, command: str, pad: bool = False) -> str:
        """"UP / W" for the HUD and briefings; "UNBOUND" when nothing is bound."""
        table = self.settings.pad_bindings if pad else self.settings.bindings
        controls = table.get(command, [])
        return " / ".join(control_label(c) for c in controls) or "UNBOUND"
