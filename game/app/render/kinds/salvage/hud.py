"""The HUD parts of the salvage level.

In space: the transporter (range to the module against its reach, shields up or down,
the transport under way) at the bottom left, and the salvage's progress (the hull
leak, the core, the logs, the part) at the bottom right.

Aboard, the cabin has its own HUD: the level timer, the shuttle's hull and whether
the commander is holding her in transporter range, the salvage's progress, a plan of
the cabin with the figure on it, and, at the ion distributor, a close-up of the seam
with the torch and its heat.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.hud import Hud
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, RED, scaled, towards_white
from game.sim.kinds.salvage import STATIONS, log_count, on_seam, seam_offset
from game.sim.kinds.salvage import state as salvage_state
from game.sim.world import World

PANEL_W, PANEL_H = 330, 100
SHIMMER = (150, 215, 255)
TERMINAL = (255, 190, 90)
CORE = (110, 255, 190)


# ---------------------------------------------------------------------- in space
def transporter_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom left: range to the module against the transporter's reach, the shields."""
    st = salvage_state(world)
    c = world.level.config.salvage
    x0, y0 = 18, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("_salvage_panel", (PANEL_W, PANEL_H)), (x0, y0))
    text = hud.text
    x, right = x0 + 14, x0 + PANEL_W - 14
    reach = c.transporter_range
    inside = st.range_now <= reach
    text.draw(s, "TRANSPORTER", 18, HUD, (x, y0 + 10))
    if st.phase in ("beaming_over", "beaming_back"):
        col = SHIMMER if hud.blink(clock, 3.0) else scaled(SHIMMER, 0.6)
        status = f"ENERGISING {st.beam * 100:.0f}%"
    elif st.phase == "home":
        status, col = "PART ABOARD", GREEN
    elif st.phase == "aboard":
        status, col = "CREW ABOARD THE MODULE", SHIMMER
    elif inside:
        status, col = "IN RANGE", GREEN
    else:
        status, col = "OUT OF RANGE", AMBER
    text.draw(s, status, 18, col, (right, y0 + 10), "topright")
    # range: a bar out to three times the reach, the reach marked
    y = y0 + 36
    bw, bh = PANEL_W - 28 - 70, 12
    full = 3.0 * reach
    frac = min(1.0, st.range_now / full)
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (x, y, bw, bh), 1)
    mark = x + 2 + int((bw - 4) * reach / full)
    pygame.draw.rect(s, scaled(GREEN, 0.18), (x + 2, y + 2, mark - x - 2, bh - 4))
    fill = int((bw - 4) * frac)
    bar_col = GREEN if inside else AMBER
    if fill > 0:
        pygame.draw.rect(s, scaled(bar_col, 0.8), (x + 2, y + 2, fill, bh - 4))
    pygame.draw.line(s, GREEN, (mark, y - 3), (mark, y + bh + 2), 2)
    text.draw(s, f"{st.range_now:.0f} m", 18, towards_white(bar_col, 0.3), (right, y - 2), "topright")
    text.draw(s, f"REACH {reach:.0f} m", 14, scaled(GREEN, 0.8), (mark + 4, y + bh + 2))
    # shields, and the transport's progress
    y = y0 + 70
    down = world.player.shields_down
    hud.light(s, x, y, 140, "SHIELDS DOWN" if down else "SHIELDS UP", True, AMBER if down else HUD)
    if st.phase in ("beaming_over", "beaming_back"):
        hud.bar(s, x + 150, y + 5, PANEL_W - 28 - 150, 12, st.beam, SHIMMER, segments=10)
    elif st.phase == "shuttle":
        ready = inside and down
        msg = "READY TO BEAM" if ready else "CLOSE IN" if not inside else "LOWER SHIELDS"
        text.draw(s, msg, 17, GREEN if ready else HUD_DIM, (right, y + 3), "topright")


