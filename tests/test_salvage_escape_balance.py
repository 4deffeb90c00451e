"""Levels 4 and 5 tuned for people: the human pilot (the kind's autopilot flown with a
person's reaction delay, `game.pilots.human`) wins a few seeds at 0.25 s, the autopilot
wins, an idle pilot loses; the salvage stays winnable from the far start dark matter can
hand on, with its hull never the clock; and where a slower reaction loses, it loses to
the reaction mechanics (the torch on the seam, the handover at the starship's helm)."""

from __future__ import annotations

import pytest

from game.headless import pilot_for, simulate
from game.sim import new_world, step

# the worst carry dark matter can hand on: the module far away, the hull as low as it
# comes in (below the salvage's floor), shields, sensors and comms knocked out
FAR = {"module_distance": 800.0, "hull": 5.0, "systems": ["shields", "sensors", "comms", "tractor"]}




def _run(level, seed, pilot, carry=None):
    return simulate(level, seed, pilot_for(level, pilot), pilot_name=pilot, carry=carry)


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 2])
def test_salvage_human_025_wins_with_time_to_spare(salvage, seed):
    world, summary = _run(salvage, seed, "human:0.25")
    assert summary.outcome == "won", summary
    assert world.time_left >= 0.1 * world.time_limit  # the target's floor: not a photo finish


@pytest.mark.integration
def test_salvage_far_start_is_winnable_and_the_hull_is_not_the_clock(salvage):
    world, summary = _run(salvage, 1, "human:0.25", FAR)
    assert world.state.range_now < 800.0  # it did start far and closed in
    assert summary.outcome == "won", summary
    # the hull starts at the floor and leaks, but the timer, not the hull, is what runs out
    floor = salvage.config.salvage.min_carried_hull
    assert floor * 0.25 < summary.hull < floor, summary


def test_salvage_far_carry_starts_far_and_at_the_hull_floor(salvage):
    world = new_world(salvage, 1, FAR)
    assert world.state.range_now == pytest.approx(800.0, abs=1.0)
    assert float(world.bodies.hull[world.player.body]) == salvage.config.salvage.min_carried_hull
    assert world.player.health["shields"] == salvage.config.salvage.knocked_out_health


@pytest.mark.integration
def test_salvage_slower_reaction_cuts_slower(salvage):
    """The seam is where the reaction shows: the later the torch is steered, the longer
    the cut (core powered -> part free) takes."""
    cut = {}
    for pilot in ("autopilot", "human:0.25", "human:0.35"):
        _, summary = _run(salvage, 4, pilot)
        cut[pilot] = summary.milestones["part free"] - summary.milestones["core powered"]
    assert cut["autopilot"] < cut["human:0.25"] < cut["human:0.35"], cut


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 3])
def test_escape_autopilot_and_human_025_win(escape, seed):
    for pilot in ("autopilot", "human:0.25"):
        world, summary = _run(escape, seed, pilot)
        assert summary.outcome == "won", (pilot, summary)
        assert world.time_left >= 0.1 * world.time_limit, (pilot, summary)


@pytest.mark.integration
def test_escape_idle_loses(escape):
    _, summary = _run(escape, 2, "idle")
    assert summary.outcome in ("lost", "timeout"), summary


def _after_lock(escape, seed: int, thrust_on: float) -> str:
    """Fly the autopilot to the lock, then hold the shuttle's last command (thrust toward
    the starship) for `thrust_on` seconds at the starship's helm before the reverse."""
    from game.pilots import Autopilot

    world = new_world(escape, seed)
    pilot = Autopilot(escape)
    while not world.state.locked and world.outcome is None:
        step(world, pilot(world))
    assert world.state.locked
    for _ in range(round(thrust_on / world.dt)):
        step(world, {"thrust"})
    while world.outcome is None:
        step(world, pilot(world))
    return world.outcome.result


@pytest.mark.integration
def test_escape_handover_punishes_a_slow_reaction(escape):
    """The handover is where the reaction shows: thrust held on at the starship's helm
    drags both ships back toward the ellipse. A quick hand wins, a very slow one loses."""
    assert _after_lock(escape, 1, 0.1) == "won"
    assert _after_lock(escape, 1, 1.0) != "won"


@pytest.mark.integration
def test_escape_handover_is_graded_not_a_cliff(escape):
    """A tenth of a second more on the wrong key at the handover costs time, not the run."""
    assert _after_lock(escape, 1, 0.25) == "won"
    assert _after_lock(escape, 1, 0.35) == "won"


def _tow(escape, seed: int, ease: bool):
    """The autopilot to the lock, then the starship's helm with or without easing off in
    the gusts: (outcome, shuttle hull lost during the tow, gusts met)."""
    from game.pilots import Autopilot

    world = new_world(escape, seed)
    pilot = Autopilot(escape)
    while not world.state.locked and world.outcome is None:
        step(world, pilot(world))
    st = world.state
    hull0 = float(world.bodies.hull[st.shuttle])
    gusts = 0
    while world.outcome is None:
        cmds = set(pilot(world))
        if not ease:
            cmds.add("reverse")
        gusts += sum(ev.kind == "gust" for ev in step(world, cmds))
    return world.outcome.result, hull0 - float(world.bodies.hull[st.shuttle]), gusts


@pytest.mark.integration
def test_pulling_through_the_gusts_strains_the_shuttle_more_than_easing_off(escape):
    """The tow's continuous reaction test: a gust grips the shuttle in the shear, and
    full reverse held against it puts the strain on the beam and the shuttle's hull."""
    eased, eased_loss, gusts = _tow(escape, 1, ease=True)
    pulled, pulled_loss, _ = _tow(escape, 1, ease=False)
    assert gusts >= 2
    assert eased == "won"
    assert pulled_loss > eased_loss + 5.0, (pulled_loss, eased_loss)


def test_gusts_build_hold_and_die_away(escape):
    from game.sim.kinds.escape import gust_level

    world = new_world(escape, 1)
    st = world.state
    c = escape.config.escape
    st.gust_at, st.gust_hold, st.gust_strength = 10.0, 1.0, 1.0
    assert gust_level(world, 9.9) == 0.0
    assert 0.0 < gust_level(world, 10.0 + c.gust_rise / 2) < 1.0
    assert gust_level(world, 10.0 + c.gust_rise + 0.5) == pytest.approx(1.0)
    assert gust_level(world, 10.0 + 2 * c.gust_rise + 1.0 + 0.01) == 0.0
