"""The salvage level kind on the window side: the transporter, the cabin (a cover over the
whole frame), the logs, the cabin's HUD.
"""

from game.app.render.kinds.salvage.view import SalvageView

__all__ = ["SalvageView"]