def _progress_rows(hud: Hud, s: pygame.Surface, world: World, clock: float, x: int, right: int, y: int) -> int:
    """CORE, LOGS and PART rows; returns the y below them."""
    st = salvage_state(world)
    text = hud.text
    # the core
    text.draw(s, "CORE", 17, HUD, (x, y))
    if st.core >= 1.0:
        text.draw(s, "ONLINE", 17, GREEN, (right, y), "topright")
    elif st.core > 0.0:
        hud.bar(s, x + 70, y + 2, 150, 11, st.core, CORE, segments=10)
        text.draw(s, f"{st.core * 100:.0f}%", 17, CORE, (right, y), "topright")
    else:
        text.draw(s, "OFFLINE", 17, HUD_DIM, (right, y), "topright")
    y += 20
    # the logs, one pip each
    n, total = len(st.logs_done), log_count(world)
    text.draw(s, "LOGS", 17, HUD, (x, y))
    for k in range(total):
        r = pygame.Rect(x + 70 + k * 20, y + 2, 14, 11)
        if k < n:
            pygame.draw.rect(s, scaled(TERMINAL, 0.7), r)
            pygame.draw.rect(s, TERMINAL, r, 1)
        elif k == n and st.working and st.station == "terminal":
            pygame.draw.rect(s, scaled(TERMINAL, 0.6), (r.x, r.y, int(r.w * st.log_progress), r.h))
            pygame.draw.rect(s, scaled(TERMINAL, 0.6), r, 1)
        else:
            pygame.draw.rect(s, HUD_DIM, r, 1)
    text.draw(s, f"{n}/{total}", 17, TERMINAL if n else HUD_DIM, (right, y), "topright")
    y += 20
    # the part
    text.draw(s, "PART", 17, HUD, (x, y))
    if st.phase == "home" and st.part:
        label, col = "ABOARD THE SHUTTLE", GREEN
    elif st.part:
        label, col = "FREE - BEAM BACK", GREEN if hud.blink(clock, 2.0) else scaled(GREEN, 0.6)
    elif st.cut > 0.0:
        hud.bar(s, x + 70, y + 2, 150, 11, st.cut, AMBER, segments=10)
        label, col = f"CUT {st.cut * 100:.0f}%", AMBER
    else:
        label, col = "FUSED TO THE HULL", HUD_DIM
    text.draw(s, label, 17, col, (right, y), "topright")
    return y + 20


def status_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom right: the leak, the core, the logs, the part."""
    x0, y0 = hud.w - 18 - PANEL_W, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("_salvage_panel", (PANEL_W, PANEL_H)), (x0, y0))
    x, right = x0 + 14, x0 + PANEL_W - 14
    _leak_line(hud, s, world, clock, x, right, y0 + 10)
    _progress_rows(hud, s, world, clock, x, right, y0 + 32)


def _leak_line(hud: Hud, s: pygame.Surface, world: World, clock: float, x: int, right: int, y: int) -> None:
    c = world.level.config.salvage
    hull = float(world.bodies.hull[world.player.body])
    hud.text.draw(s, "SALVAGE", 18, HUD_BRIGHT, (x, y))
    if c.hull_leak > 0.0 and salvage_state(world).phase != "home":
        left = hull / c.hull_leak
        col = RED if left < 30.0 else AMBER
        on = hud.blink(clock, 1.5 if left > 30.0 else 3.0)
        hud.text.draw(s, f"HULL LEAKING -{c.hull_leak:.1f}%/s", 17, col if on else scaled(col, 0.55),
                      (right, y + 1), "topright")


# ---------------------------------------------------------------------- aboard
def cabin_hud(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """The cabin's HUD: timer, shuttle and transporter lock, progress, the plan, the seam."""
    hud.timer(s, world, clock)
    _shuttle_panel(hud, s, world, clock)
    x0, y0 = hud.w - 18 - 304, 12
    hud.put(s, hud.panel_surface("_salvage_status", (304, 96)), (x0, y0))
    x, right = x0 + 14, x0 + 304 - 14
    y = _progress_rows(hud, s, world, clock, x, right, y0 + 12)
    hud.text.draw(s, "THE SHUTTLE HOLDS STATION ON THRUSTERS", 14, scaled(HUD, 0.6), (x, y + 2))
    _plan(hud, s, world, clock)
    st = salvage_state(world)
    if st.station == "distributor" and st.phase == "aboard" and not st.part:
        _seam(hud, s, world, clock)


