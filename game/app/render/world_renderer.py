"""`WorldRenderer`: one full frame of play (world, effects, HUD) from a read-only World.

A frame is composed of three layers, all added onto black:

1. the point layer (full resolution): parallax stars, particles, spark bursts;
2. the glow layer (a quarter of the resolution, smoothscaled up): the ellipse's noise
   texture, the particles' haze and the halos of every vector shape;
3. crisp vector lines (ships, rings, the ellipse's rim) and the HUD on top.

What every level shares is drawn here; what a level kind adds (its bodies, beams,
markers, panels, a scene of its own) comes from its view (`self.view`, a `KindView`
from `game.app.render.kinds.VIEWS`), whose hooks are called in a fixed order. This
module names no kind. The renderer never writes to the world and never draws from
`world.rng`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np
import pygame

from game.app.render import glow_worker, upscale
from game.app.render.camera import Camera
from game.app.render.chunks import DebrisChunks
from game.app.render.effects import Effects
from game.app.render.ellipse_glow import EllipseTexture, GlowJob
from game.app.render.hud import Hud, nose_marker
from game.app.render.kinds import Frame, KindView, view_of
from game.app.render.palette import (
    ELLIPSE_RIM,
    EYE_RIM,
    FLAME,
    MAGENTA,
    SHIELD,
    SHIELD_MOD,
    SURGE,
    SYSTEM_COLOURS,
    lift,
    scaled,
    towards_white,
)
from game.app.render.particles import CosmeticParticles
from game.app.render.points import PointLayer
from game.app.render.snapshot import Snapshot, View
from game.app.render.vectors import Pen, hull_points
from game.levels import Level
from game.sim.field import eye_ratio_now
from game.sim.world import Event, World

# the frame, layer by layer (they add up to the draw): "glow texture" is the ellipse's noise
# texture (with a worker process, what this thread spends on it: sending the job, waiting
# for the texture and copying it), "glow" the haze, the halos added and the smoothscale
# to full size
PROFILE_KEYS = ("camera", "glow texture", "particles", "points", "halos", "glow", "composite", "vectors",
                "hud")
GLOW_DIV = 5  # the glow layer is this many times smaller than the screen
HAZE_GAIN = 0.6


def glow_size_of(size: tuple[int, int]) -> tuple[int, int]:
    """The glow layer's size for a frame of `size`."""
    return max(1, int(size[0]) // GLOW_DIV), max(1, int(size[1]) // GLOW_DIV)


def start_glow_worker(size: tuple[int, int]) -> glow_worker.GlowWorker | None:
    """Work the glow texture of frames of `size` out in a second process where that pays
    (`game.app.render.glow_worker`); renderers pick it up as they draw."""
    return glow_worker.start((int(size[0]), int(size[1])), glow_size_of(size))


class WorldRenderer:
    shake_strength = 1.0  # 0..1, the player's screen-shake setting (set by the app for all views)

    def __init__(self, level: Level, size: tuple[int, int] = (1280, 720),
                 reduce_motion: bool = False):
        self.level = level
        self.size = (int(size[0]), int(size[1]))
        self.reduce_motion = reduce_motion
        w, h = self.size
        self.glow_size = glow_size_of(self.size)
        self.camera = Camera(level, self.size)
        self.ellipse_tex = EllipseTexture(self.size, self.glow_size)
        self.points: PointLayer | None = None  # seeded from the world on the first frame
        self.particles: CosmeticParticles | None = None  # the window's motes, of the world drawn
        self.particles_of: World | None = None
        self.chunks: DebrisChunks | None = None  # seeded from the world on the first frame
        self._seed: int | None = None
        self.effects = Effects(level.config.level.seed)
        self.hud = Hud(level, self.size)
        self.glow = np.zeros((*self.glow_size, 3), np.float32)  # x-major, 0..255
        self.glow_u8 = np.zeros((*self.glow_size, 3), np.uint8)
        self.glow_surface = pygame.Surface(self.glow_size)
        self.halo_surface = pygame.Surface(self.glow_size)
        self.halo_blur = pygame.Surface((max(1, self.glow_size[0] // 2),
                                         max(1, self.glow_size[1] // 2)))
        self.big = pygame.Surface(self.size)
        self.pen = Pen(self.halo_surface, self.size)
        self._last_clock: float | None = None
        self._post = 0.0  # wall time since the level ended, so end effects still play
        self._post_wall: float | None = None
        self._ring_th = np.linspace(0.0, 2.0 * math.pi, 160, endpoint=False)
        # the frame the rims were last worked out for, and them (`_rims_of`)
        self._rims: tuple[Frame | None, tuple[np.ndarray, np.ndarray, float] | None] = (None, None)
        # the designer's field overlay (game.app.render.overlay.FieldOverlay), drawn under
        # the HUD when set and visible
        self.overlay = None
        # what the level's kind adds to the frame and the HUD
        self.view: KindView = view_of(level.config.level.kind)(level, self.size, self.glow_size,
                                                                reduce_motion)
        # whether the glow texture may go to the worker process, when one is started
        self.use_glow_worker = True
        # the bench's frame profile: when a dict, each layer's seconds are added into it
        # (PROFILE_KEYS); None (the game) costs one test per layer
        self.profile: dict[str, float] | None = None

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World) -> None:
        if events:
            self.effects.on_events(events, world, world.t + self._post)
            self.view.on_events(events, world, world.t + self._post, self.effects)

    # ------------------------------------------------------------------ frame
    def _ensure_points(self, world: World) -> PointLayer:
        if self.points is None or self._seed != world.seed:
            self._seed = world.seed
            self.points = PointLayer(self.level, world.seed, self.size, self.glow_size)
            self.chunks = DebrisChunks(self.level, world.seed, self.size)
        return self.points

    def follow(self, world: World) -> CosmeticParticles:
        """The cosmetic particles of this world, caught up with its clock (once per frame;
        a headless screenshot calls it as it steps, so the motes move as they do in play)."""
        if self.particles is None or self.particles_of is not world:
            self.particles = CosmeticParticles(world)
            self.particles_of = world
        # the push that ends the move is worked out beside the frame where a worker runs
        worker = glow_worker.shared(self.glow_size) if self.use_glow_worker else None
        self.particles.follow(world, worker)
        return self.particles

    def shear_grip(self, world: World) -> float:
        """How hard the shear band holds the ship: 0 outside it, 1 mid-band."""
        e = world.ellipse
        if e.gone or e.presence <= 0.0 or e.scale <= 0.0:
            return 0.0
        r = math.sqrt(float(world.elliptical_r2(*world.ship_pos())))
        eye = eye_ratio_now(world)
        if not eye < r < 1.0:
            return 0.0
        w = (r - eye) / max(1e-6, 1.0 - eye)
        return 4.0 * w * (1.0 - w) * min(1.0, e.presence)

    def _clock(self, world: World, t: float) -> float:
        if world.outcome is not None:
            now = time.perf_counter()
            if self._post_wall is not None:
                self._post += min(0.25, now - self._post_wall)
            self._post_wall = now
        else:
            self._post_wall = None
        return t + self._post

    def _lap(self, key: str, since: float) -> float:
        """Add the time since `since` to the profile's `key`; returns now."""
        now = time.perf_counter()
        prof = self.profile
        if prof is not None:
            prof[key] = prof.get(key, 0.0) + (now - since)
        return now

    def draw(self, surface: pygame.Surface, world: World, prev: Snapshot | None = None,
             alpha: float = 1.0, captions: Sequence[str] = (), banner: str | None = None) -> None:
        profiling = self.profile is not None
        lap = time.perf_counter() if profiling else 0.0
        view = View.blend(world, prev, alpha)
        clock = self._clock(world, view.t)
        dt = 0.0 if self._last_clock is None else clock - self._last_clock
        self._last_clock = clock
        points = self._ensure_points(world)
        kind = self.view
        kind.reduce_motion = self.reduce_motion
        self.hud.begin(self.reduce_motion)  # no panel reserved yet; steady warnings with reduce-motion
        cover = kind.cover(world)
        if cover >= 1.0:  # the kind's own scene is the whole frame (aboard the module)
            kind.draw_cover(surface, world, clock, 1.0)
            if profiling:
                lap = self._lap("composite", lap)
            kind.overlay(surface, world, clock, self.hud.text)
            self.hud.draw(surface, world, clock, captions, None, kind.hud)
            if banner:
                self.hud.banner(surface, banner)
            if profiling:
                self._lap("hud", lap)
            return
        e = world.ellipse
        a_axis, b_axis = e.semi_major * view.ellipse_scale, e.semi_minor * view.ellipse_scale
        present = e.presence > 0 and not e.gone

        # camera
        grip = self.shear_grip(world)
        self.hud.in_band = grip > 0.0
        cam = self.camera
        sx, sy = view.camera_x, view.camera_y
        wanted = cam.frame(sx, sy, view.ellipse_x, view.ellipse_y, view.ellipse_heading,
                           a_axis, b_axis, e.presence if present else 0.0)
        sx, sy, wanted = kind.framing(world, view, cam, sx, sy, wanted)
        cam.update(sx, sy, wanted, dt if dt >= 0 else 10.0)
        if self.reduce_motion:
            cam.shake_x = cam.shake_y = 0.0
        else:
            kx, ky = self.effects.shake(clock)
            bx, by = self.effects.buffet(clock, grip)
            cam.shake_x, cam.shake_y = kx + bx, ky + by
        f = Frame(world, view, cam, clock, a_axis, b_axis, present)
        direct = points.use(surface)  # the point layer drawn straight onto the frame
        kind.frame(f, points)
        cam.shake_x *= self.shake_strength
        cam.shake_y *= self.shake_strength
        origin = cam.origin()
        zoom = cam.zoom
        if profiling:
            lap = self._lap("camera", lap)

        # layer 2: the ellipse's glow texture, sent to the worker process if there is one
        # (picked up below, after the particles, the point layer and the halos)
        glow = self.glow
        job = self.ellipse_tex.job(world, view.ellipse_x, view.ellipse_y, view.ellipse_heading,
                                   view.ellipse_scale, origin, zoom, view.t) if present else None
        worker = glow_worker.shared(self.glow_size) if self.use_glow_worker else None
        beside = job is not None and worker is not None and worker.submit(job, world.noise)
        if not beside:
            self._glow_texture(job, world)
        if profiling:
            lap = self._lap("glow texture", lap)
        particles = self.follow(world)  # the particles move once per drawn frame
        if profiling:
            lap = self._lap("particles", lap)

        # layer 1: points (the lights placed now, their haze into the glow; the layer drawn
        # while the glow texture is worked out and scaled up)
        sparks = self.effects.sparks(clock, cam.to_screen)
        sparks = kind.sparks(f, sparks)
        haze = points.begin(world, particles, cam.x, cam.y, origin, zoom, clock, sparks)
        if profiling:
            lap = self._lap("points", lap)

        # the halos of the vector shapes, softened (their aliased low-resolution lines)
        # before they are scaled up
        self.halo_surface.fill((0, 0, 0))
        self.pen.begin(self.halo_surface, glow=True)
        self._vectors(f)
        pygame.transform.smoothscale(self.halo_surface, self.halo_blur.get_size(), self.halo_blur)
        pygame.transform.smoothscale(self.halo_blur, self.glow_size, self.halo_surface)
        if profiling:
            lap = self._lap("halos", lap)

        if beside:
            # the point layer is drawn while the texture is not back yet (its pixels are
            # the same in any order of the frame's other work); the rest of it later,
            # beside the glow's scaling up
            while not worker.done() and points.step():
                pass
            if profiling:
                lap = self._lap("points", lap)
            if worker.collect():
                # the worker's buffer is this frame's glow: it is written again only when the
                # next frame sends its job, long after this one has turned it into bytes
                glow = worker.buffer
            else:  # the worker failed this frame: in line, as it will be from now on
                self._glow_texture(job, world)
            if profiling:
                lap = self._lap("glow texture", lap)
        if haze is not None:
            haze *= np.float32(HAZE_GAIN)
            flat_glow = glow.reshape(-1, 3)
            flat_glow += haze
        kind.glow(f, glow)
        if not self.reduce_motion:
            # a flash lifts the whole frame: added to the glow it costs nothing extra
            flash = self.effects.flash(clock)
            if any(flash):
                lift(glow, flash)
        np.clip(glow, 0.0, 255.0, out=self.glow_u8, casting="unsafe")  # one pass: clip and truncate
        pygame.surfarray.blit_array(self.glow_surface, self.glow_u8)
        for _ in range(2):
            self.glow_surface.blit(self.halo_surface, (0, 0), special_flags=pygame.BLEND_ADD)
        # scaled up to full size on another thread (SDL's scaling lets go of the
        # interpreter) while this one draws what is left of the point layer and what the
        # kind puts on it under the glow (neither reads nor writes the glow's surfaces)
        scaling = upscale.start(self.glow_surface, self.big,
                                beside=points.pending or kind.backdrop_is_heavy(f))
        if profiling:
            lap = self._lap("glow", lap)
        try:
            points.finish()
            if profiling:
                lap = self._lap("points", lap)
            if not direct:
                if surface.get_size() != self.size:
                    surface.fill((0, 0, 0))
                surface.blit(points.surface, (0, 0))  # the point layer is opaque, black behind
            kind.backdrop(f, surface)
            if profiling:
                lap = self._lap("composite", lap)
        finally:  # never left scaling into the next frame's buffers, whatever went wrong here
            scaling.wait()
        if profiling:
            lap = self._lap("glow", lap)
        # the particles' push for the next move, beside the rest of this frame: handed over
        # now, not before, so that it does not take the core the scaling ran on
        particles.send_push()
        if profiling:
            lap = self._lap("particles", lap)

        surface.blit(self.big, (0, 0), special_flags=pygame.BLEND_ADD)
        if profiling:
            lap = self._lap("composite", lap)

        # layer 3: solid chunks, crisp vectors, flash, HUD
        self.chunks.draw(surface, world, particles, origin, zoom, clock)
        self.pen.begin(surface, glow=False)
        self._vectors(f)
        if self.overlay is not None and self.overlay.visible:
            self.overlay.draw(surface, world, self.camera)
        if cover > 0.0:  # the kind's scene fading in or out (a transport under way)
            kind.draw_cover(surface, world, clock, cover)
        if profiling:
            lap = self._lap("vectors", lap)
        kind.overlay(surface, world, clock, self.hud.text)
        self.hud.draw(surface, world, clock, captions, None, kind.hud)
        self._objective_arrow(surface, f)
        if banner:
            self.hud.banner(surface, banner)
        if profiling:
            self._lap("hud", lap)

    def _glow_texture(self, job: GlowJob | None, world: World) -> None:
        """The glow texture worked out in line."""
        self.glow.fill(0.0)
        if job is not None:
            self.ellipse_tex.paint(self.glow, job, world.noise)

    # ------------------------------------------------------------------ vectors
    def _vectors(self, f: Frame) -> None:
        """Everything drawn with the pen, once into the halos and once crisp."""
        pen = self.pen
        world, view, clock = f.world, f.view, f.clock
        if f.present:
            self._ellipse_rim(f)
        self._surges(world, clock)
        self._effect_rings(clock)
        text = None if pen.glow else self.hud.text
        self.view.vectors(f, pen, text)
        b = world.bodies
        pl = world.player
        for i in np.flatnonzero(b.alive):
            x, y = f.cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
            if not (-200 < x < self.size[0] + 200 and -200 < y < self.size[1] + 200):
                continue
            if i == pl.body:
                self._ship(world, x, y, float(view.angle[i]), clock)
            else:  # a body of the kind's: a probe, the module, another ship
                self.view.body(f, pen, text, int(i), x, y, float(view.angle[i]))
        self.view.over(f, pen)

    def _ship(self, world: World, x: float, y: float, angle: float, clock: float) -> None:
        pen = self.pen
        spec = world.spec  # the ship flown now (the escape hands over to the starship)
        pl = world.player
        size = max(spec.length * self.camera.zoom, spec.min_screen_size)
        colour = tuple(int(c) for c in spec.color)
        hull = hull_points(spec.outline, x, y, angle, size)
        c, s = math.cos(angle), math.sin(angle)
        tail = min(p[0] for p in spec.outline)

        # thruster flame
        if pl.throttle != 0.0:
            flick = 0.75 + 0.25 * math.sin(clock * 53.0) * math.sin(clock * 31.0 + 1.0)
            strength = (0.45 if pl.dark else 1.0) * (0.35 + 0.65 * pl.thrust_factor)
            if pl.throttle > 0:
                length = (0.45 + 0.45 * flick) * strength
                flame = [(tail + 0.04, 0.13), (tail - length, 0.0), (tail + 0.04, -0.13)]
                inner = [(tail + 0.02, 0.06), (tail - length * 0.55, 0.0), (tail + 0.02, -0.06)]
            else:
                length = (0.22 + 0.12 * flick) * strength
                flame = [(0.35, 0.2), (0.35 + length, 0.3), (0.3, 0.26)]
                inner = [(0.35, -0.2), (0.35 + length, -0.3), (0.3, -0.26)]
            pen.poly(hull_points(flame, x, y, angle, size), scaled(FLAME, strength), width=2,
                     glow=1.6)
            pen.poly(hull_points(inner, x, y, angle, size),
                     towards_white(FLAME, 0.6 * strength), width=1, glow=1.2)

        if pl.tractor and world.tractor.target < 0:
            self._tractor(world, x, y, angle, size, clock, pl.draw.get("tractor", 0.0) > 0.0)
        # shield bubble: blue when up, magenta with polarity reversed (masking, not shielding),
        # gold and crackling with the former drone's modification
        shields_up = pl.draw.get("shields", 0.0) > 0.0
        if pl.shield_mod and shields_up and not pl.polarity_reversed:
            self._shield_mod(x, y, size, clock)
        elif shields_up or pl.polarity_reversed:
            ring_col = MAGENTA if pl.polarity_reversed else SHIELD
            k = 1.0 if shields_up else 0.45
            radius = size * 0.78
            pen.ring(x, y, radius, scaled(ring_col, 0.75 * k), width=1, glow=0.7 * k,
                     ripple=1.2, waves=5, phase=clock * 4.0, segments=56,
                     dashed=not shields_up)
        if pl.dark:
            pen.poly(hull, scaled(colour, 0.7), width=2, glow=0.45, dashed=True)
        else:
            pen.poly(hull, colour, width=2, glow=1.3)
            # a bright spine so it reads as a ship, not a blob
            nose = (x + c * size * 0.55, y + s * size * 0.55)
            mid = (x - c * size * 0.2, y - s * size * 0.2)
            pen.line(mid, nose, scaled(colour, 0.7), width=1, glow=0.0)
        # the heading at any zoom: a dark-edged chevron past the nose, bright on black and on the blaze
        chevron = nose_marker(x, y, angle, size)
        pen.poly(chevron, (8, 10, 16), width=6, glow=0.0, closed=False, core=False)
        pen.poly(chevron, towards_white(colour, 0.6), width=2, glow=0.8, closed=False)

    def _tractor(self, world: World, x: float, y: float, angle: float, size: float, clock: float,
                 powered: bool) -> None:
        """A faint wavering cone from the nose, and the reach it sweeps for samples."""
        pen = self.pen
        col = SYSTEM_COLOURS["tractor"]
        k = 1.0 if powered else 0.4
        reach = max(world.spec.tractor_range * self.camera.zoom, size * 1.3)
        c, s = math.cos(angle), math.sin(angle)
        nx, ny = x + c * size * 0.5, y + s * size * 0.5
        half = 0.5  # rad, half the cone's opening
        for j in range(5):
            f = (j + 0.5) / 5.0
            t = angle + (f * 2.0 - 1.0) * half + 0.06 * math.sin(clock * 5.0 + j * 1.3)
            far = reach * (0.94 + 0.06 * math.sin(clock * 7.0 + j))
            if pen.glow:  # the cone itself is a soft glow; its rolling arcs are crisp
                pen.line((nx, ny), (x + math.cos(t) * far, y + math.sin(t) * far),
                         scaled(col, 0.5 * k), width=2, glow=0.8 * k)
        # arcs of the beam rolling out along the cone
        for j in range(3):
            f = ((clock * 1.2) + j / 3.0) % 1.0
            rr = size * 0.5 + (reach - size * 0.5) * f
            th = np.linspace(-half, half, 9) + angle
            pts = np.stack([nx + np.cos(th) * (rr - size * 0.5) + c * 0,
                            ny + np.sin(th) * (rr - size * 0.5)], axis=1)
            pen.poly(pts, scaled(col, 0.4 + 0.5 * k * (1.0 - f)), closed=False, width=1,
                     glow=0.6 * k * (1.0 - f))
        pen.ring(x, y, reach, scaled(col, 0.6 * k), width=1, glow=0.3 * k, ripple=1.5,
                 waves=9, phase=clock * 3.0, segments=64, dashed=True)

    def _shield_mod(self, x: float, y: float, size: float, clock: float) -> None:
        """The modified shield: a thicker gold ring that crackles."""
        pen = self.pen
        radius = size * 0.9
        flick = 0.8 + 0.2 * math.sin(clock * 37.0) * math.sin(clock * 23.0)
        pen.ring(x, y, radius, scaled(SHIELD_MOD, 0.85 * flick), width=3, glow=1.5,
                 ripple=1.6, waves=11, phase=clock * 9.0, segments=64)
        pen.ring(x, y, radius + 3.0, scaled(SHIELD_MOD, 0.4), width=1, glow=0.6,
                 ripple=2.2, waves=17, phase=-clock * 13.0, segments=64)
        # crackle: short jagged arcs that jump round the ring several times a second
        tick = int(clock * 14.0)
        for j in range(3):
            h = (tick * 7919 + j * 104729) % 1000 / 1000.0
            t0 = h * 2.0 * math.pi
            pts = []
            for q in range(5):
                t = t0 + q * 0.12
                rr = radius + (4.0 if q % 2 else -1.0) * (1.0 + j * 0.3)
                pts.append((x + math.cos(t) * rr, y + math.sin(t) * rr))
            pen.poly(pts, towards_white(SHIELD_MOD, 0.5), closed=False, width=1, glow=1.2)

    def _surges(self, world: World, clock: float) -> None:
        s = world.surges
        if not s.alive.any():
            return
        cfg = self.level.config.ellipse
        cam = self.camera
        zoom = cam.zoom
        w, h = self.size
        diag = math.hypot(w, h) * 0.5
        for i in np.flatnonzero(s.alive):
            radius = float(s.radius[i])
            fade = max(0.0, 1.0 - radius / cfg.surge_range)
            if fade <= 0.02:
                continue
            cx, cy = cam.to_screen(float(s.x[i]), float(s.y[i]))
            rpx = radius * zoom
            half = max(2.0, cfg.surge_width * zoom * 0.5)
            dist = math.hypot(cx - w * 0.5, cy - h * 0.5)
            if rpx + half < dist - diag or rpx - half > dist + diag:
                continue
            col = scaled(SURGE, fade)
            ripple = min(3.0, half * 0.1)
            if self.pen.glow:
                # the ring's body: a broad soft band, brightest at its front
                for off, k in ((-half, 0.35), (-half * 0.5, 0.6), (0.0, 1.0), (half * 0.5, 0.4)):
                    self.pen.ring(cx, cy, rpx + off, col, width=2, glow=1.2 * k, segments=160)
            else:
                for off, k, width in ((-half * 0.5, 0.45, 1), (0.0, 1.0, 2)):
                    self.pen.ring(cx, cy, rpx + off, scaled(col, k), width=width,
                                  ripple=ripple, waves=17, phase=clock * 7.0 + off * 0.08,
                                  segments=240)

    def _effect_rings(self, clock: float) -> None:
        cam = self.camera
        for ring in self.effects.rings:
            age = clock - ring.t0
            if age < 0 or age > ring.duration:
                continue
            f = age / ring.duration
            ease = 1.0 - (1.0 - f) ** 3
            cx, cy = cam.to_screen(ring.x, ring.y)
            radius = ring.radius_m * cam.zoom if ring.radius_m > 0 else ring.radius_px
            self.pen.ring(cx, cy, max(2.0, radius * ease), scaled(ring.colour, 1.0 - f),
                          width=2, glow=1.5 * (1.0 - f))

    def _ellipse_rim(self, f: Frame) -> None:
        """A crisp, wavering line along the surface and a faint one along the eye wall."""
        rims = self._rims_of(f)
        if rims is None:
            return
        surface, eye, pres = rims
        self.pen.poly(surface, scaled(ELLIPSE_RIM, pres), width=1, glow=0.6, core=True)
        self.pen.poly(eye, scaled(EYE_RIM, 0.45 * pres), width=1, glow=0.5, core=False)

    def _rims_of(self, f: Frame) -> tuple[np.ndarray, np.ndarray, float] | None:
        """The rims' points on screen, worked out once a frame for both passes of the pen
        (where a lens bends them, the bending is most of a rim's cost); None off screen."""
        if self._rims[0] is f:
            return self._rims[1]
        self._rims = (f, self._rim_points(f.world, f.view, f.clock, f.a_axis, f.b_axis))
        return self._rims[1]

    def _rim_points(self, world: World, view: View, clock: float, a: float,
                    b: float) -> tuple[np.ndarray, np.ndarray, float] | None:
        if a <= 1.0 or b <= 1.0:
            return None
        e = world.ellipse
        cam = self.camera
        th = self._ring_th
        c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
        u0 = np.cos(th)
        v0 = np.sin(th)
        wobble = 1.0 + 0.012 * np.sin(th * 9.0 + clock * 2.3) + 0.008 * np.sin(th * 23.0
                                                                                - clock * 4.1)
        ox, oy = cam.origin()
        z = cam.zoom
        pres = min(1.0, e.presence)

        def outline(k: np.ndarray | float) -> np.ndarray:
            u = u0 * a * k
            v = v0 * b * k
            pts = np.empty((th.size, 2))
            pts[:, 0] = ox + (view.ellipse_x + u * c - v * s) * z
            pts[:, 1] = oy + (view.ellipse_y + u * s + v * c) * z
            return pts

        pts = outline(wobble)
        pts = self.view.bend(pts)
        if (pts[:, 0].max() < 0 or pts[:, 0].min() > self.size[0] or pts[:, 1].max() < 0
                or pts[:, 1].min() > self.size[1]):
            return None
        eye = eye_ratio_now(world)
        return pts, outline(eye * (2.0 - wobble)), pres

    # ------------------------------------------------------------------ HUD arrow
    def _objective_arrow(self, surface: pygame.Surface, f: Frame) -> None:
        """The kind's objective markers at the screen's edge (a method of its own, so a
        scene that hides the HUD, `ui.without_hud`, hides these too)."""
        self.view.arrows(f, self.hud, surface)
