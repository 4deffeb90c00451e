"""Running a level without a window: with the autopilot or recorded inputs.

Used by `one-small-step simulate`, the tests, the screenshot command and the
benchmark. Never imports pygame. Recorded inputs are JSON:
`{"level": ID, "seed": N, "inputs": [[STEP, [COMMAND, ...]], ...]}`: from step STEP
on, exactly those commands are held until the next entry.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from game.campaign import next_level as campaign_next_level
from game.levels import Level, load_level
from game.replay import InputsError, Recorder, Recording  # noqa: F401 - moved there; old imports work
from game.sim import World, step

Pilot = Callable[[World], frozenset[str]]


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
