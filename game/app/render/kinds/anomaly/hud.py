"""The HUD part of the anomaly level: the probes aboard, the link, the telemetry.

Bottom left: one diamond per probe (filled while aboard), whether the probe out there
is linked, and the telemetry returned against what the level requires, with what is
still buffered on the probe hatched after it.

Bottom right: the probe's signal, the decoy that holds the ellipse: a log-scale bar that
drains while the ellipse feeds on it, a "YOU" tick where it would sound fainter to the
ellipse than the ship does now, and a tick where its beacon cuts out (while it is
silent: where it comes back).
"""

from __future__ import annotations

import math

import pygame

from game.app.render.hud import Hud
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, PROBE, RED, scaled
from game.sim.kinds.anomaly import ship_level
from game.sim.kinds.anomaly import state as probe_state
from game.sim.world import World

PANEL = (330, 100)
SIGNAL_PANEL = (330, 78)  # bottom right, level with the probe panel, clear of the captions
SIGNAL_DECADES = 3.0  # the signal bar spans 100 % down to 0.1 %, a decade per third


def signal_frac(share: float) -> float:
    """Where a share of the probe's full signal sits on the log-scale bar (0..1)."""
    if share <= 0.0:
        return 0.0
    return max(0.0, min(1.0, 1.0 + math.log10(share) / SIGNAL_DECADES))


def signal_text(share: float) -> str:
    pct = share * 100.0
    return f"{pct:.0f}%" if pct >= 9.5 else f"{pct:.1f}%" if pct >= 0.095 else "0%"


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


def signal_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom right: the probe's signal, what holds the ellipse off the ship, fading while
    the ellipse feeds on it."""
    pr = probe_state(world)
    obj = world.level.config.probe_objective
    text = hud.text
    x0, y0 = hud.w - 18 - SIGNAL_PANEL[0], hud.h - 12 - SIGNAL_PANEL[1]
    hud.put(s, hud.panel_surface("probe_signal", SIGNAL_PANEL), (x0, y0))
    x, y = x0 + 14, y0 + 10
    right = x + 302
    if pr.body < 0:
        text.draw(s, "PROBE SIGNAL", 18, HUD_DIM, (x, y))
        text.draw(s, "NO PROBE OUT", 17, HUD_DIM, (right, y), "topright")
        hud.bar(s, x, y + 24, 302, 12, 0.0, HUD_DIM)
        return
    you = ship_level(world)
    louder = not pr.silent and you > pr.charge  # the ellipse hears the ship over the probe
    if pr.feeding:  # the hungry ellipse holds the lit ship
        status, sc = "FEEDING ON US - GO DARK", RED if hud.blink(clock, 4.0) else scaled(RED, 0.55)
    elif pr.silent:
        status, sc = "BEACON SILENT", RED if hud.blink(clock, 2.0) else scaled(RED, 0.55)
    elif louder:
        status, sc = "IT HEARS YOU LOUDER", RED if hud.blink(clock, 2.0) else scaled(RED, 0.55)
    elif pr.gathering and obj.signal_fade > 0:
        status, sc = "DRAINED BY THE ELLIPSE", AMBER
    elif pr.charge < 0.999:
        status, sc = "RECOVERING", GREEN
    else:
        status, sc = "FULL STRENGTH", PROBE
    text.draw(s, f"PROBE SIGNAL {signal_text(0.0 if pr.silent else pr.charge)}", 18, PROBE, (x, y))
    text.draw(s, status, 17, sc, (right, y), "topright")
    by = y + 24
    colour = RED if louder or pr.silent else AMBER if pr.charge < 0.1 else PROBE
    if pr.silent:  # the cells recharging behind a dead beacon: a dim fill, no signal
        hud.bar(s, x, by, 302, 12, signal_frac(pr.charge), scaled(RED, 0.35))
    else:
        hud.bar(s, x, by, 302, 12, signal_frac(pr.charge), colour)
    inner = 302 - 4
    if obj.signal_floor > 0:  # where the beacon cuts out (silent: where it comes back)
        mark = max(obj.signal_restart, obj.signal_floor) if pr.silent else obj.signal_floor
        fx = x + 2 + int(inner * signal_frac(mark))
        pygame.draw.line(s, scaled(GREEN if pr.silent else HUD, 0.7), (fx, by - 3), (fx, by + 14))
    if you > 0.0 and signal_frac(you) > 0.0:  # the ship, on the probe's scale
        mx = x + 2 + int(inner * signal_frac(you))
        mc = RED if louder else HUD_BRIGHT
        pygame.draw.polygon(s, mc, [(mx, by + 13), (mx - 5, by + 20), (mx + 5, by + 20)])
        label = text.render("YOU", 13, mc)
        lx = min(max(mx - label.get_width() // 2, x), right - label.get_width())
        s.blit(label, (lx, by + 20))
