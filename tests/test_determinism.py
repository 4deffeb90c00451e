"""Same seed and commands give the same run, bit for bit, in every level kind; and the
digest sees the kind's own state, not only the core."""

import dataclasses

import numpy as np
import pytest

from game.levels import load_level
from game.pilots import Autopilot
from game.run import Run
from game.sim import new_world

# every shipped level (one per kind), flown far enough that its own mechanic is under way
LEVELS = {"ares_iv": 20.0, "anomaly": 25.0, "eye_of_the_storm": 25.0, "dark_matter": 40.0,
          "salvage": 30.0, "escape": 40.0, "survival": 25.0}


def run(level, seed, seconds):
    world = new_world(level, seed)
    Run(world, Autopilot(level)).run_until(seconds)
    return world


@pytest.mark.parametrize("level_id", sorted(LEVELS))
def test_same_seed_same_state_in_every_kind(level_id):
    level = load_level(level_id)
    seconds = LEVELS[level_id]
    assert run(level, 4, seconds).digest() == run(level, 4, seconds).digest()


def test_other_seed_other_state(anomaly):
    assert run(anomaly, 4, 5.0).digest() != run(anomaly, 5, 5.0).digest()


def leaves(state):
    """(owner, field name) of every plain field of a kind's state, nested states included."""
    for f in dataclasses.fields(state):
        value = getattr(state, f.name)
        if dataclasses.is_dataclass(value):
            yield from leaves(value)
        else:
            yield state, f.name


def nudged(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)) and np.isfinite(value):
        return value + 1
    if isinstance(value, np.ndarray) and value.size and value.dtype.kind == "f":
        out = value.copy()
        out.flat[0] += 1.0
        return out
    return None


@pytest.mark.parametrize("level_id", sorted(LEVELS))
def test_the_digest_covers_the_kinds_own_state(level_id):
    world = new_world(load_level(level_id), 1)
    before = world.digest()
    checked = 0
    for owner, name in leaves(world.state):
        value = getattr(owner, name)
        other = nudged(value)
        if other is None:
            continue
        setattr(owner, name, other)
        assert world.digest() != before, f"{level_id}: digest blind to {name}"
        setattr(owner, name, value)
        assert world.digest() == before
        checked += 1
    assert checked > 0, f"{level_id}: the kind keeps no state of its own"
