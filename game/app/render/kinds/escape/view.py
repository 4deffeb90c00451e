"""What the escape level adds to the frame: the starship, where its beam can lock, the tow,
the clear line, the melting rim.

* Before the lock: round the starship, the reach of its beam (`lock_range`, a dashed
  ring); inside the ellipse the lock depth (`lock_depth` elliptical radii, a faint
  dashed contour), bright and pulsing where it lies within the beam's reach: the
  lock zone, where the shuttle must climb to. Where the starship is heading, "as
  close as it dares" (`starship_standoff`), a small station mark.
* After the lock: the beam from the starship's bow to the shuttle, wavering like the
  tow beam of the dark-matter level, green to red with its tension against the
  break tension; the clear line (`clear_ratio`), dashed, with chevrons pointing out.
* The ellipse melts all level long: as its time runs out its rim brightens and
  flickers and throws off drips of light.
* The camera follows the player's body through the handover (no jump: the lean takes
  up the difference and eases away) and widens to hold both ships once they are near.

The HUD's helm and lock panels are in `hud.py`.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.camera import MAX_LEAN, Camera
from game.app.render.effects import Effects, Kick, Ring
from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView
from game.app.render.kinds.escape import hud as escape_hud
from game.app.render.palette import ELLIPSE_RIM, SYSTEM_COLOURS, scaled, towards_white
from game.app.render.snapshot import View
from game.app.render.text import Text
from game.app.render.tow_beam import flicker, tension_colour
from game.app.render.vectors import Pen, exit_chevrons, hull_points
from game.levels import Level, ShipSpec
from game.sim.kinds.escape import config as escape_config
from game.sim.kinds.escape import state as escape_state
from game.sim.world import RESCUER, SHIP, Event, World

F32 = np.float32
TRACTOR = SYSTEM_COLOURS["tractor"]
STARSHIP = (120, 220, 255)
CLEAR = (120, 255, 170)
LOCK_LINE = (236, 205, 255)  # pale violet: reads on black and on the blaze alike
GUST = (255, 236, 190)  # the shear's pull on the towed shuttle: pale, to read on the blaze
LOCK_TINT = np.array([120.0, 70.0, 255.0], np.float32)  # the lock zone's haze
NEAR_M = 2000.0  # the view widens to hold the starship once it is this close
FRAME_MARGIN = 1.25  # room round both ships, across
FRAME_MARGIN_V = 1.9  # and up and down (the HUD's panels take the top and bottom)
MELT_FROM = 0.45  # share of the level after which the rim starts to show its melting


def spec_of(level: Level, world: World, i: int) -> ShipSpec:
    """The spec a body is drawn with: the player's now, the starship, else the level's ship."""
    if i == world.player.body:
        return world.spec
    if int(world.bodies.kind[i]) == RESCUER and "starship" in level.ships:
        return level.ships["starship"]
    return level.ship


def draw_other_ship(pen: Pen, level: Level, world: World, i: int, x: float, y: float, angle: float,
                    zoom: float, clock: float) -> None:
    """A ship the player does not fly: its own outline and colour, running lights, a drive glow."""
    spec = spec_of(level, world, i)
    size = max(spec.length * zoom, spec.min_screen_size)
    colour = tuple(int(c) for c in spec.color)
    hull = hull_points(spec.outline, x, y, angle, size)
    c, s = math.cos(angle), math.sin(angle)
    tail = min(p[0] for p in spec.outline)
    # the impulse drive's glow at the stern
    glow = 0.55 + 0.15 * math.sin(clock * 7.0)
    sx, sy = x + c * tail * size, y + s * tail * size
    pen.ring(sx, sy, max(2.5, size * 0.07), scaled((140, 190, 255), glow), width=2, glow=1.4 * glow,
             segments=12)
    pen.poly(hull, colour, width=2, glow=1.2)
    nose = (x + c * size * 0.55, y + s * size * 0.55)
    mid = (x - c * size * 0.2, y - s * size * 0.2)
    pen.line(mid, nose, scaled(colour, 0.7), width=1, glow=0.0)
    # running lights: port red, starboard green, blinking at the widest points of the hull
    if (clock * 1.2) % 1.0 < 0.35:
        ys = [p[1] for p in spec.outline]
        port, star = spec.outline[int(np.argmax(ys))], spec.outline[int(np.argmin(ys))]
        for (u, v), col in ((port, (255, 70, 60)), (star, (110, 255, 160))):
            px, py = x + (u * c - v * s) * size, y + (u * s + v * c) * size
            pen.ring(px, py, 2.0, col, width=2, glow=1.5, segments=8)


class EscapeView(KindView):
    name = "escape"

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)
        self.cfg = level.config.escape
        self.tractor = level.config.tractor
        self._th = np.linspace(0.0, 2.0 * math.pi, 240, endpoint=False)
        self._cos, self._sin = np.cos(self._th), np.sin(self._th)
        self._body: int | None = None
        self._body_pos = (0.0, 0.0)
        self.clear_point: tuple[float, float] | None = None
        self.zone_centre: tuple[float, float] | None = None  # screen, from the glow pass
        rng = np.random.Generator(np.random.PCG64(level.config.level.seed ^ 0xE5CA9E))
        self.drips = rng.random((14, 3))

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        st = escape_state(world)
        b = world.bodies
        for ev in events:
            if ev.kind == "handover":
                for j, r in ((st.starship, 140.0), (st.shuttle, 70.0)):
                    effects.rings.append(Ring(t, float(b.pos[j, 0]), float(b.pos[j, 1]), 0.9, 0.0, r, TRACTOR))
                effects.kicks.append(Kick(t, 0.3, TRACTOR))
            elif ev.kind == "starship_close":
                j = st.starship
                effects.rings.append(Ring(t, float(b.pos[j, 0]), float(b.pos[j, 1]), 1.2, 0.0, 160.0, STARSHIP))
            elif ev.kind == "clear":
                effects.rings.append(Ring(t, ev.x, ev.y, 1.6, 0.0, 300.0, CLEAR))

    # ------------------------------------------------------------------ camera
    def framing(self, world: World, view: View, cam: Camera, sx: float, sy: float,
                wanted: tuple[float, float, float]) -> tuple[float, float, tuple[float, float, float]]:
        """Follow the player's body (the starship after the handover) without a jump, and
        widen the view to hold the other ship once it is near."""
        st = escape_state(world)
        i = world.player.body
        px, py = float(view.pos[i, 0]), float(view.pos[i, 1])
        if self._body is not None and self._body != i:
            # the followed body changed: the lean takes up the difference, then eases away
            cam.lean_x += self._body_pos[0] - px
            cam.lean_y += self._body_pos[1] - py
        self._body = i
        self._body_pos = (px, py)
        width, lx, ly = wanted
        other = st.shuttle if i == st.starship else st.starship
        qx, qy = float(view.pos[other, 0]) - px, float(view.pos[other, 1]) - py
        if not (st.locked or math.hypot(qx, qy) < NEAR_M):
            return px, py, wanted
        aspect = cam.width / cam.height
        lx, ly = 0.5 * lx + 0.25 * qx, 0.5 * ly + 0.25 * qy  # toward the middle of the two

        def need(lx: float, ly: float) -> float:
            across = FRAME_MARGIN * max(abs(qx - lx), abs(lx))
            updown = FRAME_MARGIN_V * max(abs(qy - ly), abs(ly)) * aspect
            return 2.0 * max(across, updown)

        width = min(cam.max_view, max(width, need(lx, ly)))
        lx = max(-MAX_LEAN * width, min(MAX_LEAN * width, lx))
        ly = max(-MAX_LEAN * width / aspect, min(MAX_LEAN * width / aspect, ly))
        width = min(cam.max_view, max(width, need(lx, ly)))
        return px, py, (width, lx, ly)

    # ------------------------------------------------------------------ geometry
    def _contour(self, view: View, cam: Camera, a: float, b: float, ratio: float) -> tuple[np.ndarray, ...]:
        """A contour of elliptical radius `ratio`: screen (n, 2), world x, world y."""
        c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
        u = self._cos * (a * ratio)
        v = self._sin * (b * ratio)
        wx = view.ellipse_x + u * c - v * s
        wy = view.ellipse_y + u * s + v * c
        ox, oy = cam.origin()
        z = cam.zoom
        return np.stack([ox + wx * z, oy + wy * z], axis=1), wx, wy

    @staticmethod
    def _runs(pts: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
        """The stretches of a closed contour where `mask` holds, as point runs."""
        if not mask.any():
            return []
        if mask.all():
            return [np.vstack([pts, pts[:1]])]
        start = int(np.argmin(mask))
        mask = np.roll(mask, -start)
        pts = np.roll(pts, -start, axis=0)
        edges = np.flatnonzero(np.diff(mask.astype(np.int8)))
        bounds = np.concatenate([[0], edges + 1, [mask.size]])
        return [pts[b0:b1] for b0, b1 in zip(bounds[:-1], bounds[1:], strict=True)
                if mask[b0] and b1 - b0 >= 2]

    def station(self, world: World, view: View) -> tuple[float, float]:
        """Where the starship is heading: `starship_standoff` out, on the shuttle's side."""
        st = escape_state(world)
        a, b = world.ellipse.axes
        e = view
        x, y = float(view.pos[st.shuttle, 0]), float(view.pos[st.shuttle, 1])
        dx, dy = x - e.ellipse_x, y - e.ellipse_y
        d = math.hypot(dx, dy) or 1.0
        phi = math.atan2(dy, dx) - e.ellipse_heading
        rim = 1.0 / math.sqrt((math.cos(phi) / max(a, 1e-6)) ** 2 + (math.sin(phi) / max(b, 1e-6)) ** 2)
        k = rim * self.cfg.starship_standoff / d
        return e.ellipse_x + dx * k, e.ellipse_y + dy * k

    def bow(self, world: World, view: View) -> tuple[float, float]:
        """The beam's emitter at the starship's bow (world metres), as this frame shows it."""
        return self._bow(world, view.pos, view.angle)

    def bow_world(self, world: World) -> tuple[float, float]:
        """The same at the last step (not interpolated)."""
        return self._bow(world, world.bodies.pos, world.bodies.angle)

    def _bow(self, world: World, pos: np.ndarray, angle: np.ndarray) -> tuple[float, float]:
        j = escape_state(world).starship
        ang = float(angle[j])
        ahead = self.tractor.attach_offset * spec_of(self.level, world, j).length
        return float(pos[j, 0]) + math.cos(ang) * ahead, float(pos[j, 1]) + math.sin(ang) * ahead

    def melt(self, world: World) -> float:
        """0 while the ellipse is whole .. 1 as it vanishes."""
        if world.time_limit <= 0:
            return 0.0
        f = 1.0 - world.time_left / world.time_limit
        return max(0.0, min(1.0, (f - MELT_FROM) / (1.0 - MELT_FROM)))

    # ------------------------------------------------------------------ glow
    def glow(self, f: Frame, glow: np.ndarray) -> None:
        """The lock zone as a faint violet haze: within the beam's reach, above the lock depth."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        st = escape_state(world)
        self.zone_centre = None
        if st.locked or world.ellipse.gone:
            return
        j = st.starship
        kx = self.gw / self.w
        cx, cy = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
        rad = self.cfg.lock_range * cam.zoom * kx
        gx, gy = cx * kx, cy * kx
        x0, x1 = max(0, int(gx - rad)), min(self.gw, int(gx + rad) + 1)
        y0, y1 = max(0, int(gy - rad)), min(self.gh, int(gy + rad) + 1)
        if x1 <= x0 or y1 <= y0:
            return
        # glow pixel -> world
        z = cam.zoom
        ox, oy = cam.origin()
        wx = ((np.arange(x0, x1, dtype=np.float32) + F32(0.5)) / F32(kx) - F32(ox)) / F32(z)
        wy = ((np.arange(y0, y1, dtype=np.float32) + F32(0.5)) / F32(kx) - F32(oy)) / F32(z)
        r2 = world.elliptical_r2(wx[:, None], wy[None, :])
        px = (np.arange(x0, x1, dtype=np.float32) - F32(gx))[:, None]
        py = (np.arange(y0, y1, dtype=np.float32) - F32(gy))[None, :]
        within = (px * px + py * py) < F32(rad * rad)
        depth = F32(self.cfg.lock_depth ** 2)
        zone = within & (r2 >= depth) & (r2 < F32(1.0))
        pulse = 0.75 + 0.25 * math.sin(clock * 3.0)
        # tint, not just add: violet added to the blaze would only whiten it
        k = (zone.astype(np.float32) * F32(0.6 * pulse))[..., None]
        sub = glow[x0:x1, y0:y1]
        sub *= F32(1.0) - k
        sub += k * LOCK_TINT
        zi, zj = np.nonzero(zone)
        if zi.size > 4:
            self.zone_centre = ((x0 + zi.mean() + 0.5) / kx, (y0 + zj.mean() + 0.5) / kx)

    # ------------------------------------------------------------------ vectors
    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """Under the ships: the melting rim, the lock's reach and depth, the clear line, the beam."""
        world, view, cam, clock, a, b = f.world, f.view, f.cam, f.clock, f.a_axis, f.b_axis
        st = escape_state(world)
        e = world.ellipse
        present = e.presence > 0 and not e.gone and a > 1.0 and b > 1.0
        if present:
            self._melting_rim(pen, world, view, cam, clock, a, b)
        if not st.locked:
            self._lock_guides(pen, world, view, cam, clock, a, b, text, present)
        else:
            if present:
                self._clear_line(pen, world, view, cam, clock, a, b, text)
            self._beam(pen, world, view, cam, clock)
            if st.gust > 0.05:
                self._gust(pen, world, view, cam, clock, st.gust)

    def _gust(self, pen: Pen, world: World, view: View, cam: Camera, clock: float, gust: float) -> None:
        """A shear gust holding the shuttle: bands of the layer's orange streaming past it
        toward the ellipse's heart, as strong as the gust, so the hand sees it build."""
        i = escape_state(world).shuttle
        x, y = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
        if not (-80 < x < self.w + 80 and -80 < y < self.h + 80):
            return
        ex, ey = cam.to_screen(view.ellipse_x, view.ellipse_y)
        d = math.hypot(ex - x, ey - y) or 1.0
        ix, iy = (ex - x) / d, (ey - y) / d  # inward, where the gust drags her
        tx, ty = -iy, ix
        for k in range(7):
            f = ((clock * 1.6) + k / 7.0) % 1.0  # each streak runs past the shuttle and fades
            side = ((k * 37) % 7 - 3) * 13.0
            head = -60.0 + 150.0 * f
            bend = 8.0 * math.sin(clock * 3.0 + k)
            pts = [(x + ix * (head - 44.0 * s_) + tx * (side + bend * s_), y + iy * (head - 44.0 * s_)
                    + ty * (side + bend * s_)) for s_ in (0.0, 0.5, 1.0)]
            k_fade = gust * math.sin(math.pi * f)
            if pen.glow or k_fade > 0.45:  # a dim crisp line would darken the blaze under it
                pen.poly(pts, scaled(GUST, k_fade), closed=False, width=2, glow=1.3 * k_fade)

    def _melting_rim(self, pen: Pen, world: World, view: View, cam: Camera, clock: float, a: float,
                     b: float) -> None:
        m = self.melt(world)
        if m <= 0.0:
            return
        pts, _, _ = self._contour(view, cam, a, b, 1.0)
        if (pts[:, 0].max() < -50 or pts[:, 0].min() > self.w + 50 or pts[:, 1].max() < -50
                or pts[:, 1].min() > self.h + 50):
            return
        cx, cy = cam.to_screen(view.ellipse_x, view.ellipse_y)
        out = pts - (cx, cy)
        norm = np.hypot(out[:, 0], out[:, 1])[:, None] + 1e-6
        out /= norm
        th = self._th
        jag = (np.sin(th * 37.0 + clock * 6.1) * np.sin(th * 13.0 - clock * 3.7)) * (3.0 + 9.0 * m)
        fl = 0.65 + 0.35 * math.sin(clock * (6.0 + 10.0 * m)) * math.sin(clock * 2.9 + 1.0)
        # bright whatever the flicker (a dim crisp line would darken the blaze); the halo flickers
        col = towards_white(ELLIPSE_RIM, 0.3 + 0.6 * m * fl)
        pen.poly(pts + out * jag[:, None], col, width=1 if m < 0.5 else 2, glow=1.6 * m * fl)
        # drips of light thrown off the melting surface
        n = len(self._th)
        for k, (p0, rate, ln) in enumerate(self.drips):
            f = (clock * (0.3 + 0.4 * rate) + p0) % 1.0
            q = int((p0 * 997 + k * 61) % n)
            x, y = pts[q]
            if not (-40 < x < self.w + 40 and -40 < y < self.h + 40):
                continue
            ox, oy = out[q]
            d0, d1 = 4.0 + 40.0 * m * f, 4.0 + 40.0 * m * f + (6.0 + 18.0 * ln) * m
            k2 = (1.0 - f) * m
            if pen.glow or k2 > 0.35:
                pen.line((x + ox * d0, y + oy * d0), (x + ox * d1, y + oy * d1), col, width=2,
                         glow=1.5 * k2)

    def _lock_guides(self, pen: Pen, world: World, view: View, cam: Camera, clock: float, a: float,
                     b: float, text, present: bool) -> None:
        st = escape_state(world)
        j = st.starship
        cx, cy = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
        reach = self.cfg.lock_range
        i = st.shuttle
        gap = math.hypot(float(view.pos[i, 0] - view.pos[j, 0]), float(view.pos[i, 1] - view.pos[j, 1]))
        in_reach = gap <= reach
        ring_col = towards_white(TRACTOR, 0.45 if in_reach else 0.2)
        pen.ring(cx, cy, reach * cam.zoom, ring_col, width=1, glow=0.8 if in_reach else 0.4, segments=120,
                 dashed=not in_reach, ripple=1.0 if in_reach else 0.0, waves=9, phase=clock * 2.0)
        if text is not None and not pen.glow:
            text.draw(pen.target, "BEAM REACH", 16, scaled(TRACTOR, 0.9), (cx, cy - reach * cam.zoom - 12),
                      "center")
        # where the starship is heading, until it is there
        if not st.arrived:
            hx, hy = self.station(world, view)
            sx, sy = cam.to_screen(hx, hy)
            if -40 < sx < self.w + 40 and -40 < sy < self.h + 40:
                r = 7.0
                pen.poly([(sx + r, sy), (sx, sy + r), (sx - r, sy), (sx, sy - r)], scaled(STARSHIP, 0.7),
                         width=1, glow=0.6)
                pen.line((cx, cy), (sx, sy), scaled(STARSHIP, 0.3), width=1, glow=0.3)
                if text is not None and not pen.glow:
                    text.draw(pen.target, "AS CLOSE AS SHE DARES", 15, scaled(STARSHIP, 0.8), (sx, sy + 16),
                              "center")
        if not present:
            return
        # the lock depth: faint everywhere, bright where it lies within the beam's reach
        pts, wx, wy = self._contour(view, cam, a, b, self.cfg.lock_depth)
        pen.poly(pts, LOCK_LINE, width=1, glow=0.2, dashed=True)
        sxw, syw = float(view.pos[j, 0]), float(view.pos[j, 1])
        zone = (wx - sxw) ** 2 + (wy - syw) ** 2 <= reach * reach
        pulse = 0.7 + 0.3 * math.sin(clock * 3.0)
        runs = self._runs(pts, zone)
        for run in runs:
            pen.poly(run, LOCK_LINE, closed=False, width=3, glow=1.6 * pulse)
        if self.zone_centre is not None and text is not None and not pen.glow:
            text.draw(pen.target, "LOCK ZONE", 17, LOCK_LINE, self.zone_centre, "center")

    def _clear_line(self, pen: Pen, world: World, view: View, cam: Camera, clock: float, a: float, b: float,
                    text) -> None:
        ratio = self.cfg.clear_ratio
        pts, wx, wy = self._contour(view, cam, a, b, ratio)
        i = world.player.body
        px, py = float(view.pos[i, 0]), float(view.pos[i, 1])
        near = int(np.argmin((wx - px) ** 2 + (wy - py) ** 2))
        self.clear_point = (float(wx[near]), float(wy[near]))
        pen.poly(pts, towards_white(CLEAR, 0.4), width=1, glow=0.5, dashed=True)
        x, y = pts[near]
        if not (-60 < x < self.w + 60 and -60 < y < self.h + 60):
            return
        ex, ey = cam.to_screen(view.ellipse_x, view.ellipse_y)
        nx, ny = x - ex, y - ey
        d = math.hypot(nx, ny) or 1.0
        nx, ny = nx / d, ny / d
        exit_chevrons(pen, text, x, y, nx, ny, clock, CLEAR, "CLEAR")

    def _beam(self, pen: Pen, world: World, view: View, cam: Camera, clock: float) -> None:
        """From the starship's bow to the shuttle: a wavering double helix, coloured by tension."""
        link = world.tractor
        st = escape_state(world)
        if link.target < 0:
            return
        ax, ay = cam.to_screen(*self.bow(world, view))
        j = link.target
        mx, my = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
        dx, dy = mx - ax, my - ay
        length = math.hypot(dx, dy)
        if length < 3.0:
            return
        frac = max(0.0, link.tension) / min(self.tractor.break_tension, escape_config(world).strain_tension)
        col, fl = tension_colour(frac), flicker(clock, frac)
        n = max(16, int(length / 3.0))
        s = np.linspace(0.0, 1.0, n)
        nx, ny = -dy / length, dx / length
        sway = 0.05 * length * math.sin(clock * 1.7) * max(0.0, 1.0 - frac * 1.5)
        bow = np.sin(np.pi * s) * sway
        px, py = ax + dx * s + nx * bow, ay + dy * s + ny * bow
        core = np.stack([px, py], axis=1)
        spec = spec_of(self.level, world, j)
        grip = max(12.0, spec.length * cam.zoom * 0.7)
        env = np.sin(np.pi * s) ** 0.5
        wavelength = 14.0 + 8.0 * (1.0 - min(1.0, frac * 2.0))
        amp = (3.5 + 2.5 * max(0.0, 1.0 - frac * 2.5)) * (1.0 + 0.15 * math.sin(clock * 3.3))
        phase = s * length / wavelength * 2.0 * math.pi - clock * 9.0
        if pen.glow:
            pen.poly(core, scaled(col, 0.8 * fl), closed=False, width=5, glow=1.3 * fl)
        for strand in range(2):
            off = amp * env * np.sin(phase + strand * math.pi)
            pts = np.stack([px + nx * off, py + ny * off], axis=1)
            pen.poly(pts, scaled(towards_white(col, 0.3), fl), closed=False, width=2 if pen.glow else 1,
                     glow=0.9 * fl)
        pen.ring(ax, ay, 4.0 + 1.0 * math.sin(clock * 12.0), towards_white(col, 0.4), width=2, glow=1.4 * fl,
                 segments=12)
        pen.ring(mx, my, grip + 3.0, scaled(col, 0.45 * fl), width=1, glow=0.5 * fl, segments=40)
        spin = clock * 2.4
        for k in range(3):
            arc_t = spin + k * 2.0 * math.pi / 3.0 + np.linspace(-0.6, 0.6, 9)
            arc = np.stack([mx + np.cos(arc_t) * grip, my + np.sin(arc_t) * grip], axis=1)
            pen.poly(arc, scaled(towards_white(col, 0.35), fl), closed=False, width=2, glow=fl)
        if not pen.glow:  # pulses running from the emitter to the load
            for k in range(3):
                f = ((clock * 1.4) + k / 3.0) % 1.0
                q = min(n - 1, int(f * (n - 1)))
                pen.ring(float(px[q]), float(py[q]), 2.0, towards_white(col, 0.7), width=1, glow=0.0,
                         segments=8)
        del st

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        """The ship the player does not fly now: the starship, or the shuttle after the handover."""
        if f.world.bodies.kind[i] in (SHIP, RESCUER):
            draw_other_ship(pen, self.level, f.world, int(i), x, y, angle, f.cam.zoom, f.clock)

    # ------------------------------------------------------------------ HUD
    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        escape_hud.helm_panel(hud, s, world, clock)
        escape_hud.lock_panel(hud, s, world, clock)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """To the starship before the lock, to the clear line after it (when off screen)."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        st = escape_state(world)
        if not st.locked:
            j = st.starship
            hud.objective_arrow(surface, cam, world, float(view.pos[j, 0]), float(view.pos[j, 1]), "STARSHIP",
                                STARSHIP, clock)
        elif self.clear_point is not None:
            hud.objective_arrow(surface, cam, world, *self.clear_point, "CLEAR", CLEAR, clock)
