"""What a level kind is to the simulation: one object with every hook the step calls.

A kind registers once (`game.sim.kinds.KINDS`), the way pymunk registers collision
handlers: its state, set-up, command routing, forces, update, judge, score, the
measures its summary and results screen show, and the commands it offers. `step`
calls these hooks and names no kind. `judge`, `score` and `set_up` have no default:
a kind that forgets one fails at import, not silently at play.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, TypeVar

import numpy as np

from game.sim.field import FieldSample
from game.sim.world import Event, KindState, Outcome, World

Commands = frozenset[str]
Measure = float | int | list[int] | list[str]

BASIC = ("thrust", "reverse", "turn_left", "turn_right")
T = TypeVar("T")


class LevelKind(ABC):
    """One level kind's rules. Subclasses set `name` and `commands` and fill the hooks."""

    name: ClassVar[str]
    commands: ClassVar[tuple[str, ...]]  # the commands the level offers, in briefing order
    outcomes: ClassVar[tuple[str, ...]]  # the results its judge can give (the campaign's roads)
    debris_hurts: ClassVar[bool] = False  # the [debris] chunks are solid (kept in the sim)
    # the objectives the balance report times: event kind (or "kind@value", e.g. "telemetry@50")
    # -> what reaching it is called; the first time of each is a run's milestone
    milestones: ClassVar[dict[str, str]] = {}

    @abstractmethod
    def set_up(self, world: World) -> KindState:
        """Place what the kind needs in the freshly built core; return its state."""

    def route(self, world: World, held: Commands, pressed: Commands, dt: float,
              events: list[Event]) -> tuple[Commands, Commands]:
        """Read this step's commands before the ship does; return what still reaches it."""
        return held, pressed

    def act(self, world: World, held: Commands, pressed: Commands, events: list[Event]) -> None:
        """After the ship has read its controls: the kind's own one-shot commands."""
        return None

    def forces(self, world: World, acc: np.ndarray, alpha: np.ndarray, fs: FieldSample,
               surge_hit: np.ndarray, dt: float, events: list[Event]) -> None:
        """Add accelerations before the bodies move."""
        return None

    def update(self, world: World, fs: FieldSample, surge_hit: np.ndarray, dt: float,
               events: list[Event]) -> None:
        """Everything after the bodies have moved (objectives, timers of the kind)."""
        return None

    def drifters(self, world: World) -> list[tuple[np.ndarray, np.ndarray]]:
        """(pos, vel) arrays of the kind's own free points (the eye's samples): the step
        moves them through the field with the debris chunks, in the same evaluation."""
        return []

    def point_accel(self, world: World, pos: np.ndarray) -> np.ndarray | None:
        """Extra acceleration of free points (debris chunks, the window's motes) at `pos`,
        beyond the ellipse's field and surges; None for none."""
        return None

    @abstractmethod
    def judge(self, world: World, ship_r2: float) -> Outcome | None:
        """Won, lost, timed out or a story ending, or None while the level goes on."""

    @abstractmethod
    def score(self, world: World) -> float:
        """The score now (the final score once `world.outcome` is set)."""

    def measures(self, world: World) -> dict[str, Measure]:
        """The figures the summary and the results screen show for this kind."""
        return {}

    def clock(self, world: World) -> tuple[float, float]:
        """(seconds left, of how many) on the clock the player races, as the balance report
        counts a win's time left: the level timer, unless the kind races another clock."""
        return world.time_left, world.time_limit


def won_bonus(world: World) -> float:
    """The bonus every kind that can be won pays on winning: hull and time left."""
    if world.outcome is None or world.outcome.result != "won":
        return 0.0
    sc = world.level.config.scoring
    hull = float(world.bodies.hull[world.player.body])
    return max(0.0, hull) * sc.per_hull + world.time_left * sc.per_second_left


def required_table(world: World, name: str, cls: type[T]) -> T:
    """The level's table `name`, which its kind needs (`check` requires it: KIND_TABLES)."""
    table = getattr(world.level.config, name, None)
    if not isinstance(table, cls):
        raise ValueError(f"{world.level.id}: a {world.kind} level needs a [{name}] table")
    return table
