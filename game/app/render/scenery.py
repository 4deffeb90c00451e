"""The level kinds that bring scenery and panels of their own: the prologue and survival.

`scenery_for(level, size)` gives the renderer one object (or None) with the same hooks
for both, so the world renderer and the HUD need one dispatch line per hook:
`on_events`, `frame` (the point layer), `backdrop` (under the glow), `vectors` (both
passes of the pen), `arrows` (edge-of-screen markers) and `hud` (its own panels).
"""

from __future__ import annotations

from game.levels import Level


def scenery_for(level: Level, size: tuple[int, int]):
    from game.app.render.prologue_view import PrologueView, uses_prologue
    from game.app.render.survival_view import SurvivalView, uses_survival

    if uses_prologue(level):
        return PrologueView(level, size)
    if uses_survival(level):
        return SurvivalView(level, size)
    return None
