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


class _Scratch:
    """Preallocated work arrays for one array length: no allocation in the hot path."""

    def __init__(self, n: int):
        f = np.float32
        self.dx, self.dy = np.empty(n, f), np.empty(n, f)
        self.un, self.vn = np.empty(n, f), np.empty(n, f)
        self.r2, self.tmp = np.empty(n, f), np.empty(n, f)
        self.in_eye, self.band = np.empty(n, f), np.empty(n, f)
        self.coupling = np.empty(n, f)
        self.outside_b, self.eye_b, self.band_b = (np.empty(n, bool) for _ in range(3))
        self.acc, self.flow = np.empty((n, 2), f), np.empty((n, 2), f)


def _scratch(world: World, n: int, key: str | None) -> _Scratch:
    if key is None:
        return _Scratch(n)
    cache = world.field_scratch
    sc = cache.get((key, n))
    if sc is None:
        sc = cache[(key, n)] = _Scratch(n)
    return sc


def sample_field(world: World, pos: np.ndarray, vel: np.ndarray,
                 grip: np.ndarray | None = None, scratch: str | None = None,
                 active: np.ndarray | None = None) -> FieldSample:
    """The field's acceleration on points at `pos` moving at `vel`.

    The costly parts (turbulence, contour normals) are computed only for the points
    in the shear band, usually a small share of them; the eye and the outside are a
    few in-place multiplies each. With `scratch` (a name), work arrays are kept and
    reused between calls of that name: the arrays returned are then overwritten by
    the next such call. With `active` (a bool mask), the pull and the band are worked
    out only for the active points (free body slots need neither).
    """
    n = pos.shape[0]
    e = world.ellipse
    fc = world.level.config.field
    a_axis, b_axis = e.axes
    if e.presence <= 0.0 or a_axis <= 1.0 or n == 0:
        zeros2 = np.zeros((n, 2), np.float32)
        zeros = np.zeros(n, np.float32)
        return FieldSample(zeros2, np.full(n, np.inf, np.float32), zeros2.copy(), zeros, zeros)

    w_ = _scratch(world, n, scratch)
    dx, dy, un, vn, r2, tmp = w_.dx, w_.dy, w_.un, w_.vn, w_.r2, w_.tmp
    c, s = F32(math.cos(e.heading)), F32(math.sin(e.heading))
    np.subtract(pos[:, 0], F32(e.x), out=dx)
    np.subtract(pos[:, 1], F32(e.y), out=dy)
    # position in the ellipse frame, normalised by the axes
    np.multiply(dx, c, out=un)
    np.multiply(dy, s, out=tmp)
    un += tmp
    un *= F32(1.0 / a_axis)
    np.multiply(dy, c, out=vn)
    np.multiply(dx, s, out=tmp)
    vn -= tmp
    vn *= F32(1.0 / b_axis)
    np.multiply(un, un, out=r2)
    np.multiply(vn, vn, out=tmp)
    r2 += tmp
    eye = eye_ratio_now(world)
    outside_b = np.greater(r2, F32(1.0), out=w_.outside_b)
    eye_b = np.less_equal(r2, F32(eye * eye), out=w_.eye_b)
    band_b = np.logical_or(outside_b, eye_b, out=w_.band_b)
    np.logical_not(band_b, out=band_b)
    if active is not None:
        outside_b &= active
        band_b &= active
    in_eye, band = w_.in_eye, w_.band
    np.copyto(in_eye, eye_b)
    np.copyto(band, band_b)
    presence = F32(e.presence)
    evx, evy = F32(e.vx), F32(e.vy)

    # the calm eye and everything else by default: carried along with the ellipse
    flow = w_.flow
    flow[:, 0] = evx
    flow[:, 1] = evy
    coupling = np.multiply(in_eye, F32(fc.eye_coupling), out=w_.coupling)
    acc = w_.acc
    acc.fill(0.0)
    if fc.eye_swirl:
        # the eye turns slowly as a whole: debris and motes ride it in slow orbits
        omega = F32(fc.eye_swirl / max(1.0, eye * b_axis))
        np.multiply(in_eye, omega, out=tmp)
        tmp *= dy
        flow[:, 0] -= tmp
        np.multiply(in_eye, omega, out=tmp)
        tmp *= dx
        flow[:, 1] += tmp
        # and holds what it carries in orbit (centripetal pull of the rotation)
        np.multiply(in_eye, -omega * omega, out=tmp)
        np.multiply(tmp, dx, out=acc[:, 0])
        np.multiply(tmp, dy, out=acc[:, 1])

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
        # the flow curves round the ellipse: whatever circles in it is held on its curve
        # (v_t^2 / distance, so the swirl neither flings bodies out nor traps them), and the
        # band adds its own inward pull on top
        dist = np.sqrt(bdx * bdx + bdy * bdy) + F32(1e-6)
        v_t = (vel[bi, 1] - evy) * nx - (vel[bi, 0] - evx) * ny
        np.minimum(v_t * v_t, F32(2.0) * along * along, out=v_t)
        inward = F32(fc.shear_inward) + v_t / dist
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
    for axis in (0, 1):
        np.subtract(flow[:, axis], vel[:, axis], out=tmp)
        tmp *= coupling
        acc[:, axis] += tmp
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
    half = cfg.surge_width * 0.5
    for i in np.flatnonzero(s.alive):
        radius = float(s.radius[i])
        fade = max(0.0, 1.0 - radius / cfg.surge_range)
        dx = pos[:, 0] - s.x[i]
        dy = pos[:, 1] - s.y[i]
        d2 = dx * dx
        d2 += dy * dy
        # squared radii pick the points inside the ring; only those take square roots
        inner = max(0.0, radius - half) ** 2
        k = np.flatnonzero((d2 > F32(inner)) & (d2 < F32((radius + half) ** 2)))
        if k.size == 0:
            continue
        d = np.sqrt(d2[k]) + F32(1e-6)
        push = F32(cfg.surge_impulse * fade) / d
        acc[k, 0] += dx[k] * push
        acc[k, 1] += dy[k] * push
        hit[k] = np.maximum(hit[k], F32(fade))
    return acc, hit


