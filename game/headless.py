"""Running a level without a window: with the autopilot or recorded inputs.

Used by `one-small-step simulate`, the tests, the screenshot command and the
benchmark. Never imports pygame. Recorded inputs are JSON:
`{"level": ID, "seed": N, "inputs": [[STEP, [COMMAND, ...]], ...]}`: from step STEP
on, exactly those commands are held until the next entry.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from game.campaign import next_level as campaign_next_level
from game.levels import Level, load_level
from game.levels.loader import display_path
from game.sim import World, step
from game.sim.commands import COMMANDS

Pilot = Callable[[World], frozenset[str]]


class InputsError(Exception):
    """A recording that cannot be played; the message names the file and the problem."""


@dataclass
class Summary:
    level: str
    seed: int
    outcome: str
    reason: str
    sim_time_s: float
    steps: int
    score: float
    next: str | None
    hull: float
    telemetry: float
    samples: int = 0  # samples collected
    logs: list[int] = field(default_factory=list)  # the pilot's log entries downloaded ([[logs]] indexes)
    data: float = 0.0  # data gathered (the prologue's imager, survival's sensors), %

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (
            f"{self.level} seed {self.seed}: {self.outcome} ({self.reason}) at "
            f"{self.sim_time_s:.1f} s, score {self.score:g}, hull {self.hull:.0f}%, "
            f"telemetry {self.telemetry:.0f}%, next: {self.next or '-'}"
        )


class Recording:
    """Held command sets, in order, with the step each starts at."""

    def __init__(self, level: str, seed: int, inputs: list[tuple[int, frozenset[str]]]):
        self.level = level
        self.seed = seed
        self.inputs = inputs

    @classmethod
    def load(cls, path: Path) -> Recording:
        shown = display_path(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputsError(f"{shown}: no such file") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputsError(f"{shown}: cannot be read ({e})") from None
        except json.JSONDecodeError as e:
            raise InputsError(f"{shown}: not valid JSON ({e.msg} at line {e.lineno})") from None
        if not isinstance(data, dict):
            raise InputsError(f"{shown}: expected a JSON object with level, seed and inputs")
        level, seed, raw = data.get("level"), data.get("seed", 1), data.get("inputs")
        if not isinstance(level, str):
            raise InputsError(f"{shown}: level: expected a level id or path")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise InputsError(f"{shown}: seed: expected a whole number")
        if not isinstance(raw, list):
            raise InputsError(f"{shown}: inputs: expected a list of [STEP, [COMMAND, ...]]")
        inputs: list[tuple[int, frozenset[str]]] = []
        last = -1
        for k, entry in enumerate(raw):
            ok = (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)
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
        return cls(level, seed, inputs)

    def pilot(self) -> Pilot:
        entries = self.inputs
        cursor = {"i": 0, "held": frozenset()}

        def fly(world: World) -> frozenset[str]:
            i = cursor["i"]
            while i < len(entries) and entries[i][0] <= world.steps:
                cursor["held"] = entries[i][1]
                i += 1
            cursor["i"] = i
            return cursor["held"]

        return fly

    def to_json(self) -> str:
        body = ",\n  ".join(json.dumps([at, sorted(c)]) for at, c in self.inputs)
        return (f'{{"level": {json.dumps(self.level)}, "seed": {self.seed}, "inputs": [\n  '
                f"{body}\n]}}\n") if self.inputs else (
            f'{{"level": {json.dumps(self.level)}, "seed": {self.seed}, "inputs": []}}\n')


class Recorder:
    """Collects the commands of a run as a Recording (only the changes are kept)."""

    def __init__(self, level: str, seed: int):
        self.recording = Recording(level, seed, [])
        self._last: frozenset[str] | None = None

    def add(self, step_index: int, commands: frozenset[str]) -> None:
        if commands != self._last:
            self.recording.inputs.append((step_index, frozenset(commands)))
            self._last = commands


def next_level(level_id: str, outcome: str) -> str | None:
    """Where `campaign.toml` sends the player after this outcome (None if not in it): see game.campaign."""
    return campaign_next_level(level_id, outcome)


def run_steps(world: World, pilot: Pilot, max_steps: int,
              recorder: Recorder | None = None) -> Iterator[list]:
    """Step the world with the pilot's commands until it ends or max_steps pass."""
    while world.outcome is None and world.steps < max_steps:
        cmds = pilot(world)
        if recorder is not None:
            recorder.add(world.steps, cmds)
        yield step(world, cmds)


def summarise(world: World) -> Summary:
    lid = world.level.id
    if world.outcome is None:
        outcome, reason = "timeout", "stopped at --max-seconds"
    else:
        outcome, reason = world.outcome.result, world.outcome.reason
    return Summary(
        level=lid, seed=world.seed, outcome=outcome, reason=reason,
        sim_time_s=round(world.t, 3), steps=world.steps, score=world.score,
        next=next_level(lid, outcome) if world.outcome is not None else None,
        hull=round(float(world.bodies.hull[world.player.body]), 2),
        telemetry=round(world.probe.returned, 2),
        samples=int(world.samples.collected.sum()),
        logs=list(world.salvage.logs_done) if world.salvage is not None else [],
        data=round(world.data, 2),
    )


def simulate(level: Level | str, seed: int | None, pilot: Pilot | None = None,
             max_seconds: float | None = None, recorder: Recorder | None = None) -> tuple[World, Summary]:
    """Run one level headless; `pilot` None means the autopilot."""
    if isinstance(level, str):
        level = load_level(level)
    world = World(level, seed)
    if pilot is None:
        from game.autopilot import Autopilot

        pilot = Autopilot(level)
    limit = world.time_limit + 1.0 if max_seconds is None else max_seconds
    max_steps = int(math.ceil(limit / world.dt))
    for _ in run_steps(world, pilot, max_steps, recorder):
        pass
    return world, summarise(world)
