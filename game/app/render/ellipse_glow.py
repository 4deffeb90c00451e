"""The graviton ellipse as a blazing noise texture, computed small and scaled up.

For each pixel of a low-resolution grid over the screen (inside the ellipse's screen
bounding box only) the world position is taken into the ellipse's frame to get the
elliptical radius r. The shear band (eye < r < 1) burns orange and yellow, its noise
the very turbulence field that pushes ships (`world.noise.turbulence`), smeared along
the flow by a two-phase flow map so it visibly churns; a corona glows just outside
r = 1; the calm eye (r < eye) is a soft blue-violet luminescence.
"""

from __future__ import annotations

import math

import numpy as np

from game.app.render.palette import FIRE
from game.sim.field import eye_ratio_now, melt_progress
from game.sim.world import World

F32 = np.float32
CORONA_REACH = 1.7  # elliptical radius where the corona has faded out
FLOW_PERIOD = 3.2  # s, length of one flow-map phase before it is crossfaded
EYE_COLOUR = np.array([34, 20, 92], np.float32)
EYE_GLOW = np.array([60, 70, 170], np.float32)
EYE_WALL = np.array([150, 110, 255], np.float32)


class EllipseTexture:
    def __init__(self, screen: tuple[int, int], grid: tuple[int, int]):
        self.w, self.h = screen
        self.gw, self.gh = grid
        # screen coordinates of the grid's pixel centres
        self.xs = ((np.arange(self.gw, dtype=F32) + F32(0.5)) * F32(self.w / self.gw))
        self.ys = ((np.arange(self.gh, dtype=F32) + F32(0.5)) * F32(self.h / self.gh))
        self.fire = FIRE.astype(np.float32)

    def bounds(self, ex: float, ey: float, heading: float, a: float, b: float,
               origin: tuple[float, float], zoom: float) -> tuple[int, int, int, int] | None:
        """The grid cells the ellipse and its corona can touch: (i0, i1, j0, j1) or None."""
        c, s = math.cos(heading), math.sin(heading)
        hx = CORONA_REACH * math.sqrt((a * c) ** 2 + (b * s) ** 2) * zoom
        hy = CORONA_REACH * math.sqrt((a * s) ** 2 + (b * c) ** 2) * zoom
        cx = origin[0] + ex * zoom
        cy = origin[1] + ey * zoom
        kx, ky = self.gw / self.w, self.gh / self.h
        i0 = max(0, int((cx - hx) * kx))
        i1 = min(self.gw, int((cx + hx) * kx) + 1)
        j0 = max(0, int((cy - hy) * ky))
        j1 = min(self.gh, int((cy + hy) * ky) + 1)
        if i0 >= i1 or j0 >= j1:
            return None
        return i0, i1, j0, j1

    def render(self, out: np.ndarray, world: World, ex: float, ey: float, heading: float,
               scale: float, origin: tuple[float, float], zoom: float, t: float) -> None:
        """Add the ellipse's light (0..255 RGB) into `out` (gw, gh, 3) float32."""
        e = world.ellipse
        if e.gone or e.presence <= 0.0 or scale <= 0.0:
            return
        a, b = e.semi_major * scale, e.semi_minor * scale
        if a * zoom < 2.0:
            return
        box = self.bounds(ex, ey, heading, a, b, origin, zoom)
        if box is None:
            return
        i0, i1, j0, j1 = box
        fc = world.level.config.field
        c, s = F32(math.cos(heading)), F32(math.sin(heading))
        inv_zoom = F32(1.0 / zoom)
        dx = (self.xs[i0:i1] - F32(origin[0])) * inv_zoom - F32(ex)  # world metres
        dy = (self.ys[j0:j1] - F32(origin[1])) * inv_zoom - F32(ey)
        dx = dx[:, None]
        dy = dy[None, :]
        u = dx * c + dy * s  # along the long axis, metres
        v = dy * c - dx * s
        un = u * F32(1.0 / a)
        vn = v * F32(1.0 / b)
        r = np.sqrt(un * un + vn * vn)
        eye = F32(eye_ratio_now(world))
        presence = F32(e.presence)

        # the same turbulence that pushes the ships
        n1, n2 = world.noise.turbulence(u, v, t, fc.turbulence_scale, fc.turbulence_rate)

        # the band's flow, as a flow map: noise carried round the contours by the shear,
        # two phases crossfaded so it never winds up into stripes
        w = (r - eye) * F32(1.0 / max(1e-3, 1.0 - float(eye)))
        np.clip(w, 0.0, 1.0, out=w)
        profile = F32(4.0) * w * (F32(1.0) - w)
        omega = F32(fc.shear_flow / math.sqrt(a * b))
        streak = np.zeros_like(r)
        detail = F32(math.sqrt(a * b) / 170.0)  # noise cells across the ellipse
        for k, off in ((0.0, 0.0), (0.5, 37.0)):
            phase = (t / FLOW_PERIOD + k) % 1.0
            weight = F32(1.0 - abs(2.0 * phase - 1.0))
            phi = profile * (omega * F32(phase * FLOW_PERIOD))
            cp, sp = np.cos(phi), np.sin(phi)
            ru = un * cp - vn * sp
            rv = un * sp + vn * cp
            ru *= detail * F32(a / math.sqrt(a * b))
            rv *= detail * F32(b / math.sqrt(a * b))
            ru += F32(off)
            streak += world.noise.sample(ru, rv) * weight

        band = ((r > eye) & (r < 1.0)).astype(np.float32)
        outside = (r >= 1.0).astype(np.float32)
        in_eye = F32(1.0) - band - outside

        # heat of the band: rises from the eye wall, hottest toward the surface
        rise = np.minimum(F32(1.0), w * F32(7.0))
        heat = F32(0.5) + F32(0.32) * streak + F32(0.16) * n1 + F32(0.14) * w
        heat *= rise
        heat *= band
        # the corona just outside the surface, flickering with the turbulence
        d = np.maximum(r - F32(1.0), F32(0.0))
        corona = np.exp(d * F32(-9.0)) * (F32(0.72) + F32(0.25) * n1)
        corona += np.exp(d * F32(-2.6)) * F32(0.16)
        corona *= outside
        heat += corona
        melt = melt_progress(world)
        heat *= presence * F32(1.0 - 0.25 * melt)
        np.clip(heat, 0.0, 0.999, out=heat)
        rgb = self.fire[(heat * F32(255.0)).astype(np.int32)]

        # the calm eye: deep blue-violet, luminous, brighter toward its wall
        if float(eye) > 0.0:
            q = r * F32(1.0 / float(eye))
            np.minimum(q, F32(1.0), out=q)
            q2 = q * q
            lum = F32(0.55) + F32(0.22) * n2 + F32(0.45) * q2 * q2
            lum *= in_eye * presence
            rgb += EYE_COLOUR * lum[..., None]
            glow = q2 * q2 * q2 * q2 * in_eye * presence
            rgb += EYE_WALL * glow[..., None]
            rgb += EYE_GLOW * (np.maximum(F32(0.0), n2) * F32(0.35) * lum)[..., None]
        out[i0:i1, j0:j1] += rgb
