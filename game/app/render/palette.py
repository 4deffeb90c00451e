"""Colours of the vector-arcade look and the lookup tables that turn brightness into them."""

from __future__ import annotations

import numpy as np
import pygame

BLACK = (0, 0, 0)
HUD = (120, 215, 255)
HUD_DIM = (50, 95, 120)
HUD_BRIGHT = (215, 245, 255)
AMBER = (255, 190, 60)
RED = (255, 70, 60)
GREEN = (110, 255, 160)
MAGENTA = (255, 80, 220)
SHIELD = (90, 170, 255)
FLAME = (255, 170, 70)
PROBE = (230, 255, 140)
LINK = (110, 255, 190)
SURGE = (255, 200, 140)
ELLIPSE_RIM = (255, 200, 110)
EYE_RIM = (150, 120, 255)
SHIELD_MOD = (255, 205, 90)  # the former drone's modified shields: gold

SYSTEM_COLOURS = {
    "engines": (255, 170, 70),
    "shields": (90, 170, 255),
    "sensors": (110, 255, 160),
    "tractor": (220, 140, 255),
    "comms": (255, 235, 120),
}
SYSTEM_LABELS = {
    "engines": "ENG", "shields": "SHD", "sensors": "SEN", "tractor": "TRC", "comms": "COM",
}


def ramp(stops: list[tuple[float, tuple[int, int, int]]], n: int = 256) -> np.ndarray:
    """A (n, 3) uint8 colour ramp through (position 0..1, colour) stops."""
    xs = np.array([p for p, _ in stops], np.float32)
    cols = np.array([c for _, c in stops], np.float32)
    t = np.linspace(0.0, 1.0, n, dtype=np.float32)
    out = np.empty((n, 3), np.float32)
    for ch in range(3):
        out[:, ch] = np.interp(t, xs, cols[:, ch])
    return np.clip(out, 0, 255).astype(np.uint8)


# the ellipse's blaze: black -> ember -> orange -> yellow -> white-hot
FIRE = ramp([
    (0.0, (0, 0, 0)), (0.12, (60, 8, 0)), (0.32, (170, 45, 0)), (0.52, (245, 110, 10)),
    (0.72, (255, 165, 35)), (0.88, (255, 215, 110)), (1.0, (255, 250, 215)),
])


def pack(surface: pygame.Surface, rgb: np.ndarray) -> np.ndarray:
    """Colours (..., 3) uint8 -> the surface's packed 32-bit pixel values."""
    shifts = surface.get_shifts()
    losses = surface.get_losses()
    rgb = rgb.astype(np.uint32)
    out = np.zeros(rgb.shape[:-1], np.uint32)
    for ch in range(3):
        out |= (rgb[..., ch] >> np.uint32(losses[ch])) << np.uint32(shifts[ch])
    return out


def scaled(colour: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    r, g, b = colour[0], colour[1], colour[2]
    if 0.0 <= k <= 1.0 and 0 <= r <= 255 and 0 <= g <= 255 and 0 <= b <= 255:
        # in range already: no clamping (it is called hundreds of times a frame)
        return (int(r * k), int(g * k), int(b * k))
    return (min(255, max(0, int(r * k))), min(255, max(0, int(g * k))), min(255, max(0, int(b * k))))


def towards_white(colour: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    r, g, b = colour[0], colour[1], colour[2]
    return (int(r + (255 - r) * k), int(g + (255 - g) * k), int(b + (255 - b) * k))


def lift(glow: np.ndarray, rgb) -> None:
    """Add one colour to every pixel of a glow buffer (w, h, 3), in place.

    The colour is repeated down a whole column of the buffer (h pixels of three values)
    and added to every column at once: numpy broadcasts a colour over rows of three
    values at a seventh of this speed (156 against 23 us for the 256x144 glow). A buffer
    whose columns are not packed (a transposed view, say) is refused: reshaping it would
    add the colour to a copy."""
    columns = glow.reshape(glow.shape[0], -1)
    if not np.shares_memory(columns, glow):
        raise ValueError("lift needs a glow buffer with packed columns (w, h, 3), not a copy")
    columns += np.tile(np.asarray(rgb, np.float32), glow.shape[1])


def clear(surface: pygame.Surface) -> None:
    """Black the whole of an opaque 32-bit surface with numpy rather than `Surface.fill`.

    SDL fills a large surface with stores that go around the CPU's caches, so whatever
    is drawn next finds none of the picture in them: measured here on 1280x720, SDL's
    fill took 420 us and 25,000 pixels scattered after it 445 us; numpy's fill 110 us and
    the same pixels 77 us. Other surfaces (with alpha, or not 32-bit) are filled by SDL.
    """
    if surface.get_bitsize() == 32 and not surface.get_flags() & pygame.SRCALPHA:
        try:
            pygame.surfarray.pixels2d(surface).fill(0)
            return
        except (ValueError, pygame.error):
            pass  # its pixels can't be reached from here (a surface the display owns)
    surface.fill(BLACK)
