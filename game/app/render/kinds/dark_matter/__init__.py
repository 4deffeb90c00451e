"""The dark_matter level kind on the window side: lensing, the tow beam, the shock front,
the exit line, the contact panel and markers.
"""

from game.app.render.kinds.dark_matter.view import DarkMatterView

__all__ = ["DarkMatterView"]
