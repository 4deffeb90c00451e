"""The glow texture's worker process: the same pixels as in line, and never in the way."""

import time

import numpy as np
import pygame
import pytest

from game.app.render import glow_worker
from game.app.render.world_renderer import WorldRenderer, start_glow_worker
from game.run import Run
from game.sim import new_world

pytestmark = pytest.mark.integration
SIZE = (1280, 720)


@pytest.fixture
def worker(monkeypatch):
    monkeypatch.setenv(glow_worker.ENV, "1")
    w = start_glow_worker(SIZE)
    assert w is not None and w.wait_ready(30.0), "the worker process did not start"
    yield w
    glow_worker.stop()


@pytest.fixture(scope="module")
def eye_world():
    from game.levels import load_level

    level = load_level("eye_of_the_storm")
    world = new_world(level, 3)
    Run(world, lambda _w: frozenset({"thrust"})).run_until(2.0)
    return world


def _job(renderer: WorldRenderer, world, zoom: float = 0.35):
    e = world.ellipse
    origin = (SIZE[0] / 2 - e.x * zoom, SIZE[1] / 2 - e.y * zoom)
    return renderer.ellipse_tex.job(world, e.x, e.y, e.heading, 1.0, origin, zoom, world.t)


def test_the_worker_paints_the_very_texture_worked_out_in_line(worker, eye_world):
    pygame.display.init()
    renderer = WorldRenderer(eye_world.level, SIZE)
    other = new_world(eye_world.level, 11)  # another seed, another noise field (a retry)
    Run(other, lambda _w: frozenset({"thrust"})).run_until(2.0)
    for world, zoom in ((eye_world, 0.35), (eye_world, 0.12), (other, 0.35), (eye_world, 0.2)):
        job = _job(renderer, world, zoom)
        assert job is not None
        inline = np.zeros_like(renderer.glow)
        renderer.ellipse_tex.paint(inline, job, world.noise)
        assert inline.max() > 50.0  # the ellipse is on screen, burning
        assert worker.submit(job, world.noise)
        assert worker.collect()
        np.testing.assert_array_equal(worker.buffer, inline)


def test_a_frame_uses_the_worker_and_looks_the_same(worker, eye_world):
    pygame.display.init()
    frames = []
    for use in (False, True):
        renderer = WorldRenderer(eye_world.level, SIZE)
        renderer.use_glow_worker = use
        surface = pygame.Surface(SIZE)
        sent = worker.sent
        renderer.draw(surface, eye_world)
        assert (worker.sent > sent) == use  # the texture went to the worker only when allowed
        frames.append(pygame.surfarray.array3d(surface).astype(np.int32))
    diff = np.abs(frames[0] - frames[1]).max(axis=2)
    assert (diff > 0).sum() < 50, "the picture changed with the worker"


def test_a_worker_that_dies_is_let_go_and_the_frames_carry_on(worker, eye_world, capsys):
    pygame.display.init()
    renderer = WorldRenderer(eye_world.level, SIZE)
    surface = pygame.Surface(SIZE)
    for _ in range(12):  # until every chunk on screen has its sprite (a few are made a frame)
        renderer.draw(surface, eye_world)
    good = pygame.surfarray.array3d(surface).astype(np.int32)
    worker.proc.kill()
    worker.proc.join(5.0)
    renderer.draw(surface, eye_world)  # the job is lost: worked out in line instead
    renderer.draw(surface, eye_world)  # and from now on without asking the worker
    assert worker.broken
    assert glow_worker.shared(renderer.glow_size) is None
    err = capsys.readouterr().err
    assert err.count("worker process stopped") == 1 and "Traceback" not in err
    again = pygame.surfarray.array3d(surface).astype(np.int32)
    assert (np.abs(again - good).max(axis=2) > 0).sum() < 50


def test_ctrl_c_is_left_to_the_game(worker, eye_world, capsys):
    """Ctrl-C in a terminal (SIGINT to the process group) reaches the worker as well: it
    keeps painting and leaves the quitting to the game, which stops it."""
    import os
    import signal

    renderer = WorldRenderer(eye_world.level, SIZE)
    job = _job(renderer, eye_world)
    os.kill(worker.proc.pid, signal.SIGINT)
    assert worker.submit(job, eye_world.noise)
    assert worker.collect()  # still there, still painting
    assert worker.proc.is_alive() and not worker.broken
    proc = worker.proc
    glow_worker.stop()  # the game quitting
    proc.join(5.0)
    assert not proc.is_alive()
    assert "worker process stopped" not in capsys.readouterr().err


