"""The HUD parts of the eye level: the sensor sweep (its state, the fix, the last echo's
strength and bearing, a scope of the echoes round the ship, what to do next) bottom
left, and the samples aboard under the shield-mod and tractor
lights bottom right.
"""

from __future__ import annotations

import math

import pygame

from game.app.render.hud import LIGHTS_PANEL, Hud
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, scaled
from game.sim.kinds.eye import eye_of
from game.sim.kinds.eye import state as eye_state
from game.sim.world import World

ECHO = (90, 235, 255)
SAMPLE = (215, 255, 90)
PANEL_W, PANEL_H = 400, 124
SCOPE_R = 48  # px: the little scope at the panel's right, the scanner's reach at its rim
SCOPE_ECHO_S = 6.0  # s: an echo stays on the scope this long


def sweep_status(world: World) -> tuple[str, tuple[int, int, int], str]:
    """The sweep's state in a word, its colour, and what to do about it."""
    sc = eye_state(world)
    cfg = world.level.config.scan
    if sc.found:
        return "FOUND", GREEN, "REACH THE MODULE"
    if not world.player.scanning:
        if sc.progress > 0:
            return "IDLE", HUD_DIM, "HOLD THE SWEEP (R) - THE FIX IS FADING"
        return "IDLE", HUD_DIM, "HOLD THE SWEEP (R) INSIDE THE EYE"
    if sc.locked:
        return "LOCKED", GREEN, "HOLD STEADY - THE FIX IS GROWING"
    if sc.signal > 0:
        near = sc.signal >= 1.0 - cfg.lock_range / cfg.scan_range
        if near and sc.slip > cfg.steady_speed:
            return "CONTACT", ECHO, f"TOO FAST FOR A FIX ({sc.slip:.0f} m/s) - STEADY"
        return "CONTACT", ECHO, "FOLLOW THE ECHOES IN"
    recent = sc.echoes and world.t - sc.echoes[-1].t < 4.0
    if recent:
        return "LOST", AMBER, "CONTACT LOST - BACK ALONG THE LAST ECHOES"
    return "NO CONTACT", HUD_DIM, "SWEEP THE EYE FOR ECHOES"


