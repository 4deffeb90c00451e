"""The benchmark: speed figures of the simulation and the render path, as medians.

Timings live here, never in tests: these machines are shared and noisy, so every
figure is a median (and a 95th percentile for frames) measured in one run.
"""

from __future__ import annotations

import dataclasses
import math
import os
import statistics
import time
from typing import Any

from game.levels import Level, load_level
from game.run import Run
from game.sim import World, new_world

SIZE = (1280, 720)
FRAME_STEPS = 2  # a 60 FPS frame runs two 120 Hz steps
THRUST = frozenset({"thrust"})
# frames drawn, not measured, before a bench moment: a renderer made mid-level fills its
# caches first (the eye's chunk sprites, a few a frame: of the eye's 15 slowest frames of
# 400, 10 were its first 27 when it was measured from its first frame)
WARM_FRAMES = 30


def _variant(level: Level, motes: int | None = None) -> Level:
    """The level with the ellipse surfaced at once (and, optionally, another mote count)."""
    cfg = level.config.model_copy(deep=True)
    cfg.ellipse.emerge_delay = 0.0
    cfg.ellipse.emerge_time = 0.05
    if motes is not None:
        cfg.particles.motes = motes
    return dataclasses.replace(level, config=cfg)


def _warm_world(level: Level, seconds: float = 0.5) -> World:
    world = new_world(level, 1)
    Run(world, lambda _w: THRUST).run_until(seconds)
    return world


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000.0, 3)


def _p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000.0, 3)


def bench_headless(level_ids: tuple[str, ...], seeds: tuple[int, ...]) -> list[dict[str, Any]]:
    """Each level flown whole by the autopilot, headless: simulated seconds per wall
    second (x real time), the median over seeds; and the cost of one step."""
    from game.pilots import Autopilot

    rows = []
    for level_id in level_ids:
        level = load_level(level_id)
        speeds, step_us = [], []
        for seed in seeds:
            world = new_world(level, seed)
            t0 = time.perf_counter()
            Run(world, Autopilot(level)).run(int(math.ceil((world.time_limit + 1.0) / world.dt)))
            wall = time.perf_counter() - t0
            speeds.append(world.t / wall)
            step_us.append(wall / max(1, world.steps) * 1e6)
        rows.append({
            "level": level_id,
            "x_real_time_median": round(statistics.median(speeds), 1),
            "step_us_median": round(statistics.median(step_us), 1),
            "seeds": len(seeds),
        })
    return rows


def bench_particles(level: Level, counts: tuple[int, ...], reps: int) -> list[dict[str, Any]]:
    """The window's cosmetic particles: one update of N motes through the field."""
    from game.app.render.particles import CosmeticParticles

    rows = []
    for n in counts:
        world = _warm_world(_variant(level, n), 0.2)
        particles = CosmeticParticles(world)
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            particles.advance(world, 1.0 / 60.0)
            samples.append(time.perf_counter() - t0)
        med = statistics.median(samples)
        rows.append({
            "particles": n,
            "update_ms_median": _median_ms(samples),
            "ns_per_particle": round(med * 1e9 / n, 1),
        })
    return rows


class ReferenceFrame:
    """The least a frame can cost on this path: clear a 1280x720 picture, add one
    full-screen picture onto it (BLEND_ADD) and copy one over it (a plain blit)."""

    def __init__(self, size: tuple[int, int] = SIZE):
        import pygame

        self.target = pygame.Surface(size)
        self.picture = pygame.Surface(size)
        self.picture.fill((40, 30, 20))
        self.samples: list[float] = []

    def measure(self) -> None:
        import pygame

        t0 = time.perf_counter()
        self.target.fill((0, 0, 0))
        self.target.blit(self.picture, (0, 0), special_flags=pygame.BLEND_ADD)
        self.target.blit(self.picture, (0, 0))
        self.samples.append(time.perf_counter() - t0)


