"""What the dark-matter level adds to the frame: lensing, the tow beam, the shock front,
the exit line.

* the asteroid is never drawn: its `Lens` bends the starfield and the glow round its
  screen position, and fades out once it has struck;
* the tractor beam that tows the module: a wavering double helix from the ship's
  attach point to the module, green when slack, amber, then red and flickering as its
  tension nears the break tension; when it breaks, its two ends whip back and spark;
* the impact: a white flash (not with reduce-motion) and a glare at the impact point;
  then the front, a thick rippling ring of radius `shock_radius` and the level's width,
  fading as exp(-radius / decay): a soft band in the glow buffer plus crisp rippling
  edges; a hard camera shake when it reaches the ship (not with reduce-motion);
* the exit line: the ellipse's contour at the exit ratio, a faint dashed line marked
  CLEAR, with chevrons at the nearest point pointing the way out.

Everything is computed from the world's state and the render clock (ages from
`impact_time`, `hit_player_at`, `broken_at`), so a frame looks the same however it
was reached; events only launch the sparks. The HUD's parts are in `hud.py`.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.camera import Camera
from game.app.render.effects import Burst, Effects
from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView
from game.app.render.kinds.dark_matter import hud as dark_hud
from game.app.render.kinds.dark_matter.lens import Lens
from game.app.render.module import TOWED_MIN_PX, draw_module_body
from game.app.render.palette import RED, lift, scaled, towards_white
from game.app.render.snapshot import View
from game.app.render.text import Text
from game.app.render.tow_beam import flicker, tension_colour
from game.app.render.vectors import Pen, exit_chevrons
from game.headless import Summary
from game.levels import Level
from game.sim.kinds.dark_matter import asteroid_of, countdown
from game.sim.world import Event, World

F32 = np.float32
SHOCK_EDGE = np.array([235.0, 245.0, 255.0], np.float32)  # the front's leading edge
SHOCK_BODY = np.array([120.0, 200.0, 255.0], np.float32)
SHOCK_WAKE = np.array([60.0, 60.0, 210.0], np.float32)
SHOCK_LINE = (200, 235, 255)
# Points round each of the front's edges: at least 12 a wave of its finest ripple (29
# waves round), where a chord strays under a quarter of a pixel from the wave (6 px high
# at most: 0.19-0.23 px measured at 60-900 px radius).
# Each edge is drawn three times a frame (halo, solid, antialiased); 720 points took the
# underlay's lines 0.5 ms a frame while the front is on screen.
SHOCK_POINTS = 360
SHOCK_GAIN = 210.0  # glow units at full strength
HIT_GLOW = np.array([60.0, 90.0, 120.0], np.float32)  # the whole frame lit as the front hits
CLEAR = (120, 255, 170)
LENS_FADE_S = 1.2  # after impact the lens fades out in this time
FLASH_S = 1.4  # the impact's white flash
FLASH_GAIN = 150.0
GLARE_S = 1.8  # the glare where it struck
GLARE_TINT = (F32(1.0), F32(0.95), F32(1.0))  # the glare's colour, per unit of its light
HIT_SHAKE_PX = 30.0  # camera shake when the front reaches the ship
HIT_SHAKE_DECAY = 1.8  # 1/s
SNAP_S = 0.75  # the broken beam's whip
EMBER_PALETTE, SPARK_PALETTE = 7, 2  # rows of the point layer's colour tables


def _bump(u: np.ndarray) -> np.ndarray:
    """A smooth hump: 1 at 0, 0 from |u| >= 1 (a cheap stand-in for a gaussian)."""
    v = np.maximum(F32(0.0), F32(1.0) - u * u)
    return v * v


class DarkMatterView(KindView):
    name = "dark_matter"
    hatch_dead_systems = True  # the shock front knocks systems out

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)
        cfg = level.config
        self.tractor = cfg.tractor
        self.asteroid = cfg.asteroid
        self.shock = cfg.shock
        self.lens = Lens(size, glow_size, cfg.level.seed)
        self.deep_parallax = 0.012 * size[0] / cfg.view.min_view_width  # px per metre
        self.rng = np.random.Generator(np.random.PCG64(cfg.level.seed ^ 0xDA4C3A77))
        self._th = np.linspace(0.0, 2.0 * math.pi, 720, endpoint=False)
        self._cos, self._sin = np.cos(self._th), np.sin(self._th)
        # the front's rippling edges: SHOCK_POINTS round, whatever their size on screen
        self._ring_th = np.linspace(0.0, 2.0 * math.pi, SHOCK_POINTS, endpoint=False)
        self._ring_cos, self._ring_sin = np.cos(self._ring_th), np.sin(self._ring_th)
        self._ang_bins = np.linspace(-math.pi, math.pi, 1024, endpoint=False).astype(F32)
        self._zoom = 1.0
        self._origin = (0.0, 0.0)
        self._to_screen = None
        self._runs_key: tuple | None = None
        self._runs: list = []
        self._exit: tuple = (None, None)  # (frame, its exit contour): see _exit_of
        self.exit_point: tuple[float, float] | None = None  # nearest way out (world m)

    # ------------------------------------------------------------------ events
    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        """Where the front left the module (what the salvage starts from) and what it knocked out."""
        if summary.outcome not in ("won", "story"):
            return []
        from game.sim.kinds.dark_matter import systems_phrase

        near = "close by" if summary.outcome == "won" else "far away"
        return [("The Ares IV", f"{near}, {float(summary.measures.get('module_distance', 0)):.0f} m"),
                ("Knocked out", systems_phrase([str(n) for n in summary.measures.get("systems", [])]))]

    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        """Sparks: the snapped beam, the front striking the hull."""
        for ev in events:
            if ev.kind == "beam_broken":
                (ax, ay), (mx, my) = self._beam_ends_world(world)
                mid_x, mid_y = (ax + mx) * 0.5, (ay + my) * 0.5
                self._burst(effects, t, mid_x, mid_y, 60, 320.0, SPARK_PALETTE)
                self._burst(effects, t, ax, ay, 24, 160.0, EMBER_PALETTE)
            elif ev.kind == "shock_hit":
                self._burst(effects, t, ev.x, ev.y, 70, 340.0, SPARK_PALETTE)

    def _burst(self, effects: Effects, t: float, x: float, y: float, count: int, speed: float,
               palette: int) -> None:
        ang = self.rng.uniform(0, 2 * math.pi, count)
        sp = speed * self.rng.uniform(0.2, 1.0, count)
        dirs = np.stack([np.cos(ang) * sp, np.sin(ang) * sp], axis=1).astype(np.float32)
        life = self.rng.uniform(0.3, 0.8, count).astype(np.float32)
        effects.bursts.append(Burst(t, x, y, dirs, life, palette))

    def _beam_ends_world(self, world: World) -> tuple[tuple[float, float], tuple[float, float]]:
        b = world.bodies
        i = world.player.body
        j = world.tractor.target if world.tractor.target >= 0 else world.module
        ang = float(b.angle[i])
        back = self.tractor.attach_offset * world.spec.length
        ax = float(b.pos[i, 0]) - math.cos(ang) * back
        ay = float(b.pos[i, 1]) - math.sin(ang) * back
        if j < 0:
            return (ax, ay), (ax, ay)
        return (ax, ay), (float(b.pos[j, 0]), float(b.pos[j, 1]))

    # ------------------------------------------------------------------ frame
    def frame(self, f: Frame, points) -> None:
        """Per frame, after the camera has its shake: add the hit's shake, place the lens."""
        world, cam, clock = f.world, f.cam, f.clock
        ast = asteroid_of(world)
        if ast is not None and ast.hit_player_at >= 0 and not self.reduce_motion:
            age = clock - ast.hit_player_at
            if 0.0 <= age < 3.0:
                mag = HIT_SHAKE_PX * math.exp(-HIT_SHAKE_DECAY * age)
                cam.shake_x += mag * (0.6 * math.sin(age * 61.0) + 0.4 * math.sin(age * 27.0 + 2))
                cam.shake_y += mag * (0.6 * math.sin(age * 53.0 + 1) + 0.4 * math.sin(age * 31.0))
        self._zoom = cam.zoom
        self._origin = cam.origin()
        self._to_screen = cam.to_screen
        self.lens.off()
        if ast is not None and self.asteroid is not None:
            strength = 1.0
            if ast.impacted:
                strength = max(0.0, 1.0 - (clock - self.asteroid.impact_time) / LENS_FADE_S)
            if strength > 0.0:
                x, y = cam.to_screen(ast.x, ast.y)
                p = self.deep_parallax
                self.lens.set(x, y, self.asteroid.lens_radius * cam.zoom, strength, clock,
                              (cam.x * p, cam.y * p))
        points.lens = self.lens

    # ------------------------------------------------------------------ glow
    def glow(self, f: Frame, glow: np.ndarray) -> None:
        """Into the glow buffer (x-major, 0..255): the lens, the front, the impact's light,
        the flare where the beam snapped."""
        world, clock, reduce_motion = f.world, f.clock, self.reduce_motion
        self.lens.warp_glow(glow)
        snap = clock - world.tractor.broken_at
        if world.tractor.broken_at >= 0 and world.tractor.target < 0 and 0.0 <= snap < SNAP_S:
            (ax, ay), (mx, my) = self._beam_ends_world(world)
            self._glare(glow, (ax + mx) * 0.5, (ay + my) * 0.5, snap, 20.0, 60.0, 5.0, 160.0)
        ast = asteroid_of(world)
        if ast is None or not ast.impacted or self.asteroid is None:
            return
        age = clock - self.asteroid.impact_time
        if ast.shock_radius >= 0:
            self._shock_glow(glow, ast.shock_x, ast.shock_y, ast.shock_radius, clock)
        if 0.0 <= age < GLARE_S:
            self._glare(glow, ast.shock_x, ast.shock_y, age, 120.0, 500.0, 2.2, 220.0)
        if not reduce_motion and 0.0 <= age < FLASH_S:
            k = math.exp(-4.0 * age) * (1.0 - age / FLASH_S)
            glow += F32(FLASH_GAIN * k)
        if not reduce_motion and ast.hit_player_at >= 0:
            hit = clock - ast.hit_player_at
            if 0.0 <= hit < 0.8:
                lift(glow, HIT_GLOW * F32(math.exp(-5.0 * hit)))

    def _to_glow(self, x: float, y: float) -> tuple[float, float, float]:
        """World point -> glow buffer (x, y) and glow pixels per metre."""
        kx = self.gw / self.w
        ox, oy = self._origin
        z = self._zoom
        return (ox + x * z) * kx, (oy + y * z) * kx, z * kx

    def strength(self, radius: float) -> float:
        """How strong the front is at this radius (as the simulation decays its push)."""
        return math.exp(-radius / self.shock.decay)

    def _shock_glow(self, glow: np.ndarray, x: float, y: float, radius: float,
                    clock: float) -> None:
        gx, gy, k = self._to_glow(x, y)
        r = radius * k
        half = max(1.5, self.shock.width * 0.5 * k)
        lead, tail = half * 1.25, half * 3.0  # the soft band ahead and the wake behind
        # only the glow pixels the band can touch
        x0, x1 = max(0, int(gx - r - lead)), min(self.gw, int(gx + r + lead) + 1)
        y0, y1 = max(0, int(gy - r - lead)), min(self.gh, int(gy + r + lead) + 1)
        if x1 <= x0 or y1 <= y0:
            return
        dx = (np.arange(x0, x1, dtype=np.float32) + F32(0.5) - F32(gx))[:, None]
        dy = (np.arange(y0, y1, dtype=np.float32) + F32(0.5) - F32(gy))[None, :]
        d2 = dx * dx + dy * dy
        inner = max(0.0, r - tail)
        ix, iy = np.nonzero((d2 > F32(inner * inner)) & (d2 < F32((r + lead) ** 2)))
        if ix.size == 0:
            return
        ddx, ddy = dx[ix, 0], dy[0, iy]
        q = (np.sqrt(d2[ix, iy]) - F32(r)) / F32(half)  # -tail/half .. lead/half
        # round the ring (looked up by angle): the edge wanders, the light is patchy
        th = self._ang_bins
        wander_t = (F32(0.18) * np.sin(th * F32(13.0) + F32(clock * 3.1))
                    + F32(0.12) * np.sin(th * F32(29.0) - F32(clock * 5.3)))
        patchy_t = F32(0.8) + F32(0.2) * np.sin(th * F32(5.0) - F32(clock * 0.9))
        nb = th.size
        b = ((np.arctan2(ddy, ddx) + F32(math.pi)) * F32(nb / (2.0 * math.pi))).astype(np.int32)
        np.minimum(b, nb - 1, out=b)
        q -= wander_t[b]
        # across it: a bright leading edge, the body with ripples running back, a wake
        edge = _bump((q - F32(0.85)) / F32(0.3))
        ripples = F32(0.5) + F32(0.5) * np.sin(q * F32(9.0) + F32(clock * 11.0))
        front = np.clip((F32(1.12) - q) / F32(0.12), 0.0, 1.0)  # nothing ahead of the edge
        body = _bump((q - F32(0.3)) / F32(1.0)) * front * (F32(0.55) + F32(0.45) * ripples)
        behind = np.maximum(F32(0.0), -(q + F32(0.6))) * F32(1.1)
        wake = front * F32(0.35) * (F32(0.7) + F32(0.3) * ripples) / (F32(1.0) + behind * behind)
        gain = F32(SHOCK_GAIN * self.strength(radius) * min(1.0, 0.3 + radius / 400.0) / 255.0)
        lit = patchy_t[b] * gain
        flat = (ix + x0) * self.gh + (iy + y0)
        plane = glow.reshape(-1, 3)
        for ch in range(3):
            add = (edge * SHOCK_EDGE[ch] + body * SHOCK_BODY[ch] + wake * SHOCK_WAKE[ch]) * lit
            column = plane[:, ch]  # a strided view: writing through it writes the glow
            column[flat] += add

    def _glare(self, glow: np.ndarray, x: float, y: float, age: float, r0: float,
               grow: float, decay: float, gain: float) -> None:
        """A soft white blob of light at a world point, growing and fading with age."""
        gx, gy, k = self._to_glow(x, y)
        rad = max(2.0, (r0 + grow * min(1.0, age)) * k)
        x0, x1 = max(0, int(gx - rad * 2)), min(self.gw, int(gx + rad * 2) + 1)
        y0, y1 = max(0, int(gy - rad * 2)), min(self.gh, int(gy + rad * 2) + 1)
        if x1 <= x0 or y1 <= y0:
            return
        dx = (np.arange(x0, x1, dtype=np.float32) - F32(gx))[:, None]
        dy = (np.arange(y0, y1, dtype=np.float32) - F32(gy))[None, :]
        blob = np.exp(-(dx * dx + dy * dy) / F32(rad * rad))
        blob *= F32(math.exp(-decay * age) * gain)
        # a channel at a time: no (w, h, 3) temporary, the same sums
        for ch, tint in enumerate(GLARE_TINT):
            region = glow[x0:x1, y0:y1, ch]  # a strided view of the glow
            region += blob * tint if tint != F32(1.0) else blob

    # ------------------------------------------------------------------ vectors
    def bend(self, pts: np.ndarray) -> np.ndarray:
        """The unseen asteroid bends the rim's light too."""
        return self.lens.bend_points(pts)

    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """Both passes (halo and crisp): exit line, front edges, the beam or its snap."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        self._exit_line(pen, f, text)
        ast = asteroid_of(world)
        if pen.glow and ast is not None and ast.shock_radius >= 0:
            cx, cy = cam.to_screen(ast.shock_x, ast.shock_y)
            for run, col, width, glow in self._shock_runs(cx, cy, ast.shock_radius, clock):
                pen.poly(run, col, closed=False, width=width, glow=glow)
        if world.tractor.target >= 0:
            self._beam(pen, world, view, cam, clock)
        elif pen.glow:
            self._snapping(pen, world, view, cam, clock)

    def _snapping(self, pen: Pen, world: World, view: View, cam: Camera, clock: float) -> None:
        link = world.tractor
        if link.target < 0 and link.broken_at >= 0 and 0.0 <= clock - link.broken_at < SNAP_S:
            self._snap(pen, world, view, cam, clock - link.broken_at)

    def _ends(self, world: World, view: View, cam: Camera, j: int):
        i = world.player.body
        ang = float(view.angle[i])
        back = self.tractor.attach_offset * world.spec.length
        ax, ay = cam.to_screen(float(view.pos[i, 0]) - math.cos(ang) * back,
                               float(view.pos[i, 1]) - math.sin(ang) * back)
        mx, my = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
        return ax, ay, mx, my

    def _beam_shape(self, world: World, view: View, cam: Camera, clock: float):
        """Where the beam runs this frame and how it looks (None when there is no beam)."""
        link = world.tractor
        j = link.target
        if j < 0 or not world.bodies.alive[j]:
            return None
        ax, ay, mx, my = self._ends(world, view, cam, j)
        dx, dy = mx - ax, my - ay
        length = math.hypot(dx, dy)
        if length < 3.0:
            return None
        frac = max(0.0, link.tension) / self.tractor.break_tension
        n = max(12, int(length / 2.5))
        s = np.linspace(0.0, 1.0, n)
        sway = 0.06 * length * math.sin(clock * 1.7) * max(0.0, 1.0 - frac * 1.5)
        bow = np.sin(np.pi * s) * sway
        nx, ny = -dy / length, dx / length
        return dict(ax=ax, ay=ay, mx=mx, my=my, dx=dx, dy=dy, length=length, frac=frac,
                    col=tension_colour(frac), fl=flicker(clock, frac), nx=nx, ny=ny, s=s,
                    px=ax + dx * s + nx * bow, py=ay + dy * s + ny * bow,
                    grip=max(13.0, self.level.config.module.length * cam.zoom * 0.65))

    def _strands(self, b: dict, clock: float, s0: float, s1: float):
        """The two strands of the helix between s0 and s1 (fractions of the beam)."""
        frac, length = b["frac"], b["length"]
        keep = (b["s"] >= s0) & (b["s"] <= s1)
        s, px, py = b["s"][keep], b["px"][keep], b["py"][keep]
        if s.size < 2:
            return []
        span = max(1e-6, s1 - s0)
        env = np.sin(np.pi * (s - s0) / span) ** 0.5
        wavelength = 14.0 + 8.0 * (1.0 - min(1.0, frac * 2.0))  # tighter when taut
        amp = (3.5 + 2.5 * max(0.0, 1.0 - frac * 2.5)) * (1.0 + 0.15 * math.sin(clock * 3.3))
        jitter = 1.5 * (frac - 0.7) / 0.3 if frac > 0.7 else 0.0
        phase = s * length / wavelength * 2.0 * math.pi - clock * 9.0
        out = []
        for strand in range(2):
            ph = phase + strand * math.pi
            off = amp * env * np.sin(ph)
            if jitter:
                off = off + jitter * np.sin(s * 57.0 + clock * 91.0 + strand * 2.0)
            out.append((np.stack([px + b["nx"] * off, py + b["ny"] * off], axis=1),
                        0.5 + 0.5 * np.cos(ph)))  # depth: the near side of the twist
        return out

    def _beam(self, pen: Pen, world: World, view: View, cam: Camera, clock: float) -> None:
        """Under the ships: the beam's glow, the emitter and the grip round the load."""
        b = self._beam_shape(world, view, cam, clock)
        if b is None:
            return
        col, fl = b["col"], b["fl"]
        core = np.stack([b["px"], b["py"]], axis=1)
        if pen.glow:
            pen.poly(core, scaled(col, 0.8 * fl), closed=False, width=5, glow=1.3 * fl)
            for pts, _ in self._strands(b, clock, 0.0, 1.0):
                pen.poly(pts, scaled(col, 0.7 * fl), closed=False, width=2, glow=1.0 * fl)
        ax, ay, mx, my, grip = b["ax"], b["ay"], b["mx"], b["my"], b["grip"]
        pen.ring(ax, ay, 3.0 + 0.8 * math.sin(clock * 12.0), towards_white(col, 0.4), width=1,
                 glow=1.2 * fl, segments=12)
        # the grip: three arcs turning round the load inside a faint field circle
        pen.ring(mx, my, grip + 3.0, scaled(col, 0.45 * fl), width=1, glow=0.5 * fl,
                 segments=40)
        spin = clock * 2.4
        for k in range(3):
            a = spin + k * 2.0 * math.pi / 3.0 + np.linspace(-0.6, 0.6, 9)
            arc = np.stack([mx + np.cos(a) * grip, my + np.sin(a) * grip], axis=1)
            pen.poly(arc, scaled(towards_white(col, 0.35), fl), closed=False, width=2,
                     glow=1.0 * fl)

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        """The module: small (so the beam shows between her and the ship), no marker ring,
        no name while she is towed."""
        draw_module_body(f, pen, text, self.level, i, x, y, angle, towed=f.world.tractor.target == i,
                         min_px=TOWED_MIN_PX)

    def over(self, f: Frame, pen: Pen) -> None:
        """Over the ships (crisp pass): the helix where it crosses the gap between the hull
        and the load, so the shield's ring and the grip do not hide it; its pulses."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        if pen.glow:
            return
        if world.tractor.target < 0:
            self._snapping(pen, world, view, cam, clock)
            return
        b = self._beam_shape(world, view, cam, clock)
        if b is None:
            return
        col, fl, length = b["col"], b["fl"], b["length"]
        ship = max(world.spec.length * cam.zoom, world.spec.min_screen_size)
        s0 = min(0.45, ship * 0.42 / length)
        s1 = max(s0 + 0.05, 1.0 - (b["grip"] - 3.0) / length)
        target = pen.target
        for pts, depth in self._strands(b, clock, s0, s1):
            for k in range(0, len(pts) - 1):
                d = float(depth[k])
                c = scaled(towards_white(col, 0.25 + 0.5 * d), fl)  # pale: reads on the blaze
                pygame.draw.line(target, c, pts[k], pts[k + 1], 2 if d > 0.35 else 1)
        # pulses running out from the emitter to the load
        n = b["s"].size
        for k in range(3):
            u = s0 + (s1 - s0) * (((clock * 1.4) + k / 3.0) % 1.0)
            q = min(n - 1, int(u * (n - 1)))
            pygame.draw.circle(target, towards_white(col, 0.7), (b["px"][q], b["py"][q]), 1.5)

    def _snap(self, pen: Pen, world: World, view: View, cam: Camera, age: float) -> None:
        """The broken beam: both ends whip back toward their bodies and fade."""
        j = world.module
        if j < 0 or not world.bodies.alive[j]:
            return
        ax, ay, mx, my = self._ends(world, view, cam, j)
        f = age / SNAP_S
        fade = (1.0 - f) ** 1.5
        if not pen.glow and fade < 0.3:
            return  # a dim crisp line would darken the blaze: the halo fades it out
        col = towards_white(RED, 0.5 * fade)
        for (x0, y0), (x1, y1), sign in (((ax, ay), (mx, my), 1.0), ((mx, my), (ax, ay), -1.0)):
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy)
            if length < 2.0:
                continue
            tx, ty = dx / length, dy / length
            nx, ny = -ty, tx
            # each half lashes out past the break, then recoils toward its body
            reach = max(6.0, length * (0.55 + 0.5 * math.sin(math.pi * min(1.0, f * 1.6)))
                        * (1.0 - f) ** 0.6)
            s = np.linspace(0.0, 1.0, 28)
            lash = sign * (5.0 + 18.0 * f) * np.sin(s * math.pi * (1.2 + 1.5 * f)
                                                     - age * 25.0) * s ** 1.5
            px = x0 + tx * reach * s + nx * lash
            py = y0 + ty * reach * s + ny * lash
            pts = np.stack([px, py], axis=1)
            if pen.glow:
                pen.poly(pts, scaled(RED, fade), closed=False, width=3, glow=1.8 * fade)
            else:
                pen.poly(pts, scaled(col, max(0.7, fade)), closed=False, width=2, glow=0.0)

    # ------------------------------------------------------------------ shock front
    def _arc_runs(self, cx: float, cy: float, radius: float, ripple: float, waves: int,
                  phase: float) -> list[np.ndarray]:
        """The on-screen stretches of a (rippling) circle, as point runs."""
        if radius < 1.0:
            return []
        m = 40.0
        w, h = self.w, self.h
        dist = math.hypot(cx - w * 0.5, cy - h * 0.5)
        if radius + ripple < dist - math.hypot(w, h) * 0.5 - m:
            return []
        if radius - ripple > dist + math.hypot(w, h) * 0.5 + m:
            return []
        r = radius + ripple * np.sin(self._ring_th * waves + phase)
        xs = cx + self._ring_cos * r
        ys = cy + self._ring_sin * r
        on = (xs > -m) & (xs < w + m) & (ys > -m) & (ys < h + m)
        if not on.any():
            return []
        if on.all():
            return [np.stack([np.append(xs, xs[0]), np.append(ys, ys[0])], axis=1)]
        # split into contiguous runs (rolled so no run wraps past the end)
        start = int(np.argmin(on))
        on = np.roll(on, -start)
        xs, ys = np.roll(xs, -start), np.roll(ys, -start)
        edges = np.flatnonzero(np.diff(on.astype(np.int8)))
        bounds = np.concatenate([[0], edges + 1, [on.size]])
        runs = []
        for b0, b1 in zip(bounds[:-1], bounds[1:], strict=True):
            if on[b0] and b1 - b0 >= 2:
                runs.append(np.stack([xs[b0:b1], ys[b0:b1]], axis=1))
        return runs

    def _shock_runs(self, cx: float, cy: float, radius: float, clock: float) -> list:
        """The front's rippling edges on screen: (points, colour, width, halo strength);
        worked out once a frame for both the halo and the underlay."""
        key = (cx, cy, radius, clock)
        if self._runs_key != key:
            self._runs_key = key
            self._runs = list(self._make_shock_runs(cx, cy, radius, clock))
        return self._runs

    def _make_shock_runs(self, cx: float, cy: float, radius: float, clock: float):
        z = self._zoom
        half = self.shock.width * 0.5 * z
        k = self.strength(radius) * min(1.0, 0.3 + radius / 400.0)
        lines = ((half * 0.85, 1.0, 2, 1.4, 13, 3.1), (half * 0.45, 0.45, 1, 0.6, 19, -4.2),
                 (half * 0.05, 0.3, 1, 0.4, 23, 5.7), (-half * 0.45, 0.2, 1, 0.3, 29, -6.3))
        for off, b, width, glow, waves, rate in lines:
            col = scaled(SHOCK_LINE, b * k)
            for run in self._arc_runs(cx, cy, radius * z + off, min(6.0, 1.5 + half * 0.05),
                                      waves, clock * rate):
                yield run, col, width, glow * k

    def backdrop(self, f: Frame, surface: pygame.Surface) -> None:
        """Thin lines drawn over the point layer, under the glow, so the glow adds to them
        instead of covering them: the front's edges, the exit line's dashes."""
        self._underlay(surface, f)

    def backdrop_is_heavy(self, f: Frame) -> bool:
        """While the front is out: its four edges, hundreds of points each, drawn solid and
        antialiased (0.3-0.5 ms a frame), beside the glow's scaling."""
        ast = asteroid_of(f.world)
        return ast is not None and ast.shock_radius >= 0

    def _underlay(self, surf: pygame.Surface, f: Frame) -> None:
        world, clock = f.world, f.clock
        ast = asteroid_of(world)
        if ast is not None and ast.shock_radius >= 0:
            cx, cy = self._to_screen(ast.shock_x, ast.shock_y)
            for run, col, width, _ in self._shock_runs(cx, cy, ast.shock_radius, clock):
                pts = run.tolist()
                if width > 1:
                    pygame.draw.lines(surf, scaled(col, 0.7), False, pts, width + 1)
                    pygame.draw.aalines(surf, towards_white(col, 0.5), False, pts)
                else:
                    pygame.draw.aalines(surf, col, False, pts)
        e = world.ellipse
        contour = self._exit_of(f)
        if contour is None:
            return
        flat = contour[0]
        bent = self.lens.bend_points(flat, densify=False)  # one point per dash end
        xs, ys = bent[:, 0], bent[:, 1]
        col = scaled(CLEAR, 0.6 * min(1.0, e.presence))
        m = 20
        on = (xs > -m) & (xs < self.w + m) & (ys > -m) & (ys < self.h + m)
        # the dash ends as Python floats: indexing numpy arrays point by point cost more
        # than the dashes' drawing (720 points, 46 dashes a frame on screen)
        xl, yl, n = xs.tolist(), ys.tolist(), xs.size
        for k in (np.flatnonzero(on[::2]) * 2).tolist():
            k2 = (k + 1) % n
            pygame.draw.aaline(surf, col, (xl[k], yl[k]), (xl[k2], yl[k2]))

    # ------------------------------------------------------------------ exit line
    def _exit_of(self, f: Frame):
        """This frame's exit line (`_exit_contour` of the ellipse as the frame shows it),
        worked out once for its dashes under the glow and its halo and chevrons."""
        if self._exit[0] is not f:
            view = f.view
            self._exit = (f, self._exit_contour(f.world, view.ellipse_x, view.ellipse_y,
                                                view.ellipse_heading, f.a_axis, f.b_axis))
        return self._exit[1]

    def _exit_contour(self, world: World, ex: float, ey: float, heading: float,
                      a_axis: float, b_axis: float):
        """The exit line on screen (n, 2) and in the world (wx, wy), or None when the
        ellipse is not there or the ship is already past it."""
        e = world.ellipse
        if e.gone or e.presence <= 0.0 or a_axis <= 1.0 or b_axis <= 1.0:
            return None
        ratio = self.shock.exit_ratio
        if float(world.elliptical_r2(*world.ship_pos())) >= ratio * ratio:
            return None  # out already: nothing to point at
        c, s = math.cos(heading), math.sin(heading)
        u = self._cos * (a_axis * ratio)
        v = self._sin * (b_axis * ratio)
        wx = ex + u * c - v * s
        wy = ey + u * s + v * c
        ox, oy = self._origin
        z = self._zoom
        return np.stack([ox + wx * z, oy + wy * z], axis=1), wx, wy

    def _exit_line(self, pen: Pen, f: Frame, text) -> None:
        """The exit line's halo, and the way out: chevrons at its nearest point, pointing
        outward, and the CLEAR label (its dashes are in the underlay)."""
        world, view, clock, a_axis, b_axis = f.world, f.view, f.clock, f.a_axis, f.b_axis
        self.exit_point = None
        contour = self._exit_of(f)
        if contour is None:
            return
        flat, wx, wy = contour
        shx, shy = view.camera_x, view.camera_y
        near = int(np.argmin((wx - shx) ** 2 + (wy - shy) ** 2))
        self.exit_point = (float(wx[near]), float(wy[near]))
        pres = min(1.0, world.ellipse.presence)
        if pen.glow:
            pen.poly(self.lens.bend_points(flat), scaled(CLEAR, 0.25 * pres), closed=True,
                     width=1, glow=0.5)
        px, py = self.lens.bend_points(flat[near:near + 1], densify=False)[0]
        if not (-60 < px < self.w + 60 and -60 < py < self.h + 60):
            return
        # outward normal of the ellipse at that point
        ratio = self.shock.exit_ratio
        c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
        gx, gy = wx[near] - view.ellipse_x, wy[near] - view.ellipse_y
        lu = (gx * c + gy * s) / (a_axis * ratio) ** 2
        lv = (-gx * s + gy * c) / (b_axis * ratio) ** 2
        nx, ny = lu * c - lv * s, lu * s + lv * c
        nl = math.hypot(nx, ny) or 1.0
        nx, ny = nx / nl, ny / nl
        exit_chevrons(pen, text, px, py, nx, ny, clock, CLEAR, "CLEAR", fade=pres)

    # ------------------------------------------------------------------ HUD
    def hud(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """As every level's, but once the sensors have the contact the top clock counts
        down to the impact, the race the player is in (the subspace timer is a backstop)."""
        ast = asteroid_of(world)
        if ast is not None and ast.contact and not ast.impacted:
            hud.countdown(s, "IMPACT IN", countdown(world), clock)
        else:
            hud.timer(s, world, clock)
        hud.ship_panel(s, world, hatch_dead=self.hatch_dead_systems)
        hud.signature_panel(s, world, clock)
        self.hud_panels(hud, s, world, clock)
        hud.shear_warning(s, world, clock)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        dark_hud.contact_panel(hud, s, world, clock)
        hud.lights_panel(s, world)
        dark_hud.beam_panel(hud, s, world, clock)
        dark_hud.systems_offline(hud, s, world, clock)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """The unseen asteroid's contact marker, and the arrow to the nearest way out."""
        dark_hud.contact_marker(hud, surface, f.cam, f.world, f.clock)
        dark_hud.exit_arrow(hud, surface, f.cam, f.world, self.exit_point, f.clock)
