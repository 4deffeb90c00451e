"""The lost command module, drawn wherever a level has one (the eye finds her, the dark
matter tows her, the salvage boards her): pale hull, gold panels, solar wings, and, where
she is the objective, a breathing marker ring and her name.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.app.render.palette import scaled, towards_white
from game.app.render.text import Text
from game.app.render.vectors import Pen, hull_points
from game.levels import Level
from game.sim.world import MODULE

if TYPE_CHECKING:
    from game.app.render.kinds.base import Frame

MODULE_HULL = (236, 236, 222)
MODULE_GOLD = (240, 195, 90)
MODULE_MIN_PX = 64.0  # the module is never drawn smaller than this (it must read)
TOWED_MIN_PX = 22.0  # in a towing level: smaller, so the beam shows between her and the ship

# the command module in hull lengths, nose +x: capsule, service section, engine bell,
# solar wings (mirrored for -y)
CAPSULE = [(0.06, 0.19), (0.43, 0.075), (0.5, 0.045), (0.5, -0.045), (0.43, -0.075),
           (0.06, -0.19)]
HEAT_SHIELD = [(0.055, 0.205), (0.055, -0.205)]
WINDOW = [(0.3, 0.05), (0.36, 0.03)]
SERVICE = [(0.05, 0.17), (-0.36, 0.17), (-0.36, -0.17), (0.05, -0.17)]
BANDS = [[(-0.08, 0.17), (-0.08, -0.17)], [(-0.22, 0.17), (-0.22, -0.17)]]
BELL = [(-0.36, 0.07), (-0.5, 0.125), (-0.5, -0.125), (-0.36, -0.07)]
WING = [(-0.03, 0.25), (-0.27, 0.25), (-0.27, 0.8), (-0.03, 0.8)]
BOOM = [(-0.15, 0.17), (-0.15, 0.25)]
WING_GRID = [[(-0.15, 0.25), (-0.15, 0.8)]] + [
    [(-0.03, 0.25 + 0.11 * k), (-0.27, 0.25 + 0.11 * k)] for k in range(1, 5)]
DISH = [(-0.3, -0.17), (-0.34, -0.26), (-0.26, -0.26)]


def _mirror(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x, -y) for x, y in pts]


def _layout(parts: dict[str, list[list[tuple[float, float]]]]) -> tuple[np.ndarray, dict[str, list[slice]]]:
    """Every part's outline in one array, and where each part lies in it."""
    at: dict[str, list[slice]] = {}
    n = 0
    for name, outlines in parts.items():
        at[name] = []
        for o in outlines:
            at[name].append(slice(n, n + len(o)))
            n += len(o)
    return np.array([p for outlines in parts.values() for o in outlines for p in o], np.float64), at


# her parts placed on screen with one `hull_points` a pass: a placing for each of the 24
# had cost both passes 0.95 ms, this 0.39 (the same points)
_PARTS = {
    "wings": [WING, _mirror(WING)], "service": [SERVICE], "capsule": [CAPSULE], "bell": [BELL],
    "grid": [g for grid in WING_GRID for g in (grid, _mirror(grid))],
    "booms": [BOOM, _mirror(BOOM)], "bands": BANDS, "dish": [DISH], "heat_shield": [HEAT_SHIELD],
    "window": [WINDOW],
}
_OUTLINE, _AT = _layout(_PARTS)


