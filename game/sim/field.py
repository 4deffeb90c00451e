"""The graviton ellipse's field, evaluated for every body and particle at once.

In the ellipse's own frame each point has an elliptical radius r (1 on the surface):

* outside (r > 1): a softened pull toward the centre, falling off as 1/r^2;
* the shear band (eye < r <= 1): a strong tangential flow along the ellipse's
  contours, stirred by seeded time-varying turbulence, with an inward pull. Bodies
  are dragged toward the flow (coupling), and their speed against it tears hulls;
* the eye (r <= eye): calm; the eye carries what it holds gently along with it.

Forces come out as accelerations (m/s^2). Surge rings add a radial push where they
pass. Everything is float32 numpy; masks multiply rather than branch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.sim.world import World

F32 = np.float32


@dataclass(slots=True)
class FieldSample:
    acc: np.ndarray  # (N, 2) m/s^2
    r2: np.ndarray  # (N,) squared elliptical radius
    flow: np.ndarray  # (N, 2) m/s, the velocity the field drags toward
    band: np.ndarray  # (N,) float32 1 inside the shear band, else 0
    eye: np.ndarray  # (N,) float32 1 inside the calm eye, else 0


def eye_ratio_now(world: World) -> float:
    """The eye shrinks (the shear thickens) while the ellipse melts."""
    e = world.ellipse
    melt = melt_progress(world)
    return e.eye_ratio * (1.0 - 0.45 * melt)


def melt_progress(world: World) -> float:
    cfg = world.level.config.ellipse
    if cfg.melt_time <= 0:
        return 0.0
    return min(1.0, max(0.0, 1.0 - world.time_left / cfg.melt_time))


def sample_field(world: World, pos: np.ndarray, vel: np.ndarray,
                 grip: np.ndarray | None = None) -> FieldSample:
    """The field's acceleration on points at `pos` moving at `vel`.

    The costly parts (turbulence, contour normals) are computed only for the points
    in the shear band, usually a small share of them; the eye and the outside are a
    few multiplies each.
    """
    n = pos.shape[0]
    e = world.ellipse
    fc = world.level.config.field
    a_axis, b_axis = e.axes
    if e.presence <= 0.0 or a_axis <= 1.0 or n == 0:
        zeros2 = np.zeros((n, 2), np.float32)
        zeros = np.zeros(n, np.float32)
        return FieldSample(zeros2, np.full(n, np.inf, np.float32), zeros2.copy(), zeros, zeros)

    c, s = F32(math.cos(e.heading)), F32(math.sin(e.heading))
    dx = pos[:, 0] - F32(e.x)
    dy = pos[:, 1] - F32(e.y)
    # position in the ellipse frame, normalised by the axes
    un = dx * c
    un += dy * s
    un *= F32(1.0 / a_axis)
    vn = dy * c
    vn -= dx * s
    vn *= F32(1.0 / b_axis)
    r2 = un * un
    r2 += vn * vn
    eye = eye_ratio_now(world)
    outside_b = r2 > 1.0
    eye_b = r2 <= F32(eye * eye)
    in_eye = eye_b.astype(np.float32)
    band_b = ~(outside_b | eye_b)
    band = band_b.astype(np.float32)
    presence = F32(e.presence)
    evx, evy = F32(e.vx), F32(e.vy)

    # the calm eye and everything else by default: carried along with the ellipse
    flow = np.empty((n, 2), np.float32)
    flow[:, 0] = evx
    flow[:, 1] = evy
    coupling = in_eye * F32(fc.eye_coupling)
    acc = np.zeros((n, 2), np.float32)

    # outside: softened pull toward the centre, 1/r^2
    oi = np.flatnonzero(outside_b)
    if oi.size:
        odx, ody = dx[oi], dy[oi]
        soft2 = F32(fc.pull_softening**2)
        pull = F32(fc.pull_surface * (1.0 + fc.pull_softening**2)) / (r2[oi] + soft2)
        pull /= np.sqrt(odx * odx + ody * ody) + F32(1e-6)
        acc[oi, 0] = -odx * pull
        acc[oi, 1] = -ody * pull

    # the band: tangential flow along the contours, peaked mid-band, stirred by turbulence
    bi = np.flatnonzero(band_b)
    if bi.size:
        bun, bvn, bdx, bdy = un[bi], vn[bi], dx[bi], dy[bi]
        gu = bun * F32(1.0 / a_axis)
        gv = bvn * F32(1.0 / b_axis)
        glen = np.sqrt(gu * gu + gv * gv) + F32(1e-12)
        gu /= glen
        gv /= glen
        nx = gu * c - gv * s  # outward normal in world axes
        ny = gu * s + gv * c
        w = np.sqrt(r2[bi])
        w -= F32(eye)
        w *= F32(1.0 / max(1e-6, 1.0 - eye))
        profile = F32(4.0) * w * (F32(1.0) - w)
        n1, n2 = world.noise.turbulence(bun * F32(a_axis), bvn * F32(b_axis), world.t,
                                        fc.turbulence_scale, fc.turbulence_rate)
        turb = F32(fc.turbulence)
        along = F32(fc.shear_flow) * profile * (F32(1.0) + turb * n1)
        across = F32(fc.shear_flow * 0.45 * fc.turbulence) * profile * n2
        flow[bi, 0] = evx - ny * along + nx * across
        flow[bi, 1] = evy + nx * along + ny * across
        coupling[bi] = F32(fc.shear_coupling)
        # the flow curves round the ellipse: its centripetal pull keeps what it carries in
        # the band (with drag alone, bodies would be flung out), plus the band's inward pull
        dist = np.sqrt(bdx * bdx + bdy * bdy) + F32(1e-6)
        inward = F32(fc.shear_inward) + along * along / dist
        if grip is not None:
            inward *= grip[bi]
        acc[bi, 0] = -nx * inward
        acc[bi, 1] = -ny * inward

    # everything the field does scales with how far the ellipse has surfaced and with grip
    if grip is not None:
        g = grip * presence
        acc *= g[:, None]
        coupling *= g
    else:
        acc *= presence
        coupling *= presence
    acc[:, 0] += coupling * (flow[:, 0] - vel[:, 0])
    acc[:, 1] += coupling * (flow[:, 1] - vel[:, 1])
    return FieldSample(acc, r2, flow, band, in_eye)


def surge_accel(world: World, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Radial push of the surge rings on points, and how strongly each point is hit (0..1)."""
    n = pos.shape[0]
    acc = np.zeros((n, 2), np.float32)
    hit = np.zeros(n, np.float32)
    s = world.surges
    if not s.alive.any() or n == 0:
        return acc, hit
    cfg = world.level.config.ellipse
    half = F32(cfg.surge_width * 0.5)
    for i in np.flatnonzero(s.alive):
        dx = pos[:, 0] - s.x[i]
        dy = pos[:, 1] - s.y[i]
        d = np.sqrt(dx * dx + dy * dy) + F32(1e-6)
        fade = max(0.0, 1.0 - float(s.radius[i]) / cfg.surge_range)
        inside = (np.abs(d - s.radius[i]) < half).astype(np.float32) * F32(fade)
        push = inside * F32(cfg.surge_impulse)
        acc[:, 0] += dx / d * push
        acc[:, 1] += dy / d * push
        np.maximum(hit, inside, out=hit)
    return acc, hit
