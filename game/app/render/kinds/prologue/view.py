"""What the prologue adds to the frame: Mars, the imager's cone, the ion drive, the radio.

* Mars (`mars.Mars`) is screen-space scenery under everything else: added onto the
  point layer after the stars behind its disc have been put out;
* the imager looks along the module's nose: its field of view is drawn as a cone,
  teal and bright with rolling scan arcs while it records, dim when it sees nothing;
  a blinking REC tag rides beside the module;
* the ion drive's burn is a long violet plume from the engine bell;
* the HUD swaps the subspace timer for the mission clock and adds two panels: the
  imager (data recorded, rate, aim, the tank and the ion drive) and the radio, where
  the surface crew's lines type themselves out.

Everything is read from the world (`prologue_state(world)`) and the render clock.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pygame

from game.app.render.effects import Effects, Ring
from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView
from game.app.render.kinds.prologue.mars import Mars
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, HUD_DIM, RED, scaled, towards_white
from game.app.render.text import Text
from game.app.render.vectors import Pen, hull_points
from game.headless import Summary
from game.levels import Level
from game.sim.kinds.prologue import radio_now
from game.sim.kinds.prologue import state as prologue_state
from game.sim.world import Event, World

IMAGER = (90, 255, 215)
ION = (150, 130, 255)
RADIO = (255, 214, 140)
CONE_PX = 330  # how far the imager's cone reaches on screen
TYPE_RATE = 42.0  # characters a second the radio line types out at
IMAGER_PANEL = (360, 112)
RADIO_PANEL = (500, 112)
ELLIPSE_PANEL = (304, 132)


class _MarsOcclusion:
    """Puts out the stars behind the planet (the point layer's `lens` hook)."""

    def __init__(self, mars: Mars):
        self.mars = mars

    def bend(self, x: np.ndarray, y: np.ndarray, rgb: np.ndarray,
             big: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        behind = self.mars.covers(x, y)
        if behind.any():
            rgb = rgb.copy()
            rgb[behind] = 0
            big = big & ~behind
        return x, y, rgb, big


class PrologueView(KindView):
    name = "prologue"

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)
        self.mars = Mars(size, level.config.level.seed)
        self.occlusion = _MarsOcclusion(self.mars)
        self._radio_cache: dict[int, list[str]] = {}

    # ------------------------------------------------------------------ hooks
    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        for ev in events:
            if ev.kind == "ion_burn":
                effects.rings.append(Ring(t, ev.x, ev.y, 1.2, 0.0, 150.0, ION))
            elif ev.kind == "shear_contact":
                effects.rings.append(Ring(t, ev.x, ev.y, 1.0, 0.0, 110.0, (255, 170, 80)))

    def frame(self, f: Frame, points) -> None:
        if points.lens is None:
            points.lens = self.occlusion

    def backdrop(self, f: Frame, surface: pygame.Surface) -> None:
        rect = self.mars.rect
        surface.blit(self.mars.render(f.clock), rect.topleft, area=rect, special_flags=pygame.BLEND_ADD)

    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        st = prologue_state(world)
        if st is None:
            return
        i = world.player.body
        x, y = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
        ang = float(view.angle[i])
        spec = self.level.ship
        size = max(spec.length * cam.zoom, spec.min_screen_size)
        if st.burning:
            self._plume(pen, x, y, ang, size, clock)
        self._cone(pen, world, x, y, ang, size, clock)
        if text is not None and st.recording and (clock * 1.6) % 1.0 < 0.65:
            tx, ty = x + size * 0.7 + 14, y - size * 0.7 - 10
            pygame.draw.circle(pen.target, RED, (int(tx), int(ty)), 5)
            text.draw(pen.target, "REC", 18, towards_white(RED, 0.3), (tx + 10, ty - 7))

    def _cone(self, pen: Pen, world: World, x: float, y: float, ang: float, size: float,
              clock: float) -> None:
        st = prologue_state(world)
        half = math.radians(self.level.config.prologue.aim_tolerance)
        k = 0.35 + 0.65 * st.quality if st.recording else 0.22
        col = IMAGER if st.recording else HUD_DIM
        nose = (x + math.cos(ang) * size * 0.62, y + math.sin(ang) * size * 0.62)
        reach = CONE_PX
        for side in (-1.0, 1.0):
            a = ang + side * half
            far = (nose[0] + math.cos(a) * reach, nose[1] + math.sin(a) * reach)
            pen.poly([nose, far], scaled(col, 0.8 * k), closed=False, width=1, glow=0.45 * k,
                     dashed=not st.recording)
        # arcs rolling out along the cone while it records
        n_arcs = 4 if st.recording else 1
        th = np.linspace(-half, half, 9) + ang
        for j in range(n_arcs):
            f = ((clock * 0.9) + j / n_arcs) % 1.0 if st.recording else 1.0
            rr = 24.0 + (reach - 24.0) * f
            pts = np.stack([nose[0] + np.cos(th) * rr, nose[1] + np.sin(th) * rr], axis=1)
            fade = (1.0 - f) if st.recording else 0.6
            pen.poly(pts, scaled(col, k * (0.3 + 0.7 * fade)), closed=False, width=1,
                     glow=0.45 * k * fade)

    def _plume(self, pen: Pen, x: float, y: float, ang: float, size: float, clock: float) -> None:
        tail = min(p[0] for p in self.level.ship.outline)
        flick = 0.8 + 0.2 * math.sin(clock * 41.0) * math.sin(clock * 27.0 + 0.6)
        for length, width, k in ((3.2, 0.16, 0.55), (2.2, 0.1, 0.85), (1.3, 0.05, 1.0)):
            ln = length * flick
            shape = [(tail, width), (tail - ln * 0.55, width * 0.6), (tail - ln, 0.0),
                     (tail - ln * 0.55, -width * 0.6), (tail, -width)]
            pts = hull_points(shape, x, y, ang, size)
            pen.poly(pts, towards_white(ION, 0.5 * (k - 0.5)) if k > 0.6 else scaled(ION, k),
                     width=2, glow=1.8 * k)

    # ------------------------------------------------------------------ HUD
    def hud(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """The mission clock where the other levels show the subspace timer, the ship's
        panel, then the prologue's own panels."""
        m, sec = divmod(int(world.t), 60)
        hud.top_clock(s, "ARES IV - MARS ORBIT", f"T+{m:02d}:{sec:02d}", 52)
        hud.ship_panel(s, world)
        self.hud_panels(hud, s, world, clock)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        imager_panel = hud.panel_surface("prologue_imager", IMAGER_PANEL)
        radio_panel = hud.panel_surface("prologue_radio", RADIO_PANEL)
        ellipse_panel = hud.panel_surface("prologue_ellipse", ELLIPSE_PANEL)
        self._ellipse_panel(hud, s, world, clock, ellipse_panel)
        self._imager_panel(hud, s, world, clock, imager_panel)
        self._radio_panel(hud, s, world, clock, radio_panel)

    def _ellipse_panel(self, hud: Hud, s: pygame.Surface, world: World, clock: float, back) -> None:
        """Where the EM signature panel is elsewhere: how far the surface is, how fast it comes."""
        e = world.ellipse
        pw, _ = ELLIPSE_PANEL
        x0, y0 = hud.w - 18 - pw, 12
        hud.put(s, back, (x0, y0))
        x, y = x0 + 14, y0 + 12
        right = x0 + pw - 14
        text = hud.text
        i = world.player.body
        sig = float(world.bodies.signature[i])
        text.draw(s, "GRAVIMETRICS", 20, HUD_BRIGHT, (x, y))
        text.draw(s, f"EM {sig:.0f} MW", 18, HUD, (right, y + 1), "topright")
        y += 26
        st = prologue_state(world)
        if e.presence <= 0.0:
            text.draw(s, "DISTORTION RISING", 18, AMBER if world.t > 2.0 else HUD_DIM, (x, y))
            return
        sx, sy = world.ship_pos()
        dx, dy = sx - e.x, sy - e.y
        d = math.hypot(dx, dy) or 1.0
        to_surface = max(0.0, d * (1.0 - 1.0 / st.r)) if math.isfinite(st.r) and st.r > 1.0 else 0.0
        v = world.bodies.vel[i]
        closing = ((e.vx - float(v[0])) * dx + (e.vy - float(v[1])) * dy) / d
        text.draw(s, "SURFACE", 18, HUD, (x, y))
        near = to_surface < 800.0
        text.draw(s, f"{to_surface / 1000.0:.2f} km" if to_surface > 0 else "CONTACT", 18,
                  RED if near else HUD_BRIGHT, (right, y), "topright")
        y += 20
        text.draw(s, "CLOSING AT", 18, HUD, (x, y))
        text.draw(s, f"{closing:.0f} m/s", 18, AMBER if closing > 0 else GREEN, (right, y), "topright")
        y += 26
        if e.target == i:
            hud.alert(s, pygame.Rect(x, y - 2, pw - 28, 22), "!  COMING FOR THE MODULE  !", 19, clock)

    def _imager_panel(self, hud: Hud, s: pygame.Surface, world: World, clock: float, back) -> None:
        st = prologue_state(world)
        pw, ph = IMAGER_PANEL
        x0, y0 = 18, hud.h - 12 - ph
        hud.put(s, back, (x0, y0))
        x, y = x0 + 14, y0 + 10
        right = x0 + pw - 14
        text = hud.text
        text.draw(s, "IMAGER", 18, HUD, (x, y + 2))
        if st.recording:
            on = (clock * 1.6) % 1.0 < 0.65
            pygame.draw.circle(s, RED if on else scaled(RED, 0.4), (right - 96, y + 10), 5)
            text.draw(s, "RECORDING", 18, towards_white(RED, 0.35), (right, y + 2), "topright")
        elif world.player.health["sensors"] <= 0:
            text.draw(s, "OFFLINE", 18, RED, (right, y + 2), "topright")
        else:
            text.draw(s, "NO TARGET", 18, HUD_DIM, (right, y + 2), "topright")
        y += 22
        hud.bar(s, x, y, pw - 28 - 58, 12, prologue_state(world).data / 100.0, IMAGER, segments=20)
        text.draw(s, f"{prologue_state(world).data:.1f}%", 18, HUD_BRIGHT, (right, y - 2), "topright")
        y += 17
        rate = f"+{st.rate:.1f} %/s" if st.recording else "DATA RECORDED"
        text.draw(s, rate, 16, scaled(IMAGER, 0.85) if st.recording else HUD_DIM, (x, y))
        # the aim: a scale of the error, with the window that counts as on target
        ax, aw = x + 130, pw - 28 - 130
        cy = y + 7
        pygame.draw.line(s, scaled(HUD_DIM, 0.8), (ax, cy), (ax + aw, cy))
        span = math.radians(60.0)
        mid = ax + aw // 2
        win = max(2, int(aw * 0.5 * min(1.0, (st.cone + math.radians(
            self.level.config.prologue.aim_tolerance)) / span)))
        pygame.draw.rect(s, scaled(IMAGER, 0.25), (mid - win, cy - 5, 2 * win, 11))
        err = st.aim_error if world.ellipse.presence > 0 else math.pi
        nx = mid + int(aw * 0.5 * min(1.0, err / span))
        pygame.draw.line(s, IMAGER if st.recording else AMBER, (nx, cy - 6), (nx, cy + 6), 2)
        pygame.draw.line(s, HUD, (mid, cy - 3), (mid, cy + 3))
        y += 20
        text.draw(s, "TANK", 17, HUD, (x, y))
        fuel_col = AMBER if st.fuel < 0.25 else (255, 200, 120)
        hud.bar(s, x + 44, y + 1, 150, 11, st.fuel, fuel_col, segments=10)
        if st.burning:
            on = (clock * 5.0) % 1.0 < 0.6
            state, col = "ION DRIVE BURNING", ION if on else scaled(ION, 0.6)
        elif st.burn_used:
            state, col = "ION DRIVE SPENT", HUD_DIM
        elif st.fuel <= 0.0:
            state, col = "TANK DRY", RED
        else:
            state, col = "ION DRIVE READY", GREEN
        text.draw(s, state, 17, col, (right, y), "topright")

    def _wrapped(self, index: int, line: str) -> list[str]:
        lines = self._radio_cache.get(index)
        if lines is None:
            lines = textwrap.wrap(line, 52)[:3]
            self._radio_cache[index] = lines
        return lines

    def _radio_panel(self, hud: Hud, s: pygame.Surface, world: World, clock: float, back) -> None:
        pw, ph = RADIO_PANEL
        x0, y0 = hud.w - 18 - pw, hud.h - 12 - ph
        hud.put(s, back, (x0, y0))
        x, y = x0 + 14, y0 + 10
        right = x0 + pw - 14
        text = hud.text
        index, age = radio_now(world)
        text.draw(s, "RADIO - MARS SURFACE", 18, HUD, (x, y + 2))
        # the receiver's level: a few bars that dance while someone speaks
        speaking = index >= 0
        for k in range(8):
            level = 0.15 + 0.1 * math.sin(clock * 3.0 + k)
            if speaking:
                level = 0.35 + 0.6 * abs(math.sin(clock * (7.0 + k * 1.7) + k * 2.1))
            hpx = int(2 + 12 * level)
            bx = right - 8 * (8 - k)
            pygame.draw.rect(s, RADIO if speaking else HUD_DIM, (bx, y + 16 - hpx, 5, hpx))
        y += 24
        if not speaking:
            text.draw(s, "CARRIER ONLY", 17, HUD_DIM, (x, y))
            return
        line = self.level.config.prologue.radio[index]
        text.draw(s, line.speaker, 17, RADIO, (x, y))
        shown = int(age * TYPE_RATE)
        y += 20
        for row in self._wrapped(index, line.text):
            if shown <= 0:
                break
            part = row[:shown]
            shown -= len(row) + 1
            text.draw(s, part, 19, HUD_BRIGHT, (x, y))
            y += 19

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        return [("Data recorded", f"{summary.data:.1f} %")]
