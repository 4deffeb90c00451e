"""The window: the game's fixed 1280x720 picture, scaled to whatever size the window has.

Every scene draws on one logical surface of `LOGICAL_SIZE`; once a frame `present`
scales it into the window and fills the rest with black bars (letterboxing), so any
window, and fullscreen on any monitor, shows the whole picture. How it fills the
window is the `scale_mode` setting:

- "fit": as large as fits, keeping the 16:9 shape (smooth filtering);
- "integer": the largest whole multiple that fits (crisp pixels; smaller when the
  window is not a multiple), and never less than fit would give below 1x;
- "stretch": the whole window, ignoring the shape.

How the picture reaches the window is chosen at start-up. Where SDL gives a renderer
(pygame-ce's `pygame._sdl2.video`) that runs on a GPU, the picture is a texture it scales
and shows in step with the display's refresh (vsync). Where that renderer's OpenGL is
only Mesa's CPU rasteriser (llvmpipe and the like: a machine without a GPU or its
driver, a virtual machine), it is dropped for the window's own surface, scaled by
`pygame.transform`: measured here under Xvfb on two cores (the eye flown for 10 s),
llvmpipe's two threads took a third of a core from the frame and the glow worker, the
game's process 104-106% of a core and frames missed (frame p95 21-22 ms), against
56-66% and a frame p95 of 16.8 ms at 62 FPS on the window's surface. Without vsync the
loop paces itself at the display's refresh rate (`paced` False, `refresh_hz`).
`ONE_SMALL_STEP_PRESENT=gpu` or `=cpu` overrides the choice. The window asks for
high-DPI pixels, and the letterbox is computed in those pixels, so a Retina or 200 %
screen gets the picture at its own resolution rather than an upscaled small window.
Mouse positions in the window map back through `to_logical`.
"""

from __future__ import annotations

import os
import sys

import pygame

LOGICAL_SIZE = (1280, 720)
SCALE_MODES = ("fit", "integer", "stretch")

# Windows scales a DPI-unaware window as a bitmap (blurry); ask for real pixels instead.
os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")
# the window's own surface is SDL's plain framebuffer, not an OpenGL texture behind the
# scenes (it is only used where OpenGL would be drawn by the CPU, or is missing)
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
PRESENT_ENV = "ONE_SMALL_STEP_PRESENT"  # "gpu" or "cpu": how the picture is shown; unset: chosen
# what OpenGL renderers that draw on the CPU call themselves (GL_RENDERER)
CPU_RASTERISERS = ("llvmpipe", "softpipe", "software rasterizer", "swrast", "swiftshader",
                   "basic render driver")


def cpu_rasteriser(name: str | None) -> bool:
    """Whether an OpenGL renderer of this name draws on the CPU."""
    return name is not None and any(k in name.lower() for k in CPU_RASTERISERS)


def refresh_rate() -> int:
    """The desktop's refresh rate in Hz (the first display that says), 60 where none does."""
    try:
        rates = [r for r in pygame.display.get_desktop_refresh_rates() if r > 0]
    except pygame.error:
        rates = []
    return rates[0] if rates else 60


def gl_renderer() -> str | None:
    """The OpenGL renderer current on this thread, by name, where SDL draws through the
    system's libGL (X11, Wayland); None where it cannot be asked, or there is none."""
    if pygame.display.get_driver() not in ("x11", "wayland"):
        return None
    try:
        import ctypes

        get = ctypes.CDLL("libGL.so.1").glGetString
        get.restype = ctypes.c_char_p
        get.argtypes = [ctypes.c_uint]
        name = get(0x1F01)  # GL_RENDERER; NULL with no current context
    except (OSError, AttributeError):
        return None
    return name.decode("utf-8", "replace") if name else None


