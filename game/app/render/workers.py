"""Work a frame hands to another thread: the glow texture.

The ellipse's glow texture is a long run of numpy work on tens of thousands of values,
during which numpy lets go of the interpreter, so on a machine with two or more cores it
runs beside the frame's own thread, which meanwhile moves the particles, draws the point
layer (numpy too) and the halos. The job reads the world and writes only the glow
buffer, so the picture is the same whichever thread finishes first.

`ONE_SMALL_STEP_THREADS=0` (and a single core) runs every job in line, at submit: the
same picture on one thread.
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
            cores = os.cpu_count() or 1
            threads = int(wanted) if wanted.isdigit() else (THREADS if cores > 1 else 0)
            cls._shared = cls(threads)
        return cls._shared

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self.threads <= 0:
            return Done(fn, *args)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="frame")
        return self._pool.submit(fn, *args)
