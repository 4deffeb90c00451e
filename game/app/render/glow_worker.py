"""The ellipse's glow texture worked out in a second process, beside the frame.

The texture (`EllipseTexture.paint`) is the largest single piece of a frame's numpy work
(1-2 ms on the README's machine) and depends only on a handful of numbers
(`GlowJob`) and the level's noise field. Threads do not help: numpy's calls on arrays
of this size are short, and between them two threads queue for the one interpreter
(measured here: the eye's draw 1 ms faster, the anomaly's 0.5-1 ms slower). A process
has an interpreter of its own, so on two or more cores the texture costs the frame
only the wait for it, if any: the frame sends the job as soon as its camera is set,
moves the particles, draws the point layer and the halos meanwhile, and picks the
texture up from shared memory before it adds the haze. After the texture, the worker
also works out the push of the field on one part of the long-lived cosmetic particles
(`game.app.render.particles`), which the next frame's move picks up: the frame sends it
when its particles have moved, and it is done long before the next frame needs it.

It is chosen at start-up (`start()`, called by the windowed game and the bench) and
only where it can pay: two or more cores, and not turned off with
`ONE_SMALL_STEP_GLOW_WORKER=0`. Everything else (the tests, screenshots, a one-core
machine) works the texture out in line, with the same code, to the same pixels. A
worker that is not ready yet is not waited for; one that dies or stops answering is
let go, with one line on stderr, and the frames carry on in line.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from multiprocessing import shared_memory
from typing import Any

import numpy as np

ENV = "ONE_SMALL_STEP_GLOW_WORKER"
ANSWER_S = 0.5  # a texture not back within this long: the worker is let go
F32 = np.float32


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def wanted() -> bool:
    """Whether a worker pays here: two cores or more, unless the environment says no
    (`ONE_SMALL_STEP_GLOW_WORKER=0` turns it off, `=1` asks for it on one core too)."""
    flag = os.environ.get(ENV, "").strip()
    if flag == "0":
        return False
    return flag == "1" or cores() >= 2


def _serve(conn: Any, shm_name: str, grid: tuple[int, int], screen: tuple[int, int]) -> None:
    """The worker process: paint each job into the shared buffer and say when it is done."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Ctrl-C in a terminal reaches the worker too: the game turns it into a quit and stops
    # the worker itself (SIGTERM, which multiprocessing's own exit uses, still ends it)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from game.app.heap import keep_freed_memory
    from game.app.render.ellipse_glow import EllipseTexture
    from game.app.render.particles import FAILED, FieldKicks

    keep_freed_memory()  # the texture's temporaries reused, not faulted in every frame

    # the main process made the block and unlinks it (the two share one resource tracker)
    shm = shared_memory.SharedMemory(name=shm_name)
    out = np.ndarray((*grid, 3), F32, buffer=shm.buf)
    texture = EllipseTexture(screen, grid)
    kicks = FieldKicks()
    field = None
    conn.send(("ready",))
    try:
        while True:
            msg = conn.recv()
            if msg[0] == "paint":
                t0 = time.perf_counter()
                out.fill(0.0)
                try:
                    if msg[1] is not None:
                        texture.paint(out, msg[1], field)
                except Exception as e:  # noqa: BLE001 - said in one line; the frames go in line
                    conn.send(("error", msg[2], f"{type(e).__name__}: {e}"))
                    break
                conn.send(("done", msg[2], time.perf_counter() - t0))
            elif msg[0] == "kick":
                t0 = time.perf_counter()
                try:
                    lost = kicks.kick(*msg[2:])
                except Exception:  # noqa: BLE001 - whatever it was, the frame does it in line
                    lost = FAILED
                conn.send(("kicked", msg[1], lost, time.perf_counter() - t0))
            elif msg[0] == "noise":
                field = msg[1]
            else:  # "stop"
                break
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the game has gone
    finally:
        del out
        kicks.close()
        shm.close()


