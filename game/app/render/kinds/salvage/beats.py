"""The cabin's story beats, drawn: the Ares IV's pilot in his couch, the photograph clipped to
his console, the portable power pack that wakes the core, and the close-up shown while the
boarding captions play.

Everything here draws through a transform `T(x, y) -> (px, py)` from cabin metres (x from
the bow, y down from the ceiling) and a scale `k` (pixels per metre), so the same drawing
serves the cabin (`cabin.CabinView`) and the close-up inset at a larger scale.

The pilot is drawn with respect: a suited figure held in his couch by the harness, slumped a
little, the arms drifting up in front of him as they do without weight, the helmet's visor
frosted over from the inside so nothing of his face shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from game.app.render.palette import HUD, scaled, towards_white
from game.app.render.vectors import smoothstep

Transform = Callable[[float, float], tuple[float, float]]
Vec = tuple[float, float]

# the pilot's suit: an older, duller white than the crew member's, and its trim
PILOT_SUIT = (158, 154, 142)
PILOT_SHADE = (96, 94, 88)
PILOT_GLOVE = (84, 82, 78)
HARNESS = (58, 66, 60)
BUCKLE = (170, 160, 120)
VISOR = (104, 122, 138)  # frosted over: a pale, blind blue-grey
FROST = (196, 212, 224)
PATCH = ((150, 60, 50), (200, 196, 186), (60, 80, 140))
COUCH = (92, 74, 58)
COUCH_EDGE = (128, 104, 80)
PACK_CASE = (196, 150, 52)  # the portable power pack's casing: safety yellow, scuffed
PACK_DARK = (86, 70, 34)
PACK_AMBER = (255, 170, 60)
PACK_GREEN = (110, 255, 160)

CLOSEUP_SIZE = (420, 228)  # the inset's size, pixels
CLOSEUP_K = 136.0  # its scale, px per cabin metre
PHOTO_SIZE = (196, 142)  # the photograph in the inset, pixels (with its white border)
PHOTO_SUPERSAMPLE = 3
CLOSEUP_FADE_IN = (0.05, 0.45)  # s after boarding
PHOTO_DELAY = 0.3  # the photograph comes in this much after the inset
CLOSEUP_FADE_OUT = 0.6


def _add(a: Vec, b: Vec, k: float = 1.0) -> Vec:
    return a[0] + b[0] * k, a[1] + b[1] * k


def _unit(v: Vec) -> Vec:
    n = math.hypot(*v) or 1.0
    return v[0] / n, v[1] / n


# ---------------------------------------------------------------------------- the couch
def couch_outline(tx: float, H: float) -> list[Vec]:
    """The command pilot's couch beside his terminal (`tx`: the terminal's x), cabin metres."""
    return [(tx - 1.7, H - 0.05), (tx - 1.7, H - 0.75), (tx - 0.35, H - 0.62), (tx + 0.1, H - 1.25),
            (tx + 0.35, H - 1.15), (tx - 0.05, H - 0.35), (tx - 0.05, H - 0.05)]


def draw_couch(s: pygame.Surface, T: Transform, k: float, tx: float, ty: float, H: float,
               photo: pygame.Surface | None) -> None:
    """The couch, the terminal on its arm, and the photograph clipped to the terminal's frame."""
    draw = pygame.draw
    couch = [T(*p) for p in couch_outline(tx, H)]
    draw.polygon(s, COUCH, couch)
    draw.polygon(s, COUCH_EDGE, couch, 2)
    for q in range(3):
        x0, y0 = T(tx - 1.45 + 0.45 * q, H - 0.7)
        x1, y1 = T(tx - 1.45 + 0.45 * q, H - 0.1)
        draw.line(s, (60, 50, 42), (x0, y0), (x1, y1), 2)
    # the headrest, and the strap anchors on the couch's frame
    draw.polygon(s, (104, 84, 66), [T(tx + 0.02, H - 1.2), T(tx + 0.2, H - 1.5), T(tx + 0.36, H - 1.42),
                                    T(tx + 0.3, H - 1.12)])
    draw.polygon(s, COUCH_EDGE, [T(tx + 0.02, H - 1.2), T(tx + 0.2, H - 1.5), T(tx + 0.36, H - 1.42),
                                 T(tx + 0.3, H - 1.12)], 2)
    arm = [T(tx + 1.1, H), T(tx + 1.1, ty - 0.45), T(tx + 0.75, ty - 0.75)]
    draw.lines(s, (104, 108, 114), False, arm, max(2, int(0.06 * k)))
    x0, y0 = T(tx + 0.25, ty - 1.25)
    draw.rect(s, (70, 74, 80), (x0, y0, 0.9 * k, 0.62 * k), 0, max(2, int(0.05 * k)))
    x0, y0 = T(tx + 0.32, ty - 1.18)
    draw.rect(s, (24, 22, 18), (x0, y0, 0.76 * k, 0.46 * k), 0, 3)
    if photo is not None:
        clip_photo(s, T, k, tx, ty, photo)


