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
    milestones: dict[str, float] = field(default_factory=dict)  # objective -> first time reached, s
    pilot: str = "autopilot"

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


def summarise(world: World, milestones: dict[str, float] | None = None, pilot: str = "autopilot") -> Summary:
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
        milestones=dict(milestones or {}), pilot=pilot,
    )


def idle_pilot(world: World) -> frozenset[str]:
    """A pilot who touches nothing: what the level does to someone who does not play it."""
    return frozenset()


def pilot_for(level: Level, name: str = "autopilot", strategy: str = "auto") -> Pilot:
    """A pilot by its command-line name: "autopilot", "idle", "human" or "human:DELAY"."""
    if name == "idle":
        return idle_pilot
    from game.pilots import make_pilot
    from game.pilots.human import parse_pilot

    kind, delay = parse_pilot(name)
    return make_pilot(level, kind, strategy, delay)


def pilot_label(name: str) -> str:
    """The report's name of a pilot: "autopilot", "idle", "human 0.25 s"."""
    if name in ("autopilot", "idle"):
        return name
    from game.pilots.human import parse_pilot

    _, delay = parse_pilot(name)
    return f"human {delay:g} s"


def simulate(level: Level | str, seed: int | None, pilot: Pilot | None = None,
             max_seconds: float | None = None, recorder: Recorder | None = None,
             pilot_name: str = "autopilot", carry: dict[str, Any] | None = None) -> tuple[World, Summary]:
    """Run one level headless; `pilot` None means the autopilot. The summary carries the
    milestones of the run (`LevelKind.milestones`: when each objective was first reached)."""
    if isinstance(level, str):
        level = load_level(level)
    from game.run import Milestones, Run

    world = new_world(level, seed, carry)
    if pilot is None:
        from game.pilots import Autopilot

        pilot = Autopilot(level)
    milestones = Milestones(world.kind)
    limit = world.time_limit + 1.0 if max_seconds is None else max_seconds
    Run(world, pilot, recorder, [milestones]).run(int(math.ceil(limit / world.dt)))
    return world, summarise(world, milestones.reached, pilot_name)


def _seed_run(job: tuple[Level, int, str, float | None, str, dict[str, Any] | None]
              ) -> tuple[Summary, float, float]:
    level, seed, strategy, max_seconds, pilot, carry = job
    world, summary = simulate(level, seed, pilot_for(level, pilot, strategy), max_seconds, pilot_name=pilot,
                              carry=carry)
    left, of = kind_of(world.kind).clock(world)
    return summary, left, of


def simulate_seeds(level: Level, seeds: list[int], strategy: str = "auto",
                   max_seconds: float | None = None, workers: int | None = None,
                   pilots: tuple[str, ...] = ("autopilot",), carry: dict[str, Any] | None = None
                   ) -> list[tuple[Summary, float, float]]:
    """Each pilot on each seed, the runs spread over every core; (summary, time left, of how
    many seconds: the kind's `clock`) per run, pilot by pilot, seeds in the order given. Each
    run is the same as one `simulate` of that seed (from `carry`, what a level before handed on)."""
    jobs = [(level, seed, strategy, max_seconds, pilot, carry) for pilot in pilots for seed in seeds]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [_seed_run(job) for job in jobs]
    import multiprocessing

    # spawn, not fork: a pool forked from a process with threads (pygame, BLAS) can hang
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.map(_seed_run, jobs, chunksize=1)
