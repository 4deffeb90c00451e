"""The HUD parts of the dark-matter level: the sensor contact on the unseen asteroid and
the countdown to its impact, the beam's tension against its break tension, the systems
the shock front knocked offline, the contact's marker at the screen's edge and the arrow
to the nearest way out.

Drawn with the HUD's public kit (`game.app.render.hud`).
"""

from __future__ import annotations

import math

import pygame

from game.app.render.camera import Camera
from game.app.render.hud import Hud
from game.app.render.palette import (
    HUD,
    HUD_BRIGHT,
    HUD_DIM,
    RED,
    SYSTEM_COLOURS,
    scaled,
    towards_white,
)
from game.app.render.tow_beam import flicker, tension_colour
from game.sim.kinds.dark_matter import asteroid_of, countdown, front_eta, tow_eta
from game.sim.world import World

CONTACT = (190, 165, 255)  # the dark-matter contact: a cold lavender
SHOCK = (200, 235, 255)
CLEAR = (120, 255, 170)
PANEL_W, PANEL_H = 330, 108
OFFLINE_W = 304
URGENT_S = 10.0  # the countdown turns red and big under this


def bearing_deg(dx: float, dy: float) -> float:
    """Compass bearing on screen: 0 up, clockwise (world y grows downward)."""
    return math.degrees(math.atan2(dx, -dy)) % 360.0