@dataclass(slots=True)
class PointFrame:
    """What `field_at` and `surge_at` need of the ellipse this step, worked out once."""

    world: World
    ex: float
    ey: float
    cos: float
    sin: float
    a_axis: float
    b_axis: float
    eye: float
    evx: float
    evy: float
    presence: float
    surges: list[tuple[float, float, float, float]]  # x, y, radius, fade of the live rings


def point_frame(world: World) -> PointFrame | None:
    """The frame for this step's points, or None while the ellipse exerts no field."""
    e = world.ellipse
    a_axis, b_axis = e.axes
    s = world.surges
    cfg = world.level.config.ellipse
    surges = [(float(s.x[i]), float(s.y[i]), float(s.radius[i]),
               max(0.0, 1.0 - float(s.radius[i]) / cfg.surge_range)) for i in np.flatnonzero(s.alive)]
    present = e.presence > 0.0 and a_axis > 1.0
    if not present and not surges:
        return None
    return PointFrame(world, e.x, e.y, math.cos(e.heading), math.sin(e.heading), a_axis, b_axis,
                      eye_ratio_now(world), e.vx, e.vy, e.presence if present else 0.0, surges)


def field_at(fr: PointFrame, x: float, y: float, vx: float, vy: float, grip: float = 1.0
             ) -> tuple[float, float, float, float, float, bool, bool]:
    """`sample_field` at one point, in plain floats: (ax, ay, r2, flow_x, flow_y, band, eye).

    The step asks this of each point when only a few need the field that step: for a
    handful of points, numpy's cost per call is most of the work. The same rules as
    `sample_field` (a test holds the two together).
    """
    if fr.presence <= 0.0:
        return 0.0, 0.0, math.inf, 0.0, 0.0, False, False
    world = fr.world
    fc = world.level.config.field
    a_axis, b_axis, c, s, eye = fr.a_axis, fr.b_axis, fr.cos, fr.sin, fr.eye
    dx, dy = x - fr.ex, y - fr.ey
    un = (dx * c + dy * s) / a_axis
    vn = (dy * c - dx * s) / b_axis
    r2 = un * un + vn * vn
    evx, evy = fr.evx, fr.evy
    fx, fy, coupling, ax, ay = evx, evy, 0.0, 0.0, 0.0
    in_eye = r2 <= eye * eye
    band = not in_eye and r2 <= 1.0
    if in_eye:
        coupling = fc.eye_coupling
        if fc.eye_swirl:
            omega = fc.eye_swirl / max(1.0, eye * b_axis)
            fx -= omega * dy
            fy += omega * dx
            ax, ay = -omega * omega * dx, -omega * omega * dy
    elif not band:
        soft2 = fc.pull_softening ** 2
        pull = fc.pull_surface * (1.0 + soft2) / (r2 + soft2) / (math.sqrt(dx * dx + dy * dy) + 1e-6)
        ax, ay = -dx * pull, -dy * pull
    else:
        gu, gv = un / a_axis, vn / b_axis
        glen = math.sqrt(gu * gu + gv * gv) + 1e-12
        gu, gv = gu / glen, gv / glen
        nx, ny = gu * c - gv * s, gu * s + gv * c
        w = (math.sqrt(r2) - eye) / max(1e-6, 1.0 - eye)
        profile = 4.0 * w * (1.0 - w)
        n1, n2 = world.noise.turbulence_one(un * a_axis, vn * b_axis, world.t, fc.turbulence_scale,
                                            fc.turbulence_rate)
        along = fc.shear_flow * profile * (1.0 + fc.turbulence * n1)
        across = fc.shear_flow * 0.45 * fc.turbulence * profile * n2
        fx = evx - ny * along + nx * across
        fy = evy + nx * along + ny * across
        coupling = fc.shear_coupling
        dist = math.sqrt(dx * dx + dy * dy) + 1e-6
        v_t = (vy - evy) * nx - (vx - evx) * ny
        v_t = min(v_t * v_t, 2.0 * along * along)
        inward = (fc.shear_inward + v_t / dist) * grip
        ax, ay = -nx * inward, -ny * inward
    g = grip * fr.presence
    ax, ay, coupling = ax * g, ay * g, coupling * g
    ax += (fx - vx) * coupling
    ay += (fy - vy) * coupling
    return ax, ay, r2, fx, fy, band, in_eye


def surge_at(fr: PointFrame, x: float, y: float) -> tuple[float, float, float]:
    """`surge_accel` at one point, in plain floats: (ax, ay, hit)."""
    ax = ay = hit = 0.0
    if not fr.surges:
        return ax, ay, hit
    cfg = fr.world.level.config.ellipse
    half = cfg.surge_width * 0.5
    for sx, sy, radius, fade in fr.surges:
        dx, dy = x - sx, y - sy
        d2 = dx * dx + dy * dy
        if not max(0.0, radius - half) ** 2 < d2 < (radius + half) ** 2:
            continue
        push = cfg.surge_impulse * fade / (math.sqrt(d2) + 1e-6)
        ax += dx * push
        ay += dy * push
        hit = max(hit, fade)
    return ax, ay, hit