def test_a_worker_ended_with_the_game_is_no_news(worker, eye_world, capsys):
    """A SIGTERM to the whole group ends the worker while SDL queues a quit for the game:
    the worker is let go without a line on stderr."""
    pygame.display.init()
    pygame.event.clear()
    renderer = WorldRenderer(eye_world.level, SIZE)
    worker.proc.terminate()
    worker.proc.join(5.0)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert not worker.submit(_job(renderer, eye_world), eye_world.noise) or not worker.collect()
    assert worker.broken
    assert "worker process stopped" not in capsys.readouterr().err
    pygame.event.clear()


def test_a_worker_ended_with_the_game_is_no_news_after_the_quit_was_taken(worker, eye_world, capsys):
    """The game may have taken the quit off the queue (it finishes the frame under way)
    before it finds the worker gone: the worker's SIGTERM says the same."""
    pygame.display.init()
    pygame.event.clear()
    renderer = WorldRenderer(eye_world.level, SIZE)
    worker.proc.terminate()
    worker.proc.join(5.0)
    assert not worker.submit(_job(renderer, eye_world), eye_world.noise) or not worker.collect()
    assert worker.broken
    assert "worker process stopped" not in capsys.readouterr().err


def test_the_fps_overlay_says_where_the_texture_is_worked_out(worker, capsys):
    assert glow_worker.where() == "2nd core"
    worker._fail("stopped by the test")
    assert glow_worker.where() == "in line"
    glow_worker.stop()
    assert glow_worker.where() == "in line"  # none started (tests, screenshots)


def test_where_the_worker_is_wanted(monkeypatch):
    monkeypatch.setenv(glow_worker.ENV, "0")
    assert not glow_worker.wanted()
    assert start_glow_worker(SIZE) is None
    assert glow_worker.shared((256, 144)) is None  # tests and screenshots work it out in line
    monkeypatch.setenv(glow_worker.ENV, "")
    monkeypatch.setattr(glow_worker, "cores", lambda: 1)
    assert not glow_worker.wanted()  # one core: nothing to gain
    monkeypatch.setattr(glow_worker, "cores", lambda: 2)
    assert glow_worker.wanted()


def test_freed_memory_is_kept_for_the_next_frame():
    """After `keep_freed_memory`, even a 40 MB array (past glibc's largest self-tuned
    threshold) comes from the heap, not from a fresh mapping that faults page by page."""
    import ctypes
    import ctypes.util

    from game.app.heap import keep_freed_memory

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallinfo2 = libc.mallinfo2
    except (OSError, AttributeError):
        pytest.skip("not glibc 2.33 or later")

    class Info(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                     "uordblks", "fordblks", "keepcost")]

    mallinfo2.restype = Info
    assert keep_freed_memory()
    mapped = mallinfo2().hblks
    block = np.ones(40 << 18, np.float32)  # 40 MB
    assert mallinfo2().hblks == mapped
    del block


class _SlowWorker:
    """A stand-in for the worker process that paints in line but says it is not done
    for the first `polls` times it is asked (the frame draws its point layer meanwhile)."""

    def __init__(self, renderer: WorldRenderer, polls: int):
        self.renderer, self.polls, self.asked = renderer, polls, 0
        self.buffer = np.zeros_like(renderer.glow)
        self.sent = 0

    def submit(self, job, field) -> bool:
        self.buffer.fill(0.0)
        self.renderer.ellipse_tex.paint(self.buffer, job, field)
        self.sent += 1
        return True

    def done(self) -> bool:
        self.asked += 1
        return self.asked > self.polls

    def collect(self) -> bool:
        return True


def test_the_point_layer_and_the_glow_come_out_the_same_in_any_order(eye_world, monkeypatch):
    """The point layer is drawn in parts while the texture is out and the rest beside the
    glow's scaling up (on a thread): the frame is the frame drawn all in line, however
    many parts are drawn before the texture is back, with or without the thread."""
    from game.app.render import upscale

    pygame.display.init()
    pygame.font.init()
    scale = upscale._smoothscale

    def slow_scale(*args):  # the frame must wait for the glow, however long it takes
        time.sleep(0.05)
        return scale(*args)

    monkeypatch.setattr(upscale, "_smoothscale", slow_scale)

    def frame(polls: int | None, threaded: bool) -> np.ndarray:
        renderer = WorldRenderer(eye_world.level, SIZE)
        slow = None if polls is None else _SlowWorker(renderer, polls)
        monkeypatch.setattr(glow_worker, "shared", lambda _grid: slow)
        monkeypatch.setattr(upscale, "threaded", threaded)
        surface = pygame.Surface(SIZE)
        renderer.draw(surface, eye_world)
        if slow is not None:
            assert slow.sent == 1 and slow.asked == min(polls + 1, slow.asked)
        return pygame.surfarray.array3d(surface).astype(np.int32)

    alone = frame(None, False)
    assert (alone.max(axis=2) > 0).mean() > 0.2  # the eye: debris, motes and glow
    for polls, threaded in ((0, True), (1, True), (2, False), (3, True), (99, True), (0, False)):
        other = frame(polls, threaded)
        changed = int((np.abs(other - alone).max(axis=2) > 0).sum())
        assert changed < 50, f"{changed} pixels changed ({polls} parts early, thread {threaded})"
    assert upscale._pool is not None  # the thread did scale


