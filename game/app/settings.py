"""The player's settings: volumes, window, accessibility and control bindings.

Saved as JSON in the platform's config folder (platformdirs), or under the folder
named by the ONE_SMALL_STEP_HOME environment variable (tests, portable installs).
A file that cannot be read is never silently lost: it is renamed aside to
`settings.json.corrupt-<timestamp>`, defaults are used and the caller gets a
message to show. Saves are atomic (temp file in the same folder, fsync, replace),
so a crash mid-save leaves the old file intact.

This module does not import pygame: key names are plain strings as returned by
`pygame.key.name` ("up", "w", "space", "return"), pad controls are SDL game-controller
names such as "a", "leftshoulder", "righttrigger", "lefty-", "dpup" (see PAD_CONTROLS).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.sim.commands import COMMANDS

APP_NAME = "one-small-step"
HOME_ENV = "ONE_SMALL_STEP_HOME"
SETTINGS_FILE = "settings.json"

BINDABLE_COMMANDS = COMMANDS

# Keys the menus own; they cannot be bound to a game command.
FIXED_UI_KEYS = frozenset({"escape"})

DEFAULT_BINDINGS: dict[str, list[str]] = {
    "thrust": ["up", "w"],
    "reverse": ["down", "s"],
    "turn_left": ["left", "a"],
    "turn_right": ["right", "d"],
    "dark": ["q"],
    "polarity": ["e"],
    "launch": ["space"],
    "tractor": ["f"],
    "scan": ["r"],
    "modify_shields": ["g"],
    "action": ["return"],
    "beam": ["t"],
    "shields": ["x"],
}

# Pads are read through SDL's game-controller mapping, which names the controls of any
# known pad by their place on an Xbox-style layout, whatever the maker numbers them:
# buttons a b x y, back, start, leftstick / rightstick (clicks), leftshoulder /
# rightshoulder, dpup dpdown dpleft dpright; the triggers lefttrigger / righttrigger;
# stick directions leftx- leftx+ lefty- lefty+ (and right...). "start" is the pause.
PAD_BUTTONS = ("a", "b", "x", "y", "back", "guide", "start", "leftstick", "rightstick",
               "leftshoulder", "rightshoulder", "dpup", "dpdown", "dpleft", "dpright")
PAD_TRIGGERS = ("lefttrigger", "righttrigger")
PAD_STICK_AXES = ("leftx", "lefty", "rightx", "righty")
PAD_CONTROLS = frozenset(PAD_BUTTONS) | frozenset(PAD_TRIGGERS) | frozenset(
    f"{axis}{sign}" for axis in PAD_STICK_AXES for sign in "+-")
FIXED_PAD_CONTROLS = frozenset({"start", "guide"})  # the pause, and the system's own button

DEFAULT_PAD_BINDINGS: dict[str, list[str]] = {
    "thrust": ["righttrigger", "lefty-", "dpup"],
    "reverse": ["lefttrigger", "lefty+", "dpdown"],
    "turn_left": ["leftx-", "dpleft"],
    "turn_right": ["leftx+", "dpright"],
    "dark": ["x"],
    "polarity": ["y"],
    "launch": ["a"],
    "scan": ["b"],
    "modify_shields": ["leftshoulder"],
    "tractor": ["rightshoulder"],
    "shields": ["back"],
    "beam": ["rightstick"],
    "action": ["leftstick", "righty+"],
}

_PAD_CONTROL = re.compile("^(" + "|".join(re.escape(c) for c in sorted(PAD_CONTROLS)) + ")$")


def _clean_bindings(value: Any, valid: re.Pattern[str] | None) -> dict[str, list[str]]:
    """Lowercase, strip, drop duplicates, unknown commands and (for pads) bad controls.

    A control bound to two commands stays with the first one listed.
    """
    if not isinstance(value, dict):
        raise ValueError("must be a table of command -> list of controls")
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for command, controls in value.items():
        if command not in BINDABLE_COMMANDS:
            continue  # a command from another version of the game: ignored
        if isinstance(controls, str):
            controls = [controls]
        if not isinstance(controls, list | tuple):
            raise ValueError(f"{command}: must be a list of names")
        kept: list[str] = []
        for c in controls:
            if not isinstance(c, str):
                raise ValueError(f"{command}: {c!r} is not a name")
            name = c.strip().lower()
            if not name or name in taken:
                continue
            if valid is not None and (not valid.match(name) or name in FIXED_PAD_CONTROLS):
                continue  # a control of an older version, or the pause: `audit_bindings` says so
            if valid is None and name in FIXED_UI_KEYS:
                continue
            taken.add(name)
            kept.append(name)
        out[command] = kept
    return out


class Settings(BaseModel):
    """Everything the player can change in the settings scene."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    version: int = 1
    master_volume: float = Field(0.8, ge=0.0, le=1.0, description="Overall volume")
    sfx_volume: float = Field(1.0, ge=0.0, le=1.0, description="Sound effects volume")
    ambience_volume: float = Field(
        0.7, ge=0.0, le=1.0, description="Engine, drone and beam loops volume"
    )
    fullscreen: bool = False
    window_size: tuple[int, int] = Field(
        (1280, 720), description="Window size in pixels when not fullscreen"
    )
    scale_mode: Literal["fit", "stretch", "integer"] = Field(
        "fit", description="How the game image fills the window"
    )
    reduce_motion: bool = Field(False, description="No screen shake, fewer flashes")
    shake_strength: float = Field(
        1.0, ge=0.0, le=1.0, description="Screen shake, from none (0) to full (1)"
    )
    show_fps: bool = False
    pad_deadzone: float = Field(
        0.35, ge=0.05, le=0.95, description="Stick travel ignored around the centre"
    )
    bindings: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_BINDINGS.items()}
    )
    pad_bindings: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_PAD_BINDINGS.items()}
    )

    @field_validator("window_size")
    @classmethod
    def _window_size(cls, v: tuple[int, int]) -> tuple[int, int]:
        w, h = v
        if not (320 <= w <= 7680 and 180 <= h <= 4320):
            raise ValueError("must be between 320x180 and 7680x4320")
        return (w, h)

    @field_validator("bindings", mode="before")
    @classmethod
    def _bindings(cls, v: Any) -> dict[str, list[str]]:
        return _with_defaults(_clean_bindings(v, None), DEFAULT_BINDINGS)

    @field_validator("pad_bindings", mode="before")
    @classmethod
    def _pad_bindings(cls, v: Any) -> dict[str, list[str]]:
        return _with_defaults(_clean_bindings(v, _PAD_CONTROL), DEFAULT_PAD_BINDINGS)


