"""The Ares IV's cabin in cut-away, side-on, while the crew member is aboard (salvage).

Cabin coordinates are the simulation's: metres, x from the bow end (0) to the aft
bulkhead (`cabin_length`), y from the ceiling (0) to the floor (`cabin_height`). The
view follows the suited figure along the cabin at a fixed scale.

A frame is lit, not just drawn:

1. the scene's albedo: the static cabin (back wall, ribs, lockers, couch, console
   bodies, the photograph clipped to the pilot's terminal; rendered once into a wide
   strip and blitted as a slice) and what changes (the ion distributor and its seam, the
   pilot in his couch, the power pack carried in and then clamped under the core, the
   figure; the story's pieces are drawn by `beats`);
2. multiplied by a light map computed small with numpy: the suit lamp's cone (reach
   `lamp_range`, toward `facing`), the orange ellipse light pooling under the windows,
   the stations' own lights once the core is up, the cutting torch's flicker;
3. plus what shines: the windows, screens and status lamps (the power pack's, and the
   running lights that wake outward from the core as it powers up), the window's orange
   on the pilot's frosted visor, the torch and its spark
   spray, the lamp's beam in the dust, the hull's section lines (crisp lines with a
   soft halo, as in space).
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.app.render.kinds.salvage import beats
from game.app.render.palette import clear, scaled, towards_white
from game.app.render.vectors import Pen, smoothstep
from game.levels import Level
from game.sim.kinds.salvage import STATIONS, on_seam, seam_offset
from game.sim.kinds.salvage import state as salvage_state
from game.sim.world import World

F32 = np.float32
ZOOM_PX = 80.0  # px per cabin metre (less when the cabin is too tall for the screen)
VIEW_MARGIN_M = 2.6  # how far past each end bulkhead the view may go
CAM_EASE = 3.0  # 1/s: the view follows the figure
CAM_LEAD_M = 1.4  # the view leans this far ahead of where the figure faces
HULL_M = 0.6  # thickness of the hull's cut section
LAMP_HALF = math.radians(24.0)  # the lamp cone's half opening (soft edge beyond)
LAMP_SOFT = math.radians(12.0)
AMBIENT = (0.018, 0.022, 0.03)  # pitch dark, not quite black
WINDOW_R_M = 0.42
DUST_N = 320
SPARK_N = 160
SHIMMER_N = 260

SECTION = (70, 130, 175)  # the hull's section lines: a cool blueprint blue
ELLIPSE_LIGHT = (255, 140, 45)
CORE_LIGHT = (110, 255, 190)
TERMINAL_LIGHT = (255, 185, 80)
TORCH_LIGHT = (190, 220, 255)
SEAM_ON = (110, 255, 160)
SEAM_OFF = (255, 170, 60)
SHIMMER = (150, 215, 255)
LAMP = (255, 244, 220)


class CabinView:
    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int]):
        c = level.config.salvage
        self.level = level
        self.L, self.H = float(c.cabin_length), float(c.cabin_height)
        self.w, self.h = size
        self.gw, self.gh = glow_size
        self.z = min(ZOOM_PX, 0.56 * self.h / self.H)
        self.top = (self.h - self.H * self.z) * 0.5  # screen y of the ceiling
        self.cam_x: float | None = None
        self._last_clock: float | None = None
        self.scene = pygame.Surface(size)
        self.light_small = pygame.Surface(glow_size)
        self.light_big = pygame.Surface(size)
        self.halo_small = pygame.Surface(glow_size)
        self.halo_big = pygame.Surface(size)
        self.pen = Pen(self.halo_small, size)
        self._light = np.zeros((self.gw, self.gh, 3), np.float32)
        self._light_u8 = np.zeros((self.gw, self.gh, 3), np.uint8)
        self._gx = ((np.arange(self.gw, dtype=np.float32) + F32(0.5)) * F32(self.w / self.gw))[:, None]
        self._gy = ((np.arange(self.gh, dtype=np.float32) + F32(0.5)) * F32(self.h / self.gh))[None, :]
        seed = level.config.level.seed
        rng = np.random.Generator(np.random.PCG64(seed ^ 0xCAB1))
        self.dust = np.stack([rng.uniform(0.1, self.L - 0.1, DUST_N),
                              rng.uniform(0.1, self.H - 0.1, DUST_N)], axis=1).astype(F32)
        self.dust_phase = rng.uniform(0, 2 * math.pi, (DUST_N, 2)).astype(F32)
        self.dust_rate = rng.uniform(0.05, 0.25, DUST_N).astype(F32)
        self.spark_ang = rng.normal(0.0, 0.55, SPARK_N).astype(F32)
        self.spark_speed = rng.uniform(1.2, 4.5, SPARK_N).astype(F32)
        self.spark_phase = rng.random(SPARK_N).astype(F32)
        self.spark_life = rng.uniform(0.25, 0.6, SPARK_N).astype(F32)
        self.shim = rng.random((SHIMMER_N, 4)).astype(F32)
        # where things are, in cabin metres
        self.windows = [(f * self.L, 0.26 * self.H) for f in (0.15, 0.48, 0.78)]
        self.ribs = [k * self.L / 10.0 for k in range(1, 10)]
        dx, dy = station_pos_cfg(c, "distributor")
        self.seam_x0 = min(self.L - 0.7, dx + 0.45)
        self.seam_x1 = self.L - 0.2
        self.seam_y = dy
        self.wander = float(c.seam_wander)
        self.tol = float(c.seam_tolerance)
        self.core_xy = station_pos_cfg(c, "core")
        self.term_xy = station_pos_cfg(c, "terminal")
        self.pad_xy = station_pos_cfg(c, "pad")
        self.margin = VIEW_MARGIN_M
        self.strip_x0 = -self.margin - 1.0  # cabin x at the strip's left edge
        self._strip: pygame.Surface | None = None  # built on the first frame (needs fonts)
        self._glass: tuple[pygame.Surface, pygame.Surface] | None = None
        self._fig: pygame.Surface | None = None
        self._carried_px: tuple[float, float, float, float] | None = None
        self._off = (0.0, 0.0)  # drawing into a small surface at this screen offset
        self.photo = beats.make_photo()  # him and his wife: clipped to his console, and in the close-up
        self.closeup: beats.CloseUp | None = None  # made when first shown
        srng = np.random.Generator(np.random.PCG64(seed ^ 0x57A125))
        self.stars = np.stack([srng.uniform(0, size[0], 90), srng.uniform(0, size[1], 90)], axis=1).astype(F32)
        self.star_rgb = (srng.uniform(40, 150, (90, 1)) * np.array([[0.75, 0.8, 1.0]])).astype(F32)

    # ------------------------------------------------------------------ transform
    def sx(self, x: float) -> float:
        return (x - (self.cam_x or 0.0)) * self.z + self.w * 0.5 - self._off[0]

    def sy(self, y: float) -> float:
        return self.top + y * self.z - self._off[1]

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        return self.sx(x), self.sy(y)

    def seam_x(self, s: float) -> float:
        return self.seam_x0 + (self.seam_x1 - self.seam_x0) * s

    def torch_tip(self, world: World) -> tuple[float, float]:
        st = salvage_state(world)
        return self.seam_x(st.cut), self.seam_y + st.torch

    def _follow(self, world: World, clock: float) -> None:
        st = salvage_state(world)
        half = self.w * 0.5 / self.z
        lo, hi = half - self.margin, self.L + self.margin - half
        if hi < lo:
            lo = hi = self.L * 0.5
        want = min(hi, max(lo, float(st.suit[0]) + st.facing * CAM_LEAD_M))
        dt = 0.0 if self._last_clock is None else clock - self._last_clock
        self._last_clock = clock
        if self.cam_x is None or not 0.0 <= dt < 1.0:
            self.cam_x = want
        else:
            self.cam_x += (want - self.cam_x) * (1.0 - math.exp(-CAM_EASE * dt))

    # ------------------------------------------------------------------ the static strip
    def _build_strip(self) -> pygame.Surface:
        """The cabin's albedo from one end to the other, drawn once."""
        z = self.z
        width = int((self.L + 2 * self.margin + 2.0) * z)
        strip = pygame.Surface((width, self.h))
        strip.fill((0, 0, 0))
        X = lambda x: (x - self.strip_x0) * z  # noqa: E731 - local transforms
        Y = lambda y: self.top + y * z  # noqa: E731
        L, H = self.L, self.H
        draw = pygame.draw
        # the back wall
        draw.rect(strip, (58, 64, 74), (X(0), Y(0), L * z, H * z))
        # panels between the ribs: a lighter upper band, lockers below
        edges = [0.0] + self.ribs + [L]
        for a, b in zip(edges, edges[1:], strict=False):
            x0, x1 = X(a) + 8, X(b) - 8
            draw.rect(strip, (66, 73, 84), (x0, Y(0.55), x1 - x0, Y(1.9) - Y(0.55)), 0, 4)
            draw.rect(strip, (40, 44, 52), (x0, Y(0.55), x1 - x0, Y(1.9) - Y(0.55)), 2, 4)
            ly0 = Y(H - 1.35)
            n = 2 if b - a > 2.2 else 1
            lw = (x1 - x0 - 6 * (n - 1)) / n
            for k in range(n):
                lx = x0 + k * (lw + 6)
                draw.rect(strip, (74, 80, 90), (lx, ly0, lw, Y(H - 0.25) - ly0), 0, 3)
                draw.rect(strip, (42, 46, 54), (lx, ly0, lw, Y(H - 0.25) - ly0), 2, 3)
                draw.line(strip, (120, 112, 70), (lx + lw * 0.5 - 10, ly0 + 12),
                          (lx + lw * 0.5 + 10, ly0 + 12), 3)  # latch
        # conduits along the ceiling and the floor, and the handrail
        for y, col, t in ((0.22, (92, 88, 80), 7), (0.38, (70, 90, 104), 5),
                          (H - 0.15, (86, 84, 78), 6)):
            draw.line(strip, col, (X(0), Y(y)), (X(L), Y(y)), t)
            draw.line(strip, towards_white(col, 0.25), (X(0), Y(y) - t // 2),
                      (X(L), Y(y) - t // 2), 1)
        draw.line(strip, (150, 132, 70), (X(0.5), Y(H - 1.6)), (X(L - 0.5), Y(H - 1.6)), 4)
        # ribs: frames across the wall, with gussets at the ceiling and the floor
        for x in self.ribs:
            draw.rect(strip, (96, 100, 108), (X(x) - 0.11 * z, Y(0), 0.22 * z, H * z))
            draw.line(strip, (130, 134, 140), (X(x) - 0.11 * z, Y(0)), (X(x) - 0.11 * z, Y(H)), 1)
            for y0, y1 in ((0.0, 0.45), (H, H - 0.45)):
                draw.polygon(strip, (88, 92, 100), [(X(x) - 0.5 * z, Y(y0)), (X(x) + 0.5 * z, Y(y0)),
                                                    (X(x), Y(y1))])
            for y in np.linspace(0.7, H - 0.7, 6):
                draw.circle(strip, (140, 144, 150), (X(x), Y(float(y))), 2)
        # windows (the glass is drawn lit every frame; here the frames)
        for wx, wy in self.windows:
            draw.circle(strip, (110, 112, 118), (X(wx), Y(wy)), WINDOW_R_M * z + 9)
            draw.circle(strip, (70, 72, 80), (X(wx), Y(wy)), WINDOW_R_M * z + 9, 3)
        # the bow bulkhead with its hatch; the aft bulkhead
        draw.rect(strip, (80, 84, 92), (X(-0.5), Y(0), 0.5 * z, H * z))
        draw.ellipse(strip, (96, 100, 108), (X(-0.42), Y(H * 0.5 - 1.1), 0.34 * z, 2.2 * z))
        draw.rect(strip, (80, 84, 92), (X(L), Y(0), 0.5 * z, H * z))
        # the core's rack, from the ceiling
        cx, cy = self.core_xy
        rack = pygame.Rect(0, 0, 2.2 * z, min(cy - 0.25, 1.0) * z)
        rack.midtop = (X(cx), Y(0))
        draw.rect(strip, (62, 68, 66), rack, 0, 4)
        draw.rect(strip, (100, 108, 104), rack, 2, 4)
        for k in range(3):
            scr = pygame.Rect(rack.x + 10 + k * (rack.w - 20) / 3, rack.y + 14,
                              (rack.w - 20) / 3 - 8, rack.h * 0.45)
            draw.rect(strip, (22, 26, 26), scr, 0, 3)
            draw.rect(strip, (90, 96, 94), scr, 2, 3)
        draw.rect(strip, (78, 84, 82), (rack.x - 6, rack.bottom - 14, rack.w + 12, 14), 0, 3)
        # the pilot's couch, his terminal on its arm, the photograph clipped to it (he is
        # drawn every frame: his arms drift)
        tx, ty = self.term_xy
        beats.draw_couch(strip, lambda x, y: (X(x), Y(y)), z, tx, ty, H, self.photo)
        # stencils
        font = pygame.font.Font(None, 22)
        for text, x, y in (("ARES IV", 1.0, 0.75), ("STOWAGE 3", self.ribs[1] + 0.3, H - 1.25),
                           ("O2", self.ribs[4] + 0.3, 0.75), ("AFT - ION DRIVE", L - 2.6, 0.75),
                           ("CMD PILOT", tx - 1.6, H - 2.05)):
            strip.blit(font.render(text, True, (120, 118, 104)), (X(x), Y(y)))
        # hull sections: hatched between the inner and outer skins
        for y0 in (-HULL_M, H):
            draw.rect(strip, (34, 38, 46), (X(-0.5), Y(y0), (L + 1.0) * z, HULL_M * z))
        return strip

    # ------------------------------------------------------------------ frame
    def draw(self, target: pygame.Surface, world: World, clock: float, alpha: float = 1.0,
             shake: tuple[float, float] = (0.0, 0.0)) -> None:
        """The lit cabin onto `target` (over what is there at `alpha` < 1), shaken by `shake` px."""
        self._follow(world, clock)
        # drawn straight onto the frame when nothing blends or shakes it (one full-screen copy less)
        direct = alpha >= 1.0 and shake == (0.0, 0.0) and target.get_size() == self.size_t
        scene = target if direct else self.scene
        if self._strip is None:
            self._strip = self._build_strip()
        at = self.w * 0.5 - (self.cam_x - self.strip_x0) * self.z
        if not (at <= 0.0 and at + self._strip.get_width() >= self.w + 1
                and self._strip.get_height() >= self.h):
            clear(scene)  # the strip leaves some of the frame uncovered (the cabin's far end)
        scene.blit(self._strip, (at, 0))
        self._dynamic_albedo(scene, world, clock)
        light = self._light_map(world, clock)
        np.clip(light * F32(255.0), 0.0, 255.0, out=light)
        self._light_u8[:] = light
        pygame.surfarray.blit_array(self.light_small, self._light_u8)
        pygame.transform.smoothscale(self.light_small, self.size_t, self.light_big)
        scene.blit(self.light_big, (0, 0), special_flags=pygame.BLEND_MULT)
        self._windows(scene, clock)
        # what shines: halo pass (small, smoothscaled), then crisp; the light scattered
        # by the air (the lamp's beam, the windows' shafts) goes into the halo layer
        self.halo_small.fill((0, 0, 0))
        self.pen.begin(self.halo_small, glow=True)
        self._emissive(self.pen, world, clock)
        self._light_u8 //= 9
        pygame.surfarray.blit_array(self.light_small, self._light_u8)
        self.halo_small.blit(self.light_small, (0, 0), special_flags=pygame.BLEND_ADD)
        pygame.transform.smoothscale(self.halo_small, self.size_t, self.halo_big)
        scene.blit(self.halo_big, (0, 0), special_flags=pygame.BLEND_ADD)
        scene.blit(self.halo_big, (0, 0), special_flags=pygame.BLEND_ADD)
        self.pen.begin(scene, glow=False)
        self._emissive(self.pen, world, clock)
        self._points(scene, world, clock, light)
        if direct:
            return
        if alpha < 1.0:
            scene.set_alpha(int(255 * max(0.0, alpha)))
        elif shake != (0.0, 0.0):
            target.fill((0, 0, 0))
        target.blit(scene, (int(shake[0]), int(shake[1])))
        scene.set_alpha(None)

    @property
    def size_t(self) -> tuple[int, int]:
        return self.w, self.h

    # ------------------------------------------------------------------ albedo that changes
    def _dynamic_albedo(self, s: pygame.Surface, world: World, clock: float) -> None:
        self._distributor(s, world, clock)  # once cut free, the figure carries it
        self._pilot(s, clock)
        self._pack_on_core(s, world)
        self._carried_px = None  # set when the figure draws the pack in its hand
        vis = self.figure_visible(world)
        if vis <= 0.0:
            return
        inside = pygame.Rect(self.sx(0.0), self.sy(0.0), self.L * self.z, self.H * self.z)
        if vis >= 1.0:
            clip = s.get_clip()
            s.set_clip(inside)
            self._figure(s, world, clock)
            s.set_clip(clip)
            return
        # (de)materialising: the figure fades in or out under the transporter's sparkle
        side = int(2.6 * self.z)
        if self._fig is None:
            self._fig = pygame.Surface((side, side), pygame.SRCALPHA)
        x, y = self.to_screen(*self.suit_xy(world))
        ox, oy = int(x) - side // 2, int(y) - side // 2
        self._fig.fill((0, 0, 0, 0))
        self._fig.set_clip(inside.move(-ox, -oy))
        self._off = (float(ox), float(oy))
        try:
            self._figure(self._fig, world, clock)
        finally:
            self._off = (0.0, 0.0)
        self._fig.set_alpha(int(255 * vis))
        s.blit(self._fig, (ox, oy))

    def _pilot(self, s: pygame.Surface, clock: float) -> None:
        """The Ares IV's pilot, still strapped into his couch, facing the window."""
        tx = self.term_xy[0]
        if not -2.5 * self.z < self.sx(tx) < self.w + 2.5 * self.z:
            return
        beats.draw_pilot(s, self.to_screen, self.z, tx, self.H, clock)

    def pack_on_core(self, world: World) -> bool:
        """The power pack is clamped to the core once the figure has started powering it up."""
        return salvage_state(world).core > 0.0

    def _pack_on_core(self, s: pygame.Surface, world: World) -> None:
        if not self.pack_on_core(world):
            return
        z = self.z
        x0, y0, w, h = beats.pack_rect_m(self.core_xy[0])
        # its lead, up into the rack's underside
        pygame.draw.line(s, (40, 40, 44), (self.sx(x0 + w * 0.8), self.sy(y0)),
                         (self.sx(x0 + w * 0.9), self.sy(0.96)), max(2, int(0.045 * z)))
        # the clamp jaws that hold it to the rack
        for cx in (x0 + 0.06, x0 + w - 0.11):
            pygame.draw.rect(s, (120, 124, 128), (self.sx(cx), self.sy(0.97), 0.05 * z, 0.13 * z))
            pygame.draw.rect(s, (70, 72, 76), (self.sx(cx), self.sy(0.97), 0.05 * z, 0.13 * z), 1)
        beats.draw_pack(s, self.sx(x0), self.sy(y0), w * z, h * z, handle=False)

    def figure_visible(self, world: World) -> float:
        st = salvage_state(world)
        if st.phase == "aboard":
            return 1.0
        if st.phase == "beaming_over":
            return smoothstep(0.55, 0.97, st.beam)
        if st.phase == "beaming_back":
            return 1.0 - smoothstep(0.1, 0.5, st.beam)
        return 0.0

    def suit_xy(self, world: World) -> tuple[float, float]:
        st = salvage_state(world)
        if st.phase == "beaming_over":
            return self.pad_xy
        return float(st.suit[0]), float(st.suit[1])

    def _distributor(self, s: pygame.Surface, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        top = self.seam_y - self.wander - 0.4
        bot = self.seam_y + self.wander + 0.4
        x0 = self.seam_x0 - 0.15
        # the mounting plate stays on the bulkhead
        plate = pygame.Rect(self.sx(self.L - 0.35), self.sy(top - 0.25), 0.35 * z, (bot - top + 0.5) * z)
        pygame.draw.rect(s, (92, 90, 86), plate)
        pygame.draw.rect(s, (60, 58, 56), plate, 2)
        if st.part:
            return  # cut free: carried by the figure
        self._distributor_body(s, self.sx(x0), self.sy(top), (self.L - 0.35 - x0) * z, (bot - top) * z)
        # the weld seam: a dull bead where it is still fused, a dark groove where it is cut
        n = 48
        ss = np.linspace(0.0, 1.0, n)
        xs = self.seam_x0 + (self.seam_x1 - self.seam_x0) * ss
        ys = np.array([self.seam_y + seam_offset(world, float(u)) for u in ss])
        pts = np.stack([(xs - self.cam_x) * z + self.w * 0.5, self.top + ys * z], axis=1)
        k = int(round(st.cut * (n - 1)))
        if k < n - 1:
            pygame.draw.lines(s, (150, 122, 74), False, pts[k:].tolist(), 8)
            for q in range(k, n, 2):
                pygame.draw.circle(s, (214, 178, 110), pts[q], 3)
        if k > 0:
            pygame.draw.lines(s, (8, 6, 6), False, pts[:k + 1].tolist(), 6)

    def _distributor_body(self, s: pygame.Surface, x: float, y: float, w: float, h: float) -> None:
        """The ion distributor: a ribbed casing with its plasma couplings top and bottom."""
        body = pygame.Rect(x, y, w, h)
        pygame.draw.rect(s, (96, 100, 108), body, 0, 8)
        for k in range(1, 6):  # cooling ribs
            cx = x + w * k / 6.0
            pygame.draw.line(s, (66, 70, 78), (cx, y + 4), (cx, y + h - 4), 3)
        pygame.draw.rect(s, (150, 154, 160), body, 2, 8)
        cw = max(4.0, w * 0.22)
        for cy in (y - 9, y + h):  # the couplings
            pygame.draw.rect(s, (150, 112, 60), (x + w * 0.5 - cw * 0.5, cy, cw, 9))
        pygame.draw.rect(s, (160, 120, 50), (x + 6, y + 6, max(2.0, w * 0.18), max(2.0, h * 0.08)))

    # ------------------------------------------------------------------ the figure
    def _figure(self, s: pygame.Surface, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        x, y = self.suit_xy(world)
        f = st.facing if st.facing else 1.0
        y += 0.04 * math.sin(clock * 1.3)
        # leaning into the way it drifts (u: toward where it faces, v: down)
        th = max(-0.35, min(0.35, float(st.suit_vel[0]) * 0.12))
        c, sn = math.cos(th), math.sin(th)

        def P(u: float, v: float) -> tuple[float, float]:  # noqa: N802 - figure -> screen
            ux = u * f
            return self.sx(x + ux * c - v * sn), self.sy(y + ux * sn + v * c)

        suit, dark, trim = (176, 180, 186), (104, 108, 116), (210, 120, 50)
        # legs, trailing a little (zero g)
        swing = 0.06 * math.sin(clock * 1.1)
        for hip, knee, foot in (((-0.05, 0.3), (-0.12 + swing, 0.58), (-0.2, 0.86)),
                                ((0.07, 0.3), (0.1 - swing, 0.6), (0.02, 0.88))):
            pygame.draw.lines(s, suit, False, [P(*hip), P(*knee), P(*foot)], int(0.17 * z))
            pygame.draw.circle(s, dark, P(*foot), int(0.1 * z))
        # the pack on the back
        pack = [P(-0.2, -0.32), P(-0.42, -0.3), P(-0.44, 0.2), P(-0.2, 0.22)]
        pygame.draw.polygon(s, (150, 150, 156), pack)
        pygame.draw.polygon(s, dark, pack, 2)
        # the torso
        torso = [P(-0.22, -0.3), P(0.2, -0.3), P(0.22, 0.12), P(0.14, 0.34), P(-0.16, 0.34), P(-0.22, 0.12)]
        pygame.draw.polygon(s, suit, torso)
        pygame.draw.polygon(s, dark, torso, 2)
        pygame.draw.line(s, trim, P(-0.2, 0.0), P(0.2, 0.0), 3)
        # the carried part, strapped to the chest
        if st.part:
            w, h = 0.5 * z, 0.34 * z
            cx, cy = P(0.26, 0.08)
            self._distributor_body(s, cx - w * 0.5, cy - h * 0.5, w, h)
        # the arm: reaching for the station in reach, or loose
        shoulder = (0.05, -0.2)
        target = self._reach(world)
        if target is not None:
            tx, ty = target
            dx, dy = (tx - x) * f - shoulder[0], ty - y - shoulder[1]
            d = math.hypot(dx, dy) or 1.0
            k = min(0.72, d) / d
            hand = (shoulder[0] + dx * k, shoulder[1] + dy * k)
            elbow = ((shoulder[0] + hand[0]) * 0.5 - 0.05, (shoulder[1] + hand[1]) * 0.5 + 0.12)
        else:
            hand = (0.3, 0.12 + 0.04 * math.sin(clock * 0.9))
            elbow = (0.2, -0.02)
        if not self.pack_on_core(world) and target is None:  # the power pack, carried in
            self._carried_pack(s, P, hand)
        pygame.draw.lines(s, suit, False, [P(*shoulder), P(*elbow), P(*hand)], int(0.13 * z))
        pygame.draw.circle(s, dark, P(*hand), int(0.08 * z))
        if target is not None and st.station == "distributor":  # the torch's wand to the seam
            tip = self.to_screen(*target)
            pygame.draw.line(s, (84, 88, 96), P(*hand), tip, 6)
            pygame.draw.line(s, (150, 154, 160), P(*hand), tip, 2)
            pygame.draw.circle(s, (120, 110, 90), tip, 5)
        # the helmet, the visor toward where it faces, the lamp on its side
        head = P(0.04, -0.46)
        pygame.draw.circle(s, suit, head, int(0.21 * z))
        pygame.draw.circle(s, dark, head, int(0.21 * z), 2)
        visor = [P(0.06, -0.6), P(0.2, -0.55), P(0.24, -0.44), P(0.2, -0.34), P(0.06, -0.36)]
        pygame.draw.polygon(s, (150, 110, 40), visor)
        lx, ly = P(0.02, -0.68)
        pygame.draw.rect(s, (90, 92, 98), (lx - 0.07 * z, ly - 0.05 * z, 0.14 * z, 0.1 * z))

    def _carried_pack(self, s: pygame.Surface, P, hand: tuple[float, float]) -> None:
        """The power pack hanging from the figure's free hand by its handle."""
        z = self.z
        hx, hy = P(hand[0], hand[1])
        w, h = 0.44 * z, 0.3 * z
        bx, by = P(hand[0] + 0.02, hand[1] + 0.1)
        beats.draw_pack(s, bx - w * 0.5, by, w, h)
        self._carried_px = (bx - w * 0.5 + self._off[0], by + self._off[1], w, h)  # in screen px
        del hx, hy

    def _reach(self, world: World) -> tuple[float, float] | None:
        """What the figure's hand goes to: the torch tip, or the station it works."""
        st = salvage_state(world)
        if st.phase != "aboard":
            return None
        if st.station == "distributor" and (st.working or st.torch_on) and not st.part:
            return self.torch_tip(world)
        if st.working and st.station == "core":  # a hand on the power pack's switch
            x0, y0, w, h = beats.pack_rect_m(self.core_xy[0])
            return x0 + 0.12, y0 + 0.26
        if st.working and st.station == "terminal":
            return self.term_xy[0] + 0.7, self.term_xy[1] - 0.95
        return None

    def lamp(self, world: World, clock: float) -> tuple[float, float, float, float]:
        """Where the lamp is (cabin metres) and where it points (unit vector)."""
        st = salvage_state(world)
        x, y = self.suit_xy(world)
        f = st.facing if st.facing else 1.0
        y += 0.04 * math.sin(clock * 1.3)
        dy = 0.1 + 0.05 * math.sin(clock * 0.7)
        if st.station == "distributor" and st.phase == "aboard":
            tx, ty = self.torch_tip(world)
            dy = max(-0.5, min(0.5, (ty - (y - 0.62)) / max(0.3, abs(tx - x))))
        n = math.hypot(1.0, dy)
        return x + 0.1 * f, y - 0.62, f / n, dy / n

    # ------------------------------------------------------------------ light
    def _light_map(self, world: World, clock: float) -> np.ndarray:
        st = salvage_state(world)
        light = self._light
        z = self.z
        X = F32(self.cam_x) + (self._gx - F32(self.w * 0.5)) / F32(z)  # (gw, 1)
        Y = (self._gy - F32(self.top)) / F32(z)  # (1, gh)
        for ch, a in enumerate(AMBIENT):
            light[..., ch] = a
        present = self.figure_visible(world)

        xs, ys = X[:, 0], Y[0, :]

        def pool(px: float, py: float, rx: float, ry: float, col, gain: float) -> None:
            """A soft elliptical pool of light, worked out only where it is not nil."""
            if gain <= 0.003:
                return
            i0, i1 = np.searchsorted(xs, (px - 2.6 * rx, px + 2.6 * rx))
            j0, j1 = np.searchsorted(ys, (py - 2.6 * ry, py + 2.6 * ry))
            if i1 <= i0 or j1 <= j0:
                return
            d2 = ((X[i0:i1] - F32(px)) / F32(rx)) ** 2 + ((Y[:, j0:j1] - F32(py)) / F32(ry)) ** 2
            blob = np.exp(-d2)
            blob *= F32(gain)
            for ch in range(3):
                light[i0:i1, j0:j1, ch] += blob * F32(col[ch] / 255.0)

        # the ellipse's light through the windows: pools on the wall, shafts toward the floor
        for k, (wx, wy) in enumerate(self.windows):
            fl = 0.8 + 0.12 * math.sin(clock * 2.3 + k * 1.7) + 0.08 * math.sin(clock * 5.1 + k)
            pool(wx, wy, 0.9, 0.9, ELLIPSE_LIGHT, 0.36 * fl)
            pool(wx + 0.5, wy + 1.9, 1.2, 2.2, ELLIPSE_LIGHT, 0.2 * fl)
        # the window's glow falls across the pilot in his couch
        tx = self.term_xy[0]
        fl = 0.85 + 0.15 * math.sin(clock * 2.3 + 1.7)
        pool(tx - 0.45, self.H - 1.0, 0.9, 0.7, ELLIPSE_LIGHT, 0.28 * fl)
        # the stations, once the core feeds them
        if st.core > 0.0:
            fl = 1.0 if st.core >= 1.0 else 0.6 + 0.4 * abs(math.sin(clock * 13.0))
            pool(self.core_xy[0], 0.55, 1.8, 1.2, CORE_LIGHT, 0.55 * st.core * fl)
        if st.core > 0.0:  # the power pack's own lamp, under the rack
            x0, y0, w, h = beats.pack_rect_m(self.core_xy[0])
            col = CORE_LIGHT if st.core >= 1.0 else TERMINAL_LIGHT
            pool(x0 + w * 0.5, y0 + h + 0.25, 0.7, 0.4, col, 0.16)
        if st.core >= 1.0:
            busy = 1.3 if st.working and st.station == "terminal" else 1.0
            pool(self.term_xy[0] + 0.7, self.term_xy[1] - 0.95, 1.3, 1.1, TERMINAL_LIGHT, 0.38 * busy)
        if st.torch_on:
            fl = 1.1 + 0.3 * math.sin(clock * 47.0) * math.sin(clock * 31.0 + 1.0)
            tx, ty = self.torch_tip(world)
            pool(tx, ty, 2.8, 2.8, TORCH_LIGHT, 0.9 * fl)
            pool(tx, ty, 0.6, 0.6, (255, 255, 255), 1.5)
        elif st.heat > 0.05 and not st.part:
            tx, ty = self.torch_tip(world)
            pool(tx, ty, 0.7, 0.7, (255, 90, 30), 0.5 * st.heat)
        # the transporter's shimmer where the figure (dis)appears
        if st.phase in ("beaming_over", "beaming_back"):
            env = math.sin(math.pi * st.beam)
            sx, sy = self.suit_xy(world)
            pool(sx, sy, 0.9, 1.6, SHIMMER, 0.9 * env)
        # the suit lamp: a cone toward `facing`, and its spill round the figure
        if present > 0.0:
            lx, ly, dx, dy = self.lamp(world, clock)
            ox, oy = X - F32(lx), Y - F32(ly)
            dist = np.sqrt(ox * ox + oy * oy) + F32(1e-3)
            cosang = (ox * F32(dx) + oy * F32(dy)) / dist
            c_in, c_out = math.cos(LAMP_HALF), math.cos(LAMP_HALF + LAMP_SOFT)
            cone = np.clip((cosang - F32(c_out)) / F32(c_in - c_out), 0.0, 1.0)
            cone *= cone
            reach = F32(self.level.config.salvage.lamp_range)
            fall = np.clip(F32(1.0) - dist / reach, 0.0, 1.0)
            beam = cone * fall * (F32(0.55) + F32(0.9) * fall)
            spill = np.exp(-(dist / F32(1.0)) ** 2) * F32(0.55)
            lamp = (beam + spill) * F32(present)
            for ch in range(3):
                light[..., ch] += lamp * F32(LAMP[ch] / 255.0)
        # nothing lights what is outside the hull (x in 0..L, y in 0..H): the light map's
        # rows and columns past it are blacked (multiplying by a mask broadcast over rows
        # of three colours took six times as long)
        i0, i1 = np.searchsorted(xs, 0.0, "left"), np.searchsorted(xs, self.L, "right")
        j0, j1 = np.searchsorted(ys, 0.0, "left"), np.searchsorted(ys, self.H, "right")
        light[:i0] = 0.0
        light[i1:] = 0.0
        light[:, :j0] = 0.0
        light[:, j1:] = 0.0
        return light

    # ------------------------------------------------------------------ what shines
    def _window_sprites(self) -> tuple[pygame.Surface, pygame.Surface]:
        """The glass (a hot gradient, darker at the rim) and a soft blob that churns on it."""
        r = int(WINDOW_R_M * self.z)
        n = 2 * r + 2
        d = np.hypot(*np.meshgrid(np.arange(n) - n / 2 + 0.5, np.arange(n) - n / 2 + 0.5, indexing="ij")) / r
        heat = np.clip(1.0 - d, 0.0, 1.0) ** 0.8
        # the eye's orange haze seen through thick glass: deep at the rim, hotter inside
        rgb = np.stack([120 + 125 * heat, 30 + 95 * heat ** 1.3, 4 + 40 * heat ** 2.5], axis=2)
        rgb *= (d <= 1.0)[..., None]
        glass = pygame.Surface((n, n))
        pygame.surfarray.blit_array(glass, rgb.astype(np.uint8))
        glass.set_colorkey((0, 0, 0))
        m = r
        e = np.hypot(*np.meshgrid(np.arange(m) - m / 2 + 0.5, np.arange(m) - m / 2 + 0.5, indexing="ij"))
        blob = np.exp(-(e / (m * 0.3)) ** 2)[..., None] * np.array([70.0, 55.0, 25.0])
        spr = pygame.Surface((m, m))
        pygame.surfarray.blit_array(spr, blob.astype(np.uint8))
        return glass, spr

    def _windows(self, s: pygame.Surface, clock: float) -> None:
        """The ellipse's blaze seen through the glass: hot orange, slowly churning."""
        if self._glass is None:
            self._glass = self._window_sprites()
        glass, blob = self._glass
        r = WINDOW_R_M * self.z
        for k, (wx, wy) in enumerate(self.windows):
            x, y = self.sx(wx), self.sy(wy)
            if not -r < x < self.w + r:
                continue
            s.blit(glass, glass.get_rect(center=(x, y)))
            for j in range(3):
                a = clock * (0.35 + 0.12 * j) + k * 2.0 + j * 2.1
                bx, by = x + math.cos(a) * r * 0.3, y + math.sin(a * 1.3) * r * 0.3
                s.blit(blob, blob.get_rect(center=(bx, by)), special_flags=pygame.BLEND_ADD)
            pygame.draw.circle(s, (22, 20, 20), (x, y), r + 8, 9)
            pygame.draw.circle(s, (120, 70, 36), (x, y), r + 1, 2)  # the frame's inner lip, lit orange
            for q in range(8):  # bolts round the frame
                a = q * math.pi / 4 + 0.3
                pygame.draw.circle(s, (70, 56, 44), (x + math.cos(a) * (r + 4), y + math.sin(a) * (r + 4)), 2)
            pygame.draw.arc(s, (255, 236, 200), (x - r * 0.7, y - r * 0.7, r * 1.4, r * 1.4), 1.9, 2.7, 2)

    def _emissive(self, pen: Pen, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        L, H = self.L, self.H
        X, Y = self.sx, self.sy
        # the hull's cut section: blueprint lines of the inner and outer skins
        sec = scaled(SECTION, 0.75)
        for y in (0.0, H):
            pen.line((X(-0.5), Y(y)), (X(L + 0.5), Y(y)), sec, width=2, glow=0.5)
        outer = scaled(SECTION, 0.5)
        for y in (-HULL_M, H + HULL_M):
            pen.line((X(-0.5), Y(y)), (X(L + 0.5), Y(y)), outer, width=1, glow=0.3)
        for x in (-0.5, L + 0.5):
            pen.line((X(x), Y(-HULL_M)), (X(x), Y(H + HULL_M)), sec, width=2, glow=0.5)
        for x in (0.0, L):
            pen.line((X(x), Y(0)), (X(x), Y(H)), sec, width=2, glow=0.5)
        # outside: the capsule's cone ahead of the bow, the service module and its bell aft
        top, bot = -HULL_M, H + HULL_M
        pen.poly([(X(-0.5), Y(top)), (X(-3.6), Y(top + 1.6)), (X(-4.1), Y(H * 0.5)),
                  (X(-3.6), Y(bot - 1.6)), (X(-0.5), Y(bot))], outer, closed=False, width=1, glow=0.4)
        pen.poly([(X(L + 0.5), Y(top + 0.3)), (X(L + 3.2), Y(top + 0.3)), (X(L + 3.2), Y(bot - 0.3)),
                  (X(L + 0.5), Y(bot - 0.3))], outer, closed=False, width=1, glow=0.4)
        pen.poly([(X(L + 3.2), Y(H * 0.5 - 0.8)), (X(L + 5.0), Y(H * 0.5 - 1.7)), (X(L + 5.0), Y(H * 0.5 + 1.7)),
                  (X(L + 3.2), Y(H * 0.5 + 0.8))], outer, closed=False, width=1, glow=0.4)
        if not pen.glow:
            self._hatch(pen.target)
        # window rims catch the blaze
        for wx, wy in self.windows:
            pen.ring(X(wx), Y(wy), WINDOW_R_M * z + 2, scaled(ELLIPSE_LIGHT, 0.7), width=1, glow=0.8,
                     segments=40)
        self._core(pen, world, clock)
        self._pack_lights(pen, world, clock)
        self._pilot_glint(pen, clock)
        self._terminal(pen, world, clock)
        self._distributor_lights(pen, world, clock)
        if self.figure_visible(world) > 0.0:
            lx, ly, dx, dy = self.lamp(world, clock)
            px, py = X(lx), Y(ly)
            pen.ring(px, py, 4.0, LAMP, width=2, glow=2.0, segments=12)
            x, y = self.suit_xy(world)
            f = st.facing or 1.0
            for k, col in enumerate(((110, 255, 160), (255, 80, 60))):  # chest lights
                pen.ring(X(x + f * (0.05 + 0.08 * k)), Y(y - 0.15), 1.5, col, width=1,
                         glow=1.0 if (clock * 1.5 + k * 0.5) % 1.0 < 0.7 else 0.2, segments=8)

    def _hatch(self, s: pygame.Surface) -> None:
        """Diagonal hatching of the hull's cut section, on screen only."""
        col = scaled(SECTION, 0.32)
        x0, x1 = max(0.0, self.sx(-0.5)), min(float(self.w), self.sx(self.L + 0.5))
        if x1 <= x0:
            return
        step = 14
        hz = HULL_M * self.z
        phase = self.sx(0.0) % step  # the hatching moves with the cabin
        clip = s.get_clip()
        bands = [pygame.Rect(x0, y0, x1 - x0, hz + 1) for y0 in (self.sy(-HULL_M), self.sy(self.H))]
        bands += [pygame.Rect(self.sx(a), self.sy(0.0), 0.5 * self.z, self.H * self.z) for a in (-0.5, self.L)]
        for band in bands:
            band = band.clip(s.get_rect())
            if band.w <= 0:
                continue
            s.set_clip(band)
            x = band.x - band.h - step + phase - (band.x % step)
            while x < band.right:
                pygame.draw.line(s, col, (x, band.bottom), (x + band.h, band.y), 1)
                x += step
        s.set_clip(clip)

    def _core(self, pen: Pen, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        cx = self.sx(self.core_xy[0])
        top = self.sy(0.0)
        w = 2.2 * z
        h = min(self.core_xy[1] - 0.25, 1.0) * z
        x0 = cx - w * 0.5
        # the LED row fills as the core comes up
        n = 14
        lit = int(st.core * n + 1e-6)
        for k in range(n):
            on = k < lit or (k == lit and st.working and (clock * 8.0) % 1.0 < 0.5)
            x = x0 + 14 + k * (w - 28) / (n - 1)
            if pen.glow:
                if on:
                    pygame.draw.circle(pen.target, scaled(CORE_LIGHT, 0.7), (x * pen.k, (top + h - 7) * pen.k), 1)
            else:
                pygame.draw.circle(pen.target, CORE_LIGHT if on else (40, 60, 50), (x, top + h - 7), 3)
        # screens: green text that scrolls, once powered (and flickering while powering)
        if st.core <= 0.0:
            return
        flick = 1.0 if st.core >= 1.0 else 0.45 + 0.55 * abs(math.sin(clock * 17.0))
        for k in range(3):
            sx0 = x0 + 10 + k * (w - 20) / 3
            sw = (w - 20) / 3 - 8
            sy0 = top + 14
            sh = h * 0.45
            col = scaled(CORE_LIGHT, 0.85 * flick)
            pen.poly([(sx0, sy0), (sx0 + sw, sy0), (sx0 + sw, sy0 + sh), (sx0, sy0 + sh)], col, width=1,
                     glow=0.9 * flick)
            if not pen.glow:
                rows = int(sh // 7)
                for r in range(rows):
                    seed = (int(clock * 3.0) + r * 7 + k * 13) % 17
                    ln = sw * (0.3 + 0.6 * ((seed * 37) % 11) / 11.0)
                    if r < rows * st.core:
                        pygame.draw.line(pen.target, scaled(CORE_LIGHT, 0.6 * flick),
                                         (sx0 + 4, sy0 + 4 + r * 7), (sx0 + 4 + ln - 8, sy0 + 4 + r * 7), 2)

    def _pack_lights(self, pen: Pen, world: World, clock: float) -> None:
        """The power pack's lamp and charge bar, its lead pulsing while it feeds the core, and
        the cabin's running lights waking outward from the core as it comes up."""
        st = salvage_state(world)
        z = self.z
        if not self.pack_on_core(world):
            if self._carried_px is not None and self.figure_visible(world) >= 1.0:
                x, y, w, h = self._carried_px
                on = (clock * 0.8) % 1.0 < 0.5
                pen.ring(x + w * 0.8, y + h * 0.3, 1.5, scaled(beats.PACK_AMBER, 0.8 if on else 0.3), width=1,
                         glow=0.35 if on else 0.05, segments=8)
            return
        x0, y0, w, h = beats.pack_rect_m(self.core_xy[0])
        px, py, pw, ph = beats.pack_readout(self.sx(x0), self.sy(y0), w * z, h * z)
        up = st.core >= 1.0
        col = beats.PACK_GREEN if up else beats.PACK_AMBER
        blink = up or (clock * 3.0) % 1.0 < 0.6
        pen.line((px + 2, py + ph * 0.5), (px + 2 + (pw - 4) * min(1.0, st.core), py + ph * 0.5), col, width=3,
                 glow=0.9)
        pen.ring(self.sx(x0 + w * 0.82), self.sy(y0 + h * 0.35), 2.5, col if blink else scaled(col, 0.3), width=2,
                 glow=0.9 if blink else 0.2, segments=10)
        a = (self.sx(x0 + w * 0.8), self.sy(y0))
        b = (self.sx(x0 + w * 0.9), self.sy(0.96))
        if st.working and not up:  # charge running up the lead into the core
            for q in range(3):
                u = (clock * 2.2 + q / 3.0) % 1.0
                pen.ring(a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, 1.5, beats.PACK_AMBER, width=1,
                         glow=0.6, segments=6)
        # the running lights along the ceiling conduit: lit outward from the core as it wakes
        cx = self.core_xy[0]
        far = max(cx, self.L - cx)
        for rib in self.ribs:
            lit = st.core >= 1.0 or abs(rib - cx) / far < st.core
            if not lit:
                continue
            x = self.sx(rib + 0.2)
            if -10 < x < self.w + 10:
                pen.ring(x, self.sy(0.38), 2.0, scaled(CORE_LIGHT, 0.8), width=1, glow=0.7, segments=8)

    def _pilot_glint(self, pen: Pen, clock: float) -> None:
        """The window's orange caught on the rim of the pilot's frosted visor."""
        tx = self.term_xy[0]
        if not -2.5 * self.z < self.sx(tx) < self.w + 2.5 * self.z:
            return
        (hx, hy), r, face = beats.pilot_visor_glint(tx, self.H)
        cx, cy = self.to_screen(hx, hy)
        rr = r * self.z * 0.88
        fl = 0.75 + 0.25 * math.sin(clock * 2.3 + 1.7)
        pts = [(cx + math.cos(face + a) * rr, cy + math.sin(face + a) * rr) for a in np.linspace(-0.9, 0.3, 7)]
        pen.poly(pts, scaled(ELLIPSE_LIGHT, 0.6 * fl), closed=False, width=1, glow=0.5 * fl)

    def _terminal(self, pen: Pen, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        tx, ty = self.term_xy
        x0, y0 = self.sx(tx + 0.32), self.sy(ty - 1.18)
        w, h = 0.76 * z, 0.46 * z
        powered = st.core >= 1.0
        col = TERMINAL_LIGHT if powered else (70, 50, 20)
        pen.poly([(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)], scaled(col, 0.8), width=1,
                 glow=0.8 if powered else 0.0)
        if not powered:
            return
        total = len(self.level.config.logs)
        done = len(st.logs_done)
        if not pen.glow:
            t = pen.target
            for r in range(4):
                ln = w * (0.35 + 0.5 * (((r + int(clock * 2.0 if st.working else 0)) * 5) % 7) / 7.0)
                pygame.draw.line(t, scaled(TERMINAL_LIGHT, 0.6), (x0 + 5, y0 + 6 + r * 6),
                                 (x0 + ln - 6, y0 + 6 + r * 6), 2)
        # the download bar and one pip per entry
        if st.working or st.log_progress > 0.0:
            pen.line((x0 + 4, y0 + h - 6), (x0 + 4 + (w - 8) * st.log_progress, y0 + h - 6),
                     towards_white(TERMINAL_LIGHT, 0.3), width=3, glow=1.0)
        for k in range(total):
            on = k < done
            pen.ring(x0 + 6 + k * 10, y0 - 7, 2.5, TERMINAL_LIGHT if on else (90, 70, 30), width=1,
                     glow=1.0 if on else 0.0, segments=8)

    def _distributor_lights(self, pen: Pen, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        # the clamp lamp: red until the core releases the clamps, then green
        lx, ly = self.sx(self.L - 0.17), self.sy(self.seam_y - self.wander - 0.5)
        col = (110, 255, 160) if st.core >= 1.0 else (255, 70, 60)
        blink = st.core >= 1.0 or (clock * 1.5) % 1.0 < 0.6
        pen.ring(lx, ly, 3.0, col if blink else scaled(col, 0.3), width=2, glow=1.4 if blink else 0.2,
                 segments=10)
        if st.part:
            return
        # the cut behind the torch still glows, cooling away from it
        if st.cut > 0.0:
            n = 7
            s0 = max(0.0, st.cut - 0.25)
            ss = np.linspace(s0, st.cut, n)
            pts = [(self.sx(self.seam_x(float(u))), self.sy(self.seam_y + seam_offset(world, float(u))))
                   for u in ss]
            for k in range(n - 1):
                hot = (k + 1) / n
                pen.line(pts[k], pts[k + 1], scaled((255, 120, 40), 0.2 + 0.8 * hot), width=2, glow=hot)
        if st.station != "distributor" or st.phase != "aboard":
            return
        # the torch: its wand from the hand, the flame at the tip, a ring green on the seam
        tx, ty = self.torch_tip(world)
        px, py = self.sx(tx), self.sy(ty)
        good = on_seam(world)
        ring_col = SEAM_ON if good else SEAM_OFF
        if st.overheated:
            ring_col = (255, 70, 60)
        pen.ring(px, py, 9.0 + 1.5 * math.sin(clock * 9.0), ring_col, width=2, glow=1.3, segments=20)
        if st.torch_on:
            fl = 0.8 + 0.2 * math.sin(clock * 61.0)
            pen.ring(px, py, 3.5 * fl, (255, 255, 255), width=2, glow=2.5, segments=10)
            pen.line((px - 10, py), (px + 10, py), scaled(TORCH_LIGHT, fl), width=1, glow=1.5)
            pen.line((px, py - 10), (px, py + 10), scaled(TORCH_LIGHT, fl), width=1, glow=1.5)
        # the seam ahead of the torch: faint guide lines at the tolerance either side
        if not pen.glow:
            n = 16
            ss = np.linspace(st.cut, min(1.0, st.cut + 0.3), n)
            for sgn in (-1.0, 1.0):
                pts = [(self.sx(self.seam_x(float(u))),
                        self.sy(self.seam_y + seam_offset(world, float(u)) + sgn * self.tol)) for u in ss]
                for k in range(0, n - 1, 2):
                    pygame.draw.line(pen.target, scaled(ring_col, 0.55), pts[k], pts[k + 1], 1)
        del z

    # ------------------------------------------------------------------ points
    def _points(self, s: pygame.Surface, world: World, clock: float, light: np.ndarray) -> None:
        """Dust in the lamp's beam, the torch's sparks, the transporter's sparkle."""
        st = salvage_state(world)
        z = self.z
        # the eye's faint stars above and below the hull, drifting a little with the view
        stx = (self.stars[:, 0] - F32((self.cam_x or 0.0) * z * 0.08)) % F32(self.w)
        sty = self.stars[:, 1]
        out = (sty < self.sy(-HULL_M) - 2) | (sty > self.sy(self.H + HULL_M) + 2)
        _add_points(s, stx[out], sty[out], self.star_rgb[out], halo=False)
        # dust: drifting motes, as bright as the light where they are
        t = F32(clock)
        dx = self.dust[:, 0] + F32(0.25) * np.sin(self.dust_phase[:, 0] + t * self.dust_rate)
        dy = self.dust[:, 1] + F32(0.18) * np.sin(self.dust_phase[:, 1] + t * self.dust_rate * F32(1.3))
        sx = (dx - F32(self.cam_x)) * F32(z) + F32(self.w * 0.5)
        sy = F32(self.top) + dy * F32(z)
        gi = np.clip((sx * F32(self.gw / self.w)).astype(np.int32), 0, self.gw - 1)
        gj = np.clip((sy * F32(self.gh / self.h)).astype(np.int32), 0, self.gh - 1)
        lum = light[gi, gj].max(axis=1)  # 0..255 after the caller's scaling
        bright = np.clip(lum * F32(1.1) - F32(40.0), 0.0, 255.0)
        rgb = np.stack([bright, bright * F32(0.95), bright * F32(0.85)], axis=1)
        _add_points(s, sx, sy, rgb, halo=False)
        if st.torch_on:
            self._sparks(s, world, clock)
        if st.phase in ("beaming_over", "beaming_back"):
            self._shimmer(s, world, clock)

    def _sparks(self, s: pygame.Surface, world: World, clock: float) -> None:
        z = self.z
        tx, ty = self.torch_tip(world)
        life = self.spark_life
        age = ((F32(clock) * F32(1.7) + self.spark_phase) % F32(1.0)) * life
        # thrown back off the bulkhead, into the room, fanning and falling a little
        ang = F32(math.pi) + self.spark_ang
        vx = np.cos(ang) * self.spark_speed
        vy = np.sin(ang) * self.spark_speed
        px = F32(tx) + vx * age
        py = F32(ty) + vy * age + F32(1.2) * age * age
        sx = (px - F32(self.cam_x)) * F32(z) + F32(self.w * 0.5)
        sy = F32(self.top) + py * F32(z)
        k = np.clip(F32(1.0) - age / life, 0.0, 1.0)
        rgb = np.stack([F32(255.0) * np.ones_like(k), F32(120.0) + F32(135.0) * k,
                        F32(40.0) + F32(200.0) * k * k], axis=1)
        _add_points(s, sx, sy, rgb, halo=True)
        # a short streak behind each
        for k, fade in ((1, 0.75), (2, 0.5), (3, 0.3)):
            back = F32(0.008 * z * k)
            _add_points(s, sx - vx * back, sy - vy * back, rgb * F32(fade), halo=False)

    def _shimmer(self, s: pygame.Surface, world: World, clock: float) -> None:
        st = salvage_state(world)
        z = self.z
        x, y = self.suit_xy(world)
        env = math.sin(math.pi * min(1.0, st.beam * 1.1)) ** 0.5
        r = self.shim
        active = r[:, 3] < F32(0.35 + 0.65 * env)
        px = F32(x) + (r[:, 0] - F32(0.5)) * F32(0.9) * (F32(0.6) + F32(0.4) * np.sin(r[:, 1] * F32(9.0)
                                                                                       + F32(clock)))
        py = F32(y - 0.75) + ((r[:, 1] + F32(clock * 0.25)) % F32(1.0)) * F32(1.7)
        tw = np.abs(np.sin(r[:, 2] * F32(40.0) + F32(clock) * (F32(6.0) + r[:, 0] * F32(10.0)))) ** 3
        b = np.minimum(F32(255.0), tw * F32(340.0 * env)) * active
        rgb = np.stack([b * F32(SHIMMER[0] / 255), b * F32(SHIMMER[1] / 255), b], axis=1)
        sx = (px - F32(self.cam_x)) * F32(z) + F32(self.w * 0.5)
        sy = F32(self.top) + py * F32(z)
        _add_points(s, sx, sy, rgb, halo=True)


def station_pos_cfg(c, name: str) -> tuple[float, float]:
    """`station_pos` from the config alone (the view is built before any world)."""
    fx, fy = STATIONS[name]
    return fx * c.cabin_length, fy * c.cabin_height


def _add_points(s: pygame.Surface, x: np.ndarray, y: np.ndarray, rgb: np.ndarray, halo: bool) -> None:
    """Brighten pixels at (x, y) to at least `rgb` (n, 3); with a half-bright cross if `halo`."""
    w, h = s.get_size()
    ok = (x >= 1) & (x < w - 2) & (y >= 1) & (y < h - 2) & (rgb.max(axis=1) > 4)
    if not ok.any():
        return
    xi = x[ok].astype(np.intp)
    yi = y[ok].astype(np.intp)
    col = np.clip(rgb[ok], 0, 255).astype(np.uint8)
    px = pygame.surfarray.pixels3d(s)
    px[xi, yi] = np.maximum(px[xi, yi], col)
    if halo:
        half = col // 2
        for ox, oy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            px[xi + ox, yi + oy] = np.maximum(px[xi + ox, yi + oy], half)
    del px

