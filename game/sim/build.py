"""Building a world: the core, then the level's kind sets itself up in it."""

from __future__ import annotations

from typing import Any

from game.levels import Level
from game.sim.debris import set_up_chunks
from game.sim.kinds import kind_of
from game.sim.world import World


def new_world(level: Level, seed: int | None = None, carry: dict[str, Any] | None = None) -> World:
    """A level ready to step, seeded by `seed` (the level file's seed when None); `carry` is what
    the campaign's level before hands on (`game.campaign.carry_from`), read by the kind's set-up."""
    world = World(level, seed, carry)
    kind = kind_of(world.kind)
    world.state = kind.set_up(world)
    if kind.debris_hurts:
        set_up_chunks(world)
    return world