def scan_panel(hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
    """The sweep: its state, the fix on the module, the last echo's strength and
    bearing, a scope of the recent echoes round the ship, and what to do next."""
    sc = eye_state(world)
    cfg = world.level.config.scan
    x0, y0 = 18, hud.h - 12 - PANEL_H
    hud.put(s, hud.panel_surface("eye_scan", (PANEL_W, PANEL_H)), (x0, y0))
    x, y = x0 + 14, y0 + 10
    scope_cx, scope_cy = x0 + PANEL_W - 14 - SCOPE_R, y0 + 12 + SCOPE_R
    right = scope_cx - SCOPE_R - 14
    text = hud.text
    word, colour, hint = sweep_status(world)
    text.draw(s, "SENSOR SWEEP", 18, HUD, (x, y + 2))
    steady = word in ("FOUND", "NO CONTACT", "IDLE") or hud.blink(clock, 2.5)
    text.draw(s, word, 18, colour if steady else scaled(colour, 0.55), (right, y + 2), "topright")
    y += 26
    # the fix: grows only near her, fades otherwise
    text.draw(s, "FIX", 17, HUD, (x, y - 1))
    bx = x + 58
    bw = right - 66 - bx
    hud.bar(s, bx, y, bw, 12, sc.progress, GREEN if sc.found or sc.locked else ECHO, segments=20)
    text.draw(s, f"{sc.progress * 100:.0f}%", 17, HUD_BRIGHT, (right, y - 1), "topright")
    y += 22
    # the last echo's strength, cold to hot
    text.draw(s, "ECHO", 17, HUD, (x, y))
    _strength_ramp(s, bx, y, bw, 12, 1.0 if sc.found else sc.signal)
    sig = sc.signal
    if sc.found:
        label, lc = "", HUD_DIM
    elif sig <= 0.0:
        label, lc = "NONE", HUD_DIM
    else:
        label = "STRONG" if sig > 0.66 else "FAIR" if sig > 0.33 else "FAINT"
        lc = _warm(sig)
    text.draw(s, label, 17, lc, (right, y), "topright")
    y += 22
    if sc.found:
        dist = _module_distance(world)
        name = world.level.config.module.name.upper()
        text.draw(s, f"{name}  {dist:.0f} m" if dist is not None else name, 17, HUD_BRIGHT, (x, y))
    else:
        bearing = _last_bearing(world)
        if bearing is None:
            text.draw(s, f"REACH {cfg.scan_range:.0f} m", 17, HUD_DIM, (x, y))
        else:
            deg, dist = bearing
            text.draw(s, f"BEARING {deg:03.0f}   ~{dist:.0f} m", 17, HUD_BRIGHT, (x, y))
    y += 22
    text.draw(s, hint, 16, scaled(colour, 0.85) if colour != HUD_DIM else HUD_DIM, (x, y))
    _scope(s, world, scope_cx, scope_cy, clock)


def _warm(sig: float) -> tuple[int, int, int]:
    return (int(40 + 215 * sig), int(160 - 60 * sig), int(255 * (1 - sig) + 40 * sig))


_RAMPS: dict[tuple[int, int], pygame.Surface] = {}


def _ramp(bw: int, bh: int) -> pygame.Surface:
    """The dim cold-to-hot ramp in its frame, drawn once per size (a line per column)."""
    got = _RAMPS.get((bw, bh))
    if got is None:
        got = _RAMPS[(bw, bh)] = pygame.Surface((bw, bh), pygame.SRCALPHA)
        for k in range(bw - 4):
            f = k / max(1, bw - 5)
            col = (int(40 + 215 * f), int(120 + 60 * (1 - abs(2 * f - 1)) - 40 * f),
                   int(255 * (1 - f) + 40 * f))
            pygame.draw.line(got, scaled(col, 0.3), (2 + k, 2), (2 + k, bh - 3))
        pygame.draw.rect(got, scaled(HUD_DIM, 0.45), (0, 0, bw, bh), 1)
    return got


def _strength_ramp(s: pygame.Surface, bx: int, y: int, bw: int, bh: int, sig: float) -> None:
    s.blit(_ramp(bw, bh), (bx, y))
    sig = max(0.0, min(1.0, sig))
    if sig > 0:
        mx = bx + 2 + int((bw - 5) * sig)
        pygame.draw.rect(s, _warm(sig), (bx + 2, y + 2, max(1, mx - bx - 2), bh - 4))
        pygame.draw.polygon(s, HUD_BRIGHT, [(mx, y - 1), (mx - 5, y - 7), (mx + 5, y - 7)])


def _last_bearing(world: World) -> tuple[float, float] | None:
    """The last echo's bearing (compass degrees, 0 up the screen, clockwise) and
    distance from the ship now, while it is fresh."""
    sc = eye_state(world)
    if not sc.echoes or world.t - sc.echoes[-1].t > 2.0:
        return None
    echo = sc.echoes[-1]
    sx, sy = world.ship_pos()
    dx, dy = echo.x - sx, echo.y - sy
    return math.degrees(math.atan2(dx, -dy)) % 360.0, math.hypot(dx, dy)


def _scope(s: pygame.Surface, world: World, cx: int, cy: int, clock: float) -> None:
    """A small scope centred on the ship, its rim the scanner's reach: the recent echoes
    as blips by bearing and distance, the lock range as an inner ring."""
    sc = eye_state(world)
    cfg = world.level.config.scan
    pygame.draw.circle(s, (4, 14, 20), (cx, cy), SCOPE_R)
    pygame.draw.circle(s, scaled(ECHO, 0.45), (cx, cy), SCOPE_R, 1)
    lock_px = int(SCOPE_R * cfg.lock_range / cfg.scan_range)
    pygame.draw.circle(s, scaled(GREEN if sc.locked else HUD_DIM, 0.6), (cx, cy), max(3, lock_px), 1)
    pygame.draw.line(s, scaled(HUD_DIM, 0.35), (cx - SCOPE_R + 4, cy), (cx + SCOPE_R - 4, cy))
    pygame.draw.line(s, scaled(HUD_DIM, 0.35), (cx, cy - SCOPE_R + 4), (cx, cy + SCOPE_R - 4))
    if world.player.scanning and not sc.found:
        th = clock * 3.2
        pygame.draw.line(s, scaled(ECHO, 0.7), (cx, cy),
                         (cx + math.cos(th) * (SCOPE_R - 2), cy + math.sin(th) * (SCOPE_R - 2)))
    sx, sy = world.ship_pos()
    scale = SCOPE_R / cfg.scan_range
    if sc.found:
        d = _module_distance(world)
        j = world.module
        if d is not None and j >= 0:
            p = world.bodies.pos[j]
            dx, dy = (float(p[0]) - sx) * scale, (float(p[1]) - sy) * scale
            k = min(1.0, (SCOPE_R - 4) / max(1e-6, math.hypot(dx, dy)))
            pygame.draw.circle(s, GREEN, (int(cx + dx * k), int(cy + dy * k)), 4)
    else:
        for echo in sc.echoes:
            age = world.t - echo.t
            if age < 0 or age > SCOPE_ECHO_S:
                continue
            dx, dy = (echo.x - sx) * scale, (echo.y - sy) * scale
            if math.hypot(dx, dy) > SCOPE_R - 2:
                continue
            fade = 1.0 - age / SCOPE_ECHO_S
            r = 1 + int(2.5 * echo.strength + 0.5)
            pygame.draw.circle(s, scaled(ECHO, 0.3 + 0.7 * fade), (int(cx + dx), int(cy + dy)), r)
    pygame.draw.polygon(s, HUD_BRIGHT, [(cx, cy - 4), (cx + 3, cy + 3), (cx - 3, cy + 3)])


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
                      (x0 + LIGHTS_PANEL[0] - 14, y + 3), "topright")
        for k in range(n):
            cx, cy = x + 92 + k * 22, y + 12
            pts = [(cx, cy - 8), (cx + 4, cy), (cx, cy + 8), (cx - 4, cy)]
            if samples.collected[k]:
                pygame.draw.polygon(s, scaled(SAMPLE, 0.6), pts)
                pygame.draw.polygon(s, SAMPLE, pts, 1)
            else:
                pygame.draw.polygon(s, HUD_DIM, pts, 1)
