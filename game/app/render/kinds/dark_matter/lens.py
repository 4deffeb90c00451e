"""Gravitational lensing: how the unseen dark-matter asteroid shows on screen.

A point-mass lens in screen space. Each star within the lens radius is replaced by its
two images: the primary pushed outward and the dim secondary flipped inside the
Einstein ring, both smeared into tangential arcs as long as the lens stretches them
(so stars right behind the asteroid become a ring of light). The low-resolution glow
(the ellipse's blaze, the haze) is warped by the inverse map, which conserves surface
brightness and bends the orange swirls round the asteroid; a faint ring of displaced
light marks the Einstein radius. All displacement tapers to nothing at the lens radius,
so the warp has no seam. Only what lies inside the lens is touched.
"""

from __future__ import annotations

import math

import numpy as np

F32 = np.float32
EINSTEIN_FRACTION = 0.36  # Einstein radius / lens radius
CORE_FRACTION = 0.5  # the glow's lens is softened inside this (of the Einstein radius)
STAR_SIZE_PX = 1.6  # how wide a star's image is before the lens stretches it
MAX_ARC_HALF_ANGLE = 1.25  # rad: the longest arc one star image becomes
RING_COLOUR = np.array([150.0, 175.0, 255.0], np.float32)  # displaced starlight, glow units
RING_GAIN = 55.0
DEEP_SOURCES = 4000  # faint far galaxies, too dim to see unless the lens magnifies them
DEEP_COLOUR = np.array([0.75, 0.85, 1.0], np.float32)
DEEP_THRESHOLD = 1.3  # magnification below which a deep source stays invisible
DEEP_GAIN = 70.0


