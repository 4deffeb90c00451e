"""The simulation: numpy only, never imports pygame. `step` is the only way time moves."""

from game.sim.build import new_world
from game.sim.commands import COMMANDS
from game.sim.step import step
from game.sim.world import DT, Event, World

__all__ = ["COMMANDS", "DT", "Event", "World", "new_world", "step"]
