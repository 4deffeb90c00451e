"""The HUD parts of the escape level.

Bottom left, at the shuttle's helm: the engine output, with a strip chart of the last
seconds of the fluctuating power (worked out from the same seeded waves the
simulation uses, so it is exact for any frame). After the handover, at the starship's
helm: the tug of war, the engines' outward force against the collapsing ellipse's
pull, and the beam's tension against what the shuttle's hull bears (a shear gust
that grips the shuttle calls for easing off: the panel says so).

Bottom right: the shield modification and the tractor, and what the lock (before it)
or the escape (after it) still needs: depth and reach, or both ships' clearance.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.hud import Hud
from game.app.render.palette import (
    AMBER,
    GREEN,
    HUD,
    HUD_BRIGHT,
    HUD_DIM,
    RED,
    SHIELD_MOD,
    SYSTEM_COLOURS,
    scaled,
    towards_white,
)
from game.app.render.tow_beam import flicker, tension_colour
from game.sim.kinds.escape import DIP, engine_output
from game.sim.kinds.escape import config as escape_config
from game.sim.kinds.escape import state as escape_state
from game.sim.world import World

PANEL_W, PANEL_H = 330, 100
TUG_H = 126
CHART_S = 6.0  # seconds of engine output on the strip chart
CHART_N = 90
ORANGE = (255, 150, 40)
STARSHIP = (120, 220, 255)
TRACTOR = SYSTEM_COLOURS["tractor"]


def _power_colour(p: float):
    return RED if p < DIP else AMBER if p < 0.6 else GREEN


def helm_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    if escape_state(world).locked:
        tug_panel(hud, s, world, clock)
    else:
        power_panel(hud, s, world, clock)


def power_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """ENGINE OUTPUT: the output now, big, and its last seconds on a strip chart."""
    st = escape_state(world)
    c = world.level.config.escape
    x0, y0 = 18, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("_escape_power", (PANEL_W, PANEL_H)), (x0, y0))
    text = hud.text
    x = x0 + 14
    p = st.power
    col = _power_colour(p)
    text.draw(s, "ENGINE OUTPUT", 18, HUD, (x, y0 + 10))
    dip = p < DIP
    label = f"{p * 100:.0f}%"
    big = towards_white(col, 0.25) if not dip or hud.blink(clock, 4.0) else scaled(col, 0.6)
    text.draw(s, label, 44, big, (x, y0 + 34))
    text.draw(s, "DIP!" if dip else "FLUCTUATING", 15, col if dip else scaled(HUD, 0.7), (x, y0 + 76))
    # the strip chart
    gx, gy, gw, gh = x0 + 112, y0 + 12, PANEL_W - 112 - 14, PANEL_H - 24
    pygame.draw.rect(s, scaled(HUD_DIM, 0.6), (gx, gy, gw, gh), 1)

    def Y(v: float) -> float:  # noqa: N802 - output 0..1 -> chart
        return gy + gh - 2 - v * (gh - 4)

    for v, lc in ((DIP, scaled(RED, 0.6)), (c.power_floor, scaled(HUD_DIM, 0.9))):
        for hx in range(gx + 2, gx + gw - 2, 6):
            pygame.draw.line(s, lc, (hx, Y(v)), (min(gx + gw - 2, hx + 3), Y(v)))
    now = world.t
    ts = np.linspace(now - CHART_S, now, CHART_N)
    vals = [engine_output(world, float(t)) if t >= 0 else None for t in ts]
    pts = [(gx + 2 + (gw - 4) * k / (CHART_N - 1), Y(v)) for k, v in enumerate(vals) if v is not None]
    if len(pts) >= 2:
        pygame.draw.lines(s, scaled(col, 0.85), False, pts, 2)
        pygame.draw.circle(s, towards_white(col, 0.4), (int(pts[-1][0]), int(pts[-1][1])), 3)
    text.draw(s, f"-{CHART_S:.0f} s", 13, scaled(HUD, 0.6), (gx + 3, gy + gh - 14))


def tug_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """The tug of war: engines out against the ellipse's pull; the beam's tension."""
    st = escape_state(world)
    link = world.tractor
    # the gauge's red line: what the shuttle's hull bears, or the beam's break if less
    limit = min(world.level.config.tractor.break_tension, escape_config(world).strain_tension)
    x0, y0 = 18, hud.h - 12 - TUG_H
    hud.put(s, hud.panel_surface("_escape_tug", (PANEL_W, TUG_H)), (x0, y0))
    text = hud.text
    x, right = x0 + 14, x0 + PANEL_W - 14
    out, pull = max(0.0, st.thrust_out), max(0.0, st.pull)
    winning = out > pull
    text.draw(s, "TUG OF WAR", 18, HUD_BRIGHT, (x, y0 + 8))
    if st.gust > 0.05:
        on = hud.blink(clock, 4.0)
        word = "GUST - EASE OFF!" if st.thrust_out > 0.0 else "GUST - EASED OFF"
        text.draw(s, word, 18, AMBER if on or st.thrust_out <= 0.0 else scaled(AMBER, 0.5), (right, y0 + 8),
                  "topright")
    elif st.thrust_out <= 0.0:
        on = hud.blink(clock, 3.0)
        text.draw(s, "FULL REVERSE!", 18, RED if on else scaled(RED, 0.5), (right, y0 + 8), "topright")
    else:
        text.draw(s, "PULLING CLEAR" if winning else "LOSING GROUND", 18, GREEN if winning else AMBER,
                  (right, y0 + 8), "topright")
    # one bar, split at the middle: the pull grows leftward, the engines rightward
    y = y0 + 34
    bw, bh = PANEL_W - 28, 16
    mid = x + bw // 2
    scale = max(out, pull, 1.0) * 1.15
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (x, y, bw, bh), 1)
    lw = int((bw // 2 - 2) * pull / scale)
    rw = int((bw // 2 - 2) * out / scale)
    if lw > 0:
        pygame.draw.rect(s, scaled(ORANGE, 0.8), (mid - lw, y + 2, lw, bh - 4))
    if rw > 0:
        pygame.draw.rect(s, scaled(STARSHIP, 0.8), (mid, y + 2, rw, bh - 4))
    pygame.draw.line(s, HUD_BRIGHT, (mid, y - 3), (mid, y + bh + 2), 2)
    # the balance: where the net force points
    net = (out - pull) / scale
    nx = mid + int((bw // 2 - 4) * max(-1.0, min(1.0, net)))
    pygame.draw.polygon(s, GREEN if winning else AMBER, [(nx, y + bh + 2), (nx - 5, y + bh + 9),
                                                          (nx + 5, y + bh + 9)])
    # the figures below the marker's row, so it never runs over them
    text.draw(s, f"PULL {pull:,.0f} kN", 15, ORANGE, (x, y + bh + 11))
    text.draw(s, f"ENGINES {out:,.0f} kN", 15, STARSHIP, (right, y + bh + 11), "topright")
    # the beam's tension against what the shuttle's hull bears
    y = y0 + 86
    frac = max(0.0, link.tension) / limit if link.target >= 0 else 0.0
    tcol = tension_colour(frac)
    text.draw(s, "BEAM", 15, HUD if link.target >= 0 else HUD_DIM, (x, y))
    full = limit * 1.25
    bx, bw2 = x + 44, PANEL_W - 28 - 44
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (bx, y, bw2, 12), 1)
    fill = int((bw2 - 4) * min(1.0, max(0.0, link.tension) / full)) if link.target >= 0 else 0
    if fill > 0:
        pygame.draw.rect(s, scaled(tcol, flicker(clock, frac)), (bx + 2, y + 2, fill, 8))
    mark = bx + 2 + int((bw2 - 4) * limit / full)
    pygame.draw.line(s, RED, (mark, y - 3), (mark, y + 14), 2)
    if link.target >= 0 and st.strained:
        on = hud.blink(clock, 5.0)
        label, lcol = "STRAIN - THE SHUTTLE'S HULL IS BUCKLING", RED if on else scaled(RED, 0.5)
    elif link.target >= 0:
        label, lcol = f"{max(0.0, link.tension):,.0f} / {limit:,.0f} kN", towards_white(tcol, 0.3)
    else:
        on = hud.blink(clock, 3.0)
        label, lcol = "SLIPPED - BRING HER BACK IN REACH", RED if on else scaled(RED, 0.5)
    text.draw(s, label, 14, lcol, (right, y + 16), "topright")


def lock_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom right: the shield modification and tractor lights; what the lock or the
    escape still needs."""
    st = escape_state(world)
    c = world.level.config.escape
    pl = world.player
    x0, y0 = hud.w - 18 - PANEL_W, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("_escape_lock", (PANEL_W, PANEL_H)), (x0, y0))
    text = hud.text
    x, right = x0 + 14, x0 + PANEL_W - 14
    y = y0 + 10
    if not st.locked:
        shields_up = pl.draw.get("shields", 0.0) > 0.0
        mod_col = SHIELD_MOD if shields_up or not pl.shield_mod else AMBER
        hud.light(s, x, y, 146, "SHIELD MOD", pl.shield_mod, mod_col)
        hud.light(s, x + 156, y, 146, "NO LOCK", False, TRACTOR)
        b = world.bodies
        gap = math.hypot(*(b.pos[st.starship] - b.pos[st.shuttle]))
        rows = (("DEPTH", st.shuttle_r, c.lock_depth, st.shuttle_r >= c.lock_depth, f"{st.shuttle_r:.2f}",
                 f"{c.lock_depth:.2f}"),
                ("BEAM REACH", gap, c.lock_range, gap <= c.lock_range, f"{gap:.0f} m", f"{c.lock_range:.0f} m"))
    else:
        hud.light(s, x, y, 146, "HELM: STARSHIP", True, STARSHIP)
        hud.light(s, x + 156, y, 146, "TRACTOR LOCK", world.tractor.target >= 0, TRACTOR)
        rows = (("SHUTTLE OUT", st.shuttle_r, c.clear_ratio, st.shuttle_r >= c.clear_ratio,
                 f"{min(st.shuttle_r, 9.99):.2f}", f"{c.clear_ratio:.2f}"),
                ("STARSHIP OUT", st.starship_r, c.clear_ratio, st.starship_r >= c.clear_ratio,
                 f"{min(st.starship_r, 9.99):.2f}", f"{c.clear_ratio:.2f}"))
    y += 32
    for label, _, _, ok, now, need in rows:
        col = GREEN if ok else HUD
        text.draw(s, label, 17, HUD, (x, y))
        text.draw(s, f"{now}  /  {need}", 17, col, (right - 22, y), "topright")
        if ok:
            pygame.draw.lines(s, GREEN, False, [(right - 14, y + 8), (right - 9, y + 13), (right - 1, y + 2)], 2)
        else:
            pygame.draw.rect(s, HUD_DIM, (right - 13, y + 2, 11, 11), 1)
        y += 22
