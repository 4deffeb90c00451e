"""The glow layer scaled up to full size on a second thread, beside the frame's own work.

Scaling the glow (a fifth of the screen's size) up to 1280x720 is one C call,
`pygame.transform.smoothscale`, of 0.8-1.3 ms on the README's machine, and pygame lets
go of the interpreter for the whole of it. So on two or more cores it runs on a thread
of its own while the frame draws what is left of its point layer, and the frame waits
for it only before adding the glow. Measured here, in one process, alternated: the
scaling 1.28 ms, 40,000 lights scattered 1.13 ms, both together 1.42 ms; in the frame,
paired against the frame before it, the escape 14.4 -> 13.4 ms, the anomaly 10.8 -> 10.0,
the eye 14.1 -> 13.7 (dark matter the same: its point layer is drawn while it waits for
its texture, and nothing is left to draw beside the scaling, which is then done in line).

(The glow texture goes to a process instead, `glow_worker`: it is many short numpy calls,
and two threads making those queue for the one interpreter.)

The same call makes the same pixels on either thread; a one-core machine scales in line.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import pygame

from game.app.render.glow_worker import cores

_smoothscale = pygame.transform.smoothscale
_pool: ThreadPoolExecutor | None = None
# whether to scale on a thread: None until the first frame asks (then cores() >= 2)
threaded: bool | None = None


class Scaling:
    """A scaling under way (or done): `wait()` before the target is read."""

    __slots__ = ("_future",)

    def __init__(self, future: Future[object] | None = None):
        self._future = future

    def wait(self) -> None:
        if self._future is not None:
            future, self._future = self._future, None
            future.result()  # an error in the scaling is raised here, on the frame's thread


def start(source: pygame.Surface, target: pygame.Surface, beside: bool = True) -> Scaling:
    """Smoothscale `source` to the whole of `target`: on a thread where there are two cores
    or more and the caller has work `beside` it (else handing it over costs more than it
    saves). Neither surface may be touched until the returned scaling's `wait()`."""
    global _pool, threaded
    if threaded is None:
        threaded = cores() >= 2
    if not (beside and threaded):
        _smoothscale(source, target.get_size(), target)
        return Scaling()
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glow-scale")
    # the thread needs the interpreter only to start the call, and gets it as soon as
    # the frame's numpy lets go of it (a handshake to wait for that cost 0.05-0.15 ms more)
    return Scaling(_pool.submit(_smoothscale, source, target.get_size(), target))
