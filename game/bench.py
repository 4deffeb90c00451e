"""The benchmark: speed figures of the simulation and the render path, as medians.

Timings live here, never in tests: these machines are shared and noisy, so every
figure is a median (and a 95th percentile for frames) measured in one run.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import time
from typing import Any

from game.levels import Level, load_level
from game.sim import World, step

FRAME_STEPS = 2  # a 60 FPS frame runs two 120 Hz steps


def _variant(level: Level, motes: int | None = None) -> Level:
    """The level with the ellipse surfaced at once (and, optionally, another mote count)."""
    cfg = level.config.model_copy(deep=True)
    cfg.ellipse.emerge_delay = 0.0
    cfg.ellipse.emerge_time = 0.05
    if motes is not None:
        cfg.particles.motes = motes
    return dataclasses.replace(level, config=cfg)


def _warm_world(level: Level, seconds: float = 0.5) -> World:
    world = World(level, 1)
    for _ in range(int(seconds / world.dt)):
        step(world, ("thrust",))
    return world


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000.0, 3)


def _p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000.0, 3)


def bench_physics(level: Level, counts: tuple[int, ...], reps: int) -> list[dict[str, Any]]:
    rows = []
    for n in counts:
        world = _warm_world(_variant(level, n), 0.2)
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            step(world, ("thrust",))
            samples.append(time.perf_counter() - t0)
        med = statistics.median(samples)
        rows.append({
            "particles": n,
            "step_ms_median": _median_ms(samples),
            "ns_per_particle": round(med * 1e9 / n, 1),
        })
    return rows


def bench_render(level: Level, reps: int, warm_seconds: float) -> dict[str, Any]:
    """Frames of the real level as played: the autopilot flies `warm_seconds`, then each
    measured frame is two fixed steps plus the full draw at 1280x720."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.app.render import WorldRenderer, take_snapshot
    from game.autopilot import Autopilot

    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface((1280, 720))
    world = World(level, 1)
    pilot = Autopilot(level)
    while world.t < warm_seconds and world.outcome is None:
        step(world, pilot(world))
    renderer = WorldRenderer(world.level, (1280, 720))
    draw_s, frame_s = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        prev = take_snapshot(world)
        events = []
        for _ in range(FRAME_STEPS):
            events += step(world, pilot(world))
        renderer.on_events(events, world)
        t1 = time.perf_counter()
        renderer.draw(surface, world, prev, 0.5)
        t2 = time.perf_counter()
        draw_s.append(t2 - t1)
        frame_s.append(t2 - t0)
    pygame.display.quit()
    return {
        "level": level.id,
        "at_s": round(warm_seconds, 1),
        "particles": world.particles.capacity,
        "draw_ms_median": _median_ms(draw_s),
        "frame_ms_median": _median_ms(frame_s),
        "frame_ms_p95": _p95_ms(frame_s),
        "fps_at_median": round(1000.0 / max(_median_ms(frame_s), 1e-6), 1),
    }


def run_bench(quick: bool = False) -> dict[str, Any]:
    anomaly = load_level("anomaly")
    reps = 15 if quick else 120
    physics = bench_physics(anomaly, (1_000, 10_000, 100_000), reps)
    frame_reps = 20 if quick else 240
    # each level at a moment that shows its own costs: the eye's 51k particles, the
    # salvage's lit cabin mid-cut, the escape's tow after the lock, Mars, the rock field
    moments = (("anomaly", 20.0), ("eye_of_the_storm", 25.0), ("ares_iv", 25.0),
               ("salvage", 85.0), ("escape", 38.0), ("survival", 60.0))
    frames = [bench_render(load_level(level_id), frame_reps, at) for level_id, at in moments]
    lines = [f"physics step (whole step, field on every particle), median of {reps}:"]
    for row in physics:
        lines.append(f"  {row['particles']:>7} particles: {row['step_ms_median']:8.3f} ms/step"
                     f"  {row['ns_per_particle']:8.1f} ns/particle")
    lines.append("frame (2 sim steps + full render at 1280x720):")
    for f in frames:
        lines.append(f"  {f['level']:>18} at {f['at_s']} s ({f['particles']} particles):"
                     f" draw {f['draw_ms_median']} ms,"
                     f" frame median {f['frame_ms_median']} ms, p95 {f['frame_ms_p95']} ms"
                     f" (~{f['fps_at_median']} FPS)")
    return {"physics": physics, "frames": frames, "lines": lines}
