"""The escape level kind on the window side: the starship, the lock zone, the tow, the
clear line, the melting rim, the helm panels.
"""

from game.app.render.kinds.escape.view import EscapeView

__all__ = ["EscapeView"]
