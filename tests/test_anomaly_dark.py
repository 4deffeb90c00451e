"""The anomaly forces the ship to go dark: the ellipse drains the probe it chases until its
beacon cuts out, then a lit ship is the loudest thing it hears and it hunts it, hungrier,
and feeds on it while it is lit. A pilot who never goes dark loses; the autopilot and a
practised person go dark and win, a slower hand losing more hull."""

import math

import pytest

from game.headless import idle_pilot, pilot_for, simulate
from game.pilots import Autopilot
from game.sim import new_world, step
from game.sim.kinds.anomaly import ship_level, state
from game.sim.world import PROBE


def probe_in_the_eye(level, seed=1, dark=True):
    """A surfaced ellipse with a probe at its centre; the ship 3 km off, dark and reversed
    (or lit and reversed)."""
    world = new_world(level, seed)
    while world.ellipse.presence < 1.0:
        step(world, ())
    e = world.ellipse
    b = world.bodies
    i = world.player.body
    b.pos[i] = (e.x - 3000.0, e.y)
    b.vel[i] = 0
    step(world, ("dark", "polarity") if dark else ("polarity",))
    j = b.spawn(PROBE, e.x, e.y, e.vx, e.vy, 0.0, 2.0, 1.0, 100.0)
    b.signature[j] = level.probe.em_signature
    pr = state(world)
    pr.body, pr.charge, pr.launched = j, 1.0, 1
    return world


def test_the_ellipse_drains_the_probe_until_its_beacon_cuts_out_and_it_recovers(anomaly):
    obj = anomaly.config.probe_objective
    assert obj.signal_fade > 0 and 0 < obj.signal_floor < obj.signal_restart
    world = probe_in_the_eye(anomaly)
    pr = state(world)
    j = pr.body
    # inside and calling: exponential fall with the level's time constant
    t0 = world.t
    for _ in range(int(4.0 / world.dt)):
        step(world, ())
    assert pr.gathering and not pr.silent
    assert pr.charge == pytest.approx(math.exp(-(world.t - t0) / obj.signal_fade), rel=0.02)
    assert world.bodies.signature[j] == pytest.approx(anomaly.probe.em_signature * pr.charge, rel=1e-4)
    kinds: list[str] = []
    while not pr.silent and world.t < 60:
        kinds += [ev.kind for ev in step(world, ())]
    assert "probe_silent" in kinds
    assert pr.charge < obj.signal_floor
    assert world.bodies.signature[j] == 0.0  # a dead beacon: nothing to hear
    cut = world.t
    while pr.silent and world.t < cut + 60:
        kinds += [ev.kind for ev in step(world, ())]
    assert "probe_beacon" in kinds
    assert pr.charge >= obj.signal_restart
    back = -obj.signal_recover * math.log((1 - obj.signal_restart) / (1 - obj.signal_floor))
    assert world.t - cut == pytest.approx(back, abs=0.5)  # it recovered at its own rate, silent inside


def test_a_lit_ship_is_hunted_hungrier_once_the_beacon_dies(anomaly):
    world = probe_in_the_eye(anomaly, dark=False)
    pr = state(world)
    e = world.ellipse
    i = world.player.body
    for _ in range(int(3.0 / world.dt)):
        step(world, ())
    assert e.target == pr.body and e.pace == 1.0
    assert 0.0 < ship_level(world) < pr.charge  # the HUD's YOU tick: the probe is louder yet
    kinds: list[str] = []
    while e.target != i and world.t < 60:
        kinds += [ev.kind for ev in step(world, ())]
    assert e.target == i
    assert "ellipse_turned" in kinds
    assert pr.silent or ship_level(world) > pr.charge
    step(world, ())
    assert e.pace == anomaly.config.probe_objective.hunger_pace > 1.0
    # masked polarity alone: faster than the lit starship can fly
    spec = world.spec
    assert anomaly.config.ellipse.top_speed * e.pace > spec.thrust / spec.mass / spec.linear_damping


def test_the_hungry_ellipse_feeds_on_a_lit_ship_and_not_on_a_dark_one(anomaly):
    rate = anomaly.config.probe_objective.feed_rate
    assert rate > 0
    world = probe_in_the_eye(anomaly, dark=False)
    pr = state(world)
    e = world.ellipse
    b = world.bodies
    i = world.player.body
    for _ in range(int(3.0 / world.dt)):
        step(world, ())
    assert e.target == pr.body and not pr.feeding  # the probe holds it
    kinds: list[str] = []
    while e.target != i and world.t < 60:
        kinds += [ev.kind for ev in step(world, ())]
    assert e.target == i and kinds[-1] == "fed_on"  # it feeds from the step it turns on us
    hull = float(b.hull[i])
    n = int(0.1 / world.dt)
    for _ in range(n):
        kinds += [ev.kind for ev in step(world, ())]
    assert pr.feeding and kinds.count("fed_on") == 1
    assert hull - float(b.hull[i]) == pytest.approx(rate * n * world.dt, rel=0.05)
    # dark (polarity already reversed), it has nothing to feed on
    step(world, ("dark",))
    hull = float(b.hull[i])
    for _ in range(n):
        step(world, ("dark",))
    assert world.player.dark and not pr.feeding
    assert float(b.hull[i]) == pytest.approx(hull, abs=0.5)


def test_a_silent_probe_sends_no_telemetry(anomaly):
    world = probe_in_the_eye(anomaly, dark=False)
    pr = state(world)
    i = world.player.body
    world.bodies.pos[i] = (world.ellipse.x - 2500.0, world.ellipse.y)  # within comms range
    pr.buffered = 50.0
    step(world, ())
    assert pr.linked and pr.returned > 0  # lit, in range, beacon up: it comes home
    got = pr.returned
    pr.silent, pr.charge = True, 0.0  # drained: the beacon stays off while it recovers
    for _ in range(30):
        step(world, ())
    assert pr.silent and not pr.linked
    assert pr.returned == got


