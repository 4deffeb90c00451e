"""Levels 4 and 5: the salvage (transporter, cabin, cut, logs) and the escape (fluctuating
power, the starship's lock and the tug-of-war)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from game.headless import Recording, simulate
from game.levels import levels_dir, load_level
from game.pilots import Autopilot
from game.sim import World, new_world, step
from game.sim.kinds.escape import engine_output
from game.sim.kinds.salvage import seam_offset, station_pos
from game.sim.world import RESCUER


def _run(world: World, commands, seconds: float) -> list[str]:
    kinds = []
    for _ in range(int(round(seconds / world.dt))):
        kinds += [e.kind for e in step(world, commands)]
    return kinds


def _beside_module(world: World, gap: float) -> None:
    """Put the shuttle `gap` metres from the module, at rest with it."""
    b = world.bodies
    j = world.state.module
    b.pos[world.player.body] = b.pos[j] + np.array([gap, 0.0], np.float32)
    b.vel[world.player.body] = b.vel[j]


def _aboard(world: World) -> None:
    _beside_module(world, 40.0)
    _run(world, {"shields"}, world.dt)
    _run(world, set(), world.dt)
    _run(world, {"beam"}, world.dt)
    _run(world, set(), world.level.config.salvage.beam_time + 0.1)
    assert world.state.phase == "aboard"


# ------------------------------------------------------------------ salvage

@pytest.mark.integration
def test_salvage_autopilot_recovers_the_part_and_logs(salvage):
    world, summary = simulate(salvage, 3)
    assert summary.outcome == "won", summary
    assert world.state.part
    assert summary.logs == [0, 1, 2, 3]  # time to spare for every entry
    assert summary.next == "escape"
    assert summary.score >= salvage.config.scoring.part_recovered + 4 * salvage.config.scoring.per_log


@pytest.mark.integration
def test_salvage_idle_pilot_loses(salvage):
    _, summary = simulate(salvage, 1, Recording("salvage", 1, []).pilot())
    assert summary.outcome in ("lost", "timeout"), summary
    assert summary.hull < 100.0  # the hull leaks whatever the pilot does


def test_engines_dead_and_shields_on_emergency_power(salvage):
    world = new_world(salvage, 1)
    assert world.player.health["engines"] == 0.0
    assert world.player.health["shields"] == salvage.config.salvage.shields_health
    before = float(world.bodies.hull[world.player.body])
    _run(world, set(), 2.0)
    assert float(world.bodies.hull[world.player.body]) < before


def test_transporter_needs_range_and_lowered_shields(salvage):
    world = new_world(salvage, 1)
    _beside_module(world, salvage.config.salvage.transporter_range * 2)
    assert "out_of_range" in _run(world, {"beam"}, world.dt)
    _beside_module(world, 40.0)
    _run(world, set(), world.dt)
    assert "shields_block_beam" in _run(world, {"beam"}, world.dt)
    assert world.state.phase == "shuttle"
    _run(world, {"shields"}, world.dt)
    _run(world, set(), world.dt)
    kinds = _run(world, {"beam"}, world.dt)
    assert "beam_start" in kinds and world.state.phase == "beaming_over"
    start = world.t
    kinds = _run(world, set(), salvage.config.salvage.beam_time + 0.1)
    assert "aboard" in kinds and world.t - start >= salvage.config.salvage.beam_time


def test_drifting_out_of_range_aborts_the_transport(salvage):
    world = new_world(salvage, 1)
    _beside_module(world, 40.0)
    _run(world, {"shields"}, world.dt)
    _run(world, set(), world.dt)
    _run(world, {"beam"}, world.dt)
    world.bodies.vel[world.player.body] += np.float32(400.0)
    kinds = _run(world, set(), 1.0)
    assert "beam_aborted" in kinds and world.state.phase == "shuttle"


def test_aboard_the_commands_move_the_suit_not_the_shuttle(salvage):
    world = new_world(salvage, 1)
    _aboard(world)
    st = world.state
    x0 = float(st.suit[0])
    angle = float(world.bodies.angle[world.player.body])
    _run(world, {"turn_right"}, 1.0)
    assert st.suit[0] > x0 + 0.5
    assert float(world.bodies.angle[world.player.body]) == pytest.approx(angle, abs=1e-3)


def test_the_terminal_and_the_part_need_the_core(salvage):
    world = new_world(salvage, 1)
    _aboard(world)
    st = world.state
    st.suit[:] = station_pos(world, "terminal")
    assert "needs_power" in _run(world, {"action"}, 0.5)
    assert not st.logs_done
    st.suit[:] = station_pos(world, "core")
    st.suit_vel[:] = 0
    kinds = _run(world, {"action"}, world.level.config.salvage.power_time + 0.1)
    assert "core_powered" in kinds and st.core == 1.0
    st.suit[:] = station_pos(world, "terminal")
    st.suit_vel[:] = 0
    t0 = world.t
    kinds = _run(world, {"action"}, world.level.config.salvage.log_time + 0.1)
    assert "log" in kinds and st.logs_done == [0]
    assert world.t - t0 >= world.level.config.salvage.log_time  # the download costs level time
    assert world.score == pytest.approx(world.level.config.scoring.per_log)


def test_the_cut_only_advances_with_the_torch_on_the_seam(salvage):
    world = new_world(salvage, 1)
    _aboard(world)
    st = world.state
    st.core = 1.0
    st.suit[:] = station_pos(world, "distributor")
    # hold the torch far below the seam: no cut, the torch overheats and cuts out
    st.torch = seam_offset(world, 0.0) + 1.5
    kinds = _run(world, {"action"}, 3.0)
    assert st.cut == 0.0
    assert "torch_overheat" in kinds and st.overheated
    # cooled and back on the seam, it cuts
    st.heat, st.overheated = 0.0, False
    st.torch = seam_offset(world, st.cut)
    _run(world, {"action"}, 0.5)
    assert st.cut > 0.0


def test_holding_the_key_alone_does_not_cut_the_part_free(salvage):
    """The seam wanders: a torch that is not steered leaves it and stops cutting."""
    world = new_world(salvage, 2)
    _aboard(world)
    st = world.state
    st.core = 1.0
    st.suit[:] = station_pos(world, "distributor")
    st.torch = seam_offset(world, 0.0)
    _run(world, {"action"}, 1.0 / world.level.config.salvage.cut_rate + 5.0)
    assert not st.part and st.cut < 0.6


# ------------------------------------------------------------------ escape

@pytest.mark.integration
def test_escape_autopilot_gets_both_ships_clear(escape):
    world, summary = simulate(escape, 2)
    assert summary.outcome == "won", summary
    assert world.state.locked and world.player.body == world.state.starship
    assert world.time_left > 0 and summary.next == "memorial"


@pytest.fixture(scope="module")
def escape_idle(escape):
    """One idle run, shared: a pilot who touches nothing, and the surges it saw."""
    world = new_world(escape, 1)
    surges = []
    while world.outcome is None:
        for e in step(world, set()):
            if e.kind == "surge":
                surges.append(world.t)
    return world, surges


@pytest.mark.integration
def test_escape_idle_pilot_is_lost_inside(escape_idle):
    world, _ = escape_idle
    assert world.outcome.result in ("lost", "timeout") and "inside" in world.outcome.reason


def test_engine_output_fluctuates_within_its_floor_and_is_seeded(escape):
    a, b, c = new_world(escape, 4), new_world(escape, 4), new_world(escape, 5)
    times = np.linspace(0.0, 60.0, 600)
    out_a = np.array([engine_output(a, t) for t in times])
    out_b = np.array([engine_output(b, t) for t in times])
    out_c = np.array([engine_output(c, t) for t in times])
    floor = escape.config.escape.power_floor
    assert out_a.min() >= floor - 1e-9 and out_a.max() <= 1.0 + 1e-9
    assert out_a.max() - out_a.min() > 0.3  # it really fluctuates
    assert np.array_equal(out_a, out_b) and not np.array_equal(out_a, out_c)


def test_the_ellipse_melts_and_surges_come_faster(escape, escape_idle):
    world, surges = escape_idle
    assert world.ellipse.scale == pytest.approx(escape.config.ellipse.melt_scale, abs=0.02)
    gaps = np.diff(surges)
    assert gaps[-1] < 0.6 * gaps[0]


@pytest.fixture(scope="module")
def at_lock(escape):
    """The autopilot's run up to the tractor lock, and the events on the way."""
    world = new_world(escape, 1)
    pilot = Autopilot(escape)
    kinds: list[str] = []
    while not world.state.locked and world.outcome is None:
        kinds += [e.kind for e in step(world, pilot(world))]
    return world, kinds


