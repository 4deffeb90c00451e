"""Drawing the world: camera, starfield, the ellipse's glow, particles, vector ships, HUD.

Reads the simulation's state and never writes it. `WorldRenderer.draw` renders one full
frame of play; `take_snapshot` keeps what moves so frames between two simulation steps
can be interpolated. What each level kind adds is its view, in `kinds/` (one folder per
kind behind `kinds.base.KindView`); the HUD (`hud.py`) gives the views a public panel kit.
"""

from game.app.render.snapshot import Snapshot, take_snapshot
from game.app.render.world_renderer import WorldRenderer

__all__ = ["Snapshot", "WorldRenderer", "take_snapshot"]