def clip_photo(s: pygame.Surface, T: Transform, k: float, tx: float, ty: float,
               photo: pygame.Surface) -> None:
    """The photograph, small, tucked into the terminal frame's lower corner, a clip over it."""
    w, h = 0.26 * k, 0.19 * k
    small = pygame.transform.smoothscale(photo, (max(2, int(w)), max(2, int(h))))
    small = pygame.transform.rotate(small, 7.0)
    cx, cy = T(tx + 0.36, ty - 0.6)
    s.blit(small, small.get_rect(center=(cx, cy)))
    clip = pygame.Rect(0, 0, max(3, 0.07 * k), max(3, 0.05 * k))
    clip.center = (int(cx - 0.04 * k), int(cy - 0.09 * k))
    pygame.draw.rect(s, (150, 154, 160), clip, 0, 1)
    pygame.draw.rect(s, (70, 72, 78), clip, 1, 1)


# ---------------------------------------------------------------------------- the pilot
def pilot_pose(tx: float, H: float, clock: float) -> dict[str, Vec]:
    """Where the pilot's joints are (cabin metres): reclined against the couch's back, held
    by the harness, facing the window toward the bow, the hands drifting slowly."""
    a, b = (tx - 0.35, H - 0.62), (tx + 0.1, H - 1.25)  # the couch back's front face
    u = _unit((b[0] - a[0], b[1] - a[1]))  # up the couch back
    n = (u[1], -u[0])  # out of it, into the cabin (toward the bow and up)
    if n[0] > 0:
        n = (-n[0], -n[1])
    hip = _add(_add(a, n, 0.14), u, 0.05)
    shoulder = _add(hip, u, 0.52)
    neck = _add(shoulder, u, 0.1)
    slump = math.radians(58.0)  # the head fallen forward, toward the window
    hd = _unit((u[0] * math.cos(slump) + n[0] * math.sin(slump),
                u[1] * math.cos(slump) + n[1] * math.sin(slump)))
    head = _add(neck, hd, 0.15)
    knee = _add(hip, (-0.42, -0.25))
    foot = _add(knee, (-0.4, 0.12))
    d1 = 0.025 * math.sin(clock * 0.37)
    d2 = 0.025 * math.sin(clock * 0.29 + 1.3)
    elbow = _add(shoulder, (-0.3, 0.04 + d1 * 0.5))
    hand = _add(elbow, (-0.22, -0.12 + d1))
    elbow2 = _add(shoulder, (-0.26, 0.12 + d2 * 0.5))
    hand2 = _add(elbow2, (-0.25, -0.03 + d2))
    return {"hip": hip, "shoulder": shoulder, "neck": neck, "head": head, "knee": knee, "foot": foot,
            "elbow": elbow, "hand": hand, "elbow2": elbow2, "hand2": hand2, "u": u, "n": n, "face": hd}


