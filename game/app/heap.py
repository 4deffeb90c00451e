"""The garbage collector and the frame: set a level's objects aside once it has started.

A full pass of Python's cycle collector walks every tracked object: with a level, its
renderer and their tables that is tens of thousands of objects, and measured in the eye
of the storm it stalled one frame in two hundred by 15-60 ms (three full passes in 600
frames). What a level builds at its start lives until the level ends, so it is frozen
there (`gc.freeze`): later passes walk only what the frames themselves allocate (0.3 ms).
Frozen objects are still freed by reference counting; a cycle among them waits for the
next `settle()`, which first collects what the level before left.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Call when a level (or a scene with a world) has just been built."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