def bench_render(level: Level, reps: int, warm_seconds: float, reference: ReferenceFrame | None = None,
                 label: str | None = None, inline: bool = False,
                 paced: float | None = None) -> dict[str, Any]:
    """Frames of the real level as played: the autopilot flies `warm_seconds`, then each
    measured frame is two fixed steps plus the full draw at 1280x720, split into layers
    by the renderer's profile. A reference frame is measured between frames (interleaved,
    so both see the same load on a shared machine). The glow texture goes to the worker
    process when one is started (as in the game), unless `inline`. The autopilot's own
    thinking is timed and kept out of the frame (a player's frame never pays it): it is
    reported beside, as `pilot_ms_median`. With `paced` (frames a second) the frames are
    waited out as the window's loop does without vsync (`FramePacer`), so each starts after
    the idle a game's frame starts after, instead of straight after the last."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.app.heap import settle
    from game.app.loop import FramePacer
    from game.app.render import WorldRenderer, take_snapshot
    from game.app.render.world_renderer import PROFILE_KEYS
    from game.pilots import Autopilot

    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(SIZE)
    world = new_world(level, 1)
    renderer = WorldRenderer(world.level, SIZE)
    renderer.use_glow_worker = not inline
    pilot = Autopilot(level)
    thinking = [0.0]

    def timed_pilot(w: World) -> frozenset[str]:
        t = time.perf_counter()
        try:
            return pilot(w)
        finally:
            thinking[0] += time.perf_counter() - t

    run = Run(world, timed_pilot,
              subscribers=(lambda w, events: renderer.on_events(events, w) if events else None,))
    # the renderer starts WARM_FRAMES frames before the moment: in play it has drawn since
    # the level began, so its caches (the chunks' sprites, the HUD's panels) are full
    run.run_until(max(0.0, warm_seconds - WARM_FRAMES * FRAME_STEPS * world.dt))
    renderer.draw(surface, world)  # the renderer's first frame builds its tables
    for _ in range(WARM_FRAMES):
        prev = take_snapshot(world)
        for _ in range(FRAME_STEPS):
            run.step()
        renderer.draw(surface, world, prev, 0.5)
    settle()  # as the game does once a level has started (game.app.heap)
    from game.app.render import glow_worker

    worker = None if inline else glow_worker.shared(renderer.glow_size)
    draw_s, frame_s, beside_s, pilot_s, push_s = [], [], [], [], []
    layers: dict[str, list[float]] = {key: [] for key in ("sim", *PROFILE_KEYS)}
    profile: dict[str, float] = {}
    renderer.profile = profile
    pacer = FramePacer()
    first_reference = len(reference.samples) if reference is not None else 0
    for _ in range(reps):
        profile.clear()
        thinking[0] = 0.0
        t0 = time.perf_counter()
        prev = take_snapshot(world)
        for _ in range(FRAME_STEPS):
            run.step()
        t1 = time.perf_counter()
        pilot_s.append(thinking[0])
        sent = worker.sent if worker is not None else 0
        renderer.draw(surface, world, prev, 0.5)
        t2 = time.perf_counter()
        draw_s.append(t2 - t1)
        if worker is not None and worker.sent > sent:  # a texture went to the worker
            beside_s.append(worker.paint_s)
            if worker.sent > sent + 1:  # and the particles' push (last frame's picked up)
                push_s.append(worker.kick_s)
        frame_s.append(t2 - t0 - thinking[0])
        layers["sim"].append(t1 - t0 - thinking[0])
        for key in PROFILE_KEYS:
            layers[key].append(profile.get(key, 0.0))
        if reference is not None:
            reference.measure()
        if paced:
            pacer.wait(paced)
    renderer.profile = None
    pygame.display.quit()
    # the reference frames measured between this row's frames: the same fixed work, so
    # their spread is the machine's own (a row run through a busy spell on a shared
    # machine shows it here, where its frames alone could not tell it from its own cost)
    own_reference = reference.samples[first_reference:] if reference is not None else []
    if beside_s:
        texture = "worker process"
    elif worker is not None and not worker.broken:
        texture = "none drawn"  # the kind's own scene covers the frame (the salvage's cabin)
    else:
        texture = "in line"
    return {
        "level": label or level.id,
        "glow_texture": texture,
        "at_s": round(warm_seconds, 1),
        "particles": renderer.follow(world).capacity,
        "draw_ms_median": _median_ms(draw_s),
        "frame_ms_median": _median_ms(frame_s),
        "frame_ms_p95": _p95_ms(frame_s),
        "fps_at_median": round(1000.0 / max(_median_ms(frame_s), 1e-6), 1),
        "pilot_ms_median": _median_ms(pilot_s),
        "profile": {key: {"median_ms": _median_ms(v), "p95_ms": _p95_ms(v)} for key, v in layers.items()},
        # the texture's own time in the worker process, beside the frame (not part of it)
        "worker_texture_ms_median": _median_ms(beside_s) if beside_s else None,
        # and the push of the field on the particles worked out there
        "worker_push_ms_median": _median_ms(push_s) if push_s else None,
        "reference_ms_median": _median_ms(own_reference) if own_reference else None,
        "reference_ms_p95": _p95_ms(own_reference) if own_reference else None,
    }


BIG_MOTES = 100_000


def _variant_motes(level: Level, motes: int) -> Level:
    """The level as it is (the ellipse at its own pace), with another mote count."""
    cfg = level.config.model_copy(deep=True)
    cfg.particles.motes = motes
    return dataclasses.replace(level, config=cfg)


LEVELS = ("ares_iv", "anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape", "survival")


def _bench_frames(moments: tuple[tuple[str, float], ...], frame_reps: int, reference: ReferenceFrame,
                  worker: bool) -> list[dict[str, Any]]:
    frames = [bench_render(load_level(level_id), frame_reps, at, reference)
              for level_id, at in moments]
    # dark matter's heaviest moment: the impact (the lens, the shock front and its light,
    # the glare, the flash), from just before it through the front's first seconds
    dark = load_level("dark_matter")
    if dark.config.asteroid is not None:
        frames.append(bench_render(dark, frame_reps, max(0.5, dark.config.asteroid.impact_time - 0.25),
                                   reference, "dark_matter, the impact"))
    # the eye with twice its particles (the motes make up the difference), and with
    # 100,000 luminescent motes on top of its debris
    eye = load_level("eye_of_the_storm")
    today = eye.config.particles.motes + eye.config.debris.count + eye.config.particles.exhaust
    twice = eye.config.particles.motes + today
    frames.append(bench_render(_variant_motes(eye, twice), frame_reps, 25.0, reference,
                               "eye_of_the_storm x2 particles"))
    frames.append(bench_render(_variant_motes(eye, BIG_MOTES), frame_reps, 25.0, reference,
                               f"eye_of_the_storm+{BIG_MOTES // 1000}k motes"))
    # the eye as the window runs it: frames paced at 60 a second, each after the idle
    # between two frames (a core that has slept runs the next frame slower)
    frames.append(bench_render(eye, frame_reps, 25.0, reference, "eye_of_the_storm paced at 60 FPS",
                               paced=60.0))
    if worker:  # what the worker saves: the eye with its texture in line
        frames.append(bench_render(eye, frame_reps, 25.0, reference, "eye_of_the_storm in line",
                                   inline=True))
    return frames


def run_bench(quick: bool = False) -> dict[str, Any]:
    anomaly = load_level("anomaly")
    reps = 15 if quick else 120
    headless = bench_headless(LEVELS[:2] if quick else LEVELS, (1,) if quick else (1, 2, 3))
    physics = bench_particles(anomaly, (1_000, 10_000, 100_000), reps)
    frame_reps = 20 if quick else 240
    # each level at a moment that shows its own costs: the eye's 51k particles, dark
    # matter's tow before the impact (its 240 frames end at 23.5 s; the impact has a row of
    # its own, see _bench_frames), the salvage's lit cabin mid-cut, the escape's tow after
    # the lock, Mars, the rock field
    moments = (("ares_iv", 25.0), ("anomaly", 20.0), ("eye_of_the_storm", 25.0), ("dark_matter", 19.5),
               ("salvage", 85.0), ("escape", 38.0), ("survival", 60.0))
    reference = ReferenceFrame()
    # the glow texture on a second core, as the game does where there is one
    from game.app.render import glow_worker
    from game.app.render.world_renderer import start_glow_worker

    worker = start_glow_worker(SIZE)
    if worker is not None:
        worker.wait_ready()
    try:
        frames = _bench_frames(moments, frame_reps, reference, worker is not None)
    finally:
        glow_worker.stop()
    ref = {"median_ms": _median_ms(reference.samples), "p95_ms": _p95_ms(reference.samples),
           "samples": len(reference.samples)}
    for f in frames:
        f["x_reference"] = round(f["frame_ms_median"] / max(ref["median_ms"], 1e-6), 1)
    lines = ["headless, the autopilot flying each level to its end (median over seeds):"]
    for row in headless:
        lines.append(f"  {row['level']:>18}: {row['x_real_time_median']:7.1f} x real time,"
                     f" {row['step_us_median']:7.1f} us/step")
    lines.append(f"cosmetic particles (window side, one update through the field), median of {reps}:")
    for row in physics:
        lines.append(f"  {row['particles']:>7} particles: {row['update_ms_median']:8.3f} ms/update"
                     f"  {row['ns_per_particle']:8.1f} ns/particle")
    lines.append("frame (2 sim steps + full render at 1280x720; the autopilot's thinking kept out):")
    for f in frames:
        lines.append(f"  {f['level']:>18} at {f['at_s']} s ({f['particles']} particles):"
                     f" draw {f['draw_ms_median']} ms,"
                     f" frame median {f['frame_ms_median']} ms, p95 {f['frame_ms_p95']} ms"
                     f" (~{f['fps_at_median']} FPS, {f['x_reference']} x reference;"
                     f" autopilot {f['pilot_ms_median']} ms kept out;"
                     f" glow texture {f['glow_texture']}"
                     + (f", {f['worker_texture_ms_median']} ms there" if f["worker_texture_ms_median"] else "")
                     + (f"; the particles' push {f['worker_push_ms_median']} ms there"
                        if f.get("worker_push_ms_median") else "")
                     + (f"; reference beside it {f['reference_ms_median']}/{f['reference_ms_p95']} ms"
                        if f.get("reference_ms_median") else "")
                     + ")")
    lines.append(f"reference frame (fill + full-screen BLEND_ADD blit + blit at {SIZE[0]}x{SIZE[1]},"
                 f" interleaved with the frames above): median {ref['median_ms']} ms,"
                 f" p95 {ref['p95_ms']} ms")
    keys = list(frames[0]["profile"])
    lines.append("frame profile, ms median / p95 per layer:")
    lines.append("  " + f"{'level':>26}" + "".join(f"{k:>14}" for k in keys))
    for f in frames:
        cells = "".join(f"{f['profile'][k]['median_ms']:>7.2f}/{f['profile'][k]['p95_ms']:<6.2f}" for k in keys)
        lines.append(f"  {f['level']:>26}{cells}")
    return {"headless": headless, "particles": physics, "frames": frames, "reference": ref,
            "lines": lines}
