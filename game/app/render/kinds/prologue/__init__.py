"""The prologue level kind on the window side: Mars, the imager's cone, the ion drive's
plume, the imager and radio panels.
"""

from game.app.render.kinds.prologue.view import PrologueView

__all__ = ["PrologueView"]
