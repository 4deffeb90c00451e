"""Recorded inputs: the replay files of `--record`, `--inputs` and F8, stamped with their level.

A recording is JSON: `{"level": ID, "seed": N, "carry": {...}, "inputs": [[STEP, [COMMAND, ...]], ...]}`;
from step STEP on, exactly those commands are held until the next entry. A recording
also carries a stamp of the level it was made on: `level_path`, the level file relative
to the levels folder (so a level given by a relative path is found again from any
folder), and `level_hash`, a hash of the level's resolved configuration (the level
file with every default filled in, and the ships it uses). Replaying after the level
changed still runs, with a warning that it may play out differently. Recordings made
before stamps existed load as they always did. Never imports pygame.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.campaign import CARRIED
from game.levels.loader import display_path, levels_dir, resolve_level
from game.levels.models import MAX_SEED
from game.sim.commands import COMMANDS

if TYPE_CHECKING:
    from game.levels import Level
    from game.sim import World

Pilot = Callable[["World"], frozenset[str]]


class InputsError(Exception):
    """A recording that cannot be played; the message names the file and the problem."""


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
        and abs(value) != float("inf")


def parse_carry(data: Any, shown: str) -> dict[str, Any]:
    """A recording's `carry` (absent: none), checked key by key; InputsError names what is wrong."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputsError(f"{shown}: carry: expected an object with {', '.join(CARRIED)}")
    carry: dict[str, Any] = {}
    for key, value in data.items():
        if key not in CARRIED:
            raise InputsError(f"{shown}: carry.{key}: unknown (known: {', '.join(CARRIED)})")
        if key == "systems":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputsError(f"{shown}: carry.systems: expected a list of system names")
            carry[key] = list(value)
        elif not _number(value) or value < 0:
            raise InputsError(f"{shown}: carry.{key}: expected a number, 0 or more")
        else:
            carry[key] = float(value)
    return carry


