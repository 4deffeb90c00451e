"""What the salvage level adds to the frame: transporter range, shimmer, the cabin, the logs.

In space (phases "shuttle", "beaming_over", "beaming_back", "home"):

* a dashed ring round the module at the transporter's range, green and steady once
  the shuttle is inside it;
* a broken amber ring round the shuttle while its shields are down (the transporter
  needs them down; the surges hit harder);
* during a transport, a sparkling column over the shuttle and another over the module,
  the one the crew member is leaving fading as the other grows with `beam`, and a
  thread of light between them.

Aboard (phase "aboard", and cross-fading while beaming) the frame is the module's
cabin (`cabin.CabinView`), with prompts beside the figure and the names of the
stations, and the HUD is the cabin's own (`hud.py`). As the crew member boards, while
the captions of the pilot and his photograph play, a close-up inset shows him in his
couch and the photograph from his console (`beats.CloseUp`). Log entries, once downloaded,
type themselves out in a panel while play goes on, in either view.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from game.app.render.camera import Camera
from game.app.render.effects import Effects, Ring
from game.app.render.hud import Hud
from game.app.render.kinds.base import Frame, KindView, Sparks
from game.app.render.kinds.salvage import beats
from game.app.render.kinds.salvage import hud as salvage_hud
from game.app.render.kinds.salvage.cabin import CabinView
from game.app.render.module import MODULE_GOLD, draw_module_body
from game.app.render.palette import AMBER, GREEN, HUD, HUD_BRIGHT, RED, scaled, towards_white
from game.app.render.snapshot import View
from game.app.render.text import Text
from game.app.render.vectors import Pen, smoothstep
from game.headless import Summary
from game.levels import Level
from game.sim.kinds.salvage import STATION_NAMES, STATIONS, log_count, on_seam, station_pos
from game.sim.kinds.salvage import state as salvage_state
from game.sim.world import Event, World

F32 = np.float32
SHIMMER = (150, 215, 255)
SHIMMER_GLOW = np.array([50.0, 110.0, 210.0], np.float32)
SHIMMER_N = 150  # sparkles per column
TERMINAL = (255, 190, 90)
TYPE_CPS = 55.0  # characters a second the log entries type out at
LOG_LINGER_S = 9.0  # a typed-out entry stays this long
LOG_W = 470
JOLT_S = 0.6
CLOSEUP_TOP = 126  # screen y of the boarding close-up's top (under the HUD's top-right panel)


def cabin_alpha(world: World) -> float:
    """How much of the frame is the cabin: 1 aboard, cross-fading during a transport."""
    st = salvage_state(world)
    if st is None:
        return 0.0
    if st.phase == "aboard":
        return 1.0
    if st.phase == "beaming_over":
        return smoothstep(0.5, 0.85, st.beam)
    if st.phase == "beaming_back":
        return 1.0 - smoothstep(0.15, 0.5, st.beam)
    return 0.0


def default_keys() -> dict[str, str]:
    from game.app.input import control_label
    from game.app.settings import DEFAULT_BINDINGS

    return {c: control_label(k[0]) if k else "UNBOUND" for c, k in DEFAULT_BINDINGS.items()}


class SalvageView(KindView):
    name = "salvage"

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        super().__init__(level, size, glow_size, reduce_motion)  # no shaking of the cabin with it
        self.cfg = level.config.salvage
        self.cabin = CabinView(level, size, glow_size)
        self.keys = default_keys()
        self.log_times: dict[int, float] = {}
        self.jolt_t = -99.0
        rng = np.random.Generator(np.random.PCG64(level.config.level.seed ^ 0x5A1FA6E))
        self.shim = rng.random((SHIMMER_N, 4)).astype(F32)
        self._wrapped: dict[tuple[int, int], list[str]] = {}
        self._log_rect: pygame.Rect | None = None  # where the log typed out this frame
        self.aboard_t: float | None = None  # when the crew member first came aboard (clock)
        self.closeup_s = beats.closeup_seconds(level)
        self._closeup_rect: pygame.Rect | None = None  # where the boarding close-up showed this frame

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        st = salvage_state(world)
        for ev in events:
            if ev.kind == "log":
                self.log_times[int(ev.value)] = t
            elif ev.kind == "aboard" and self.aboard_t is None:
                self.aboard_t = t  # the boarding beat: the pilot and his photograph, close up
            elif ev.kind == "jolt":
                self.jolt_t = t
            elif ev.kind in ("beam_start", "aboard", "beamed_back"):
                for j in (world.player.body, st.module):
                    x, y = map(float, world.bodies.pos[j])
                    effects.rings.append(Ring(t, x, y, 0.9, 0.0, 70.0, SHIMMER))
            elif ev.kind == "beam_aborted":
                x, y = map(float, world.bodies.pos[world.player.body])
                effects.rings.append(Ring(t, x, y, 0.6, 0.0, 50.0, RED))

    # ------------------------------------------------------------------ shimmer
    def _sites(self, world: World, view: View, cam: Camera) -> list[tuple[float, float, float, float]]:
        """(x, y, column height px, strength) of each transporter column on screen now."""
        st = salvage_state(world)
        if st.phase not in ("beaming_over", "beaming_back"):
            return []
        b = st.beam
        leaving = smoothstep(0.0, 0.2, b) * (1.0 - smoothstep(0.55, 0.95, b))
        arriving = smoothstep(0.15, 0.85, b)
        ship, module = world.player.body, st.module
        src, dst = (ship, module) if st.phase == "beaming_over" else (module, ship)
        out = []
        for j, k in ((src, leaving), (dst, arriving)):
            if k <= 0.01:
                continue
            x, y = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
            size = (max(self.level.config.module.length * cam.zoom, 64.0) if j == module
                    else max(world.spec.length * cam.zoom, world.spec.min_screen_size))
            out.append((x, y, max(90.0, size * 2.4), k))
        return out

    def sparks(self, f: Frame, sparks: Sparks) -> Sparks:
        """The point layer's sparks plus the transporter's sparkle columns."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        sites = self._sites(world, view, cam)
        if not sites:
            return sparks
        r = self.shim
        xs, ys, ls, ps = [], [], [], []
        for k, (x, y, height, strength) in enumerate(sites):
            on = r[:, 3] < F32(0.25 + 0.75 * strength)
            width = height * 0.32
            rise = (r[:, 1] + F32(clock * (0.35 + 0.1 * k))) % F32(1.0)
            sway = np.sin(r[:, 0] * F32(17.0) + F32(clock * 2.0)) * F32(0.15)
            bulge = F32(0.6) + F32(0.4) * np.sin(rise * F32(3.1))
            px = F32(x) + (r[:, 0] - F32(0.5) + sway) * F32(width) * bulge
            py = F32(y + height * 0.5) - rise * F32(height)
            tw = np.abs(np.sin(r[:, 2] * F32(50.0) + F32(clock) * (F32(7.0) + r[:, 0] * F32(9.0)))) ** 4
            life = (tw * F32(0.8 * strength))[on]
            px, py = px[on], py[on]
            # each sparkle a glint: a bright point with fainter points above and below it
            for dy, k in ((0.0, 1.0), (-2.0, 0.45), (2.0, 0.45), (-4.0, 0.2), (4.0, 0.2)):
                xs.append(px)
                ys.append(py + F32(dy))
                ls.append(life * F32(k))
                ps.append(np.full(px.size, 2, np.int32))  # the spark palette: ice white-blue
        add = (np.concatenate(xs), np.concatenate(ys), np.concatenate(ls), np.concatenate(ps))
        if sparks is None:
            return add
        return tuple(np.concatenate([a, b]) for a, b in zip(sparks[:3], add[:3], strict=True)) + (
            np.concatenate([sparks[3] if len(sparks) > 3 else np.full(sparks[0].size, 2, np.int32), add[3]]),)

    def glow(self, f: Frame, glow: np.ndarray) -> None:
        """A soft column of light under each sparkle column, in the glow buffer."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        kx = self.gw / self.w
        for x, y, height, strength in self._sites(world, view, cam):
            gx, gy = x * kx, y * kx
            rx, ry = max(1.5, height * 0.2 * kx), max(2.0, height * 0.6 * kx)
            x0, x1 = max(0, int(gx - 3 * rx)), min(self.gw, int(gx + 3 * rx) + 1)
            y0, y1 = max(0, int(gy - 2 * ry)), min(self.gh, int(gy + 2 * ry) + 1)
            if x1 <= x0 or y1 <= y0:
                continue
            dx = ((np.arange(x0, x1, dtype=np.float32) - F32(gx)) / F32(rx))[:, None]
            dy = ((np.arange(y0, y1, dtype=np.float32) - F32(gy)) / F32(ry))[None, :]
            blob = np.exp(-(dx * dx + dy * dy)) * F32(strength * (0.85 + 0.15 * math.sin(clock * 9.0)))
            glow[x0:x1, y0:y1] += blob[..., None] * SHIMMER_GLOW

    # ------------------------------------------------------------------ vectors
    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """Under the ships: the transporter's range ring, the thread of a transport."""
        world, view, cam, clock = f.world, f.view, f.cam, f.clock
        st = salvage_state(world)
        j = st.module
        mx, my = cam.to_screen(float(view.pos[j, 0]), float(view.pos[j, 1]))
        rng = self.cfg.transporter_range
        radius = rng * cam.zoom
        inside = st.range_now <= rng
        if inside:
            pulse = 0.75 + 0.25 * math.sin(clock * 4.0)
            pen.ring(mx, my, radius, scaled(GREEN, 0.8 * pulse), width=2, glow=0.9 * pulse, ripple=1.2,
                     waves=11, phase=clock * 2.0, segments=120)
        else:
            pen.ring(mx, my, radius, scaled(HUD, 0.55), width=1, glow=0.35, segments=120, dashed=True)
        if text is not None and not pen.glow:
            label = "TRANSPORTER RANGE" if not inside else "IN TRANSPORTER RANGE"
            text.draw(pen.target, label, 17, scaled(GREEN, 0.9) if inside else scaled(HUD, 0.8),
                      (mx, my - radius - 12), "center")
        # the thread of the transport: motes of light running from one end to the other
        if st.phase in ("beaming_over", "beaming_back"):
            i = world.player.body
            sx, sy = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
            a, b = ((sx, sy), (mx, my)) if st.phase == "beaming_over" else ((mx, my), (sx, sy))
            k = math.sin(math.pi * st.beam)
            pen.line(a, b, scaled(SHIMMER, 0.35 * k), width=1, glow=0.8 * k)
            for q in range(6):
                u = ((clock * 0.9) + q / 6.0) % 1.0
                px, py = a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u
                pen.ring(px, py, 2.0, towards_white(SHIMMER, 0.4 * k), width=1, glow=1.2 * k, segments=8)
        # shields down: a broken amber ring round the shuttle
        if world.player.shields_down and st.phase != "home":
            i = world.player.body
            x, y = cam.to_screen(float(view.pos[i, 0]), float(view.pos[i, 1]))
            size = max(world.spec.length * cam.zoom, world.spec.min_screen_size)
            r = size * 0.82
            blink = 0.6 + 0.4 * math.sin(clock * 5.0)
            for q in range(6):
                a0 = clock * 0.6 + q * math.pi / 3.0
                th = np.linspace(a0, a0 + 0.55, 6)
                pts = np.stack([x + np.cos(th) * r, y + np.sin(th) * r], axis=1)
                pen.poly(pts, scaled(AMBER, blink), closed=False, width=2, glow=0.8 * blink)
            if text is not None and not pen.glow:
                text.draw(pen.target, "SHIELDS DOWN", 16, scaled(AMBER, 0.5 + 0.5 * blink), (x - r - 8, y),
                          "midright")

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        """The module, named, her distance: the transporter's range ring marks her."""
        draw_module_body(f, pen, text, self.level, i, x, y, angle)

    # ------------------------------------------------------------------ the cabin
    def cover(self, world: World) -> float:
        return cabin_alpha(world)

    def draw_cover(self, surface: pygame.Surface, world: World, clock: float, alpha: float) -> None:
        shake = (0.0, 0.0)
        age = clock - self.jolt_t
        if 0.0 <= age < JOLT_S and not self.reduce_motion:
            mag = 10.0 * (1.0 - age / JOLT_S) ** 2
            shake = (mag * math.sin(age * 57.0), mag * math.sin(age * 43.0 + 1.0))
        self.cabin.draw(surface, world, clock, alpha, shake)

    def overlay(self, surface: pygame.Surface, world: World, clock: float, text: Text) -> None:
        """Over the world, under the HUD: the cabin's labels and prompts; a log typing out."""
        if cabin_alpha(world) >= 0.5:
            self._stations(surface, world, clock, text)
            self._prompt(surface, world, clock, text)
        self._closeup(surface, world, clock)
        self._log(surface, world, clock, text)

    def closeup_alpha(self, world: World, clock: float) -> tuple[float, float]:
        """(inset, photograph) opacity of the boarding close-up now: up while the captions of
        the pilot and his photograph play, from the first `aboard` event this view heard."""
        if self.aboard_t is None or salvage_state(world).phase != "aboard":
            return 0.0, 0.0
        return beats.closeup_alpha(clock - self.aboard_t, self.closeup_s)

    def _closeup(self, s: pygame.Surface, world: World, clock: float) -> None:
        self._closeup_rect = None
        alpha, photo = self.closeup_alpha(world, clock)
        if alpha <= 0.0:
            return
        cab = self.cabin
        if cab.closeup is None:
            cab.closeup = beats.CloseUp(cab.term_xy[0], cab.term_xy[1], cab.H, cab.photo)
        self._closeup_rect = cab.closeup.draw(s, (self.w - 22, CLOSEUP_TOP), clock, alpha, photo)

    def _stations(self, s: pygame.Surface, world: World, clock: float, text) -> None:
        st = salvage_state(world)
        cab = self.cabin
        for name in STATIONS:
            if name == "pad":
                continue
            x, y = cab.to_screen(*station_pos(world, name))
            if not -100 < x < self.w + 100:
                continue
            near = st.station == name and st.phase == "aboard"
            col = towards_white(HUD, 0.3) if near else scaled(HUD, 0.55)
            label = STATION_NAMES[name].upper()
            below = cab.sy(self.cfg.cabin_height) + 16
            text.draw(s, label, 17, col, (x, below), "center")
            if near:  # brackets round the station in reach
                r = 0.9 * cab.z
                for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
                    cx, cy = x + sx * r, y + sy * r
                    pygame.draw.line(s, col, (cx, cy), (cx - sx * 10, cy), 2)
                    pygame.draw.line(s, col, (cx, cy), (cx, cy - sy * 10), 2)

    def prompt_text(self, world: World) -> tuple[str, str, tuple[int, int, int]]:
        """(key label, what it does, colour) for where the figure is, or ("", "", ...)."""
        st = salvage_state(world)
        act, beam = self.keys.get("action", "ENTER"), self.keys.get("beam", "T")
        steer = f"{self.keys.get('thrust', 'UP')}/{self.keys.get('reverse', 'DOWN')}"
        if st.phase != "aboard":
            return "", "", HUD
        if st.station == "core":
            if st.core < 1.0:
                if st.working:
                    return act, f"POWERING THE CORE  {st.core * 100:.0f}%", GREEN
                return act, "HOLD: POWER THE COMPUTER CORE", HUD_BRIGHT
            return "", "CORE ONLINE", GREEN
        if st.station == "terminal":
            n, total = len(st.logs_done), log_count(world)
            if st.core < 1.0:
                return "", "NO POWER: BRING THE CORE UP FIRST", AMBER
            if n >= total:
                return "", "ALL LOGS DOWNLOADED", GREEN
            if st.working:
                return act, f"DOWNLOADING ENTRY {n + 1}/{total}  {st.log_progress * 100:.0f}%", TERMINAL
            return act, f"HOLD: DOWNLOAD LOG {n + 1}/{total} (COSTS TIME)", TERMINAL
        if st.station == "distributor" and not st.part:
            if st.core < 1.0:
                return "", "CLAMPS LOCKED: POWER THE CORE FIRST", AMBER
            if st.overheated:
                return "", "TORCH OVERHEATED - COOLING", RED
            if st.torch_on:
                good = on_seam(world)
                return steer, f"STEER ON THE SEAM  CUT {st.cut * 100:.0f}%", GREEN if good else AMBER
            return act, f"HOLD: CUT  -  {steer}: STEER THE TORCH", HUD_BRIGHT
        if st.part:
            return beam, "BEAM BACK WITH THE PART", GREEN
        return "", "", HUD

    def _prompt(self, s: pygame.Surface, world: World, clock: float, text) -> None:
        key, what, col = self.prompt_text(world)
        if not what:
            return
        st = salvage_state(world)
        cab = self.cabin
        x, y = cab.suit_xy(world)
        above = y - 1.15 > 0.25
        px, py = cab.to_screen(x, y - 1.15 if above else y + 1.2)
        py = max(py, cab.sy(0.0) + 14) if above else min(py, cab.sy(self.cfg.cabin_height) - 14)
        size = 20
        tw = text.render(what, size, col).get_width()
        kw = text.render(key, size, HUD_BRIGHT).get_width() + 14 if key else 0
        total = tw + (kw + 8 if key else 0)
        left = min(max(12, px - total * 0.5), self.w - 12 - total)
        back = pygame.Surface((total + 20, 30), pygame.SRCALPHA)
        back.fill((2, 8, 16, 170))
        s.blit(back, (left - 10, py - 15))
        if key:
            blink = 0.75 + 0.25 * math.sin(clock * 5.0)
            box = pygame.Rect(left, py - 11, kw, 22)
            pygame.draw.rect(s, scaled(col, 0.25 * blink), box, 0, 4)
            pygame.draw.rect(s, scaled(col, blink), box, 1, 4)
            text.draw(s, key, size, HUD_BRIGHT, box.center, "center")
            left += kw + 8
        text.draw(s, what, size, col, (left, py), "midleft")
        del st

    # ------------------------------------------------------------------ the logs
    def _current_log(self, world: World, clock: float) -> tuple[int, float] | None:
        """(index, seconds since it arrived) of the entry to show, if any."""
        logs = self.level.config.logs
        best = None
        for i, t0 in self.log_times.items():
            age = clock - t0
            if 0 <= i < len(logs) and age >= 0.0:
                full = len(logs[i].text) / TYPE_CPS + LOG_LINGER_S
                if age < full and (best is None or t0 > self.log_times[best[0]]):
                    best = (i, age)
        if best is not None:
            return best
        st = salvage_state(world)
        # at the terminal, its screen keeps the latest entry (also when its event was not seen)
        if st.phase == "aboard" and st.station == "terminal" and st.logs_done:
            return st.logs_done[-1], 1e9
        return None

    def _wrap(self, text, index: int, size: int, width: int) -> list[str]:
        key = (index, size)
        lines = self._wrapped.get(key)
        if lines is None:
            font = text.font(size)
            lines = []
            for para in self.level.config.logs[index].text.split("\n"):
                line = ""
                for word in para.split():
                    trial = f"{line} {word}" if line else word
                    if font.size(trial)[0] > width and line:
                        lines.append(line)
                        line = word
                    else:
                        line = trial
                if line:
                    lines.append(line)
            self._wrapped[key] = lines
        return lines

    def _log(self, s: pygame.Surface, world: World, clock: float, text) -> None:
        cur = self._current_log(world, clock)
        self._log_rect = None
        if cur is None:
            return
        index, age = cur
        entry = self.level.config.logs[index]
        size = 19
        lines = self._wrap(text, index, size, LOG_W - 32)
        fade = 1.0
        full = len(entry.text) / TYPE_CPS + LOG_LINGER_S
        if age < 1e8 and age > full - 1.0:
            fade = max(0.0, full - age)
        line_h = 20
        h = 64 + line_h * len(lines) + 8
        x0, y0 = self.w - 18 - LOG_W, 150
        back = pygame.Surface((LOG_W, h), pygame.SRCALPHA)
        back.fill((12, 8, 2, int(200 * fade)))
        s.blit(back, (x0, y0))
        self._log_rect = back.get_rect(topleft=(x0, y0))
        edge = scaled(TERMINAL, 0.8 * fade)
        pygame.draw.rect(s, edge, (x0, y0, LOG_W, h), 1)
        pygame.draw.line(s, scaled(TERMINAL, fade), (x0, y0), (x0, y0 + h - 1), 3)
        total = log_count(world)
        text.draw(s, f"ARES IV  -  COMMAND MODULE PILOT  -  ENTRY {index + 1}/{total}", 15,
                  scaled(TERMINAL, 0.7 * fade), (x0 + 16, y0 + 10))
        text.draw(s, entry.title.upper(), 26, scaled(towards_white(TERMINAL, 0.3), fade), (x0 + 16, y0 + 28))
        shown = int(age * TYPE_CPS) if age < 1e8 else 10**9
        y = y0 + 60
        col = scaled(towards_white(TERMINAL, 0.55), fade)
        cursor = None
        for line in lines:
            if shown <= 0:
                break
            part = line[:shown]
            r = text.draw(s, part, size, col, (x0 + 16, y))
            shown -= len(line) + 1
            cursor = (r.right + 2, y)
            y += line_h
        if cursor is not None and shown < 0 and (clock * 3.0) % 1.0 < 0.6:
            pygame.draw.rect(s, col, (cursor[0], cursor[1] + 2, 9, 14))

    # ------------------------------------------------------------------ HUD
    def hud(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """Aboard (and most of a transport), the cabin's own HUD; in space, the usual one."""
        if cabin_alpha(world) >= 0.5:
            salvage_hud.cabin_hud(hud, s, world, clock)
        else:
            super().hud(hud, s, world, clock)
        if self._log_rect is not None:  # the log, drawn under the HUD: no marker over it
            hud.reserve(self._log_rect)
        if self._closeup_rect is not None:
            hud.reserve(self._closeup_rect)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        salvage_hud.transporter_panel(hud, s, world, clock)
        salvage_hud.status_panel(hud, s, world, clock)

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """In space: to the module, while it is off screen."""
        world, view = f.world, f.view
        if cabin_alpha(world) >= 0.5:
            return
        j = salvage_state(world).module
        hud.objective_arrow(surface, f.cam, world, float(view.pos[j, 0]), float(view.pos[j, 1]),
                            self.level.config.module.name.upper(), MODULE_GOLD, f.clock)

    # ------------------------------------------------------------------ outside the frame
    def name_keys(self, label: Callable[[str], str]) -> None:
        """The cabin's prompts name the player's own keys."""
        self.keys.update({c: label(c) for c in self.keys})

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        return [("Pilot's logs", f"{len(summary.logs)} of {len(level.config.logs)}")]

    @classmethod
    def sound_loops(cls, world: World, loops: dict[str, float]) -> dict[str, float]:
        """The cutting torch hisses; aboard, the ellipse is heard through the module's hull
        and the shuttle idles on thrusters, far off."""
        st = salvage_state(world)
        alive = bool(world.bodies.alive[world.player.body]) and world.outcome is None
        loops["torch"] = 1.0 if alive and st.torch_on else 0.0
        if st.phase == "aboard":
            loops["drone"] *= 0.4
            loops["engine"] = 0.0
        return loops


__all__ = ["SalvageView", "cabin_alpha", "default_keys"]
