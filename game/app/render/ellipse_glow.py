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
from typing import NamedTuple

import numpy as np

from game.app.render.palette import FIRE
from game.sim.field import eye_ratio_now, melt_progress
from game.sim.noise import GRID as NOISE_GRID
from game.sim.noise import MASK as NOISE_MASK
from game.sim.noise import NoiseField
from game.sim.world import World

F32 = np.float32
GLOW_PX = 5.0  # screen pixels per glow pixel
N1_MEAN = 0.15  # the turbulence's first value is not centred on zero
CORONA_REACH = 1.7  # elliptical radius where the corona has faded out
FLAME_CELL = 45.0  # m: one noise-grid cell of the band's flames
FLOW_PERIOD = 3.2  # s, length of one flow-map phase before it is crossfaded
EYE_COLOUR = np.array([34, 20, 92], np.float32)
EYE_GLOW = np.array([60, 70, 170], np.float32)
EYE_WALL = np.array([150, 110, 255], np.float32)
COARSE = 4  # the turbulence is smooth: sampled every COARSE glow pixels, then interpolated


class GlowJob(NamedTuple):
    """One frame's texture as plain numbers: the ellipse on screen and its field."""

    ex: float  # the ellipse's centre (m)
    ey: float
    heading: float  # rad
    a: float  # semi-axes as drawn (m)
    b: float
    ox: float  # the camera's origin (screen px of world 0, 0) and zoom (px/m)
    oy: float
    zoom: float
    t: float  # s, the clock the turbulence and the flow run on
    presence: float
    eye: float  # the eye's elliptical radius now
    melt: float  # 0..1
    shear_flow: float
    turbulence_scale: float
    turbulence_rate: float


