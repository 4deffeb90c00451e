"""The window's heartbeat: a fixed-timestep loop and a stack of scenes.

The loop is the accumulator of Fiedler's "Fix Your Timestep!": the real time of a
frame (clamped to `MAX_FRAME` so a stall never spirals) is added to an accumulator,
the top scene is updated in fixed steps of `DT` while a whole step has accumulated
(at most `MAX_STEPS_PER_FRAME` of them; older debt is dropped), and the frame is drawn
with `alpha = accumulator / DT`, the fraction of the way to the next step, so the
renderer can interpolate. The simulation therefore sees the same steps whatever the
frame rate. The clock is injectable, which lets tests run the loop at a fake rate.

Scenes form a stack (a pushdown automaton): pause pushes over play and pops back.
An exception inside a scene is logged to stderr in one line and the player is put
back at the title with a message, never shown a traceback.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.sim import DT

if TYPE_CHECKING:
    from game.app.scenes.base import Scene
    from game.app.settings import Settings
    from game.progress import Progress

CAPTION = "One Small Step"
LOGICAL_SIZE = (1280, 720)  # the picture every scene draws; game.app.window scales it
MAX_FRAME = 0.25  # s: longest real frame the loop accounts for
MAX_STEPS_PER_FRAME = 8  # catch-up steps allowed in one frame
DEFAULT_FPS_CAP = 240
STATS_FRAMES = 120  # frames the FPS overlay's figures are taken over (two seconds at 60 FPS)
FPS_STRIP_PX = 26  # the foot of the picture the FPS overlay's strip takes (scenes keep above it)
# s: the last stretch before a frame is due is waited out awake (FramePacer), as the OS's
# sleep can overshoot by about as much. (A core woken from sleep also ran the next frame
# slower here: the eye's frames with 7 ms idle between them took 8.0-9.4 ms asleep
# throughout, 7.5-8.0 with the last millisecond awake; bench frames, alternated, noisy.)
PACER_SPIN = 0.001
PACER_SPIN_SHARE = 0.06  # ... and at most this share of a frame (the 240 FPS cap: 0.25 ms)

Clock = Callable[[], float]


class FixedTimestep:
    """Turns real frame times into a whole number of fixed steps and a render alpha.

    Pure arithmetic, no pygame: `advance()` reads the clock once and says how many
    steps of `dt` to run this frame; `alpha` is then the leftover fraction of a step.
    """

    def __init__(self, clock: Clock = time.perf_counter, dt: float = DT,
                 max_frame: float = MAX_FRAME, max_steps: int = MAX_STEPS_PER_FRAME):
        self.clock = clock
        self.dt = dt
        self.max_frame = max_frame
        self.max_steps = max_steps
        self.accumulator = 0.0
        self.frame_time = 0.0  # real seconds of the last frame, after clamping
        self.dropped_steps = 0  # steps skipped because a frame needed too many
        self._last: float | None = None

    def start(self) -> None:
        self._last = self.clock()
        self.accumulator = 0.0

    def advance(self) -> int:
        now = self.clock()
        if self._last is None:
            self._last = now
        frame = min(max(now - self._last, 0.0), self.max_frame)
        self._last = now
        self.frame_time = frame
        self.accumulator += frame
        steps = 0
        while self.accumulator >= self.dt and steps < self.max_steps:
            self.accumulator -= self.dt
            steps += 1
        if self.accumulator >= self.dt:
            behind = int(self.accumulator // self.dt)
            self.dropped_steps += behind
            self.accumulator -= behind * self.dt
        return steps

    @property
    def alpha(self) -> float:
        return min(1.0, max(0.0, self.accumulator / self.dt))


class SceneStack:
    """Push, pop and replace scenes, calling their enter and exit hooks."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):
        return iter(list(self._scenes))

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def below(self, scene: Scene) -> Scene | None:
        """The scene under `scene` (what an overlay such as pause draws first)."""
        try:
            i = self._scenes.index(scene)
        except ValueError:
            return None
        return self._scenes[i - 1] if i > 0 else None

    def push(self, scene: Scene) -> None:
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        return scene

    def replace(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes.pop().exit()
        self.push(scene)

    def clear(self) -> None:
        """Exit every scene, top first; an exit that fails does not stop the others."""
        while self._scenes:
            scene = self._scenes.pop()
            try:
                scene.exit()
            except Exception as e:  # noqa: BLE001 - leaving anyway; say so and go on
                log_error(f"while closing {type(scene).__name__}", e)


class FramePacer:
    """Holds the loop to a steady rate where nothing else does (no vsync: the window's
    CPU path, or a driver that refuses it). Each frame is due one period after the last
    one was due: the wait sleeps until `spin` before that (less at a high cap: at most
    PACER_SPIN_SHARE of a frame) and spends the rest awake.
    (pygame's `Clock.tick` sleeps whole milliseconds, 16 for 60 Hz: 62.5 frames a second
    on a 60 Hz display, one in 25 never shown.) A frame that comes late is shown at once
    and the count starts again from it: no run of short frames to catch up."""

    def __init__(self, clock: Clock = time.perf_counter,
                 sleep: Callable[[float], None] = time.sleep, spin: float = PACER_SPIN):
        self.clock, self.sleep, self.spin = clock, sleep, spin
        self.due: float | None = None  # when the last frame was due

    def wait(self, rate: float) -> None:
        """Wait until the next frame is due at `rate` frames a second."""
        now = self.clock()
        due = now if self.due is None else self.due + 1.0 / rate
        if due <= now:  # late, or the first frame: at once, and counted from here
            self.due = now
            return
        self.due = due
        spin = min(self.spin, PACER_SPIN_SHARE / rate)
        if due - now > spin:
            self.sleep(due - now - spin)
        while self.clock() < due:
            pass


class FrameStats:
    """The last frames' times (from one frame's start to the next: the pace the player
    sees) and work (input, steps and drawing, up to handing the picture to the display,
    so without the wait for its refresh)."""

    def __init__(self, frames: int = STATS_FRAMES):
        self.frames: deque[float] = deque(maxlen=frames)
        self.work: deque[float] = deque(maxlen=frames)

    def add(self, frame_time: float, work_time: float) -> None:
        if frame_time > 0:
            self.frames.append(frame_time)
        self.work.append(work_time)

    @staticmethod
    def _pct_ms(values: deque[float], pct: float) -> float:
        if not values:
            return 0.0
        ordered = sorted(values)
        return 1000.0 * ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100.0))]

    def frame_ms(self, pct: float) -> float:
        return self._pct_ms(self.frames, pct)

    def work_ms(self, pct: float) -> float:
        return self._pct_ms(self.work, pct)

    @property
    def fps(self) -> float:
        median = self.frame_ms(50)
        return 1000.0 / median if median > 0 else 0.0


