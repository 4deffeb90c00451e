"""Seeded, time-varying value noise, vectorised, for the turbulence of the shear band.

A small tileable grid of smooth random values is made once from the level's
generator. Sampling it is four gathers and a bilinear blend per point, cheap enough
for every particle in a step. Two layers drifting in different directions make the
pattern change over time without ever repeating visibly. The renderer samples the
same field, so what you see swirling is what pushes you.
"""

from __future__ import annotations

import math

import numpy as np

GRID = 128  # cells per side; a power of two so wrapping is a bit mask
MASK = GRID - 1


def _smooth_grid(rng: np.random.Generator) -> np.ndarray:
    """Sum of octaves of upsampled white noise, tileable, scaled to about [-1, 1]."""
    total = np.zeros((GRID, GRID), np.float64)
    amp = 1.0
    for cells in (8, 16, 32):
        coarse = rng.standard_normal((cells, cells))
        rep = GRID // cells
        # periodic bilinear upsampling keeps the grid tileable
        idx = np.arange(GRID) / rep
        i0 = np.floor(idx).astype(int) % cells
        i1 = (i0 + 1) % cells
        f = idx - np.floor(idx)
        f = f * f * (3 - 2 * f)
        rows = coarse[i0] * (1 - f)[:, None] + coarse[i1] * f[:, None]
        total += amp * (rows[:, i0] * (1 - f)[None, :] + rows[:, i1] * f[None, :])
        amp *= 0.5
    total /= np.abs(total).max()
    return total.astype(np.float32)


class NoiseField:
    def __init__(self, rng: np.random.Generator):
        self.grid = _smooth_grid(rng)
        self.flat = self.grid.ravel()
        angle = rng.uniform(0, 2 * np.pi)
        self.drift_a = np.float32(np.cos(angle)), np.float32(np.sin(angle))
        self.drift_b = np.float32(np.cos(angle + 2.1)), np.float32(np.sin(angle + 2.1))
        self.cells = self.flat.tolist()  # the same values as Python floats, for one point at a time

    def sample(self, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
        """Bilinear sample at grid coordinates (any float32 arrays of one shape)."""
        fx = np.floor(gx)
        fy = np.floor(gy)
        tx = gx - fx
        ty = gy - fy
        ix = fx.astype(np.int32) & MASK
        iy = fy.astype(np.int32) & MASK
        ix1 = (ix + 1) & MASK
        row0 = iy * GRID
        row1 = ((iy + 1) & MASK) * GRID
        flat = self.flat
        top = flat[row0 + ix]
        top += (flat[row0 + ix1] - top) * tx
        bottom = flat[row1 + ix]
        bottom += (flat[row1 + ix1] - bottom) * tx
        top += (bottom - top) * ty
        return top

    def sample_one(self, gx: float, gy: float) -> float:
        """`sample` at one point, in plain floats."""
        fx, fy = math.floor(gx), math.floor(gy)
        tx, ty = gx - fx, gy - fy
        ix, iy = int(fx) & MASK, int(fy) & MASK
        ix1 = (ix + 1) & MASK
        row0, row1 = iy * GRID, ((iy + 1) & MASK) * GRID
        cells = self.cells
        top = cells[row0 + ix]
        top += (cells[row0 + ix1] - top) * tx
        bottom = cells[row1 + ix]
        bottom += (cells[row1 + ix1] - bottom) * tx
        return top + (bottom - top) * ty

    def turbulence_one(self, u: float, v: float, t: float, scale: float, rate: float) -> tuple[float, float]:
        """`turbulence` at one point, in plain floats."""
        gx, gy = u / scale, v / scale
        s = t * rate
        ax, ay = float(self.drift_a[0]), float(self.drift_a[1])
        bx, by = float(self.drift_b[0]), float(self.drift_b[1])
        n1 = self.sample_one(gx + s * ax, gy + s * ay)
        n1 += self.sample_one(gx * 1.9 - s * bx, gy * 1.9 - s * by)
        n2 = self.sample_one(gy + 57.0 + s * bx, gx + 31.0 - s * by)
        return n1 * 0.6, n2

    def turbulence(self, u: np.ndarray, v: np.ndarray, t: float, scale: float, rate: float
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Two decorrelated noise values in [-1, 1] at points (u, v) metres, time t seconds."""
        inv = np.float32(1.0 / scale)
        gx = u * inv
        gy = v * inv
        s = np.float32(t * rate)
        ax, ay = self.drift_a
        bx, by = self.drift_b
        n1 = self.sample(gx + s * ax, gy + s * ay)
        n1 += self.sample(gx * np.float32(1.9) - s * bx, gy * np.float32(1.9) - s * by)
        n1 *= np.float32(0.6)
        n2 = self.sample(gy + np.float32(57.0) + s * bx, gx + np.float32(31.0) - s * by)
        return n1, n2
