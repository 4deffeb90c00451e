"""Running a level without a window: with the autopilot or recorded inputs.

Used by `one-small-step simulate`, the tests, the screenshot command and the
benchmark. Never imports pygame. Recorded inputs are JSON:
`{"level": ID, "seed": N, "inputs": [[STEP, [COMMAND, ...]], ...]}`: from step STEP
on, exactly those commands are held until the next entry.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from game.campaign import next_level as campaign_next_level
from game.levels import Level, load_level
from game.replay import InputsError, Recorder, Recording  # noqa: F401 - moved there; old imports work
from game.sim import World, new_world
from game.sim.kinds import kind_of
from game.sim.kinds.base import Measure

Pilot = Callable[[World], frozenset[str]]


# what a summary reports for a measure its level's kind does not have
MEASURE_DEFAULTS: dict[str, Measure] = {"telemetry": 0.0, "samples": 0, "logs": [], "data": 0.0}


@dataclass
class Summary:
    """How a run ended, with the measures its level's kind reports (`LevelKind.measures`):
    telemetry, samples, logs, data; read as attributes, flattened into `as_dict()`."""

    level: str
    seed: int
    outcome: str
    reason: str
    sim_time_s: float
    steps: int
    score: float
    next: str | None
    hull: float
    measures: dict[str, Measure] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        measures = self.__dict__.get("measures", {})
        if name in measures:
            return measures[name]
        if name in MEASURE_DEFAULTS:
            default = MEASURE_DEFAULTS[name]
            return list(default) if isinstance(default, list) else default
        raise AttributeError(name)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("measures")
        out.update({k: (list(v) if isinstance(v, list) else v) for k, v in MEASURE_DEFAULTS.items()})
        out.update(self.measures)
        return out

    def line(self) -> str:
        return (
            f"{self.level} seed {self.seed}: {self.outcome} ({self.reason}) at "
            f"{self.sim_time_s:.1f} s, score {self.score:g}, hull {self.hull:.0f}%, "
            f"telemetry {self.telemetry:.0f}%, next: {self.next or '-'}"
        )


def next_level(level_id: str, outcome: str) -> str | None:
    """Where `campaign.toml` sends the player after this outcome (None if not in it): see game.campaign."""
    return campaign_next_level(level_id, outcome)


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
        measures=kind_of(world.kind).measures(world),
    )


def simulate(level: Level | str, seed: int | None, pilot: Pilot | None = None,
             max_seconds: float | None = None, recorder: Recorder | None = None) -> tuple[World, Summary]:
    """Run one level headless; `pilot` None means the autopilot."""
    if isinstance(level, str):
        level = load_level(level)
    from game.run import Run

    world = new_world(level, seed)
    if pilot is None:
        from game.pilots import Autopilot

        pilot = Autopilot(level)
    limit = world.time_limit + 1.0 if max_seconds is None else max_seconds
    Run(world, pilot, recorder).run(int(math.ceil(limit / world.dt)))
    return world, summarise(world)


def _seed_run(job: tuple[Level, int, str, float | None]) -> tuple[Summary, float]:
    level, seed, strategy, max_seconds = job
    from game.pilots import Autopilot

    world, summary = simulate(level, seed, Autopilot(level, strategy), max_seconds)
    return summary, world.time_left


def simulate_seeds(level: Level, seeds: list[int], strategy: str = "auto",
                   max_seconds: float | None = None, workers: int | None = None) -> list[tuple[Summary, float]]:
    """The autopilot on each seed, the seeds spread over every core; (summary, time left)
    per seed, in the order given. Each run is the same as one `simulate` of that seed."""
    jobs = [(level, seed, strategy, max_seconds) for seed in seeds]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [_seed_run(job) for job in jobs]
    import multiprocessing

    # spawn, not fork: a pool forked from a process with threads (pygame, BLAS) can hang
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.map(_seed_run, jobs, chunksize=1)
