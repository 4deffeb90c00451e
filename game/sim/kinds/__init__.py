"""The level kinds, registered once: name -> the kind's rules (`LevelKind`).

Each kind is one module here (its state, set-up, command routing, forces, update,
judge, score, measures and commands). The pilots (`game.pilots`) and the window's
views (`game.app.render.kinds`) keep registries keyed by the same names; a contract
test fails when one lacks a kind another has. Adding a kind means one module here,
one pilot, one view and one level file.
"""

from __future__ import annotations

from game.sim.kinds import anomaly, dark_matter, escape, eye, prologue, salvage, survival
from game.sim.kinds.base import LevelKind

KINDS: dict[str, LevelKind] = {
    m.KIND.name: m.KIND for m in (prologue, anomaly, eye, dark_matter, salvage, escape, survival)
}


def kind_of(name: str) -> LevelKind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"no level kind {name!r} (known: {', '.join(sorted(KINDS))})") from None


__all__ = ["KINDS", "LevelKind", "kind_of"]
