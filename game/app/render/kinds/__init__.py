"""The level kinds on the window side: one view per kind, registered once.

Each kind is one folder here holding its view (a `KindView`, see `base.py`) and the
code of its HUD panels, drawn with the HUD's public kit (`game.app.render.hud`). The
world renderer holds the level's view and calls its hooks; it names no kind. `VIEWS`
is keyed by exactly the names of the simulation's `game.sim.kinds.KINDS` and the
pilots' `game.pilots.PILOTS`; a contract test fails when one registry lacks a kind
another has.

Adding a level kind means four things: one sim module (`game/sim/kinds/<kind>.py`),
one pilot (`game/pilots/<kind>.py`), one view folder here (`kinds/<kind>/` with a
`KindView` subclass, added to `VIEWS` below) and one level file (`levels/<id>.toml`).
Shared drawing (the module, debris chunks, the tow beam's colours) lives outside the
kind folders, in `game/app/render/`.
"""

from __future__ import annotations

from game.app.render.kinds.anomaly import AnomalyView
from game.app.render.kinds.base import Frame, KindView
from game.app.render.kinds.dark_matter import DarkMatterView
from game.app.render.kinds.escape import EscapeView
from game.app.render.kinds.eye import EyeView
from game.app.render.kinds.prologue import PrologueView
from game.app.render.kinds.salvage import SalvageView
from game.app.render.kinds.survival import SurvivalView

VIEWS: dict[str, type[KindView]] = {
    v.name: v
    for v in (PrologueView, AnomalyView, EyeView, DarkMatterView, SalvageView, EscapeView, SurvivalView)
}


def view_of(name: str) -> type[KindView]:
    try:
        return VIEWS[name]
    except KeyError:
        raise KeyError(f"no view for level kind {name!r} (known: {', '.join(sorted(VIEWS))})") from None


__all__ = ["VIEWS", "Frame", "KindView", "view_of"]
