"""The screens of the game, each a `Scene` on the app's stack.

title -> briefing -> play (<-> pause) -> results -> briefing / title; settings is
pushed over the title or the pause overlay; message shows level problems and cards.
"""

from game.app.scenes.base import Scene

__all__ = ["Scene"]