def log_error(where: str, exc: BaseException) -> None:
    """One short line on stderr: what failed and where, without the whole traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    place = ""
    if frames:
        last = frames[-1]
        place = f" ({Path(last.filename).name}:{last.lineno})"
    print(f"one-small-step: error {where}: {type(exc).__name__}: {exc}{place}", file=sys.stderr)


class App:
    """The window, the shared services (settings, input, audio) and the scene stack."""

    def __init__(self, settings: Settings, *, size: tuple[int, int] = LOGICAL_SIZE,
                 fullscreen: bool = False, clock: Clock = time.perf_counter,
                 fps_cap: int | None = DEFAULT_FPS_CAP, vsync: bool = True):
        from game.app.audio import Audio
        from game.app.input import InputMapper
        from game.app.scenes.ui import forget_fonts

        self.settings = settings
        self.size = size  # the logical picture every scene draws; the window scales it
        self.fps_cap = fps_cap
        self.timer = FixedTimestep(clock)
        self.stack = SceneStack()
        self.running = False
        self.frames = 0
        self.fps = 0.0
        self.frame_stats = FrameStats()
        self.fps_rect: pygame.Rect | None = None  # where the FPS overlay was last drawn
        # from the command line: the seed every level is played with and where the
        # inputs of each run are saved (None: the level's own seed, no recording)
        self.seed: int | None = None
        self.record: Path | None = None
        # --autopilot: the autopilot flies every level opened (a whole campaign can be watched)
        self.autopilot = False
        self._progress: Progress | None = None  # loaded on first use: see `progress`
        self.progress_message: str | None = None  # why the save was set aside, for the title
        self.window = self._open_window(fullscreen, vsync)
        self.screen = pygame.Surface(size)  # the logical picture, scaled into the window
        forget_fonts()  # fonts cached before this window may belong to a closed pygame
        pygame.key.set_repeat(0)
        # opening a window sends focus and show events of its own; they are not the player's
        pygame.event.clear()
        self.input = InputMapper(settings)
        self.audio = Audio(settings)
        self.pacer = FramePacer(clock)

    # ---------------------------------------------------------------- progress
    @property
    def progress(self) -> Progress:
        """The saved progress, read on first use (the title is usually first to ask).

        A save that had to be set aside leaves its message in `progress_message`,
        which the title shows once; the same line goes to stderr for the log.
        """
        if self._progress is None:
            from game.progress import Progress

            self._progress, self.progress_message = Progress.load()
            if self.progress_message:
                print(f"one-small-step: {self.progress_message}", file=sys.stderr)
        return self._progress

    def take_progress_message(self) -> str | None:
        """The set-aside message, once: later titles do not repeat it."""
        self.progress  # noqa: B018 - loading is what fills the message
        message, self.progress_message = self.progress_message, None
        return message

    def save_progress(self) -> str | None:
        """Save the progress; None when saved, else a one-line reason for the player."""
        try:
            self.progress.save()
        except OSError as e:
            log_error("saving progress", e)
            return f"Progress could not be saved: {e.strerror or e}"
        return None

    # ---------------------------------------------------------------- window
    @property
    def fullscreen(self) -> bool:
        return self.window.fullscreen

    def _open_window(self, fullscreen: bool, vsync: bool):
        from game.app.window import GameWindow

        size = tuple(getattr(self.settings, "window_size", LOGICAL_SIZE))
        mode = getattr(self.settings, "scale_mode", "fit")
        return GameWindow(CAPTION, size, fullscreen=fullscreen, scale_mode=mode, vsync=vsync,
                          logical=self.size)

    def set_fullscreen(self, on: bool) -> None:
        """Window or fullscreen; F11 and the settings screen agree, and it is saved."""
        if on != self.fullscreen:
            try:
                self.window.set_fullscreen(on)
            except pygame.error as e:
                print(f"one-small-step: cannot switch fullscreen ({e})", file=sys.stderr)
                return
        try:
            self.settings.fullscreen = on
        except (AttributeError, ValueError):
            pass
        self.save_settings()

    def apply_window_settings(self) -> None:
        """After the settings screen changed them: scale mode, fullscreen, motion."""
        self.window.set_scale_mode(getattr(self.settings, "scale_mode", "fit"))
        want = bool(getattr(self.settings, "fullscreen", False))
        if want != self.fullscreen:
            self.set_fullscreen(want)

    def save_settings(self) -> None:
        from game.app.settings import save_settings

        try:
            save_settings(self.settings)
        except (OSError, AttributeError, TypeError) as e:
            print(f"one-small-step: cannot save the settings ({e})", file=sys.stderr)

    def _window_event(self, ev: pygame.event.Event) -> pygame.event.Event | None:
        """Window bookkeeping for one event; returns the event for the scenes (mouse
        positions mapped onto the logical picture), or None when it was the window's own."""
        if ev.type == pygame.WINDOWSIZECHANGED and not self.fullscreen:
            try:
                w, h = self.window.size
                self.settings.window_size = (max(320, w), max(180, h))
            except (AttributeError, ValueError):
                pass
            return ev
        if ev.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) \
                and hasattr(ev, "pos"):
            attrs = dict(ev.dict)
            attrs["pos"] = self.window.to_logical(ev.pos)
            return pygame.event.Event(ev.type, attrs)
        return ev

    # ---------------------------------------------------------------- scenes
    def push(self, scene: Scene) -> None:
        self.stack.push(scene)

    def pop(self) -> None:
        self.stack.pop()
        if not len(self.stack):
            self.running = False

    def replace(self, scene: Scene) -> None:
        self.stack.replace(scene)

    def to_title(self, message: str | None = None, demo: bool = True) -> None:
        """Drop every scene and show the title (with an optional message)."""
        from game.app.scenes.title import TitleScene

        self.input.release_all()
        self.stack.clear()
        self.stack.push(TitleScene(self, message=message, demo=demo))

    def quit(self) -> None:
        self.running = False

    def recover(self, where: str, exc: Exception) -> None:
        """Log a scene's failure in one line and put the player back at the title.

        If the title itself failed, the next one goes without its demo (the part that
        runs the level); if even that fails, a plain message closes the game.
        """
        from game.app.scenes.title import TitleScene

        scene = self.stack.top
        name = type(scene).__name__ if scene is not None else "the game"
        log_error(f"in {name} {where}", exc)
        message = ("Something went wrong on that screen, so we brought you back here. "
                   "The details are in the log.")
        title_failed = isinstance(scene, TitleScene)
        try:
            if title_failed and scene.demo is None:
                raise exc
            self.to_title(message, demo=not title_failed)
        except Exception as again:  # noqa: BLE001 - the title itself failed
            if again is not exc:
                log_error("opening the title", again)
            from game.app.scenes.message import MessageScene

            self.stack.clear()
            self.stack.push(MessageScene(self, "SOMETHING WENT WRONG", [message],
                                         on_close=self.quit))

    # ---------------------------------------------------------------- loop
    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.QUIT:
            self.running = False
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_F11:
            self.set_fullscreen(not self.fullscreen)
            return
        mapped = self._window_event(ev)
        if mapped is None:
            return
        ev = mapped
        # the scene first: capturing a pad control for rebinding must see the axis
        # before the mapper records its new position
        scene = self.stack.top
        if scene is not None:
            scene.handle(ev)
        self.input.handle_event(ev)

    def frame(self) -> int:
        """One frame: events, fixed steps, draw. Returns the number of steps run."""
        where = "handling input"
        steps = 0
        started = time.perf_counter()
        try:
            for ev in pygame.event.get():
                self.handle_event(ev)
                if ev.type == pygame.QUIT:
                    break
            where = "updating"
            steps = self.timer.advance()
            for _ in range(steps):
                scene = self.stack.top
                if scene is None:
                    break
                scene.update(self.timer.dt)
            where = "drawing"
            scene = self.stack.top
            if scene is not None:
                scene.tick(self.timer.frame_time)
                scene.draw(self.screen, self.timer.alpha)
                if getattr(self.settings, "show_fps", False):
                    self._draw_fps()
        except Exception as e:  # noqa: BLE001 - a scene's bug must not reach the player
            self.recover(where, e)
        # the frame's own work ends here: presenting waits for the display's refresh with
        # vsync (measured under Xvfb: 16 ms with it, 4.6 without), which is pace, not work
        worked = time.perf_counter() - started
        try:
            self.window.present(self.screen)
        except pygame.error as e:  # a lost renderer (driver reset): say so, keep going
            log_error("showing the frame", e)
        self.frames += 1
        self.frame_stats.add(self.timer.frame_time, worked)
        return steps

    def _draw_fps(self) -> None:
        from game.app.render import glow_worker
        from game.app.scenes.ui import draw_text, font

        stats = self.frame_stats
        self.fps = stats.fps
        line = (f"{stats.fps:.0f} FPS   frame {stats.frame_ms(50):.1f} ms (p95 {stats.frame_ms(95):.1f})"
                f"   work {stats.work_ms(50):.1f} ms (p95 {stats.work_ms(95):.1f})"
                f"   glow {glow_worker.where()}   shown by {self.window.shown_by}")
        # on a dark strip of its own: legible over the blazing band and over the HUD's panels
        w, h = font(16).size(line)
        strip = pygame.Rect(0, 0, w + 12, h + 4)
        strip.bottomright = (self.size[0] - 6, self.size[1] - 2)
        self.fps_rect = strip
        self.screen.fill((6, 8, 12), strip)
        draw_text(self.screen, line, 16, (175, 185, 195), (strip.right - 6, strip.bottom - 2),
                  anchor="bottomright")

    def run(self, max_frames: int | None = None,
            until: Callable[[], bool] | None = None) -> int:
        """Run frames until the window closes (or `max_frames`, or `until()` is true)."""
        self.running = True
        self.timer.start()
        count = 0
        while self.running and len(self.stack):
            self.frame()
            count += 1
            if max_frames is not None and count >= max_frames:
                break
            if until is not None and until():
                break
            cap = self.frame_cap()
            if cap:
                self.pacer.wait(cap)
        return 0

    def frame_cap(self) -> int | None:
        """The most frames a second the loop runs: the cap it was given, and where showing
        a frame does not wait for the display (no vsync) not more than the display's
        refresh rate (read when the window opens or changes mode, not every frame)."""
        if self.fps_cap is None or self.window.paced:
            return self.fps_cap
        return min(self.fps_cap, self.window.refresh_hz)

    def close(self) -> None:
        self.stack.clear()
        self.save_settings()  # the window's size and mode are remembered for next time
        try:
            self.window.close()
        except Exception as e:  # noqa: BLE001 - closing anyway
            log_error("closing the window", e)
        try:
            self.audio.stop()
        except Exception as e:  # noqa: BLE001 - closing anyway
            log_error("stopping the audio", e)