@pytest.mark.parametrize("dark", [False, True])
def test_the_dying_burst_comes_home_to_a_lit_ship_and_is_lost_to_a_dark_one(anomaly, dark):
    obj = anomaly.config.probe_objective
    assert obj.dying_burst
    world = probe_in_the_eye(anomaly, dark=dark)
    pr = state(world)
    i = world.player.body
    world.bodies.pos[i] = (world.ellipse.x - 2500.0, world.ellipse.y)  # within comms range
    step(world, ())
    assert world.player.dark == dark
    pr.charge = obj.signal_floor * 1.01  # about to die
    pr.buffered = 30.0
    before = pr.returned
    kinds: list[str] = []
    while not pr.silent and world.t < 20:
        kinds += [ev.kind for ev in step(world, ())]
    assert pr.silent and pr.buffered < 0.1
    if dark:
        assert "burst_lost" in kinds and "burst_caught" not in kinds
        assert pr.returned == before
    else:
        assert "burst_caught" in kinds and "burst_lost" not in kinds
        assert pr.returned - before > 30.0 - 0.1


class NeverDark:
    """The autopilot with its dark switch taken away: it flees lit, polarity reversed."""

    def __init__(self, level):
        self.pilot = Autopilot(level)

    def __call__(self, world):
        return frozenset(self.pilot(world) - {"dark"})


@pytest.mark.integration
@pytest.mark.parametrize("pilot", ["autopilot", "human:0.25"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_autopilot_and_a_practised_person_go_dark_and_win(anomaly, pilot, seed):
    world, summary = simulate(anomaly, seed, pilot_for(anomaly, pilot), pilot_name=pilot)
    assert summary.outcome == "won", (summary.reason, summary.telemetry)
    assert "went dark" in summary.milestones
    assert "beacon drained" in summary.milestones
    assert world.events_total.get("dark_on", 0) >= 1


@pytest.mark.integration
def test_a_pilot_that_never_goes_dark_loses_most_seeds(anomaly):
    outcomes = []
    for seed in range(1, 6):
        world, summary = simulate(anomaly, seed, NeverDark(anomaly))
        assert world.events_total.get("dark_on", 0) == 0
        outcomes.append(summary.outcome)
    assert outcomes.count("won") <= 1, outcomes


@pytest.mark.integration
def test_a_slower_hand_on_the_dark_switch_is_fed_on_longer(anomaly):
    """The beacon's death is when the ship must be dark: the later a pilot reacts, the
    longer the ellipse feeds on it, and the more hull it loses."""
    for seed in (1, 2):
        hulls = []
        for pilot in ("autopilot", "human:0.25", "human:0.35"):
            world, _ = simulate(anomaly, seed, pilot_for(anomaly, pilot), pilot_name=pilot)
            hulls.append(float(world.bodies.hull[world.player.body]))
        assert hulls[0] > hulls[1] + 10 > hulls[2] + 20, (seed, hulls)


@pytest.mark.integration
def test_idle_loses(anomaly):
    for seed in (1, 2):
        _, summary = simulate(anomaly, seed, idle_pilot)
        assert summary.outcome in ("lost", "timeout")


def test_a_beacon_that_would_come_straight_back_is_reported(tmp_path):
    from game.levels import check_paths, levels_dir

    text = (levels_dir() / "anomaly.toml").read_text()
    assert "signal_restart = 0.6" in text
    path = tmp_path / "anomaly.toml"
    path.write_text(text.replace("signal_restart = 0.6", "signal_restart = 0.005"))
    problems = check_paths([path])
    assert [p.split(": ", 1)[1] for p in problems] == [
        "probe_objective.signal_restart: must be above probe_objective.signal_floor "
        "(a beacon that cut out would come straight back)"
    ]


def test_the_signal_panel_drains_and_shows_where_the_ship_would_be_louder(anomaly):
    import numpy as np
    import pygame

    from game.app.render.hud import Hud
    from game.app.render.kinds.anomaly.hud import SIGNAL_PANEL, signal_frac, signal_panel

    pygame.font.init()
    try:
        world = probe_in_the_eye(anomaly, dark=False)
        step(world, ())
        pr = state(world)
        hud = Hud(anomaly, (1280, 720))
        x0, y0 = 1280 - 18 - SIGNAL_PANEL[0], 720 - 12 - SIGNAL_PANEL[1]
        bar = pygame.Rect(x0 + 14 + 2, y0 + 10 + 24 + 2, 298, 8)  # the bar's fill

        def filled(charge):
            pr.charge = charge
            s = pygame.Surface((1280, 720))
            hud.begin()
            signal_panel(hud, s, world, 0.0)
            px = pygame.surfarray.array3d(s.subsurface(bar)).sum(axis=2)  # (w, h)
            return int((px.max(axis=1) > 200).sum()), s

        full, _ = filled(1.0)
        faded, s = filled(0.05)
        assert full > 0.95 * bar.w
        assert faded == pytest.approx(signal_frac(0.05) * bar.w, abs=6)  # log scale: 5 % sits at ~57 %
        # the YOU tick under the bar, where the probe would sound as faint as the ship
        you = ship_level(world)
        assert 0.0 < you < 0.05
        mx = bar.x + int(298 * signal_frac(you))
        under = pygame.surfarray.array3d(s.subsurface((mx - 2, bar.bottom + 6, 5, 5))).sum(axis=2)
        assert np.max(under) > 300
    finally:
        pygame.font.quit()
