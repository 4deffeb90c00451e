"""The eye level kind on the window side: echoes, the sweep, samples, the module once
found, the sweep and samples panels.
"""

from game.app.render.kinds.eye.view import EyeView

__all__ = ["EyeView"]
