"""Memory and the frame: the garbage collector, and the C library's allocator.

`settle()` sets a level's objects aside from the collector once it has started;
`keep_freed_memory()` (below) keeps numpy's freed temporaries for the next frame.

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


# The C library's allocator (glibc) and numpy's temporaries. A frame makes many arrays of
# 150 KB to a few MB (the glow texture's grids, the particles' screen positions, the
# haze's counts). Past its first threshold the allocator maps each one fresh and hands it
# back when freed, so every frame pays a page fault per 4 KB touched: measured here, the
# point layer of the eye with 100,000 motes took 5.9 ms that way and 3.7 ms with freed
# memory kept, and the glow texture in a new process 2.3 ms against 1.6.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters (malloc.h)
KEEP_BELOW = 64 << 20  # bytes: blocks smaller than this come from the heap, never mapped fresh
TRIM_ABOVE = 256 << 20  # bytes: free memory at the heap's top is handed back only past this


def keep_freed_memory() -> bool:
    """Tell the C library to keep memory that numpy frees for the next frame's arrays
    (glibc's `mallopt`); a no-op returning False where there is no such call."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False  # not glibc (macOS, Windows, musl without it): their allocators differ
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, KEEP_BELOW)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_ABOVE))
