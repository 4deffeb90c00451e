"""The camera: follows the player's ship and zooms so the ellipse's near side stays in view.

World y grows downward like the screen, so a world point maps to the screen by a
translation and one scale (pixels per metre). The zoom eases in log space on the
render clock, so it never pops; shake is a screen offset added on top.
"""

from __future__ import annotations

import math

import numpy as np

from game.levels import Level

ZOOM_EASE = 1.6  # 1/s: how fast the view width follows its target
NEAR_SIDE_DEPTH = 0.35  # how far into the ellipse (in semi-minor axes) the view should reach
MARGIN = 1.15  # breathing room around what must be visible
LEAD = 0.3  # how far the view leans from the ship toward the ellipse's near side
MAX_LEAN = 0.12  # the most it leans, in view widths (the ship stays mid-screen)


class Camera:
    def __init__(self, level: Level, size: tuple[int, int]):
        self.width, self.height = size
        view = level.config.view
        self.min_view = float(view.min_view_width)
        self.max_view = max(self.min_view, float(view.max_view_width))
        self.view_width = self.min_view
        self.x = 0.0
        self.y = 0.0
        self.shake_x = 0.0
        self.shake_y = 0.0
        self.lean_x = 0.0
        self.lean_y = 0.0
        self._primed = False
        self._ring = np.linspace(0.0, 2.0 * math.pi, 72, endpoint=False)
        self._ring_c = np.cos(self._ring)
        self._ring_s = np.sin(self._ring)

    @property
    def zoom(self) -> float:
        """Pixels per metre."""
        return self.width / self.view_width

    def frame(self, sx: float, sy: float, ex: float, ey: float, heading: float,
              a: float, b: float, presence: float) -> tuple[float, float, float]:
        """The view to aim for: (width in metres, centre offset from the ship x, y).

        The centre leans from the ship toward the ellipse's near side (never so far that
        the ship leaves the middle of the screen) and the width holds both.
        """
        if presence <= 0.0 or a <= 1.0 or b <= 1.0:
            return self.min_view, 0.0, 0.0
        c, s = math.cos(heading), math.sin(heading)
        u = self._ring_c * a
        v = self._ring_s * b
        px = ex + u * c - v * s
        py = ey + u * s + v * c
        d2 = (px - sx) ** 2 + (py - sy) ** 2
        k = int(np.argmin(d2))
        du = ((sx - ex) * c + (sy - ey) * s) / a
        dv = ((sy - ey) * c - (sx - ex) * s) / b
        inside = du * du + dv * dv < 1.0  # in the ellipse: the narrow view shows it all round
        depth = 1.0 - NEAR_SIDE_DEPTH * b / a
        near_x = ex + (px[k] - ex) * depth
        near_y = ey + (py[k] - ey) * depth
        aspect = self.width / self.height
        grow = min(1.0, presence * 4.0)  # surfacing: the view opens out to show it rise
        if inside:
            return self.min_view, 0.0, 0.0
        ox = LEAD * (px[k] - sx) * grow
        oy = LEAD * (py[k] - sy) * grow
        # the near rim, a slice of the body behind it, and the centre (so a small,
        # still-surfacing ellipse is seen whole)
        half_w = max(abs(px[k] - sx - ox), abs(near_x - sx - ox), abs(ex - sx - ox), abs(ox))
        half_h = max(abs(py[k] - sy - oy), abs(near_y - sy - oy), abs(ey - sy - oy), abs(oy))
        need = 2.0 * MARGIN * max(half_w, half_h * aspect)
        need = self.min_view + (need - self.min_view) * grow
        width = min(self.max_view, max(self.min_view, need))
        # never lean so far that the ship leaves the middle of the screen
        ox = max(-MAX_LEAN * width, min(MAX_LEAN * width, ox))
        oy = max(-MAX_LEAN * width / aspect, min(MAX_LEAN * width / aspect, oy))
        return width, ox, oy

    def update(self, x: float, y: float, wanted: tuple[float, float, float], dt: float) -> None:
        width, ox, oy = wanted
        if not self._primed or dt > 1.0:
            self.view_width = width
            self.lean_x, self.lean_y = ox, oy
            self._primed = True
        else:
            k = 1.0 - math.exp(-ZOOM_EASE * max(0.0, dt))
            self.view_width = math.exp(math.log(self.view_width)
                                       + (math.log(width) - math.log(self.view_width)) * k)
            self.lean_x += (ox - self.lean_x) * k
            self.lean_y += (oy - self.lean_y) * k
        self.x, self.y = x + self.lean_x, y + self.lean_y

    # ---------------------------------------------------------------- transforms
    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        z = self.zoom
        return ((x - self.x) * z + self.width * 0.5 + self.shake_x,
                (y - self.y) * z + self.height * 0.5 + self.shake_y)

    def origin(self) -> tuple[float, float]:
        """Screen position of world (0, 0); screen = origin + world * zoom."""
        z = self.zoom
        return (self.width * 0.5 + self.shake_x - self.x * z,
                self.height * 0.5 + self.shake_y - self.y * z)

    def to_world(self, px: float, py: float) -> tuple[float, float]:
        z = self.zoom
        return ((px - self.width * 0.5 - self.shake_x) / z + self.x,
                (py - self.height * 0.5 - self.shake_y) / z + self.y)