def _with_defaults(
    bindings: dict[str, list[str]], defaults: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Commands missing from a saved file (a newer game), or left with no control at all,
    get their default controls that no other command holds."""
    taken = {c for controls in bindings.values() for c in controls}
    out = dict(bindings)
    for command, controls in defaults.items():
        if not out.get(command):
            out[command] = [c for c in controls if c not in taken]
            taken.update(out[command])
    return out


def audit_bindings(data: dict[str, Any], known_key: Callable[[str], bool] | None = None
                   ) -> tuple[dict[str, Any], list[str]]:
    """The saved data with unusable bindings dropped, and a line for each problem found.

    Unknown key names (when `known_key` can tell), controls that are not pad controls,
    commands the game does not have and controls bound twice are dropped; commands
    left with nothing get their defaults back (`_with_defaults`, when validated).
    """
    problems: list[str] = []
    data = dict(data)
    for table, defaults, is_pad in (("bindings", DEFAULT_BINDINGS, False),
                                    ("pad_bindings", DEFAULT_PAD_BINDINGS, True)):
        raw = data.get(table)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            problems.append(f"{table} is not a table of command -> controls")
            data.pop(table)
            continue
        cleaned: dict[str, list[str]] = {}
        owner: dict[str, str] = {}
        for command, controls in raw.items():
            if command not in BINDABLE_COMMANDS:
                problems.append(f"{table}.{command}: no such command")
                continue
            if isinstance(controls, str):
                controls = [controls]
            if not isinstance(controls, list):
                problems.append(f"{table}.{command}: not a list of controls")
                continue
            kept = []
            for c in controls:
                name = c.strip().lower() if isinstance(c, str) else ""
                if not name:
                    problems.append(f"{table}.{command}: {c!r} is not a name")
                elif is_pad and (not _PAD_CONTROL.match(name) or name in FIXED_PAD_CONTROLS):
                    problems.append(f"{table}.{command}: {c!r} is not a bindable pad control")
                elif not is_pad and (name in FIXED_UI_KEYS
                                     or (known_key is not None and not known_key(name))):
                    problems.append(f"{table}.{command}: {c!r} is not a key this game knows")
                elif name in owner:
                    problems.append(f"{table}.{command}: {c!r} is already bound to {owner[name]}")
                else:
                    owner[name] = command
                    kept.append(name)
            cleaned[command] = kept
        restored = [cmd for cmd in defaults if not cleaned.get(cmd)]
        if restored and len(restored) < len(defaults):
            problems.append(f"{table}: defaults restored for {', '.join(restored)}")
        elif restored:
            problems.append(f"{table}: nothing was bound, defaults restored")
        data[table] = cleaned
    return data, problems


# ------------------------------------------------------------------ folders


def config_dir() -> Path:
    """Where settings.json lives: $ONE_SMALL_STEP_HOME, else the platform's config dir."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where progress and high scores live: $ONE_SMALL_STEP_HOME/data or the user data dir."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


# ------------------------------------------------------------------ load / save


def _set_aside(path: Path) -> Path | None:
    """Rename an unreadable file aside so the player's data is kept; None if that failed."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def load_settings(known_key: Callable[[str], bool] | None = None) -> tuple[Settings, str | None]:
    """The saved settings, and a message for the player when something was wrong.

    Never raises: a missing file gives defaults and no message; an unreadable,
    malformed (or absurdly nested) file is renamed to settings.json.corrupt-<timestamp>.
    Invalid single values are reset to their defaults while the rest is kept; bindings
    with unknown keys (`known_key` tells a key name the game knows), unknown pad
    controls or duplicates are dropped and commands left unbound get their defaults,
    with a message naming the file.
    """
    path = settings_path()
    remove_stale_temp_files(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"could not be read ({exc.__class__.__name__}: {exc})"
        return Settings(), _aside_message(path, reason)

    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
    except RecursionError:
        return Settings(), _aside_message(path, "is nested too deeply to be settings")
    except ValueError as exc:
        return Settings(), _aside_message(path, f"is not valid settings JSON ({exc})")

    try:
        data, binding_problems = audit_bindings(data, known_key)
        try:
            settings = Settings.model_validate(data)
            bad: list[str] = []
        except ValidationError as exc:
            bad = sorted({str(err["loc"][0]) for err in exc.errors() if err["loc"]})
            kept = {k: v for k, v in data.items() if k not in bad}
            try:
                settings = Settings.model_validate(kept)
            except ValidationError:
                settings = Settings()
                bad = ["all"]
    except RecursionError:
        return Settings(), _aside_message(path, "is nested too deeply to be settings")
    if bad:
        return settings, _aside_message(path, f"had invalid values reset to defaults: {', '.join(bad)}")
    if binding_problems:
        shown = "; ".join(binding_problems[:4])
        more = f" (and {len(binding_problems) - 4} more)" if len(binding_problems) > 4 else ""
        return settings, f"Settings file {path}: {shown}{more}."
    return settings, None


def _aside_message(path: Path, reason: str) -> str:
    aside = _set_aside(path)
    where = f"; the old file was kept as {aside.name}" if aside else ""
    return f"Settings file {path} {reason}{where}. Using defaults."


def save_settings(settings: Settings) -> Path:
    """Write the settings atomically; returns the path. Raises OSError if the disk refuses."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(settings.model_dump(mode="json"), indent=2, sort_keys=True) + "\n")
    return path


STALE_TEMP_SECONDS = 60.0  # a temp file older than this is left over from an interrupted save


def remove_stale_temp_files(path: Path, now: float | None = None) -> list[Path]:
    """Delete the temp files an interrupted save of `path` left beside it (`.NAME.*.tmp`).

    Only files older than a minute: a save of another game window may be under way.
    """
    import time

    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    return removed


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    The temp file sits in the same folder (os.replace is atomic only within one file
    system); it is removed again if anything fails before the replace.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