def draw_module(pen: Pen, text: Text | None, level: Level, x: float, y: float, angle: float,
                zoom: float, clock: float, dist: float | None, towed: bool = False,
                min_px: float = MODULE_MIN_PX, ring: bool = True) -> None:
    """The command module: pale hull, gold panels, a pulsing marker ring (if `ring`) and
    her name (not while she is towed: the beam marks her then)."""
    cfg = level.config.module
    size = max(cfg.length * zoom, min_px)

    placed = hull_points(_OUTLINE, x, y, angle, size)
    at = {name: [placed[part] for part in parts] for name, parts in _AT.items()}
    (service,), (capsule,), (bell,) = at["service"], at["capsule"], at["bell"]

    gold = MODULE_GOLD
    if not pen.glow:
        # solid bodies first, so what drifts behind does not show through the hull
        fill = pygame.draw.polygon
        for wing in at["wings"]:
            fill(pen.target, (58, 44, 18), wing.tolist())
        fill(pen.target, (70, 68, 60), service.tolist())
        fill(pen.target, (86, 86, 80), capsule.tolist())
        fill(pen.target, (70, 52, 22), bell.tolist())
    for wing in at["wings"]:
        pen.poly(wing, scaled(gold, 0.9), width=1, glow=0.8)
    if not pen.glow:
        for g in at["grid"]:
            pen.poly(g, scaled(gold, 0.55), closed=False, width=1, glow=0.0, core=False)
    for boom in at["booms"]:
        pen.poly(boom, scaled(gold, 0.8), closed=False, width=1, glow=0.3)
    pen.poly(service, scaled(MODULE_HULL, 0.85), width=2, glow=0.9)
    for band in at["bands"]:
        pen.poly(band, scaled(gold, 0.7), closed=False, width=1, glow=0.0, core=False)
    pen.poly(bell, gold, width=2, glow=0.9)
    pen.poly(at["dish"][0], scaled(MODULE_HULL, 0.7), width=1, glow=0.3)
    pen.poly(capsule, MODULE_HULL, width=2, glow=1.3)
    pen.poly(at["heat_shield"][0], gold, closed=False, width=2, glow=0.8)
    pen.poly(at["window"][0], (150, 220, 255), closed=False, width=2, glow=0.6)
    if towed:
        return

    # the marker: a ring at the reach radius that breathes, with corner ticks
    pulse = 0.5 + 0.5 * math.sin(clock * 3.2)
    reach = max(cfg.reach_radius * zoom, size * 0.75)
    ring_r = reach * (1.0 + 0.06 * pulse) if ring else size * 0.6
    if ring:
        _marker(pen, x, y, ring_r, pulse, clock)
    if text is not None and not pen.glow:
        label = cfg.name.upper()
        text.draw(pen.target, label, 20, towards_white(gold, 0.3),
                  (x, y + ring_r + 18), "center")
        if dist is not None:
            text.draw(pen.target, f"{dist:.0f} m", 16, scaled(gold, 0.8),
                      (x, y + ring_r + 34), "center")


def _marker(pen: Pen, x: float, y: float, ring_r: float, pulse: float, clock: float) -> None:
    gold = MODULE_GOLD
    pen.ring(x, y, ring_r, scaled(gold, 0.45 + 0.4 * pulse), width=1, glow=0.9 * pulse,
             segments=72)
    rot = clock * 0.6
    for k in range(4):
        t = rot + k * math.pi / 2
        c, s = math.cos(t), math.sin(t)
        a0, a1 = ring_r + 5, ring_r + 14
        pen.line((x + c * a0, y + s * a0), (x + c * a1, y + s * a1), scaled(gold, 0.85),
                 width=2, glow=0.8)


def draw_module_body(f: Frame, pen: Pen, text: Text | None, level: Level, i: int, x: float, y: float,
                     angle: float, towed: bool = False, min_px: float = MODULE_MIN_PX) -> None:
    """A view's `body` hook for the module: drawn with her distance from the ship, no marker ring
    (the kinds that have her mark her their own way: the beam, the transporter's range)."""
    world, view = f.world, f.view
    if world.bodies.kind[i] != MODULE:
        return
    j = world.player.body
    dist = math.hypot(float(view.pos[i, 0]) - float(view.pos[j, 0]),
                      float(view.pos[i, 1]) - float(view.pos[j, 1]))
    draw_module(pen, text, level, x, y, angle, f.cam.zoom, f.clock, dist, towed=towed, min_px=min_px,
                ring=False)