def letterbox(window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE,
              mode: str = "fit") -> pygame.Rect:
    """Where the logical picture goes in a window of `window` pixels (centred)."""
    ww, wh = max(1, int(window[0])), max(1, int(window[1]))
    lw, lh = logical
    if mode == "stretch":
        return pygame.Rect(0, 0, ww, wh)
    scale = min(ww / lw, wh / lh)
    if mode == "integer" and scale >= 1.0:
        scale = float(int(scale))
    w, h = max(1, round(lw * scale)), max(1, round(lh * scale))
    return pygame.Rect((ww - w) // 2, (wh - h) // 2, w, h)


def bars(window: pygame.Rect, dest: pygame.Rect) -> list[pygame.Rect]:
    """The parts of `window` round the picture at `dest` (letterbox or pillarbox bars)."""
    dest = dest.clip(window)
    parts = (pygame.Rect(window.left, window.top, window.w, dest.top - window.top),
             pygame.Rect(window.left, dest.bottom, window.w, window.bottom - dest.bottom),
             pygame.Rect(window.left, dest.top, dest.left - window.left, dest.h),
             pygame.Rect(dest.right, dest.top, window.right - dest.right, dest.h))
    return [r for r in parts if r.w > 0 and r.h > 0]


def to_logical(pos: tuple[float, float], dest: pygame.Rect,
               logical: tuple[int, int] = LOGICAL_SIZE) -> tuple[int, int]:
    """A window position (pixels) as a position on the logical picture (may fall outside it)."""
    x = (pos[0] - dest.x) * logical[0] / max(1, dest.w)
    y = (pos[1] - dest.y) * logical[1] / max(1, dest.h)
    return int(x), int(y)


class GameWindow:
    """One OS window showing the logical surface, letterboxed."""

    def __init__(self, title: str, size: tuple[int, int], *, fullscreen: bool = False,
                 scale_mode: str = "fit", vsync: bool = True,
                 logical: tuple[int, int] = LOGICAL_SIZE):
        self.logical = logical
        self.scale_mode = scale_mode if scale_mode in SCALE_MODES else "fit"
        self.fullscreen = False
        self.window = pygame.Window(title, size, resizable=True, allow_high_dpi=True)
        self.window.minimum_size = (320, 180)
        self.renderer = None
        self._texture = None
        self._texture_mode: str | None = None
        self.paced = False  # whether showing a frame waits for the display's refresh
        self.shown_by = "CPU"  # for the FPS overlay: what scales and shows the picture
        self.refresh_hz = refresh_rate()  # what an unpaced loop keeps to (read again on F11)
        wanted = os.environ.get(PRESENT_ENV, "").strip().lower()
        if wanted != "cpu":
            self._open_renderer(vsync, keep_cpu_gl=wanted == "gpu")
        if fullscreen:
            self.set_fullscreen(True)

    def _open_renderer(self, vsync: bool, keep_cpu_gl: bool) -> None:
        try:
            from pygame._sdl2.video import Renderer

            try:
                self.renderer = Renderer(self.window, vsync=vsync)
                self.paced = vsync
            except pygame.error:
                self.renderer = Renderer(self.window)  # some drivers refuse vsync
        except (pygame.error, ImportError) as e:
            # no renderer at all: scale in software onto the window's own surface
            print(f"one-small-step: no accelerated scaling ({e}); scaling in software",
                  file=sys.stderr)
            self.renderer = None
            return
        name = gl_renderer()
        if cpu_rasteriser(name) and not keep_cpu_gl:
            # OpenGL drawn by the CPU: its threads cost the frame more than the copy they
            # would save; the window's own surface instead (see the module's notes)
            self.renderer = None
            self.paced = False
            self.shown_by = f"CPU ({str(name).split()[0]} not used)"
            return
        if name is None:  # not OpenGL, or nothing to ask: SDL's own choice of renderer
            self.shown_by = "SDL renderer"
        else:
            self.shown_by = f"GPU ({name.split()[0] if name.split() else '?'})"

    # ------------------------------------------------------------ geometry
    def pixel_size(self) -> tuple[int, int]:
        """The drawable size in pixels (larger than the window's size on high-DPI screens)."""
        if self.renderer is not None:
            self.renderer.set_viewport(None)
            vp = self.renderer.get_viewport()
            if vp.w > 0 and vp.h > 0:
                return vp.w, vp.h
        return tuple(self.window.size)

    @property
    def size(self) -> tuple[int, int]:
        """The window's size as the desktop counts it (what is saved in the settings)."""
        return tuple(self.window.size)

    def dest(self) -> pygame.Rect:
        return letterbox(self.pixel_size(), self.logical, self.scale_mode)

    def to_logical(self, pos: tuple[float, float]) -> tuple[int, int]:
        """A mouse position (window coordinates) on the logical picture."""
        px, py = self.pixel_size()
        wx, wy = self.size
        sx, sy = px / max(1, wx), py / max(1, wy)  # window units -> pixels on high-DPI
        return to_logical((pos[0] * sx, pos[1] * sy), self.dest(), self.logical)

    # ------------------------------------------------------------ modes
    def set_scale_mode(self, mode: str) -> None:
        if mode in SCALE_MODES:
            self.scale_mode = mode

    def set_fullscreen(self, on: bool) -> None:
        """Desktop fullscreen on the monitor the window is on, or back to the window."""
        if on:
            self.window.set_fullscreen(desktop=True)
        else:
            self.window.set_windowed()
        self.fullscreen = on
        self.refresh_hz = refresh_rate()

    # ------------------------------------------------------------ drawing
    def _texture_for(self, surface: pygame.Surface):
        from pygame._sdl2.video import Texture

        quality = "nearest" if self.scale_mode == "integer" else "linear"
        if self._texture is None or self._texture_mode != quality \
                or self._texture.width != surface.get_width() \
                or self._texture.height != surface.get_height():
            os.environ["SDL_RENDER_SCALE_QUALITY"] = quality  # read when a texture is made
            self._texture = Texture.from_surface(self.renderer, surface)
            self._texture_mode = quality
        else:
            self._texture.update(surface)
        return self._texture

    def present(self, surface: pygame.Surface) -> None:
        """Show `surface` (the logical picture) letterboxed in the window."""
        dest = self.dest()
        if self.renderer is not None:
            texture = self._texture_for(surface)
            self.renderer.draw_color = (0, 0, 0, 255)
            self.renderer.clear()
            texture.draw(dstrect=dest)
            self.renderer.present()
            return
        target = self.window.get_surface()
        # the picture is scaled straight into its place in the window, and only the bars
        # round it are cleared: a whole-window clear and a scaled copy blitted over it
        # took 7.5 ms a frame at 1920x1080 here, this 5.4 (smoothscale is the rest)
        scale = pygame.transform.scale if self.scale_mode == "integer" else pygame.transform.smoothscale
        if dest.size == surface.get_size():
            target.blit(surface, dest)
        elif target.get_rect().contains(dest):
            scale(surface, dest.size, target.subsurface(dest))
        else:  # a window surface smaller than the window's size: a scaled copy, clipped
            target.blit(scale(surface, dest.size), dest)
        for bar in bars(target.get_rect(), dest):
            target.fill((0, 0, 0), bar)
        self.window.flip()

    def snapshot(self) -> pygame.Surface:
        """What the window shows now, bars included (tests, and a window screenshot)."""
        if self.renderer is not None:
            return self.renderer.to_surface()
        return self.window.get_surface().copy()

    def set_title(self, title: str) -> None:
        self.window.title = title

    def close(self) -> None:
        self._texture = None
        self.renderer = None
        try:
            self.window.destroy()
        except pygame.error:
            pass
