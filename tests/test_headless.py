"""Headless playthroughs: the autopilot wins, an idle pilot loses, recordings replay."""

import json
import subprocess
import sys

import pytest

from game.headless import Recorder, Recording, simulate
from game.sim import new_world

pytestmark = pytest.mark.integration  # playthroughs, windows and the command line

@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_autopilot_wins_anomaly(anomaly, seed):
    world, summary = simulate(anomaly, seed)
    assert summary.outcome == "won", summary
    assert summary.telemetry >= anomaly.config.probe_objective.telemetry_required
    assert summary.hull > 0
    assert summary.score > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_idle_pilot_loses_anomaly(anomaly, seed):
    idle = Recording("anomaly", seed, [])
    world, summary = simulate(anomaly, seed, idle.pilot())
    assert summary.outcome == "lost", summary
    assert summary.telemetry == 0


def test_recording_replays_exactly(anomaly, tmp_path):
    recorder = Recorder("anomaly", 3)
    world, summary = simulate(anomaly, 3, recorder=recorder)
    path = tmp_path / "run.json"
    path.write_text(recorder.recording.to_json())
    replay = Recording.load(path)
    assert replay.seed == 3 and replay.level == "anomaly"
    world2, summary2 = simulate(anomaly, replay.seed, replay.pilot())
    assert summary2 == summary
    assert world2.digest() == world.digest()


def test_max_seconds_stops_early(anomaly):
    world, summary = simulate(anomaly, 1, max_seconds=3.0)
    assert summary.outcome == "timeout" and summary.steps == 360
    assert summary.reason == "stopped at --max-seconds"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=300)


def test_simulate_json_contract(tmp_path):
    out = run_cli("simulate", "--level", "anomaly", "--autopilot", "--json", "--seed", "2")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("level", "seed", "outcome", "reason", "sim_time_s", "steps", "score", "next"):
        assert key in data
    assert data["level"] == "anomaly" and data["seed"] == 2 and data["outcome"] == "won"
    assert data["next"] == "eye_of_the_storm"


def test_simulate_idle_inputs_file_and_record(tmp_path):
    idle = tmp_path / "idle.json"
    idle.write_text('{"level": "anomaly", "seed": 1, "inputs": []}')
    rec = tmp_path / "rec.json"
    out = run_cli("simulate", "--inputs", str(idle), "--json", "--record", str(rec))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["outcome"] == "lost" and data["next"] == "retry"
    again = run_cli("simulate", "--inputs", str(rec), "--json")
    assert json.loads(again.stdout) == data


@pytest.mark.parametrize("content,expected", [
    ("{", "not valid JSON"),
    ('{"level": "anomaly", "inputs": [[0, ["warp"]]]}', "inputs[0]: unknown command 'warp'"),
    ('{"level": "anomaly", "inputs": [[5, []], [2, []]]}', "inputs[1]: steps must increase"),
    ('{"seed": 1, "inputs": []}', "level: expected a level id or path"),
])
def test_bad_recordings_get_one_clear_line(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content)
    out = run_cli("simulate", "--inputs", str(path))
    assert out.returncode == 1
    assert expected in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1


def test_unknown_level_is_one_line():
    out = run_cli("simulate", "--level", "atlantis", "--autopilot")
    assert out.returncode == 1
    assert "no level with id 'atlantis'" in out.stderr and "Traceback" not in out.stderr


def test_balance_report():
    out = run_cli("simulate", "--level", "anomaly", "--autopilot", "--seeds", "1-3", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["runs"] == 3 and 0.0 <= report["win_rate"] <= 1.0
    assert len(report["per_seed"]) == 3


def test_schema_is_json():
    out = run_cli("schema")
    schema = json.loads(out.stdout)
    assert "level" in schema["properties"] and schema["additionalProperties"] is False


def test_world_uses_the_level_seed_by_default(anomaly):
    assert new_world(anomaly).seed == anomaly.config.level.seed