# ---------------------------------------------------------------------- contact panel
def contact_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """DARK MATTER CONTACT: bearing and range on a small compass, the countdown to impact."""
    ast = asteroid_of(world)
    cfg = world.level.config
    x0, y0 = 18, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("dark_contact", (PANEL_W, PANEL_H)), (x0, y0))
    text = hud.text
    x, right = x0 + 14, x0 + PANEL_W - 14
    shx, shy = world.ship_pos()
    left = countdown(world)
    urgent = left < URGENT_S and not ast.impacted
    blink = hud.blink(clock, 3.0 if urgent else 1.5)
    sensors = world.player.health.get("sensors", 100.0) > 0.0
    dx, dy = ast.x - shx, ast.y - shy
    dist = math.hypot(dx, dy)
    # before the contact (`contact_time`) the sensors have nothing: only the ellipse's surges hint
    in_range = sensors and dist <= cfg.asteroid.sensor_range and ast.contact

    title_col = RED if urgent else CONTACT
    text.draw(s, "DARK MATTER CONTACT", 18, title_col, (x, y0 + 10))
    if not ast.impacted:
        status = ("TRACKING" if in_range else "SURGES ONLY" if sensors and not ast.contact
                  else "NO CONTACT" if sensors else "SENSORS OFFLINE")
        scol = title_col if in_range else RED if not sensors else HUD_DIM
    elif ast.hit_player_at < 0:
        status, scol = "SHOCK FRONT", SHOCK
    else:
        status, scol = "FRONT PASSED", HUD
    r = text.draw(s, status, 16, scol, (right, y0 + 11), "topright")
    if in_range and not ast.impacted:
        pygame.draw.circle(s, scol if blink else scaled(scol, 0.35), (r.left - 9, r.centery), 4)

    # the compass: the ship at its centre, the contact (or the front's source) on its rim
    cx, cy, cr = x0 + 42, y0 + 68, 25
    pygame.draw.circle(s, scaled(HUD_DIM, 0.9), (cx, cy), cr, 1)
    for k in range(8):
        a = k * math.pi / 4
        inner = cr - (6 if k % 2 == 0 else 3)
        pygame.draw.line(s, HUD_DIM, (cx + math.sin(a) * inner, cy - math.cos(a) * inner),
                         (cx + math.sin(a) * cr, cy - math.cos(a) * cr))
    text.draw(s, "N", 14, HUD, (cx, cy - cr - 1), "midbottom")
    pygame.draw.circle(s, HUD_BRIGHT, (cx, cy), 2)
    if ast.impacted:
        tdx, tdy = ast.shock_x - shx, ast.shock_y - shy
    else:
        tdx, tdy = dx, dy
    brg = bearing_deg(tdx, tdy)
    if in_range or ast.impacted:
        a = math.radians(brg)
        bx, by = cx + math.sin(a) * (cr - 5), cy - math.cos(a) * (cr - 5)
        col = SHOCK if ast.impacted else title_col
        pygame.draw.line(s, scaled(col, 0.5), (cx, cy), (bx, by))
        pygame.draw.circle(s, col if blink or ast.impacted else scaled(col, 0.5),
                           (int(bx), int(by)), 4)

    mx = x0 + 82
    if ast.impacted:
        front = math.hypot(tdx, tdy) - ast.shock_radius
        text.draw(s, f"BRG {brg:03.0f}\N{DEGREE SIGN}", 20, HUD_BRIGHT, (mx, y0 + 38))
        if ast.hit_player_at >= 0:
            lab, lcol = f"FRONT {max(0.0, -front) / 1000.0:.2f} km PAST", HUD
        else:
            lab, lcol = f"FRONT {max(0.0, front) / 1000.0:.2f} km", SHOCK
        text.draw(s, lab, 18, lcol, (mx, y0 + 60))
        speed = cfg.shock.speed if cfg.shock is not None else 0.0
        text.draw(s, f"EXPANDING {speed:.0f} m/s", 16, scaled(HUD, 0.8), (mx, y0 + 82))
    elif in_range:
        text.draw(s, f"BRG {brg:03.0f}\N{DEGREE SIGN}", 20, HUD_BRIGHT, (mx, y0 + 38))
        text.draw(s, f"RNG {dist / 1000.0:.2f} km", 18, HUD, (mx, y0 + 60))
        closing = -(ast.vx * dx + ast.vy * dy) / max(1.0, dist)
        text.draw(s, f"CLOSING {closing:.0f} m/s", 16, scaled(HUD, 0.8), (mx, y0 + 82))
    else:
        text.draw(s, "BRG ---", 20, HUD_DIM, (mx, y0 + 38))
        text.draw(s, "RNG ---", 18, HUD_DIM, (mx, y0 + 60))

    tow_readout(hud, s, world, x0, y0 - 30)

    # the countdown (or, once it struck, the front's arrival)
    if not ast.contact:
        text.draw(s, "IMPACT IN", 16, HUD_DIM, (right, y0 + 36), "topright")
        _big(hud, s, "--.-", 40, HUD_DIM, right, y0 + 76, 0.0)
    elif not ast.impacted:
        text.draw(s, "IMPACT IN", 16, RED if urgent else HUD, (right, y0 + 36), "topright")
        label = f"{left:04.1f}"
        if urgent:
            pulse = 0.5 + 0.5 * math.cos(clock * 4.0 * math.pi)
            _big(hud, s, label, 50, towards_white(RED, 0.35 * pulse), right, y0 + 76,
                 0.5 + pulse)
        else:
            _big(hud, s, label, 40, towards_white(CONTACT, 0.35), right, y0 + 76, 0.3)
    elif ast.hit_player_at < 0:
        half = cfg.shock.width * 0.5 if cfg.shock is not None else 0.0
        speed = max(1.0, cfg.shock.speed if cfg.shock is not None else 1.0)
        eta = max(0.0, (math.hypot(tdx, tdy) - ast.shock_radius - half) / speed)
        text.draw(s, "FRONT IN", 16, RED, (right, y0 + 36), "topright")
        pulse = 0.5 + 0.5 * math.cos(clock * 4.0 * math.pi)
        _big(hud, s, f"{eta:04.1f}", 50, towards_white(RED, 0.35 * pulse), right, y0 + 76,
             0.5 + pulse)
    else:
        text.draw(s, "SHOCK", 16, HUD, (right, y0 + 36), "topright")
        _big(hud, s, "HIT", 40, RED if blink else scaled(RED, 0.6), right, y0 + 76, 0.4)


