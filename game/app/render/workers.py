"""Work a frame may hand to another thread: the glow texture (opt-in, off by default).

The ellipse's glow texture is a long run of numpy work during which numpy lets go of
the interpreter, so it can run beside the frame's own thread (which meanwhile moves the
particles, draws the point layer and the halos). The job reads the world and writes
only the glow buffer, so the picture is the same whichever thread finishes first.

Measured on the 2-core machine the README quotes (one process, frames interleaved,
quiet): with the texture on a thread the eye of the storm's draw fell from 10.9-11.7 to
9.8-10.5 ms, but the anomaly's rose from 6.3-6.4 to 6.9-7.3 ms: the two threads contend
for the interpreter between numpy calls, and the texture took 2-3 times as long beside
the frame as in line. So it is off by default: `ONE_SMALL_STEP_THREADS=1` turns it on
(on two or more cores); unset or 0, every job runs in line, at submit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
THREADS = 1  # the glow texture


class Done(Future):  # type: ignore[type-arg]
    """A job already run in line: `result()` gives its value (or raises its error)."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        try:
            self.set_result(fn(*args))
        except BaseException as exc:  # handed to whoever asks for the result, as a pool does
            self.set_exception(exc)


class Workers:
    _shared: Workers | None = None

    def __init__(self, threads: int) -> None:
        self.threads = threads
        self._pool: ThreadPoolExecutor | None = None

    @classmethod
    def shared(cls) -> Workers:
        """One pool for every renderer of the process (the title's demo, play, previews)."""
        if cls._shared is None:
            wanted = os.environ.get("ONE_SMALL_STEP_THREADS", "")
            threads = min(int(wanted), THREADS) if wanted.isdigit() and (os.cpu_count() or 1) > 1 else 0
            cls._shared = cls(threads)
        return cls._shared

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self.threads <= 0:
            return Done(fn, *args)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="frame")
        return self._pool.submit(fn, *args)
