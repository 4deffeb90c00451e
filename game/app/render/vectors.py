"""Glowing vector shapes: ships, the probe, surge rings, effect rings, the ellipse's rim.

Every shape is drawn twice by the same code through a `Pen`: once thick and dim on the
low-resolution glow layer (smoothscaled up and added, it becomes the halo), once crisp
on the frame (a solid line with an antialiased bright core).
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.palette import scaled, towards_white


def smoothstep(e0: float, e1: float, x: float) -> float:
    """0 below e0, 1 above e1, an S-curve between: fades and cross-fades."""
    t = max(0.0, min(1.0, (x - e0) / (e1 - e0)))
    return t * t * (3.0 - 2.0 * t)


def exit_chevrons(pen, text, x: float, y: float, nx: float, ny: float, clock: float,
                  colour: tuple[int, int, int], label: str, fade: float = 1.0) -> None:
    """Three chevrons streaming outward along (nx, ny) from a point of an exit line, and its label.

    Drawn on both passes of the pen (glow and crisp); a dim crisp line is skipped, as it
    would darken the glow under it.
    """
    tx, ty = -ny, nx
    for k in range(3):
        f = ((clock * 0.9) + k / 3.0) % 1.0
        off = -18.0 + 40.0 * f
        bright = math.sin(math.pi * f)
        cx, cy = x + nx * off, y + ny * off
        chevron = [(cx - nx * 6 + tx * 9, cy - ny * 6 + ty * 9), (cx, cy),
                   (cx - nx * 6 - tx * 9, cy - ny * 6 - ty * 9)]
        if pen.glow or bright > 0.4:
            pen.poly(chevron, towards_white(scaled(colour, bright * fade), 0.2), closed=False, width=2,
                     glow=0.6 * bright)
    if text is not None and not pen.glow:
        text.draw(pen.target, label, 20, towards_white(colour, 0.2), (x + nx * 40, y + ny * 40), "center")

Point = tuple[float, float]


class Pen:
    """Draws either the halo pass (on the small glow surface) or the crisp pass."""

    def __init__(self, glow_surface: pygame.Surface, screen_size: tuple[int, int]):
        self.glow_surface = glow_surface
        self.k = glow_surface.get_width() / screen_size[0]
        self.target: pygame.Surface = glow_surface
        self.glow = True
        self._trig: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def begin(self, target: pygame.Surface, glow: bool) -> None:
        self.target = target
        self.glow = glow

    def _pts(self, pts: np.ndarray | list[Point]) -> list:
        if isinstance(pts, np.ndarray):
            return (pts * self.k).tolist() if self.glow else pts.tolist()
        if self.glow:  # a few points: plain floats beat a round trip through numpy
            k = self.k
            return [(x * k, y * k) for x, y in pts]
        return list(pts)

    def poly(self, pts, colour, closed: bool = True, width: int = 2, glow: float = 1.0,
             dashed: bool = False, core: bool = True) -> None:
        if len(pts) < 2 or (self.glow and glow <= 0):
            return
        if dashed and not self.glow:  # worked out on the points as they are, an array
            self._dashed(pts, colour, closed, max(1, width - 1))
            return
        p = self._pts(pts)
        if self.glow:
            gw = max(1, int(round(width * 0.75 + 1)))
            pygame.draw.lines(self.target, scaled(colour, 0.55 * glow), closed, p, gw)
            return
        if width > 1:
            pygame.draw.lines(self.target, scaled(colour, 0.8), closed, p, width)
        if core:
            pygame.draw.aalines(self.target, towards_white(colour, 0.45), closed, p)

    def _dashed(self, p: np.ndarray | list[Point], colour, closed: bool, width: int,
                dash: float = 5.0) -> None:
        """Dashes `dash` px long with gaps as long, measured along the whole line: a ring
        or a hull of short segments is dashed as clearly as one long segment.

        The line is stepped a pixel at a time (corners followed), the steps in the gaps
        left out. Thin dashes are written straight into the target's pixels: a dashed
        ring is a couple of hundred dashes, and a `pygame.draw.line` call each took longer
        than working out all their pixels at once (0.24 against 0.1 ms for a ring 600 px
        across). Thicker ones, and targets numpy cannot write (24-bit), get one
        `pygame.draw.lines` per dash."""
        seq = np.asarray(p, np.float64)
        if closed:
            seq = np.concatenate([seq, seq[:1]])
        if len(seq) < 2:
            return
        start = seq[:-1]
        step = seq[1:] - start
        length = np.hypot(step[:, 0], step[:, 1])
        along = np.cumsum(length) - length  # where each segment starts along the line
        # only the segments that can touch the target (a long contour is mostly off screen)
        clip = self.target.get_clip()  # as pygame.draw keeps to it
        m = width + 1.0
        x0, y0, x1, y1 = start[:, 0], start[:, 1], seq[1:, 0], seq[1:, 1]
        seen = np.flatnonzero((np.minimum(x0, x1) < clip.right + m) & (np.maximum(x0, x1) > clip.left - m)
                              & (np.minimum(y0, y1) < clip.bottom + m) & (np.maximum(y0, y1) > clip.top - m))
        if seen.size == 0:
            return
        steps = np.ceil(length[seen]).astype(np.intp) + 1  # steps no longer than a pixel, both ends
        seg = np.repeat(seen, steps)
        j = np.arange(seg.size) - np.repeat(np.cumsum(steps) - steps, steps)
        f = j / np.repeat(np.maximum(steps - 1, 1), steps)
        piece = np.floor((along[seg] + length[seg] * f) * (1.0 / dash)).astype(np.intp)
        on = np.flatnonzero(piece % 2 == 0)  # the even pieces are the dashes
        seg, f, piece = seg[on], f[on], piece[on]
        x = start[seg, 0] + step[seg, 0] * f
        y = start[seg, 1] + step[seg, 1] * f
        target = self.target
        if width == 1 and target.get_bytesize() in (1, 2, 4):
            xi, yi = np.floor(x).astype(np.intp), np.floor(y).astype(np.intp)
            inside = (xi >= clip.left) & (xi < clip.right) & (yi >= clip.top) & (yi < clip.bottom)
            pixels = pygame.surfarray.pixels2d(target)
            pixels[xi[inside], yi[inside]] = target.map_rgb(colour)
            del pixels  # the target stays locked while its pixels are referenced
            return
        cuts = np.flatnonzero(np.diff(piece)) + 1  # where one dash ends and the next begins
        pts = np.stack([x, y], axis=1).tolist()
        draw_lines = pygame.draw.lines
        for a, b in zip([0, *cuts.tolist()], [*cuts.tolist(), len(pts)], strict=True):
            run = pts[a:b]
            draw_lines(target, colour, False, run if len(run) > 1 else run * 2, width)

    def line(self, a: Point, b: Point, colour, width: int = 1, glow: float = 1.0) -> None:
        self.poly([a, b], colour, closed=False, width=width, glow=glow)

    def ring(self, cx: float, cy: float, radius: float, colour, width: int = 1,
             glow: float = 1.0, ripple: float = 0.0, waves: int = 7, phase: float = 0.0,
             segments: int = 0, dashed: bool = False) -> None:
        """A circle as a polyline; `ripple` (pixels) makes it wave round its circumference."""
        if radius < 1.0 or (self.glow and glow <= 0):
            return
        n = segments or int(min(220, max(24, radius * 0.5)))
        if self.glow:
            n = max(16, n // 2)  # the halo is four times smaller
        trig = self._trig.get(n)
        if trig is None:
            th = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
            trig = self._trig[n] = (th, np.stack([np.cos(th), np.sin(th)], axis=1))
        th, cs = trig
        if ripple:
            r = (radius + ripple * np.sin(th * waves + phase))[:, None]
        else:
            r = radius
        pts = cs * r
        pts += (cx, cy)
        self.poly(pts, colour, closed=True, width=width, glow=glow, dashed=dashed)


def hull_points(outline: list[tuple[float, float]], x: float, y: float, angle: float,
                size: float) -> np.ndarray:
    """A hull outline (hull lengths, nose +x) placed on screen at (x, y), `size` pixels long."""
    o = np.asarray(outline, np.float64) * size
    c, s = math.cos(angle), math.sin(angle)
    out = np.empty_like(o)
    out[:, 0] = x + o[:, 0] * c - o[:, 1] * s
    out[:, 1] = y + o[:, 0] * s + o[:, 1] * c
    return out
