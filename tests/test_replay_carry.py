"""Recordings of a campaign level that started from a carry-over (the salvage after dark
matter: the module far off, the hull down, systems knocked out) record that carry, and
replaying them (headless, `simulate --inputs`, the window's replays) starts from it again."""

from __future__ import annotations

import json

import pytest

from game import cli
from game.headless import InputsError, Recorder, Recording, simulate
from game.levels import load_level
from game.run import Run
from game.sim import new_world

# what dark matter hands on when the front leaves the module far away
FAR = {"module_distance": 800.0, "hull": 62.5, "systems": ["sensors", "shields", "tractor"]}


@pytest.fixture(scope="module")
def salvage():
    return load_level("salvage")


@pytest.fixture(scope="module")
def recorded(salvage, tmp_path_factory):
    """A salvage run flown by the autopilot from the far carry, recorded and saved."""
    recorder = Recorder("salvage", 1, salvage, carry=FAR)
    world, summary = simulate(salvage, 1, None, None, recorder, carry=FAR)
    path = tmp_path_factory.mktemp("carry") / "far.json"
    path.write_text(recorder.recording.to_json(), encoding="utf-8")
    return world, summary, path


def test_the_recording_holds_the_carry(recorded):
    _, _, path = recorded
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["carry"] == FAR
    assert Recording.load(path).carry == FAR


@pytest.mark.integration
def test_a_far_carry_replays_to_the_same_digest(salvage, recorded):
    world, summary, path = recorded
    recording = Recording.load(path)
    again, replayed = simulate(salvage, recording.seed, recording.pilot(), carry=recording.carry)
    assert again.digest() == world.digest()
    assert (replayed.outcome, replayed.steps, replayed.score) == (summary.outcome, summary.steps, summary.score)
    # the same inputs from no carry-over play out otherwise: the carry is what makes it match
    plain, _ = simulate(salvage, recording.seed, recording.pilot())
    assert plain.digest() != world.digest()


@pytest.mark.integration
def test_simulate_inputs_replays_with_the_recorded_carry(recorded, tmp_path, capsys):
    world, summary, path = recorded
    again = tmp_path / "again.json"
    assert cli.main(["simulate", "--inputs", str(path), "--json", "--record", str(again)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["outcome"], out["steps"], out["score"]) == (summary.outcome, summary.steps, summary.score)
    # recording a replay keeps its carry
    assert Recording.load(again).carry == FAR
    stripped = json.loads(path.read_text(encoding="utf-8"))
    del stripped["carry"]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(stripped), encoding="utf-8")
    assert cli.main(["simulate", "--inputs", str(bare), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["steps"], out["score"]) != (summary.steps, summary.score)


def test_a_recording_without_a_carry_loads_and_writes_none(tmp_path):
    old = tmp_path / "old.json"
    old.write_text('{"level": "salvage", "seed": 2, "inputs": [[0, ["thrust"]]]}', encoding="utf-8")
    recording = Recording.load(old)
    assert recording.carry == {}
    assert "carry" not in json.loads(recording.to_json())


def test_the_carry_replays_step_by_step(salvage):
    """A short recording: the same steps from the recorded carry give the same world."""
    recorder = Recorder("salvage", 4, salvage, carry=FAR)
    world = new_world(salvage, 4, FAR)
    Run(world, lambda _w: frozenset({"thrust"}), recorder).run(120)
    recording = Recording.from_data(json.loads(recorder.recording.to_json()), "short.json")
    replay = new_world(salvage, recording.seed, recording.carry)
    Run(replay, recording.pilot()).run(120)
    assert replay.digest() == world.digest()
    assert replay.player.health["sensors"] == world.player.health["sensors"] < 100.0


@pytest.mark.parametrize("carry, problem", [
    ([1, 2], "carry: expected an object"),
    ({"fuel": 3}, "carry.fuel: unknown"),
    ({"hull": "full"}, "carry.hull: expected a number"),
    ({"module_distance": -5}, "carry.module_distance: expected a number, 0 or more"),
    ({"systems": "sensors"}, "carry.systems: expected a list"),
])
def test_a_broken_carry_is_named(tmp_path, carry, problem):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"level": "salvage", "seed": 1, "carry": carry, "inputs": []}), encoding="utf-8")
    with pytest.raises(InputsError) as e:
        Recording.load(path)
    assert problem in str(e.value) and "bad.json" in str(e.value)


def test_the_balance_report_runs_from_a_given_carry(capsys):
    """`simulate --carry` starts every run of the report where the campaign would: the
    salvage with her far away and a damaged hull is a different level from the fresh one."""
    far = '{"module_distance": 800, "hull": 60, "systems": ["shields", "sensors"]}'
    assert cli.main(["simulate", "--level", "salvage", "--seeds", "1", "--pilot", "autopilot",
                     "--carry", far, "--json"]) == 0
    carried = json.loads(capsys.readouterr().out)
    assert cli.main(["simulate", "--level", "salvage", "--seeds", "1", "--pilot", "autopilot", "--json"]) == 0
    fresh = json.loads(capsys.readouterr().out)
    assert carried["carry"]["module_distance"] == 800.0 and "carry" not in fresh
    run_carried, run_fresh = carried["pilots"][0]["per_seed"][0], fresh["pilots"][0]["per_seed"][0]
    assert (run_carried["steps"], run_carried["hull"]) != (run_fresh["steps"], run_fresh["hull"])


@pytest.mark.parametrize("text, problem", [
    ('{"hull": -3}', "carry.hull: expected a number, 0 or more"),
    ('{"fuel": 3}', "carry.fuel: unknown"),
    ("{hull", "not JSON"),
])
def test_a_broken_carry_argument_is_one_line_and_exit_2(text, problem, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["simulate", "--level", "salvage", "--seeds", "1", "--carry", text])
    assert stop.value.code == 2
    assert problem in capsys.readouterr().err