def _big(hud: Hud, s: pygame.Surface, label: str, size: int, colour, right: int, cy: int,
         strength: float) -> None:
    w = hud.text.render(label, size, colour).get_width()
    hud.glow_text(s, label, size, colour, (right - w // 2, cy), strength)


# ---------------------------------------------------------------------- beam tension
def beam_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Under the tractor light: the beam's tension, on a bar with the break mark."""
    cfg = world.level.config.tractor
    link = world.tractor
    x0, y0 = hud.w - 18 - 330, hud.h - 12 - 100
    x, right = x0 + 14, x0 + 330 - 14
    y = y0 + 44
    text = hud.text
    limit = cfg.break_tension
    bw, bh = 302, 14
    full = limit * 1.25
    if link.target >= 0:
        frac = max(0.0, link.tension) / limit
        col = tension_colour(frac)
        fl = flicker(clock, frac)
        text.draw(s, "BEAM TENSION", 17, HUD, (x, y))
        text.draw(s, f"{max(0.0, link.tension):,.0f} kN", 18, towards_white(col, 0.3),
                  (right, y - 1), "topright")
        state = None
    else:
        frac, col, fl = 0.0, HUD_DIM, 1.0
        recent = link.broken_at >= 0 and world.t - link.broken_at < 4.0
        if recent:
            on = hud.blink(clock, 3.0)
            state, scol = "BEAM BROKEN", RED if on else scaled(RED, 0.5)
        elif link.broken_at >= 0:
            state, scol = "BEAM BROKEN", scaled(RED, 0.7)
        else:
            state, scol = "NO LOCK", HUD_DIM
        text.draw(s, "BEAM TENSION", 17, HUD_DIM, (x, y))
        text.draw(s, state, 18, scol, (right, y - 1), "topright")
    by = y + 20
    pygame.draw.rect(s, scaled(HUD_DIM, 0.45), (x, by, bw, bh), 1)
    inner = bw - 4
    fill = int(inner * min(1.0, frac * limit / full))
    if fill > 0:
        c = scaled(col, fl)
        pygame.draw.rect(s, c, (x + 2, by + 2, fill, bh - 4))
        pygame.draw.line(s, towards_white(c, 0.6), (x + 2, by + 2), (x + 1 + fill, by + 2))
    # the zone past the break mark, and the mark
    mark = x + 2 + int(inner * limit / full)
    for hx in range(mark + 2, x + bw - 2, 5):
        pygame.draw.line(s, scaled(RED, 0.35), (hx, by + bh - 3), (min(x + bw - 3, hx + 4),
                                                                  by + 2))
    pygame.draw.line(s, RED, (mark, by - 4), (mark, by + bh + 3), 2)
    text.draw(s, f"BREAK {limit:,.0f}", 14, scaled(RED, 0.85), (mark - 4, by + bh + 3),
              "topright")


# ---------------------------------------------------------------------- systems offline
def systems_offline(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """Under the ship's panel, once the front hit: which systems it knocked out."""
    ast = asteroid_of(world)
    if ast is None or not ast.knocked_out:
        return
    names = [n for n in ast.knocked_out if world.player.health.get(n, 0.0) <= 0.0]
    if not names:
        return
    x0, y0 = 18, 232
    h = 58
    hud.put(s, hud.panel_surface("dark_offline", (OFFLINE_W, h)), (x0, y0))
    since = world.t - ast.hit_player_at if ast.hit_player_at >= 0 else 99.0
    on = since > 6.0 or hud.blink(clock, 3.0)
    rect = pygame.Rect(x0, y0, OFFLINE_W, h)
    pygame.draw.rect(s, scaled(RED, 0.22 if on else 0.08), rect.inflate(-4, -4))
    pygame.draw.rect(s, RED if on else scaled(RED, 0.5), rect, 2)
    hud.text.draw(s, "SYSTEMS OFFLINE", 22, (255, 225, 215) if on else scaled(RED, 0.85),
                  (x0 + OFFLINE_W // 2, y0 + 17), "center")
    # each system with its colour swatch struck through
    total = sum(hud.text.render(n.upper(), 17, RED).get_width() for n in names)
    gap = (OFFLINE_W - 20 - total) / max(1, len(names))
    x = x0 + 10 + gap * 0.5
    for name in names:
        label = name.upper()
        w = hud.text.render(label, 17, RED).get_width()
        pygame.draw.rect(s, scaled(SYSTEM_COLOURS.get(name, RED), 0.5), (x - 9, y0 + 38, 5, 10))
        hud.text.draw(s, label, 17, towards_white(RED, 0.25), (x, y0 + 36))
        x += w + gap


# ---------------------------------------------------------------------- edge markers
def contact_marker(hud: Hud, s: pygame.Surface, cam: Camera, world: World, clock: float) -> None:
    """At the screen's edge toward the unseen asteroid: a hollow contact diamond."""
    ast = asteroid_of(world)
    cfg = world.level.config.asteroid
    if ast is None or ast.impacted or cfg is None:
        return
    if world.player.health.get("sensors", 100.0) <= 0.0:
        return
    shx, shy = world.ship_pos()
    dist = math.hypot(ast.x - shx, ast.y - shy)
    if dist > cfg.sensor_range:
        return
    px, py = cam.to_screen(ast.x, ast.y)
    # while any of its lens is on screen the bent starlight shows where it is
    reach = cfg.lens_radius * cam.zoom * 0.5
    if -reach < px < hud.w + reach and -reach < py < hud.h + reach:
        return
    edge = hud.edge_point(px, py)
    if edge is None:
        return
    ax, ay, ang = edge
    left = countdown(world)
    urgent = left < URGENT_S
    col = RED if urgent else CONTACT
    pulse = 0.5 if hud.reduce_motion else 0.5 + 0.5 * math.sin(clock * (9.0 if urgent else 4.0))
    label = f"DARK MATTER {dist / 1000.0:.1f} km"
    tw, th = hud.text.render(label, 17, col).get_size()
    size = 9
    # the diamond, its pointer and its label, clear of the panels (as the objective arrow)
    ax, ay, lx, ly = hud.place_marker(ax, ay, ang, size + 14, (tw, th + (18 if urgent else 0)), 22)
    ang = math.atan2(py - ay, px - ax)
    c, sn = math.cos(ang), math.sin(ang)
    diamond = [(ax + size, ay), (ax, ay + size), (ax - size, ay), (ax, ay - size)]
    pygame.draw.polygon(s, scaled(col, 0.25), diamond)
    pygame.draw.polygon(s, col, diamond, 2)
    pygame.draw.circle(s, scaled(col, 0.3 + 0.5 * pulse), (int(ax), int(ay)),
                       int(size + 4 + 4 * pulse), 1)
    tip = (ax + c * (size + 12), ay + sn * (size + 12))
    pygame.draw.line(s, col, (ax + c * (size + 3), ay + sn * (size + 3)), tip, 2)
    pygame.draw.polygon(s, col, [tip, (tip[0] - c * 6 - sn * 4, tip[1] - sn * 6 + c * 4),
                                 (tip[0] - c * 6 + sn * 4, tip[1] - sn * 6 - c * 4)])
    ly -= 9 if urgent else 0
    back = pygame.Surface((tw + 12, th + (22 if urgent else 4)), pygame.SRCALPHA)
    back.fill((2, 8, 16, 190))  # readable over the blaze, as the HUD's panels are
    s.blit(back, (lx - tw * 0.5 - 6, ly - th * 0.5 - 2))
    hud.text.draw(s, label, 17, col, (lx, ly), "center")
    if urgent:
        hud.text.draw(s, f"IMPACT {left:.1f} s", 16, towards_white(RED, 0.3 * pulse),
                      (lx, ly + 17), "center")


def exit_arrow(hud: Hud, s: pygame.Surface, cam: Camera, world: World,
               exit_point: tuple[float, float] | None, clock: float) -> None:
    """The objective arrow: to the nearest point of the exit line, when it is off screen."""
    if exit_point is None:
        return
    hud.objective_arrow(s, cam, world, exit_point[0], exit_point[1], "CLEAR", CLEAR, clock)


def tow_readout(hud: Hud, s: pygame.Surface, world: World, x: int, y: int) -> None:
    """Above the contact panel, while the module is on the beam and the front still to come:
    will the tow reach the surface band before the front? (`tow_eta` against `front_eta`)."""
    ast = asteroid_of(world)
    towing = world.tractor.target >= 0 and world.tractor.target == world.module
    if ast is None or not towing or ast.hit_player_at >= 0 or not ast.contact:
        return
    tow, front = tow_eta(world), front_eta(world)
    if tow <= 0.0:
        label, col = f"TOW IN THE SURFACE BAND  -  HOLD HER  -  FRONT {front:4.1f} s", HUD_BRIGHT
    elif tow < front - 2.0:
        label, col = f"TOW: SURFACE IN {tow:4.1f} s  -  FRONT IN {front:4.1f} s  -  MAKES IT", HUD_BRIGHT
    else:
        shown = "--.-" if not math.isfinite(tow) else f"{min(tow, 99.9):4.1f}"
        label, col = f"TOW: SURFACE IN {shown} s  -  FRONT IN {front:4.1f} s  -  SHORT", RED
    hud.text.draw(s, label, 16, col, (x + 4, y))