def test_a_frame_that_fails_beside_the_scaling_still_waits_for_it(eye_world, monkeypatch):
    """An error while the glow is scaled up on the thread reaches the caller (the app's
    recovery) only once the scaling is done: it never runs on into the next frame."""
    from game.app.render import upscale
    from game.app.render.points import PointLayer

    pygame.display.init()
    pygame.font.init()
    monkeypatch.setattr(upscale, "threaded", True)
    scale = upscale._smoothscale
    finished = []

    def slow_scale(*args):
        time.sleep(0.05)
        scale(*args)
        finished.append(True)

    def broken(self):
        raise RuntimeError("a bug in the point layer")

    monkeypatch.setattr(upscale, "_smoothscale", slow_scale)
    monkeypatch.setattr(PointLayer, "finish", broken)
    renderer = WorldRenderer(eye_world.level, SIZE)
    with pytest.raises(RuntimeError, match="a bug in the point layer"):
        renderer.draw(pygame.Surface(SIZE), eye_world)
    assert finished == [True]


@pytest.mark.parametrize("level_id, at", [("eye_of_the_storm", 9.0), ("dark_matter", 24.8)])
def test_the_particles_pushed_in_the_worker_move_and_look_as_in_line(worker, level_id, at):
    """The push that ends each move of the long-lived particles is worked out in the
    worker, on their shared positions and a copy of the world's state: frame after frame
    they are where the in-line push puts them, to the bit, and so are the pixels. In the
    eye, surges and all; in dark matter, as the impact's shock front (the kind's own state,
    changed in place) sweeps through them (it fails when that state is sent only once)."""
    from game.levels import load_level
    from game.pilots import Autopilot

    pygame.display.init()
    level = load_level(level_id)
    runs, renderers, surfaces = [], [], []
    for use in (True, False):
        world = new_world(level, 4)
        renderer = WorldRenderer(level, SIZE)
        renderer.use_glow_worker = use
        runs.append(Run(world, Autopilot(level)))
        renderers.append(renderer)
        surfaces.append(pygame.Surface(SIZE))
    for run in runs:
        run.run_until(at)
    sent = []
    for _frame in range(40):
        for run, renderer, surface in zip(runs, renderers, surfaces, strict=True):
            for _ in range(2):
                run.step()
            before = worker.sent
            renderer.draw(surface, run.world)
            sent.append(worker.sent - before)
    beside, inline = renderers[0].particles, renderers[1].particles
    assert beside._shm is not None and inline._shm is None  # shared only with the worker
    # a texture and a push a frame (the first frame only makes the particles: nothing moves)
    assert sent[0::2] == [1] + [2] * 39 and sent[1::2] == [0] * 40
    assert worker.kick_s > 0.0
    np.testing.assert_array_equal(beside.pos, inline.pos)
    np.testing.assert_array_equal(beside.vel, inline.vel)
    moved = np.abs(beside.vel[: beside.exhaust_start]).sum()
    assert moved > 0.0
    a, b = (pygame.surfarray.array3d(s).astype(np.int32) for s in surfaces)
    assert (np.abs(a - b).max(axis=2) > 0).sum() < 50, "the picture changed with the worker"


def test_a_worker_that_dies_with_a_push_out_leaves_it_to_the_next_frame(worker, eye_world, capsys):
    pygame.display.init()
    world = new_world(eye_world.level, 3)
    run = Run(world, lambda _w: frozenset({"thrust"}))
    run.run_until(2.0)
    renderer = WorldRenderer(world.level, SIZE)
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, world)  # the particles made
    run.step()
    renderer.draw(surface, world)  # and moved
    particles = renderer.particles
    assert particles._out is not None  # the push is out in the worker
    kicker, seq, lo, hi, dt = particles._out
    vel = particles.vel[lo:hi].copy()
    worker.proc.kill()
    worker.proc.join(5.0)
    run.step()
    renderer.draw(surface, world)  # worked out in line now, and from now on
    assert particles._out is None and worker.broken
    assert not np.array_equal(vel, particles.vel[lo:hi])
    err = capsys.readouterr().err
    assert err.count("worker process stopped") == 1 and "Traceback" not in err


