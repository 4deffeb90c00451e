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
MARGIN = 1.18  # breathing room around what must be visible


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
        self._primed = False
        self._ring = np.linspace(0.0, 2.0 * math.pi, 72, endpoint=False)
        self._ring_c = np.cos(self._ring)
        self._ring_s = np.sin(self._ring)

    @property
    def zoom(self) -> float:
        """Pixels per metre."""
        return self.width / self.view_width

    def wanted_view_width(self, sx: float, sy: float, ex: float, ey: float, heading: float,
                          a: float, b: float, presence: float) -> float:
        """A view wide enough to hold the ship and the ellipse's near side."""
        if presence <= 0.0 or a <= 1.0 or b <= 1.0:
            return self.min_view
        c, s = math.cos(heading), math.sin(heading)
        # points of the ellipse's outline and, a little inside, of its body
        depth = 1.0 - NEAR_SIDE_DEPTH * b / a
        u = self._ring_c * a
        v = self._ring_s * b
        px = ex + u * c - v * s
        py = ey + u * s + v * c
        d2 = (px - sx) ** 2 + (py - sy) ** 2
        k = int(np.argmin(d2))
        near_x = ex + (px[k] - ex) * depth
        near_y = ey + (py[k] - ey) * depth
        half_w = max(abs(px[k] - sx), abs(near_x - sx))
        half_h = max(abs(py[k] - sy), abs(near_y - sy))
        aspect = self.width / self.height
        need = 2.0 * MARGIN * max(half_w, half_h * aspect)
        # still surfacing: the wide view comes in as it grows
        need = self.min_view + (need - self.min_view) * min(1.0, presence * 1.5)
        return min(self.max_view, max(self.min_view, need))

    def update(self, x: float, y: float, wanted: float, dt: float) -> None:
        self.x, self.y = x, y
        if not self._primed or dt > 1.0:
            self.view_width = wanted
            self._primed = True
            return
        k = 1.0 - math.exp(-ZOOM_EASE * max(0.0, dt))
        self.view_width = math.exp(math.log(self.view_width)
                                   + (math.log(wanted) - math.log(self.view_width)) * k)

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
