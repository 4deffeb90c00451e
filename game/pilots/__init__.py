"""The pilots: one autopilot per level kind, registered by kind name.

`Autopilot(level)` picks the kind's pilot; call it with the world each step for the
commands it holds. The autopilot proves a level can be won, shows the margins a
designer has left, drives the tests and flies the title screen's demo.
"""

from __future__ import annotations

from game.levels import Level
from game.pilots.anomaly import AnomalyPilot
from game.pilots.base import KindPilot
from game.pilots.dark_matter import DarkMatterPilot
from game.pilots.escape import EscapePilot
from game.pilots.eye import EyePilot
from game.pilots.human import DEFAULT_DELAY, HumanPilot
from game.pilots.prologue import ProloguePilot
from game.pilots.salvage import SalvagePilot
from game.pilots.survival import SurvivalPilot
from game.sim.world import World

PILOTS: dict[str, type[KindPilot]] = {
    p.kind: p for p in (ProloguePilot, AnomalyPilot, EyePilot, DarkMatterPilot, SalvagePilot, EscapePilot,
                        SurvivalPilot)
}
STRATEGIES = ("auto", "keep", "drop")


def kind_pilot(level: Level, strategy: str = "auto") -> KindPilot:
    """The pilot of the level's kind, with `strategy` where it has one ("auto" otherwise)."""
    kind = level.config.level.kind
    try:
        pilot_cls = PILOTS[kind]
    except KeyError:
        raise KeyError(f"no pilot for the level kind {kind!r}") from None
    return pilot_cls(level, strategy if strategy in pilot_cls.STRATEGIES else "auto")


class Autopilot:
    """The autopilot for one level: the kind's pilot behind one call."""

    STRATEGIES = STRATEGIES

    def __init__(self, level: Level, strategy: str = "auto"):
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown autopilot strategy {strategy!r}")
        self.level = level
        self.kind = level.config.level.kind
        self.strategy = strategy
        self.pilot = kind_pilot(level, strategy)

    def __call__(self, world: World) -> frozenset[str]:
        return frozenset(self.pilot.fly(world))


def make_pilot(level: Level, pilot: str = "autopilot", strategy: str = "auto",
               delay: float | None = None) -> Autopilot | HumanPilot:
    """The autopilot, or the human pilot with `delay` s of reaction (its default when None)."""
    if pilot == "autopilot":
        return Autopilot(level, strategy)
    if pilot == "human":
        return HumanPilot(level, DEFAULT_DELAY if delay is None else delay, strategy)
    raise ValueError(f"unknown pilot {pilot!r} (autopilot or human)")


__all__ = ["PILOTS", "Autopilot", "HumanPilot", "KindPilot", "make_pilot"]
