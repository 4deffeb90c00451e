"""Point lights written straight into pixels: the parallax starfield and the particles.

Everything here goes through one full-resolution layer (blitted with BLEND_ADD) whose
pixels are written with numpy indexing through `pygame.surfarray.pixels2d`: brightness
is accumulated per pixel with `np.bincount` and mapped through per-kind colour tables.
Pixel indices are `np.intp`, numpy's own index type: measured here, scattering through
int32 indices took twice as long (numpy casts them first), and `np.bincount` with int32
indices and float32 weights six times as long (0.9 against 0.15 ms for 100,000).
The particles also leave a soft haze in the low-resolution glow buffer, so dense motes
read as luminescence rather than dust. Debris (tens of thousands of dim grains in the
eye) takes a cheaper path: one scatter of per-slot colours, no accumulation or haze.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from game.app.render.palette import pack, ramp
from game.app.render.particles import CHUNK, DEBRIS, EXHAUST, MOTE, SPARK, CosmeticParticles
from game.levels import Level
from game.sim.world import World

F32 = np.float32
LEVELS = 256

# palettes (rows of the colour tables): the particle kinds, then two extra looks
RUST = 5  # half the debris: rusted wreckage rather than grey-brown rock
GLINT = 6  # the sparkle of a sample coming aboard
EMBER = 7  # grit knocked off a chunk that hits the hull

# colour tables per palette, indexed by accumulated brightness 0..255
RAMPS = {
    MOTE: ramp([(0.0, (0, 0, 0)), (0.3, (40, 65, 170)), (0.6, (110, 150, 250)),
                (1.0, (190, 215, 255))]),
    EXHAUST: ramp([(0.0, (0, 0, 0)), (0.2, (120, 30, 0)), (0.5, (255, 130, 30)),
                   (0.8, (255, 220, 150)), (1.0, (255, 255, 240))]),
    SPARK: ramp([(0.0, (0, 0, 0)), (0.3, (20, 120, 160)), (0.6, (90, 230, 255)),
                 (1.0, (235, 255, 255))]),
    DEBRIS: ramp([(0.0, (0, 0, 0)), (0.25, (70, 58, 40)), (0.5, (150, 124, 86)),
                  (0.75, (205, 180, 135)), (1.0, (240, 228, 200))]),
    CHUNK: ramp([(0.0, (0, 0, 0)), (0.3, (80, 70, 58)), (0.7, (170, 150, 120)),
                 (1.0, (230, 215, 185))]),
    RUST: ramp([(0.0, (0, 0, 0)), (0.25, (80, 38, 14)), (0.5, (170, 86, 34)),
                (0.75, (220, 130, 64)), (1.0, (250, 190, 125))]),
    GLINT: ramp([(0.0, (0, 0, 0)), (0.3, (90, 130, 10)), (0.6, (210, 255, 80)),
                 (1.0, (255, 255, 220))]),
    EMBER: ramp([(0.0, (0, 0, 0)), (0.3, (110, 70, 30)), (0.6, (220, 160, 90)),
                 (1.0, (255, 240, 200))]),
}
KIND_RAMPS = RAMPS  # the older name
N_PALETTES = max(RAMPS) + 1
# what each palette adds to the soft glow, per unit of brightness (RGB, 0..1 per particle)
HAZE = np.zeros((N_PALETTES, 3), np.float32)
HAZE[MOTE] = (0.04, 0.07, 0.22)
HAZE[EXHAUST] = (0.55, 0.25, 0.05)
HAZE[SPARK] = (0.10, 0.45, 0.55)
HAZE_PLANES = [np.ascontiguousarray(HAZE[:, ch]) for ch in range(3)]
assert not HAZE[[CHUNK, DEBRIS, RUST, GLINT, EMBER]].any()  # the many-lights path relies on it
MOTE_BRIGHTNESS = 120.0
EXHAUST_BRIGHTNESS = 230.0
SPARK_BRIGHTNESS = 255.0
DEBRIS_BRIGHTNESS = 140.0  # dim: debris is lit by the eye, it does not shine
CHUNK_AS_POINT = 230.0  # chunks too small on screen for their polygons: bright specks
FEW_LIGHTS = 4  # under a quarter as many lights as glow pixels: each tinted as it is
CHUNK_POLYGON_PX = 2.5  # chunk radius on screen (px) from which chunks are polygons


class PointLayer:
    def __init__(self, level: Level, seed: int, size: tuple[int, int], glow_size: tuple[int, int]):
        self.w, self.h = size
        self.gw, self.gh = glow_size
        self.own = pygame.Surface(size)
        self.surface = self.own  # where the layer is drawn this frame: see `use`
        self.luts = np.zeros((N_PALETTES, LEVELS), np.uint32)
        self.half_luts = np.zeros((N_PALETTES, LEVELS), np.uint32)
        for pal, table in RAMPS.items():
            self.luts[pal] = pack(self.surface, table)
            self.half_luts[pal] = pack(self.surface, (table.astype(np.uint16) * 2 // 5)
                                       .astype(np.uint8))
        self._acc = np.zeros(self.w * self.h, np.float32)  # brightness, cleared after use
        self._init_stars(level, seed)
        self.lens = None  # set by the renderer where something bends starlight (lens.Lens)
        self.exhaust_life = float(level.config.particles.exhaust_life)
        self.chunk_radius = float(level.config.debris.chunk_radius)
        self._seed = seed
        self._slots: tuple | None = None  # per-slot look of the long-lived particles
        self._debris_presence = -1.0
        self._debris_packed = np.zeros(0, np.uint32)
        # the lights placed by `begin` for `finish`: pixel, brightness, the ends of the
        # motes' and the chunks' runs, the ring's palettes
        self._lights: tuple | None = None
        # what is left to draw of this frame's layer (`begin`, `step`), last first
        self._steps: list[Callable[[np.ndarray], None]] = []
        self._cleared = True

    # ------------------------------------------------------------------ stars
    def _init_stars(self, level: Level, seed: int) -> None:
        view = level.config.view
        rng = np.random.Generator(np.random.PCG64(seed ^ 0x5EED57A5))
        layers, per = int(view.star_layers), int(view.stars_per_layer)
        n = layers * per
        self.star_x = rng.uniform(0, self.w, n).astype(F32)
        self.star_y = rng.uniform(0, self.h, n).astype(F32)
        layer = np.repeat(np.arange(layers), per)
        depth = (layer + 1) / (layers + 1)  # 0 far .. 1 near
        # parallax: pixels of star drift per metre the camera moves
        near_zoom = self.w / view.min_view_width
        self.star_parallax = ((0.02 + 0.10 * depth**2) * near_zoom).astype(F32)
        base = (60 + 150 * depth) * rng.uniform(0.45, 1.0, n)
        self.star_base = base.astype(F32)
        self.star_phase = rng.uniform(0, 2 * math.pi, n).astype(F32)
        self.star_rate = rng.uniform(0.8, 3.2, n).astype(F32)
        self.star_big = depth > 0.7
        tint = rng.choice(3, n, p=[0.7, 0.18, 0.12])
        cols = np.array([[0.85, 0.92, 1.0], [1.0, 0.85, 0.65], [0.7, 0.8, 1.0]], np.float32)
        self.star_tint = cols[tint]

    def _draw_stars(self, flat: np.ndarray, cam_x: float, cam_y: float, t: float) -> None:
        x = self.star_x - F32(cam_x) * self.star_parallax
        y = self.star_y - F32(cam_y) * self.star_parallax
        np.mod(x, F32(self.w - 2), out=x)
        np.mod(y, F32(self.h - 2), out=y)
        twinkle = np.sin(self.star_phase + F32(t) * self.star_rate)
        twinkle *= F32(0.3)
        twinkle += F32(0.7)
        bright = self.star_base * twinkle
        rgb = (self.star_tint * bright[:, None]).clip(0, 255).astype(np.uint8)
        big = self.star_big
        if self.lens is not None:
            x, y, rgb, big = self.lens.bend(x, y, rgb, big)
        packed = pack(self.surface, rgb)
        idx = y.astype(np.intp) * self.w + x.astype(np.intp)
        if big.any():
            halo = pack(self.surface, (rgb[big].astype(np.uint16) * 2 // 5).astype(np.uint8))
            bi = idx[big]
            for off in (1, self.w):
                flat[bi + off] = halo
        flat[idx] = packed

    # ------------------------------------------------------------------ particles
    def _slot_looks(self, p: CosmeticParticles) -> tuple[np.ndarray, np.ndarray]:
        """Per particle slot: palette and base brightness.

        Motes, chunks and debris live for the whole level in fixed slots, so each slot
        keeps one look: debris varies in brightness and is half rock, half rust. Exhaust
        and sparks (the ring at the end) are set per frame from their kind and life.
        """
        key = (p.capacity, p.debris_start, p.chunk_end, p.exhaust_start)
        if self._slots is not None and self._slots[0] == key:
            return self._slots[1], self._slots[2]
        rng = np.random.Generator(np.random.PCG64(self._seed ^ 0xDEB815))
        n = p.capacity
        pal = np.full(n, SPARK, np.intp)
        base = np.zeros(n, np.float32)
        d0, c1, e0 = p.debris_start, p.chunk_end, p.exhaust_start
        pal[:d0] = MOTE
        base[:d0] = MOTE_BRIGHTNESS
        nd = e0 - c1
        if nd > 0:
            pal[c1:e0] = np.where(rng.random(nd) < 0.45, RUST, DEBRIS)
            # most debris is dust near the floor of visibility, a few pieces catch the light
            base[c1:e0] = DEBRIS_BRIGHTNESS * (0.45 + 0.75 * rng.random(nd) ** 2.5)
        pal[d0:c1] = CHUNK
        base[d0:c1] = CHUNK_AS_POINT
        self._slots = (key, pal, base)
        self._debris_presence = -1.0
        return pal, base

    def _debris_colours(self, p: CosmeticParticles, presence: float) -> np.ndarray:
        """Packed colour of every debris slot at this presence (kept while it holds)."""
        if presence != self._debris_presence:
            pal, base = self._slot_looks(p)
            c1, e0 = p.chunk_end, p.exhaust_start
            level = np.minimum(base[c1:e0] * F32(presence), F32(LEVELS - 1)).astype(np.int32)
            self._debris_packed = self.luts[pal[c1:e0], level]
            self._debris_presence = presence
        return self._debris_packed

    def _draw_debris(self, flat: np.ndarray, p: CosmeticParticles, ox: float, oy: float, zoom: float,
                     presence: float) -> None:
        """Debris: tens of thousands of dim single grains, each with its slot's colour.

        They are too dim to add up to much where they overlap, so they skip the
        accumulation and the haze the lights go through: one scatter of packed colours.
        """
        c1, e0 = p.chunk_end, p.exhaust_start
        if e0 <= c1:
            return
        pos = p.pos[c1:e0]
        sx = pos[:, 0] * F32(zoom)
        sx += F32(ox)
        sy = pos[:, 1] * F32(zoom)
        sy += F32(oy)
        keep = (sx >= 1) & (sx < self.w - 2)
        keep &= sy >= 1
        keep &= sy < self.h - 2
        sel = np.flatnonzero(keep)
        if sel.size == 0:
            return
        idx = sy[sel].astype(np.intp) * self.w + sx[sel].astype(np.intp)
        flat[idx] = self._debris_colours(p, presence)[sel]

    def _place_lights(self, world: World, p: CosmeticParticles, ox: float, oy: float,
                      zoom: float) -> np.ndarray | None:
        """Place the lights (nothing is drawn): their pixels, brightness and palettes are
        kept for `_scatter_lights`; returns their haze (as `render`)."""
        self._lights = None
        if p.capacity == 0:
            return None
        d0, c1, e0 = p.debris_start, p.chunk_end, p.exhaust_start
        presence = world.ellipse.presence if not world.ellipse.gone else 0.0
        # the lights: motes and chunks too small for their polygons (one run of slots from
        # 0, read in place), then the live slots of the exhaust ring (gathered)
        lit = 0
        if presence > 0.01:
            lit = c1 if c1 > d0 and self.chunk_radius * zoom < CHUNK_POLYGON_PX else d0
        ring = np.flatnonzero(p.life[e0:] > 0)
        ring += e0
        n_all = lit + ring.size
        if n_all == 0:
            return None
        w, h = self.w, self.h
        sx = np.empty(n_all, np.float32)
        sy = np.empty(n_all, np.float32)
        np.multiply(p.pos[:lit, 0], F32(zoom), out=sx[:lit])
        np.multiply(p.pos[:lit, 1], F32(zoom), out=sy[:lit])
        if ring.size:
            ring_pos = p.pos[ring]
            np.multiply(ring_pos[:, 0], F32(zoom), out=sx[lit:])
            np.multiply(ring_pos[:, 1], F32(zoom), out=sy[lit:])
        sx += F32(ox)
        sy += F32(oy)
        keep = (sx >= 1) & (sx < w - 2)
        keep &= sy >= 1
        keep &= sy < h - 2
        on = np.flatnonzero(keep)
        n_on = on.size
        if n_on == 0:
            return None
        split = int(np.searchsorted(on, lit))  # on[:split] long-lived, on[split:] ring
        motes = int(np.searchsorted(on[:split], d0))  # on[:motes] motes, on[motes:split] chunks
        if n_on == n_all:  # all on screen (the eye seen whole): no gathers
            xi = sx.astype(np.intp)
            yi = sy.astype(np.intp)
        else:
            xi = sx[on].astype(np.intp)
            yi = sy[on].astype(np.intp)
        idx = yi * w
        idx += xi
        # every slot of the run from 0 shares its segment's look (motes, then chunks as
        # specks), so only the ring's lights are looked up one by one
        weight = np.empty(n_on, np.float32)
        weight[:motes] = MOTE_BRIGHTNESS * presence
        weight[motes:split] = CHUNK_AS_POINT * presence
        rs = ring[on[split:] - lit]  # the ring's slots drawn
        ring_pal = None
        if rs.size:
            life = np.minimum(p.life[rs], F32(self.exhaust_life))
            is_exh = p.kind[rs] == EXHAUST
            ring_pal = np.where(is_exh, EXHAUST, SPARK)
            weight[split:] = np.where(
                is_exh, F32(EXHAUST_BRIGHTNESS / self.exhaust_life) * life,
                F32(SPARK_BRIGHTNESS) * np.minimum(F32(1.0), life * F32(3.0)))
        self._lights = (idx, weight, motes, split, ring_pal)

        # soft haze in the glow buffer (x-major, like the glow texture)
        xi *= self.gw
        xi //= w
        xi *= self.gh
        yi *= self.gh
        yi //= h
        gi = xi
        gi += yi
        n = self.gw * self.gh
        haze = np.empty((n, 3), np.float32)
        if gi.size * FEW_LIGHTS < n:  # a few lights: one tinted bincount per channel
            pal = np.empty(gi.size, np.intp)
            pal[:motes] = MOTE
            pal[motes:split] = CHUNK
            if ring_pal is not None:
                pal[split:] = ring_pal
            for ch in range(3):
                tint = HAZE_PLANES[ch][pal]
                tint *= weight
                haze[:, ch] = np.bincount(gi, weights=tint, minlength=n)
            return haze
        # many: they are nearly all motes, which share one brightness and one tint, so the
        # motes are counted per glow pixel and the count tinted a column at a time (a
        # bincount of brightness per palette and a matrix product took 1 ms for 35,000
        # motes, this 0.2); the chunks among them have no haze, the ring's lights (at most
        # a few hundred) are added one by one
        count = np.bincount(gi[:motes], minlength=n).astype(np.float32)
        tint = HAZE[MOTE] * F32(MOTE_BRIGHTNESS * presence)
        for ch in range(3):  # by column: broadcast over rows of three, numpy took 6x as long
            np.multiply(count, tint[ch], out=haze[:, ch])
        if ring_pal is not None:
            np.add.at(haze, gi[split:], HAZE[ring_pal] * weight[split:, None])
        return haze

    def _scatter_lights(self, flat: np.ndarray) -> None:
        """Write the lights placed by `_place_lights` into the pixels: their brightness
        added up per pixel, coloured through their palettes, each with a soft cross."""
        if self._lights is None:
            return
        idx, weight, motes, split, ring_pal = self._lights
        self._lights = None
        w = self.w
        acc = self._acc
        np.add.at(acc, idx, weight)
        look = np.minimum(acc[idx], F32(LEVELS - 1)).astype(np.intp)  # the colour's index in the tables
        acc[idx] = 0.0
        for a, b, pal in ((0, motes, MOTE), (motes, split, CHUNK)):
            if pal and b > a:
                look[a:b] += pal * LEVELS
        if ring_pal is not None:
            look[split:] += ring_pal * LEVELS
        halo = self.half_luts.ravel().take(look)
        at = idx - 1
        flat[at] = halo  # a soft cross of half brightness
        at += 2
        flat[at] = halo
        at -= w + 1
        flat[at] = halo
        at += 2 * w
        flat[at] = halo
        flat[idx] = self.luts.ravel().take(look)

    def _draw_sparks(self, flat: np.ndarray, sparks) -> None:
        """Sparks of the effects' bursts: (x, y, life[, palette]) screen arrays."""
        x, y, life = sparks[:3]
        palette = sparks[3] if len(sparks) > 3 else None
        ok = (x >= 1) & (x < self.w - 2) & (y >= 1) & (y < self.h - 2)
        if not ok.any():
            return
        idx = y[ok].astype(np.intp) * self.w + x[ok].astype(np.intp)
        level = np.clip(life[ok] * 500.0, 0, LEVELS - 1).astype(np.intp)
        pal = SPARK if palette is None else palette[ok]
        for off in (-1, 1, -self.w, self.w):
            flat[idx + off] = self.half_luts[pal, level]
        flat[idx] = self.luts[pal, level]

    # ------------------------------------------------------------------ frame
    def use(self, frame: pygame.Surface) -> bool:
        """Draw this frame's layer straight onto `frame` (the layer is opaque and comes
        first, so this saves a full-screen copy) when its pixels are laid out like the
        layer's own; else onto the layer's own surface. Returns whether `frame` is used."""
        own = self.own
        direct = (frame.get_size() == own.get_size() and frame.get_bitsize() == 32
                  and frame.get_masks() == own.get_masks() and frame.get_pitch() == own.get_pitch())
        self.surface = frame if direct else own
        return direct

    def render(self, world: World, particles: CosmeticParticles, cam_x: float, cam_y: float,
               origin: tuple[float, float], zoom: float, t: float, sparks=None) -> np.ndarray | None:
        """Redraw the layer; returns the particles' haze (gw*gh, 3), x-major, or None."""
        haze = self.begin(world, particles, cam_x, cam_y, origin, zoom, t, sparks)
        self.finish()
        return haze

    def begin(self, world: World, particles: CosmeticParticles, cam_x: float, cam_y: float,
              origin: tuple[float, float], zoom: float, t: float, sparks=None) -> np.ndarray | None:
        """Place this frame's lights and return their haze (gw*gh, 3), x-major, or None;
        the layer is drawn by `step` and `finish`, in its own order (cleared, the stars,
        the debris, the lights, the sparks), whatever the frame does in between. So the
        glow can be finished with the haze, and scaled up on another thread, while the
        layer is drawn (`WorldRenderer.draw`)."""
        haze = self._place_lights(world, particles, origin[0], origin[1], zoom)
        steps: list[Callable[[np.ndarray], None]] = [
            lambda flat: self._draw_stars(flat, cam_x, cam_y, t)]
        presence = world.ellipse.presence if not world.ellipse.gone else 0.0
        if particles.capacity and presence > 0.01 and particles.exhaust_start > particles.chunk_end:
            ox, oy = origin
            steps.append(lambda flat: self._draw_debris(flat, particles, ox, oy, zoom, presence))
        if self._lights is not None:
            steps.append(self._scatter_lights)
        if sparks is not None:
            steps.append(lambda flat: self._draw_sparks(flat, sparks))
        steps.reverse()  # popped from the end
        self._steps = steps
        self._cleared = False
        return haze

    def step(self) -> bool:
        """Draw the layer's next part; returns whether any are left."""
        pixels = pygame.surfarray.pixels2d(self.surface)
        flat = pixels.T.reshape(-1)  # a view when the rows are packed (they are here)
        if not np.shares_memory(flat, pixels):
            raise RuntimeError("point layer is not contiguous")
        if not self._cleared:
            flat.fill(0)  # by numpy, which leaves the layer in the caches (palette.clear)
            self._cleared = True
        if self._steps:
            self._steps.pop()(flat)
        del flat, pixels
        return bool(self._steps)

    @property
    def pending(self) -> bool:
        """Whether any of this frame's layer is left to draw."""
        return bool(self._steps) or not self._cleared

    def finish(self) -> None:
        """Draw what is left of the layer."""
        while self.step():
            pass