class GlowWorker:
    """One worker process and the shared glow buffer it paints into."""

    def __init__(self, screen: tuple[int, int], grid: tuple[int, int]):
        self.screen, self.grid = screen, grid
        self.shm: shared_memory.SharedMemory | None = shared_memory.SharedMemory(
            create=True, size=grid[0] * grid[1] * 3 * 4)
        self.buffer = np.ndarray((*grid, 3), F32, buffer=self.shm.buf)
        self.buffer.fill(0.0)
        ctx = mp.get_context("spawn")  # a clean interpreter: no copy of SDL's state
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.shm.name, grid, screen),
                                name="one-small-step glow", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.broken = False
        self._field: object = None
        self.sent = 0  # jobs sent so far
        self._out: int | None = None  # the job sent and not yet picked up
        self.paint_s = 0.0  # how long the worker took over the last texture (the bench's profile)
        self.kick_s = 0.0  # and over the last push on the particles
        # answers read and not yet picked up, by job number (only the newest of each kind)
        self._painted: dict[int, float] = {}
        self._kicked: dict[int, tuple[Any, float]] = {}
        self._error = ""  # what the worker said went wrong before it stopped

    def usable(self) -> bool:
        """Ready for a job (never waits: a worker still starting is simply not used)."""
        if self.broken:
            return False
        if not self.ready:
            try:
                if self.conn.poll() and self.conn.recv() == ("ready",):
                    self.ready = True
            except (EOFError, OSError):
                self._fail("it did not start")
        return self.ready and not self.broken

    def wait_ready(self, timeout: float = 10.0) -> bool:
        """Wait until the worker has started (the bench; the game never waits)."""
        if not self.ready and not self.broken:
            try:
                if self.conn.poll(timeout):
                    return self.usable()
            except (EOFError, OSError):
                pass
            self._fail(f"not started within {timeout} s")
        return self.usable()

    def submit(self, job: Any, field: object) -> bool:
        """Send one frame's job (None: nothing to draw, a cleared buffer); False when the
        worker cannot take it (the caller paints in line)."""
        if self._out is not None:  # a frame that never picked its texture up (it failed)
            self.collect()
        if not self.usable():
            return False
        try:
            if field is not self._field and job is not None:
                self.conn.send(("noise", field))
                self._field = field
            self.sent += 1
            self.conn.send(("paint", job, self.sent))
        except (OSError, ValueError):
            self._fail("it went away")
            return False
        self._out = self.sent
        return True

    def done(self) -> bool:
        """Whether the job sent has been answered (never waits; `collect` picks it up)."""
        try:
            while (self._out is not None and self._out not in self._painted and not self._error
                   and self.conn.poll()):
                self._read()
            return self._out is None or self.broken or self._out in self._painted or bool(self._error)
        except (EOFError, OSError):
            return True  # gone: `collect` finds out and says so

    def collect(self) -> bool:
        """Wait for the job sent; True when the buffer holds its texture."""
        seq, self._out = self._out, None
        if seq is None or self.broken:
            return False
        if self._wait(self._painted, seq):
            self.paint_s = self._painted.pop(seq)
            return True
        return False

    def send_kick(self, payload: tuple) -> int | None:
        """Send the push of the field on a part of the particles (`particles.FieldKicks`),
        worked out after the texture; its number, or None when the worker cannot take it."""
        if not self.usable():
            return None
        try:
            self.conn.send(("kick", self.sent + 1, *payload))  # pickled whole before it is written
        except (OSError, ValueError):
            self._fail("it went away")
            return None
        self.sent += 1
        return self.sent

    def kick_result(self, seq: int) -> np.ndarray | str | None:
        """Wait for push `seq`: the particles flung out; None where the worker failed or did
        not know the particles, `particles.FAILED` where the push raised there (either
        way the caller works it out in line)."""
        if self.broken or not self._wait(self._kicked, seq):
            return None
        lost, self.kick_s = self._kicked.pop(seq)
        return lost

    def _wait(self, answers: dict[int, Any], seq: int) -> bool:
        """Read the worker's answers until `seq` is among `answers`; False when it failed."""
        try:
            while seq not in answers:
                if self._error:
                    self._fail(f"the texture failed there: {self._error}")
                    return False
                if not self.conn.poll(ANSWER_S):
                    self._fail(f"no answer within {ANSWER_S} s")
                    return False
                self._read()
        except (EOFError, OSError):
            self._fail("it went away")
            return False
        return True

    def _read(self) -> None:
        """Take one answer off the pipe (answers to jobs given up on are dropped; what went
        wrong, where the worker says something did, is kept: it has stopped)."""
        msg = self.conn.recv()
        if msg[0] == "error":
            self._error = str(msg[2])
        elif msg[0] == "done":
            self._painted.clear()
            self._painted[msg[1]] = msg[2]
        elif msg[0] == "kicked":
            self._kicked.clear()
            self._kicked[msg[1]] = (msg[2], msg[3])

    def _fail(self, why: str) -> None:
        if not self.broken and not _quitting() and not self._terminated():
            print(f"one-small-step: the glow texture's worker process stopped ({why}); "
                  "working it out in line", file=sys.stderr)
        self.broken = True
        self.close()

    def _terminated(self) -> bool:
        """Whether the worker was ended by a SIGTERM: sent to the whole process group (by
        `timeout`, a session ending), it reaches the game too, which may already have taken
        the quit SDL made of it off the queue when it finds the worker gone."""
        self.proc.join(0.2)
        return self.proc.exitcode == -signal.SIGTERM

    def close(self) -> None:
        """Stop the process and give the shared memory back (once; safe to call again)."""
        self._out = None
        if self.shm is None:
            return
        try:
            if self.proc.is_alive() and not self.broken:
                self.conn.send(("stop",))
                self.proc.join(0.5)
        except (OSError, ValueError):
            pass
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(0.5)
        self.conn.close()
        self.broken = True
        del self.buffer
        shm, self.shm = self.shm, None
        try:
            shm.close()
        except BufferError:  # a frame's glow still looks at it (a frame that failed): unmapped at exit
            pass
        try:
            shm.unlink()
        except FileNotFoundError:
            pass


