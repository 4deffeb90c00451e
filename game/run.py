"""The one run loop: a command source (a pilot, a recording or the player's keys) ->
the recorder -> `step` -> the subscribers that react to the step's events.

Play, the title's demo, headless runs, screenshots and the benchmark all move a level
through a `Run`, so what happens between two steps is the same everywhere: the same
commands are recorded, the same captions are queued (`Captions`), the same events
reach the renderer and audio. A subscriber is any callable `(world, events)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from game.captions import CaptionQueue
from game.sim import World, step
from game.sim.world import Event

if TYPE_CHECKING:
    from game.headless import Recorder
    from game.levels.models import Caption

CommandSource = Callable[[World], frozenset[str]]
Subscriber = Callable[[World, list[Event]], None]


class Captions(CaptionQueue):
    """The level's captions as a run subscriber: fed by each step's events, aged by its dt."""

    def __init__(self, specs: Iterable[Caption] = ()):
        super().__init__(specs)

    def __call__(self, world: World, events: list[Event]) -> None:
        self.feed(events)
        self.update(world.dt)


class Run:
    """One level being run: where its commands come from, and who hears its events."""

    def __init__(self, world: World, source: CommandSource, recorder: Recorder | None = None,
                 subscribers: Iterable[Subscriber] = ()):
        self.world = world
        self.source = source
        self.recorder = recorder
        self.subscribers: list[Subscriber] = list(subscribers)
        self.commands: frozenset[str] = frozenset()  # held in the last step

    @property
    def over(self) -> bool:
        return self.world.outcome is not None

    def step(self, dt: float | None = None) -> list[Event]:
        """One fixed step: ask the source, record, step, tell the subscribers."""
        world = self.world
        cmds = self.source(world)
        self.commands = cmds
        if self.recorder is not None:
            self.recorder.add(world.steps, cmds)
        events = step(world, cmds, dt)
        for subscriber in self.subscribers:
            subscriber(world, events)
        return events

    def run(self, max_steps: int) -> None:
        """Step until the level ends or `max_steps` steps have been taken in all."""
        while self.world.outcome is None and self.world.steps < max_steps:
            self.step()

    def run_until(self, t: float) -> None:
        """Step until simulated time `t` (or the level's end)."""
        while self.world.outcome is None and self.world.t < t - 1e-9:
            self.step()


class Milestones:
    """When each objective of the level's kind was first reached (`LevelKind.milestones`), as a
    run subscriber: label -> simulated time in seconds. The balance report reads it."""

    def __init__(self, kind: str):
        from game.sim.kinds import kind_of

        self.labels = dict(kind_of(kind).milestones)
        self.reached: dict[str, float] = {}

    def __call__(self, world: World, events: list[Event]) -> None:
        labels = self.labels
        for ev in events:
            for key in (ev.kind, f"{ev.kind}@{ev.value:g}"):
                label = labels.get(key)
                if label is not None and label not in self.reached:
                    self.reached[label] = round(world.t, 2)
