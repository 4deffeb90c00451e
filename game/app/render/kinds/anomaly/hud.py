"""The HUD part of the anomaly level: the probes aboard, the link, the telemetry.

Bottom left: one diamond per probe (filled while aboard), whether the probe out there
is linked, and the telemetry returned against what the level requires, with what is
still buffered on the probe hatched after it.
"""

from __future__ import annotations

import pygame

from game.app.render.hud import Hud
from game.app.render.palette import GREEN, HUD, HUD_BRIGHT, HUD_DIM, PROBE, RED, scaled
from game.sim.kinds.anomaly import state as probe_state
from game.sim.world import World

PANEL = (330, 100)


def probe_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    pl = world.player
    pr = probe_state(world)
    obj = world.level.config.probe_objective
    text = hud.text
    x0, y0 = 18, hud.h - 12 - PANEL[1]
    hud.put(s, hud.panel_surface("probe", PANEL), (x0, y0))
    x, y = x0 + 14, y0 + 10
    text.draw(s, "PROBES", 18, HUD, (x, y + 2))
    total = max(pl.probes_left, world.spec.probes)
    for k in range(total):
        cx, cy = x + 74 + k * 18, y + 9
        pts = [(cx, cy - 7), (cx + 6, cy), (cx, cy + 7), (cx - 6, cy)]
        if k < pl.probes_left:
            pygame.draw.polygon(s, scaled(PROBE, 0.6), pts)
            pygame.draw.polygon(s, PROBE, pts, 1)
        else:
            pygame.draw.polygon(s, HUD_DIM, pts, 1)
    # link light
    if pr.body < 0:
        link, lc = "NO PROBE OUT", HUD_DIM
    elif pr.linked:
        link, lc = "LINK", GREEN
    else:
        link, lc = "NO LINK", RED if hud.blink(clock, 2.0) else scaled(RED, 0.5)
    lx = x0 + 316
    if pr.body >= 0:
        dot = lc if pr.linked or hud.blink(clock, 2.0) else scaled(lc, 0.4)
        pygame.draw.circle(s, dot, (lx - 6, y + 10), 5)
        text.draw(s, link, 18, lc, (lx - 16, y + 2), "topright")
    else:
        text.draw(s, link, 18, lc, (lx, y + 2), "topright")

    y += 26
    req = obj.telemetry_required
    text.draw(s, "TELEMETRY", 18, HUD, (x, y))
    text.draw(s, f"{pr.returned:.0f}% / {req:.0f}%", 18, HUD_BRIGHT, (x0 + 316, y), "topright")
    y += 18
    bw = 302
    rf = min(1.0, pr.returned / req)
    bf = min(1.0 - rf, pr.buffered / req)
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (x, y, bw, 14), 1)
    inner = bw - 4
    rw = int(inner * rf)
    if rw > 0:
        pygame.draw.rect(s, GREEN, (x + 2, y + 2, rw, 10))
    bwid = int(inner * bf)
    if bwid > 0:
        bx = x + 2 + rw
        pygame.draw.rect(s, scaled(GREEN, 0.3), (bx, y + 2, bwid, 10))
        for hx in range(bx, bx + bwid, 5):
            pygame.draw.line(s, scaled(GREEN, 0.6), (hx, y + 11), (min(bx + bwid - 1, hx + 4), y + 3))
    y += 18
    state = "GATHERING IN ELLIPSE" if pr.gathering else ""
    text.draw(s, f"BUFFERED ON PROBE {pr.buffered:.0f}%", 17,
              scaled(GREEN, 0.75) if pr.buffered > 0 else HUD_DIM, (x, y))
    if state:
        text.draw(s, state, 17, PROBE, (x0 + 316, y), "topright")
