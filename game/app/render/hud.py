"""The heads-up display, and the public kit every kind's panels are drawn with.

The HUD draws what every level shares: the subspace timer, the ship's panel (hull,
power split), the EM signature panel, the shear-layer warning, the captions and the
banner. A level kind's view (`game.app.render.kinds`) decides the layout (`KindView.hud`)
and draws its own panels with the kit below, never with the HUD's internals:

* `text`: the cached text renderer (`text.draw(s, label, size, colour, pos, anchor)`);
* `panel_surface(name, size)`: a dark bracketed panel backdrop, made once; `put(s, surf,
  pos)` blits a panel and reserves its rectangle, `reserve(rect)` reserves any other;
* `clear_spot(rect)`: where a marker of `rect` goes so it sits in no reserved rectangle;
* `blink(clock, rate)`: the shared on/off of a warning (always on with reduce-motion);
* `bar(...)`: a framed fill bar, optionally segmented; `dead_bar(...)`: a red hatch;
* `light(...)`: a labelled status light, lit or dark;
* `glow_text(...)`: big glowing text (clocks, countdowns); `alert(...)`: a blinking
  red warning box;
* `top_clock(...)`: a clock in the timer's place; `timer`, `ship_panel`,
  `signature_panel`, `lights_panel`, `shear_warning`: the standard panels;
* `objective_arrow(...)`: an arrow at the screen's edge toward a world point.

Thin vector frames on dark panels (nearly opaque: the brightest blaze of the ellipse
shows through as a dull glow behind the text, never as bright as the text). Every panel
is placed with `put`, so the HUD knows each panel's rectangle each frame and the
objective markers (drawn after the panels) are pushed out of them, out of the top
centre's title and clock, and out of each other. State never rests on colour alone:
lights carry a filled or hollow pip, the hull's warning states a triangle. Text is
rendered once per string and cached.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from game.app.render.camera import Camera
from game.app.render.palette import (
    AMBER,
    GREEN,
    HUD,
    HUD_BRIGHT,
    HUD_DIM,
    MAGENTA,
    PROBE,
    RED,
    SHIELD_MOD,
    SYSTEM_COLOURS,
    SYSTEM_LABELS,
    scaled,
    towards_white,
)
from game.app.render.text import Text
from game.levels import Level
from game.sim.field import melt_progress
from game.sim.world import SYSTEMS, World

ORANGE = (255, 150, 40)
CAPTION_FADE_IN = 0.25  # s
CAPTION_FADE_OUT = 0.6  # s
ARROW_INSET = 46  # px from the screen edge
MARKER_GAP = 6  # px kept between a marker and a reserved rectangle
PANEL_ALPHA = 215  # a panel's backing: the brightest blaze shows through at a sixth
TOP_TITLE = (420, 100)  # the top centre reserved for the timer or a level's clock
BOTTOM_HINT = (560, 30)  # the bottom centre reserved for the play scene's key hints
LIGHTS_PANEL = (330, 100)  # the bottom-right panel of the shield-mod and tractor lights

Panels = Callable[["Hud", pygame.Surface, World, float], None]


def bar_fill(w: int, frac: float) -> int:
    """The filled pixels of a bar `w` px wide at `frac` (`Hud.bar`)."""
    return int((w - 4) * max(0.0, min(1.0, frac)))


def panel(size: tuple[int, int]) -> pygame.Surface:
    """A translucent dark panel with bracketed corners."""
    w, h = size
    s = pygame.Surface(size, pygame.SRCALPHA)
    s.fill((4, 10, 18, PANEL_ALPHA))
    c = (*HUD_DIM, 255)
    k = 10
    for (x, y), (dx, dy) in (((0, 0), (1, 1)), ((w - 1, 0), (-1, 1)), ((0, h - 1), (1, -1)),
                             ((w - 1, h - 1), (-1, -1))):
        pygame.draw.line(s, c, (x, y), (x + dx * k, y), 2)
        pygame.draw.line(s, c, (x, y), (x, y + dy * k), 2)
    pygame.draw.line(s, (*HUD_DIM, 90), (k + 4, 0), (w - k - 5, 0), 1)
    pygame.draw.line(s, (*HUD_DIM, 90), (k + 4, h - 1), (w - k - 5, h - 1), 1)
    return s


NOSE_GAP = 10  # px between the ship's nose and its heading chevron
NOSE_SIZE = 8  # px: the chevron's depth and half width


def nose_marker(x: float, y: float, angle: float, size: float) -> list[tuple[float, float]]:
    """The heading chevron of a ship drawn `size` px long at (x, y): an open "V" a few
    pixels past the nose, the same size at any zoom, so the heading reads even when
    the ship is a speck in the eye or a blur in the blaze."""
    c, s = math.cos(angle), math.sin(angle)
    tip = size * 0.55 + NOSE_GAP + NOSE_SIZE
    back = tip - NOSE_SIZE

    def at(u: float, v: float) -> tuple[float, float]:
        return x + u * c - v * s, y + u * s + v * c

    return [at(back, -NOSE_SIZE), at(tip, 0.0), at(back, NOSE_SIZE)]


def glow_copy(text: pygame.Surface) -> pygame.Surface:
    """A soft halo of an (opaque, black-backed) text surface, to add under it."""
    w, h = text.get_size()
    solid = pygame.Surface((w, h))  # 32-bit: font surfaces may be 8-bit palettes
    solid.blit(text, (0, 0))
    text = solid
    small = pygame.transform.smoothscale(text, (max(1, w // 5), max(1, h // 5)))
    return pygame.transform.smoothscale(small, (w, h))


class Hud:
    def __init__(self, level: Level, size: tuple[int, int]):
        self.level = level
        self.w, self.h = size
        self.text = Text()
        self.left_panel = panel((304, 214))
        self.right_panel = panel((304, 132))
        self.timer_panel = panel((210, 86))
        self.in_band = False  # set by the renderer: the ship is in the shear band
        spec = level.ship
        self.em_scale = 1.1 * max(level.probe.em_signature,
                                  spec.reactor_output + spec.life_support_draw)
        self._captions: dict[str, list[float]] = {}  # text -> [first seen, last seen]
        self._caption_clock: float | None = None
        self._glow_cache: dict[tuple[str, int, tuple[int, int, int]], pygame.Surface] = {}
        self._panels: dict[str, pygame.Surface] = {}
        self._drawn: dict[str, tuple[object, pygame.Surface]] = {}  # cached_panel's: key, panel
        self.reduce_motion = False  # set by the renderer each frame (`begin`)
        self.reserved: list[pygame.Rect] = []  # this frame's panels, captions and markers

    def begin(self, reduce_motion: bool = False) -> None:
        """A new frame: nothing reserved yet but the top centre's title and the bottom
        centre's key hints."""
        self.reduce_motion = reduce_motion
        self.reserved.clear()
        top = pygame.Rect((0, 0), TOP_TITLE)
        top.midtop = (self.w // 2, 0)
        hint = pygame.Rect((0, 0), BOTTOM_HINT)
        hint.midbottom = (self.w // 2, self.h)
        self.reserved += [top, hint]

    # ------------------------------------------------------------------ the kit
    def reserve(self, rect: pygame.Rect) -> None:
        """Keep the objective markers out of `rect` this frame."""
        self.reserved.append(pygame.Rect(rect))

    def put(self, s: pygame.Surface, surf: pygame.Surface, pos: tuple[int, int]) -> pygame.Rect:
        """Blit a panel's backdrop at `pos` and reserve its rectangle; returns it."""
        s.blit(surf, pos)
        rect = surf.get_rect(topleft=pos)  # the whole panel, even where it leaves the screen
        self.reserve(rect)
        return rect

    def blink(self, clock: float, rate: float = 3.0, duty: float = 0.6) -> bool:
        """The shared on/off of a warning; with reduce-motion it stays on (no flashing)."""
        return self.reduce_motion or (clock * rate) % 1.0 < duty

    def clear_spot(self, rect: pygame.Rect) -> pygame.Rect:
        """`rect` moved the least it can so it overlaps no reserved rectangle and stays
        on screen (a marker and its label, before they are drawn)."""
        screen = pygame.Rect(4, 4, self.w - 8, self.h - 8)
        rect = pygame.Rect(rect).clamp(screen)
        avoid = [r.inflate(2 * MARKER_GAP, 2 * MARKER_GAP) for r in self.reserved]
        for _ in range(6):
            hits = [r for r in avoid if rect.colliderect(r)]
            if not hits:
                return rect
            moves = []
            for r in hits:
                for dx, dy in ((r.left - rect.right, 0), (r.right - rect.left, 0),
                               (0, r.top - rect.bottom), (0, r.bottom - rect.top)):
                    moved = rect.move(dx, dy)
                    if screen.contains(moved):
                        free = not any(moved.colliderect(o) for o in avoid)
                        moves.append((not free, abs(dx) + abs(dy), moved))
            if not moves:
                return rect
            moves.sort(key=lambda m: (m[0], m[1]))
            rect = moves[0][2]
        return rect

    def panel_surface(self, name: str, size: tuple[int, int]) -> pygame.Surface:
        """A panel backdrop (translucent, bracketed corners) of `size`, drawn once and
        kept under `name`; blit it, then draw on top."""
        surf = self._panels.get(name)
        if surf is None:
            surf = self._panels[name] = panel(size)
        return surf

    def alert(self, s: pygame.Surface, rect: pygame.Rect, text: str, size: int, clock: float) -> None:
        """A blinking red warning box ("TRACKING YOU"): the one alarm every panel shares."""
        on = self.blink(clock)
        pygame.draw.rect(s, scaled(RED, 0.25 if on else 0.1), rect)
        pygame.draw.rect(s, RED, rect, 1)
        self.text.draw(s, text, size, (255, 220, 210) if on else scaled(RED, 0.7), rect.center, "center")

    def bar(self, s: pygame.Surface, x: int, y: int, w: int, h: int, frac: float,
            colour, segments: int = 0, back=HUD_DIM) -> None:
        """A framed bar filled to `frac` (0..1) in `colour`, cut into `segments` if any."""
        frac = max(0.0, min(1.0, frac))
        pygame.draw.rect(s, scaled(back, 0.45), (x, y, w, h), 1)
        fill = bar_fill(w, frac)
        if fill > 0:
            pygame.draw.rect(s, colour, (x + 2, y + 2, fill, h - 4))
            pygame.draw.line(s, towards_white(colour, 0.6), (x + 2, y + 2), (x + 1 + fill, y + 2))
        if segments:
            for k in range(1, segments):
                sx = x + 2 + (w - 4) * k // segments
                pygame.draw.line(s, (4, 10, 18), (sx, y + 2), (sx, y + h - 3))

    @staticmethod
    def dead_bar(s: pygame.Surface, x: int, y: int, w: int, h: int) -> None:
        """A dead red hatch where a bar would be (a knocked-out system)."""
        pygame.draw.rect(s, scaled(RED, 0.18), (x + 1, y + 1, w - 2, h - 2))
        pygame.draw.rect(s, scaled(RED, 0.7), (x, y, w, h), 1)
        for hx in range(x + 2, x + w - 2, 6):
            pygame.draw.line(s, scaled(RED, 0.55), (hx, y + h - 2), (min(x + w - 2, hx + h - 3),
                                                                     y + 1))

    def light(self, s: pygame.Surface, x: int, y: int, w: int, label: str, on: bool,
              colour) -> None:
        """A status light `w` px wide: filled in `colour` with a filled pip when on, a dim
        outline with a hollow pip when off (on and off differ in shape, not only colour)."""
        rect = pygame.Rect(x, y, w, 22)
        pip = (x + 11, y + 11)
        centre = (rect.centerx + 8, rect.centery)
        if on:
            pygame.draw.rect(s, scaled(colour, 0.28), rect)
            pygame.draw.rect(s, colour, rect, 1)
            pygame.draw.circle(s, towards_white(colour, 0.5), pip, 5)
            self.text.draw(s, label, 18, towards_white(colour, 0.5), centre, "center")
        else:
            pygame.draw.rect(s, scaled(HUD_DIM, 0.9), rect, 1)
            pygame.draw.circle(s, scaled(HUD_DIM, 1.5), pip, 5, 1)
            self.text.draw(s, label, 18, scaled(HUD_DIM, 1.6), centre, "center")

    @staticmethod
    def hull_mark(s: pygame.Surface, x: int, y: int, frac: float) -> None:
        """The hull's state in shape as well as colour, centred on (x, y): nothing while it
        is sound, a hollow amber triangle when worn, a filled red one with a bar when low."""
        if frac > 0.6:
            return
        tri = [(x, y - 7), (x + 8, y + 6), (x - 8, y + 6)]
        if frac > 0.3:
            pygame.draw.polygon(s, AMBER, tri, 2)
        else:
            pygame.draw.polygon(s, RED, tri)
            pygame.draw.line(s, (30, 6, 4), (x, y - 2), (x, y + 2), 2)
            pygame.draw.line(s, (30, 6, 4), (x, y + 4), (x, y + 4), 2)

    def glow_text(self, s: pygame.Surface, text: str, size: int, colour, centre,
                  strength: float = 1.0) -> None:
        """Text centred on `centre` with a soft halo (twice as bright above 0.6 strength)."""
        key = (text, size, colour)
        halo = self._glow_cache.get(key)
        if halo is None:
            if len(self._glow_cache) > 64:
                self._glow_cache.clear()
            solid = self.text.font(size).render(text, True, colour, (0, 0, 0))
            halo = glow_copy(solid)
            self._glow_cache[key] = halo
        rect = halo.get_rect(center=centre)
        for _ in range(2 if strength > 0.6 else 1):
            s.blit(halo, rect, special_flags=pygame.BLEND_ADD)
        self.text.draw(s, text, size, colour, centre, "center")

    def top_clock(self, s: pygame.Surface, label: str, reading: str, size: int) -> None:
        """A clock in the timer's place (a mission clock, the time survived)."""
        cx = self.w // 2
        self.put(s, self.timer_panel, (cx - 105, 10))
        self.text.draw(s, label, 18, HUD, (cx, 24), "center")
        self.glow_text(s, reading, size, HUD_BRIGHT, (cx, 60), 0.4)

    # ------------------------------------------------------------------ standard panels
    def timer(self, s: pygame.Surface, world: World, clock: float) -> None:
        """Top centre: the time left until the ellipse sinks into subspace."""
        self.countdown(s, "SUBSPACE IN", world.time_left, clock)

    def countdown(self, s: pygame.Surface, label: str, left: float, clock: float) -> None:
        """Top centre: a countdown the player races (minutes:seconds; pulsing red tenths
        under 30 s, faster under 10 s)."""
        cx = self.w // 2
        self.put(s, self.timer_panel, (cx - 105, 10))
        self.text.draw(s, label, 18, HUD, (cx, 24), "center")
        if left < 30.0:
            pulse = 0.5 if self.reduce_motion else \
                0.5 + 0.5 * math.cos(clock * 2.0 * math.pi * (1.0 if left > 10 else 2.0))
            colour = towards_white(RED, 0.35 * pulse)
            label = f"{left:04.1f}"
            self.glow_text(s, label, 64, colour, (cx, 60), 0.5 + pulse)
        else:
            m, sec = divmod(int(left), 60)
            self.glow_text(s, f"{m}:{sec:02d}", 64, HUD_BRIGHT, (cx, 60), 0.4)

    def cached_panel(self, s: pygame.Surface, name: str, backdrop: pygame.Surface, pos: tuple[int, int],
                     key: object, draw: Callable[[pygame.Surface], None]) -> pygame.Rect:
        """Blit panel `name` at `pos` and reserve it: `backdrop` with what `draw(panel)` draws
        on it in the panel's own coordinates, drawn again only when `key` (everything the
        panel shows, as it shows it) changes. Text and bars drawn straight onto the frame
        cost a panel 0.1-0.15 ms a frame; most frames show what the frame before showed."""
        kept = self._drawn.get(name)
        if kept is not None and kept[0] == key:
            return self.put(s, kept[1], pos)
        surf = backdrop.copy()
        draw(surf)
        self._drawn[name] = (key, surf)
        return self.put(s, surf, pos)

    def ship_panel(self, s: pygame.Surface, world: World, hatch_dead: bool = False) -> None:
        """Top left: the ship flown now, its hull and the reactor's split among the systems;
        with `hatch_dead`, a knocked-out system's bar is a dead hatch."""
        spec = world.spec  # the ship flown now (the escape hands over to the starship)
        pl = world.player
        hull = float(world.bodies.hull[pl.body])
        frac = hull / max(1e-6, spec.hull)
        out = spec.reactor_output
        total = sum(pl.draw.values())
        supply = pl.supply_ratio
        draws = [pl.draw.get(name, 0.0) for name in SYSTEMS]
        dead = tuple(pl.health.get(name, 100.0) <= 0.0 for name in SYSTEMS)
        key = (id(spec), spec.name, f"{hull:.0f}", bar_fill(276, frac), frac > 0.6, frac > 0.3,
               f"{total:.0f}", f"{supply * 100:.0f}", supply >= 0.999, hatch_dead, dead,
               tuple((int(274 * d / out), d > 0, bar_fill(190, d / out), f"{d:.0f}") for d in draws))

        def draw(p: pygame.Surface) -> None:  # in the panel's own coordinates
            x, y = 14, 12
            colour = GREEN if frac > 0.6 else AMBER if frac > 0.3 else RED
            self.text.draw(p, spec.name.upper(), 20, HUD_BRIGHT, (x, y))
            hull_at = self.text.draw(p, f"HULL {hull:.0f}%", 20, towards_white(colour, 0.3),
                                     (290, y), "topright")
            self.hull_mark(p, hull_at.left - 14, hull_at.centery, frac)
            self.bar(p, x, y + 20, 276, 12, frac, colour, segments=20)

            y += 44
            self.text.draw(p, f"POWER {total:.0f}/{out:.0f} MW", 18, HUD, (x, y))
            sc = HUD if supply >= 0.999 else AMBER
            self.text.draw(p, f"SUPPLY {supply * 100:.0f}%", 18, sc, (290, y), "topright")
            # the split of the reactor: one stacked bar, then one bar per system
            y += 18
            pygame.draw.rect(p, scaled(HUD_DIM, 0.45), (x, y, 276, 8), 1)
            cursor = x + 2
            for name, drawn in zip(SYSTEMS, draws, strict=True):
                wpx = int(274 * drawn / out)
                if wpx > 0:
                    pygame.draw.rect(p, SYSTEM_COLOURS[name], (cursor, y + 2, max(1, wpx - 1), 4))
                    cursor += wpx
            y += 14
            for name, drawn, off in zip(SYSTEMS, draws, dead, strict=True):
                colour = SYSTEM_COLOURS[name]
                lab_col = RED if off else (colour if drawn > 0 else HUD_DIM)
                self.text.draw(p, SYSTEM_LABELS[name], 17, lab_col, (x, y))
                nominal = getattr(spec.systems, name).draw
                bx, bw = x + 40, 190
                if off and hatch_dead:
                    self.dead_bar(p, bx, y + 1, bw, 10)
                else:
                    self.bar(p, bx, y + 1, bw, 10, drawn / out, scaled(colour, 0.9))
                tick = bx + 2 + int((bw - 4) * min(1.0, nominal / out))
                pygame.draw.line(p, scaled(colour, 0.55), (tick, y - 1), (tick, y + 12))
                val = "OFFLINE" if off else f"{drawn:.0f} MW"
                self.text.draw(p, val, 17, lab_col if off else HUD, (290, y), "topright")
                y += 17

        self.cached_panel(s, "ship", self.left_panel, (18, 12), key, draw)

    def signature_panel(self, s: pygame.Surface, world: World, clock: float) -> None:
        """Top right: the ship's EM signature, what the ellipse chases, dark and polarity."""
        pl = world.player
        e = world.ellipse
        b = world.bodies
        bw = 276
        sig = float(b.signature[pl.body])
        frac = sig / self.em_scale
        colour = GREEN if frac < 0.15 else AMBER if frac < 0.5 else ORANGE
        # what the ellipse is chasing, on the same scale
        # an ellipse that cannot move (the salvage, the escape) chases nobody: no false alarm
        still = self.level.config.ellipse.top_speed <= 0
        tracking_you = e.target == pl.body and not e.gone and e.presence > 0 and not still
        marker = None
        if 0 <= e.target < b.capacity and b.alive[e.target] and not e.gone:
            tsig = float(b.signature[e.target])
            marker = (2 + int((bw - 4) * min(1.0, tsig / self.em_scale)), RED if tracking_you else PROBE)
        if e.gone:
            status, sc = "ELLIPSE IN SUBSPACE", HUD_DIM
        elif e.presence <= 0:
            status, sc = "GRAVIMETRIC DISTORTION RISING", AMBER
        elif still:
            sinking = melt_progress(world) > 0
            status, sc = ("SINKING INTO SUBSPACE", AMBER) if sinking else ("ELLIPSE HOLDING STILL", HUD)
        elif tracking_you:
            status, sc = "!  TRACKING YOU  !", RED if self.blink(clock) else scaled(RED, 0.55)
        elif e.target >= 0:
            status, sc = "ELLIPSE CHASING PROBE", PROBE
        else:
            status, sc = "ELLIPSE DRIFTING - NO SCENT", HUD
        key = (f"{sig:.0f}", bar_fill(bw, frac), colour, marker, status, sc, tracking_you and self.blink(clock),
               pl.dark, pl.polarity_reversed)

        def draw(p: pygame.Surface) -> None:  # in the panel's own coordinates
            x, y = 14, 12
            self.text.draw(p, "EM SIGNATURE", 20, HUD_BRIGHT, (x, y))
            self.text.draw(p, f"{sig:.0f} MW", 20, HUD_BRIGHT, (290, y), "topright")
            y += 22
            self.bar(p, x, y, bw, 14, frac, colour, segments=24)
            if marker is not None:
                mx, mc = x + marker[0], marker[1]
                pygame.draw.polygon(p, mc, [(mx, y + 16), (mx - 6, y + 25), (mx + 6, y + 25)])
            y += 30
            if tracking_you:
                self.alert(p, pygame.Rect(x, y - 2, 276, 22), status, 20, clock)
            else:
                self.text.draw(p, status, 18, sc, (x + 138, y + 9), "center")
            y += 28
            self.light(p, x, y, 118, "DARK", pl.dark, (140, 160, 200))
            self.light(p, x + 124, y, 152, "POLARITY REV", pl.polarity_reversed, MAGENTA)

        self.cached_panel(s, "signature", self.right_panel, (self.w - 18 - 304, 12), key, draw)

    def lights_panel(self, s: pygame.Surface, world: World) -> tuple[int, int]:
        """Bottom right: the shield modification (if the ship has one) and tractor lights;
        returns the panel's top left, for what a kind adds under the lights."""
        pl = world.player
        pw, ph = LIGHTS_PANEL
        x0, y0 = self.w - 18 - pw, self.h - 12 - ph
        self.put(s, self.panel_surface("lights", LIGHTS_PANEL), (x0, y0))
        x, y = x0 + 14, y0 + 12
        shields_up = pl.draw.get("shields", 0.0) > 0.0
        if world.spec.shield_mod_draw > 0:
            mod_col = SHIELD_MOD if shields_up or not pl.shield_mod else AMBER
            self.light(s, x, y, 146, "SHIELD MOD", pl.shield_mod, mod_col)
        self.light(s, x + 156, y, 146, "TRACTOR", pl.tractor, SYSTEM_COLOURS["tractor"])
        return x0, y0

    def shear_warning(self, s: pygame.Surface, world: World, clock: float) -> None:
        """Flashing under the timer while the ship is in the shear band unprotected (only
        a ship that has the shield modification can be protected, and is warned)."""
        pl = world.player
        if not self.in_band or world.spec.shield_mod_draw <= 0:
            return
        protected = pl.shield_mod and pl.draw.get("shields", 0.0) > 0.0
        if protected:
            return
        on = self.blink(clock)
        rect = pygame.Rect(0, 0, 420, 30)
        rect.center = (self.w // 2, 118)
        self.reserve(rect)
        pygame.draw.rect(s, scaled(RED, 0.3 if on else 0.12), rect)
        pygame.draw.rect(s, RED if on else scaled(RED, 0.5), rect, 2)
        self.text.draw(s, "SHEAR LAYER - MODIFY SHIELDS", 22,
                       (255, 225, 215) if on else scaled(RED, 0.8), rect.center, "center")

    # ------------------------------------------------------------------ arrows, captions
    def edge_point(self, px: float, py: float) -> tuple[float, float, float] | None:
        """Where the direction from the screen's centre to a screen point meets the
        markers' rectangle (the screen inset by `ARROW_INSET`), and the angle; None while
        the point is on screen."""
        m = ARROW_INSET
        if m <= px <= self.w - m and m <= py <= self.h - m:
            return None
        cx, cy = self.w * 0.5, self.h * 0.5
        dx, dy = px - cx, py - cy
        if dx == 0 and dy == 0:
            return None
        k = min((cx - m) / abs(dx) if dx else math.inf, (cy - m) / abs(dy) if dy else math.inf)
        return cx + dx * k, cy + dy * k, math.atan2(dy, dx)

    def place_marker(self, ax: float, ay: float, ang: float, radius: float,
                     label_size: tuple[int, int], gap: float = 20.0) -> tuple[float, float, float, float]:
        """A marker of `radius` at (ax, ay) pointing along `ang`, with a label of
        `label_size` on its inner side: both moved together clear of every reserved
        rectangle (and the pair reserved in turn, so the next marker avoids it).
        Returns the marker's and the label's centres."""
        c, sn = math.cos(ang), math.sin(ang)
        tw, th = label_size
        lx = ax - c * (tw * 0.5 + gap)
        ly = ay - sn * (th * 0.5 + gap)
        r = int(math.ceil(radius))
        mark = pygame.Rect(int(ax) - r, int(ay) - r, 2 * r, 2 * r)
        label = pygame.Rect(0, 0, tw + 8, th + 4)
        label.center = (int(lx), int(ly))
        group = mark.union(label)
        spot = self.clear_spot(group)
        dx, dy = spot.x - group.x, spot.y - group.y
        self.reserve(spot)
        return ax + dx, ay + dy, lx + dx, ly + dy

    def objective_arrow(self, s: pygame.Surface, cam: Camera, world: World, tx: float, ty: float,
                        label: str, colour, clock: float) -> None:
        """An arrow at the screen's edge toward a world point that is off screen, with
        `label` and the distance from the ship, clear of the panels and the title."""
        px, py = cam.to_screen(tx, ty)
        edge = self.edge_point(px, py)
        if edge is None:
            return
        ax, ay, ang = edge
        shx, shy = world.ship_pos()
        dist = math.hypot(tx - shx, ty - shy)
        txt = f"{label} {dist / 1000.0:.1f} km"
        size = self.text.render(txt, 18, colour).get_size()
        ax, ay, lx, ly = self.place_marker(ax, ay, ang, 16, size)
        # point from where the marker ended up, so a pushed marker still aims true
        ang = math.atan2(py - ay, px - ax)
        c, sn = math.cos(ang), math.sin(ang)
        bob = 0.0 if self.reduce_motion else 3.0 * math.sin(clock * 6.0)
        ax += c * bob
        ay += sn * bob

        def rot(u: float, v: float) -> tuple[float, float]:
            return ax + u * c - v * sn, ay + u * sn + v * c

        tri = [rot(14, 0), rot(-8, 11), rot(-3, 0), rot(-8, -11)]
        pygame.draw.polygon(s, scaled(colour, 0.35), tri)
        pygame.draw.lines(s, colour, True, tri, 2)
        pygame.draw.aalines(s, towards_white(colour, 0.5), True, tri)
        back = pygame.Surface((size[0] + 10, size[1] + 4), pygame.SRCALPHA)
        back.fill((2, 8, 16, 170))  # readable over the blaze, as the panels are
        s.blit(back, back.get_rect(center=(int(lx), int(ly))))
        self.text.draw(s, txt, 18, colour, (lx, ly), "center")

    def _captions_draw(self, s: pygame.Surface, captions: Sequence[str], clock: float) -> None:
        now = set(captions)
        first_frame = self._caption_clock is None
        self._caption_clock = clock
        for text in now:
            seen = self._captions.get(text)
            if seen is None or clock - seen[1] > CAPTION_FADE_OUT:
                # a caption already up when the renderer starts shows at once
                start = clock - CAPTION_FADE_IN if first_frame else clock
                self._captions[text] = [start, clock]
            else:
                seen[1] = clock
        order = [c for c in captions]
        fading = [t for t, (_, last) in self._captions.items()
                  if t not in now and 0 <= clock - last < CAPTION_FADE_OUT]
        for t in list(self._captions):
            if t not in now and clock - self._captions[t][1] >= CAPTION_FADE_OUT:
                del self._captions[t]
        lines = fading + order
        y = self.h - 150
        for text in reversed(lines[-4:]):
            first, last = self._captions[text]
            a = min(1.0, (clock - first) / CAPTION_FADE_IN) if text in now else \
                max(0.0, 1.0 - (clock - last) / CAPTION_FADE_OUT)
            surf = self.text.render(text, 28, HUD_BRIGHT)
            rect = surf.get_rect(center=(self.w // 2, y))
            back = pygame.Surface((rect.w + 36, rect.h + 12), pygame.SRCALPHA)
            back.fill((2, 8, 16, int(190 * a)))
            # the left rule fades with the caption's alpha (a colour scaled to black would
            # stay behind as a dark stroke over the blaze)
            pygame.draw.line(back, (*HUD, int(255 * a)), (0, 0), (0, back.get_height() - 1), 2)
            self.reserve(back.get_rect(topleft=(rect.x - 18, rect.y - 6)))
            s.blit(back, (rect.x - 18, rect.y - 6))
            if a < 1.0:
                surf = surf.copy()
                surf.set_alpha(int(255 * a))
            s.blit(surf, rect)
            y -= 38

    def banner(self, s: pygame.Surface, banner: str) -> None:
        cy = self.h // 2 - 40
        strip = pygame.Surface((self.w, 110), pygame.SRCALPHA)
        strip.fill((2, 8, 16, 150))
        s.blit(strip, (0, cy - 55))
        pygame.draw.line(s, HUD, (self.w // 2 - 300, cy - 55), (self.w // 2 + 300, cy - 55))
        pygame.draw.line(s, HUD, (self.w // 2 - 300, cy + 54), (self.w // 2 + 300, cy + 54))
        self.glow_text(s, banner, 80, HUD_BRIGHT, (self.w // 2, cy), 1.0)

    # ------------------------------------------------------------------ frame
    def draw(self, s: pygame.Surface, world: World, clock: float, captions: Sequence[str],
             banner: str | None, panels: Panels) -> None:
        """The HUD: `panels` (the level's view's `hud`), then the captions and the banner."""
        panels(self, s, world, clock)
        self._captions_draw(s, captions, clock)
        if banner:
            self.banner(s, banner)