class Lens:
    """Bends the stars and the glow round one point; `set` it each frame, `off` when gone."""

    def __init__(self, size: tuple[int, int], glow_size: tuple[int, int], seed: int = 0):
        self.w, self.h = size
        self.gw, self.gh = glow_size
        rng = np.random.Generator(np.random.PCG64(seed ^ 0x1E45))
        self.deep_x = rng.uniform(0, self.w, DEEP_SOURCES).astype(F32)
        self.deep_y = rng.uniform(0, self.h, DEEP_SOURCES).astype(F32)
        self.deep_b = rng.uniform(0.4, 1.0, DEEP_SOURCES).astype(F32) ** 2
        self.drift = (0.0, 0.0)  # px the deep field has slid (parallax)
        self.on = False
        self.cx = self.cy = 0.0  # screen px
        self.radius = 0.0  # px: nothing beyond it is moved
        self.einstein = 0.0  # px
        self.phase = 0.0  # slow drift of the ring's brightness

    def set(self, cx: float, cy: float, radius_px: float, strength: float, clock: float,
            drift: tuple[float, float] = (0.0, 0.0)) -> None:
        """Place the lens; strength 0..1 scales its Einstein radius (fades it in and out);
        drift is how far (px) the deep field behind it has slid with the camera."""
        self.cx, self.cy = float(cx), float(cy)
        self.drift = drift
        self.radius = float(radius_px)
        self.einstein = EINSTEIN_FRACTION * self.radius * max(0.0, min(1.0, strength))
        self.phase = clock
        r = self.radius
        self.on = (self.einstein > 0.5 and r > 4.0 and -r < cx < self.w + r
                   and -r < cy < self.h + r)

    def off(self) -> None:
        self.on = False

    def bend_points(self, pts: np.ndarray, closed: bool = True,
                    densify: bool = True) -> np.ndarray:
        """A polyline (n, 2) on screen as the lens shows it: its outer image. Segments
        near the lens are split first (unless `densify` is off, which keeps one output
        point per input point), so the bend is a curve, not a few kinks."""
        if not self.on or len(pts) < 1:
            return pts
        rad, te = self.radius, self.einstein
        pts = np.asarray(pts, np.float64)
        if densify and len(pts) > 1:
            # each point's next (the first again for a closed line): np.roll, the same
            # array, took 45 us here against 5
            nxt = np.concatenate([pts[1:], pts[:1] if closed else pts[-1:]])
            seg = np.hypot(*(nxt - pts).T)
            d0 = np.hypot(pts[:, 0] - self.cx, pts[:, 1] - self.cy)
            if not (d0 < rad + seg).any():
                return pts
            count = np.maximum(1, np.where(d0 < rad + seg, np.ceil(seg / 3.0), 1)
                               ).astype(np.int64)
            owner = np.repeat(np.arange(len(pts)), count)
            f = (np.arange(owner.size) - (np.cumsum(count) - count)[owner]) / count[owner]
            start = pts[owner]
            pts = start + (nxt[owner] - start) * f[:, None]
        dx = pts[:, 0] - self.cx
        dy = pts[:, 1] - self.cy
        d = np.hypot(dx, dy)
        near = d < rad
        d = np.maximum(d, 1e-3)
        taper = np.where(near, (1.0 - np.minimum(1.0, d / rad) ** 2) ** 2, 0.0)
        outer = (d + np.sqrt(d * d + 4.0 * te * te)) * 0.5
        k = 1.0 + taper * (outer / d - 1.0)
        out = np.empty_like(pts, dtype=np.float64)
        out[:, 0] = self.cx + dx * k
        out[:, 1] = self.cy + dy * k
        return out

    # ------------------------------------------------------------------ stars
    def bend(self, x: np.ndarray, y: np.ndarray, rgb: np.ndarray,
             big: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Star screen positions, colours and halo flags, with the lensed images swapped in."""
        if not self.on:
            return x, y, rgb, big
        x, y, rgb, big = self._deep(x, y, rgb, big)
        cx, cy, rad, te = F32(self.cx), F32(self.cy), self.radius, self.einstein
        dx = x - cx
        dy = y - cy
        d2 = dx * dx + dy * dy
        near = np.flatnonzero(d2 < F32(rad * rad))
        if near.size == 0:
            return x, y, rgb, big
        keep = np.ones(x.size, bool)
        keep[near] = False
        d = np.sqrt(d2[near]).astype(np.float64) + 1e-3
        ang = np.arctan2(dy[near], dx[near]).astype(np.float64)
        taper = (1.0 - (d / rad) ** 2) ** 2
        root = np.sqrt(d * d + 4.0 * te * te)
        r_plus = d + taper * ((d + root) * 0.5 - d)
        r_minus = taper * (root - d) * 0.5
        u = d / te
        mu_plus = (u * u + 2.0) / (2.0 * u * np.sqrt(u * u + 4.0)) + 0.5
        weak = np.minimum(1.0, (mu_plus - 1.0) / mu_plus * taper * 1.6)  # secondary / primary
        col = rgb[near].astype(np.float32)

        px, py, pc, pbig, owner = self._arcs(r_plus, ang, r_plus / d, col)
        sx, sy, sc, _, _ = self._arcs(r_minus, ang + math.pi, r_minus / d, col, weak)
        xs = np.concatenate([x[keep], px, sx])
        ys = np.concatenate([y[keep], py, sy])
        np.clip(xs, 0, self.w - 2.01, out=xs)
        np.clip(ys, 0, self.h - 2.01, out=ys)
        cols = np.concatenate([rgb[keep], pc, sc])
        bigs = np.concatenate([big[keep], pbig & big[near][owner], np.zeros(sx.size, bool)])
        return xs.astype(F32), ys.astype(F32), cols, bigs

    def _deep(self, x: np.ndarray, y: np.ndarray, rgb: np.ndarray, big: np.ndarray):
        """The deep field's images that the lens lifts above visibility, as extra stars."""
        rad, te = self.radius, self.einstein
        dx = self.deep_x - F32(self.drift[0])
        dy = self.deep_y - F32(self.drift[1])
        np.mod(dx, F32(self.w), out=dx)
        np.mod(dy, F32(self.h), out=dy)
        dx -= F32(self.cx)
        dy -= F32(self.cy)
        d2 = dx * dx + dy * dy
        near = np.flatnonzero(d2 < F32(rad * rad))
        if near.size == 0:
            return x, y, rgb, big
        d = np.sqrt(d2[near]).astype(np.float64) + 1e-3
        ang = np.arctan2(dy[near], dx[near]).astype(np.float64)
        taper = (1.0 - (d / rad) ** 2) ** 2
        root = np.sqrt(d * d + 4.0 * te * te)
        u = d / te
        mu_plus = (u * u + 2.0) / (2.0 * u * np.sqrt(u * u + 4.0)) + 0.5
        parts_x, parts_y, parts_c = [x], [y], [rgb]
        for radius, turn, mu in ((d + taper * ((d + root) * 0.5 - d), 0.0,
                                  1.0 + taper * (mu_plus - 1.0)),
                                 (taper * (root - d) * 0.5, math.pi, taper * (mu_plus - 1.0))):
            lit = np.flatnonzero(mu > DEEP_THRESHOLD)
            if lit.size == 0:
                continue
            level = np.minimum(1.0, (mu[lit] - DEEP_THRESHOLD) * 0.5) * self.deep_b[near[lit]]
            col = (DEEP_COLOUR[None, :] * (DEEP_GAIN + 140.0 * level[:, None])
                   * np.minimum(1.0, level * 4.0)[:, None])
            ax, ay, ac, _, _ = self._arcs(radius[lit], ang[lit] + turn, radius[lit] / d[lit],
                                          col.astype(np.float32))
            parts_x.append(ax.astype(F32))
            parts_y.append(ay.astype(F32))
            parts_c.append(ac)
        if len(parts_x) == 1:
            return x, y, rgb, big
        n_new = sum(p.size for p in parts_x[1:])
        xs = np.concatenate(parts_x)
        ys = np.concatenate(parts_y)
        np.clip(xs, 0, self.w - 2.01, out=xs)
        np.clip(ys, 0, self.h - 2.01, out=ys)
        return (xs, ys, np.concatenate(parts_c), np.concatenate([big, np.zeros(n_new, bool)]))

    def _arcs(self, radius: np.ndarray, ang: np.ndarray, stretch: np.ndarray, col: np.ndarray,
              gain: np.ndarray | float = 1.0):
        """Each image as a tangential arc sampled about every pixel."""
        half = np.minimum(MAX_ARC_HALF_ANGLE,
                          0.5 * STAR_SIZE_PX * np.maximum(1.0, stretch) / np.maximum(radius, 1.0))
        half *= (radius > 0.5)
        length = 2.0 * half * radius
        count = np.clip(np.ceil(length), 1, 400).astype(np.int64)
        owner = np.repeat(np.arange(radius.size), count)
        start = np.cumsum(count) - count
        k = np.arange(owner.size) - start[owner]
        f = np.where(count[owner] > 1, k / np.maximum(1, count[owner] - 1) * 2.0 - 1.0, 0.0)
        a = ang[owner] + f * half[owner]
        rr = radius[owner]
        xs = self.cx + np.cos(a) * rr
        ys = self.cy + np.sin(a) * rr
        g = np.asarray(gain, np.float64)
        g = g[owner] if g.ndim else np.full(owner.size, float(g))
        # arcs keep the star's surface brightness, fading at their tips; the ring's are brighter
        g = g * (1.0 - 0.55 * f * f) * (1.0 + 0.35 * np.minimum(1.0, (stretch[owner] - 1.0)))
        c = np.clip(col[owner] * g[:, None].astype(np.float32), 0, 255).astype(np.uint8)
        return xs, ys, c, count[owner] == 1, owner

    # ------------------------------------------------------------------ glow
    def warp_glow(self, glow: np.ndarray) -> None:
        """Bend the glow buffer (x-major, gw x gh x 3) in place, and add the Einstein ring."""
        if not self.on:
            return
        kx, ky = self.gw / self.w, self.gh / self.h
        gx, gy = self.cx * kx, self.cy * ky
        rg = self.radius * kx
        te = self.einstein * kx
        x0, x1 = max(0, int(gx - rg)), min(self.gw, int(gx + rg) + 2)
        y0, y1 = max(0, int(gy - rg)), min(self.gh, int(gy + rg) + 2)
        if x1 <= x0 or y1 <= y0:
            return
        dx = (np.arange(x0, x1, dtype=np.float32) + F32(0.5) - F32(gx))[:, None]
        dy = (np.arange(y0, y1, dtype=np.float32) + F32(0.5) - F32(gy))[None, :]
        d2 = dx * dx + dy * dy + F32(1e-3)
        ix, iy = np.nonzero(d2 < F32(rg * rg))  # only the pixels inside the lens
        if ix.size == 0:
            return
        ddx, ddy, dd2 = dx[ix, 0], dy[0, iy], d2[ix, iy]
        taper = (F32(1.0) - dd2 / F32(rg * rg)) ** 2
        # inverse map of a softened point mass (an extended body, no singular centre): a
        # pixel at distance d shows the source at d - te^2 d / (d^2 + core^2) (tapered)
        core2 = F32((CORE_FRACTION * te) ** 2)
        k = F32(1.0) - taper * F32(te * te) / (dd2 + core2)
        sx = np.clip((F32(gx) + ddx * k).astype(np.int32), 0, self.gw - 1)
        sy = np.clip((F32(gy) + ddy * k).astype(np.int32), 0, self.gh - 1)
        gx_i, gy_i = ix + x0, iy + y0
        # whole pixels (12 bytes) at a time: far quicker than gathering (n, 3) rows
        pixels = glow.reshape(-1, 3).view(np.dtype((np.void, 12))).reshape(-1)
        pixels[gx_i * self.gh + gy_i] = pixels[sx * self.gh + sy]  # gathered, then written
        # the ring of displaced light, in arcs that drift round it
        ring_r = te * math.sqrt(1.0 - CORE_FRACTION**2)  # where the stretch is endless
        width = max(1.0, te * 0.14)
        d = np.sqrt(dd2)
        band = np.flatnonzero(np.abs(d - F32(ring_r)) < F32(3.0 * width))
        if band.size == 0:
            return
        ring = np.exp(-((d[band] - F32(ring_r)) / F32(width)) ** 2)
        ang = np.arctan2(ddy[band], ddx[band])
        t = self.phase
        ring *= (F32(0.65) + F32(0.25) * np.sin(ang * F32(3.0) + F32(t * 0.7))
                 + F32(0.15) * np.sin(ang * F32(7.0) - F32(t * 1.3))) * F32(RING_GAIN)
        glow[gx_i[band], gy_i[band]] += ring[:, None] * (RING_COLOUR / F32(255.0))