def draw_pilot(s: pygame.Surface, T: Transform, k: float, tx: float, H: float, clock: float) -> None:
    """The Ares IV's pilot in his couch (albedo: the caller lights it)."""
    p = pilot_pose(tx, H, clock)
    u, n = p["u"], p["n"]
    draw = pygame.draw

    def W(m: float) -> int:  # noqa: N802 - metres -> a line width
        return max(2, int(m * k))

    def limb(joints: list[Vec], w: float, col) -> None:
        """A suited limb: a dark outline, then the fabric, round at the joints."""
        pts = [T(*q) for q in joints]
        draw.lines(s, PILOT_SHADE, False, pts, W(w) + 3)
        for q in pts:
            draw.circle(s, PILOT_SHADE, q, (W(w) + 3) // 2)
        draw.lines(s, col, False, pts, W(w))
        for q in pts:
            draw.circle(s, col, q, W(w) // 2)

    # the far arm first, a shade darker
    limb([p["shoulder"], p["elbow2"], p["hand2"]], 0.11, scaled(PILOT_SUIT, 0.72))
    draw.circle(s, scaled(PILOT_GLOVE, 0.8), T(*p["hand2"]), W(0.065))
    # legs: thigh along the seat, the shin bent up, boots
    limb([p["hip"], p["knee"], p["foot"]], 0.17, PILOT_SUIT)
    draw.line(s, PILOT_SHADE, T(*_add(p["knee"], (0.0, 0.07))), T(*_add(p["hip"], (0.0, 0.08))), 2)
    boot = [T(*_add(p["foot"], q)) for q in ((0.05, -0.1), (-0.1, -0.12), (-0.13, 0.05), (0.06, 0.07))]
    draw.polygon(s, PILOT_GLOVE, boot)
    draw.polygon(s, scaled(PILOT_GLOVE, 0.7), boot, 1)
    # the torso along the couch back
    hip, sh = p["hip"], p["shoulder"]
    torso = [_add(hip, n, 0.15), _add(_add(sh, n, 0.19), u, 0.04), _add(_add(sh, n, -0.12), u, 0.06),
             _add(hip, n, -0.12), _add(_add(hip, n, 0.0), u, -0.13)]
    tp = [T(*q) for q in torso]
    draw.polygon(s, PILOT_SUIT, tp)
    draw.polygon(s, PILOT_SHADE, tp, 2)
    # the harness: shoulder straps to the buckle, and the lap belt
    buckle = _add(_add(hip, u, 0.2), n, 0.13)
    for off in (0.17, 0.02):
        draw.line(s, HARNESS, T(*_add(sh, n, off)), T(*buckle), W(0.05))
    draw.line(s, HARNESS, T(*_add(_add(hip, u, 0.04), n, 0.17)), T(*_add(_add(hip, u, 0.04), n, -0.14)), W(0.06))
    bx, by = T(*buckle)
    draw.circle(s, BUCKLE, (bx, by), W(0.035))
    draw.circle(s, scaled(BUCKLE, 0.6), (bx, by), W(0.035), 1)
    # the suit's chest unit, under the straps
    cu = [T(*_add(_add(sh, u, q[0]), n, q[1])) for q in ((-0.12, 0.2), (-0.3, 0.2), (-0.3, 0.08), (-0.12, 0.08))]
    draw.polygon(s, (112, 114, 118), cu)
    draw.polygon(s, (70, 72, 76), cu, 1)
    # the near arm, drifting up in front of him; the mission patch on its shoulder
    limb([sh, p["elbow"], p["hand"]], 0.12, PILOT_SUIT)
    draw.circle(s, PILOT_GLOVE, T(*p["hand"]), W(0.07))
    px, py = T(*_add(_add(sh, n, 0.04), u, -0.1))
    pw = max(4, int(0.09 * k))
    for q, col in enumerate(PATCH):
        draw.rect(s, scaled(col, 0.85), (px - pw * 0.5, py - pw * 0.5 + q * pw / 3, pw, max(1, pw / 3)))
    # the neck ring and the helmet, its visor toward the window, frosted blind
    draw.line(s, (120, 124, 130), T(*_add(p["neck"], n, 0.12)), T(*_add(p["neck"], n, -0.11)), W(0.05))
    hx, hy = T(*p["head"])
    r = 0.2 * k
    draw.circle(s, PILOT_SUIT, (hx, hy), r)
    draw.circle(s, PILOT_SHADE, (hx, hy), r, 2)
    face = math.atan2(p["face"][1] * 0.4 + n[1], p["face"][0] * 0.4 + n[0])  # toward the bow, down a little
    visor = [(hx + math.cos(face + a) * r * 0.93, hy + math.sin(face + a) * r * 0.93)
             for a in np.linspace(-1.05, 1.05, 9)]
    visor += [(hx + math.cos(face + a) * r * 0.25, hy + math.sin(face + a) * r * 0.25) for a in (1.3, -1.3)]
    draw.polygon(s, VISOR, visor)
    draw.polygon(s, scaled(VISOR, 0.55), visor, 2)
    # the frost: a fern of pale crystals grown across the glass from its lower rim
    rng = np.random.Generator(np.random.PCG64(0xF057))
    for _ in range(int(max(6, 0.12 * k))):
        a = face + float(rng.uniform(-0.9, 0.9))
        rr = float(rng.uniform(0.45, 0.85)) * r
        x, y = hx + math.cos(a) * rr, hy + math.sin(a) * rr
        ln = float(rng.uniform(0.02, 0.06)) * k
        b = a + math.pi * 0.5 + float(rng.uniform(-0.6, 0.6))
        draw.line(s, FROST, (x, y), (x + math.cos(b) * ln, y + math.sin(b) * ln), 1)
    # a helmet light gone dark, on the side away from the window
    lx, ly = hx - math.cos(face) * r * 0.85, hy - math.sin(face) * r * 0.85
    draw.circle(s, (70, 72, 76), (lx, ly), max(2, int(0.035 * k)))


def pilot_visor_glint(tx: float, H: float) -> tuple[Vec, float, float]:
    """(centre, radius m, facing angle) of the visor, for the window's orange catching its rim."""
    p = pilot_pose(tx, H, 0.0)
    n = p["n"]
    face = math.atan2(p["face"][1] * 0.4 + n[1], p["face"][0] * 0.4 + n[0])
    return p["head"], 0.2, face


# ---------------------------------------------------------------------------- the photograph
def make_photo(size: tuple[int, int] = PHOTO_SIZE) -> pygame.Surface:
    """Him and his wife on a porch somewhere green, both laughing: an old print, white border."""
    w, h = size
    s = pygame.Surface(size)
    s.fill((232, 226, 208))  # the print's border, gone a little cream
    b = max(3, int(0.06 * w))
    fw, fh = w - 2 * b, h - 2 * b - max(3, int(0.08 * h))  # a wider margin at the foot
    iw, ih = fw * PHOTO_SUPERSAMPLE, fh * PHOTO_SUPERSAMPLE  # drawn large, then softened down
    img = pygame.Surface((iw, ih))
    draw = pygame.draw
    # somewhere green: sky, trees, a lawn
    for y in range(ih):
        t = y / max(1, ih - 1)
        col = (int(168 + 40 * t), int(200 + 18 * t), int(206 - 40 * t)) if t < 0.42 else \
            (int(86 + 40 * (t - 0.42)), int(128 + 30 * (t - 0.42)), int(64 + 10 * (t - 0.42)))
        draw.line(img, col, (0, y), (iw, y))
    rng = np.random.Generator(np.random.PCG64(0x9A7C4))
    for _ in range(14):  # the trees' crowns behind the porch
        x = float(rng.uniform(-0.1, 1.1)) * iw
        y = float(rng.uniform(0.2, 0.45)) * ih
        r = float(rng.uniform(0.08, 0.16)) * iw
        g = int(rng.uniform(90, 130))
        draw.circle(img, (int(g * 0.55), g, int(g * 0.45)), (x, y), r)
    # the porch: a floor, two posts, a rail, the roof's edge
    floor_y = int(0.82 * ih)
    draw.rect(img, (150, 112, 78), (0, floor_y, iw, ih - floor_y))
    S = PHOTO_SUPERSAMPLE  # noqa: N806 - pixel widths scale with it
    draw.line(img, (120, 88, 60), (0, floor_y), (iw, floor_y), 2 * S)
    for q in range(1, 5):  # the boards
        y = floor_y + (ih - floor_y) * q / 5
        draw.line(img, (132, 98, 68), (0, y), (iw, y), S)
    draw.rect(img, (238, 232, 220), (0, 0, iw, int(0.09 * ih)))
    draw.line(img, (180, 172, 160), (0, int(0.09 * ih)), (iw, int(0.09 * ih)), 2 * S)
    for x in (int(0.07 * iw), int(0.93 * iw)):
        draw.rect(img, (236, 230, 218), (x - 3 * S, int(0.09 * ih), 6 * S, floor_y - int(0.09 * ih)))
    rail_y = int(0.6 * ih)
    draw.line(img, (236, 230, 218), (0, rail_y), (iw, rail_y), 3 * S)
    for x in range(4 * S, iw, max(5 * S, iw // 22)):
        draw.line(img, (222, 216, 204), (x, rail_y), (x, floor_y), S)

    skin, skin_dark = (226, 182, 150), (196, 150, 120)
    line = S

    def person(cx: float, tall: float, top_col, hair, her: bool, lean: float) -> tuple[float, float]:
        """A figure from the thighs up, leaning toward the other, head tipped back in a laugh;
        returns the near shoulder (for his arm round her)."""
        hh = ih * tall
        top = floor_y - hh
        head_r = hh * 0.125
        hx, hy = cx + lean * hh * 0.1, top + head_r * 1.05
        sy = hy + head_r * 1.75  # the shoulders' line
        sw = hh * (0.19 if her else 0.22)  # half the shoulders' width
        waist = hh * (0.13 if her else 0.18)
        hem = hh * (0.2 if her else 0.18)
        nl, nr = (hx - head_r * 0.45, sy - head_r * 0.2), (hx + head_r * 0.45, sy - head_r * 0.2)
        body = [(cx - hem, floor_y), (cx - waist, sy + hh * 0.32), (cx - sw, sy + hh * 0.07), (cx - sw * 0.8, sy),
                nl, nr, (cx + sw * 0.8, sy), (cx + sw, sy + hh * 0.07), (cx + waist, sy + hh * 0.32),
                (cx + hem, floor_y)]
        if her:  # long hair behind, falling past the shoulders
            draw.ellipse(img, hair, (hx - head_r * 1.3, hy - head_r * 1.2, head_r * 2.6, head_r * 3.2))
        draw.polygon(img, top_col, body)
        draw.polygon(img, scaled(top_col, 0.7), body, line)
        if her:  # a belt at the waist of the dress
            belt = sy + hh * 0.32
            draw.line(img, scaled(top_col, 0.75), (cx - waist, belt), (cx + waist, belt), 2 * line)
        else:  # an open collar
            vee = (hx, sy + head_r * 0.6)
            neck_l, neck_r = (hx - head_r * 0.35, sy - head_r * 0.15), (hx + head_r * 0.35, sy - head_r * 0.15)
            draw.polygon(img, skin, [neck_l, neck_r, vee])
            collar = [(hx - head_r * 0.55, sy - head_r * 0.1), (vee[0], vee[1] + head_r * 0.05),
                      (hx + head_r * 0.55, sy - head_r * 0.1)]
            draw.lines(img, towards_white(top_col, 0.25), False, collar, 2 * line)
        # the far arm hangs at the side
        side = -1.0 if lean > 0 else 1.0
        draw.line(img, scaled(top_col, 0.85), (cx + side * sw * 0.92, sy + hh * 0.05),
                  (cx + side * sw * 0.98, sy + hh * 0.42), int(hh * 0.075))
        draw.circle(img, skin, (cx + side * sw * 0.98, sy + hh * 0.46), hh * 0.04)
        # neck and head, tipped back toward the other
        draw.line(img, skin_dark, (hx, hy + head_r * 0.6), (hx, sy), int(head_r * 0.8))
        draw.circle(img, skin, (hx, hy), head_r)
        if not her:  # short hair
            draw.arc(img, hair, (hx - head_r * 1.02, hy - head_r * 1.1, head_r * 2.04, head_r * 1.7), 0.25,
                     math.pi - 0.25, int(head_r * 0.45))
        else:  # a fringe swept to one side
            draw.arc(img, hair, (hx - head_r * 1.05, hy - head_r * 1.15, head_r * 2.1, head_r * 1.6), 0.05,
                     math.pi - 0.05, int(head_r * 0.5))
            draw.circle(img, hair, (hx - side * head_r * 0.55, hy - head_r * 0.6), head_r * 0.4)
        # laughing: eyes creased shut, cheeks up, a wide open mouth
        for e in (-1, 1):
            ex = hx + e * head_r * 0.4 + lean * head_r * 0.12
            draw.arc(img, (90, 56, 44), (ex - head_r * 0.22, hy - head_r * 0.3, head_r * 0.44, head_r * 0.36),
                     0.35, math.pi - 0.35, 2 * line)
            draw.circle(img, (232, 160, 140), (ex, hy + head_r * 0.22), head_r * 0.16)
        mouth = pygame.Rect(0, 0, head_r * 0.95, head_r * 0.6)
        mouth.center = (int(hx + lean * head_r * 0.12), int(hy + head_r * 0.5))
        draw.ellipse(img, (120, 40, 44), mouth)
        teeth = mouth.top + 1 + line
        draw.line(img, (245, 240, 232), (mouth.left + 2, teeth), (mouth.right - 2, teeth), line)
        return cx - side * sw * 0.8, sy

    him = person(iw * 0.41, 0.66, (70, 104, 150), (64, 46, 32), False, 0.6)  # him, in a blue shirt
    her = person(iw * 0.63, 0.58, (214, 170, 70), (124, 72, 40), True, -0.6)  # her, in a yellow dress
    # his arm round her shoulders, his hand on the far one
    hand = (her[0] + ih * 0.58 * 0.3, her[1] + ih * 0.01)
    draw.lines(img, (62, 94, 138), False, [him, (him[0] + ih * 0.05, him[1] + ih * 0.08), hand], int(ih * 0.045))
    draw.circle(img, skin, hand, ih * 0.026)
    # an old print: warm, a little faded, darker at the corners
    arr = pygame.surfarray.pixels3d(img)
    f = arr.astype(np.float32)
    f = f * np.array([0.9, 0.86, 0.74], np.float32) + np.array([26, 22, 14], np.float32)
    yy, xx = np.meshgrid(np.linspace(-1, 1, ih), np.linspace(-1, 1, iw))
    f *= (1.0 - 0.28 * (xx * xx + yy * yy) ** 1.5)[..., None].astype(np.float32)
    arr[:] = np.clip(f, 0, 255).astype(np.uint8)
    del arr
    s.blit(pygame.transform.smoothscale(img, (fw, fh)), (b, b))
    draw.rect(s, (176, 170, 150), s.get_rect(), 1)
    return s


# ---------------------------------------------------------------------------- the power pack
def pack_rect_m(core_x: float) -> tuple[float, float, float, float]:
    """Where the power pack sits once clamped under the core's rack, aft of the console (where
    the figure faces as it comes from the pad): x0, y0, w, h (metres)."""
    return core_x + 0.36, 1.05, 0.56, 0.38


def draw_pack(s: pygame.Surface, x: float, y: float, w: float, h: float, handle: bool = True) -> None:
    """The portable power pack at (x, y) px, w x h px: a yellow case, ribs, its socket."""
    draw = pygame.draw
    body = pygame.Rect(x, y, w, h)
    r = max(2, int(min(w, h) * 0.12))
    if handle:
        draw.rect(s, (110, 112, 118), (x + w * 0.28, y - h * 0.28, w * 0.44, h * 0.36), max(2, int(h * 0.1)), r)
    draw.rect(s, PACK_CASE, body, 0, r)
    for q in range(1, 4):  # cooling ribs on its side
        gx = x + w * (0.55 + 0.11 * q)
        draw.line(s, PACK_DARK, (gx, y + h * 0.2), (gx, y + h * 0.8), max(1, int(w * 0.03)))
    draw.rect(s, (40, 38, 34), (x + w * 0.08, y + h * 0.22, w * 0.42, h * 0.3), 0, 1)  # its readout
    draw.rect(s, (60, 60, 62), (x + w * 0.08, y + h * 0.64, w * 0.18, h * 0.2))  # the socket
    draw.rect(s, scaled(PACK_CASE, 0.55), body, max(1, int(w * 0.035)), r)
    # black-and-yellow hazard chevrons along the foot
    foot = pygame.Rect(x + 2, y + h * 0.88, w - 4, max(1, h * 0.1))
    clip = s.get_clip()
    s.set_clip(foot.clip(clip) if clip else foot)
    step = max(4, int(w * 0.12))
    for q in range(-1, int(w / step) + 2):
        px = x + q * step
        draw.polygon(s, (30, 28, 24), [(px, foot.bottom), (px + step * 0.5, foot.bottom),
                                       (px + step, foot.top), (px + step * 0.5, foot.top)])
    s.set_clip(clip)


def pack_readout(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """The readout window on the pack's face (px), where its charge bar shows."""
    return x + w * 0.08, y + h * 0.22, w * 0.42, h * 0.3


# ---------------------------------------------------------------------------- the close-up
def closeup_seconds(level) -> float:
    """How long the boarding close-up shows: as long as the first two boarding captions
    (the pilot and the photograph) stay up; 4 s if the level has none."""
    specs = [c for c in level.config.captions if c.on == "aboard"][:2]
    return max((float(c.seconds) for c in specs), default=4.0)


def closeup_alpha(age: float, seconds: float) -> tuple[float, float]:
    """(inset, photograph) opacity `age` s after boarding."""
    if age < 0.0 or age > seconds + CLOSEUP_FADE_OUT:
        return 0.0, 0.0
    out = 1.0 - smoothstep(seconds, seconds + CLOSEUP_FADE_OUT, age)
    inset = smoothstep(*CLOSEUP_FADE_IN, age) * out
    photo = smoothstep(CLOSEUP_FADE_IN[0] + PHOTO_DELAY, CLOSEUP_FADE_IN[1] + PHOTO_DELAY, age) * out
    return inset, photo


class CloseUp:
    """The inset shown as the crew member boards: the pilot in his couch, lit by the suit
    lamp and the ellipse's glow through the window, and the photograph from his console."""

    def __init__(self, tx: float, ty: float, H: float, photo: pygame.Surface):
        self.tx, self.ty, self.H = tx, ty, H
        self.w, self.h = CLOSEUP_SIZE
        self.k = CLOSEUP_K
        self.centre = (tx - 0.5, H - 1.02)  # the cabin point at the inset's centre
        self.photo = photo
        self.surface = pygame.Surface(CLOSEUP_SIZE)
        self.light = self._light_map()
        self._photo_card: pygame.Surface | None = None
        self._base: pygame.Surface | None = None  # the wall and the couch, drawn once
        self._back = pygame.Surface((self.w + 12, self.h + 12), pygame.SRCALPHA)
        rng = np.random.Generator(np.random.PCG64(0xD057))
        self._dust = rng.random((40, 5))  # x, y, drift x, drift y, brightness

    def T(self, x: float, y: float) -> tuple[float, float]:  # noqa: N802 - cabin -> inset px
        return (x - self.centre[0]) * self.k + self.w * 0.5, (y - self.centre[1]) * self.k + self.h * 0.5

    def _light_map(self) -> pygame.Surface:
        """The inset's light, made once: the lamp's pool on him, the window's orange from the bow."""
        w, h = self.w, self.h
        xs = (np.arange(w, dtype=np.float32) - w * 0.5) / self.k + self.centre[0]
        ys = (np.arange(h, dtype=np.float32) - h * 0.5) / self.k + self.centre[1]
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        head = pilot_pose(self.tx, self.H, 0.0)["head"]
        lamp = np.exp(-(((X - head[0] + 0.35) / 1.1) ** 2 + ((Y - head[1] - 0.25) / 0.75) ** 2))
        win = np.clip(1.0 - (X - (self.tx - 2.6)) / 2.6, 0.0, 1.0) ** 1.6 * np.clip(1.0 - (Y - 0.8) / 4.5, 0, 1)
        rgb = (0.05 + lamp[..., None] * np.array([1.0, 0.96, 0.88]) * 1.05
               + win[..., None] * np.array([1.0, 0.55, 0.18]) * 0.75)
        light = pygame.Surface((w, h))
        pygame.surfarray.blit_array(light, np.clip(rgb * 255.0, 0, 255).astype(np.uint8))
        return light

    def _background(self) -> pygame.Surface:
        """What does not move in the close-up: the back wall, lockers, a rib, the couch."""
        s = pygame.Surface(CLOSEUP_SIZE)
        T, k = self.T, self.k
        tx, ty, H = self.tx, self.ty, self.H
        s.fill((58, 64, 74))  # the back wall
        draw = pygame.draw
        # lockers, a rib and the handrail behind him
        for lx0 in (tx - 2.55, tx - 1.5, tx - 0.45):
            x0, y0 = T(lx0, H - 1.35)
            box = pygame.Rect(x0, y0, 0.98 * k, 1.1 * k)
            draw.rect(s, (74, 80, 90), box, 0, 3)
            draw.rect(s, (42, 46, 54), box, 2, 3)
            draw.line(s, (120, 112, 70), (box.centerx - 12, y0 + 14), (box.centerx + 12, y0 + 14), 3)
        draw.line(s, (150, 132, 70), T(tx - 2.6, H - 1.6), T(tx + 1.6, H - 1.6), 4)
        rx, _ = T(tx + 0.62, 0.0)
        draw.rect(s, (96, 100, 108), (rx - 0.11 * k, 0, 0.22 * k, self.h))
        draw.line(s, (130, 134, 140), (rx - 0.11 * k, 0), (rx - 0.11 * k, self.h), 1)
        for yy in np.linspace(H - 2.0, H - 0.2, 5):
            draw.circle(s, (140, 144, 150), (rx, T(0, float(yy))[1]), 2)
        fy = T(0.0, H)[1]  # the floor and its conduit
        draw.rect(s, (34, 38, 46), (0, fy, self.w, self.h - fy))
        draw.line(s, (86, 84, 78), (0, fy - 0.15 * k), (self.w, fy - 0.15 * k), 6)
        draw_couch(s, T, k, tx, ty, H, None)
        return s

    def render(self, clock: float) -> pygame.Surface:
        s, T, k = self.surface, self.T, self.k
        tx, H = self.tx, self.H
        if self._base is None:
            self._base = self._background()
        s.blit(self._base, (0, 0))
        draw = pygame.draw
        draw_pilot(s, T, k, tx, H, clock)
        s.blit(self.light, (0, 0), special_flags=pygame.BLEND_MULT)
        # what shines: the window's orange catching the visor's rim, the frost glittering
        (hx, hy), r, face = pilot_visor_glint(tx, H)
        cx, cy = T(hx, hy)
        rr = r * k
        draw.arc(s, (255, 170, 80), (cx - rr * 0.9, cy - rr * 0.9, rr * 1.8, rr * 1.8),
                 -face - 0.75, -face + 0.35, 2)
        tw = 0.5 + 0.5 * math.sin(clock * 2.1)
        for q in range(5):
            a = face + (q - 2) * 0.33
            gx, gy = cx + math.cos(a) * rr * 0.62, cy + math.sin(a) * rr * 0.62
            draw.circle(s, towards_white((150, 190, 220), 0.3 * tw * (q % 2)), (gx, gy), 1)
        # dust drifting in the lamp's light
        for x, y, dx, dy, v in self._dust:
            px = (x * self.w + clock * (dx - 0.5) * 8.0) % self.w
            py = (y * self.h + clock * (dy - 0.5) * 6.0) % self.h
            c = int(70 + 90 * v)
            s.set_at((int(px), int(py)), (c, c, int(c * 0.9)))
        return s

    def card(self) -> pygame.Surface:
        """The photograph as shown in the close-up: large, a little crooked, with a soft shadow."""
        if self._photo_card is None:
            w, h = self.photo.get_size()
            pad = 10
            card = pygame.Surface((w + 2 * pad, h + 2 * pad), pygame.SRCALPHA)
            for q in range(pad, 0, -2):
                pygame.draw.rect(card, (0, 0, 0, 20), (pad - q + 4, pad - q + 6, w + 2 * q - 4, h + 2 * q - 4),
                                 0, q)
            card.blit(self.photo, (pad, pad))
            # the clip that held it to the console
            pygame.draw.rect(card, (150, 154, 160), (pad + w * 0.42, pad - 6, w * 0.16, 14), 0, 2)
            pygame.draw.rect(card, (80, 82, 88), (pad + w * 0.42, pad - 6, w * 0.16, 14), 1, 2)
            self._photo_card = pygame.transform.rotozoom(card, 5.0, 1.0)
        return self._photo_card

    def draw(self, target: pygame.Surface, topright: tuple[int, int], clock: float, alpha: float,
             photo_alpha: float) -> pygame.Rect:
        """The inset (and the photograph over its corner) onto `target`; returns what it covers."""
        if alpha <= 0.0:
            return pygame.Rect(0, 0, 0, 0)
        inset = self.render(clock)
        x0, y0 = topright[0] - self.w, topright[1]
        frame = pygame.Rect(x0, y0, self.w, self.h)
        self._back.fill((2, 8, 16, int(190 * alpha)))
        target.blit(self._back, (x0 - 6, y0 - 6))
        inset.set_alpha(int(255 * alpha) if alpha < 1.0 else None)
        target.blit(inset, frame)
        inset.set_alpha(None)
        col = scaled(HUD, 0.8 * alpha)
        pygame.draw.rect(target, scaled(HUD, 0.35 * alpha), frame.inflate(2, 2), 1)
        for sx, sy in ((0, 0), (1, 0), (0, 1), (1, 1)):  # corner brackets, as on the HUD panels
            cx = frame.left - 4 if sx == 0 else frame.right + 3
            cy = frame.top - 4 if sy == 0 else frame.bottom + 3
            dx, dy = (1 if sx == 0 else -1), (1 if sy == 0 else -1)
            pygame.draw.line(target, col, (cx, cy), (cx + dx * 14, cy), 2)
            pygame.draw.line(target, col, (cx, cy), (cx, cy + dy * 14), 2)
        covered = frame.inflate(12, 12)
        if photo_alpha > 0.0:
            card = self.card()
            rect = card.get_rect(center=(frame.left + 28, frame.bottom + 22))
            card.set_alpha(int(255 * photo_alpha))  # (None would drop its per-pixel alpha: the shadow)
            target.blit(card, rect)
            covered = covered.union(rect)
        return covered
