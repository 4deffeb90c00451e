"""What a level kind is to the window: one view with every hook the renderer calls.

`WorldRenderer` draws what every kind shares (stars and particles, the ellipse's glow
and rim, surges, the player's ship, debris chunks, the HUD's timer, ship and signature
panels) and asks the level's `KindView` for the rest, in this order each frame:

1. `on_events` as the steps' events arrive (sparks, rings, the kind's own timers);
2. `cover`: how much of the frame the kind's own scene takes (the salvage's cabin):
   at 1 the view draws the whole frame (`draw_cover`, `overlay`, its `hud`);
3. `framing` (where the camera aims and how wide) and `frame` (after the camera has
   moved: extra shake, hooks on the point layer such as a lens);
4. `sparks` (points of light added to the point layer), `glow` (into the glow buffer),
   `backdrop` (onto the point layer, under the glow: screen-space scenery);
5. `vectors` (under the bodies, once for the halos and once crisp, through the `Pen`),
   `body` (each body on screen but the player's ship), `over` (over the bodies),
   `bend` (the ellipse's rim, through whatever bends light);
6. `draw_cover` while the kind's scene fades in or out, `overlay` (under the HUD);
7. `hud` (by default the HUD's standard panels and the kind's `hud_panels`), then
   `arrows` (objective markers at the screen's edge).

Outside the frame: `result_rows` for the results screen, `sound_loops` for the audio's
loops, `name_keys` for prompts that name the player's keys. Every hook has a no-op
default but `name`, so a kind only writes what it adds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pygame

from game.app.render.camera import Camera
from game.app.render.effects import Effects
from game.app.render.palette import AMBER
from game.app.render.snapshot import View
from game.app.render.text import Text
from game.app.render.vectors import Pen
from game.levels import Level
from game.sim.world import Event, World

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.app.render.hud import Hud
    from game.app.render.points import PointLayer
    from game.headless import Summary

ORANGE = (255, 150, 40)
RIM_POINTS = 160  # points round the ellipse when finding its nearest point
Sparks = tuple[np.ndarray, ...] | None  # (x, y, life, palette) of the point layer's sparks


@dataclass
class Frame:
    """What the hooks of one frame share."""

    world: World
    view: View  # the world's moving parts interpolated to this frame
    cam: Camera
    clock: float  # the render clock (runs on after the level ends, for end effects)
    a_axis: float  # the ellipse's semi-axes this frame (m)
    b_axis: float
    present: bool  # the ellipse is there (risen and not gone)


class KindView:
    """One level kind's look: subclasses set `name` and fill the hooks they need."""

    name: ClassVar[str]  # the kind's name, as in `game.sim.kinds.KINDS`
    hatch_dead_systems: ClassVar[bool] = False  # the ship panel hatches knocked-out systems

    def __init__(self, level: Level, size: tuple[int, int], glow_size: tuple[int, int],
                 reduce_motion: bool = False):
        self.level = level
        self.w, self.h = size
        self.gw, self.gh = glow_size
        self.reduce_motion = reduce_motion  # kept up to date by the renderer

    # ------------------------------------------------------------------ events
    def on_events(self, events: list[Event], world: World, t: float, effects: Effects) -> None:
        """The steps' events, at render time `t`: launch sparks and rings, note times."""

    # ------------------------------------------------------------------ the whole frame
    def cover(self, world: World) -> float:
        """How much of the frame is the kind's own scene: 0 none, 1 all of it."""
        return 0.0

    def draw_cover(self, surface: pygame.Surface, world: World, clock: float, alpha: float) -> None:
        """The kind's own scene over the frame at `alpha` (the whole frame at 1)."""

    def overlay(self, surface: pygame.Surface, world: World, clock: float, text: Text) -> None:
        """Over the world (or the cover), under the HUD: labels, prompts, a log typing out."""

    # ------------------------------------------------------------------ camera
    def framing(self, world: World, view: View, cam: Camera, sx: float, sy: float,
                wanted: tuple[float, float, float]) -> tuple[float, float, tuple[float, float, float]]:
        """Where the camera follows (sx, sy) and its (width, lean x, lean y), before it moves."""
        return sx, sy, wanted

    def frame(self, f: Frame, points: PointLayer) -> None:
        """After the camera has moved and shaken: more shake, the point layer's hooks."""

    # ------------------------------------------------------------------ layers
    def sparks(self, f: Frame, sparks: Sparks) -> Sparks:
        """The point layer's sparks, with the kind's own added."""
        return sparks

    def glow(self, f: Frame, glow: np.ndarray) -> None:
        """Into the glow buffer (x-major, 0..255, a fifth of the screen) and nowhere else:
        the point layer may not be drawn yet (lines under the glow go in `backdrop`)."""

    def backdrop(self, f: Frame, surface: pygame.Surface) -> None:
        """Screen-space scenery on the point layer, under the glow. Drawn while the glow is
        scaled up: on another thread where `backdrop_is_heavy`, else after it."""

    def backdrop_is_heavy(self, f: Frame) -> bool:
        """Whether `backdrop` has enough to draw this frame to pay for scaling the glow up
        on another thread beside it (handing the scaling over costs about 0.1 ms)."""
        return False

    def bend(self, pts: np.ndarray) -> np.ndarray:
        """Screen points (n, 2) of the ellipse's rim, bent by whatever bends light."""
        return pts

    def vectors(self, f: Frame, pen: Pen, text: Text | None) -> None:
        """Under the bodies, in both passes of the pen (`text` is None in the halo pass)."""

    def body(self, f: Frame, pen: Pen, text: Text | None, i: int, x: float, y: float,
             angle: float) -> None:
        """A body on screen at (x, y) that is not the player's ship (a probe, the module,
        another ship); the kind knows what its bodies are."""

    def over(self, f: Frame, pen: Pen) -> None:
        """Over the bodies, in both passes."""

    # ------------------------------------------------------------------ HUD
    def hud(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """The whole HUD but the captions and the banner: by default the subspace timer,
        the ship and signature panels, the kind's own panels, the shear-layer warning."""
        hud.timer(s, world, clock)
        hud.ship_panel(s, world, hatch_dead=self.hatch_dead_systems)
        hud.signature_panel(s, world, clock)
        self.hud_panels(hud, s, world, clock)
        hud.shear_warning(s, world, clock)

    def hud_panels(self, hud: Hud, s: pygame.Surface, world: World, clock: float) -> None:
        """The kind's own panels, drawn with the HUD's public kit."""

    def arrows(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """Objective markers at the screen's edge; by default the arrow to the ellipse."""
        self.ellipse_arrow(f, hud, surface)

    def ellipse_arrow(self, f: Frame, hud: Hud, surface: pygame.Surface) -> None:
        """To the nearest point of the ellipse's surface (or its centre, while it is only
        a rising distortion), when that is off screen."""
        world, view = f.world, f.view
        e = world.ellipse
        if e.gone:
            return
        near = None
        if f.present and f.a_axis > 1.0 and f.b_axis > 1.0:
            th = _RIM_TH
            c, s = math.cos(view.ellipse_heading), math.sin(view.ellipse_heading)
            u = np.cos(th) * f.a_axis
            v = np.sin(th) * f.b_axis
            px = view.ellipse_x + u * c - v * s
            py = view.ellipse_y + u * s + v * c
            k = int(np.argmin((px - view.camera_x) ** 2 + (py - view.camera_y) ** 2))
            near = (float(px[k]), float(py[k]))
        if e.presence <= 0.0 or near is None:
            tx, ty = view.ellipse_x, view.ellipse_y
            label, colour = "DISTORTION", AMBER
        else:
            tx, ty = near
            label, colour = "ELLIPSE", ORANGE
        hud.objective_arrow(surface, f.cam, world, tx, ty, label, colour, f.clock)

    # ------------------------------------------------------------------ outside the frame
    def name_keys(self, label: Callable[[str], str]) -> None:
        """Learn the player's own key names (command -> label) for the kind's prompts."""

    @classmethod
    def result_rows(cls, summary: Summary, level: Level) -> list[tuple[str, str]]:
        """The results screen's rows for what the level was about, from the summary's measures."""
        return []

    @classmethod
    def sound_loops(cls, world: World, loops: dict[str, float]) -> dict[str, float]:
        """The audio's loop levels (engine, drone, beam, alarm, torch), as this kind hears them."""
        return loops


_RIM_TH = np.linspace(0.0, 2.0 * math.pi, RIM_POINTS, endpoint=False)
