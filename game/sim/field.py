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
    """The field's acceleration on points at `pos` moving at `vel`."""
    n = pos.shape[0]
    e = world.ellipse
    fc = world.level.config.field
    a_axis, b_axis = e.axes
    if e.presence <= 0.0 or a_axis <= 1.0 or n == 0:
        zeros2 = np.zeros((n, 2), np.float32)
        zeros = np.zeros(n, np.float32)
        return FieldSample(zeros2, np.full(n, np.inf, np.float32), zeros2.copy(), zeros, zeros)

    c, s = math.cos(e.heading), math.sin(e.heading)
    dx = pos[:, 0] - F32(e.x)
    dy = pos[:, 1] - F32(e.y)
    # position in the ellipse frame, normalised by the axes
    u = dx * F32(c) + dy * F32(s)
    v = dy * F32(c) - dx * F32(s)
    un = u * F32(1.0 / a_axis)
    vn = v * F32(1.0 / b_axis)
    r2 = un * un + vn * vn
    eye = eye_ratio_now(world)
    outside = (r2 > 1.0).astype(np.float32)
    in_eye = (r2 <= F32(eye * eye)).astype(np.float32)
    band = F32(1.0) - outside - in_eye
    presence = F32(e.presence)

    # outward normal of the contour through each point (gradient of r^2), in the frame
    gu = un * F32(1.0 / a_axis)
    gv = vn * F32(1.0 / b_axis)
    glen = np.sqrt(gu * gu + gv * gv) + F32(1e-12)
    gu /= glen
    gv /= glen
    # to world axes: normal (nx, ny); tangent is the normal turned a quarter
    nx = gu * F32(c) - gv * F32(s)
    ny = gu * F32(s) + gv * F32(c)

    # outside: softened pull toward the centre
    soft2 = F32(fc.pull_softening**2)
    pull = F32(fc.pull_surface * (1.0 + fc.pull_softening**2)) / (r2 + soft2)
    pull *= outside
    dist = np.sqrt(dx * dx + dy * dy) + F32(1e-6)
    acc = np.empty((n, 2), np.float32)
    acc[:, 0] = -dx / dist * pull
    acc[:, 1] = -dy / dist * pull

    # the band's flow: tangential, peaked mid-band, stirred by turbulence
    r = np.sqrt(r2)
    w = np.clip((r - F32(eye)) * F32(1.0 / max(1e-6, 1.0 - eye)), 0.0, 1.0)
    profile = F32(4.0) * w * (F32(1.0) - w) * band
    n1, n2 = world.noise.turbulence(u, v, world.t, fc.turbulence_scale, fc.turbulence_rate)
    turb = F32(fc.turbulence)
    along = F32(fc.shear_flow) * profile * (F32(1.0) + turb * n1)
    across = F32(fc.shear_flow * 0.45) * profile * turb * n2
    flow = np.empty((n, 2), np.float32)
    flow[:, 0] = F32(e.vx) - ny * along + nx * across
    flow[:, 1] = F32(e.vy) + nx * along + ny * across

    coupling = band * F32(fc.shear_coupling) + in_eye * F32(fc.eye_coupling)
    if grip is not None:
        coupling = coupling * grip
    coupling *= presence
    # the flow curves round the ellipse: its centripetal pull keeps what it carries in
    # the band (with drag alone, bodies would be flung out), plus the band's own inward pull
    inward = band * (F32(fc.shear_inward) + along * along / dist) * presence
    if grip is not None:
        inward = inward * grip
    acc *= presence if grip is None else (presence * grip)[:, None]
    acc[:, 0] += coupling * (flow[:, 0] - vel[:, 0]) - nx * inward
    acc[:, 1] += coupling * (flow[:, 1] - vel[:, 1]) - ny * inward
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