def test_the_bench_reports_the_work_done_in_the_worker(worker):
    """The bench's row says what the worker spent beside the frame: the texture and the
    particles' push (each frame after the first sends both)."""
    from game.bench import bench_render
    from game.levels import load_level

    out = bench_render(load_level("eye_of_the_storm"), 6, 9.0)
    assert out["glow_texture"] == "worker process"
    assert out["worker_texture_ms_median"] > 0.0
    assert out["worker_push_ms_median"] > 0.0


def test_a_push_that_raises_in_the_worker_is_done_in_line_from_then_on(worker, eye_world, capsys):
    """Whatever goes wrong with a push in the worker (here its copy of the world has no
    ellipse), the worker answers, keeps painting and prints nothing; the particles do that
    push and every later one in line, where an error of their own would show."""
    from game.app.render import particles as P

    pygame.display.init()
    world = new_world(eye_world.level, 3)
    run = Run(world, lambda _w: frozenset({"thrust"}))
    run.run_until(2.0)
    particles = P.CosmeticParticles(world)
    real_send = P.CosmeticParticles._send

    def broken_send(self, world, kicker, lo, hi, dt):
        real_kick = kicker.send_kick

        def send_kick(payload):
            name, cap, statics, dynamic, *rest = payload
            return real_kick((name, cap, statics, {**dynamic, "ellipse": None}, *rest))

        kicker.send_kick = send_kick
        try:
            return real_send(self, world, kicker, lo, hi, dt)
        finally:
            del kicker.send_kick

    P.CosmeticParticles._send = broken_send
    try:
        run.step()
        particles.follow(world, worker)
        particles.send_push()
        assert particles._out is not None
        sent = worker.sent
        run.step()
        particles.follow(world, worker)  # the answer: failed; done in line here
    finally:
        P.CosmeticParticles._send = real_send
    assert particles._in_line and particles._out is None
    particles.send_push()
    run.step()
    particles.follow(world, worker)
    particles.send_push()
    assert worker.sent == sent  # not sent again
    renderer = WorldRenderer(eye_world.level, SIZE)
    job = _job(renderer, eye_world)
    assert worker.submit(job, eye_world.noise) and worker.collect()  # still painting
    err = capsys.readouterr().err
    assert "Traceback" not in err and "stopped" not in err


def test_a_texture_that_fails_in_the_worker_is_one_line_not_a_traceback(capfd, worker, eye_world):
    """A job the worker cannot paint (here: a job of the wrong shape) stops it with one
    line on stderr saying why, at once (no wait for an answer), and the frame paints in line.
    (The worker is started while the test holds the process's own stderr, so what the
    worker writes there is read too.)"""
    pygame.display.init()
    renderer = WorldRenderer(eye_world.level, SIZE)
    assert worker.submit(("not", "a", "job"), eye_world.noise)
    t0 = time.perf_counter()
    while not worker.done():
        time.sleep(0.001)
    assert not worker.collect()
    assert time.perf_counter() - t0 < 0.4  # answered, not timed out
    assert worker.broken
    surface = pygame.Surface(SIZE)
    renderer.draw(surface, eye_world)  # in line from now on
    err = capfd.readouterr().err
    assert err.count("worker process stopped") == 1 and "the texture failed there" in err
    assert "Traceback" not in err


def test_a_world_that_cannot_be_sent_keeps_its_pushes_in_line(worker, eye_world, capsys):
    """A kind's state holding something pickle cannot send: the push is done in line, then
    and from then on, and the worker is not troubled."""
    from types import SimpleNamespace

    from game.app.render import particles as P

    world = new_world(eye_world.level, 3)
    run = Run(world, lambda _w: frozenset({"thrust"}))
    run.run_until(2.0)
    particles = P.CosmeticParticles(world)
    world.state = SimpleNamespace(unsendable=lambda: None)  # a lambda cannot be pickled
    sent = worker.sent
    for _ in range(3):
        world.steps += 2  # the clock moves on (the sim is not stepped with this state)
        particles.follow(world, worker)
        particles.send_push()
    assert particles._in_line and particles._out is None
    assert worker.sent == sent and not worker.broken
    assert np.abs(particles.vel[: particles.exhaust_start]).sum() > 0.0
    assert "Traceback" not in capsys.readouterr().err