def _shuttle_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    st = salvage_state(world)
    c = world.level.config.salvage
    x0, y0 = 18, 12
    hud.put(s, hud.panel_surface("_salvage_ship", (304, 96)), (x0, y0))
    x, right = x0 + 14, x0 + 290
    spec = world.spec
    hull = float(world.bodies.hull[world.player.body])
    frac = hull / max(1e-6, spec.hull)
    col = GREEN if frac > 0.6 else AMBER if frac > 0.3 else RED
    text = hud.text
    text.draw(s, spec.name.upper(), 18, HUD_BRIGHT, (x, y0 + 10))
    text.draw(s, f"HULL {hull:.0f}%  -{c.hull_leak:.1f}%/s", 18, towards_white(col, 0.3), (right, y0 + 10),
              "topright")
    hud.bar(s, x, y0 + 30, 276, 10, frac, col, segments=20)
    y = y0 + 50
    inside = st.range_now <= c.transporter_range
    lock_col = GREEN if inside else RED if hud.blink(clock, 3.0) else scaled(RED, 0.5)
    text.draw(s, "TRANSPORTER LOCK", 17, HUD, (x, y))
    text.draw(s, f"{st.range_now:.0f} / {c.transporter_range:.0f} m", 17, lock_col, (right, y), "topright")
    hud.bar(s, x, y + 20, 276, 9, min(1.0, st.range_now / max(1.0, c.transporter_range)),
             scaled(GREEN if inside else RED, 0.8))


