"""Building a world: the core, then the level's kind sets itself up in it."""

from __future__ import annotations

from game.levels import Level
from game.sim.debris import set_up_chunks
from game.sim.kinds import kind_of
from game.sim.world import World


def new_world(level: Level, seed: int | None = None) -> World:
    """A level ready to step, seeded by `seed` (the level file's seed when None)."""
    world = World(level, seed)
    kind = kind_of(world.kind)
    world.state = kind.set_up(world)
    if kind.debris_hurts:
        set_up_chunks(world)
    return world