def config_hash(level: Level) -> str:
    """A short hash of everything a run of `level` depends on: its resolved config and its ships."""
    resolved = {
        "level": level.config.model_dump(mode="json"),
        "ships": {name: spec.model_dump(mode="json") for name, spec in sorted(level.ships.items())},
        "ship": level.ship.model_dump(mode="json"),
        "probe": level.probe.model_dump(mode="json"),
    }
    text = json.dumps(resolved, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def path_in_levels(path: Path) -> str:
    """The level file relative to the levels folder (absolute when no relative path exists)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), levels_dir().resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).resolve().as_posix()


class Recording:
    """Held command sets, in order, with the step each starts at, and the stamp of the level."""

    def __init__(self, level: str, seed: int, inputs: list[tuple[int, frozenset[str]]],
                 level_path: str | None = None, level_hash: str | None = None,
                 carry: dict[str, Any] | None = None):
        self.level = level
        self.seed = seed
        self.inputs = inputs
        self.level_path = level_path
        self.level_hash = level_hash
        self.carry: dict[str, Any] = dict(carry or {})  # what the level before handed on

    def stamp(self, level: Level) -> None:
        """Mark the recording with the level it is made on."""
        self.level_path = path_in_levels(level.path)
        self.level_hash = config_hash(level)

    def locate(self) -> str:
        """The level to replay on: the stamped file when it is still there, else `level` (an id or path)."""
        if self.level_path:
            candidate = Path(self.level_path)
            if not candidate.is_absolute():
                candidate = levels_dir() / candidate
            if candidate.is_file():
                return str(candidate)
        return self.level

    def changed_since(self, level: Level) -> str | None:
        """A warning when `level` is not the configuration the recording was made on, else None."""
        if not self.level_hash:
            return None
        now = config_hash(level)
        if now == self.level_hash:
            return None
        return (f"the level {level.id!r} has changed since this recording was made (configuration "
                f"{self.level_hash}, now {now}); the replay may play out differently")

    @classmethod
    def load(cls, path: Path) -> Recording:
        shown = display_path(Path(path))
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputsError(f"{shown}: no such file") from None
        except IsADirectoryError:
            raise InputsError(f"{shown}: is a folder, not a recording") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputsError(f"{shown}: cannot be read ({getattr(e, 'strerror', None) or e})") from None
        except json.JSONDecodeError as e:
            raise InputsError(f"{shown}: not valid JSON ({e.msg} at line {e.lineno})") from None
        except RecursionError:
            raise InputsError(f"{shown}: nested too deeply to be a recording") from None
        except ValueError as e:  # e.g. a number too long to convert
            raise InputsError(f"{shown}: not valid JSON ({e})") from None
        return cls.from_data(data, shown)

    @classmethod
    def from_data(cls, data: Any, shown: str) -> Recording:
        if not isinstance(data, dict):
            raise InputsError(f"{shown}: expected a JSON object with level, seed and inputs")
        level, seed, raw = data.get("level"), data.get("seed", 1), data.get("inputs")
        if not isinstance(level, str) or not level:
            raise InputsError(f"{shown}: level: expected a level id or path")
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
            raise InputsError(f"{shown}: seed: expected a whole number from 0 to {MAX_SEED}")
        stamps = {}
        for key in ("level_path", "level_hash"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise InputsError(f"{shown}: {key}: expected text")
            stamps[key] = value
        carry = parse_carry(data.get("carry"), shown)
        if not isinstance(raw, list):
            raise InputsError(f"{shown}: inputs: expected a list of [STEP, [COMMAND, ...]]")
        inputs: list[tuple[int, frozenset[str]]] = []
        last = -1
        for k, entry in enumerate(raw):
            ok = (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)
                  and not isinstance(entry[0], bool)
                  and isinstance(entry[1], list) and all(isinstance(c, str) for c in entry[1]))
            if not ok:
                raise InputsError(f"{shown}: inputs[{k}]: expected [STEP, [COMMAND, ...]]")
            at, cmds = entry
            if at <= last:
                raise InputsError(f"{shown}: inputs[{k}]: steps must increase (got {at} after {last})")
            bad = sorted(set(cmds) - COMMANDS)
            if bad:
                raise InputsError(
                    f"{shown}: inputs[{k}]: unknown command {bad[0]!r} "
                    f"(known: {', '.join(sorted(COMMANDS))})"
                )
            inputs.append((at, frozenset(cmds)))
            last = at
        return cls(level, seed, inputs, **stamps, carry=carry)

    def pilot(self) -> Pilot:
        return _Playback(self.inputs)

    def _stamp_fields(self) -> str:
        if self.level_hash is None:
            self._stamp_from_name()
        if self.level_hash is None:
            return ""
        return f', "level_path": {json.dumps(self.level_path)}, "level_hash": {json.dumps(self.level_hash)}'

    def _stamp_from_name(self) -> None:
        """Stamp a recording made without its Level at hand (the window's) from the file it names."""
        from game.levels import LevelError, load_level

        try:
            if Path(resolve_level(self.level)).is_file():
                self.stamp(load_level(self.level))
        except (LevelError, OSError, ValueError):
            pass

    def to_json(self) -> str:
        carry = f', "carry": {json.dumps(self.carry, sort_keys=True)}' if self.carry else ""
        head = (f'{{"level": {json.dumps(self.level)}, "seed": {self.seed}{self._stamp_fields()}{carry}, '
                f'"inputs": [')
        if not self.inputs:
            return head + "]}\n"
        body = ",\n  ".join(json.dumps([at, sorted(c)]) for at, c in self.inputs)
        return f"{head}\n  {body}\n]}}\n"


class Recorder:
    """Collects the commands of a run as a Recording (only the changes are kept)."""

    def __init__(self, level: str, seed: int, source: Level | None = None,
                 carry: dict[str, Any] | None = None):
        self.recording = Recording(level, seed, [], carry=carry)
        if source is not None:
            self.recording.stamp(source)
        self._last: frozenset[str] | None = None

    def add(self, step_index: int, commands: frozenset[str]) -> None:
        if commands != self._last:
            self.recording.inputs.append((step_index, frozenset(commands)))
            self._last = commands


class _Playback:
    """A recording as a command source: the held set of the last entry whose step has come."""

    def __init__(self, entries: list[tuple[int, frozenset[str]]]):
        self.entries = entries
        self.cursor = 0
        self.held: frozenset[str] = frozenset()

    def __call__(self, world: World) -> frozenset[str]:
        entries, i = self.entries, self.cursor
        while i < len(entries) and entries[i][0] <= world.steps:
            self.held = entries[i][1]
            i += 1
        self.cursor = i
        return self.held
