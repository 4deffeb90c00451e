"""What each level kind adds to the one `step`: set-up, command routing, forces, updates.

A kind with a mechanic of its own (the salvage's transporter and cabin, the escape's
starship) registers its hooks here, so `step` stays one loop for every level and a
new kind never edits another kind's code. Every hook is optional:

* `set_up(world)`: place what the kind needs when the world is built;
* `route(world, held, pressed, dt, events)`: read this step's commands before the ship
  does and return the (held, pressed) sets that still reach the ship's controls (the
  salvage's suited figure takes them while the crew member is aboard the module);
* `forces(world, acc, alpha, fs, surge_hit, dt, events)`: add accelerations before
  the bodies move;
* `update(world, fs, surge_hit, dt, events)`: everything after the bodies have moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from game.sim.world import World

Commands = frozenset[str]


@dataclass(frozen=True)
class KindHooks:
    set_up: Callable[[World], None] | None = None
    route: Callable[..., tuple[Commands, Commands]] | None = None
    forces: Callable[..., None] | None = None
    update: Callable[..., None] | None = None


NO_HOOKS = KindHooks()


@cache
def registry() -> dict[str, KindHooks]:
    # imported here: the mechanic modules import World, and World's constructor calls set_up
    from game.sim import asteroid, escape, eye, prologue, salvage, survival

    return {
        "eye": KindHooks(set_up=eye.place_module_and_samples),
        "dark_matter": KindHooks(set_up=asteroid.set_up_dark_matter),
        "salvage": salvage.HOOKS,
        "escape": escape.HOOKS,
        "prologue": prologue.HOOKS,
        "survival": survival.HOOKS,
    }


def hooks_for(world: World) -> KindHooks:
    return registry().get(world.level.config.level.kind, NO_HOOKS)


def set_up(world: World) -> None:
    hooks = hooks_for(world)
    if hooks.set_up is not None:
        hooks.set_up(world)


def route(world: World, held: Commands, pressed: Commands, dt: float,
          events: list[Any]) -> tuple[Commands, Commands]:
    hooks = hooks_for(world)
    if hooks.route is None:
        return held, pressed
    return hooks.route(world, held, pressed, dt, events)
