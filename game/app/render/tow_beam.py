"""How a tow beam shows its strain: colour and flicker from its tension.

Shared by the levels that tow on a tractor beam (the dark matter's module, the
escape's shuttle) in the frame and on the HUD: green when slack, amber from half the
break tension, red and flickering near it.
"""

from __future__ import annotations

import math

from game.app.render.palette import AMBER, GREEN, RED

BEAM_SLACK = GREEN
BEAM_STRAIN = AMBER
BEAM_BREAKING = RED


def tension_colour(frac: float) -> tuple[int, int, int]:
    """Green when slack, amber from half the break tension, red near it."""
    stops = ((0.0, BEAM_SLACK), (0.3, BEAM_SLACK), (0.6, BEAM_STRAIN), (0.85, BEAM_BREAKING))
    f = max(0.0, min(1.0, frac))
    for (f0, c0), (f1, c1) in zip(stops, stops[1:], strict=False):
        if f <= f1:
            k = (f - f0) / (f1 - f0)
            return tuple(int(a + (b - a) * k) for a, b in zip(c0, c1, strict=True))  # type: ignore[return-value]
    return BEAM_BREAKING


def flicker(clock: float, frac: float) -> float:
    """1 when the beam is easy; a nervous flicker as it nears breaking."""
    if frac < 0.7:
        return 1.0
    k = min(1.0, (frac - 0.7) / 0.25)
    n = math.sin(clock * 71.0) * math.sin(clock * 43.0 + 1.7) * math.sin(clock * 19.0 + 0.4)
    return max(0.2, 1.0 - k * (0.45 + 0.45 * n))