class EllipseTexture:
    def __init__(self, screen: tuple[int, int], grid: tuple[int, int]):
        self.w, self.h = screen
        self.gw, self.gh = grid
        # screen coordinates of the grid's pixel centres
        self.xs = ((np.arange(self.gw, dtype=F32) + F32(0.5)) * F32(self.w / self.gw))
        self.ys = ((np.arange(self.gh, dtype=F32) + F32(0.5)) * F32(self.h / self.gh))
        self.fire_planes = [np.ascontiguousarray(FIRE[:, ch], np.float32) for ch in range(3)]
        self._quad: QuadNoise | None = None
        self._lerp: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
        self._lerp_w: dict[int, np.ndarray] = {}
        self._coarse: dict[int, np.ndarray] = {}

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

    def job(self, world: World, ex: float, ey: float, heading: float, scale: float,
            origin: tuple[float, float], zoom: float, t: float) -> GlowJob | None:
        """What the texture of this frame depends on, as plain numbers (None: nothing to
        draw). With the world's noise field it is all `paint` needs, so the texture can be
        worked out in another process (`game.app.render.glow_worker`)."""
        e = world.ellipse
        if e.gone or e.presence <= 0.0 or scale <= 0.0:
            return None
        a, b = e.semi_major * scale, e.semi_minor * scale
        if a * zoom < 2.0:
            return None
        if self.bounds(ex, ey, heading, a, b, origin, zoom) is None:
            return None
        fc = world.level.config.field
        return GlowJob(float(ex), float(ey), float(heading), float(a), float(b), float(origin[0]),
                       float(origin[1]), float(zoom), float(t), float(e.presence),
                       float(eye_ratio_now(world)), float(melt_progress(world)), float(fc.shear_flow),
                       float(fc.turbulence_scale), float(fc.turbulence_rate))

    def render(self, out: np.ndarray, world: World, ex: float, ey: float, heading: float,
               scale: float, origin: tuple[float, float], zoom: float, t: float) -> None:
        """Add the ellipse's light (0..255 RGB) into `out` (gw, gh, 3) float32."""
        job = self.job(world, ex, ey, heading, scale, origin, zoom, t)
        if job is not None:
            self.paint(out, job, world.noise)

    def paint(self, out: np.ndarray, job: GlowJob, field: NoiseField) -> None:
        """Add the light of `job` (0..255 RGB) into `out` (gw, gh, 3) float32."""
        ex, ey, heading, a, b = job.ex, job.ey, job.heading, job.a, job.b
        origin, zoom, t = (job.ox, job.oy), job.zoom, job.t
        box = self.bounds(ex, ey, heading, a, b, origin, zoom)
        if box is None:
            return
        i0, i1, j0, j1 = box
        c, s = F32(math.cos(heading)), F32(math.sin(heading))
        inv_zoom = F32(1.0 / zoom)
        dx = (self.xs[i0:i1] - F32(origin[0])) * inv_zoom - F32(ex)  # world metres
        dy = (self.ys[j0:j1] - F32(origin[1])) * inv_zoom - F32(ey)
        # the ellipse's frame in units of its axes, each grid an outer sum of two rows
        ia, ib = F32(1.0 / a), F32(1.0 / b)
        un = (dx * (c * ia))[:, None] + (dy * (s * ia))[None, :]
        vn = (dy * (c * ib))[None, :] - (dx * (s * ib))[:, None]
        r = un * un
        r += vn * vn
        np.sqrt(r, out=r)
        r = r.ravel()
        eye = job.eye
        presence = F32(job.presence)
        melt = job.melt
        # soft masks, about one glow pixel wide, so the low-resolution edges never step
        soft = 1.0 / max(1e-4, 2.5 * GLOW_PX / (zoom * b))
        half = 0.5 / soft
        unf, vnf = un.ravel(), vn.ravel()  # (n, m) grids
        n1, n2 = self._coarse_turbulence(field, job, i0, i1, j0, j1, inv_zoom, c, s)

        # heat (an index into FIRE): the band's flames and the corona just outside the
        # surface; only the pixels they reach pay for them
        heat = np.zeros(r.size, np.float32)
        lit = False
        band = np.flatnonzero((r > F32(eye - half)) & (r < F32(1.0 + half)))
        if band.size:
            heat[band] = self._flames(field, job.shear_flow, r[band], unf[band], vnf[band], n1[band],
                                      eye, soft, a, b, t)
            lit = True
        rim = np.flatnonzero(r > F32(max(eye, 1.0 - half)))
        if rim.size:
            heat[rim] += self._corona(r[rim], n1[rim], soft)
            lit = True
        if lit:
            heat *= presence * F32(1.0 - 0.25 * melt)
            np.clip(heat, 0.0, 0.999, out=heat)
            heat *= F32(255.0)
            level = heat.astype(np.intp)  # numpy's own index type: no cast in the takes
            rgb = np.empty((3, r.size), np.float32)  # planar: each channel contiguous
            for ch in range(3):  # black where nothing burns
                np.take(self.fire_planes[ch], level, out=rgb[ch])
        else:
            rgb = np.zeros((3, r.size), np.float32)

        # the calm eye: deep blue-violet, luminous, brighter toward its wall
        calm = np.flatnonzero(r < F32(eye + half)) if eye > 0.0 else np.empty(0, np.int64)
        if calm.size:
            rc = r[calm]
            in_eye = F32(0.5) - (rc - F32(eye)) * F32(soft)
            np.clip(in_eye, 0.0, 1.0, out=in_eye)
            in_eye *= presence
            nc = n2[calm]
            q = rc * F32(1.0 / eye)
            np.minimum(q, F32(1.0), out=q)
            q *= q
            q *= q  # q^4
            lum = nc * F32(0.22)
            lum += F32(0.55)
            lum += F32(0.45) * q
            lum *= in_eye
            wall = q * q
            wall *= in_eye
            glow = np.maximum(nc, F32(0.0))
            glow *= F32(0.35)
            glow *= lum
            for ch in range(3):
                sub = lum * EYE_COLOUR[ch]
                sub += wall * EYE_WALL[ch]
                sub += glow * EYE_GLOW[ch]
                sub += rgb[ch].take(calm)
                rgb[ch][calm] = sub  # (fancy assignment: ndarray.put took three times as long)
        box_out = out[i0:i1, j0:j1]
        for ch in range(3):
            box_out[..., ch] += rgb[ch].reshape(i1 - i0, j1 - j0)

    def _lerp_index(self, n: int) -> tuple[int, np.ndarray, np.ndarray]:
        """(m, k, f): n fine samples from m coarse ones, fine = c[k] * (1 - f) + c[k + 1] * f."""
        got = self._lerp.get(n)
        if got is None:
            m = max(2, (n - 1 + COARSE - 1) // COARSE + 1)
            pos = np.arange(n, dtype=np.float64) * ((m - 1) / max(1, n - 1))
            k = np.minimum(np.floor(pos).astype(np.intp), m - 2)
            f = (pos - k).astype(np.float32)
            got = self._lerp[n] = (m, k, f)
        return got

    def _coarse_turbulence(self, field: NoiseField, job: GlowJob, i0: int, i1: int, j0: int, j1: int,
                           inv_zoom: np.float32, c: np.float32, s: np.float32
                           ) -> tuple[np.ndarray, np.ndarray]:
        """The field's turbulence (n1, n2) over the box, flattened like the grid.

        The very noise that pushes the ships, but it varies over hundreds of metres:
        it is sampled on a grid COARSE times sparser and linearly interpolated.
        """
        origin, ex, ey = (job.ox, job.oy), job.ex, job.ey
        fi = self._coarse_at(i1 - i0) + F32(i0)
        fj = self._coarse_at(j1 - j0) + F32(j0)
        dx = ((fi + F32(0.5)) * F32(self.w / self.gw) - F32(origin[0])) * inv_zoom - F32(ex)
        dy = ((fj + F32(0.5)) * F32(self.h / self.gh) - F32(origin[1])) * inv_zoom - F32(ey)
        u = dx[:, None] * c + dy[None, :] * s
        v = dy[None, :] * c - dx[:, None] * s
        n1, n2 = field.turbulence(u, v, job.t, job.turbulence_scale, job.turbulence_rate)
        # separable linear interpolation as two small matrix products (BLAS is held to one
        # thread, game/__init__.py): a quarter of the time of gathering rows and columns
        wi, wj = self._lerp_matrix(i1 - i0), self._lerp_matrix(j1 - j0)
        return (wi @ n1 @ wj.T).ravel(), (wi @ n2 @ wj.T).ravel()

    def _coarse_at(self, n: int) -> np.ndarray:
        """Where the coarse samples of a run of n fine ones lie, in fine pixels from its start."""
        got = self._coarse.get(n)
        if got is None:
            got = self._coarse[n] = np.linspace(0.0, n - 1, self._lerp_index(n)[0], dtype=np.float32)
        return got

    def _lerp_matrix(self, n: int) -> np.ndarray:
        """(n, m) float32: n fine samples as weights of the m coarse ones (`_lerp_index`)."""
        got = self._lerp_w.get(n)
        if got is None:
            m, k, f = self._lerp_index(n)
            got = np.zeros((n, m), np.float32)
            rows = np.arange(n)
            got[rows, k] = F32(1.0) - f
            got[rows, k + 1] = f
            self._lerp_w[n] = got
        return got

    def _flames(self, field: NoiseField, shear_flow: float, r: np.ndarray, un: np.ndarray,
                vn: np.ndarray, n1: np.ndarray, eye: float, soft: float, a: float, b: float,
                t: float) -> np.ndarray:
        """Heat (0..1, before presence) of the band's pixels (eye - half < r < 1 + half)."""
        noise = self._noise(field)
        e_edge = (r - F32(eye)) * F32(soft)
        e_edge += F32(0.5)
        np.clip(e_edge, 0.0, 1.0, out=e_edge)
        outside = (r - F32(1.0)) * F32(soft)
        outside += F32(0.5)
        np.clip(outside, 0.0, 1.0, out=outside)
        # the band proper: its flow as a flow map, noise carried round the contours by
        # the shear, two phases crossfaded so it never winds up into stripes
        w = (r - F32(eye)) * F32(1.0 / max(1e-3, 1.0 - eye))
        np.clip(w, 0.0, 1.0, out=w)
        profile = F32(4.0) * w * (F32(1.0) - w)
        omega = F32(shear_flow / math.sqrt(a * b))
        streak = np.zeros_like(r)
        detail = F32(math.sqrt(a * b) / FLAME_CELL)  # noise cells across the ellipse
        ku, kv = detail * F32(a / math.sqrt(a * b)), detail * F32(b / math.sqrt(a * b))
        for k, off in ((0.0, 0.0), (0.5, 37.0)):
            phase = (t / FLOW_PERIOD + k) % 1.0
            weight = F32(1.0 - abs(2.0 * phase - 1.0))
            phi = profile * (omega * F32(phase * FLOW_PERIOD))
            cp, sp = np.cos(phi), np.sin(phi)
            ru = un * cp
            ru -= vn * sp
            ru *= ku
            ru += F32(off)
            sp *= un
            cp *= vn
            cp += sp
            cp *= kv  # rv
            sample = noise.sample(ru, cp)
            sample *= weight
            streak += sample
        # churning filaments along the flow over the drifting turbulence
        streak *= F32(3.5)
        ridge = F32(1.0) - np.minimum(F32(1.0), np.abs(streak) * F32(1.6))
        n1c = (n1 - F32(N1_MEAN)) * F32(4.0)
        h = F32(0.24) + F32(0.36) * ridge + F32(0.22) * n1c + F32(0.10) * streak
        h += F32(0.14) * w
        h *= F32(0.45) + F32(0.55) * np.minimum(F32(1.0), w * F32(5.0))
        outside -= F32(1.0)
        h *= e_edge
        h *= outside
        np.negative(h, out=h)  # h * (1 - outside)
        return h

    @staticmethod
    def _corona(r: np.ndarray, n1: np.ndarray, soft: float) -> np.ndarray:
        """Heat (0..1, before presence) just outside the surface (r > 1 - half), flickering
        with the turbulence, fading to nothing at CORONA_REACH."""
        outside = (r - F32(1.0)) * F32(soft)
        outside += F32(0.5)
        np.clip(outside, 0.0, 1.0, out=outside)
        d = np.maximum(r - F32(1.0), F32(0.0))
        fall = np.maximum(F32(0.0), F32(1.0) - d * F32(1.0 / (CORONA_REACH - 1.0)))
        fall *= fall
        n1c = (n1 - F32(N1_MEAN)) * F32(4.0)
        corona = np.exp(d * F32(-10.0)) * (F32(0.62) + F32(0.25) * n1c)
        corona += np.exp(d * F32(-3.0)) * F32(0.14)
        corona *= fall
        corona *= outside
        return corona

    def _noise(self, field: NoiseField) -> QuadNoise:
        if self._quad is None or self._quad.field is not field:
            self._quad = QuadNoise(field)
        return self._quad


class QuadNoise:
    """The field's value noise (`world.noise.sample`), resampled for the renderer: each
    grid cell keeps its bilinear coefficients (a, b, c, d) in one table, so a sample is
    one gather and a + b tx + c ty + d tx ty, a third cheaper than four gathers."""

    def __init__(self, field: NoiseField):
        self.field = field
        g = field.grid
        right = np.roll(g, -1, axis=1)
        down = np.roll(g, -1, axis=0)
        diag = np.roll(down, -1, axis=1)
        self.table = np.stack([g, right - g, down - g, diag - down - right + g]).reshape(4, -1)
        self.table = self.table.astype(np.float32)

    def sample(self, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
        """Bilinear sample at grid coordinates (float32 arrays of one shape); writes gy."""
        fx = np.floor(gx)
        fy = np.floor(gy)
        tx = gx - fx
        ty = np.subtract(gy, fy, out=gy)
        ix = fx.astype(np.intp)  # numpy's own index type: the gather casts nothing
        ix &= NOISE_MASK
        cell = fy.astype(np.intp)
        cell &= NOISE_MASK
        cell *= NOISE_GRID
        cell += ix
        a, b, c, d = np.take(self.table, cell, axis=1)
        d *= ty
        d += b
        d *= tx
        d += a
        c *= ty
        d += c
        return d