def test_the_lock_hands_the_helm_to_the_starship_and_idling_there_loses(escape, at_lock):
    world, kinds = copy.deepcopy(at_lock)
    assert "handover" in kinds and "beam_locked" in kinds
    st = world.state
    assert world.player.body == st.starship and world.bodies.kind[st.starship] == RESCUER
    assert world.spec == escape.ships["starship"]
    assert world.tractor.target == st.shuttle
    assert st.shuttle_r >= escape.config.escape.lock_depth
    rest_at_lock = world.tractor.rest
    _run(world, set(), 1.0)
    assert world.tractor.rest < rest_at_lock  # the beam reels the shuttle in
    while world.outcome is None:
        step(world, set())
    assert world.outcome.result == "lost" and "dragged" in world.outcome.reason


def test_full_reverse_pulls_away_from_the_ellipse(escape, at_lock):
    world, _ = copy.deepcopy(at_lock)
    st = world.state
    r0 = st.starship_r
    _run(world, {"reverse"}, 1.5)
    assert st.thrust_out > 0 and st.pull > 0
    assert st.starship_r > r0


def test_a_salvage_level_without_its_table_names_what_is_missing(tmp_path):
    from game.levels import LevelError

    text = (levels_dir() / "salvage.toml").read_text(encoding="utf-8")
    start = text.index("[salvage]")
    end = text.index("[[logs]]")
    broken = tmp_path / "salvage.toml"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(LevelError) as err:
        load_level(broken)
    (problem,) = err.value.problems
    assert problem.endswith("salvage.toml: salvage: a level of kind 'salvage' needs a [salvage] table")


def test_a_pilot_with_human_reactions_can_still_cut_the_part_free(salvage):
    """Not only the autopilot: steering on what was seen a quarter second ago, with a
    sloppy deadband, the cut takes longer (the torch overheats now and then) but ends."""
    from collections import deque

    world = new_world(salvage, 2)
    _aboard(world)
    st = world.state
    st.core = 1.0
    st.suit[:] = station_pos(world, "distributor")
    seen = deque(maxlen=int(0.25 / world.dt))
    start = world.t
    while not st.part and world.t - start < 40.0:
        seen.append(seam_offset(world, st.cut) - st.torch)
        late = seen[0]
        commands = {"action"} | ({"reverse"} if late > 0.12 else {"thrust"} if late < -0.12 else set())
        step(world, commands)
    assert st.part
    assert world.t - start > 1.0 / salvage.config.salvage.cut_rate  # never faster than the cut rate
