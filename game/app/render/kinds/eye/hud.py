"""The HUD parts of the eye level: the sensor sweep (progress, the hot/cold signal, the
module once found) bottom left, and the samples aboard under the shield-mod and tractor
lights bottom right.
"""

from __future__ import annotations

import math

import pygame

from game.app.render.hud import Hud
from game.app.render.palette import GREEN, HUD, HUD_BRIGHT, HUD_DIM, scaled, towards_white
from game.sim.kinds.eye import eye_of
from game.sim.kinds.eye import state as eye_state
from game.sim.world import World

ECHO = (90, 235, 255)
SAMPLE = (215, 255, 90)
PANEL_W, PANEL_H = 330, 100


def scan_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Sweep progress, the hot/cold signal and, once found, the module and its distance."""
    sc = eye_state(world)
    x0, y0 = 18, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("eye_scan", (PANEL_W, PANEL_H)), (x0, y0))
    x, y = x0 + 14, y0 + 10
    right = x0 + PANEL_W - 14
    text = hud.text
    name = world.level.config.module.name.upper()
    if sc.found:
        blink = 0.75 + 0.25 * math.sin(clock * 4.0)
        text.draw(s, "MODULE FOUND", 18, towards_white(GREEN, 0.3 * blink), (x, y + 2))
        dist = _module_distance(world)
        if dist is not None:
            text.draw(s, f"{name}  {dist:.0f} m", 18, HUD_BRIGHT, (right, y + 2), "topright")
    else:
        text.draw(s, "SENSOR SWEEP", 18, HUD, (x, y + 2))
        if world.player.scanning:
            on = hud.blink(clock, 2.5)
            text.draw(s, "SWEEPING", 18, ECHO if on else scaled(ECHO, 0.5), (right, y + 2),
                      "topright")
        else:
            text.draw(s, "IDLE", 18, HUD_DIM, (right, y + 2), "topright")
    y += 24
    hud.bar(s, x, y, PANEL_W - 28 - 46, 12, sc.progress, GREEN if sc.found else ECHO,
             segments=20)
    text.draw(s, f"{sc.progress * 100:.0f}%", 17, HUD_BRIGHT, (right, y - 1), "topright")
    y += 22
    # hot/cold: a cold-to-hot ramp with a marker at the signal
    text.draw(s, "SIGNAL", 17, HUD, (x, y))
    bx, bw, bh = x + 58, PANEL_W - 28 - 58 - 46, 12
    for k in range(bw - 4):
        f = k / max(1, bw - 5)
        col = (int(40 + 215 * f), int(120 + 60 * (1 - abs(2 * f - 1)) - 40 * f),
               int(255 * (1 - f) + 40 * f))
        pygame.draw.line(s, scaled(col, 0.35), (bx + 2 + k, y + 2), (bx + 2 + k, y + bh - 3))
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (bx, y, bw, bh), 1)
    sig = max(0.0, min(1.0, sc.signal))
    mx = bx + 2 + int((bw - 5) * sig)
    warm = (int(40 + 215 * sig), int(160 - 60 * sig), int(255 * (1 - sig) + 40 * sig))
    pygame.draw.rect(s, warm, (bx + 2, y + 2, max(1, mx - bx - 2), bh - 4))
    pygame.draw.polygon(s, HUD_BRIGHT, [(mx, y - 1), (mx - 5, y - 7), (mx + 5, y - 7)])
    word = "HOT" if sig > 0.66 else "WARM" if sig > 0.33 else "COLD"
    text.draw(s, word, 17, warm if sig > 0.05 else HUD_DIM, (right, y), "topright")
    y += 20
    if not sc.found:
        n = len(sc.echoes)
        msg = f"{n} ECHOES - SWEEP NARROWING" if n else "HOLD THE SWEEP INSIDE THE EYE"
        text.draw(s, msg, 16, scaled(ECHO, 0.75) if n else HUD_DIM, (x, y))
    else:
        text.draw(s, "REACH THE MODULE", 16, scaled(GREEN, 0.8), (x, y))


def _module_distance(world: World) -> float | None:
    j = world.module
    if j < 0:
        return None
    sx, sy = world.ship_pos()
    p = world.bodies.pos[j]
    return math.hypot(float(p[0]) - sx, float(p[1]) - sy)


def lights_and_samples(hud: Hud, s: pygame.Surface, world: World) -> None:
    """The shield-mod and tractor lights, and under them the samples aboard (k / n)."""
    x0, y0 = hud.lights_panel(s, world)
    x, y = x0 + 14, y0 + 12 + 34
    samples = eye_of(world)
    n = samples.sample_pos.shape[0] if samples is not None else 0
    if samples is not None and n:
        got = int(samples.collected.sum())
        hud.text.draw(s, "SAMPLES", 18, HUD, (x, y + 4))
        hud.text.draw(s, f"{got} / {n}", 20, HUD_BRIGHT if got < n else GREEN,
                      (x0 + PANEL_W - 14, y + 3), "topright")
        for k in range(n):
            cx, cy = x + 92 + k * 22, y + 12
            pts = [(cx, cy - 8), (cx + 4, cy), (cx, cy + 8), (cx - 4, cy)]
            if samples.collected[k]:
                pygame.draw.polygon(s, scaled(SAMPLE, 0.6), pts)
                pygame.draw.polygon(s, SAMPLE, pts, 1)
            else:
                pygame.draw.polygon(s, HUD_DIM, pts, 1)