def _quitting() -> bool:
    """Whether the game is on its way out (a quit is queued): a SIGTERM to the whole process
    group, which SDL turns into a quit, ends the worker first; that is no news to report."""
    import pygame

    try:
        return bool(pygame.display.get_init() and pygame.event.peek(pygame.QUIT))
    except pygame.error:  # no event queue: nothing can be queued
        return False


_shared: GlowWorker | None = None


def start(screen: tuple[int, int], grid: tuple[int, int]) -> GlowWorker | None:
    """Start the worker for glow grids of this size where it pays (see `wanted`); the
    renderers made afterwards use it. Returns it, or None."""
    global _shared
    if _shared is not None and not _shared.broken and _shared.grid == grid:
        return _shared
    stop()
    if not wanted():
        return None
    try:
        _shared = GlowWorker(screen, grid)
    except (OSError, ValueError, RuntimeError) as e:  # no shared memory, no processes here
        print(f"one-small-step: no glow worker process ({e}); working the texture out in line",
              file=sys.stderr)
        _shared = None
    return _shared


def shared(grid: tuple[int, int]) -> GlowWorker | None:
    """The started worker, if its grid is this one."""
    if _shared is not None and _shared.grid == grid and not _shared.broken:
        return _shared
    return None


def where() -> str:
    """Where the glow texture is worked out now, for the FPS overlay."""
    if _shared is None or _shared.broken:
        return "in line"
    return "2nd core" if _shared.usable() else "in line (2nd core starting)"


def stop() -> None:
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None