def _plan(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom left: the cabin from end to end, its stations, the figure and its lamp."""
    st = salvage_state(world)
    c = world.level.config.salvage
    x0, y0 = 18, hud.h - 12 - 84
    w, h = PANEL_W, 84
    hud.put(s, hud.panel_surface("_salvage_plan", (w, h)), (x0, y0))
    hud.text.draw(s, "ARES IV - CABIN", 15, scaled(HUD, 0.8), (x0 + 14, y0 + 8))
    bx, by, bw, bh = x0 + 14, y0 + 28, w - 28, 44
    pygame.draw.rect(s, scaled(HUD_DIM, 0.8), (bx, by, bw, bh), 1)

    def P(u: float, v: float) -> tuple[float, float]:  # noqa: N802 - cabin metres -> plan
        return bx + u / c.cabin_length * bw, by + v / c.cabin_height * bh

    for name, (fx, fy) in STATIONS.items():
        px, py = P(fx * c.cabin_length, fy * c.cabin_height)
        if name == "core":
            col = CORE if st.core >= 1.0 else AMBER if st.core > 0 else HUD_DIM
        elif name == "terminal":
            col = TERMINAL if st.core >= 1.0 else HUD_DIM
        elif name == "distributor":
            col = GREEN if st.part else AMBER if st.cut > 0 else scaled(RED, 0.9)
        else:
            col = SHIMMER
        r = pygame.Rect(0, 0, 9, 9)
        r.center = (int(px), int(py))
        pygame.draw.rect(s, scaled(col, 0.4), r)
        pygame.draw.rect(s, col, r, 1)
    if st.phase in ("aboard", "beaming_back", "beaming_over"):
        sx, sy = P(float(st.suit[0]), float(st.suit[1])) if st.phase != "beaming_over" else P(
            STATIONS["pad"][0] * c.cabin_length, STATIONS["pad"][1] * c.cabin_height)
        f = st.facing or 1.0
        reach = c.lamp_range / c.cabin_length * bw
        cone = [(sx, sy), (sx + f * reach, sy - 8), (sx + f * reach, sy + 8)]
        lamp = pygame.Surface((bw, bh), pygame.SRCALPHA)
        pygame.draw.polygon(lamp, (255, 244, 220, 40), [(px - bx, py - by) for px, py in cone])
        s.blit(lamp, (bx, by))
        pygame.draw.circle(s, HUD_BRIGHT, (int(sx), int(sy)), 4)
        pygame.draw.circle(s, HUD_BRIGHT if hud.blink(clock, 2.0) else HUD_DIM, (int(sx), int(sy)), 7, 1)


def _seam(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Bottom right, at the distributor: the seam close up, the torch on it, its heat."""
    st = salvage_state(world)
    c = world.level.config.salvage
    w, h = PANEL_W, 120
    x0, y0 = hud.w - 18 - w, hud.h - 12 - h
    hud.put(s, hud.panel_surface("_salvage_seam", (w, h)), (x0, y0))
    text = hud.text
    x, right = x0 + 14, x0 + w - 14
    good = on_seam(world)
    text.draw(s, "SEAM", 17, HUD, (x, y0 + 8))
    if st.core < 1.0:
        text.draw(s, "CLAMPS LOCKED", 17, AMBER, (right, y0 + 8), "topright")
    elif st.overheated:
        text.draw(s, "OVERHEATED", 17, RED if hud.blink(clock, 3.0) else scaled(RED, 0.5), (right, y0 + 8),
                  "topright")
    elif st.torch_on:
        text.draw(s, "ON THE SEAM" if good else "OFF THE SEAM", 17, GREEN if good else AMBER,
                  (right, y0 + 8), "topright")
    else:
        text.draw(s, f"CUT {st.cut * 100:.0f}%", 17, HUD_BRIGHT, (right, y0 + 8), "topright")
    # the graph: the seam across the box, the tolerance band round it, the torch's mark
    gx, gy, gw, gh = x, y0 + 30, w - 28, 56
    pygame.draw.rect(s, scaled(HUD_DIM, 0.6), (gx, gy, gw, gh), 1)
    span = 2 * c.seam_wander + 0.6
    n = 60
    us = np.linspace(0.0, 1.0, n)
    offs = np.array([seam_offset(world, float(u)) for u in us])

    def Y(v: np.ndarray | float):  # noqa: N802 - metres across the seam -> box
        return gy + gh * 0.5 + np.asarray(v) / span * gh

    xs = gx + us * gw
    band = np.concatenate([np.stack([xs, Y(offs - c.seam_tolerance)], 1),
                           np.stack([xs[::-1], Y(offs[::-1] + c.seam_tolerance)], 1)])
    lay = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.polygon(lay, (110, 255, 160, 40), (band - (x0, y0)).tolist())
    s.blit(lay, (x0, y0))
    pts = np.stack([xs, Y(offs)], 1)
    k = int(st.cut * (n - 1))
    if k < n - 1:
        pygame.draw.lines(s, (200, 165, 100), False, pts[k:].tolist(), 2)
    if k > 0:
        pygame.draw.lines(s, (255, 120, 40), False, pts[:k + 1].tolist(), 3)
    tx = gx + st.cut * gw
    ty = float(Y(st.torch))
    col = RED if st.overheated else GREEN if good else AMBER
    pygame.draw.line(s, scaled(col, 0.5), (tx, gy + 1), (tx, gy + gh - 2), 1)
    pygame.draw.circle(s, col, (int(tx), int(ty)), 5 if st.torch_on else 4, 0 if st.torch_on else 1)
    if st.torch_on:
        pygame.draw.circle(s, towards_white(col, 0.6), (int(tx), int(ty)), 8 + int(2 * math.sin(clock * 20.0)), 1)
    # the heat
    y = gy + gh + 8
    text.draw(s, "HEAT", 15, HUD, (x, y - 1))
    heat_col = RED if st.overheated or st.heat > 0.75 else AMBER if st.heat > 0.4 else GREEN
    hud.bar(s, x + 46, y, w - 28 - 46, 12, st.heat, heat_col, segments=12)
